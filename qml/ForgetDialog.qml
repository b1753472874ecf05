import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "Forget <room>": explains that the history becomes unavailable. Emits forgetRequested().
BaseDialog {
    id: root

    property string roomId
    property string roomName

    signal forgetRequested(string roomId)

    function openFor(room: string, name: string) {
        roomId = room
        roomName = name
        open()
    }
    function submit() {
        root.forgetRequested(roomId)
        close()
    }

    objectName: "forgetDialog"
    title: qsTr("Forget %1").arg(roomName)
    preferredWidth: 480
    description: explanation.text
    onOpened: cancelButton.forceActiveFocus()


    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Label {
            id: explanation
            textFormat: Text.PlainText
            objectName: "forgetExplanation"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("The room disappears from your list and you will no longer see its history. This cannot be undone: to return you need to join again, and messages from before may stay unavailable.")
        }
    }

    footer: DialogFooter {
        Button {
            id: forgetButton
            objectName: "forgetConfirmButton"
            text: qsTr("Forget")
            highlighted: true
            Accessible.name: qsTr("Forget %1").arg(root.roomName)
            onClicked: root.submit()
        }
        Button {
            id: cancelButton
            objectName: "forgetCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            onClicked: root.reject()
        }
    }
}
