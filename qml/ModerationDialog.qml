import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "Kick @x from Room?": confirms one moderation action on a member with an optional reason
// (shown to the room's members and to the person). Emits confirmed() and closes; the members
// page runs the action and shows how it went. Enter (or the default button) confirms; Escape and
// Cancel close without doing anything.
//
// action: "kick" (a joined member), "revoke" (an invitation: a kick), "ban", "unban", "deny" (a
// request to join: a kick).
BaseDialog {
    id: root

    property string action: "kick"
    property string roomId
    property string roomName
    property string userId
    property string userName

    signal confirmed(string action, string roomId, string userId, string reason)

    function openFor(what: string, room: string, name: string, user: string, shownName: string) {
        action = what
        roomId = room
        roomName = name
        userId = user
        userName = shownName
        reasonField.text = ""
        open()
    }
    function submit() {
        const reason = reasonField.text.trim()
        close()
        root.confirmed(root.action, root.roomId, root.userId, reason)
    }
    // "@x" or "Bob (@x)": who, as the title names them.
    readonly property string who: userName !== "" && userName !== userId
                                  ? qsTr("%1 (%2)").arg(userName).arg(userId) : userId

    objectName: "moderationDialog"
    title: {
        switch (root.action) {
        case "ban": return qsTr("Ban %1 from %2?").arg(root.who).arg(root.roomName)
        case "unban": return qsTr("Unban %1 in %2?").arg(root.who).arg(root.roomName)
        case "revoke": return qsTr("Revoke the invitation of %1 to %2?").arg(root.who).arg(root.roomName)
        case "deny": return qsTr("Deny the request of %1 to join %2?").arg(root.who).arg(root.roomName)
        }
        return qsTr("Kick %1 from %2?").arg(root.who).arg(root.roomName)
    }
    description: explanation.text
    preferredWidth: 520
    onOpened: reasonField.forceActiveFocus(Qt.OtherFocusReason)

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            id: explanation
            objectName: "moderationExplanation"
            Layout.fillWidth: true
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            text: {
                switch (root.action) {
                case "ban": return qsTr("They leave the room and cannot come back until someone unbans them.")
                case "unban": return qsTr("They may join again if the room lets them (an invitation may still be needed).")
                case "revoke": return qsTr("The invitation is withdrawn; they can no longer accept it.")
                case "deny": return qsTr("They are told that their request was refused. They may ask again later.")
                }
                return qsTr("They leave the room and may join again if the room lets them.")
            }
        }
        Label {
            textFormat: Text.PlainText
            text: qsTr("Reason (optional)")
            font.bold: true
        }
        TextField {
            id: reasonField
            objectName: "moderationReasonField"
            Layout.fillWidth: true
            placeholderText: qsTr("Shown to them and to the room's members")
            maximumLength: 1024
            selectByMouse: true
            Accessible.name: qsTr("Reason")
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }
    }

    footer: DialogFooter {
        Button {
            objectName: "moderationConfirmButton"
            text: {
                switch (root.action) {
                case "ban": return qsTr("Ban")
                case "unban": return qsTr("Unban")
                case "revoke": return qsTr("Revoke invitation")
                case "deny": return qsTr("Deny")
                }
                return qsTr("Kick")
            }
            highlighted: true
            Accessible.name: text
            onClicked: root.submit()
        }
        Button {
            objectName: "moderationCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            onClicked: root.reject()
        }
    }
}
