import QtQuick
import QtQuick.Controls
import Concierge.Core

// A joined room's buttons in its room row: Invite… and Leave…. Like every button of the row they
// take focus when clicked but are not Tab stops (see RoomDelegate).
RowButtonSet {
    id: root

    Button {
        // Qt 6.4: the AT-SPI "Press" action (how a screen reader presses) does nothing on a
        // Button without this handler: every Button of the row has one.
        Accessible.onPressAction: clicked()
        focusPolicy: Qt.ClickFocus
        objectName: "inviteButton"
        text: qsTr("Invite…")
        Accessible.name: qsTr("Invite someone to %1").arg(root.title)
        onClicked: root.actionRequested(Operation.Invite)
    }
    Button {
        Accessible.onPressAction: clicked()
        focusPolicy: Qt.ClickFocus
        objectName: "leaveButton"
        text: qsTr("Leave…")
        Accessible.name: qsTr("Leave %1").arg(root.title)
        onClicked: root.actionRequested(Operation.Leave)
    }
}
