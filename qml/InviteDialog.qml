pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// "Invite to <room>": a search field whose text the page feeds to the user directory
// (searchEdited), a list of suggestions (avatar, display name, user ID), the people picked so far
// (several: each suggestion chosen, or full user ID typed and Enter, is added; each can be
// removed), and a reason. One person: emits inviteRequested(), the page runs the invite and hands
// the dialog its Operation, which the dialog follows: busy while it runs, the server's error when
// it failed, closed once it succeeded. Several people: emits inviteManyRequested(), the page
// submits one bulk job (its progress is in the jobs panel). "Paste a list…" asks the page for the
// invite-many dialog (listRequested).
BaseDialog {
    id: root

    property string roomId
    property string roomName
    // A model with the roles userId, displayName, avatarSource, typed (UserDirectoryModel).
    property var suggestions: null
    property bool searching: false
    property string searchError: ""
    // The invite the page started from this dialog (null before the first one).
    property Operation operation: null
    readonly property bool busy: operation !== null && !root.isFinal(operation.state)
    readonly property bool waiting: operation !== null && operation.state === Operation.Waiting
    // Why the last invite did not happen (or may not have).
    property string serverError: ""

    readonly property string userId: searchField.text.trim()
    readonly property string userIdError: {
        if (userId === "")
            return ""
        if (!userId.startsWith("@"))
            return qsTr("Pick someone from the suggestions, or type a full user ID such as @name:example.org.")
        return IdentifierValidator.userIdError(userId)
    }
    // The people picked: [{ userId, displayName }], in the order picked.
    property var picked: []
    // Everyone the Invite button invites: the picked people, and a full user ID still typed.
    readonly property var targets: {
        const ids = root.picked.map(p => p.userId)
        if (root.userId.startsWith("@") && root.userIdError === "" && ids.indexOf(root.userId) < 0)
            ids.push(root.userId)
        return ids
    }
    readonly property bool canSubmit: !busy && targets.length > 0
                                      && !(userId.startsWith("@") && userIdError !== "")

    signal searchEdited(string term)
    signal inviteRequested(string roomId, string userId, string reason)
    // Several people at once: one bulk job.
    signal inviteManyRequested(string roomId, var userIds, string reason)
    // "Paste a list…": the invite-many dialog for this room.
    signal listRequested(string roomId, string roomName)
    // Stop the invite that is waiting for the server (the page cancels the operation).
    signal stopRequested()

    function isFinal(state: int): bool {
        return state === Operation.Succeeded || state === Operation.Failed
            || state === Operation.Cancelled || state === Operation.Unknown
    }
    // Follows the operation: closes on success, shows why it failed or may not have happened.
    function showOutcome() {
        const op = root.operation
        if (!op)
            return
        switch (op.state) {
        case Operation.Succeeded:
            root.close()
            break
        case Operation.Failed:
            root.serverError = op.error.summary
            break
        case Operation.Unknown:
            root.serverError = qsTr("No answer from the server: the invitation may have been sent anyway (%1).")
                .arg(op.error.summary)
            break
        case Operation.Cancelled:
            root.serverError = qsTr("Stopped: nobody was invited.")
            break
        }
    }
    function openFor(room: string, name: string) {
        roomId = room
        roomName = name
        searchField.text = ""
        reasonField.text = ""
        serverError = ""
        operation = null
        picked = []
        root.searchEdited("")
        open()
    }
    function isPicked(id: string): bool {
        return root.picked.some(p => p.userId === id)
    }
    // Adds someone to the people to invite; the search starts again for the next one.
    function choose(id: string, name: string) {
        if (!isPicked(id))
            root.picked = root.picked.concat([{ userId: id, displayName: name }])
        searchField.text = ""
        root.searchEdited("")
        searchField.forceActiveFocus()
    }
    function unpick(id: string) {
        root.picked = root.picked.filter(p => p.userId !== id)
        searchField.forceActiveFocus()
    }
    // Enter in the search field: a full user ID typed is added; with nothing typed, Invite.
    function enterInSearch() {
        if (userId.startsWith("@") && userIdError === "" && !isPicked(userId))
            choose(userId, "")
        else if (userId === "" || isPicked(userId))
            submit()
    }
    function submit() {
        if (!canSubmit)
            return
        serverError = ""
        const ids = root.targets
        if (ids.length === 1)
            root.inviteRequested(roomId, ids[0], reasonField.text.trim())
        else
            root.inviteManyRequested(roomId, ids, reasonField.text.trim())
    }

    objectName: "inviteDialog"
    title: qsTr("Invite to %1").arg(roomName)
    preferredWidth: 560
    onOpened: searchField.forceActiveFocus()
    onOperationChanged: showOutcome()

    Connections {
        target: root.operation
        function onStateChanged() {
            root.showOutcome()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            text: qsTr("Who?")
            font.bold: true
        }
        TextField {
            id: searchField
            objectName: "inviteSearchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search by name, or type @name:example.org")
            Accessible.name: qsTr("User to invite")
            Accessible.description: root.userIdError
            enabled: !root.busy
            selectByMouse: true
            KeyNavigation.tab: suggestionList.count > 0 ? suggestionList
                               : root.picked.length > 0 ? pickedFlow.firstRemove : reasonField
            onTextEdited: root.searchEdited(text)
            Keys.onDownPressed: {
                if (suggestionList.count > 0) {
                    suggestionList.currentIndex = 0
                    suggestionList.forceActiveFocus()
                }
            }
            Keys.onReturnPressed: root.enterInSearch()
            Keys.onEnterPressed: root.enterInSearch()
        }
        FormMessage {
            objectName: "inviteUserError"
            Layout.fillWidth: true
            kind: root.userId.startsWith("@") ? FormMessage.Kind.Error : FormMessage.Kind.Hint
            text: root.userIdError
        }

        Frame {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: 5 * 48 + 2 * padding
            Layout.minimumHeight: 2 * 48
            padding: 1

            ListView {
                id: suggestionList
                objectName: "inviteSuggestions"
                anchors.fill: parent
                clip: true
                model: root.suggestions
                keyNavigationWraps: false
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Suggestions")
                ScrollBar.vertical: ScrollBar {}
                KeyNavigation.tab: root.picked.length > 0 ? pickedFlow.firstRemove : reasonField
                function chooseCurrent() {
                    const item = currentItem as SuggestionDelegate
                    if (item)
                        root.choose(item.userId, item.typed ? "" : item.displayName)
                }
                Keys.onReturnPressed: chooseCurrent()
                Keys.onEnterPressed: chooseCurrent()

                delegate: SuggestionDelegate {
                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem && suggestionList.activeFocus
                                 || root.picked.length >= 0 && root.isPicked(userId)
                    onClicked: root.choose(userId, typed ? "" : displayName)
                }

                Label {
                    objectName: "inviteEmptyText"
                    anchors.centerIn: parent
                    width: parent.width - 24
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    visible: suggestionList.count === 0
                    color: Theme.secondaryText
                    textFormat: Text.PlainText
                    text: root.searching ? qsTr("Searching…")
                          : root.searchError !== "" ? root.searchError
                          : root.userId === "" ? qsTr("Type a name to search this server's user directory.")
                          : qsTr("Nobody found. Type a full user ID such as @name:example.org.")
                }
            }
        }

        // The people picked so far, each with a remove button.
        Label {
            visible: root.picked.length > 0
            text: root.picked.length === 1 ? qsTr("1 person to invite")
                                           : qsTr("%1 people to invite").arg(root.picked.length)
            font.bold: true
        }
        Flow {
            id: pickedFlow
            objectName: "invitePicked"
            Layout.fillWidth: true
            visible: root.picked.length > 0
            spacing: Theme.spacing / 2
            readonly property Item firstRemove: {
                const chip = pickedRepeater.count > 0 ? pickedRepeater.itemAt(0) as Chip : null
                return chip ? chip.removeButton : null
            }
            Accessible.role: Accessible.List
            Accessible.name: qsTr("People to invite")

            Repeater {
                id: pickedRepeater
                model: root.picked
                delegate: Chip {
                    onChipRemoved: who => root.unpick(who)
                }
            }
        }

        Label {
            text: qsTr("Reason (optional)")
            font.bold: true
        }
        TextField {
            id: reasonField
            objectName: "inviteReasonField"
            Layout.fillWidth: true
            Accessible.name: qsTr("Reason for the invitation")
            enabled: !root.busy
            selectByMouse: true
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }

        FormMessage {
            objectName: "inviteWaiting"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Notice
            text: !root.waiting ? ""
                  : root.operation.waitReason === Operation.RateLimited
                  ? qsTr("The server asks to slow down: the invitation is sent again as soon as it allows.")
                  : qsTr("The server does not answer: the invitation is sent again as soon as it is back.")
        }
        FormMessage {
            objectName: "inviteServerError"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Error
            text: root.serverError
        }
    }

    footer: DialogFooter {
        Button {
            objectName: "inviteListButton"
            flat: true
            text: qsTr("Paste a list…")
            Accessible.name: qsTr("Invite many people from a list")
            ToolTip.visible: hovered
            ToolTip.delay: 600
            ToolTip.text: qsTr("Paste or load user IDs, one per line or CSV")
            enabled: !root.busy
            onClicked: root.listRequested(root.roomId, root.roomName)
        }
        // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is
        // set on it: the item around it is the progress bar screen readers see.
        Item {
            visible: running
            implicitWidth: 28
            implicitHeight: 28
            Accessible.role: Accessible.ProgressBar
            Accessible.name: root.busy ? qsTr("Inviting") : qsTr("Searching")
            readonly property bool running: root.busy || root.searching
            Accessible.ignored: !running
            BusyIndicator {
                anchors.fill: parent
                running: root.busy || root.searching
                Accessible.ignored: true
            }
        }
        Button {
            objectName: "inviteStopButton"
            visible: root.waiting
            text: qsTr("Stop trying")
            Accessible.name: qsTr("Stop trying to invite")
            onClicked: root.stopRequested()
        }
        Button {
            id: inviteButton
            objectName: "inviteConfirmButton"
            text: root.busy ? qsTr("Inviting…")
                  : root.targets.length > 1 ? qsTr("Invite %1 people").arg(root.targets.length) : qsTr("Invite")
            enabled: root.canSubmit
            highlighted: true
            Accessible.name: root.targets.length === 1 ? qsTr("Invite %1").arg(root.targets[0])
                             : root.targets.length > 1 ? qsTr("Invite %1 people").arg(root.targets.length)
                             : qsTr("Invite")
            onClicked: root.submit()
        }
        Button {
            id: cancelButton
            objectName: "inviteCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            onClicked: root.reject()
        }
    }

    // A picked person: name (or ID) and a remove button.
    component Chip: Rectangle {
        id: chip
        required property var modelData
        required property int index
        readonly property string chipUserId: modelData.userId
        readonly property string chipName: modelData.displayName
        readonly property alias removeButton: removeButton

        objectName: "picked:" + chipUserId
        implicitWidth: chipRow.implicitWidth + 12
        implicitHeight: chipRow.implicitHeight + 4
        radius: height / 2
        color: Theme.noticeBackground
        border.color: Theme.separator
        Accessible.role: Accessible.ListItem
        Accessible.name: chipName !== "" ? qsTr("%1, %2").arg(chipName).arg(chipUserId) : chipUserId

        Row {
            id: chipRow
            anchors.centerIn: parent
            spacing: 2
            Label {
                anchors.verticalCenter: parent.verticalCenter
                leftPadding: 4
                text: chip.chipName !== "" ? qsTr("%1 (%2)").arg(chip.chipName).arg(chip.chipUserId) : chip.chipUserId
                textFormat: Text.PlainText
                elide: Text.ElideMiddle
                width: Math.min(implicitWidth, 300)
            }
            ToolButton {
                id: removeButton
                objectName: "remove:" + chip.chipUserId
                anchors.verticalCenter: parent.verticalCenter
                text: "×"
                implicitWidth: 24
                implicitHeight: 24
                padding: 0
                Accessible.name: qsTr("Remove %1").arg(chip.chipUserId)
                onClicked: chip.chipRemoved(chip.chipUserId)
            }
        }
        signal chipRemoved(string userId)
    }
}
