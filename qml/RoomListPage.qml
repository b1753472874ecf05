pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// The signed-in page: every room in one list with Invites / Joined / Left sections, a filter,
// the dialogs, and a status bar. This page is where intents from the delegates and dialogs
// become calls on the services. The operations they return report back by themselves: the join
// and invite dialogs follow the one they asked for, the rows follow the room model's
// pendingAction / operationState / lastError roles, the status bar the service's status.
Page {
    id: root

    required property AppServices services

    // Browse public rooms (the window shows the directory page over this one).
    signal directoryRequested()
    // The members page of a joined room (the window shows it over this one).
    signal membersRequested(string roomId, string name)
    // Invite triage: the pending invites by sender (the window shows it over this one).
    signal triageRequested()
    // The accounts overview (the window shows it over this one), when the window has one.
    signal accountsRequested()
    property bool accountsAvailable: false
    property int accountCount: 1

    readonly property RoomFilterProxy rooms: services.rooms
    readonly property RoomListModel roomModel: services.roomModel
    readonly property MembershipService membership: services.membership
    readonly property RoomSelection selection: services.selection
    readonly property JobQueue jobs: services.jobs
    // Whose rooms these are: while a remembered session is read back and checked with the server
    // (its saved rooms shown already; the session knows its user once whoami answers), the
    // remembered user.
    readonly property string userId: services.session.userId === "" && services.signingIn
                                     ? services.credentials.savedUserId : services.session.userId

    readonly property string filterHelp: qsTr("Type part of a room's name, address or ID, or terms: is:invite, is:joined, is:left, is:dm (direct chats), is:space, in:#space:example.org (a space's rooms, by address, ID or name), server:example.org (the room's or the inviter's server), from:@user:example.org (who invited you). Terms combine: is:invite from:@spam:example.org")

    // A failure that no row can show (a join from the dialog that failed after it was closed).
    property string bannerText: ""

    // Said once: the saved room list could not be used (it is rebuilt from the server).
    Connections {
        target: root.services
        function onStoreNoticeChanged() {
            if (root.services.storeNotice !== "")
                root.bannerText = root.services.storeNotice
        }
    }

    // Opens the join dialog prefilled (a link from the command line asks before joining).
    function openJoin(text: string, fromLink: bool) {
        root.joinDialog().openWith(text, fromLink)
    }
    // The room list is a focus scope: the row to take the focus when Tab comes back to it is the
    // current row, never a section header's button that had the focus when the focus left.
    function focusCurrentRowInScope() {
        if (!roomList.activeFocus && roomList.currentItem)
            roomList.currentItem.focus = true
    }
    function focusFilter() {
        filterField.forceActiveFocus()
        filterField.selectAll()
    }

    // What a row's intent means: some run at once, others ask first in a dialog.
    function runAction(kind: int, roomId: string, name: string, roomMembership: int) {
        switch (kind) {
        case Operation.Join: // accept an invite, rejoin a left room
            root.actedOn(roomId, Operation.Join, root.membership.join(roomId, [], ""))
            break
        case Operation.Leave:
            // Leaving a space asks about its rooms too (none, all, some).
            if (roomMembership === Membership.Join && root.roomIsSpace(roomId))
                root.leaveSpaceDialog().openFor(roomId)
            else if (roomMembership === Membership.Join)
                root.leaveDialog().openFor(roomId, name)
            else // decline an invite (or withdraw a knock): nothing to ask
                root.actedOn(roomId, Operation.Leave, root.membership.leave(roomId, "", false))
            break
        case Operation.Invite:
            root.inviteDialog().openFor(roomId, name)
            break
        case Operation.Forget:
            root.forgetDialog().openFor(roomId, name)
            break
        }
    }
    // The membership history of a room, in a dialog.
    function openHistory(roomId: string, name: string) {
        root.services.history.roomId = roomId
        root.historyDialog().openFor(roomId, name)
    }
    // Ctrl+H: the history of the current row.
    function historyOfCurrent() {
        const row = roomList.currentItem as RoomDelegate
        if (row)
            openHistory(row.roomId, row.title)
    }
    // Ctrl+M: the members of the current row's room, if joined.
    function membersOfCurrent() {
        const row = roomList.currentItem as RoomDelegate
        if (row && row.membership === Membership.Join)
            root.membersRequested(row.roomId, row.title)
    }
    // Stops what waits on a room (server unavailable, rate limited).
    function cancelOperation(roomId: string) {
        const operation = root.membership.operationFor(roomId)
        if (operation)
            operation.cancel()
    }
    // Enter on a row: the first button's action; Delete: leave / decline / forget.
    function keyAction(primary: bool) {
        const row = roomList.currentItem as RoomDelegate
        if (!row || row.busy)
            return
        runAction(primary ? row.primaryAction : row.secondaryAction, row.roomId, row.title, row.membership)
    }
    // The rooms' names as the list shows them (a room the filter hides: its ID), in ids' order.
    function namesOf(ids: var): var {
        const byId = {}
        for (let i = 0; i < root.rooms.count; ++i) {
            const room = root.rooms.get(i)
            byId[room.roomId] = room.displayName !== "" ? room.displayName
                              : room.canonicalAlias !== "" ? room.canonicalAlias : room.roomId
        }
        return ids.map(id => byId[id] !== undefined ? byId[id] : id)
    }
    // An action of the selection bar: which selected rooms it applies to, then confirmation.
    function openBulk(action: string) {
        let ids = []
        switch (action) {
        case "leave":
        case "leaveForget":
        case "invite":
        case "inviteMany":
            ids = root.selection.roomIdsWith(Membership.Join)
            break
        case "forget": // the Left section: left and banned rooms, each once
            ids = root.selection.roomIdsWith(Membership.Leave)
            break
        case "accept":
        case "decline":
            ids = root.selection.roomIdsWith(Membership.Invite)
            break
        case "withdraw": // the Requested section: pending knocks
            ids = root.selection.roomIdsWith(Membership.Knock)
            break
        }
        if (ids.length === 0)
            return
        const names = root.namesOf(ids)
        if (action === "inviteMany") {
            root.openInviteMany(ids[0], names[0])
            return
        }
        root.bulkDialog().openFor(action, ids, names, root.jobs.estimateSeconds(ids.length))
    }
    // The confirmed bulk action becomes a job; the selection is done with. When the queue
    // refuses it (nothing was sent), the dialog stays open and says why.
    function submitBulk(action: string, ids: var, reason: string, userId: string) {
        let job = null
        const n = ids.length
        const one = n === 1
        switch (action) {
        case "leave":
            job = root.jobs.leaveRooms(ids, reason, false, one ? qsTr("Leave 1 room") : qsTr("Leave %1 rooms").arg(n))
            break
        case "leaveForget":
            job = root.jobs.leaveRooms(ids, reason, true, one ? qsTr("Leave and forget 1 room")
                                                              : qsTr("Leave and forget %1 rooms").arg(n))
            break
        case "forget":
            job = root.jobs.forgetRooms(ids, one ? qsTr("Forget 1 room") : qsTr("Forget %1 rooms").arg(n))
            break
        case "accept":
            job = root.jobs.joinRooms(ids, one ? qsTr("Accept 1 invitation") : qsTr("Accept %1 invitations").arg(n))
            break
        case "decline":
            job = root.jobs.leaveRooms(ids, reason, false, one ? qsTr("Decline 1 invitation")
                                                               : qsTr("Decline %1 invitations").arg(n))
            break
        case "withdraw": // a knock is withdrawn with a leave
            job = root.jobs.leaveRooms(ids, reason, false, one ? qsTr("Withdraw 1 request to join")
                                                               : qsTr("Withdraw %1 requests to join").arg(n))
            break
        case "invite":
            job = root.jobs.inviteToRooms(ids, userId, reason, one ? qsTr("Invite %1 to 1 room").arg(userId)
                                                                   : qsTr("Invite %1 to %2 rooms").arg(userId).arg(n))
            break
        }
        if (!job) {
            root.bulkDialog().error = root.jobs.lastError !== "" ? root.jobs.lastError
                                                                 : qsTr("The bulk action could not be started.")
            return
        }
        root.selection.clear()
        bulkPopup.closeIfBuilt()
    }
    // "Invite many people…" to one room (the dialog submits its job itself). Created on first
    // use, from its file.
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
    function openJobs() {
        root.jobsPanel().openOn(null)
    }
    // Ctrl/Shift+click, the check box, Space: the selection follows the rows the list shows.
    function toggleRow(row: int) {
        if (row >= 0)
            root.selection.toggle(row)
    }
    function extendTo(row: int) {
        if (row < 0)
            return
        if (root.selection.anchorRow < 0)
            root.selection.select(row)
        else
            root.selection.selectRange(row)
    }

    // The first row wholly inside the viewport, or -1.
    function firstVisibleRow(): int {
        const top = roomList.indexAt(roomList.width / 2, roomList.contentY + 1)
        if (top < 0)
            return roomList.count > 0 ? 0 : -1
        const topItem = roomList.itemAtIndex(top)
        if (topItem !== null && topItem.y < roomList.contentY && top + 1 < roomList.count)
            return top + 1
        return top
    }

    // Home, End, Page Up, Page Down in the room list: true if the key was one of them.
    function moveCurrent(key: int): bool {
        const last = roomList.count - 1
        const from = roomList.currentIndex < 0 ? root.firstVisibleRow() : roomList.currentIndex
        // A page: as many rows as the view shows (at least one).
        const current = roomList.currentItem
        const rowHeight = current ? current.height : 48
        const page = Math.max(1, Math.floor(roomList.height / Math.max(1, rowHeight)) - 1)
        let to
        switch (key) {
        case Qt.Key_Home: to = 0; break
        case Qt.Key_End: to = last; break
        case Qt.Key_PageUp: to = Math.max(0, from - page); break
        case Qt.Key_PageDown: to = Math.min(last, from + page); break
        default: return false
        }
        roomList.currentIndex = to
        roomList.positionViewAtIndex(to, ListView.Contain)
        return true
    }

    Timer {
        id: rowFocusTimer
        interval: 0
        onTriggered: root.focusCurrentRowInScope()
    }
    Timer {
        id: currentRowTimer
        interval: 0
        onTriggered: root.ensureCurrentRow()
    }
    // The list has keyboard focus and rows, but no current row: the first row on screen.
    function ensureCurrentRow() {
        if (roomList.activeFocus && roomList.count > 0
                && (roomList.currentIndex < 0 || roomList.currentIndex >= roomList.count))
            roomList.currentIndex = root.firstVisibleRow()
    }

    // The room of the current row, by ID: when a row moves (left → Left section) or rows come and
    // go around it, the current row stays on that room instead of landing on a neighbour. Its
    // name, section and row as last seen: when it moves to another section or is no longer shown,
    // that is announced (see announce()).
    property string currentRoomId: ""
    property string currentRoomName: ""
    property int currentRoomSection: -1
    property int currentRoomRow: -1
    property bool followingRoom: false
    function rememberCurrentRoom() {
        if (root.followingRoom)
            return
        const row = roomList.currentItem as RoomDelegate
        root.currentRoomId = row ? row.roomId : ""
        root.currentRoomName = row ? row.title : ""
        root.currentRoomSection = row ? row.section : -1
        root.currentRoomRow = row ? row.index : -1
    }
    // The row that shows a room, or -1. (RoomFilterProxy::rowOfRoom would spare this search if it
    // were Q_INVOKABLE.)
    function rowOfRoom(roomId: string): int {
        for (let i = 0; i < root.rooms.count; ++i) {
            if (root.roomAt(i).roomId === roomId)
                return i
        }
        return -1
    }
    function roomIsSpace(roomId: string): bool {
        const row = root.rowOfRoom(roomId)
        return row >= 0 && root.roomAt(row).isSpace === true
    }
    // A row's roles by name (roomId, section, membership, …).
    function roomAt(row: int): var {
        return root.rooms.get(row)
    }
    function titleOf(room: var): string {
        return room.displayName !== "" ? room.displayName
             : room.canonicalAlias !== "" ? room.canonicalAlias : room.roomId
    }
    function sectionTitle(section: int): string {
        return section === RoomSection.Invites ? qsTr("Invites")
             : section === RoomSection.Requested ? qsTr("Requested")
             : section === RoomSection.Joined ? qsTr("Joined") : qsTr("Left")
    }
    function followCurrentRoom() {
        if (root.currentRoomId === "")
            return
        const roomId = root.currentRoomId
        let row = roomList.currentIndex
        if (row < 0 || row >= root.rooms.count || root.roomAt(row).roomId !== roomId)
            row = root.rowOfRoom(roomId) // usually one look at the current row is enough
        if (row >= 0) {
            if (row !== roomList.currentIndex) {
                roomList.currentIndex = row
                roomList.positionViewAtIndex(row, ListView.Contain)
            }
            const section = root.roomAt(row).section
            if (section !== root.currentRoomSection) {
                root.currentRoomSection = section
                root.roomMoved(roomId, root.currentRoomName, section, true)
            }
            root.currentRoomRow = row
            return
        }
        // The room is no longer shown (forgotten, filtered out): the neighbour that took its
        // place becomes current (the row before if it was the last), and that is said. (Read
        // from the model: the view may not have replaced its current item yet.)
        const name = root.currentRoomName
        const count = root.rooms.count
        const neighbour = count === 0 ? -1 : Math.max(0, Math.min(root.currentRoomRow, count - 1))
        roomList.currentIndex = neighbour
        const room = neighbour >= 0 ? root.roomAt(neighbour) : null
        root.currentRoomId = room ? room.roomId : ""
        root.currentRoomName = room ? root.titleOf(room) : ""
        root.currentRoomSection = room ? room.section : -1
        root.currentRoomRow = neighbour
        root.roomGone(roomId, name, true)
    }

    // Rooms this page asked to join, leave or forget, by ID: what was asked, the room's name and
    // section then, and the operation. When the list shows one in another section, or no longer
    // shows it, that is announced with what was done: "Left General; it is now under Left",
    // "Forgot General; focus on Random". Dropped when its operation fails or is cancelled (an
    // operation the service has let go of was followed by a newer one on the room).
    property var actedRooms: ({})
    function actedOn(roomId: string, kind: int, operation: Operation) {
        const row = root.rowOfRoom(roomId)
        if (row < 0 || !operation)
            return
        const room = root.roomAt(row)
        const acted = root.actedRooms
        acted[roomId] = { kind: kind, name: root.titleOf(room), section: room.section,
                          fromInvite: room.membership === Membership.Invite, operation: operation }
        root.actedRooms = acted
    }
    // "Left General", "Declined General", … : what was done to a room.
    function doneText(acted: var): string {
        switch (acted.kind) {
        case Operation.Join:
            return acted.fromInvite ? qsTr("Accepted %1").arg(acted.name) : qsTr("Joined %1").arg(acted.name)
        case Operation.Leave:
            return acted.fromInvite ? qsTr("Declined %1").arg(acted.name) : qsTr("Left %1").arg(acted.name)
        case Operation.LeaveAndForget:
            return qsTr("Left and forgot %1").arg(acted.name)
        case Operation.Forget:
            return qsTr("Forgot %1").arg(acted.name)
        }
        return acted.name
    }
    // The acted-on record of a room, taken (undefined: none, or its operation came to nothing).
    function takeActed(roomId: string): var {
        const acted = root.actedRooms[roomId]
        if (acted === undefined)
            return undefined
        const record = root.actedRooms
        delete record[roomId]
        root.actedRooms = record
        const state = acted.operation ? acted.operation.state : Operation.Succeeded
        return state === Operation.Failed || state === Operation.Cancelled ? undefined : acted
    }
    // A room the list shows moved to another section: said if it was acted on, or if it is the
    // current row of the focused list.
    function roomMoved(roomId: string, name: string, section: int, current: bool) {
        const acted = root.takeActed(roomId)
        if (acted !== undefined)
            root.announce(qsTr("%1; it is now under %2").arg(root.doneText(acted)).arg(root.sectionTitle(section)))
        else if (current && roomList.activeFocus)
            root.announce(qsTr("%1 is now under %2").arg(name).arg(root.sectionTitle(section)))
    }
    // A room is no longer shown; for the current row, which row is current now.
    function roomGone(roomId: string, name: string, current: bool) {
        const acted = root.takeActed(roomId)
        if (acted === undefined && !(current && roomList.activeFocus))
            return
        const what = acted !== undefined ? root.doneText(acted) : qsTr("%1 is no longer shown").arg(name)
        const kept = acted !== undefined && acted.kind !== Operation.Forget
                     && acted.kind !== Operation.LeaveAndForget
        const parts = [what]
        if (kept) // left or declined, and then hidden by the filter or the hidden Left section
            parts.push(qsTr("it is not shown with the current filter"))
        if (current) // the current row's room is the neighbour now (followCurrentRoom)
            parts.push(root.currentRoomId !== "" ? qsTr("focus on %1").arg(root.currentRoomName)
                                                 : qsTr("no room is shown"))
        root.announce(parts.join("; "))
    }
    // The acted-on rooms that are not the current row.
    function followActedRooms() {
        for (const roomId of Object.keys(root.actedRooms)) {
            const acted = root.actedRooms[roomId]
            const state = acted.operation ? acted.operation.state : Operation.Succeeded
            if (state === Operation.Failed || state === Operation.Cancelled) {
                root.takeActed(roomId)
                continue
            }
            const row = root.rowOfRoom(roomId)
            if (row < 0)
                root.roomGone(roomId, acted.name, false)
            else if (root.roomAt(row).section !== acted.section)
                root.roomMoved(roomId, acted.name, root.roomAt(row).section, false)
        }
    }

    // Said to screen readers (an alert) and shown above the list for a while: where the room acted
    // on went, and where the focus is.
    property string announcement: ""
    function announce(text: string) {
        // Emptied first: the alert appears again even when the text is the same.
        root.announcement = ""
        root.announcement = text
        announcementTimer.restart()
    }
    Timer {
        id: announcementTimer
        interval: 15000
        onTriggered: root.announcement = ""
    }

    // The context menu of a row (Menu, Shift+F10, right-click), at (x, y) in the row, or for the
    // keyboard (x < 0) under the row's name. The row becomes the current one.
    function openContextMenu(row: RoomDelegate, x: real, y: real) {
        if (!row)
            return
        roomList.currentIndex = row.index
        const menu = root.roomMenu()
        menu.roomId = row.roomId
        menu.roomTitle = row.title
        menu.membership = row.membership
        menu.selected = row.selected
        menu.busy = row.busy
        menu.waiting = row.waiting
        menu.hasError = row.lastError !== ""
        const room = root.roomAt(row.index)
        menu.isSpace = room.isSpace === true
        menu.successorId = room.successorToJoin !== undefined ? room.successorToJoin : ""
        menu.successorVia = room.successorVia !== undefined ? room.successorVia : []
        const keyboard = x < 0
        // (The menu's coordinates are its parent's: the page's content item.)
        const at = keyboard ? row.mapToItem(menu.parent, row.leftPadding + 2 * Theme.spacing, row.height)
                            : row.mapToItem(menu.parent, x, y)
        menu.fromKeyboard = keyboard
        menu.popup(at.x, at.y)
    }
    // The menu's room changed its membership or went while the menu was open: its actions no
    // longer apply.
    function checkContextMenu() {
        const menu = roomMenuPopup.popup as RoomContextMenu
        if (!menu || !menu.visible)
            return
        const row = root.rowOfRoom(menu.roomId)
        if (row < 0 || root.roomAt(row).membership !== menu.membership)
            menu.close()
    }

    Connections {
        target: root.rooms
        function onListChanged() {
            root.followingRoom = false
            root.followCurrentRoom()
            root.followActedRooms()
            root.checkContextMenu()
        }
        // Rows going away move the view's current row before the list is told: keep the room.
        function onRowsAboutToBeRemoved() {
            root.followingRoom = true
        }
        function onRowsAboutToBeInserted() {
            root.followingRoom = true
        }
        function onRowsAboutToBeMoved() {
            root.followingRoom = true
        }
        function onModelAboutToBeReset() {
            root.followingRoom = true
        }
    }

    objectName: "roomListPage"
    // Enter/Return on a focused push button of the page presses it, as in the dialogs.
    Keys.onReturnPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEnterPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    // Signed out or expired: no dialog of this account stays over the sign-in page.
    onVisibleChanged: {
        if (!visible) {
            roomMenuPopup.closeIfBuilt()
            historyPopup.closeIfBuilt()
            signOutPopup.closeIfBuilt()
            bulkPopup.closeIfBuilt()
            jobsPopup.closeIfBuilt()
            if (root.inviteManyDialog)
                root.inviteManyDialog.close()
        }
    }

    // A join whose dialog was closed before it ended: say so if it failed.
    readonly property Operation joinedFromDialog: joinPopup.popup ? (joinPopup.popup as JoinDialog).operation : null
    Connections {
        target: root.joinedFromDialog
        function onStateChanged() {
            const op = root.joinedFromDialog
            const dialog = joinPopup.popup as JoinDialog
            if (!op || (dialog && dialog.visible))
                return
            if (op.state === Operation.Failed || op.state === Operation.Unknown)
                root.bannerText = qsTr("Could not join %1: %2").arg(op.target).arg(op.error.summary)
        }
    }

    Shortcut {
        sequence: "Ctrl+F"
        enabled: root.visible
        onActivated: root.focusFilter()
    }
    Shortcut {
        sequence: "Ctrl+J"
        enabled: root.visible
        onActivated: root.joinDialog().openWith("", false)
    }
    Shortcut {
        sequence: "Ctrl+Shift+J"
        enabled: root.visible
        onActivated: root.openJobs()
    }
    Shortcut {
        sequence: "Ctrl+H"
        enabled: root.visible
        onActivated: root.historyOfCurrent()
    }
    Shortcut {
        sequence: "Ctrl+M"
        enabled: root.visible
        onActivated: root.membersOfCurrent()
    }

    header: ToolBar {
        objectName: "roomListHeader"
        padding: Theme.spacing
        RowLayout {
            anchors.fill: parent
            spacing: Theme.spacing

            Avatar {
                size: 32
                name: root.userId.substring(1)
                colorKey: root.userId
            }
            Label {
                objectName: "userIdLabel"
                visible: !root.accountsAvailable
                Layout.fillWidth: true
                Layout.minimumWidth: 80
                text: root.userId
                textFormat: Text.PlainText
                elide: Text.ElideMiddle
                font.bold: true
                Accessible.name: qsTr("Signed in as %1").arg(text)
            }
            // The account shown, as the way to the accounts overview (switch, add, each one's
            // invites and health): where the window has one.
            Button {
                id: accountsButton
                Accessible.onPressAction: clicked()
                objectName: "accountsButton"
                visible: root.accountsAvailable
                flat: true
                Layout.fillWidth: true
                Layout.minimumWidth: 80
                text: root.userId
                contentItem: Label {
                    text: accountsButton.text + " ▾"
                    textFormat: Text.PlainText
                    elide: Text.ElideMiddle
                    font.bold: true
                    horizontalAlignment: Text.AlignLeft
                    verticalAlignment: Text.AlignVCenter
                }
                Accessible.name: root.accountCount > 1
                                 ? qsTr("Signed in as %1. Accounts, %2 open").arg(text).arg(root.accountCount)
                                 : qsTr("Signed in as %1. Accounts").arg(text)
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: root.accountCount > 1
                              ? qsTr("%1 accounts open: switch, add one, see each one's invites and health (Ctrl+Shift+A)").arg(root.accountCount)
                              : qsTr("Accounts: add another, see this one's invites and health (Ctrl+Shift+A)")
                onClicked: root.accountsRequested()
            }
            TextField {
                id: filterField
                objectName: "filterField"
                Layout.preferredWidth: Math.max(160, Math.min(320, root.width * 0.3))
                placeholderText: qsTr("Filter: name, is:invite, server:…  (Ctrl+F)")
                Accessible.name: qsTr("Filter rooms")
                Accessible.description: root.filterHelp
                ToolTip.visible: hovered || (activeFocus && text === "")
                ToolTip.delay: 600
                ToolTip.text: root.filterHelp
                selectByMouse: true
                text: root.rooms.filterText
                onTextEdited: root.rooms.filterText = text
                Keys.onEscapePressed: {
                    root.rooms.filterText = ""
                    roomList.forceActiveFocus()
                }
                Keys.onDownPressed: roomList.forceActiveFocus()
                Keys.onReturnPressed: roomList.forceActiveFocus()
            }
            Button {
                id: jobsButton
                // Qt 6.4: the AT-SPI "Press" action (how a screen reader presses) does nothing on a
                // Button without this handler: every Button of this file has one.
                Accessible.onPressAction: clicked()
                objectName: "jobsButton"
                text: root.jobs.activeCount > 0 ? qsTr("Jobs (%1)").arg(root.jobs.activeCount) : qsTr("Jobs")
                Accessible.name: root.jobs.activeCount > 0
                                 ? qsTr("Bulk actions, %1 running").arg(root.jobs.activeCount) : qsTr("Bulk actions")
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Progress and results of bulk actions (Ctrl+Shift+J)")
                onClicked: root.openJobs()
            }
            Button {
                id: directoryButton
                Accessible.onPressAction: clicked()
                objectName: "directoryButton"
                text: qsTr("Directory…")
                Accessible.name: qsTr("Browse the room directory")
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Public rooms of your homeserver or another server (Ctrl+D)")
                onClicked: root.directoryRequested()
            }
            Button {
                id: triageButton
                Accessible.onPressAction: clicked()
                objectName: "triageButton"
                text: qsTr("Triage invites…")
                Accessible.name: qsTr("Triage invites and blocked users")
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Pending invites by sender: decline them together, ignore a sender, block all invites (Ctrl+T)")
                onClicked: root.triageRequested()
            }
            Button {
                id: joinButton
                Accessible.onPressAction: clicked()
                objectName: "joinButton"
                text: qsTr("Join…")
                Accessible.name: qsTr("Join a room")
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Join a room by address, ID or link (Ctrl+J)")
                onClicked: root.joinDialog().openWith("", false)
            }
            Button {
                id: signOutButton
                Accessible.onPressAction: clicked()
                objectName: "signOutButton"
                text: qsTr("Sign out…")
                Accessible.name: qsTr("Sign out")
                Accessible.description: ToolTip.text
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Sign out: forget the remembered session and delete this account's saved room list and history from this computer")
                onClicked: root.signOutDialog().openFor(root.userId)
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // The filter's terms could not be read ("is:maybe"): said under the field, as an alert
        // (a Text keeps the role; a Label would override it).
        Text {
            objectName: "filterError"
            Layout.fillWidth: true
            visible: root.rooms.filterError !== ""
            leftPadding: Theme.spacing
            rightPadding: Theme.spacing
            topPadding: 4
            bottomPadding: 4
            text: "⚠ " + root.rooms.filterError
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.errorText
            Accessible.role: Accessible.AlertMessage
            Accessible.name: root.rooms.filterError
        }

        // A bulk job is running (or was resumed at launch): its progress and controls.
        JobBanner {
            Layout.fillWidth: true
            jobs: root.jobs
            onDetailsRequested: root.openJobs()
        }

        // A failure no row can show.
        Pane {
            objectName: "banner"
            Layout.fillWidth: true
            visible: root.bannerText !== ""
            padding: Theme.spacing
            background: Rectangle { color: Theme.errorBackground }
            RowLayout {
                anchors.fill: parent
                // An alert for screen readers (a Text keeps the role; a Label would override it).
                Text {
                    objectName: "bannerText"
                    Layout.fillWidth: true
                    text: "⚠ " + root.bannerText
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: Theme.errorText
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: root.bannerText
                }
                Button {
                    Accessible.onPressAction: clicked()
                    objectName: "bannerDismissButton"
                    text: qsTr("Dismiss")
                    Accessible.name: qsTr("Dismiss error")
                    onClicked: root.bannerText = ""
                }
            }
        }

        // Where the room acted on went, and where the focus is now (announce()): an alert for
        // screen readers (a Text keeps the role; a Label would override it).
        Pane {
            objectName: "announcementBar"
            Layout.fillWidth: true
            visible: root.announcement !== ""
            padding: 4
            leftPadding: Theme.spacing
            rightPadding: Theme.spacing
            background: Rectangle { color: Theme.noticeBackground }
            Text {
                objectName: "announcement"
                width: parent.width
                text: root.announcement
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: Theme.text
                Accessible.role: Accessible.AlertMessage
                Accessible.name: root.announcement
            }
        }

        // which rooms the list shows: all, direct chats, a space…
        SpacePicker {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            Layout.topMargin: 4
            spaces: root.services.spaces
            rooms: root.rooms
        }

        ListView {
            id: roomList
            objectName: "roomList"
            Layout.fillWidth: true
            // On very wide windows keep a row's buttons near its name.
            Layout.maximumWidth: 1280
            Layout.alignment: Qt.AlignHCenter
            Layout.fillHeight: true
            clip: true
            focus: true
            // A Tab stop in the natural focus chain (the header, the banners, the list, Hide/Show,
            // the selection bar), with no hand-written chain that could skip a control.
            activeFocusOnTab: true
            model: root.rooms
            currentIndex: -1
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Rooms")
            Accessible.description: root.selection.count === 0 ? ""
                                    : root.selection.count === 1 ? qsTr("1 room selected")
                                    : qsTr("%1 rooms selected").arg(root.selection.count)
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }

            // Selection: Space toggles the current row, Ctrl+A selects every row the filter
            // shows, Shift+Up/Down extend from the anchor, Escape clears.
            Keys.onSpacePressed: event => {
                // No current row (or one the filter took away): the first row on screen.
                if (currentIndex < 0 || currentIndex >= count)
                    currentIndex = root.firstVisibleRow()
                root.toggleRow(currentIndex)
                event.accepted = true
            }
            Keys.onEscapePressed: event => {
                if (root.selection.count > 0)
                    root.selection.clear()
                else
                    event.accepted = false
            }
            Keys.onPressed: event => {
                if (!(event.modifiers & (Qt.ControlModifier | Qt.ShiftModifier | Qt.AltModifier))
                        && count > 0 && root.moveCurrent(event.key)) {
                    event.accepted = true
                } else if ((event.key === Qt.Key_Menu
                            || (event.key === Qt.Key_F10 && event.modifiers === Qt.ShiftModifier))
                           && count > 0) {
                    // The current row's actions (no current row: the first row on screen).
                    if (currentIndex < 0 || currentIndex >= count)
                        currentIndex = root.firstVisibleRow()
                    root.openContextMenu(currentItem as RoomDelegate, -1, -1)
                    event.accepted = true
                } else if (event.key === Qt.Key_A
                           && (event.modifiers & (Qt.ControlModifier | Qt.ShiftModifier | Qt.AltModifier)) === Qt.ControlModifier) {
                    // Ctrl+A only: Ctrl+Shift+A is the window's (the accounts overview).
                    root.selection.selectAll()
                    event.accepted = true
                } else if ((event.key === Qt.Key_Up || event.key === Qt.Key_Down)
                           && (event.modifiers & Qt.ShiftModifier) && count > 0) {
                    const from = currentIndex < 0 ? 0 : currentIndex
                    const to = Math.max(0, Math.min(count - 1, from + (event.key === Qt.Key_Down ? 1 : -1)))
                    if (root.selection.anchorRow < 0)
                        root.selection.select(from)
                    currentIndex = to
                    root.extendTo(to)
                    event.accepted = true
                }
            }
            Keys.onReturnPressed: root.keyAction(true)
            Keys.onEnterPressed: root.keyAction(true)
            Keys.onDeletePressed: root.keyAction(false)
            // Keyboard focus arriving with no current row (Tab, Escape in the filter) selects the
            // first row on screen. Never row 0 of a scrolled list: that would scroll to the top,
            // and when the focus came from pressing a row's button, move the button away from
            // under the pointer so that the click is lost.
            // A ListView is a focus scope: once the focus has left it from a section header's
            // button (Hide left rooms), Tab coming back would land on that button again, never on
            // the list. Leaving the list hands the scope's focus back to the current row.
            onActiveFocusChanged: {
                if (activeFocus && (currentIndex < 0 || currentIndex >= count) && count > 0)
                    currentIndex = root.firstVisibleRow()
                if (!activeFocus)
                    rowFocusTimer.restart() // once the focus has moved
            }
            // The same when the rooms arrive while the list has focus (just after signing in);
            // once the view has applied the change (it resets the current row while it does).
            onCountChanged: currentRowTimer.restart()
            onCurrentIndexChanged: root.rememberCurrentRoom()
            onCurrentItemChanged: root.rememberCurrentRoom()

            delegate: RoomDelegate {
                id: row
                width: ListView.view.width
                highlighted: ListView.isCurrentItem && roomList.activeFocus
                onClicked: roomList.currentIndex = row.index
                onToggleSelectRequested: {
                    roomList.currentIndex = row.index
                    roomList.forceActiveFocus(Qt.MouseFocusReason)
                    root.toggleRow(row.index)
                }
                onRangeSelectRequested: {
                    roomList.currentIndex = row.index
                    roomList.forceActiveFocus(Qt.MouseFocusReason)
                    root.extendTo(row.index)
                }
                onActionRequested: kind => {
                    roomList.currentIndex = row.index
                    root.runAction(kind, row.roomId, row.title, row.membership)
                }
                onCancelRequested: root.cancelOperation(row.roomId)
                onDismissErrorRequested: {
                    roomList.currentIndex = row.index
                    root.membership.dismissError(row.roomId)
                    // The button goes with the error: the focus stays on the list.
                    roomList.forceActiveFocus(Qt.MouseFocusReason)
                }
                onContextMenuRequested: (x, y) => {
                    roomList.forceActiveFocus(Qt.MouseFocusReason)
                    root.openContextMenu(row, x, y)
                }
                onHideLeftRequested: root.rooms.showLeft = false
                onHistoryRequested: {
                    roomList.currentIndex = row.index
                    root.openHistory(row.roomId, row.title)
                }
                // Read again whenever a sync brings new history (revision; always >= 0).
                historySummary: row.isLeft && root.services.history.revision >= 0
                                ? root.services.history.summaryFor(row.roomId) : ""
            }

            // Empty states.
            ColumnLayout {
                objectName: "emptyState"
                anchors.centerIn: parent
                width: Math.min(parent.width - 48, 420)
                visible: roomList.count === 0
                spacing: Theme.spacing
                // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is
                // set on it: the item around it is the progress bar screen readers see.
                Item {
                    Layout.alignment: Qt.AlignHCenter
                    visible: running
                    Accessible.role: Accessible.ProgressBar
                    Accessible.name: qsTr("Loading rooms")
                    readonly property bool running: root.services.sync.state === SyncEngine.InitialSync
                    Accessible.ignored: !running
                    BusyIndicator {
                        anchors.fill: parent
                        running: root.services.sync.state === SyncEngine.InitialSync
                        Accessible.ignored: true
                    }
                }
                Label {
                    objectName: "emptyStateText"
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    font.pixelSize: Math.round(root.font.pixelSize * 1.15)
                    text: root.services.sync.state === SyncEngine.InitialSync && root.roomModel.count === 0
                          ? qsTr("Loading your rooms…")
                          : root.rooms.filterText !== ""
                          ? qsTr("No room matches “%1”.").arg(root.rooms.filterText)
                          : root.roomModel.count === 0
                          ? qsTr("You are not in any room yet.")
                          : qsTr("Only left rooms, and they are hidden.")
                }
                Label {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    visible: root.services.sync.state !== SyncEngine.InitialSync || root.roomModel.count > 0
                    text: root.rooms.filterText !== ""
                          ? qsTr("Press Escape in the filter field to see all rooms.")
                          : qsTr("Join a room with Join… (Ctrl+J), or wait for an invitation.")
                }
                Button {
                    Accessible.onPressAction: clicked()
                    Layout.alignment: Qt.AlignHCenter
                    visible: root.rooms.filterText !== ""
                    text: qsTr("Clear filter")
                    Accessible.name: qsTr("Clear filter")
                    onClicked: root.rooms.filterText = ""
                }
            }
        }

        // When the Left section is hidden its header is gone too: offer to show it here.
        // (Not a ListView footer: Qt 6.4 cannot create a bound footer component.)
        Pane {
            objectName: "leftHiddenBar"
            Layout.fillWidth: true
            visible: !root.rooms.showLeft && root.roomModel.leftCount > 0
            padding: 4
            leftPadding: Theme.spacing
            background: Rectangle { color: Theme.sectionBackground }
            RowLayout {
                anchors.fill: parent
                Label {
                    Layout.fillWidth: true
                    text: root.roomModel.leftCount === 1 ? qsTr("1 left room is hidden.")
                          : qsTr("%1 left rooms are hidden.").arg(root.roomModel.leftCount)
                    color: Theme.secondaryText
                }
                Button {
                    Accessible.onPressAction: clicked()
                    objectName: "showLeftButton"
                    flat: true
                    palette.buttonText: Theme.text
                    text: qsTr("Show")
                    Accessible.name: qsTr("Show left rooms")
                    onClicked: root.rooms.showLeft = true
                }
            }
        }
    }

    footer: Column {
        SelectionBar {
            id: selectionBar
            width: parent.width
            selection: root.selection
            onActionRequested: action => root.openBulk(action)
            onClearRequested: {
                root.selection.clear()
                roomList.forceActiveFocus(Qt.TabFocusReason)
            }
        }
        StatusBar {
            width: parent.width
            services: root.services
        }
    }

    // The page's popups, each built the first time it is opened (see LazyPopup); the functions
    // below build and return them.
    function roomMenu() { return roomMenuPopup.get() as RoomContextMenu }
    function spaceHierarchyDialog() { return spaceHierarchyPopup.get() as SpaceHierarchyDialog }
    function leaveSpaceDialog() { return leaveSpacePopup.get() as LeaveSpaceDialog }
    function joinDialog() { return joinPopup.get() as JoinDialog }
    function inviteDialog() { return invitePopup.get() as InviteDialog }
    function leaveDialog() { return leavePopup.get() as LeaveDialog }
    function forgetDialog() { return forgetPopup.get() as ForgetDialog }
    function bulkDialog() { return bulkPopup.get() as BulkConfirmDialog }
    function jobsPanel() { return jobsPopup.get() as JobsPanel }
    function historyDialog() { return historyPopup.get() as HistoryDialog }
    function signOutDialog() { return signOutPopup.get() as SignOutDialog }

    // The actions of one row; its intents mean what the row's buttons mean.
    LazyPopup {
        id: roomMenuPopup
        parentItem: root.contentItem
        component: RoomContextMenu {
            id: menu
            onActionRequested: kind => root.runAction(kind, menu.roomId, menu.roomTitle, menu.membership)
            onHistoryRequested: root.openHistory(menu.roomId, menu.roomTitle)
            onMembersRequested: root.membersRequested(menu.roomId, menu.roomTitle)
            onPreviewRequested: root.joinDialog().openWith(menu.roomId, false)
            onToggleSelectRequested: root.toggleRow(root.rowOfRoom(menu.roomId))
            onCancelRequested: root.cancelOperation(menu.roomId)
            onDismissErrorRequested: root.membership.dismissError(menu.roomId)
            onSuccessorJoinRequested: root.membership.join(menu.successorId, menu.successorVia)
            onSpaceBrowseRequested: root.spaceHierarchyDialog().openFor(menu.roomId)
            onSpaceLeaveRequested: root.leaveSpaceDialog().openFor(menu.roomId)
            // Chosen or not: the keyboard focus is back on the list, its current row the menu's room.
            onFinished: {
                const row = root.rowOfRoom(menu.roomId)
                if (row >= 0)
                    roomList.currentIndex = row
                if (root.visible)
                    roomList.forceActiveFocus(Qt.PopupFocusReason)
            }
        }
    }

    // a space's rooms to join; leaving a space with its rooms.
    LazyPopup {
        id: spaceHierarchyPopup
        parentItem: root.contentItem
        component: SpaceHierarchyDialog {
            hierarchy: root.services.hierarchy
            onLeaveRequested: spaceId => root.leaveSpaceDialog().openFor(spaceId)
        }
    }
    LazyPopup {
        id: leaveSpacePopup
        parentItem: root.contentItem
        component: LeaveSpaceDialog {
            hierarchy: root.services.hierarchy
            leaveCheck: root.services.leaveCheck
        }
    }
    LazyPopup {
        id: joinPopup
        parentItem: root.contentItem
        component: JoinDialog {
            id: joinDialogObject
            previewObject: root.services.createPreview()
            onJoinRequested: (target, via, reason, name) => {
                joinDialogObject.operation = root.membership.join(target, via, reason, name)
            }
            onKnockRequested: (target, via, reason, name) => {
                joinDialogObject.operation = root.membership.knock(target, via, reason, name)
            }
            onStopRequested: if (joinDialogObject.operation) joinDialogObject.operation.cancel()
        }
    }
    LazyPopup {
        id: invitePopup
        parentItem: root.contentItem
        component: InviteDialog {
            id: inviteDialogObject
            suggestions: root.services.userDirectory
            searching: root.services.userDirectory.busy
            searchError: root.services.userDirectory.errorText
            onSearchEdited: term => root.services.userDirectory.searchTerm = term
            onInviteRequested: (roomId, userId, reason) => {
                inviteDialogObject.operation = root.membership.invite(roomId, userId, reason)
            }
            onStopRequested: if (inviteDialogObject.operation) inviteDialogObject.operation.cancel()
            // Several people: one job (its progress in the banner and the jobs panel).
            onInviteManyRequested: (roomId, userIds, reason) => {
                const job = root.jobs.inviteUsers(roomId, userIds, reason,
                                                  qsTr("Invite %1 people to %2").arg(userIds.length).arg(inviteDialogObject.roomName))
                if (job)
                    inviteDialogObject.close()
                else
                    inviteDialogObject.serverError = root.jobs.lastError
            }
            onListRequested: (roomId, name) => {
                inviteDialogObject.close()
                root.openInviteMany(roomId, name)
            }
            onClosed: root.services.userDirectory.clear()
        }
    }
    LazyPopup {
        id: leavePopup
        parentItem: root.contentItem
        component: LeaveDialog {
            leaveCheck: root.services.leaveCheck
            // Leave, and with alsoForget forget it once left: one operation.
            onLeaveRequested: (roomId, reason, alsoForget) => {
                root.actedOn(roomId, alsoForget ? Operation.LeaveAndForget : Operation.Leave,
                             root.membership.leave(roomId, reason, alsoForget))
            }
            // The room and its older versions: one job.
            onLeaveManyRequested: (ids, reason, alsoForget) => {
                const n = ids.length
                const job = root.jobs.leaveRooms(ids, reason, alsoForget, alsoForget ? qsTr("Leave and forget %1 rooms").arg(n)
                                                                                     : qsTr("Leave %1 rooms").arg(n))
                if (!job)
                    root.bannerText = root.jobs.lastError !== "" ? root.jobs.lastError
                                                                 : qsTr("The bulk action could not be started.")
            }
        }
    }
    LazyPopup {
        id: forgetPopup
        parentItem: root.contentItem
        component: ForgetDialog {
            onForgetRequested: roomId => root.actedOn(roomId, Operation.Forget, root.membership.forget(roomId))
        }
    }
    LazyPopup {
        id: bulkPopup
        parentItem: root.contentItem
        component: BulkConfirmDialog {
            id: bulkDialogObject
            leaveCheck: root.services.leaveCheck
            onRoomIdsChanged: bulkDialogObject.etaSeconds = root.jobs.estimateSeconds(bulkDialogObject.roomIds.length)
            onConfirmed: (action, ids, reason, userId) => root.submitBulk(action, ids, reason, userId)
        }
    }
    LazyPopup {
        id: jobsPopup
        parentItem: root.contentItem
        component: JobsPanel {
            jobs: root.jobs
        }
    }
    LazyPopup {
        id: historyPopup
        parentItem: root.contentItem
        component: HistoryDialog {
            history: root.services.history
            ownUserId: root.services.session.userId
        }
    }
    LazyPopup {
        id: signOutPopup
        parentItem: root.contentItem
        component: SignOutDialog {
            // Only a confirmed sign-out deletes the account's saved rooms and history.
            onSignOutRequested: invalidateOnServer => root.services.signOut(invalidateOnServer)
            // A session Concierge created is signed out on the server too.
            createdDevice: root.services.session.createdDevice
        }
    }
}
