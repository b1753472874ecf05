import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Why a room's last action failed, and Dismiss (RoomDelegate loads it only while the room has
// an error, by `source:`, so the rows of a launch do not each carry a button). The server's text
// is shown as plain text. The keyboard's way to dismiss is the row's menu ("Dismiss the error").
RowLayout {
    id: root

    property string errorText: ""
    property string roomTitle: ""

    signal dismissRequested()

    objectName: "errorRow"
    spacing: Theme.spacing / 2

    Label {
        objectName: "roomError"
        Layout.fillWidth: true
        text: "⚠ " + root.errorText
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        maximumLineCount: 3
        elide: Text.ElideRight
        color: Theme.errorText
    }
    Button {
        Accessible.onPressAction: clicked()
        focusPolicy: Qt.ClickFocus
        objectName: "roomErrorDismiss"
        flat: true
        palette.buttonText: Theme.text
        text: qsTr("Dismiss")
        Accessible.name: qsTr("Dismiss the error for %1").arg(root.roomTitle)
        onClicked: root.dismissRequested()
    }
}
