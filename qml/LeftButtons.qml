import QtQuick
import QtQuick.Controls
import Concierge.Core

// The buttons of a room we are not in, in its room row: a left room offers Rejoin and Forget…; a
// request to join (knock) only Withdraw (a leave) until the room answers. Like every button of the
// row they take focus when clicked but are not Tab stops (see RoomDelegate).
RowButtonSet {
    id: root

    readonly property bool requested: membership === Membership.Knock

    Button {
        // Qt 6.4: the AT-SPI "Press" action (how a screen reader presses) does nothing on a
        // Button without this handler: every Button of the row has one.
        Accessible.onPressAction: clicked()
        focusPolicy: Qt.ClickFocus
        objectName: "withdrawButton"
        visible: root.requested
        text: qsTr("Withdraw")
        Accessible.name: qsTr("Withdraw your request to join %1").arg(root.title)
        onClicked: root.actionRequested(Operation.Leave)
    }
    Button {
        Accessible.onPressAction: clicked()
        focusPolicy: Qt.ClickFocus
        objectName: "rejoinButton"
        visible: !root.requested
        text: qsTr("Rejoin")
        Accessible.name: qsTr("Rejoin %1").arg(root.title)
        onClicked: root.actionRequested(Operation.Join)
    }
    Button {
        Accessible.onPressAction: clicked()
        focusPolicy: Qt.ClickFocus
        objectName: "forgetButton"
        visible: !root.requested
        text: qsTr("Forget…")
        Accessible.name: qsTr("Forget %1").arg(root.title)
        onClicked: root.actionRequested(Operation.Forget)
    }
}
