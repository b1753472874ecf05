pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// The members of one room (services.members; the window sets its roomId): joined, invited,
// knocking and banned members in sections, each with avatar, name, user ID and power level, and
// the moderation actions for them. An action the signed-in user may not take is shown disabled,
// with the reason (from the room's power levels) as its tooltip and description; the server's
// verdict still wins and is shown as it wrote it.
//
// The rows and the moderation dialog emit intents; this page runs them with services.membership
// (kick, ban, unban, invite) and follows the Operation it gets back (`operation`): the progress,
// then the outcome or the server's error, announced (alert role).
//
// Keyboard: Tab goes Back, filter, Invite…, the list (one stop: Up/Down/Home/End/PageUp/PageDown
// move the current member), the current member's actions, then the retry button if any. Enter
// presses the focused button. Escape clears the filter, then goes back.
Page {
    id: root

    required property AppServices services
    readonly property RoomMembersModel members: services.members
    property string roomName: ""
    readonly property string roomTitle: roomName !== "" ? roomName : members.roomId
    // The last action started from this page (null before the first).
    property Operation operation: null
    // What it is, for the messages: "Kicking Bob", …
    property string operationLabel: ""
    readonly property bool operationRunning: operation !== null && !operation.done

    signal closed()
    // Internal: the current row puts the focus on its action at `position` (-1: the last).
    signal rowFocusRequested(int position)

    // Puts the focus in the filter field (the window calls it when it shows the page).
    function activate() {
        filterField.text = ""
        root.operation = null
        root.operationLabel = ""
        filterField.forceActiveFocus(Qt.OtherFocusReason)
    }
    function sectionTitle(section: int): string {
        switch (section) {
        case 0: return qsTr("Joined")
        case 1: return qsTr("Invited")
        case 2: return qsTr("Asking to join")
        case 3: return qsTr("Banned")
        }
        return ""
    }
    function sectionCount(section: int): int {
        const order = root.members.sectionOrder
        return section >= 0 && section < order.length ? root.members.countOf(order[section]) : 0
    }
    // A level as the list shows it.
    function levelText(text: string): string {
        return text === "0" ? "" : qsTr("Power level %1").arg(text)
    }

    // Intents of the rows and the dialog; each runs here.
    function askModeration(action: string, userId: string, name: string) {
        moderationDialog.openFor(action, root.members.roomId, root.roomTitle, userId, name)
    }
    function runModeration(action: string, roomId: string, userId: string, reason: string) {
        const name = root.nameOf(userId)
        const membership = root.services.membership
        switch (action) {
        case "kick":
            root.follow(qsTr("Kicking %1").arg(name), membership.kick(roomId, userId, reason))
            break
        case "revoke":
            root.follow(qsTr("Revoking the invitation of %1").arg(name), membership.kick(roomId, userId, reason))
            break
        case "deny":
            root.follow(qsTr("Denying the request of %1").arg(name), membership.kick(roomId, userId, reason))
            break
        case "ban":
            root.follow(qsTr("Banning %1").arg(name), membership.ban(roomId, userId, reason))
            break
        case "unban":
            root.follow(qsTr("Unbanning %1").arg(name), membership.unban(roomId, userId, reason))
            break
        }
    }
    // "Ban from all rooms where I can": the plan is made (and kept) by services.banEverywhere.
    function askBanEverywhere(userId: string, name: string) {
        banEverywhereDialog.openFor(userId, name)
        root.services.banEverywhere.plan(userId)
    }
    function acceptKnock(userId: string) {
        root.follow(qsTr("Inviting %1").arg(root.nameOf(userId)),
                    root.services.membership.invite(root.members.roomId, userId, ""))
    }
    function follow(label: string, operation: Operation) {
        root.operationLabel = label
        root.operation = operation
    }
    function nameOf(userId: string): string {
        const name = root.members.displayNameOf(userId)
        return name !== "" && name !== userId ? qsTr("%1 (%2)").arg(name).arg(userId) : userId
    }
    // The operation's state in a sentence: the server's error exactly as it wrote it.
    function operationText(): string {
        const op = root.operation
        if (op === null)
            return ""
        switch (op.state) {
        case Operation.Queued:
        case Operation.Running:
            return qsTr("%1…").arg(root.operationLabel)
        case Operation.Waiting:
            return op.statusText
        case Operation.Succeeded:
            return qsTr("%1: done.").arg(root.operationLabel)
        case Operation.Failed:
            return qsTr("%1 failed: %2").arg(root.operationLabel).arg(op.error.summary)
        case Operation.Cancelled:
            return qsTr("%1: cancelled.").arg(root.operationLabel)
        case Operation.Unknown:
            return qsTr("%1: no answer from the server; it may have happened anyway (%2).")
                .arg(root.operationLabel).arg(op.error.summary)
        }
        return ""
    }

    // Tab out of the list: the current row's first action (false when it has none).
    property bool rowTookFocus: false
    function focusIntoRow(position: int): bool {
        if (list.count === 0)
            return false
        if (list.currentIndex < 0 || list.currentIndex >= list.count)
            list.currentIndex = 0
        root.rowTookFocus = false
        root.rowFocusRequested(position)
        return root.rowTookFocus
    }
    function focusAfterList() {
        if (retryButton.visible) {
            retryButton.forceActiveFocus(Qt.TabFocusReason)
            return
        }
        backButton.forceActiveFocus(Qt.TabFocusReason)
    }
    function focusList() {
        if (list.count === 0) {
            root.inviteButton.enabled ? root.inviteButton.forceActiveFocus(Qt.BacktabFocusReason)
                                      : filterField.forceActiveFocus(Qt.BacktabFocusReason)
            return
        }
        if (list.currentIndex < 0 || list.currentIndex >= list.count)
            list.currentIndex = 0
        list.forceActiveFocus(Qt.BacktabFocusReason)
    }

    objectName: "membersPage"
    Accessible.role: Accessible.PageTab
    Accessible.name: qsTr("Members of %1").arg(root.roomTitle)

    Keys.onReturnPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEnterPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEscapePressed: {
        if (filterField.text !== "")
            filterField.text = ""
        else
            root.closed()
    }
    onVisibleChanged: {
        if (!visible) {
            moderationDialog.close()
            banEverywhereDialog.close()
            inviteDialog.close()
            if (root.inviteManyDialog)
                root.inviteManyDialog.close()
        }
    }

    // A push button with a focus ring whenever it has the keyboard focus (Fusion draws none for
    // focus given from code).
    component RingButton: Button {
        id: ringButton
        Rectangle {
            objectName: "focusRing"
            visible: ringButton.activeFocus
            anchors.fill: parent
            anchors.margins: -3
            radius: 5
            color: "transparent"
            border.width: 2
            border.color: Theme.focusFrame
            Accessible.ignored: true
        }
    }

    // One action of a member: enabled when allowed; otherwise disabled, the reason in its tooltip
    // (a disabled button gets no hover: the item around it watches the pointer) and description.
    component ActionButton: Item {
        id: action
        property alias text: button.text
        property string accessibleName: ""
        property bool allowed: true
        property string reason: ""
        property bool flat: false
        readonly property alias button: button
        signal activated()
        // Tab or Shift+Tab on the button (the row chains its actions).
        signal tabbed(bool forward)

        implicitWidth: button.implicitWidth
        implicitHeight: button.implicitHeight
        ToolTip.visible: hover.hovered && !action.allowed && action.reason !== ""
        ToolTip.delay: 300
        ToolTip.text: action.reason

        HoverHandler {
            id: hover
        }
        RingButton {
            id: button
            anchors.fill: parent
            enabled: action.allowed && action.visible
            flat: action.flat
            Accessible.name: action.accessibleName
            Accessible.description: action.allowed ? "" : action.reason
            onClicked: action.activated()
            Keys.onTabPressed: action.tabbed(true)
            Keys.onBacktabPressed: action.tabbed(false)
        }
    }

    // One member. Stateless: everything comes from the model's roles.
    component MemberRow: Rectangle {
        id: row

        required property int index
        required property string userId
        required property string displayName
        required property url avatarSource
        required property int membership
        required property string powerLevelText
        required property string reason
        required property string sender
        required property bool isSelf
        required property bool canKick
        required property string kickReason
        required property bool canBan
        required property string banReason
        required property bool canUnban
        required property string unbanReason
        required property bool canAccept
        required property string acceptReason
        required property bool canDeny
        required property string denyReason

        readonly property bool current: ListView.isCurrentItem
        readonly property bool joined: membership === Membership.Join
        readonly property bool invited: membership === Membership.Invite
        readonly property bool knocking: membership === Membership.Knock
        readonly property bool banned: membership === Membership.Ban
        readonly property bool busy: root.operationRunning && root.operation.userId === userId
        // The row's actions as shown, in Tab order.
        readonly property var actions: [acceptAction, denyAction, kickAction, banAction, unbanAction,
                                        banEverywhereAction]
        readonly property var enabledButtons: row.actions.filter(a => a.visible && a.allowed).map(a => a.button)
        readonly property string detail: {
            const parts = []
            if (row.displayName !== row.userId)
                parts.push(row.userId)
            if (root.levelText(row.powerLevelText) !== "")
                parts.push(root.levelText(row.powerLevelText))
            if (row.isSelf)
                parts.push(qsTr("you"))
            return parts.join("  ·  ")
        }
        readonly property string reasonLine: {
            if (row.banned)
                return row.reason !== "" ? qsTr("Banned by %1: %2").arg(row.sender).arg(row.reason)
                                         : qsTr("Banned by %1").arg(row.sender)
            if (row.knocking && row.reason !== "")
                return qsTr("Says: %1").arg(row.reason)
            if (row.invited && row.sender !== "")
                return row.reason !== "" ? qsTr("Invited by %1: %2").arg(row.sender).arg(row.reason)
                                         : qsTr("Invited by %1").arg(row.sender)
            return ""
        }

        function focusAction(position: int): bool {
            const list = row.enabledButtons
            if (list.length === 0)
                return false
            const i = position < 0 ? list.length - 1 : Math.min(position, list.length - 1)
            list[i].forceActiveFocus(Qt.TabFocusReason)
            return true
        }
        function focusedPosition(): int {
            const list = row.enabledButtons
            for (let i = 0; i < list.length; ++i) {
                if (list[i].activeFocus)
                    return i
            }
            return -1
        }
        function tab(forward: bool) {
            const i = row.focusedPosition()
            const list = row.enabledButtons
            if (forward) {
                if (i >= 0 && i + 1 < list.length)
                    list[i + 1].forceActiveFocus(Qt.TabFocusReason)
                else
                    root.focusAfterList()
            } else {
                if (i > 0)
                    list[i - 1].forceActiveFocus(Qt.BacktabFocusReason)
                else
                    root.focusList()
            }
        }
        Connections {
            target: root
            function onRowFocusRequested(position: int) {
                if (row.current && row.focusAction(position))
                    root.rowTookFocus = true
            }
        }

        // The first row of a section draws its header ("JOINED (3)"): Qt 6.4 cannot create a
        // section delegate of a bound component.
        readonly property int sectionIndex: Number(ListView.section)
        readonly property bool firstInSection: ListView.section !== ListView.previousSection
        readonly property int headerHeight: firstInSection ? sectionLabel.implicitHeight : 0

        objectName: "memberRow:" + userId
        width: ListView.view.width
        implicitHeight: headerHeight + content.implicitHeight + 2 * Theme.spacing

        Rectangle {
            width: parent.width
            height: row.headerHeight
            visible: row.firstInSection
            color: Theme.sectionBackground
            Label {
                id: sectionLabel
                objectName: "membersSection:" + row.sectionIndex
                leftPadding: Theme.spacing
                topPadding: 7
                bottomPadding: 7
                readonly property int count: root.members.count >= 0 ? root.sectionCount(row.sectionIndex) : 0
                text: root.sectionTitle(row.sectionIndex) + "  (" + count + ")"
                textFormat: Text.PlainText
                font.bold: true
                font.capitalization: Font.AllUppercase
                color: Theme.secondaryText
                Accessible.role: Accessible.Heading
                Accessible.name: qsTr("%1, %2 members").arg(root.sectionTitle(row.sectionIndex)).arg(count)
            }
        }
        color: row.current && (list.activeFocus || row.activeFocus) ? Theme.selectionBackground : "transparent"
        border.width: row.current && list.activeFocus ? 2 : 0
        border.color: Theme.focusFrame

        Accessible.role: Accessible.ListItem
        Accessible.name: {
            const parts = [row.displayName]
            if (row.detail !== "")
                parts.push(row.detail)
            if (row.reasonLine !== "")
                parts.push(row.reasonLine)
            return parts.join(", ")
        }
        // The actions that cannot be taken, and why (the buttons are out of reach when disabled).
        Accessible.description: row.actions.filter(a => a.visible && !a.allowed && a.reason !== "")
                                           .map(a => qsTr("%1: %2").arg(a.text).arg(a.reason)).join(" ")

        MouseArea {
            anchors.fill: parent
            onClicked: {
                list.currentIndex = row.index
                list.forceActiveFocus(Qt.MouseFocusReason)
            }
        }
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: 1
            color: Theme.separator
        }

        RowLayout {
            id: content
            anchors.fill: parent
            anchors.margins: Theme.spacing
            anchors.topMargin: row.headerHeight + Theme.spacing
            spacing: Theme.spacing * 1.5

            Avatar {
                Layout.alignment: Qt.AlignTop
                source: row.avatarSource
                name: row.displayName.startsWith("@") ? row.displayName.substring(1) : row.displayName
                colorKey: row.userId
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                Label {
                    objectName: "memberName"
                    Layout.fillWidth: true
                    text: row.displayName
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    font.bold: true
                }
                Label {
                    objectName: "memberDetail"
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: row.detail
                    textFormat: Text.PlainText
                    elide: Text.ElideMiddle
                    maximumLineCount: 1
                    color: Theme.secondaryText
                }
                Label {
                    objectName: "memberReason"
                    Layout.fillWidth: true
                    visible: text !== ""
                    text: row.reasonLine
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    color: Theme.secondaryText
                }
            }
            // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is
            // set on it: the item around it is the progress bar screen readers see.
            Item {
                visible: row.busy
                implicitWidth: 24
                implicitHeight: 24
                Accessible.role: Accessible.ProgressBar
                Accessible.name: root.operationLabel
                Accessible.ignored: !row.busy
                BusyIndicator {
                    anchors.fill: parent
                    running: row.busy
                    Accessible.ignored: true
                }
            }
            RowLayout {
                spacing: Theme.spacing / 2
                visible: !row.isSelf
                ActionButton {
                    id: acceptAction
                    objectName: "memberAccept"
                    visible: row.knocking
                    allowed: row.canAccept && !row.busy
                    reason: row.acceptReason
                    text: qsTr("Accept")
                    accessibleName: qsTr("Accept the request of %1").arg(row.displayName)
                    onTabbed: forward => row.tab(forward)
                    onActivated: root.acceptKnock(row.userId)
                }
                ActionButton {
                    id: denyAction
                    objectName: "memberDeny"
                    visible: row.knocking
                    allowed: row.canDeny && !row.busy
                    reason: row.denyReason
                    text: qsTr("Deny…")
                    accessibleName: qsTr("Deny the request of %1").arg(row.displayName)
                    onTabbed: forward => row.tab(forward)
                    onActivated: root.askModeration("deny", row.userId, row.displayName)
                }
                ActionButton {
                    id: kickAction
                    objectName: "memberKick"
                    visible: row.joined || row.invited
                    allowed: row.canKick && !row.busy
                    reason: row.kickReason
                    text: row.invited ? qsTr("Revoke…") : qsTr("Kick…")
                    accessibleName: row.invited ? qsTr("Revoke the invitation of %1").arg(row.displayName)
                                                : qsTr("Kick %1").arg(row.displayName)
                    onTabbed: forward => row.tab(forward)
                    onActivated: root.askModeration(row.invited ? "revoke" : "kick", row.userId, row.displayName)
                }
                ActionButton {
                    id: banAction
                    objectName: "memberBan"
                    visible: !row.banned
                    allowed: row.canBan && !row.busy
                    reason: row.banReason
                    text: qsTr("Ban…")
                    accessibleName: qsTr("Ban %1").arg(row.displayName)
                    onTabbed: forward => row.tab(forward)
                    onActivated: root.askModeration("ban", row.userId, row.displayName)
                }
                ActionButton {
                    id: unbanAction
                    objectName: "memberUnban"
                    visible: row.banned
                    allowed: row.canUnban && !row.busy
                    reason: row.unbanReason
                    text: qsTr("Unban…")
                    accessibleName: qsTr("Unban %1").arg(row.displayName)
                    onTabbed: forward => row.tab(forward)
                    onActivated: root.askModeration("unban", row.userId, row.displayName)
                }
                // Every joined room where the account may ban them (the dialog says where not).
                ActionButton {
                    id: banEverywhereAction
                    objectName: "memberBanEverywhere"
                    allowed: !row.busy
                    text: qsTr("Ban everywhere…")
                    accessibleName: qsTr("Ban %1 from all rooms where I can").arg(row.displayName)
                    flat: true
                    onTabbed: forward => row.tab(forward)
                    onActivated: root.askBanEverywhere(row.userId, row.displayName)
                }
            }
        }
    }

    header: Pane {
        padding: Theme.spacing
        background: Rectangle { color: Theme.sectionBackground }

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                RingButton {
                    id: backButton
                    objectName: "membersBackButton"
                    text: qsTr("‹ Rooms")
                    flat: true
                    Accessible.name: qsTr("Back to the room list")
                    onClicked: root.closed()
                    Keys.onTabPressed: filterField.forceActiveFocus(Qt.TabFocusReason)
                }
                Label {
                    objectName: "membersTitle"
                    Layout.fillWidth: true
                    text: qsTr("Members of %1").arg(root.roomTitle)
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    font.bold: true
                    font.pixelSize: Math.round(root.font.pixelSize * 1.2)
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Label {
                    objectName: "membersOwnLevel"
                    visible: !root.members.loading && root.members.error === ""
                    text: qsTr("Your power level: %1").arg(root.members.ownPowerLevelText)
                    textFormat: Text.PlainText
                    color: Theme.secondaryText
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                TextField {
                    id: filterField
                    objectName: "membersFilterField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Filter by name or user ID")
                    selectByMouse: true
                    Accessible.name: qsTr("Filter members")
                    onTextChanged: root.members.filterText = text
                    Keys.onEscapePressed: event => {
                        if (text !== "")
                            text = ""
                        else
                            event.accepted = false
                    }
                    Keys.onDownPressed: root.focusList()
                    Keys.onTabPressed: {
                        if (root.inviteButton.enabled)
                            root.inviteButton.forceActiveFocus(Qt.TabFocusReason)
                        else
                            root.focusList()
                    }
                    Keys.onBacktabPressed: backButton.forceActiveFocus(Qt.BacktabFocusReason)
                }
                ActionButton {
                    id: inviteAction
                    objectName: "membersInvite"
                    allowed: root.members.inviteReason === "" && root.members.roomId !== ""
                    reason: root.members.inviteReason
                    text: qsTr("Invite…")
                    accessibleName: qsTr("Invite someone to %1").arg(root.roomTitle)
                    onActivated: inviteDialog.openFor(root.members.roomId, root.roomTitle)
                    onTabbed: forward => forward ? root.focusList()
                                                 : filterField.forceActiveFocus(Qt.BacktabFocusReason)
                }
            }
        }
    }
    // (The Invite button, for the Tab chain.)
    readonly property Button inviteButton: inviteAction.button

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ListView {
            id: list
            objectName: "membersList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.members
            currentIndex: -1
            activeFocusOnTab: true
            keyNavigationEnabled: true
            highlightFollowsCurrentItem: false
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Members")
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }

            section.property: "section"
            section.criteria: ViewSection.FullString
            delegate: MemberRow {}

            onActiveFocusChanged: {
                if (activeFocus && (currentIndex < 0 || currentIndex >= count) && count > 0)
                    currentIndex = 0
            }
            Keys.onTabPressed: event => {
                if (!root.focusIntoRow(0))
                    root.focusAfterList()
                event.accepted = true
            }
            Keys.onBacktabPressed: event => {
                root.inviteButton.enabled ? root.inviteButton.forceActiveFocus(Qt.BacktabFocusReason)
                                          : filterField.forceActiveFocus(Qt.BacktabFocusReason)
                event.accepted = true
            }
            Keys.onPressed: event => {
                if (count === 0)
                    return
                const page = Math.max(1, Math.floor(height / 56))
                if (event.key === Qt.Key_Home)
                    currentIndex = 0
                else if (event.key === Qt.Key_End)
                    currentIndex = count - 1
                else if (event.key === Qt.Key_PageDown)
                    currentIndex = Math.min(count - 1, currentIndex + page)
                else if (event.key === Qt.Key_PageUp)
                    currentIndex = Math.max(0, currentIndex - page)
                else
                    return
                positionViewAtIndex(currentIndex, ListView.Contain)
                event.accepted = true
            }

            // Nothing to list: loading, an error, or no member matches.
            ColumnLayout {
                objectName: "membersEmptyState"
                anchors.centerIn: parent
                width: Math.min(parent.width - 48, 460)
                visible: list.count === 0
                spacing: Theme.spacing

                Item {
                    objectName: "membersBusy"
                    Layout.alignment: Qt.AlignHCenter
                    implicitWidth: 32
                    implicitHeight: 32
                    visible: root.members.loading
                    Accessible.role: Accessible.ProgressBar
                    Accessible.name: qsTr("Loading the members")
                    Accessible.ignored: !root.members.loading
                    BusyIndicator {
                        anchors.fill: parent
                        running: root.members.loading
                        Accessible.ignored: true
                    }
                }
                Text {
                    objectName: "membersError"
                    Layout.fillWidth: true
                    visible: root.members.error !== ""
                    text: "⚠ " + root.members.error
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    color: Theme.errorText
                    font: root.font
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: root.members.error
                }
                Label {
                    objectName: "membersEmptyText"
                    Layout.fillWidth: true
                    visible: text !== ""
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    text: root.members.loading || root.members.error !== "" ? ""
                          : root.members.filterText.trim() !== ""
                            ? qsTr("No member matches “%1”.").arg(root.members.filterText.trim())
                            : root.members.roomId !== "" ? qsTr("No members to show.") : ""
                }
                RingButton {
                    id: retryButton
                    objectName: "membersRetryButton"
                    Layout.alignment: Qt.AlignHCenter
                    visible: root.members.error !== "" && !root.members.loading
                    text: qsTr("Try again")
                    Accessible.name: qsTr("Try loading the members again")
                    onClicked: root.members.reload()
                    Keys.onBacktabPressed: root.focusList()
                }
            }
        }

        // The action started here: running, done, or why it failed (as the server said it).
        Pane {
            objectName: "membersOperationBar"
            Layout.fillWidth: true
            visible: root.operation !== null
            padding: 4
            leftPadding: Theme.spacing
            rightPadding: Theme.spacing
            background: Rectangle {
                color: root.operation !== null && (root.operation.state === Operation.Failed
                                                   || root.operation.state === Operation.Unknown)
                       ? Theme.errorBackground : Theme.noticeBackground
            }
            Text {
                objectName: "membersOperationText"
                width: parent.width
                text: root.operationText()
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                font: root.font
                color: root.operation !== null && (root.operation.state === Operation.Failed
                                                   || root.operation.state === Operation.Unknown)
                       ? Theme.errorText : Theme.text
                // Said when it changes (started, done, failed).
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
        }
    }

    ModerationDialog {
        id: moderationDialog
        onConfirmed: (action, roomId, userId, reason) => root.runModeration(action, roomId, userId, reason)
        // Back to the member the dialog was about.
        onClosed: {
            if (root.visible)
                list.forceActiveFocus(Qt.OtherFocusReason)
        }
    }
    BanEverywhereDialog {
        id: banEverywhereDialog
        plan: root.services.banEverywhere
        onStopRequested: root.services.banEverywhere.cancel()
        // One job (the jobs panel shows it); the dialog stays open with the reason if refused.
        onBanRequested: (userId, reason) => {
            if (root.services.banEverywhere.submit(reason))
                banEverywhereDialog.close()
        }
        onClosed: {
            root.services.banEverywhere.clear()
            if (root.visible)
                list.forceActiveFocus(Qt.OtherFocusReason)
        }
    }
    InviteDialog {
        id: inviteDialog
        suggestions: root.services.userDirectory
        searching: root.services.userDirectory.busy
        searchError: root.services.userDirectory.errorText
        onSearchEdited: term => root.services.userDirectory.searchTerm = term
        onInviteRequested: (roomId, userId, reason) => {
            inviteDialog.operation = root.services.membership.invite(roomId, userId, reason)
        }
        onStopRequested: if (inviteDialog.operation) inviteDialog.operation.cancel()
        // Several people: one job (its progress is in the room list's banner and jobs panel).
        onInviteManyRequested: (roomId, userIds, reason) => {
            const job = root.services.jobs.inviteUsers(roomId, userIds, reason,
                                                       qsTr("Invite %1 people to %2").arg(userIds.length).arg(inviteDialog.roomName))
            if (job)
                inviteDialog.close()
            else
                inviteDialog.serverError = root.services.jobs.lastError
        }
        onListRequested: (roomId, name) => {
            inviteDialog.close()
            root.openInviteMany(roomId, name)
        }
        onClosed: {
            root.services.userDirectory.clear()
            if (root.visible)
                inviteAction.button.forceActiveFocus(Qt.OtherFocusReason)
        }
    }
    // "Paste a list…" of the invite dialog. Created on first use, from its file.
    property var inviteManyDialog: null
    function openInviteMany(roomId: string, name: string) {
        if (!root.inviteManyDialog) {
            const component = Qt.createComponent("InviteManyDialog.qml")
            if (component.status !== Component.Ready) {
                console.warn(component.errorString())
                return
            }
            root.inviteManyDialog = component.createObject(root, { services: root.services })
        }
        if (root.inviteManyDialog && typeof root.inviteManyDialog.openFor === "function")
            root.inviteManyDialog.openFor(roomId, name)
    }
}
