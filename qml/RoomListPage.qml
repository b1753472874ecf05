pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// The signed-in page: every room in one list with Invites / Joined / Left sections, a filter,
// the join dialog, and a status bar. This page is where intents from the delegates and dialogs
// become calls on the services; the results come back through MembershipService.actionFinished
// and the room model's pendingAction / lastError roles.
Page {
    id: root

    required property AppServices services

    readonly property RoomFilterProxy rooms: services.rooms
    readonly property RoomListModel roomModel: services.roomModel
    readonly property MembershipService membership: services.membership

    // Request IDs the page waits for.
    property int joinRequest: -1
    property int inviteRequest: -1
    property var forgetAfterLeave: ({}) // leave request ID -> room ID to forget once left
    // A failure that no row can show (e.g. joining an unknown alias after the dialog closed).
    property string bannerText: ""

    // Opens the join dialog prefilled (a link from the command line asks before joining).
    function openJoin(text: string, fromLink: bool) {
        joinDialog.openWith(text, fromLink)
    }
    function focusFilter() {
        filterField.forceActiveFocus()
        filterField.selectAll()
    }

    function runAction(action: string, roomId: string, name: string) {
        switch (action) {
        case "accept":
        case "rejoin":
            membership.join(roomId, [], "")
            break
        case "decline":
            membership.leave(roomId, "")
            break
        case "invite":
            inviteDialog.openFor(roomId, name)
            break
        case "leave":
            leaveDialog.openFor(roomId, name)
            break
        case "forget":
            forgetDialog.openFor(roomId, name)
            break
        }
    }
    // Enter on a row: the first button's action; Delete: leave / decline / forget.
    function keyAction(primary: bool) {
        const row = roomList.currentItem as RoomDelegate
        if (!row || row.busy)
            return
        runAction(primary ? row.primaryAction : row.secondaryAction, row.roomId, row.title)
    }

    objectName: "roomListPage"

    Connections {
        target: root.membership
        function onActionFinished(requestId: int, action: string, target: string,
                                  resultRoomId: string, error: matrixError) {
            if (requestId === root.joinRequest) {
                root.joinRequest = -1
                joinDialog.busy = false
                if (error.isError) {
                    if (joinDialog.visible)
                        joinDialog.serverError = error.summary
                    else
                        root.bannerText = qsTr("Could not join %1: %2").arg(target).arg(error.summary)
                } else {
                    joinDialog.close()
                }
            } else if (requestId === root.inviteRequest) {
                root.inviteRequest = -1
                inviteDialog.busy = false
                if (error.isError)
                    inviteDialog.serverError = error.summary
                else
                    inviteDialog.close()
            }
            const forgetRoom = root.forgetAfterLeave[requestId]
            if (forgetRoom !== undefined) {
                delete root.forgetAfterLeave[requestId]
                // The leave is no longer pending when actionFinished is emitted.
                if (!error.isError)
                    root.membership.forget(forgetRoom)
            }
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
        onActivated: joinDialog.openWith("", false)
    }

    header: ToolBar {
        objectName: "roomListHeader"
        padding: Theme.spacing
        RowLayout {
            anchors.fill: parent
            spacing: Theme.spacing

            Avatar {
                size: 32
                name: root.services.session.userId.substring(1)
                colorKey: root.services.session.userId
            }
            Label {
                objectName: "userIdLabel"
                Layout.fillWidth: true
                Layout.minimumWidth: 80
                text: root.services.session.userId
                textFormat: Text.PlainText
                elide: Text.ElideMiddle
                font.bold: true
                Accessible.name: qsTr("Signed in as %1").arg(text)
            }
            TextField {
                id: filterField
                objectName: "filterField"
                Layout.preferredWidth: Math.max(160, Math.min(320, root.width * 0.3))
                placeholderText: qsTr("Filter rooms…  (Ctrl+F)")
                Accessible.name: qsTr("Filter rooms")
                Accessible.description: qsTr("Narrows the list by name, address or room ID")
                selectByMouse: true
                text: root.rooms.filterText
                onTextEdited: root.rooms.filterText = text
                KeyNavigation.tab: joinButton
                Keys.onEscapePressed: {
                    root.rooms.filterText = ""
                    roomList.forceActiveFocus()
                }
                Keys.onDownPressed: roomList.forceActiveFocus()
                Keys.onReturnPressed: roomList.forceActiveFocus()
            }
            Button {
                id: joinButton
                objectName: "joinButton"
                text: qsTr("Join…")
                Accessible.name: qsTr("Join a room")
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Join a room by address, ID or link (Ctrl+J)")
                KeyNavigation.tab: signOutButton
                onClicked: joinDialog.openWith("", false)
            }
            Button {
                id: signOutButton
                objectName: "signOutButton"
                text: qsTr("Sign out")
                Accessible.name: qsTr("Sign out")
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Sign out and forget the remembered session")
                KeyNavigation.tab: roomList
                onClicked: root.services.signOut()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // A failure no row can show.
        Pane {
            objectName: "banner"
            Layout.fillWidth: true
            visible: root.bannerText !== ""
            padding: Theme.spacing
            background: Rectangle { color: Theme.errorBackground }
            RowLayout {
                anchors.fill: parent
                Label {
                    objectName: "bannerText"
                    Layout.fillWidth: true
                    text: "⚠ " + root.bannerText
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: Theme.errorText
                }
                Button {
                    text: qsTr("Dismiss")
                    Accessible.name: qsTr("Dismiss error")
                    onClicked: root.bannerText = ""
                }
            }
        }

        RoomListView {
            id: roomList
            objectName: "roomList"
            Layout.fillWidth: true
            // On very wide windows keep a row's buttons near its name.
            Layout.maximumWidth: 1280
            Layout.alignment: Qt.AlignHCenter
            Layout.fillHeight: true
            clip: true
            focus: true
            model: root.rooms
            currentIndex: -1
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Rooms")
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            KeyNavigation.tab: filterField

            Keys.onReturnPressed: root.keyAction(true)
            Keys.onEnterPressed: root.keyAction(true)
            Keys.onDeletePressed: root.keyAction(false)
            onActiveFocusChanged: if (activeFocus && currentIndex < 0 && count > 0) currentIndex = 0

            inviteCount: root.roomModel.inviteCount
            joinedCount: root.roomModel.joinedCount
            leftCount: root.roomModel.leftCount
            onHideLeftRequested: root.rooms.showLeft = false

            delegate: RoomDelegate {
                width: ListView.view.width
                highlighted: ListView.isCurrentItem && roomList.activeFocus
                onClicked: roomList.currentIndex = index
                onActionRequested: (action, roomId, name) => root.runAction(action, roomId, name)
            }

            // Empty states.
            ColumnLayout {
                objectName: "emptyState"
                anchors.centerIn: parent
                width: Math.min(parent.width - 48, 420)
                visible: roomList.count === 0
                spacing: Theme.spacing
                BusyIndicator {
                    Layout.alignment: Qt.AlignHCenter
                    visible: running
                    running: root.services.sync.state === SyncEngine.InitialSync
                    Accessible.name: qsTr("Loading rooms")
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
                    objectName: "showLeftButton"
                    flat: true
                    text: qsTr("Show")
                    Accessible.name: qsTr("Show left rooms")
                    onClicked: root.rooms.showLeft = true
                }
            }
        }
    }

    footer: StatusBar {
        services: root.services
    }

    JoinDialog {
        id: joinDialog
        onJoinRequested: (target, via, reason) => {
            busy = true
            root.joinRequest = root.membership.join(target, via, reason)
        }
    }
    InviteDialog {
        id: inviteDialog
        suggestions: root.services.userDirectory
        searching: root.services.userDirectory.busy
        searchError: root.services.userDirectory.errorText
        onSearchEdited: term => root.services.userDirectory.searchTerm = term
        onInviteRequested: (roomId, userId, reason) => {
            busy = true
            root.inviteRequest = root.membership.invite(roomId, userId, reason)
        }
        onClosed: root.services.userDirectory.clear()
    }
    LeaveDialog {
        id: leaveDialog
        onLeaveRequested: (roomId, reason, alsoForget) => {
            const id = root.membership.leave(roomId, reason)
            if (alsoForget)
                root.forgetAfterLeave[id] = roomId
        }
    }
    ForgetDialog {
        id: forgetDialog
        onForgetRequested: roomId => root.membership.forget(roomId)
    }
}
