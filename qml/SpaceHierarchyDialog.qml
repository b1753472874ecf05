pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// Browse a space's rooms (services.hierarchy: every page of GET /hierarchy) and join a selection
// of them as one job of the bulk queue. Each row says whether you can join, ask to join, or why
// not; only rooms you can join are selectable (Space toggles the current row). The page opens it
// with openFor(spaceId) and gets the job from joinStarted().
BaseDialog {
    id: root

    property HierarchyModel hierarchy: null
    // Why the job was refused (the queue's lastError).
    property string error: ""

    signal joinStarted(Job job)
    signal leaveRequested(string spaceId)

    function openFor(spaceId: string) {
        root.error = ""
        if (root.hierarchy)
            root.hierarchy.spaceId = spaceId
        root.open()
    }
    function joinSelected() {
        if (!root.hierarchy || root.hierarchy.selectedCount === 0)
            return
        const job = root.hierarchy.joinSelected()
        if (job) {
            root.joinStarted(job)
            root.close()
        } else {
            root.error = qsTr("The rooms could not be joined: nothing was sent.")
        }
    }

    objectName: "spaceHierarchyDialog"
    preferredWidth: 640
    title: root.hierarchy ? qsTr("Rooms in %1").arg(root.hierarchy.spaceName) : ""
    // Loading stops at HierarchyModel.MaxRows rooms (or a server that repeats its page token).
    readonly property string cutShortText: qsTr("This space has more rooms than are shown.")
    description: root.hierarchy && root.hierarchy.truncated ? root.cutShortText : ""
    onOpened: roomList.forceActiveFocus(Qt.TabFocusReason)

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Text {
            id: statusText
            objectName: "hierarchyStatus"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            color: root.hierarchy && root.hierarchy.status === HierarchyModel.Failed ? Theme.errorText : palette.windowText
            visible: text !== ""
            text: !root.hierarchy ? ""
                  : root.hierarchy.status === HierarchyModel.Loading ? qsTr("Loading the space's rooms…")
                  : root.hierarchy.status === HierarchyModel.Failed ? root.hierarchy.errorText
                  : (root.hierarchy.count <= 1 ? qsTr("This space has no rooms you can see.")
                     : qsTr("%n room(s) you can join or ask to join.", "", root.hierarchy.joinableCount))
                    + (root.hierarchy.truncated ? " " + root.cutShortText : "")
            Accessible.role: root.hierarchy && root.hierarchy.status === HierarchyModel.Failed
                             ? Accessible.AlertMessage : Accessible.StaticText
            Accessible.name: text
        }

        ListView {
            id: roomList
            objectName: "hierarchyList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: 360
            clip: true
            model: root.hierarchy
            keyNavigationEnabled: true
            activeFocusOnTab: true
            currentIndex: 0
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Rooms of the space")
            Keys.onSpacePressed: {
                if (root.hierarchy && currentIndex >= 0)
                    root.hierarchy.toggleSelected(currentIndex)
            }
            ScrollBar.vertical: ScrollBar {}

            delegate: ItemDelegate {
                id: row
                required property int index
                required property string roomId
                required property string name
                required property string topic
                required property int memberCount
                required property bool isSpace
                required property int depth
                required property bool canJoin
                required property int joinAction
                required property string joinNote
                required property bool selected

                objectName: "hierarchyRow_" + index
                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                leftPadding: 8 + 20 * depth
                Accessible.role: Accessible.CheckBox
                Accessible.checkable: canJoin
                Accessible.checked: selected
                Accessible.name: (isSpace ? qsTr("Space %1").arg(name) : name) + ". " + joinNote
                onClicked: {
                    roomList.currentIndex = index
                    if (root.hierarchy)
                        root.hierarchy.toggleSelected(index)
                }

                contentItem: RowLayout {
                    spacing: 8
                    // A room you cannot join has no check box (its place is kept, so that the
                    // names line up); its second line says why.
                    CheckBox {
                        objectName: "hierarchyCheck_" + row.index
                        enabled: row.canJoin
                        opacity: row.canJoin ? 1 : 0
                        checked: row.selected
                        focusPolicy: Qt.NoFocus
                        Accessible.ignored: true
                        onToggled: if (root.hierarchy) root.hierarchy.setSelected(row.index, checked)
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Text {
                            Layout.fillWidth: true
                            text: row.isSpace ? qsTr("%1 (space)").arg(row.name) : row.name
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            font.bold: row.isSpace
                            color: palette.windowText
                        }
                        Text {
                            Layout.fillWidth: true
                            text: row.joinNote + (row.memberCount >= 0 ? " · " + qsTr("%n member(s)", "", row.memberCount) : "")
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            color: Theme.secondaryText
                        }
                    }
                }
            }
        }

        Text {
            objectName: "hierarchyError"
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
            objectName: "hierarchySelectAll"
            text: qsTr("Select all joinable")
            enabled: root.hierarchy !== null && root.hierarchy.joinableCount > 0
            onClicked: root.hierarchy.selectJoinable("")
        }
        Button {
            objectName: "hierarchyLeave"
            text: qsTr("Leave space…")
            onClicked: {
                const id = root.hierarchy ? root.hierarchy.spaceId : ""
                root.close()
                root.leaveRequested(id)
            }
        }
        Button {
            objectName: "hierarchyClose"
            text: qsTr("Close")
            onClicked: root.close()
        }
        Button {
            objectName: "hierarchyJoin"
            highlighted: true
            enabled: root.hierarchy !== null && root.hierarchy.selectedCount > 0
            text: root.hierarchy ? qsTr("Join %n room(s)", "", root.hierarchy.selectedCount) : ""
            onClicked: root.joinSelected()
        }
    }
}
