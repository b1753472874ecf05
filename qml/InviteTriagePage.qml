pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// Invite triage: the pending invites grouped by inviter, or by the inviter's server
// (services.inviteGroups), largest group first — "12 invites from @x:spam.example" — with what
// helps judge them (the inviter shares no room with you, rooms with very few members, a server
// new to you). Per group: "Decline all from this user", "Decline all and ignore this user"
// (a bulk leave job of exactly the group's invites, then services.blocking.ignore), or "Decline
// all from this server". Below: the "Block all invites" switch (the account's invite permission,
// as the server holds it) and the ignored users, each with Unignore.
//
// Self-contained: it emits jobStarted(job) for each decline (the window may open the jobs
// panel) and closed() for its Close button or Escape.
//
// Keyboard: Tab goes Close, Group by server, each group's buttons in order, Block all invites,
// then each Unignore. Enter presses the focused button. Escape closes the page.
Page {
    id: root

    required property AppServices services
    readonly property InviteGroupsModel groups: services.inviteGroups
    readonly property UserBlocking blocking: services.blocking
    readonly property JobQueue jobs: services.jobs
    readonly property bool byServer: groups.groupBy === InviteGroupsModel.ByServer
    // Why the last decline could not start (nothing was sent), or empty.
    property string actionError: ""
    // What the last action did, for the status line (announced).
    property string statusText: ""
    // The block switch's value while its change is on its way (-1: none pending).
    property int pendingBlocked: -1

    signal jobStarted(Job job)
    signal closed()

    // Opened: the focus on the first control (Tab then cycles through the page's controls and
    // back to it; the page itself is no Tab stop).
    function activate() {
        byServerSwitch.forceActiveFocus(Qt.OtherFocusReason)
    }

    // Declines every invite of the group `key` (its room IDs as the model holds them now): one
    // bulk leave job. With ignoreUser, the inviter is also added to the ignored users. Returns
    // the job, or null when the queue refused it (actionError says why).
    function declineGroup(key: string, roomIds: var, ignoreUser: bool): Job {
        root.actionError = ""
        const title = root.byServer
                      ? (roomIds.length === 1 ? qsTr("Decline 1 invite from server %1").arg(key)
                         : qsTr("Decline %1 invites from server %2").arg(roomIds.length).arg(key))
                      : (roomIds.length === 1 ? qsTr("Decline 1 invite from %1").arg(key)
                         : qsTr("Decline %1 invites from %2").arg(roomIds.length).arg(key))
        const job = root.jobs.leaveRooms(roomIds, "", false, title)
        if (job === null) {
            root.actionError = root.jobs.lastError
            return null
        }
        if (ignoreUser) {
            root.blocking.ignore([key])
            root.statusText = qsTr("Declining the invites from %1 and ignoring them.").arg(key)
        } else {
            root.statusText = qsTr("Declining the invites from %1.").arg(key)
        }
        root.jobStarted(job)
        return job
    }
    function groupTitle(key: string, count: int): string {
        if (key === "")
            return count === 1 ? qsTr("1 invite from an unknown inviter")
                               : qsTr("%1 invites from an unknown inviter").arg(count)
        return count === 1 ? qsTr("1 invite from %1").arg(key)
                           : qsTr("%1 invites from %2").arg(count).arg(key)
    }
    // The signals of a group as one line of plain text ("" when there is nothing to say).
    function signalText(sharesNoRoom: bool, strangers: int, inviters: int, newServer: bool,
                        fewMemberRooms: int): string {
        const serverWide = root.byServer && sharesNoRoom
        const someStrangers = root.byServer && !sharesNoRoom && strangers > 0
        const parts = [
            serverWide ? (inviters === 1 ? qsTr("The inviter shares no room with you")
                                         : qsTr("None of the %1 inviters shares a room with you").arg(inviters)) : "",
            someStrangers ? qsTr("%1 of %2 inviters share no room with you").arg(strangers).arg(inviters) : "",
            !root.byServer && sharesNoRoom ? qsTr("Shares no room with you") : "",
            newServer ? qsTr("A server new to you") : "",
            fewMemberRooms === 1 ? qsTr("1 room with 2 members or fewer")
                                 : fewMemberRooms > 1 ? qsTr("%1 rooms with 2 members or fewer").arg(fewMemberRooms) : ""
        ]
        let text = ""
        for (let i = 0; i < parts.length; ++i) {
            if (parts[i] !== "")
                text += (text === "" ? "" : " · ") + parts[i]
        }
        return text
    }

    // Scrolls the page so that item (a control of the page's content) is wholly shown: Tab moves
    // the focus through the groups below the fold.
    function ensureVisible(item: Item) {
        const flick = scroll.contentItem as Flickable
        if (flick === null)
            return
        const top = item.mapToItem(flick.contentItem, 0, 0).y
        if (top < flick.contentY)
            flick.contentY = Math.max(0, top - Theme.spacing)
        else if (top + item.height > flick.contentY + flick.height)
            flick.contentY = Math.min(Math.max(0, flick.contentHeight - flick.height),
                                      top + item.height - flick.height + Theme.spacing)
    }

    objectName: "inviteTriagePage"
    Accessible.role: Accessible.PageTab
    Accessible.name: qsTr("Invite triage")

    Connections {
        target: root.blocking
        function onRequestFinished(error: matrixError) {
            root.pendingBlocked = -1
            if (!error.isError && root.statusText === "")
                root.statusText = qsTr("Saved.")
        }
    }

    // Enter/Return on a focused push button presses it (Qt Quick's buttons only take Space).
    Keys.onReturnPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEnterPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEscapePressed: root.closed()

    // A push button with a focus ring whenever it has the keyboard focus (Fusion draws none for
    // focus given from code).
    component RingButton: Button {
        id: ringButton
        // In the scrolled content (not the header): shown when it takes the focus.
        property bool inContent: true
        onActiveFocusChanged: {
            if (activeFocus && inContent)
                root.ensureVisible(ringButton)
        }
        Rectangle {
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
    component RingSwitch: Switch {
        id: ringSwitch
        property bool inContent: true
        onActiveFocusChanged: {
            if (activeFocus && inContent)
                root.ensureVisible(ringSwitch)
        }
        Rectangle {
            visible: ringSwitch.activeFocus
            anchors.fill: parent
            anchors.margins: -2
            radius: 5
            color: "transparent"
            border.width: 2
            border.color: Theme.focusFrame
            Accessible.ignored: true
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            RingButton {
                id: closeButton
                objectName: "triageCloseButton"
                inContent: false
                text: qsTr("Close")
                focus: true
                onClicked: root.closed()
            }
            Label {
                text: qsTr("Invite triage")
                font.bold: true
                Layout.fillWidth: true
                elide: Text.ElideRight
            }
            RingSwitch {
                id: byServerSwitch
                objectName: "triageByServerSwitch"
                inContent: false
                text: qsTr("Group by server")
                checked: root.byServer
                onToggled: root.groups.groupBy = checked ? InviteGroupsModel.ByServer
                                                         : InviteGroupsModel.ByInviter
            }
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        implicitWidth: 600
        implicitHeight: 400
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroll.availableWidth
            spacing: Theme.spacing

            Text {
                objectName: "triageSummary"
                Layout.fillWidth: true
                Layout.margins: Theme.spacing
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: Theme.text
                text: root.groups.inviteCount === 0
                      ? qsTr("No pending invites.")
                      : root.byServer
                        ? qsTr("Pending invites: %1, from %2 server(s).").arg(root.groups.inviteCount).arg(root.groups.count)
                        : qsTr("Pending invites: %1, from %n inviter(s).", "", root.groups.count).arg(root.groups.inviteCount)
            }

            FormMessage {
                objectName: "triageError"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacing
                Layout.rightMargin: Theme.spacing
                kind: FormMessage.Kind.Error
                text: root.actionError !== "" ? root.actionError : root.blocking.errorText
            }
            Text {
                objectName: "triageStatus"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacing
                visible: text !== ""
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                text: root.statusText
                Accessible.role: Accessible.StatusBar
                Accessible.name: text
            }

            Repeater {
                model: root.groups
                delegate: Rectangle {
                    id: group

                    required property int index
                    required property string key
                    required property string displayName
                    required property int inviteCount
                    required property var roomIds
                    required property var roomNames
                    required property var inviters
                    required property int strangers
                    required property bool sharesNoRoom
                    required property bool newServer
                    required property int fewMemberRooms

                    readonly property string title: root.groupTitle(key, inviteCount)
                    readonly property string signalLine: root.signalText(sharesNoRoom, strangers,
                                                                      inviters.length, newServer,
                                                                      fewMemberRooms)

                    objectName: "triageGroup:" + key
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spacing
                    Layout.rightMargin: Theme.spacing
                    implicitHeight: groupColumn.implicitHeight + 2 * Theme.spacing
                    color: index % 2 === 0 ? Theme.sectionBackground : "transparent"
                    radius: 4
                    Accessible.role: Accessible.Grouping
                    Accessible.name: title

                    ColumnLayout {
                        id: groupColumn
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        spacing: 4

                        Text {
                            objectName: "triageGroupTitle"
                            Layout.fillWidth: true
                            textFormat: Text.PlainText
                            wrapMode: Text.Wrap
                            font.bold: true
                            color: Theme.text
                            text: group.title
                        }
                        Text {
                            objectName: "triageGroupName"
                            Layout.fillWidth: true
                            visible: text !== ""
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            color: Theme.secondaryText
                            text: root.byServer
                                  ? (group.inviters.length > 1 ? group.inviters.join(", ") : "")
                                  : (group.displayName !== "" ? qsTr("Calls themselves “%1”").arg(group.displayName) : "")
                        }
                        Text {
                            objectName: "triageGroupSignals"
                            Layout.fillWidth: true
                            visible: text !== ""
                            textFormat: Text.PlainText
                            wrapMode: Text.Wrap
                            color: Theme.warnColor
                            text: group.signalLine
                        }
                        Text {
                            objectName: "triageGroupRooms"
                            Layout.fillWidth: true
                            textFormat: Text.PlainText
                            wrapMode: Text.Wrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                            color: Theme.secondaryText
                            text: qsTr("Rooms: %1").arg(group.roomNames.join(", "))
                        }
                        Flow {
                            Layout.fillWidth: true
                            spacing: Theme.spacing
                            RingButton {
                                objectName: "triageDeclineButton"
                                visible: !root.byServer
                                enabled: group.inviteCount > 0
                                text: qsTr("Decline all from this user")
                                Accessible.name: qsTr("Decline all invites from %1").arg(group.key)
                                onClicked: root.declineGroup(group.key, group.roomIds, false)
                            }
                            RingButton {
                                objectName: "triageDeclineIgnoreButton"
                                visible: !root.byServer && group.key !== ""
                                enabled: group.inviteCount > 0
                                text: qsTr("Decline all and ignore this user")
                                Accessible.name: qsTr("Decline all invites from %1 and ignore them").arg(group.key)
                                onClicked: root.declineGroup(group.key, group.roomIds, true)
                            }
                            RingButton {
                                objectName: "triageDeclineServerButton"
                                visible: root.byServer
                                enabled: group.inviteCount > 0
                                text: qsTr("Decline all from this server")
                                Accessible.name: qsTr("Decline all invites from server %1").arg(group.key)
                                onClicked: root.declineGroup(group.key, group.roomIds, false)
                            }
                        }
                    }
                }
            }

            // --- Block all invites -----------------------------------------------------------
            Rectangle {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                implicitHeight: 1
                color: Theme.separator
            }
            RingSwitch {
                id: blockSwitch
                objectName: "triageBlockSwitch"
                Layout.leftMargin: Theme.spacing
                text: qsTr("Block all invites")
                enabled: root.blocking.invitePermission !== UserBlocking.PermissionUnknown
                         && root.pendingBlocked === -1
                checked: root.pendingBlocked !== -1
                         ? root.pendingBlocked === 1
                         : root.blocking.invitePermission === UserBlocking.InvitesBlocked
                Accessible.description: blockState.text
                onToggled: {
                    root.statusText = ""
                    root.actionError = ""
                    root.pendingBlocked = checked ? 1 : 0
                    root.blocking.setInvitesBlocked(checked)
                }
            }
            Text {
                id: blockState
                objectName: "triageBlockState"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacing
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                text: root.pendingBlocked !== -1 ? qsTr("Saving…")
                      : root.blocking.invitePermission === UserBlocking.InvitesBlocked
                        ? qsTr("Invites are blocked: your server refuses every invite to you, and the inviter is told so.")
                        : root.blocking.invitePermission === UserBlocking.InvitesAllowed
                          ? qsTr("Invites are allowed.")
                          : qsTr("Not known yet.")
            }

            // --- Ignored users ----------------------------------------------------------------
            Rectangle {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                implicitHeight: 1
                color: Theme.separator
            }
            Label {
                objectName: "triageIgnoredTitle"
                Layout.leftMargin: Theme.spacing
                font.bold: true
                text: qsTr("Ignored users (%1)").arg(root.blocking.ignoredUsers.length)
            }
            Text {
                objectName: "triageIgnoredEmpty"
                Layout.leftMargin: Theme.spacing
                visible: root.blocking.ignoredUsers.length === 0
                textFormat: Text.PlainText
                color: Theme.secondaryText
                text: qsTr("Nobody is ignored. The server hides the invites and messages of people you ignore.")
            }
            Repeater {
                model: root.blocking.ignoredUsers
                delegate: RowLayout {
                    id: ignoredRow
                    required property string modelData
                    objectName: "triageIgnored:" + modelData
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spacing
                    Layout.rightMargin: Theme.spacing
                    spacing: Theme.spacing
                    Text {
                        Layout.fillWidth: true
                        textFormat: Text.PlainText
                        elide: Text.ElideRight
                        color: Theme.text
                        text: ignoredRow.modelData
                    }
                    RingButton {
                        objectName: "triageUnignoreButton"
                        text: qsTr("Unignore")
                        enabled: !root.blocking.busy
                        Accessible.name: qsTr("Unignore %1").arg(ignoredRow.modelData)
                        onClicked: {
                            root.statusText = ""
                            root.actionError = ""
                            root.blocking.unignore(ignoredRow.modelData)
                        }
                    }
                }
            }
            Item { Layout.preferredHeight: Theme.spacing }
        }
    }
}
