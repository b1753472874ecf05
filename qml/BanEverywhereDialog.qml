pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// "Ban from all rooms where I can": shows the plan services.banEverywhere (BanEverywhere) makes
// for one person — the rooms checked so far, then the rooms where the ban will apply (with their
// membership there: a room they never joined is banned pre-emptively) and those where it will
// not, with the reason — and asks for one reason for all. The dialog only emits intents: the
// members page starts the plan, submits the job (banRequested) and cancels the check
// (stopRequested). Nothing is sent before "Ban in N rooms"; the job then shows in the jobs panel.
// The focus starts on Cancel; Escape closes.
BaseDialog {
    id: root

    // The plan (services.banEverywhere), set by the page.
    property BanEverywhere plan: null
    property string userId: ""
    property string userName: ""

    readonly property bool probing: plan !== null && plan.probing
    readonly property bool ready: plan !== null && plan.ready
    readonly property int banCount: plan !== null ? plan.banCount : 0
    readonly property var banRooms: plan !== null ? plan.banRooms : []
    readonly property var otherRooms: plan !== null ? plan.otherRooms : []
    readonly property string error: plan !== null ? plan.error : ""
    readonly property bool canBan: ready && banCount > 0
    // "@x" or "Bob (@x)".
    readonly property string who: userName !== "" && userName !== userId
                                  ? qsTr("%1 (%2)").arg(userName).arg(userId) : userId

    signal banRequested(string userId, string reason)
    signal stopRequested()

    function openFor(user: string, shownName: string) {
        userId = user
        userName = shownName
        reasonField.text = ""
        open()
    }
    function submit() {
        if (!root.canBan)
            return
        root.banRequested(root.userId, reasonField.text.trim())
    }

    objectName: "banEverywhereDialog"
    title: qsTr("Ban %1 from all rooms where you can?").arg(root.who)
    description: explanation.text
    preferredWidth: 600
    onOpened: cancelButton.forceActiveFocus(Qt.TabFocusReason)

    // One room of a list: its name, then their membership or why it does not apply.
    component RoomLine: Label {
        required property var modelData
        property bool showReason: false
        width: ListView.view ? ListView.view.width : implicitWidth
        leftPadding: 6
        rightPadding: 6
        topPadding: 3
        bottomPadding: 3
        textFormat: Text.PlainText
        elide: Text.ElideRight
        text: {
            const detail = showReason ? modelData.reason : modelData.membershipText
            const membership = showReason && modelData.membershipText !== ""
                             ? qsTr(" (%1)").arg(modelData.membershipText) : ""
            return qsTr("%1%2 — %3").arg(modelData.roomName).arg(membership).arg(detail)
        }
        Accessible.role: Accessible.ListItem
        Accessible.name: text
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            id: explanation
            objectName: "banEverywhereExplanation"
            Layout.fillWidth: true
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            text: qsTr("They are banned from each room listed first, whether they are in it or not (a ban stops them joining later), and cannot come back until someone unbans them.")
        }

        // Checking the rooms: how far it got.
        ColumnLayout {
            objectName: "banEverywhereProgress"
            Layout.fillWidth: true
            visible: root.probing
            spacing: 4
            Label {
                id: progressLabel
                Layout.fillWidth: true
                textFormat: Text.PlainText
                text: root.plan !== null
                      ? qsTr("Checking your power in %1 of %2 rooms…").arg(root.plan.checked).arg(root.plan.total)
                      : ""
            }
            ProgressBar {
                objectName: "banEverywhereProgressBar"
                Layout.fillWidth: true
                from: 0
                to: root.plan !== null ? Math.max(1, root.plan.total) : 1
                value: root.plan !== null ? root.plan.checked : 0
                Accessible.role: Accessible.ProgressBar
                Accessible.name: progressLabel.text
            }
        }

        Label {
            objectName: "banEverywhereBanHeader"
            Layout.fillWidth: true
            visible: root.ready
            textFormat: Text.PlainText
            font.bold: true
            text: root.banCount === 1 ? qsTr("Banned in 1 room")
                                      : qsTr("Banned in %1 rooms").arg(root.banCount)
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Frame {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(5, Math.max(1, banList.count)) * 26 + 2 * padding
            visible: root.ready && banList.count > 0
            padding: 1
            ListView {
                id: banList
                objectName: "banEverywhereBanList"
                anchors.fill: parent
                clip: true
                model: root.banRooms
                activeFocusOnTab: true
                keyNavigationEnabled: true
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Rooms where the ban applies")
                ScrollBar.vertical: ScrollBar {}
                delegate: RoomLine {}
            }
        }

        Label {
            objectName: "banEverywhereOtherHeader"
            Layout.fillWidth: true
            visible: root.ready && otherList.count > 0
            textFormat: Text.PlainText
            font.bold: true
            text: otherList.count === 1 ? qsTr("Not banned in 1 room")
                                        : qsTr("Not banned in %1 rooms").arg(otherList.count)
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Frame {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(4, Math.max(1, otherList.count)) * 26 + 2 * padding
            visible: root.ready && otherList.count > 0
            padding: 1
            ListView {
                id: otherList
                objectName: "banEverywhereOtherList"
                anchors.fill: parent
                clip: true
                model: root.otherRooms
                activeFocusOnTab: true
                keyNavigationEnabled: true
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Rooms where the ban does not apply, and why")
                ScrollBar.vertical: ScrollBar {}
                delegate: RoomLine {
                    showReason: true
                }
            }
        }

        Label {
            visible: root.canBan
            textFormat: Text.PlainText
            text: qsTr("Reason (optional, the same for every room)")
            font.bold: true
        }
        TextField {
            id: reasonField
            objectName: "banEverywhereReasonField"
            Layout.fillWidth: true
            visible: root.canBan
            placeholderText: qsTr("Shown to them and to each room's members")
            maximumLength: 1024
            selectByMouse: true
            Accessible.name: qsTr("Reason")
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }

        FormMessage {
            objectName: "banEverywhereNothing"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Notice
            text: root.ready && root.banCount === 0 && root.error === ""
                  ? qsTr("There is no room where you can ban them.") : ""
        }
        FormMessage {
            objectName: "banEverywhereError"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Error
            text: root.error
        }
    }

    footer: DialogFooter {
        Button {
            objectName: "banEverywhereStopButton"
            visible: root.probing
            text: qsTr("Stop checking")
            Accessible.name: text
            onClicked: root.stopRequested()
        }
        Button {
            id: banButton
            objectName: "banEverywhereConfirmButton"
            enabled: root.canBan
            text: root.banCount === 1 ? qsTr("Ban in 1 room") : qsTr("Ban in %1 rooms").arg(root.banCount)
            highlighted: true
            Accessible.name: text
            onClicked: root.submit()
        }
        Button {
            id: cancelButton
            objectName: "banEverywhereCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            onClicked: root.reject()
        }
    }
}
