pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// The accounts overview: every account open in Concierge with its pending invites, joined and left
// rooms, running jobs and whether its session is healthy. Switch to one, add one (the sign-in
// page), or sign out of one (the sign-out dialog, which says what is deleted from this computer).
//
// Intents only: switchRequested(row), addRequested(), signOutRequested(row, invalidateOnServer)
// and closed(); the window calls the AccountManager.
//
// Keyboard: Tab goes Close, Add account, then each account's Switch and Sign out buttons. Enter
// presses the focused button; Escape closes the page.
Page {
    id: root

    required property AccountManager accounts

    signal switchRequested(int row)
    signal addRequested()
    signal signOutRequested(int row, bool invalidateOnServer)
    signal closed()

    function activate() {
        closeButton.forceActiveFocus(Qt.OtherFocusReason)
    }
    // Tab reaching a row's button outside what the page shows scrolls the row into view.
    function reveal(item: Item) {
        const flick = scroll.contentItem as Flickable
        const row = item.parent ? item.parent.parent as Item : null // the button's row
        if (!flick || !row)
            return
        const top = row.mapToItem(flick.contentItem, 0, 0).y - Theme.spacing
        const bottom = top + row.height + 2 * Theme.spacing
        if (top < flick.contentY)
            flick.contentY = Math.max(0, top)
        else if (bottom > flick.contentY + flick.height)
            flick.contentY = Math.min(bottom - flick.height, Math.max(0, flick.contentHeight - flick.height))
    }
    function summary(invites: int, joined: int, left: int, jobs: int): string {
        const rooms = qsTr("%n pending invite(s)", "", invites) + " · " + qsTr("%n joined", "", joined)
                      + " · " + qsTr("%n left", "", left)
        return jobs > 0 ? rooms + " · " + qsTr("%n job(s) running", "", jobs) : rooms
    }

    objectName: "accountsPage"
    Accessible.role: Accessible.PageTab
    Accessible.name: qsTr("Accounts")

    Keys.onReturnPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEnterPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEscapePressed: root.closed()

    // A push button with a focus ring whenever it has the keyboard focus (Fusion draws none for
    // focus given from code).
    component RingButton: Button {
        id: ringButton
        Accessible.onPressAction: clicked()
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

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            RingButton {
                id: closeButton
                objectName: "accountsCloseButton"
                text: qsTr("Close")
                focus: true
                onClicked: root.closed()
            }
            Label {
                text: qsTr("Accounts")
                font.bold: true
                Layout.fillWidth: true
                elide: Text.ElideRight
            }
            RingButton {
                objectName: "addAccountButton"
                text: qsTr("Add account…")
                Accessible.name: qsTr("Add an account")
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Sign in to another account; the others keep syncing")
                onClicked: root.addRequested()
            }
        }
    }

    SignOutDialog {
        id: signOutDialog
        property int row: -1
        onSignOutRequested: invalidateOnServer => {
            root.signOutRequested(row, invalidateOnServer)
            refocusTimer.start()
        }
    }
    // The row (and the button that opened the dialog) may be gone: the focus goes to Close, once
    // the dialog has closed.
    Timer {
        id: refocusTimer
        interval: 0
        onTriggered: closeButton.forceActiveFocus(Qt.OtherFocusReason)
    }

    ScrollView {
        id: scroll
        objectName: "accountsScroll"
        anchors.fill: parent
        implicitWidth: 600
        implicitHeight: 400
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroll.availableWidth
            spacing: Theme.spacing

            // "@a:b is already open here" after a second sign-in as the same account.
            FormMessage {
                objectName: "accountsNotice"
                Layout.fillWidth: true
                Layout.margins: Theme.spacing
                kind: FormMessage.Kind.Notice
                text: root.accounts.notice
            }

            Repeater {
                model: root.accounts
                delegate: Rectangle {
                    id: row

                    required property int index
                    required property string userId
                    required property string homeserver
                    required property bool current
                    required property int inviteCount
                    required property int joinedCount
                    required property int leftCount
                    required property int runningJobs
                    required property int health
                    required property string healthText
                    required property AppServices services

                    readonly property bool healthy: health === AccountManager.Healthy
                    readonly property bool troubled: health === AccountManager.Expired
                                                     || health === AccountManager.Offline

                    objectName: "account_" + userId
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spacing
                    Layout.rightMargin: Theme.spacing
                    Layout.topMargin: index === 0 && root.accounts.notice === "" ? Theme.spacing : 0
                    implicitHeight: rowLayout.implicitHeight + 2 * Theme.spacing
                    color: current ? Theme.selectionBackground : Theme.sectionBackground
                    radius: 4
                    Accessible.role: Accessible.ListItem
                    Accessible.name: (row.userId !== "" ? row.userId : qsTr("New account"))
                                     + (row.current ? ", " + qsTr("shown") : "")
                    Accessible.description: row.healthText + ". "
                                            + root.summary(row.inviteCount, row.joinedCount, row.leftCount, row.runningJobs)

                    RowLayout {
                        id: rowLayout
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        spacing: Theme.spacing

                        Avatar {
                            size: 40
                            name: row.userId !== "" ? row.userId.substring(1) : "?"
                            colorKey: row.userId
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Label {
                                objectName: "accountUserId"
                                Layout.fillWidth: true
                                text: row.userId !== "" ? row.userId : qsTr("New account (not signed in)")
                                textFormat: Text.PlainText
                                font.bold: true
                                elide: Text.ElideMiddle
                            }
                            Label {
                                Layout.fillWidth: true
                                text: row.homeserver
                                textFormat: Text.PlainText
                                color: Theme.secondaryText
                                elide: Text.ElideMiddle
                                visible: text !== ""
                            }
                            Label {
                                objectName: "accountSummary"
                                Layout.fillWidth: true
                                text: root.summary(row.inviteCount, row.joinedCount, row.leftCount, row.runningJobs)
                                textFormat: Text.PlainText
                                wrapMode: Text.Wrap
                            }
                            Label {
                                objectName: "accountHealth"
                                Layout.fillWidth: true
                                text: (row.healthy ? "● " : row.troubled ? "⚠ " : "○ ") + row.healthText
                                textFormat: Text.PlainText
                                color: row.healthy ? Theme.okColor : row.troubled ? Theme.errorText : Theme.secondaryText
                                wrapMode: Text.Wrap
                            }
                        }
                        Label {
                            objectName: "shownLabel"
                            visible: row.current
                            text: qsTr("Shown")
                            color: Theme.secondaryText
                        }
                        RingButton {
                            id: switchButton
                            objectName: "switchAccountButton"
                            onActiveFocusChanged: if (activeFocus) root.reveal(switchButton)
                            visible: !row.current
                            text: qsTr("Switch")
                            Accessible.name: row.userId !== "" ? qsTr("Switch to %1").arg(row.userId)
                                                               : qsTr("Switch to the new account")
                            // What the row says, for whoever reaches it by Tab.
                            Accessible.description: row.Accessible.description
                            onClicked: root.switchRequested(row.index)
                        }
                        RingButton {
                            id: signOutButton
                            objectName: "signOutAccountButton"
                            onActiveFocusChanged: if (activeFocus) root.reveal(signOutButton)
                            text: qsTr("Sign out…")
                            visible: row.userId !== ""
                            Accessible.name: qsTr("Sign out of %1").arg(row.userId)
                            Accessible.description: row.Accessible.description
                            onClicked: {
                                signOutDialog.row = row.index
                                signOutDialog.createdDevice = row.services.session.createdDevice
                                signOutDialog.openFor(row.userId)
                            }
                        }
                    }
                }
            }
        }
    }
}
