import QtQuick
import QtQuick.Controls

// A square avatar: the thumbnail when the server has one (image://mxc/…, fetched with the
// access token by MxcImageProvider), otherwise the first letter of the name on a colour picked
// from a stable key. Decorative for screen readers: the row around it carries the name.
Item {
    id: root

    property url source
    property string name
    property string colorKey: name
    property int size: Theme.avatarSize

    // Decorative where something next to it names the same room or person (a row, the header).
    property bool decorative: true

    implicitWidth: size
    implicitHeight: size
    // Ignoring an item does not hide its children from screen readers: the initials and the image
    // are ignored themselves, so that no stray "A", "B" labels are read.
    Accessible.ignored: decorative
    Accessible.role: Accessible.Graphic
    Accessible.name: name

    Rectangle {
        anchors.fill: parent
        radius: Math.round(width * 0.18) // a rounded square, like the (square) thumbnails
        color: Theme.avatarColor(root.colorKey)
        visible: image.status !== Image.Ready

        Label {
            objectName: "avatarInitials"
            anchors.centerIn: parent
            text: Theme.initials(root.name)
            textFormat: Text.PlainText
            color: Theme.avatarText
            font.pixelSize: Math.round(root.size * 0.45)
            font.bold: true
            Accessible.ignored: true
        }
    }

    Image {
        id: image
        anchors.fill: parent
        source: root.source
        sourceSize.width: root.size * 2
        sourceSize.height: root.size * 2
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
        cache: true
        visible: status === Image.Ready
        Accessible.ignored: true
    }
}
