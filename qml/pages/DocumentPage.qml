import QtQuick
import QtQuick.Controls.Material
import SafeLoop.Ui

/// A document (PDF) full screen over the shell: the header with 返回 and the document's name,
/// then DocumentViewer. Opened with `Navigator.openPage("document", {source, title})`; `title`
/// (Page's own) is the document's name and number, e.g. "责令限期整改指令书 (青)应急责改〔2026〕12号".
Page {
    id: root

    /// The PDF: an absolute path or a file URL.
    property string source
    /// The viewer, for tests.
    readonly property DocumentViewer viewer: documentViewer

    objectName: "documentPage"
    background: Rectangle {
        color: Theme.background
    }

    header: NavHeader {
        title: root.title.length > 0 ? root.title : qsTr("文书")
        onBackClicked: Navigator.back()
    }

    DocumentViewer {
        id: documentViewer
        objectName: "documentViewer"
        anchors.fill: parent
        source: root.source
        closable: false
        onClosed: Navigator.back()
    }
}
