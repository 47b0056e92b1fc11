import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtTest
import SafeLoop.App
import SafeLoop.Ui

/// Renders the shared components on a 400×800 phone page in both languages and saves the
/// pictures under /tmp for review (docs/screenshots/ holds reviewed copies).
TestCase {
    id: testCase
    name: "ComponentGallery"
    width: 400
    height: 800
    visible: true
    when: windowShown

    ListModel {
        id: photos
        ListElement { source: ""; syncState: "uploaded"; capturedAt: "2026-11-25T10:42:00"; accuracyM: 6 }
        ListElement { source: ""; syncState: "uploading"; capturedAt: "2026-11-25T10:44:00"; accuracyM: 65 }
        ListElement { source: ""; syncState: "pending"; capturedAt: "2026-11-25T10:45:00"; accuracyM: -1 }
    }

    Rectangle {
        id: page
        width: 400
        height: 800
        color: Theme.background
        Material.theme: Material.Light
        Material.primary: Theme.primary
        Material.accent: Theme.accent

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing

            SyncBar {
                Layout.fillWidth: true
                pendingCount: 3
                lastSyncTime: new Date(2026, 10, 25, 10, 42)
            }
            SyncBar {
                Layout.fillWidth: true
                syncState: SyncState.NeedsLogin
                pendingCount: 3
            }
            ErrorBanner {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacing
                Layout.rightMargin: Theme.spacing
                text: qsTr("照片没有保存：存储空间已满。")
                actionText: qsTr("清理空间")
            }
            Flow {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                spacing: Theme.spacing
                StatusChip { status: HazardStatus.Open; overdue: true }
                StatusChip { status: HazardStatus.Submitted }
                StatusChip { status: HazardStatus.Rejected }
                StatusChip { status: HazardStatus.Verified }
                StatusChip { status: HazardStatus.Escalated }
                RiskGradeBadge { grade: "red" }
                RiskGradeBadge { grade: "yellow" }
            }
            PassFailNa {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                value: "fail"
            }
            PhotoStrip {
                Layout.fillWidth: true
                model: photos
            }
            SignatureBox {
                id: signature
                Layout.fillWidth: true
                Layout.preferredHeight: 170
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                signerLabel: qsTr("企业负责人签名")
            }
            EmptyState {
                Layout.fillWidth: true
                Layout.fillHeight: true
                title: qsTr("今天没有检查计划")
                text: qsTr("到“企业”页搜索一家企业，开始一次检查。")
                actionText: qsTr("搜索企业")
            }
        }
    }

    function cleanup() {
        Localization.setLanguage("zh_CN")
    }

    function shoot(file) {
        tryVerify(() => !isPolishScheduled(page))
        waitForRendering(page)
        let saved = false
        verify(page.grabToImage(result => { saved = result.saveToFile(file) }))
        tryVerify(() => saved, 5000, file)
    }

    function test_gallery() {
        signature.pad.addStroke([Qt.point(30, 80), Qt.point(80, 35), Qt.point(120, 85), Qt.point(170, 40),
                                 Qt.point(230, 75), Qt.point(300, 50)])
        shoot("/tmp/safeloop-components-zh_CN.png")
        verify(Localization.setLanguage("en"))
        shoot("/tmp/safeloop-components-en.png")
    }
}
