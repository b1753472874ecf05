import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// The bar under the room list while rooms are selected: how many ("12 selected · 3 hidden by the
// filter") and the bulk actions that apply to them, each only when some selected room can take
// it (Leave… for joined rooms, Forget… for left ones, Accept…/Decline… for invitations,
// Withdraw… for pending requests to join: a leave, as a decline). Emits actionRequested with the
// action's name; the page asks for confirmation and submits the job.
ToolBar {
    id: root

    required property RoomSelection selection
    // Where Tab goes after the bar's last button.
    property Item nextTabItem: null
    // The first button shown (Tab from the room list comes here).
    readonly property Item firstButton: leaveButton.visible ? leaveButton
                                        : forgetButton.visible ? forgetButton
                                        : acceptButton.visible ? acceptButton
                                        : withdrawButton.visible ? withdrawButton : clearButton

    // "leave", "leaveForget", "forget", "accept", "decline", "withdraw", "invite", "inviteMany"
    signal actionRequested(string action)
    signal clearRequested()

    readonly property string countText: {
        const selected = root.selection.count === 1 ? qsTr("1 selected")
                                                    : qsTr("%1 selected").arg(root.selection.count)
        return root.selection.hiddenCount > 0
                ? qsTr("%1 · %2 hidden by the filter").arg(selected).arg(root.selection.hiddenCount)
                : selected
    }

    objectName: "selectionBar"
    position: ToolBar.Footer
    visible: selection.count > 0
    padding: 4
    leftPadding: Theme.spacing
    rightPadding: Theme.spacing
    background: Rectangle {
        color: Theme.selectionBackground
        Rectangle {
            width: parent.width
            height: 1
            color: Theme.separator
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing / 2

        // A Text (not a Label) so that the role is kept: screen readers announce the count.
        Text {
            objectName: "selectionCount"
            Layout.fillWidth: true
            Layout.minimumWidth: 80
            text: root.countText
            textFormat: Text.PlainText
            elide: Text.ElideRight
            font.bold: true
            color: Theme.text
            Accessible.role: Accessible.StatusBar
            Accessible.name: root.selection.count === 1 ? qsTr("1 room selected")
                             : qsTr("%1 rooms selected").arg(root.selection.count)
        }

        RowLayout {
            spacing: Theme.spacing / 2

            Button {
                id: leaveButton
                objectName: "bulkLeaveButton"
                visible: root.selection.joinedCount > 0
                text: qsTr("Leave…")
                Accessible.name: root.selection.joinedCount === 1
                                 ? qsTr("Leave the selected joined room")
                                 : qsTr("Leave the %1 selected joined rooms").arg(root.selection.joinedCount)
                onClicked: root.actionRequested("leave")
            }
            Button {
                objectName: "bulkLeaveForgetButton"
                visible: root.selection.joinedCount > 0
                text: qsTr("Leave and forget…")
                Accessible.name: root.selection.joinedCount === 1
                                 ? qsTr("Leave and forget the selected joined room")
                                 : qsTr("Leave and forget the %1 selected joined rooms").arg(root.selection.joinedCount)
                onClicked: root.actionRequested("leaveForget")
            }
            Button {
                id: forgetButton
                objectName: "bulkForgetButton"
                visible: root.selection.leftCount > 0
                text: qsTr("Forget…")
                Accessible.name: root.selection.leftCount === 1
                                 ? qsTr("Forget the selected left room")
                                 : qsTr("Forget the %1 selected left rooms").arg(root.selection.leftCount)
                onClicked: root.actionRequested("forget")
            }
            Button {
                id: acceptButton
                objectName: "bulkAcceptButton"
                visible: root.selection.inviteCount > 0
                text: qsTr("Accept…")
                Accessible.name: root.selection.inviteCount === 1
                                 ? qsTr("Accept the selected invitation")
                                 : qsTr("Accept the %1 selected invitations").arg(root.selection.inviteCount)
                onClicked: root.actionRequested("accept")
            }
            Button {
                objectName: "bulkDeclineButton"
                visible: root.selection.inviteCount > 0
                text: qsTr("Decline…")
                Accessible.name: root.selection.inviteCount === 1
                                 ? qsTr("Decline the selected invitation")
                                 : qsTr("Decline the %1 selected invitations").arg(root.selection.inviteCount)
                onClicked: root.actionRequested("decline")
            }
            // Pending knocks (the Requested section): withdrawn with a leave, and only that.
            Button {
                id: withdrawButton
                objectName: "bulkWithdrawButton"
                visible: root.selection.requestedCount > 0
                text: root.selection.requestedCount === 1
                      ? qsTr("Withdraw 1 request…")
                      : qsTr("Withdraw %1 requests…").arg(root.selection.requestedCount)
                Accessible.name: root.selection.requestedCount === 1
                                 ? qsTr("Withdraw the selected request to join")
                                 : qsTr("Withdraw the %1 selected requests to join").arg(root.selection.requestedCount)
                onClicked: root.actionRequested("withdraw")
            }
            Button {
                objectName: "bulkInviteButton"
                visible: root.selection.joinedCount > 0
                text: qsTr("Invite someone to all of them…")
                Accessible.name: root.selection.joinedCount === 1
                                 ? qsTr("Invite someone to the selected joined room")
                                 : qsTr("Invite someone to the %1 selected joined rooms").arg(root.selection.joinedCount)
                onClicked: root.actionRequested("invite")
            }
            Button {
                objectName: "bulkInviteManyButton"
                visible: root.selection.count === 1 && root.selection.joinedCount === 1
                text: qsTr("Invite many people…")
                Accessible.name: qsTr("Invite a list of people to the selected room")
                onClicked: root.actionRequested("inviteMany")
            }
            Button {
                id: clearButton
                objectName: "bulkClearButton"
                text: qsTr("Clear selection")
                flat: true
                Accessible.name: qsTr("Clear selection (Escape)")
                KeyNavigation.tab: root.nextTabItem
                onClicked: root.clearRequested()
            }
        }
    }
}
