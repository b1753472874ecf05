import QtQuick
import QtQuick.Controls

// What every Concierge dialog shares: modal over a dimmed window, centred, Escape closes, and a
// title shown as plain text (titles quote room names, which come from the server).
Dialog {
    id: root

    property int preferredWidth: 520
    // What a screen reader reads after the dialog's title (a warning such as "cannot be undone"),
    // also when focus opens on a button: the description of the dialog's own accessible item.
    property string description: ""

    // The dialog's accessible item is the popup's item (the contentItem's parent): a Popup is no
    // Item, so Accessible set on the Dialog itself would reach no screen reader.
    function applyDescription() {
        const item = root.contentItem ? root.contentItem.parent : null
        if (item)
            item.Accessible.description = root.description
    }
    onDescriptionChanged: applyDescription()
    onAboutToShow: applyDescription()

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
