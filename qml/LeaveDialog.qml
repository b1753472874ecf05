import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "Leave <room>": an optional reason and "also forget". Emits leaveRequested() and closes; the
// room's row shows the progress and any error.
BaseDialog {
    id: root

    property string roomId
    property string roomName

    signal leaveRequested(string roomId, string reason, bool alsoForget)

    function openFor(room: string, name: string) {
        roomId = room
        roomName = name
        reasonField.text = ""
        forgetCheck.checked = false
        open()
    }
    function submit() {
        root.leaveRequested(roomId, reasonField.text.trim(), forgetCheck.checked)
        close()
    }

    objectName: "leaveDialog"
    title: qsTr("Leave %1").arg(roomName)
    preferredWidth: 520
    description: explanation.text
    onOpened: reasonField.forceActiveFocus()


    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            id: explanation
            objectName: "leaveExplanation"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("You will stop receiving messages from this room. To come back later you may need a new invitation.")
        }
        Label {
            textFormat: Text.PlainText
            text: qsTr("Reason (optional)")
            font.bold: true
        }
        TextField {
            id: reasonField
            objectName: "leaveReasonField"
            Layout.fillWidth: true
            placeholderText: qsTr("Shown to the room's members")
            Accessible.name: qsTr("Reason for leaving")
            selectByMouse: true
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }
        CheckBox {
            id: forgetCheck
            objectName: "leaveForgetCheck"
            Layout.fillWidth: true
            text: qsTr("Also forget this room (its history will no longer be available to you)")
            Accessible.name: qsTr("Also forget this room")
            contentItem: Label {
                textFormat: Text.PlainText
                leftPadding: forgetCheck.indicator.width + forgetCheck.spacing
                text: forgetCheck.text
                wrapMode: Text.Wrap
                verticalAlignment: Text.AlignVCenter
            }
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }
    }

    footer: DialogFooter {
        Button {
            id: leaveButton
            objectName: "leaveConfirmButton"
            text: forgetCheck.checked ? qsTr("Leave and forget") : qsTr("Leave")
            highlighted: true
            Accessible.name: text
            onClicked: root.submit()
        }
        Button {
            id: cancelButton
            objectName: "leaveCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            onClicked: root.reject()
        }
    }
}
