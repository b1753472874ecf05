pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Concierge.Core

// The actions of one room of the room list, for the keyboard (Menu, Shift+F10) and the mouse
// (right-click): every action the row's buttons offer for the room's membership, its history,
// and selecting it for a bulk action. Like the row, it only emits intents; the page decides.
//
// The page fills in the room (a copy of the row's values: the row may move or go while the menu
// is open) and opens it at the row. Each item has a mnemonic (the underlined letter; press it
// while the menu is open) and, where the room list has one, its key on the right (Enter, Delete,
// Space, Ctrl+H). An item's accessible name is its visible text.
//
// An intent is emitted once the menu has closed, after `finished()`: the page gives the keyboard
// focus back to the row on `finished()` (also on Esc), and a dialog that the intent opens takes
// it from there.
Menu {
    id: root

    property string roomId
    property string roomTitle
    property int membership: Membership.Join
    property bool selected: false
    property bool busy: false      // an operation runs on the room: only History and Select
    property bool waiting: false   // …held back (rate limited, server unavailable): also Cancel
    property bool hasError: false  // the row shows why its last action failed: Dismiss it
    // The room is a space (the room list's isSpace role): browse its rooms, leave it with them.
    property bool isSpace: false
    // The new version of the room to offer (the list's successorToJoin role) and its via servers.
    property string successorId: ""
    property var successorVia: []

    readonly property bool isInvite: membership === Membership.Invite
    readonly property bool isJoined: membership === Membership.Join
    readonly property bool isRequested: membership === Membership.Knock
    readonly property bool isLeft: !isInvite && !isJoined && !isRequested

    signal actionRequested(int kind)
    signal historyRequested()
    // The members of a joined room (the members page).
    signal membersRequested()
    // What is known about an invitation's room before accepting it (the join dialog's preview).
    signal previewRequested()
    signal toggleSelectRequested()
    // A space's rooms (the hierarchy dialog), and leaving the space with none, all or some of them.
    signal successorJoinRequested()
    signal spaceBrowseRequested()
    signal spaceLeaveRequested()
    signal cancelRequested()
    signal dismissErrorRequested()
    // Closed, chosen or not (Esc, a click outside): the focus goes back to the row.
    signal finished()

    // The intent chosen, run once the menu has closed.
    property var pendingIntent: null
    function choose(intent: var) {
        if (root.visible) {
            root.pendingIntent = intent
        } else { // closed already: the menu let go of the focus before the item told us
            intent()
        }
    }

    // Opened from the keyboard: the first item that applies becomes current once the menu is
    // open (Up/Down move from there, Return picks it).
    property bool fromKeyboard: false
    function focusFirstItem() {
        for (let i = 0; i < root.count; ++i) {
            const item = root.itemAt(i)
            if (item && item.enabled) { // (enabled where it applies)
                root.currentIndex = i
                return
            }
        }
    }

    // "&Leave…" -> "Leave…": the text as shown ("&&" is a literal "&").
    function shownText(text: string): string {
        return text.replace(/&(&?)/g, "$1")
    }
    // "&Leave…" -> "L": the key that picks the item while the menu is open, or "".
    function mnemonicOf(text: string): string {
        const found = /&([^&])/.exec(text.replace(/&&/g, ""))
        return found ? found[1].toUpperCase() : ""
    }

    // One action: shown (and reachable by arrow keys and mnemonic) only where it applies, with
    // its key, if it has one, on the right.
    component RoomMenuItem: MenuItem {
        id: menuItem
        property bool applies: true
        property string hint: ""

        visible: applies
        enabled: applies
        height: applies ? implicitHeight : 0
        rightPadding: hint !== "" ? hintLabel.implicitWidth + 4 * spacing : padding
        Accessible.name: root.shownText(text)
        Accessible.description: hint !== "" ? qsTr("Shortcut: %1").arg(hint) : ""

        Label {
            id: hintLabel
            objectName: menuItem.objectName + "Hint"
            anchors.right: parent.right
            anchors.rightMargin: menuItem.padding + menuItem.spacing
            anchors.verticalCenter: parent.verticalCenter
            text: menuItem.hint
            textFormat: Text.PlainText
            // On the highlighted item: the colour the style gives the item's own text there.
            color: menuItem.highlighted || menuItem.down ? menuItem.palette.highlightedText
                                                         : Theme.secondaryText
            Accessible.ignored: true // said as the item's description
        }
        // The underlined letter, without Alt, picks the item (Qt 6.4's menus take only Alt+letter,
        // and that closes the menu instead).
        Shortcut {
            sequence: root.mnemonicOf(menuItem.text)
            enabled: menuItem.applies && root.opened && sequence !== ""
            onActivated: menuItem.triggered()
        }
    }

    objectName: "roomContextMenu"
    title: qsTr("Actions for %1").arg(roomTitle)
    // A Popup is no Item: its accessible item is the popup's own item (the content's parent).
    onAboutToShow: {
        const item = root.contentItem ? root.contentItem.parent : null
        if (item)
            item.Accessible.name = root.title
        // The style's scroll indicator beside the items is shown over AT-SPI as an object with no
        // role and no name (Qt 6.4): it says nothing the menu does not (not a control, no Tab stop).
        const indicator = root.contentItem ? root.contentItem.ScrollIndicator.vertical : null
        if (indicator)
            indicator.Accessible.ignored = true
    }
    onOpened: {
        if (root.fromKeyboard)
            root.focusFirstItem()
    }
    onClosed: {
        const intent = root.pendingIntent
        root.pendingIntent = null
        root.finished()
        if (intent)
            intent()
    }

    RoomMenuItem {
        objectName: "menuAccept"
        applies: root.isInvite && !root.busy
        text: qsTr("&Accept")
        hint: qsTr("Enter")
        onTriggered: root.choose(() => root.actionRequested(Operation.Join))
    }
    RoomMenuItem {
        objectName: "menuDecline"
        applies: root.isInvite && !root.busy
        text: qsTr("&Decline")
        hint: qsTr("Delete")
        onTriggered: root.choose(() => root.actionRequested(Operation.Leave))
    }
    RoomMenuItem {
        objectName: "menuPreview"
        applies: root.isInvite && !root.busy
        text: qsTr("&Preview…")
        onTriggered: root.choose(() => root.previewRequested())
    }
    RoomMenuItem {
        objectName: "menuInvite"
        applies: root.isJoined && !root.busy
        text: qsTr("&Invite…")
        hint: qsTr("Enter")
        onTriggered: root.choose(() => root.actionRequested(Operation.Invite))
    }
    RoomMenuItem {
        objectName: "menuJoinSuccessor"
        applies: root.isJoined && root.successorId !== "" && !root.busy
        text: qsTr("Join the &new room")
        onTriggered: root.choose(() => root.successorJoinRequested())
    }
    RoomMenuItem {
        objectName: "menuBrowseSpace"
        applies: root.isSpace && !root.busy
        text: qsTr("&Browse rooms in this space…")
        onTriggered: root.choose(() => root.spaceBrowseRequested())
    }
    RoomMenuItem {
        objectName: "menuLeaveSpace"
        applies: root.isSpace && root.isJoined && !root.busy
        text: qsTr("Lea&ve space…")
        onTriggered: root.choose(() => root.spaceLeaveRequested())
    }
    RoomMenuItem {
        objectName: "menuLeave"
        applies: root.isJoined && !root.busy
        text: qsTr("&Leave…")
        hint: qsTr("Delete")
        onTriggered: root.choose(() => root.actionRequested(Operation.Leave))
    }
    RoomMenuItem {
        objectName: "menuWithdraw"
        applies: root.isRequested && !root.busy
        text: qsTr("&Withdraw request")
        hint: qsTr("Delete")
        onTriggered: root.choose(() => root.actionRequested(Operation.Leave))
    }
    RoomMenuItem {
        objectName: "menuRejoin"
        applies: root.isLeft && !root.busy
        text: qsTr("&Rejoin")
        hint: qsTr("Enter")
        onTriggered: root.choose(() => root.actionRequested(Operation.Join))
    }
    RoomMenuItem {
        objectName: "menuForget"
        applies: root.isLeft && !root.busy
        text: qsTr("&Forget…")
        hint: qsTr("Delete")
        onTriggered: root.choose(() => root.actionRequested(Operation.Forget))
    }
    RoomMenuItem {
        objectName: "menuCancel"
        applies: root.waiting
        text: qsTr("&Cancel waiting")
        onTriggered: root.choose(() => root.cancelRequested())
    }
    RoomMenuItem {
        objectName: "menuDismissError"
        applies: root.hasError && !root.busy
        text: qsTr("Dismiss the &error")
        onTriggered: root.choose(() => root.dismissErrorRequested())
    }
    RoomMenuItem {
        objectName: "menuMembers"
        applies: root.isJoined
        text: qsTr("&Members…")
        hint: qsTr("Ctrl+M")
        onTriggered: root.choose(() => root.membersRequested())
    }
    RoomMenuItem {
        objectName: "menuHistory"
        text: qsTr("&History")
        hint: qsTr("Ctrl+H")
        onTriggered: root.choose(() => root.historyRequested())
    }
    RoomMenuItem {
        objectName: "menuSelect"
        text: root.selected ? qsTr("De&select") : qsTr("&Select")
        hint: qsTr("Space")
        onTriggered: root.choose(() => root.toggleSelectRequested())
    }
}
