pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// An enterprise's documents (现场检查记录, 责令限期整改指令书, 整改复查意见书), one group per
/// inspection, newest first: the day of the inspection, then each document's kind, number and
/// day of issue. A tap opens the PDF in the app's viewer; a document whose PDF has not arrived
/// says so and opens nothing. The same list on the enterprise's own 企业信息 and on the
/// inspector's and supervisor's enterprise page.
ColumnLayout {
    id: root

    /// EnterpriseController.receivedDocuments: [{inspectionId, issuedOn, documents: [{id, kind,
    /// number, issuedOn, pdf, pdfPending}]}].
    property var groups: []
    /// The documents of all groups.
    readonly property int documentCount: {
        let n = 0;
        for (const g of root.groups)
            n += g.documents.length;
        return n;
    }

    /// A document's kind in words.
    function documentKindName(kind: string): string {
        switch (kind) {
        case "inspection_record":
            return qsTr("现场检查记录");
        case "rectification_order":
            return qsTr("责令限期整改指令书");
        case "reinspection_opinion":
            return qsTr("整改复查意见书");
        }
        return kind;
    }

    spacing: 0

    Repeater {
        model: root.groups
        delegate: ColumnLayout {
            id: group
            required property var modelData
            objectName: "receivedInspection"
            Layout.fillWidth: true
            spacing: 0
            Label {
                objectName: "receivedInspectionDate"
                Layout.fillWidth: true
                topPadding: Theme.spacing / 2
                text: qsTr("%1 检查").arg(Localization.formatDate(group.modelData.issuedOn))
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
            Repeater {
                model: group.modelData.documents
                delegate: ItemDelegate {
                    id: documentRow
                    required property var modelData
                    readonly property string kindName: root.documentKindName(documentRow.modelData.kind)
                    objectName: "receivedDocument"
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.largeTarget, implicitContentHeight + topPadding + bottomPadding)
                    enabled: documentRow.modelData.pdf.length > 0
                    text: documentRow.modelData.pdfPending ? qsTr("%1 · %2 · %3\n文件尚未下载，联网同步后可在此查看").arg(documentRow.kindName).arg(documentRow.modelData.number).arg(Localization.formatDate(documentRow.modelData.issuedOn)) : qsTr("%1 · %2 · %3").arg(documentRow.kindName).arg(documentRow.modelData.number).arg(Localization.formatDate(documentRow.modelData.issuedOn))
                    onClicked: Navigator.openPage("document", {
                            "source": documentRow.modelData.pdf,
                            "title": documentRow.kindName + " " + documentRow.modelData.number
                        })
                }
            }
        }
    }
}
