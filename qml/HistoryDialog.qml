pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// "History of <room>": the account's own membership changes in one room, oldest first like a
// timeline, the latest change at the bottom and scrolled into view. Shows the history model the
// page gives it (already set to the room); it asks for nothing, so it emits nothing.
BaseDialog {
    id: root

    property RoomHistoryModel history
    property string roomId
    property string roomName
    // The signed-in user: changes made by someone else (kicks, bans) are marked as such.
    property string ownUserId

    function openFor(room: string, name: string) {
        roomId = room
        roomName = name
        open()
    }
    // The colour of a change's dot: joined, invited or knocking, left, removed by someone else.
    function markerColor(membership: int, sender: string): color {
        const byOther = sender !== "" && sender !== root.ownUserId
        switch (membership) {
        case Membership.Join: return Theme.okColor
        case Membership.Ban: return Theme.errorText
        case Membership.Leave: return byOther ? Theme.errorText : Theme.secondaryText
        }
        return Theme.palette.highlight
    }
    function formatTime(when: date): string {
        return when.toLocaleString(Qt.locale(), Locale.ShortFormat)
    }

    objectName: "historyDialog"
    title: qsTr("History of %1").arg(roomName)
    preferredWidth: 560
    onOpened: {
        // (Set anew: after the model was reset for this room, the same index has no item.)
        entries.currentIndex = -1
        entries.currentIndex = entries.count - 1
        entries.positionViewAtEnd()
        // Tab focus reason: the focus frame shows (keyboard users see where they are).
        if (entries.count > 0)
            entries.forceActiveFocus(Qt.TabFocusReason)
        else
            closeButton.forceActiveFocus(Qt.TabFocusReason)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            objectName: "historyCaption"
            Layout.fillWidth: true
            visible: entries.count > 0
            text: qsTr("Your membership changes in this room, oldest first, as this computer saw them.")
            wrapMode: Text.Wrap
            color: Theme.secondaryText
        }

        ListView {
            id: entries
            objectName: "historyList"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 360)
            visible: count > 0
            clip: true
            model: root.history
            currentIndex: -1
            keyNavigationEnabled: true
            activeFocusOnTab: true
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Membership history of %1").arg(root.roomName)
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            KeyNavigation.tab: closeButton
            // Laid out after the dialog opened, or grown by a change that just arrived: the
            // current (at first the latest) change stays in view.
            onHeightChanged: if (currentIndex >= 0) positionViewAtIndex(currentIndex, ListView.Contain)
            onActiveFocusChanged: {
                if (activeFocus && currentIndex < 0 && count > 0)
                    currentIndex = count - 1
            }

            delegate: ItemDelegate {
                id: entry

                required property int index
                required property date timestamp
                required property int membership
                required property string sender
                required text // the change as a sentence (the model's "text" role)

                objectName: "historyEntry" + index
                width: ListView.view.width
                focusPolicy: Qt.NoFocus
                highlighted: ListView.isCurrentItem && entries.activeFocus
                leftPadding: 4
                topPadding: 6
                bottomPadding: 6
                onClicked: entries.currentIndex = index
                Accessible.role: Accessible.ListItem
                Accessible.name: entry.text + ", " + root.formatTime(entry.timestamp)

                contentItem: RowLayout {
                    spacing: Theme.spacing

                    // The timeline: a dot per change on a line joining them.
                    Item {
                        Layout.preferredWidth: 16
                        Layout.fillHeight: true
                        Rectangle {
                            x: (parent.width - width) / 2
                            width: 2
                            y: entry.index === 0 ? parent.height / 2 : -entry.topPadding
                            height: (entry.index === entries.count - 1 ? parent.height / 2 : parent.height + entry.bottomPadding) - y
                            color: Theme.separator
                        }
                        Rectangle {
                            objectName: "historyMarker"
                            anchors.centerIn: parent
                            width: 10
                            height: 10
                            radius: 5
                            color: root.markerColor(entry.membership, entry.sender)
                        }
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 1
                        Label {
                            objectName: "historyText"
                            Layout.fillWidth: true
                            text: entry.text
                            textFormat: Text.PlainText
                            wrapMode: Text.Wrap
                            color: Theme.text
                        }
                        Label {
                            objectName: "historyTime"
                            Layout.fillWidth: true
                            text: root.formatTime(entry.timestamp)
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            color: Theme.secondaryText
                            font.pixelSize: Math.round(entry.font.pixelSize * 0.9)
                        }
                    }
                }
            }
        }

        // Nothing saved yet (a room seen before this version, or only through other clients).
        ColumnLayout {
            objectName: "historyEmpty"
            Layout.fillWidth: true
            visible: entries.count === 0
            spacing: 4
            Label {
                objectName: "historyEmptyText"
                Layout.fillWidth: true
                text: qsTr("No history saved for this room yet")
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Concierge notes here when you are invited, join, leave, are kicked or banned, from the first time it sees the room.")
                wrapMode: Text.Wrap
                color: Theme.secondaryText
            }
        }
    }

    footer: DialogFooter {
        Button {
            id: closeButton
            objectName: "historyCloseButton"
            text: qsTr("Close")
            Accessible.name: qsTr("Close history")
            KeyNavigation.tab: entries.count > 0 ? entries : null
            Keys.onReturnPressed: root.close()
            Keys.onEnterPressed: root.close()
            onClicked: root.close()
        }
    }
}
