import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// Sync state, room count and the latest membership action. The action's line and colour come
// from MembershipService.statusText / statusState: an error colour and ⚠ for a failed action or
// an unknown outcome, ↻ while it waits for the server (the service counts the seconds down).
ToolBar {
    id: root

    required property AppServices services

    readonly property int actionState: services.membership.statusState
    readonly property bool actionFailed: actionState === Operation.Failed
                                         || actionState === Operation.Unknown
    readonly property bool actionWaiting: actionState === Operation.Waiting
    // A remembered session being read back or checked: its saved rooms are shown, not caught up
    // yet (sync starts once signed in).
    readonly property string syncText: services.sync.state === SyncEngine.Stopped && services.signingIn
                                       ? qsTr("Updating…") : services.sync.statusText

    objectName: "statusBar"
    position: ToolBar.Footer
    padding: 4
    leftPadding: Theme.spacing
    rightPadding: Theme.spacing

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Rectangle {
            implicitWidth: 10
            implicitHeight: 10
            radius: 5
            color: root.services.sync.state === SyncEngine.Synced ? Theme.okColor
                 : root.services.sync.state === SyncEngine.Reconnecting ? Theme.errorText
                 : Theme.warnColor
            Accessible.ignored: true
        }
        Label {
            objectName: "syncStatus"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            // While the rooms load, the status says itself what is shown ("Loading your
            // rooms… 20 of 950 shown"): no count of a list that is not complete yet.
            text: root.services.sync.state === SyncEngine.InitialSync
                  ? root.services.sync.statusText
                  : root.syncText + "  ·  "
                    + (root.services.roomModel.count === 1 ? qsTr("1 room")
                       : qsTr("%1 rooms").arg(root.services.roomModel.count))
            textFormat: Text.PlainText
            elide: Text.ElideRight
            Accessible.role: Accessible.StatusBar
            Accessible.name: text
        }
        // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is
        // set on it: the item around it is the progress bar screen readers see.
        Item {
            visible: running
            implicitWidth: 20
            implicitHeight: 20
            Accessible.role: Accessible.ProgressBar
            Accessible.name: qsTr("Working")
            readonly property bool running: root.services.membership.runningCount > 0
            Accessible.ignored: !running
            BusyIndicator {
                anchors.fill: parent
                running: root.services.membership.runningCount > 0
                Accessible.ignored: true
            }
        }
        Label {
            objectName: "membershipStatusIcon"
            visible: text !== "" && root.services.membership.statusText !== ""
            text: root.actionFailed ? "⚠" : root.actionWaiting ? "↻"
                  : root.actionState === Operation.Succeeded ? "✓" : ""
            color: root.actionFailed ? Theme.errorText : root.actionWaiting ? Theme.warnColor
                   : Theme.okColor
            font.bold: true
            Accessible.ignored: true
        }
        Label {
            objectName: "membershipStatus"
            // Up to two thirds of the bar, right next to its icon; elided when longer.
            Layout.fillWidth: true
            Layout.preferredWidth: 2
            Layout.maximumWidth: implicitWidth
            horizontalAlignment: Text.AlignRight
            text: root.services.membership.statusText
            textFormat: Text.PlainText
            elide: Text.ElideMiddle
            color: root.actionFailed ? Theme.errorText : Theme.text
            Accessible.role: Accessible.StatusBar
            Accessible.name: root.actionFailed ? qsTr("Error: %1").arg(text) : text
        }
    }
}
