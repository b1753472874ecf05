import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// Sync state, room count and the running membership action (with rate-limit waits).
ToolBar {
    id: root

    required property AppServices services

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
            text: root.services.sync.statusText + "  ·  "
                  + (root.services.roomModel.count === 1 ? qsTr("1 room")
                     : qsTr("%1 rooms").arg(root.services.roomModel.count))
            textFormat: Text.PlainText
            elide: Text.ElideRight
            Accessible.role: Accessible.StatusBar
            Accessible.name: text
        }
        BusyIndicator {
            running: root.services.membership.runningCount > 0
            visible: running
            implicitWidth: 20
            implicitHeight: 20
            Accessible.name: qsTr("Working")
        }
        Label {
            objectName: "membershipStatus"
            Layout.fillWidth: true
            Layout.preferredWidth: 2
            horizontalAlignment: Text.AlignRight
            text: root.services.membership.statusText
            textFormat: Text.PlainText
            elide: Text.ElideMiddle
            color: text.indexOf("failed") >= 0 ? Theme.errorText : Theme.text
            Accessible.role: Accessible.StatusBar
            Accessible.name: text
        }
    }
}
