pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// The view of the room list (issue 15): "All rooms", "Direct chats", "Not in a space", then the
// spaces the account is in, sub-spaces indented under their space (SpacesModel), each with how
// many of its rooms are joined, invited and left. Choosing one sets the list's spaceScope; the
// filter then applies within it. A combo box above the list: one Tab stop, arrows to move,
// type-ahead by name. When the chosen space goes (left, or no longer a space), the list shows
// all rooms again.
RowLayout {
    id: root

    required property SpacesModel spaces
    required property RoomFilterProxy rooms

    spacing: Theme.spacing / 2

    // total: every room of the view; what is neither joined, invited nor left is a request to
    // join (said only when there is one).
    function countsText(joined: int, invited: int, left: int, total: int): string {
        const counts = qsTr("%1 joined · %2 invited · %3 left").arg(joined).arg(invited).arg(left)
        const requested = total - joined - invited - left
        return requested > 0 ? counts + " · " + qsTr("%n requested", "", requested) : counts
    }
    // The row of the list's scope; the whole list when the scope has no row any more.
    function syncIndex() {
        const row = root.spaces.rowOfScope(root.rooms.spaceScope)
        if (row < 0 && root.rooms.spaceScope !== "") {
            root.rooms.spaceScope = ""
            return
        }
        picker.currentIndex = row
    }

    // Bumped when a row's counts change: get() is a snapshot that no binding would re-read.
    property int revision: 0
    Connections {
        target: root.spaces
        function onModelReset() { root.syncIndex(); root.revision++ }
        function onCountChanged() { root.syncIndex() }
        function onDataChanged() { root.revision++ }
    }
    Connections {
        target: root.rooms
        function onSpaceScopeChanged() { root.syncIndex() }
    }
    Component.onCompleted: syncIndex()

    Label {
        text: qsTr("Show")
        color: Theme.secondaryText
        Accessible.ignored: true
    }

    ComboBox {
        id: picker
        objectName: "spacePicker"
        Layout.fillWidth: true
        model: root.spaces
        textRole: "name"
        valueRole: "scope"
        // The current view and its counts, as the closed box shows them.
        readonly property var current: root.revision >= 0 && currentIndex >= 0 && count > 0
                                       ? root.spaces.get(currentIndex) : null
        displayText: current ? current.name + "  —  "
                               + root.countsText(current.joinedCount, current.inviteCount, current.leftCount, current.roomCount)
                             : ""
        onActivated: index => root.rooms.spaceScope = root.spaces.scopeAt(index)
        Accessible.name: qsTr("Rooms to show")
        Accessible.description: displayText
        ToolTip.visible: hovered
        ToolTip.delay: 600
        ToolTip.text: qsTr("Show all rooms, the direct chats, the rooms in no space, or the rooms of one space")
        // A plain label, not the style's read-only text field: that field is an unnamed, focusable
        // text object for screen readers, and the names shown are the server's (plain text).
        contentItem: Label {
            leftPadding: Theme.spacing / 2
            rightPadding: picker.indicator ? picker.indicator.width : 0
            text: picker.displayText
            textFormat: Text.PlainText
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
            Accessible.ignored: true
        }

        delegate: ItemDelegate {
            id: option
            required property int index
            required property int kind
            required property string name
            required property int depth
            required property int joinedCount
            required property int inviteCount
            required property int leftCount
            required property int roomCount

            objectName: "spaceOption:" + index
            width: picker.width
            highlighted: picker.highlightedIndex === index
            leftPadding: Theme.spacing + option.depth * 2 * Theme.spacing
            Accessible.name: option.name + ", " + root.countsText(option.joinedCount, option.inviteCount, option.leftCount, option.roomCount)
            contentItem: RowLayout {
                spacing: Theme.spacing
                Label {
                    Layout.fillWidth: true
                    text: (option.kind === SpacesModel.Space ? "▦ " : "") + option.name
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    font.bold: option.kind !== SpacesModel.Space
                }
                Label {
                    text: root.countsText(option.joinedCount, option.inviteCount, option.leftCount, option.roomCount)
                    textFormat: Text.PlainText
                    color: Theme.secondaryText
                }
            }
        }
    }
}
