import QtQuick
import QtQuick.Controls

// What every Concierge dialog shares: modal over a dimmed window, centred, Escape closes, and a
// title shown as plain text (titles quote room names, which come from the server).
Dialog {
    id: root

    property int preferredWidth: 520

    modal: true
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(preferredWidth, parent ? parent.width - 32 : preferredWidth)
    height: Math.min(implicitHeight, parent ? parent.height - 32 : implicitHeight)
    padding: 16
    topPadding: 8
    focus: true
    closePolicy: Popup.CloseOnEscape

    Overlay.modal: Rectangle {
        color: Qt.rgba(0, 0, 0, Theme.dark ? 0.55 : 0.35)
    }

    header: Label {
        objectName: root.objectName + "Title"
        text: root.title
        textFormat: Text.PlainText
        elide: Text.ElideRight
        font.bold: true
        font.pixelSize: Math.round(root.font.pixelSize * 1.25)
        leftPadding: 16
        rightPadding: 16
        topPadding: 14
        bottomPadding: 4
        Accessible.role: Accessible.TitleBar
        Accessible.name: text
    }
}
