import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// One document in a list of documents: its name, the first page as a picture and its page
/// count, and 查看 to open it in full (openRequested; the page opens DocumentPage). Rendered
/// inside the app by Qt PDF; says so in words when the file is missing or unreadable.
ColumnLayout {
    id: root

    /// The document's name and number, e.g. "现场检查记录 (青)应急检记〔2026〕7号".
    property string title
    /// The PDF: an absolute path or a file URL.
    property string source
    /// Label of the button that opens the document.
    property string openText: qsTr("查看全文")
    /// Status of the file: PdfDocumentInfo.Null, Loading, Ready or Error.
    readonly property int status: doc.status
    /// Number of pages (0 until the file is read).
    readonly property int pageCount: doc.pageCount

    /// The user asked to read the whole document.
    signal openRequested

    spacing: Theme.spacing

    PdfDocumentInfo {
        id: doc
        source: root.source
    }

    Label {
        Layout.fillWidth: true
        text: root.title
        font.bold: true
        wrapMode: Text.WordWrap
        color: Theme.text
    }
    Rectangle {
        Layout.fillWidth: true
        // pageAspect and pageSource are calls: naming status makes them follow the file.
        Layout.preferredHeight: Math.round(width * (doc.status === PdfDocumentInfo.Ready ? doc.pageAspect(0) : 297 / 210))
        visible: doc.status === PdfDocumentInfo.Ready
        color: Theme.surface
        border.color: Theme.border
        Image {
            id: firstPage
            objectName: "documentThumbnail"
            anchors.fill: parent
            anchors.margins: 1
            source: doc.status === PdfDocumentInfo.Ready && firstPage.width > 0 ? doc.pageSource(0) : ""
            sourceSize.width: Math.round(firstPage.width * Screen.devicePixelRatio)
            asynchronous: true
            fillMode: Image.PreserveAspectFit
        }
        TapHandler {
            onTapped: root.openRequested()
        }
    }
    Label {
        Layout.fillWidth: true
        visible: doc.status === PdfDocumentInfo.Error
        text: doc.errorMessage
        wrapMode: Text.WordWrap
        color: Theme.danger
    }
    ActionButton {
        objectName: "openDocumentButton"
        Layout.fillWidth: true
        enabled: doc.status === PdfDocumentInfo.Ready
        text: doc.pageCount > 0 ? qsTr("%1（共 %2 页）").arg(root.openText).arg(doc.pageCount) : root.openText
        onClicked: root.openRequested()
    }
}
