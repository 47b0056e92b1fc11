import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// The inspection page's "documents" stage: the finished inspection's record and, when it
/// recorded hazards, its rectification order (enforcement) or guidance opinion (guidance), each with its first page and a button to open it.
Flickable {
    id: root

    required property InspectionController controller

    /// The document at `path` should be shown full screen under `title`.
    signal openRequested(string path, string title)

    contentHeight: documentsColumn.implicitHeight + Theme.margin * 2
    clip: true
    boundsBehavior: Flickable.StopAtBounds

    ColumnLayout {
        id: documentsColumn
        x: Theme.margin
        y: Theme.margin
        width: root.width - Theme.margin * 2
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: qsTr("检查已完成。文书会在下次同步后上传，企业在同步后能看到整改要求。")
            wrapMode: Text.WordWrap
            color: Theme.success
        }
        DocumentCard {
            id: recordCard
            objectName: "recordDocument"
            Layout.fillWidth: true
            title: qsTr("现场检查记录 %1").arg(root.controller.recordNumber)
            source: root.controller.recordPdf
            openText: qsTr("查看检查记录")
            onOpenRequested: root.openRequested(root.controller.recordPdf, recordCard.title)
        }
        DocumentCard {
            id: orderCard
            objectName: "orderDocument"
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacing
            Layout.bottomMargin: Theme.margin
            visible: root.controller.orderPdf.length > 0
            title: qsTr("责令限期整改指令书 %1").arg(root.controller.orderNumber)
            source: root.controller.orderPdf
            openText: qsTr("查看整改指令书")
            onOpenRequested: root.openRequested(root.controller.orderPdf, orderCard.title)
        }
        DocumentCard {
            id: guidanceCard
            objectName: "guidanceDocument"
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacing
            Layout.bottomMargin: Theme.margin
            visible: root.controller.guidancePdf.length > 0
            title: qsTr("安全检查指导意见")
            source: root.controller.guidancePdf
            openText: qsTr("查看指导意见")
            onOpenRequested: root.openRequested(root.controller.guidancePdf, guidanceCard.title)
        }
    }
}
