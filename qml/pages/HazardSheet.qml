pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// Hazard capture sheet: pre-filled from the failed item — its finding phrased as the violation,
/// which the inspector confirms or rewrites before saving; place and category picked from what
/// this enterprise's hazards used before; level, measure, deadline picked on a calendar
/// (defaults by level), photos and the GPS fix with its warnings (never blocking).
Page {
    id: root

    required property InspectionController controller
    /// The failed item's code ("" for a hazard not tied to an item).
    property string itemCode
    property list<string> photoIds
    property var photoEntries: []
    /// The finding proposed from the checklist item; saving needs it confirmed or rewritten.
    property string proposedFinding
    /// The inspector rewrote the proposed finding, or ticked that it states what was found.
    readonly property bool findingChecked: findingConfirmed.checked || description.text.trim() !== root.proposedFinding.trim()
    /// The positioning source; the sheet starts it.
    property PositionProvider position: PositionProvider {}

    signal saved(string hazardId)
    signal cancelled()

    function load() {
        const p = Object.assign({}, root.controller.proposeHazard(root.itemCode))
        description.text = p.description ?? ""
        root.proposedFinding = description.text
        findingConfirmed.checked = false
        place.editText = p.place ?? ""
        level.currentIndex = p.level === "major" ? 1 : 0
        category.editText = p.category ?? ""
        measure.text = p.measure ?? ""
        basis.text = p.basis ?? ""
        basis.expanded = false
        deadline.date = p.deadline ?? root.controller.defaultDeadline("general")
        root.photoIds = p.photoIds ?? []
        root.photoEntries = []
    }

    function save() {
        const loc = root.position.fixMap()
        root.controller.createHazard({
            itemCode: root.itemCode, description: description.text, place: place.editText,
            level: level.currentIndex === 1 ? "major" : "general", category: category.editText,
            basis: basis.text, measure: measure.text, deadline: deadline.date,
            photoIds: root.photoIds, location: loc
        })
    }

    Component.onCompleted: {
        root.load()
        const e = Object.assign({}, root.controller.enterprise)
        if (e.lat !== undefined)
            root.position.setEnterpriseLocation(e.lat, e.lon)
        root.position.start()
    }

    Connections {
        target: root.controller
        function onHazardCreated(hazardId: string) { root.saved(hazardId) }
        function onPhotoImported(id: string, url: url) {
            root.photoIds = root.photoIds.concat([id])
            root.photoEntries = root.photoEntries.concat([{ source: url, syncState: "pending", capturedAt: new Date(), accuracyM: root.position.fix.accuracyM }])
        }
    }

    HazardPickLists {
        id: pickLists
        store: DeviceStore
        enterpriseId: root.controller.enterpriseId
    }

    FileDialog {
        id: photoDialog
        title: qsTr("选择照片")
        nameFilters: [qsTr("图片 (*.jpg *.jpeg *.png)")]
        onAccepted: root.controller.importPhoto(photoDialog.selectedFile, root.position.fix)
    }

    // The camera covers the sheet while it is open; the sheet's own fix is stamped on the shot.
    Loader {
        id: cameraLoader
        objectName: "hazardCameraLoader"
        anchors.fill: parent
        z: 2
        function open() {
            cameraLoader.setSource(Qt.resolvedUrl("../components/CameraCapture.qml"),
                                   { position: root.position })
        }
        function close() { cameraLoader.source = "" }
    }
    Connections {
        target: cameraLoader.item as CameraCapture
        function onPhotoUsed(attachment: var) {
            root.controller.importCapturedPhoto(attachment)
            cameraLoader.close()
        }
        function onPickFileRequested() {
            cameraLoader.close()
            photoDialog.open()
        }
        function onCancelled() { cameraLoader.close() }
    }

    background: Rectangle { color: Theme.background }

    header: Label {
        text: qsTr("记录隐患")
        font.pixelSize: Theme.fontTitle
        font.bold: true
        padding: Theme.margin
        color: Theme.text
    }

    footer: RowLayout {
        spacing: 0
        ActionButton {
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            text: qsTr("取消")
            fillColor: Theme.neutralSurface
            labelColor: Theme.text
            onClicked: root.cancelled()
        }
        ActionButton {
            objectName: "saveHazardButton"
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            text: qsTr("保存隐患")
            enabled: description.text.trim().length > 0 && root.findingChecked && deadline.date.length > 0 && !root.controller.busy
            onClicked: root.save()
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + Theme.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            id: column
            width: flick.width - Theme.margin * 2
            x: Theme.margin
            spacing: Theme.spacing

            ErrorBanner {
                Layout.fillWidth: true
                visible: root.controller.errorMessage.length > 0
                text: root.controller.errorMessage
            }
            Label { text: qsTr("位置"); color: Theme.textMuted }
            Label {
                objectName: "hazardLocation"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                text: !root.position.hasFix ? qsTr("正在定位…（没有定位也可以保存）")
                      : qsTr("%1，%2 · %3 · %4 · 来源 %5")
                          .arg(root.position.fix.latitude.toFixed(5)).arg(root.position.fix.longitude.toFixed(5))
                          .arg(root.position.fix.accuracyKnown ? qsTr("精度 %1 米").arg(Math.round(root.position.fix.accuracyM)) : qsTr("精度未知"))
                          .arg(Localization.formatTime(root.position.fix.fixTime))
                          .arg(root.position.sourceLabel)
            }
            Label {
                objectName: "hazardLocationWarning"
                Layout.fillWidth: true
                visible: root.position.fix.lowAccuracy || root.position.fix.farFromEnterprise
                wrapMode: Text.WordWrap
                color: Theme.warning
                text: root.position.fix.farFromEnterprise
                      ? qsTr("当前位置距企业登记地址约 %1 米（超过 %2 米），可以继续，位置提示会随隐患一并记录。").arg(Math.round(root.position.fix.distanceToEnterpriseM)).arg(root.position.maxDistanceM)
                      : qsTr("定位精度低于 %1 米，可以继续，精度提示会随隐患一并记录。").arg(root.position.maxAccuracyM)
            }
            Label { text: qsTr("隐患描述（现场发现的问题）"); color: Theme.textMuted }
            TextArea {
                id: description
                objectName: "hazardDescription"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                wrapMode: TextEdit.Wrap
            }
            Label {
                objectName: "findingHint"
                Layout.fillWidth: true
                visible: !root.findingChecked
                wrapMode: Text.WordWrap
                color: Theme.warning
                font.pixelSize: Theme.fontSmall
                text: qsTr("整改指令书会写明这段描述。请写清现场发现了什么（例如“二车间配电箱未设置警示标志”），核对后勾选下面一项，或直接修改。")
            }
            CheckBox {
                id: findingConfirmed
                objectName: "findingConfirmed"
                Layout.fillWidth: true
                visible: description.text.trim() === root.proposedFinding.trim()
                text: qsTr("已核对：描述写的是现场发现的问题")
            }
            Label { text: qsTr("部位"); color: Theme.textMuted }
            ComboBox {
                id: place
                objectName: "hazardPlace"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                editable: true
                model: pickLists.places
                // An empty list still takes typing; the hint shows until something is typed.
                Label {
                    anchors.fill: parent
                    anchors.leftMargin: place.leftPadding
                    verticalAlignment: Text.AlignVCenter
                    visible: place.editText.length === 0
                    text: pickLists.places.length > 0 ? qsTr("选择本企业用过的部位，或输入") : qsTr("如：冲压二车间")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }
            }
            Label { text: qsTr("隐患等级"); color: Theme.textMuted }
            ComboBox {
                id: level
                objectName: "hazardLevel"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                model: [qsTr("一般隐患"), qsTr("重大隐患")]
                onActivated: deadline.date = root.controller.defaultDeadline(level.currentIndex === 1 ? "major" : "general")
            }
            Label { text: qsTr("类别"); color: Theme.textMuted }
            ComboBox {
                id: category
                objectName: "hazardCategory"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                editable: true
                model: pickLists.categories
            }
            Label { text: qsTr("依据"); color: Theme.textMuted }
            // The checklist's legal basis, read not typed: its beginning shows (elided at the end),
            // a tap shows all of it and a second tap folds it again.
            Label {
                id: basis
                objectName: "hazardBasis"
                property bool expanded: false
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.WordWrap
                maximumLineCount: basis.expanded ? 1000 : 2
                elide: basis.expanded ? Text.ElideNone : Text.ElideRight
                color: Theme.text
                Accessible.role: Accessible.Button
                Accessible.name: basis.text
                TapHandler {
                    onTapped: basis.expanded = !basis.expanded
                }
            }
            Label { text: qsTr("整改措施"); color: Theme.textMuted }
            TextArea {
                id: measure
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                wrapMode: TextEdit.Wrap
            }
            Label { text: qsTr("整改期限"); color: Theme.textMuted }
            DateField {
                id: deadline
                objectName: "hazardDeadline"
                Layout.fillWidth: true
                minimumDate: Qt.formatDate(new Date(), "yyyy-MM-dd")
                quickDays: [7, 15, 30, 60]
            }
            Label { text: qsTr("照片"); color: Theme.textMuted }
            PhotoStrip {
                objectName: "hazardPhotoStrip"
                Layout.fillWidth: true
                model: root.photoEntries
                onAddPhotoRequested: photoDialog.open()
                onTakePhotoRequested: cameraLoader.open()
            }
            Label {
                Layout.fillWidth: true
                visible: root.photoIds.length > root.photoEntries.length
                text: qsTr("已带入检查项的 %n 张照片", "", root.photoIds.length - root.photoEntries.length)
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }
    }
}
