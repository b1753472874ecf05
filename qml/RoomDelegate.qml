pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// One room of the room list, and the header of its section when it is the section's first row.
// Holds no state: everything it shows comes from the model's roles (roomlistmodel.h) and the
// page (historySummary), and every button only emits an intent (actionRequested with an
// Operation.Kind, cancelRequested, hideLeftRequested, historyRequested); the page decides what it
// means.
// Its actions for the keyboard: Enter (the first button), Delete (the second), Space (select),
// and Menu or Shift+F10 for a context menu with all of them (RoomContextMenu, opened by the page;
// a right-click asks for it too: contextMenuRequested). The row's buttons are for the mouse and
// not Tab stops: the menu offers every one of them, and the row's description says so.
//
// Selection (bulk actions): `selected` is the model's role (the selection is kept by room ID);
// Ctrl+click and the row's check box ask to toggle it (toggleSelectRequested), Shift+click to
// select the range from the selection's anchor (rangeSelectRequested). A selected row has a tinted
// background and a bar in the highlight colour; the keyboard's current row (`highlighted`) a
// frame: the two are told apart.
//
// Buttons by membership: an invite offers Join (accept) and Leave (decline), a joined room Invite
// and Leave, a left room Join (rejoin) and Forget; every room History.
ItemDelegate {
    id: root

    required property int index
    required property string roomId
    required property string displayName
    required property string canonicalAlias
    required property string topic
    required property url avatarSource
    required property int membership      // Membership.Join, .Invite, .Leave, …
    required property int section         // RoomSection.Invites, .Requested, .Joined, .Left
    required property bool sectionStart   // the first row of its section: draws the header
    required property int sectionCount    // rows of the section the list shows
    required property int joinedMemberCount
    required property string inviterId
    required property string inviterName
    required property int pendingAction   // Operation.Kind of the running operation, or -1
    required property int operationState  // Operation.State of the latest operation, or -1
    required property int waitReason      // Operation.WaitReason
    required property string lastError
    required property bool selected        // part of the selection for bulk actions
    // Spaces and direct chats (issue 15): a space's row and a direct chat are marked; a room in
    // a space names it (the joined spaces that list it, plain text from the server).
    required property bool isSpace
    required property bool isDirect
    required property var spaceNames      // list of strings
    // A new version of this room that you are not in (its row menu joins it), or "".
    required property string successorToJoin
    // The latest change of our membership ("Kicked by @mod:example.org: spam"), from the page:
    // a left room says why it is left.
    property string historySummary: ""

    readonly property string title: displayName !== "" ? displayName
                                    : (canonicalAlias !== "" ? canonicalAlias : roomId)
    readonly property bool busy: pendingAction >= 0
    // Held back (server unavailable, rate limited): the row says so and offers Cancel.
    readonly property bool waiting: busy && operationState === Operation.Waiting
    readonly property bool isInvite: membership === Membership.Invite
    readonly property bool isJoined: membership === Membership.Join
    // Asked to join (knocked): it can only be withdrawn (a leave) until the room answers.
    readonly property bool isRequested: membership === Membership.Knock
    readonly property bool isLeft: !isInvite && !isJoined && !isRequested
    // What the first and the second button ask for (also Enter and Delete on the current row);
    // Enter does nothing on a request (-1): withdrawing it is Delete.
    readonly property int primaryAction: isRequested ? -1 : isJoined ? Operation.Invite : Operation.Join
    readonly property int secondaryAction: isLeft ? Operation.Forget : Operation.Leave
    // What Enter and Delete do, for the row's description.
    readonly property string primaryText: isInvite ? qsTr("accept") : isJoined ? qsTr("invite someone")
                                                                                : qsTr("rejoin")
    readonly property string secondaryText: isInvite ? qsTr("decline") : isJoined ? qsTr("leave")
                                          : isRequested ? qsTr("withdraw your request")
                                                        : qsTr("forget")

    signal actionRequested(int kind)
    signal cancelRequested()
    signal hideLeftRequested()
    signal historyRequested()
    signal dismissErrorRequested()
    // Ctrl+click, the check box: flip this row's selection. Shift+click: select up to this row.
    signal toggleSelectRequested()
    signal rangeSelectRequested()
    // A right-click at (x, y) in the row: the page opens the row's context menu there.
    signal contextMenuRequested(real x, real y)

    function describePending(): string {
        switch (root.pendingAction) {
        case Operation.Join: return root.isInvite ? qsTr("Accepting…") : qsTr("Joining…")
        case Operation.Leave: return root.isInvite ? qsTr("Declining…") : qsTr("Leaving…")
        case Operation.LeaveAndForget: return qsTr("Leaving…")
        case Operation.Invite: return qsTr("Inviting…")
        case Operation.Forget: return qsTr("Forgetting…")
        }
        return qsTr("Working…")
    }
    function describeWait(): string {
        switch (root.waitReason) {
        case Operation.RateLimited: return qsTr("Rate limited by the server, waiting to try again")
        case Operation.ServerUnavailable: return qsTr("Waiting for the server to come back")
        case Operation.SignInRequired: return qsTr("Waiting for you to sign in again")
        }
        return qsTr("Waiting")
    }
    // "Space", "Direct chat", "In Work, Team": the row's kind, or empty for a plain room.
    function kindText(): string {
        const spaces = root.spaceNames ? Array.from(root.spaceNames).join(", ") : ""
        const kind = root.isSpace ? qsTr("Space") : root.isDirect ? qsTr("Direct chat") : ""
        const where = spaces !== "" ? qsTr("In %1").arg(spaces) : ""
        const replaced = root.successorToJoin !== "" ? qsTr("Replaced by a new version (its menu joins it)") : ""
        let text = kind
        for (const part of [where, replaced]) {
            if (part !== "")
                text = text !== "" ? text + "  ·  " + part : part
        }
        return text
    }
    function memberText(): string {
        if (root.joinedMemberCount < 0)
            return ""
        return root.joinedMemberCount === 1 ? qsTr("1 member")
                                           : qsTr("%1 members").arg(root.joinedMemberCount.toLocaleString(Qt.locale(), "f", 0))
    }

    readonly property real headerHeight: header.status === Loader.Ready ? header.height : 0

    objectName: "room:" + roomId
    padding: Theme.spacing
    topInset: headerHeight
    topPadding: headerHeight + 6
    bottomPadding: 6
    focusPolicy: Qt.NoFocus

    Accessible.role: Accessible.ListItem
    Accessible.selectable: true
    Accessible.selected: selected
    // How to act on the row from the keyboard (the buttons are not Tab stops).
    Accessible.description: busy ? qsTr("Menu or Shift+F10 for actions")
                          : isRequested ? qsTr("Delete to %1, Menu or Shift+F10 for actions").arg(secondaryText)
                                 : qsTr("Enter to %1, Delete to %2, Menu or Shift+F10 for actions")
                                   .arg(primaryText).arg(secondaryText)
    Accessible.name: {
        const what = isInvite ? qsTr("invitation") : isJoined ? qsTr("joined")
                   : isRequested ? qsTr("asked to join") : qsTr("left")
        return title + ", " + what
            + (kindText() !== "" ? ", " + kindText() : "")
            + (selected ? ", " + qsTr("selected") : "")
            + (isLeft && historySummary !== "" ? ", " + historySummary : "")
            + (busy ? ", " + describePending() : "")
            + (waiting ? ", " + describeWait() : "")
            + (lastError !== "" ? ", " + qsTr("error: %1").arg(lastError) : "")
    }

    // Selected: a tint and a bar; current row with keyboard focus: a frame (never a fill, so that
    // a selected current row shows both).
    background: Rectangle {
        objectName: "rowBackground"
        color: root.selected ? Theme.selectionBackground
             : root.hovered ? Qt.rgba(Theme.text.r, Theme.text.g, Theme.text.b, 0.05) : "transparent"
        border.width: root.highlighted ? 2 : 0
        border.color: Theme.focusFrame
        Rectangle {
            objectName: "selectedMark"
            visible: root.selected
            width: 4
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            color: Theme.selectionAccent
        }
    }

    // Space on the current row (the list gives it the focus) toggles its selection instead of
    // clicking it.
    Keys.onSpacePressed: event => {
        root.toggleSelectRequested()
        event.accepted = true
    }
    Keys.onReleased: event => {
        if (event.key === Qt.Key_Space)
            event.accepted = true
    }

    // Ctrl+click toggles, Shift+click selects a range; the click itself still makes the row the
    // current one (ItemDelegate.clicked). Clicks on the row's buttons never reach these.
    TapHandler {
        acceptedModifiers: Qt.ControlModifier
        onTapped: root.toggleSelectRequested()
    }
    TapHandler {
        acceptedModifiers: Qt.ShiftModifier
        onTapped: root.rangeSelectRequested()
    }
    // A right-click anywhere on the row (its buttons take only the left button): its actions.
    TapHandler {
        objectName: "rowMenuTap"
        acceptedButtons: Qt.RightButton
        onTapped: (eventPoint, button) => {
            const p = root.mapFromItem(null, eventPoint.scenePosition)
            root.contextMenuRequested(p.x, p.y)
        }
    }

    // Only a section's first row has a header item. (Loaded from its file: Qt 6.4's Loader
    // cannot instantiate an inline component of a bound file.)
    Loader {
        id: header
        active: root.sectionStart
        width: root.width
        source: "SectionHeader.qml"
        onLoaded: {
            const item = header.item as SectionHeader
            item.section = Qt.binding(() => root.section)
            item.sectionCount = Qt.binding(() => root.sectionCount)
            item.hideRequested.connect(root.hideLeftRequested)
        }
    }

    contentItem: RowLayout {
        spacing: Theme.spacing * 1.5

        CheckBox {
            objectName: "selectBox"
            Layout.alignment: Qt.AlignVCenter
            // Space on the row does the same: the list keeps the keyboard focus.
            focusPolicy: Qt.NoFocus
            padding: 0
            checked: root.selected
            Accessible.name: qsTr("Select %1").arg(root.title)
            ToolTip.visible: hovered
            ToolTip.delay: 600
            ToolTip.text: qsTr("Select for a bulk action (Space, Ctrl+click, Shift+click)")
            // The page decides: the check mark follows `selected`, not the click.
            onToggled: {
                checked = Qt.binding(() => root.selected)
                root.toggleSelectRequested()
            }
        }

        Avatar {
            Layout.alignment: Qt.AlignTop
            source: root.avatarSource
            name: root.title
            colorKey: root.roomId
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2

                // A space or a direct chat, at a glance (the text below says it in words).
                Label {
                    objectName: "roomKindMarker"
                    visible: root.isSpace || root.isDirect
                    text: root.isSpace ? "▦" : "@"
                    textFormat: Text.PlainText
                    color: Theme.secondaryText
                    Accessible.ignored: true
                }
                Label {
                    objectName: "roomName"
                    Layout.fillWidth: true
                    text: root.title
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    font.bold: true
                    color: root.isLeft ? Theme.secondaryText : Theme.text
                }
            }

            Label {
                objectName: "roomKind"
                Layout.fillWidth: true
                visible: text !== ""
                text: root.kindText()
                textFormat: Text.PlainText
                elide: Text.ElideRight
                maximumLineCount: 1
                color: Theme.secondaryText
            }

            Label {
                objectName: "roomAddress"
                Layout.fillWidth: true
                text: (root.canonicalAlias !== "" ? root.canonicalAlias : root.roomId)
                      + (root.memberText() !== "" ? "  ·  " + root.memberText() : "")
                textFormat: Text.PlainText
                elide: Text.ElideMiddle
                maximumLineCount: 1
                color: Theme.secondaryText
            }

            Label {
                objectName: "roomInviter"
                Layout.fillWidth: true
                visible: root.isInvite && root.inviterId !== ""
                text: root.inviterName !== "" && root.inviterName !== root.inviterId
                      ? qsTr("Invited by %1 (%2)").arg(root.inviterName).arg(root.inviterId)
                      : qsTr("Invited by %1").arg(root.inviterId)
                textFormat: Text.PlainText
                elide: Text.ElideRight
                maximumLineCount: 1
                color: Theme.secondaryText
            }

            Label {
                objectName: "roomHistorySummary"
                Layout.fillWidth: true
                visible: root.isLeft && root.historySummary !== ""
                text: root.historySummary
                textFormat: Text.PlainText
                elide: Text.ElideRight
                maximumLineCount: 1
                color: Theme.secondaryText
                font.italic: true
            }

            // Why the last action failed, and Dismiss: built only while there is an error.
            Loader {
                Layout.fillWidth: true
                visible: active
                active: root.lastError !== ""
                source: "RoomErrorRow.qml"
                onLoaded: {
                    const row = item as RoomErrorRow
                    row.errorText = Qt.binding(() => root.lastError)
                    row.roomTitle = Qt.binding(() => root.title)
                    row.dismissRequested.connect(root.dismissErrorRequested)
                }
            }
        }

        // While an operation runs: a spinner, what is done, why it waits and Cancel. Built only
        // then (from its file: Qt 6.4's Loader cannot instantiate an inline component of a bound
        // file), so the rows of a launch do not each carry one.
        Loader {
            visible: root.busy
            active: root.busy
            source: "RoomBusyRow.qml"
            onLoaded: {
                const row = item as RoomBusyRow
                row.pendingText = Qt.binding(() => root.describePending())
                row.waitText = Qt.binding(() => root.describeWait())
                row.waiting = Qt.binding(() => root.waiting)
                row.waitFontSize = Qt.binding(() => Math.round(root.font.pixelSize * 0.9))
                row.cancelRequested.connect(root.cancelRequested)
            }
        }

        // The row's buttons take focus when clicked but are not Tab stops: Tab moves from the
        // list to the next control, and the keyboard acts on the current row (Enter, Delete, and
        // the context menu, which offers every one of these buttons).
        RowLayout {
            objectName: "buttonRow"
            visible: !root.busy
            spacing: Theme.spacing / 2

            // Only the buttons of the row's membership are built: an invitation's (Accept,
            // Decline), a joined room's (Invite…, Leave…), or a left or requested room's
            // (Rejoin, Forget…; Withdraw). Each set is a file of its own (see RowButtonSet).
            Loader {
                source: root.isInvite ? "InviteButtons.qml"
                      : root.isJoined ? "JoinedButtons.qml" : "LeftButtons.qml"
                onLoaded: {
                    const buttons = item as RowButtonSet
                    buttons.title = Qt.binding(() => root.title)
                    buttons.membership = Qt.binding(() => root.membership)
                    buttons.actionRequested.connect(root.actionRequested)
                }
            }
            Button {
                // Qt 6.4: the AT-SPI "Press" action (how a screen reader presses) does nothing on a
                // Button without this handler: every Button of the row has one.
                Accessible.onPressAction: clicked()
                focusPolicy: Qt.ClickFocus
                objectName: "historyButton"
                flat: true
                palette.buttonText: Theme.text
                text: qsTr("History")
                Accessible.name: qsTr("History of %1").arg(root.title)
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("When you were invited, joined, left, were kicked or banned (Ctrl+H)")
                onClicked: root.historyRequested()
            }
        }
    }

    // On hover: a left room's latest change, and the topic. A ToolTip's own text is rich text by
    // default, so plain-text Labels.
    ToolTip {
        id: rowTip
        readonly property bool showSummary: root.isLeft && root.historySummary !== ""
        objectName: "roomToolTip"
        visible: root.hovered && (root.topic !== "" || showSummary)
        delay: 800
        contentItem: Column {
            spacing: 4
            Label {
                objectName: "toolTipSummary"
                visible: rowTip.showSummary
                width: Math.min(implicitWidth, 420)
                text: root.historySummary
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                font.bold: true
            }
            Label {
                objectName: "toolTipTopic"
                visible: root.topic !== ""
                width: Math.min(implicitWidth, 420)
                text: root.topic
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
            }
        }
    }
}
