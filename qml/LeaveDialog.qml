import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// "Leave <room>": an optional reason and "also forget". Emits leaveRequested() and closes; the
// room's row shows the progress and any error.
// With a leaveCheck (services.leaveCheck) it also warns when the user is the room's only admin
// (checked on the server while the dialog is open; a failed check says so and never blocks the
// leave), and offers to leave the older versions of an upgraded room the user is still in: then
// leaveManyRequested() asks for one bulk job instead.
BaseDialog {
    id: root

    property string roomId
    property string roomName
    property LeaveCheck leaveCheck: null
    // The older versions of the room the user is still joined to (newest first), and their names.
    property var olderRoomIds: []
    property var olderRoomNames: []

    // What a leave would leave: the room, and its older versions when the box is ticked.
    readonly property var leavingIds: predecessorsCheck.checked ? withOlder(roomId) : [roomId]
    // (state: re-evaluated whenever the check changes)
    readonly property bool checkCurrent: leaveCheck !== null && leaveCheck.state !== LeaveCheck.Idle
                                         && leaveCheck.covers(roomId)
    readonly property bool adminCheckRunning: checkCurrent && leaveCheck.checking
    readonly property var soleAdminIds: checkCurrent && leaveCheck.state === LeaveCheck.Checked
                                        ? leaveCheck.soleAdminAmong(leavingIds) : []
    readonly property var uncheckedIds: checkCurrent && leaveCheck.state === LeaveCheck.Checked
                                        ? leaveCheck.failedAmong(leavingIds) : []

    signal leaveRequested(string roomId, string reason, bool alsoForget)
    // The room and its older versions (roomIds[0] is the room): one bulk job.
    signal leaveManyRequested(var roomIds, string reason, bool alsoForget)

    function withOlder(room: string): var {
        const ids = [room]
        for (const id of olderRoomIds)
            ids.push(id)
        return ids
    }
    function openFor(room: string, name: string) {
        roomId = room
        roomName = name
        reasonField.text = ""
        forgetCheck.checked = false
        predecessorsCheck.checked = false
        olderRoomIds = leaveCheck ? leaveCheck.predecessorsOf(room) : []
        olderRoomNames = leaveCheck ? leaveCheck.namesOf(olderRoomIds) : []
        if (leaveCheck)
            leaveCheck.check(withOlder(room))
        open()
    }
    function submit() {
        if (predecessorsCheck.checked && olderRoomIds.length > 0)
            root.leaveManyRequested(withOlder(roomId), reasonField.text.trim(), forgetCheck.checked)
        else
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
        CheckBox {
            id: predecessorsCheck
            objectName: "leavePredecessorsCheck"
            Layout.fillWidth: true
            visible: root.olderRoomIds.length > 0
            text: root.olderRoomIds.length === 1 ? qsTr("Also leave the older version of this room")
                                                 : qsTr("Also leave the %1 older versions of this room").arg(root.olderRoomIds.length)
            Accessible.name: text
            contentItem: Label {
                textFormat: Text.PlainText
                leftPadding: predecessorsCheck.indicator.width + predecessorsCheck.spacing
                text: predecessorsCheck.text
                wrapMode: Text.Wrap
                verticalAlignment: Text.AlignVCenter
            }
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }
        // The older versions, by name (server text: plain).
        Text {
            objectName: "leavePredecessorsList"
            Layout.fillWidth: true
            visible: root.olderRoomIds.length > 0
            leftPadding: predecessorsCheck.indicator.width + predecessorsCheck.spacing
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.secondaryText
            text: root.olderRoomNames.join("\n")
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        // The last-admin check: quiet while it runs, an alert when it applies, a notice when it
        // could not be made (the leave is never blocked).
        FormMessage {
            objectName: "leaveAdminChecking"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Hint
            text: root.adminCheckRunning ? qsTr("Checking whether someone else can manage this room…") : ""
        }
        FormMessage {
            objectName: "leaveAdminWarning"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Error
            text: root.leaveCheck ? root.leaveCheck.warningsFor(root.soleAdminIds) : ""
        }
        FormMessage {
            objectName: "leaveAdminUnknown"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Notice
            text: root.uncheckedIds.length === 0 || !root.leaveCheck ? ""
                : qsTr("Whether you are the only admin could not be checked: %1").arg(root.leaveCheck.errorFor(root.uncheckedIds[0]))
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
