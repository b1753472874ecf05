pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// "Invite to <room>": a search field whose text the page feeds to the user directory
// (searchEdited), a list of suggestions (avatar, display name, user ID), and a reason. Emits
// inviteRequested() only for a valid user ID; the page runs the invite and hands the dialog its
// Operation, which the dialog follows: busy while it runs, the server's error when it failed,
// closed once it succeeded.
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
    readonly property bool canSubmit: !busy && userId !== "" && userIdError === ""

    signal searchEdited(string term)
    signal inviteRequested(string roomId, string userId, string reason)
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
        root.searchEdited("")
        open()
    }
    function choose(id: string) {
        searchField.text = id
        root.searchEdited(id)
        reasonField.forceActiveFocus()
    }
    function submit() {
        if (!canSubmit)
            return
        serverError = ""
        root.inviteRequested(roomId, userId, reasonField.text.trim())
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
            KeyNavigation.tab: suggestionList.count > 0 ? suggestionList : reasonField
            onTextEdited: root.searchEdited(text)
            Keys.onDownPressed: {
                if (suggestionList.count > 0) {
                    suggestionList.currentIndex = 0
                    suggestionList.forceActiveFocus()
                }
            }
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
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
                KeyNavigation.tab: reasonField
                Keys.onReturnPressed: {
                    if (currentItem)
                        root.choose((currentItem as SuggestionDelegate).userId)
                }
                Keys.onEnterPressed: {
                    if (currentItem)
                        root.choose((currentItem as SuggestionDelegate).userId)
                }

                delegate: SuggestionDelegate {
                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem && suggestionList.activeFocus
                                 || userId === root.userId
                    onClicked: root.choose(userId)
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
            KeyNavigation.tab: inviteButton
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
        BusyIndicator {
            running: root.busy || root.searching
            visible: running
            implicitWidth: 28
            implicitHeight: 28
            Accessible.name: root.busy ? qsTr("Inviting") : qsTr("Searching")
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
            text: root.busy ? qsTr("Inviting…") : qsTr("Invite")
            enabled: root.canSubmit
            highlighted: true
            Accessible.name: root.userId !== "" ? qsTr("Invite %1").arg(root.userId) : qsTr("Invite")
            KeyNavigation.tab: cancelButton
            onClicked: root.submit()
        }
        Button {
            id: cancelButton
            objectName: "inviteCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            onClicked: root.reject()
            KeyNavigation.tab: searchField
        }
    }
}
