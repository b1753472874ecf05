import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What a room row shows while an operation on it runs (RoomDelegate loads it only then, by
// `source:`): a spinner, what is being done ("Leaving…"), why it is held back ("Rate limited…")
// and, when held back, Cancel. The row sets the texts from its roles.
RowLayout {
    id: root

    property string pendingText: ""    // "Leaving…"
    property string waitText: ""       // "Waiting for the server to come back"
    property bool waiting: false       // held back: the wait is said and Cancel offered
    property real waitFontSize: 12

    signal cancelRequested()

    objectName: "busyRow"
    spacing: Theme.spacing / 2

    // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is set on it:
    // the item around it is the progress bar screen readers see.
    Item {
        objectName: "roomBusy"
        Layout.preferredWidth: 24
        Layout.preferredHeight: 24
        Accessible.role: Accessible.ProgressBar
        Accessible.name: root.pendingText
        readonly property bool running: root.visible
        Accessible.ignored: !running
        BusyIndicator {
            anchors.fill: parent
            running: root.visible
            Accessible.ignored: true
        }
    }
    ColumnLayout {
        spacing: 0
        Label {
            objectName: "roomPendingText"
            textFormat: Text.PlainText // may quote a room name or the server's error
            text: root.pendingText
            color: Theme.secondaryText
        }
        Label {
            objectName: "roomWaitingText"
            textFormat: Text.PlainText // may quote a room name or the server's error
            visible: root.waiting
            text: root.waitText
            color: Theme.warnColor
            font.pixelSize: root.waitFontSize
        }
    }
    Button {
        // Qt 6.4: the AT-SPI "Press" action (how a screen reader presses) does nothing on a
        // Button without this handler: every Button of the row has one.
        Accessible.onPressAction: clicked()
        focusPolicy: Qt.ClickFocus
        objectName: "cancelButton"
        visible: root.waiting
        text: qsTr("Cancel")
        Accessible.name: qsTr("Stop waiting and cancel: %1").arg(root.pendingText)
        onClicked: root.cancelRequested()
    }
}
