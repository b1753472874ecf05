pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Concierge.Core

// "Invite many people to <room>": paste a list of user IDs (one per line, or CSV) or load it from
// a file; every entry is checked as it is typed (InviteListModel: invalid ones, repeats, people
// already in the room or invited, banned people and yourself are skipped, each with the reason),
// then one Invite submits a job of the rest to the bulk queue, which paces the invites and
// reports each one in the jobs panel.
BaseDialog {
    id: root

    required property AppServices services
    property string roomId
    property string roomName
    // Why the queue refused the job (nothing was sent), or empty.
    property string error: ""

    readonly property int inviteCount: people.willInviteCount
    // The room's members are being fetched.
    readonly property bool checkingMembers: people.loading
    readonly property bool canSubmit: inviteCount > 0 && !people.loading
    readonly property int etaSeconds: root.services.jobs.estimateSeconds(inviteCount)

    // The job submitted (the page may open the jobs panel on it).
    signal jobStarted(Job job)

    function openFor(room: string, name: string) {
        roomName = name
        error = ""
        people.text = ""
        textArea.text = ""
        reasonField.text = ""
        roomId = room
        if (people.roomId === room)
            people.refreshMembers() // who is in the room may have changed since
        else
            people.roomId = room
        open()
    }
    function durationText(seconds: int): string {
        if (seconds < 60)
            return qsTr("%1 s").arg(seconds)
        const minutes = Math.round(seconds / 60)
        if (minutes < 60)
            return qsTr("%1 min").arg(minutes)
        return qsTr("%1 h %2 min").arg(Math.floor(minutes / 60)).arg(minutes % 60)
    }
    function submit() {
        if (!canSubmit)
            return
        const ids = people.userIdsToInvite()
        const title = ids.length === 1 ? qsTr("Invite 1 person to %1").arg(roomName)
                                       : qsTr("Invite %1 people to %2").arg(ids.length).arg(roomName)
        const job = root.services.jobs.inviteUsers(roomId, ids, reasonField.text.trim(), title)
        if (!job) {
            error = root.services.jobs.lastError !== "" ? root.services.jobs.lastError
                                                        : qsTr("The invitations could not be started.")
            return
        }
        error = ""
        root.jobStarted(job)
        close()
    }
    // Where Tab goes after the file and member-check controls: the preview, if it has rows.
    function afterNotice(): Item {
        return previewList.count > 0 ? previewList : reasonField
    }
    function loadFile(url: url) {
        if (people.loadFile(url))
            textArea.text = people.text
    }

    objectName: "inviteManyDialog"
    title: qsTr("Invite many people to %1").arg(roomName)
    preferredWidth: 640
    onOpened: textArea.forceActiveFocus(Qt.TabFocusReason)
    // Nothing is kept or fetched for a closed dialog (the list may be long).
    onClosed: {
        textArea.text = ""
        people.clear()
    }

    InviteListModel {
        id: people
        session: root.services.session
    }

    FileDialog {
        id: fileDialog
        objectName: "inviteManyFileDialog"
        title: qsTr("Load a list of people")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Lists (*.txt *.csv *.tsv)"), qsTr("All files (*)")]
        onAccepted: root.loadFile(selectedFile)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            text: qsTr("One user ID per line, or a CSV list (the column with the user IDs is found by itself). Lines starting with # are ignored.")
        }
        ScrollView {
            id: textScroll
            Layout.fillWidth: true
            Layout.preferredHeight: 120
            Layout.minimumHeight: 72

            TextArea {
                id: textArea
                objectName: "inviteManyText"
                placeholderText: qsTr("@alice:example.org\n@bob:example.org")
                Accessible.name: qsTr("People to invite")
                Accessible.description: people.summary
                textFormat: TextEdit.PlainText
                wrapMode: TextEdit.NoWrap
                selectByMouse: true
                persistentSelection: true
                KeyNavigation.priority: KeyNavigation.BeforeItem
                KeyNavigation.tab: loadButton
                onTextChanged: people.text = text
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Button {
                id: loadButton
                objectName: "inviteManyLoadButton"
                text: qsTr("Load file…")
                Accessible.name: qsTr("Load a list of people from a file")
                KeyNavigation.tab: retryButton.visible ? retryButton as Item : root.afterNotice()
                onClicked: fileDialog.open()
            }
            FormMessage {
                objectName: "inviteManyFileError"
                Layout.fillWidth: true
                kind: FormMessage.Kind.Error
                text: people.fileError
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: people.loading || people.membersError !== ""
            spacing: Theme.spacing
            FormMessage {
                objectName: "inviteManyMembersNotice"
                Layout.fillWidth: true
                kind: FormMessage.Kind.Notice
                text: people.loading ? qsTr("Checking who is already in the room…")
                      : people.membersError !== ""
                      ? qsTr("Could not check who is already in the room (%1). Everyone listed will be sent an invitation; the server skips people who are already invited.").arg(people.membersError)
                      : ""
            }
            Button {
                id: retryButton
                objectName: "inviteManyRetryMembers"
                visible: !people.loading && people.membersError !== ""
                text: qsTr("Check again")
                Accessible.name: qsTr("Check again who is already in the room")
                KeyNavigation.tab: root.afterNotice()
                onClicked: people.refreshMembers()
            }
        }

        Label {
            objectName: "inviteManySummary"
            Layout.fillWidth: true
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            font.bold: true
            text: people.count > 0 ? people.summary : qsTr("Nobody listed yet.")
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Frame {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: 6 * 26 + 2 * padding
            Layout.minimumHeight: 3 * 26
            padding: 1

            ListView {
                id: previewList
                objectName: "inviteManyPreview"
                anchors.fill: parent
                clip: true
                model: people
                activeFocusOnTab: false
                keyNavigationWraps: false
                highlightMoveDuration: 0
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Preview")
                ScrollBar.vertical: ScrollBar {}
                KeyNavigation.tab: reasonField

                delegate: ItemDelegate {
                    id: row
                    required property int index
                    required property string userId
                    required property int line
                    required property int status
                    required property string statusText
                    required property string reason

                    readonly property bool invited: status === InviteListModel.WillInvite
                    readonly property string description: reason !== ""
                            ? qsTr("Line %1: %2 — %3: %4").arg(line).arg(userId).arg(statusText).arg(reason)
                            : qsTr("Line %1: %2 — %3").arg(line).arg(userId).arg(statusText)

                    objectName: "inviteManyRow:" + index
                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem && previewList.activeFocus
                    focusPolicy: Qt.NoFocus
                    padding: 2
                    leftPadding: 8
                    rightPadding: 8
                    Accessible.role: Accessible.ListItem
                    Accessible.name: description
                    onClicked: {
                        previewList.currentIndex = index
                        previewList.forceActiveFocus(Qt.MouseFocusReason)
                    }

                    // The row's accessible name says all three columns: the labels are not read
                    // again on their own (the line number alone was read as "1").
                    contentItem: RowLayout {
                        spacing: Theme.spacing
                        Label {
                            Accessible.ignored: true
                            text: row.line
                            textFormat: Text.PlainText
                            color: Theme.secondaryText
                            horizontalAlignment: Text.AlignRight
                            Layout.preferredWidth: 32
                        }
                        Label {
                            Accessible.ignored: true
                            text: row.userId
                            textFormat: Text.PlainText
                            elide: Text.ElideMiddle
                            Layout.fillWidth: true
                            Layout.preferredWidth: 3
                        }
                        Label {
                            Accessible.ignored: true
                            text: row.reason !== "" ? row.statusText + ": " + row.reason : row.statusText
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            color: row.invited ? Theme.okColor
                                   : row.status === InviteListModel.Invalid ? Theme.errorText
                                   : Theme.secondaryText
                            Layout.fillWidth: true
                            Layout.preferredWidth: 2
                        }
                    }
                }
            }
        }

        Label {
            text: qsTr("Reason (optional)")
            textFormat: Text.PlainText
            font.bold: true
        }
        TextField {
            id: reasonField
            objectName: "inviteManyReasonField"
            Layout.fillWidth: true
            placeholderText: qsTr("Shown to each person invited")
            Accessible.name: qsTr("Reason for the invitations")
            selectByMouse: true
            KeyNavigation.tab: inviteButton.enabled ? inviteButton : cancelButton
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }
        FormMessage {
            objectName: "inviteManyEta"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Hint
            text: root.inviteCount > 0
                  ? qsTr("The server accepts a few invitations at once, then paces them: this takes about %1. It continues in the jobs panel, also after a restart.").arg(root.durationText(root.etaSeconds))
                  : ""
        }
        // An alert (a Label would override the role in Qt 6.4).
        Text {
            objectName: "inviteManyError"
            Layout.fillWidth: true
            visible: text !== ""
            text: root.error
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.errorText
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }

    footer: DialogFooter {
        Button {
            id: inviteButton
            objectName: "inviteManyConfirmButton"
            text: root.inviteCount === 1 ? qsTr("Invite 1 person")
                  : qsTr("Invite %1 people").arg(root.inviteCount)
            enabled: root.canSubmit
            highlighted: true
            Accessible.name: text
            KeyNavigation.tab: cancelButton
            onClicked: root.submit()
        }
        Button {
            id: cancelButton
            objectName: "inviteManyCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            onClicked: root.reject()
            KeyNavigation.tab: textArea
        }
    }
}
