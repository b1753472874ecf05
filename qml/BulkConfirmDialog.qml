pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// Confirms a bulk action on the selected rooms: names every room it acts on, asks for a reason
// where the action takes one (and for the person to invite, for "invite to all"), and says how
// long it should take at the server's rate limit. The focus starts on Cancel. Emits confirmed();
// the page submits the job, then closes the dialog, or shows why the job was refused (error).
// Leaving with a leaveCheck (services.leaveCheck): the rooms where the user is the only admin are
// listed, each with "Exclude", and "Exclude these N rooms" takes them all out of what is left.
BaseDialog {
    id: root

    // "leave", "leaveForget", "forget", "accept", "decline", "withdraw", "invite"
    property string action: "leave"
    property var roomIds: []
    // The rooms' names, in the same order (a room the list does not show: its ID).
    property var roomNames: []
    // Seconds the job should take (JobQueue.estimateSeconds), set by the page.
    property int etaSeconds: 0
    // Why the job was refused (JobQueue.lastError), set by the page.
    property string error: ""
    // Checks the rooms of a leave for the last-admin warning (see LeaveCheck).
    property LeaveCheck leaveCheck: null

    readonly property bool checksAdmins: leaveCheck !== null && (action === "leave" || action === "leaveForget")
    readonly property bool adminCheckRunning: checksAdmins && leaveCheck.checking
    // The rooms still to be left where the user is the only admin, and those not checked.
    // (state: re-evaluated whenever the check changes)
    readonly property var soleAdminIds: checksAdmins && leaveCheck.state === LeaveCheck.Checked
                                        ? leaveCheck.soleAdminAmong(roomIds) : []
    readonly property var uncheckedIds: checksAdmins && leaveCheck.state === LeaveCheck.Checked
                                        ? leaveCheck.failedAmong(roomIds) : []

    readonly property bool takesReason: action === "leave" || action === "leaveForget"
                                        || action === "decline" || action === "withdraw"
                                        || action === "invite"
    readonly property bool isInvite: action === "invite"
    readonly property string userId: userField.text.trim()
    readonly property string userIdError: isInvite && userId !== ""
                                          ? IdentifierValidator.userIdError(userId) : ""
    readonly property bool canConfirm: roomIds.length > 0
                                       && (!isInvite || (userId !== "" && userIdError === ""))
    readonly property string etaText: etaSeconds <= 1
                                      ? qsTr("About a second.")
                                      : qsTr("About %1 at the server's rate limit.").arg(Theme.duration(etaSeconds))

    signal confirmed(string action, var roomIds, string reason, string userId)

    function openFor(what: string, ids: var, names: var, eta: int) {
        action = what
        roomIds = ids
        roomNames = names
        etaSeconds = eta
        error = ""
        reasonField.text = ""
        userField.text = ""
        if (leaveCheck && (what === "leave" || what === "leaveForget"))
            leaveCheck.check(ids)
        open()
    }
    // Takes rooms out of what the action acts on (their names with them).
    function exclude(ids: var) {
        const keptIds = []
        const keptNames = []
        for (let i = 0; i < roomIds.length; ++i) {
            if (ids.indexOf(roomIds[i]) < 0) {
                keptIds.push(roomIds[i])
                keptNames.push(roomNames[i])
            }
        }
        roomNames = keptNames
        roomIds = keptIds
    }
    function nameOf(id: string): string {
        const i = roomIds.indexOf(id)
        return i >= 0 && i < roomNames.length ? roomNames[i] : id
    }
    function submit() {
        if (!canConfirm)
            return
        error = ""
        root.confirmed(action, roomIds, takesReason ? reasonField.text.trim() : "", isInvite ? userId : "")
    }

    objectName: "bulkConfirmDialog"
    title: {
        const n = roomIds.length
        const one = n === 1
        switch (action) {
        case "leave": return one ? qsTr("Leave 1 room?") : qsTr("Leave %1 rooms?").arg(n)
        case "leaveForget": return one ? qsTr("Leave and forget 1 room?") : qsTr("Leave and forget %1 rooms?").arg(n)
        case "forget": return one ? qsTr("Forget 1 room?") : qsTr("Forget %1 rooms?").arg(n)
        case "accept": return one ? qsTr("Accept 1 invitation?") : qsTr("Accept %1 invitations?").arg(n)
        case "decline": return one ? qsTr("Decline 1 invitation?") : qsTr("Decline %1 invitations?").arg(n)
        case "withdraw": return one ? qsTr("Withdraw 1 request to join?") : qsTr("Withdraw %1 requests to join?").arg(n)
        case "invite": return one ? qsTr("Invite someone to 1 room") : qsTr("Invite someone to %1 rooms").arg(n)
        }
        return ""
    }
    preferredWidth: 560
    // Cancel first: nothing happens by pressing Enter on a dialog that acts on many rooms.
    onOpened: {
        if (isInvite)
            userField.forceActiveFocus(Qt.TabFocusReason)
        else
            cancelButton.forceActiveFocus(Qt.TabFocusReason)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            objectName: "bulkExplanation"
            Layout.fillWidth: true
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            text: {
                switch (root.action) {
                case "leave": return qsTr("You will stop receiving messages from these rooms. To come back later you may need new invitations.")
                case "leaveForget": return qsTr("You will leave these rooms and forget them: their history will no longer be available to you. This cannot be undone.")
                case "forget": return qsTr("You will no longer see these rooms' history. This cannot be undone.")
                case "accept": return qsTr("You will join these rooms.")
                case "decline": return qsTr("The invitations are rejected; whoever invited you can see that.")
                case "withdraw": return qsTr("Your requests to join these rooms are withdrawn; the rooms' moderators can see that. You can ask again later.")
                case "invite": return qsTr("The person is invited to each of these rooms.")
                }
                return ""
            }
        }

        Frame {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: Math.min(6, Math.max(1, roomList.count)) * 28 + 2 * padding
            Layout.minimumHeight: 28 + 2 * padding
            padding: 1

            ListView {
                id: roomList
                objectName: "bulkRoomList"
                anchors.fill: parent
                clip: true
                model: root.roomNames
                activeFocusOnTab: true
                keyNavigationEnabled: true
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Rooms this acts on")
                ScrollBar.vertical: ScrollBar {}
                delegate: Text {
                    required property string modelData
                    required property int index
                    width: ListView.view.width
                    height: 28
                    leftPadding: Theme.spacing
                    rightPadding: Theme.spacing
                    verticalAlignment: Text.AlignVCenter
                    text: modelData
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    color: Theme.text
                    Accessible.role: Accessible.ListItem
                    Accessible.name: modelData
                }
            }
        }

        // The last-admin warning: quiet while checking; the rooms it applies to, each with its
        // own "Exclude", and one button for all of them.
        FormMessage {
            objectName: "bulkAdminChecking"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Hint
            text: root.adminCheckRunning ? qsTr("Checking whether you are the only admin of any of these rooms…") : ""
        }
        FormMessage {
            objectName: "bulkAdminWarning"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Error
            text: {
                const n = root.soleAdminIds.length
                if (n === 0)
                    return ""
                return n === 1 ? qsTr("You are the only admin of 1 of these rooms. Promote someone before you leave, or nobody will be able to change its settings.")
                               : qsTr("You are the only admin of %1 of these rooms. Promote someone before you leave, or nobody will be able to change their settings.").arg(n)
            }
        }
        Repeater {
            model: root.soleAdminIds
            delegate: RowLayout {
                id: adminRow
                required property string modelData
                objectName: "bulkAdminRoom"
                Layout.fillWidth: true
                spacing: Theme.spacing
                Text {
                    objectName: "bulkAdminRoomName"
                    Layout.fillWidth: true
                    leftPadding: Theme.spacing
                    text: root.nameOf(adminRow.modelData)
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    color: Theme.text
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                }
                Button {
                    objectName: "bulkExcludeRoomButton"
                    text: qsTr("Exclude")
                    Accessible.name: qsTr("Exclude %1").arg(root.nameOf(adminRow.modelData))
                    onClicked: root.exclude([adminRow.modelData])
                }
            }
        }
        Button {
            objectName: "bulkExcludeAdminRoomsButton"
            visible: root.soleAdminIds.length > 0
            text: root.soleAdminIds.length === 1 ? qsTr("Exclude this room")
                                                 : qsTr("Exclude these %1 rooms").arg(root.soleAdminIds.length)
            Accessible.name: text
            onClicked: root.exclude(root.soleAdminIds)
        }
        FormMessage {
            objectName: "bulkAdminUnknown"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Notice
            text: {
                const n = root.uncheckedIds.length
                if (n === 0)
                    return ""
                return n === 1 ? qsTr("Whether you are the only admin could not be checked for 1 of these rooms.")
                               : qsTr("Whether you are the only admin could not be checked for %1 of these rooms.").arg(n)
            }
        }

        Label {
            visible: root.isInvite
            text: qsTr("Who?")
            font.bold: true
        }
        TextField {
            id: userField
            objectName: "bulkUserField"
            Layout.fillWidth: true
            visible: root.isInvite
            placeholderText: qsTr("@name:example.org")
            Accessible.name: qsTr("User to invite")
            Accessible.description: root.userIdError
            selectByMouse: true
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }
        FormMessage {
            objectName: "bulkUserError"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Error
            text: root.userIdError
        }

        Label {
            visible: root.takesReason
            text: qsTr("Reason (optional)")
            font.bold: true
        }
        TextField {
            id: reasonField
            objectName: "bulkReasonField"
            Layout.fillWidth: true
            visible: root.takesReason
            placeholderText: qsTr("Shown to the rooms' members")
            Accessible.name: qsTr("Reason")
            selectByMouse: true
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }

        Text {
            objectName: "bulkEta"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            color: Theme.secondaryText
            text: root.etaText
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }

        // Why the job was refused: an alert (a Text keeps its role; a Label would not).
        Text {
            objectName: "bulkError"
            Layout.fillWidth: true
            visible: root.error !== ""
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            color: Theme.errorText
            text: "⚠ " + root.error
            Accessible.role: Accessible.AlertMessage
            Accessible.name: root.error
        }
    }

    footer: DialogFooter {
        Button {
            id: confirmButton
            objectName: "bulkConfirmButton"
            enabled: root.canConfirm
            highlighted: true
            text: {
                switch (root.action) {
                case "leave": return qsTr("Leave")
                case "leaveForget": return qsTr("Leave and forget")
                case "forget": return qsTr("Forget")
                case "accept": return qsTr("Accept")
                case "decline": return qsTr("Decline")
                case "withdraw": return qsTr("Withdraw")
                case "invite": return qsTr("Invite")
                }
                return ""
            }
            Accessible.name: root.title
            KeyNavigation.tab: cancelButton
            onClicked: root.submit()
        }
        Button {
            id: cancelButton
            objectName: "bulkCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            onClicked: root.reject()
        }
    }
}
