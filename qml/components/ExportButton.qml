import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// An export action of a supervisor list or report: the button picks a new file in the export
/// folder (ExportFolder: SafeLoop in the device's documents) and emits exportRequested(path);
/// the page writes it and calls finished() with the local path written (empty when it failed),
/// and the message under the button names the file — or says the export failed.
ColumnLayout {
    id: root

    /// Prefix of the parts' objectNames: <name>Button, <name>Message.
    property string name: "export"
    /// The button's label.
    property string text: qsTr("导出 CSV")
    /// The file's name before its time stamp, e.g. 各街道覆盖率.
    property string fileTitle: qsTr("列表")
    /// "csv" or "pdf".
    property string suffix: "csv"
    /// True while the page writes the file (the button waits).
    property bool busy: false
    /// True when the last export failed.
    property bool failed: false
    /// What the user was told about the last export ("" before the first).
    readonly property string message: messageLabel.text

    /// Write the export to `path` (a new local file) and call finished().
    signal exportRequested(string path)

    /// The page wrote the file to `path` (a local path; empty = it could not be written).
    function finished(path: string) {
        root.busy = false;
        root.failed = path.length === 0;
        messageLabel.text = root.failed ? qsTr("导出失败：无法写入 %1").arg(ExportFolder.folder) : qsTr("已导出到 %1").arg(path);
    }
    /// Forgets the last message (the list behind the button changed).
    function reset() {
        root.failed = false;
        messageLabel.text = "";
    }

    spacing: Theme.spacing / 2

    ActionButton {
        objectName: root.name + "Button"
        Layout.alignment: Qt.AlignRight
        enabled: root.enabled && !root.busy
        text: root.busy ? qsTr("正在导出…") : root.text
        fillColor: Theme.surface
        labelColor: Theme.primary
        outlineColor: Theme.primary
        onClicked: {
            const path = ExportFolder.pathFor(root.fileTitle, root.suffix);
            if (path.length === 0) {
                root.finished("");
                return;
            }
            root.busy = true;
            messageLabel.text = "";
            root.exportRequested(path);
        }
    }
    Label {
        id: messageLabel
        objectName: root.name + "Message"
        Layout.fillWidth: true
        visible: messageLabel.text.length > 0
        color: root.failed ? Theme.danger : Theme.success
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WrapAnywhere
    }
}
