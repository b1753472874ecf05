import QtQuick
import QtQuick.Controls
import Concierge.Core

// An invitation's buttons in its room row: Accept (a join) and Decline (a leave). Like every
// button of the row they take focus when clicked but are not Tab stops (see RoomDelegate).
RowButtonSet {
    id: root

    Button {
        // Qt 6.4: the AT-SPI "Press" action (how a screen reader presses) does nothing on a
        // Button without this handler: every Button of the row has one.
        Accessible.onPressAction: clicked()
        focusPolicy: Qt.ClickFocus
        objectName: "acceptButton"
        text: qsTr("Accept")
        Accessible.name: qsTr("Accept invitation to %1").arg(root.title)
        onClicked: root.actionRequested(Operation.Join)
    }
    Button {
        Accessible.onPressAction: clicked()
        focusPolicy: Qt.ClickFocus
        objectName: "declineButton"
        text: qsTr("Decline")
        Accessible.name: qsTr("Decline invitation to %1").arg(root.title)
        onClicked: root.actionRequested(Operation.Leave)
    }
}
