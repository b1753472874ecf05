pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// Leave a space, and with it none, all or a chosen few of its rooms and sub-spaces that you are
// in (services.hierarchy lists them). Rooms you could not come back to (invite only, knock, a
// restricted room whose way in is the space) say so; with a leaveCheck (services.leaveCheck) the
// rooms where you are the only admin are named. One job: the rooms first (deepest first), then
// the space. The focus starts on Cancel.
BaseDialog {
    id: root

    property HierarchyModel hierarchy: null
    property LeaveCheck leaveCheck: null
    // "none", "all" or "some"
    property string scope: "none"
    // The rooms chosen with scope "some" (room IDs).
    property var chosen: []
    property string error: ""

    // The rooms below the space that you are in, deepest first.
    readonly property var joinedRooms: root.hierarchy && root.hierarchy.status === HierarchyModel.Loaded
                                       ? root.hierarchy.joinedDescendants() : []
    readonly property var roomsToLeave: scope === "all" ? joinedRooms
                                      : scope === "some" ? joinedRooms.filter(id => chosen.indexOf(id) >= 0) : []
    // Rooms you could not rejoin among those being left, and the space itself (always left),
    // by the same rule (its join rule from the hierarchy's first row).
    readonly property var rejoinWarnings: {
        const list = []
        if (!root.hierarchy || root.hierarchy.status !== HierarchyModel.Loaded)
            return list
        for (const id of roomsToLeave.concat([root.hierarchy.spaceId])) {
            const row = root.hierarchy.rowOf(id)
            if (row < 0)
                continue
            const w = root.hierarchy.get(row).rejoinWarning
            if (w)
                list.push(root.hierarchy.get(row).name + ": " + w)
        }
        return list
    }
    readonly property string adminWarnings: root.leaveCheck && root.leaveCheck.state === LeaveCheck.Checked
                                            ? root.leaveCheck.warningsFor(roomsToLeave.concat([root.hierarchy.spaceId])) : ""

    signal leaveStarted(Job job)

    function openFor(spaceId: string) {
        root.scope = "none"
        root.chosen = []
        root.error = ""
        if (root.hierarchy && root.hierarchy.spaceId !== spaceId)
            root.hierarchy.spaceId = spaceId
        root.open()
    }
    function toggle(roomId: string) {
        const next = root.chosen.slice()
        const at = next.indexOf(roomId)
        if (at >= 0)
            next.splice(at, 1)
        else
            next.push(roomId)
        root.chosen = next
    }
    function confirm() {
        const job = root.hierarchy.leaveSpace(root.roomsToLeave, reasonField.text)
        if (job) {
            root.leaveStarted(job)
            root.close()
        } else {
            root.error = qsTr("The space could not be left: nothing was sent.")
        }
    }
    // The last-admin check covers every room that could be left, once they are known.
    onJoinedRoomsChanged: {
        if (root.visible && root.leaveCheck && root.hierarchy)
            root.leaveCheck.check(root.joinedRooms.concat([root.hierarchy.spaceId]))
    }
    onOpened: {
        if (root.leaveCheck && root.hierarchy && root.hierarchy.status === HierarchyModel.Loaded)
            root.leaveCheck.check(root.joinedRooms.concat([root.hierarchy.spaceId]))
        cancelButton.forceActiveFocus(Qt.TabFocusReason)
    }

    objectName: "leaveSpaceDialog"
    preferredWidth: 560
    title: root.hierarchy ? qsTr("Leave %1").arg(root.hierarchy.spaceName) : ""
    description: root.rejoinWarnings.length > 0
                 ? qsTr("You could not rejoin some of these rooms.") : ""

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        Text {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            color: palette.windowText
            text: !root.hierarchy ? ""
                  : root.hierarchy.status === HierarchyModel.Loading ? qsTr("Finding the space's rooms…")
                  : root.hierarchy.status === HierarchyModel.Failed ? root.hierarchy.errorText
                  : qsTr("You are in %n room(s) of this space.", "", root.joinedRooms.length)
        }
        RadioButton {
            objectName: "leaveSpaceNone"
            text: qsTr("Leave only the space")
            checked: root.scope === "none"
            onClicked: root.scope = "none"
        }
        RadioButton {
            objectName: "leaveSpaceAll"
            text: qsTr("Also leave its %n room(s)", "", root.joinedRooms.length)
            enabled: root.joinedRooms.length > 0
            checked: root.scope === "all"
            onClicked: root.scope = "all"
        }
        RadioButton {
            objectName: "leaveSpaceSome"
            text: qsTr("Also leave the rooms I choose")
            enabled: root.joinedRooms.length > 0
            checked: root.scope === "some"
            onClicked: root.scope = "some"
        }
        ListView {
            id: choices
            objectName: "leaveSpaceChoices"
            visible: root.scope === "some"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 200)
            clip: true
            model: root.joinedRooms
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Rooms to leave with the space")
            Keys.onSpacePressed: if (currentIndex >= 0) root.toggle(root.joinedRooms[currentIndex])
            delegate: CheckDelegate {
                id: choice
                required property string modelData
                required property int index
                readonly property var info: root.hierarchy ? root.hierarchy.get(root.hierarchy.rowOf(modelData)) : ({})
                objectName: "leaveSpaceChoice_" + index
                width: ListView.view.width
                text: info.name !== undefined ? info.name : modelData
                checked: root.chosen.indexOf(modelData) >= 0
                highlighted: ListView.isCurrentItem
                focusPolicy: Qt.NoFocus
                Accessible.name: text + (info.rejoinWarning ? ". " + info.rejoinWarning : "")
                onClicked: root.toggle(modelData)
            }
        }
        Text {
            objectName: "leaveSpaceRejoinWarning"
            Layout.fillWidth: true
            visible: root.rejoinWarnings.length > 0
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            color: Theme.errorText
            text: qsTr("You could not rejoin these without help:") + "\n" + root.rejoinWarnings.join("\n")
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        Text {
            objectName: "leaveSpaceAdminWarning"
            Layout.fillWidth: true
            visible: text !== ""
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            color: Theme.errorText
            text: root.adminWarnings
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        TextField {
            id: reasonField
            objectName: "leaveSpaceReason"
            Layout.fillWidth: true
            placeholderText: qsTr("Reason (optional)")
            Accessible.name: qsTr("Reason")
        }
        Text {
            objectName: "leaveSpaceError"
            Layout.fillWidth: true
            visible: root.error !== ""
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
            id: cancelButton
            objectName: "leaveSpaceCancel"
            text: qsTr("Cancel")
            onClicked: root.close()
        }
        Button {
            objectName: "leaveSpaceConfirm"
            highlighted: true
            enabled: root.hierarchy !== null && root.hierarchy.spaceId !== ""
                     && (root.scope === "none" || root.roomsToLeave.length > 0)
            text: root.roomsToLeave.length === 0 ? qsTr("Leave space")
                                                 : qsTr("Leave space and %n room(s)", "", root.roomsToLeave.length)
            onClicked: root.confirm()
        }
    }
}
