pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// The public room directory (services.directory): your homeserver's rooms, or another server's
// by name; searched as you type (the model waits 300 ms itself); scrolling loads the next page.
// Each row: avatar, name, address, topic (two lines), members, "guests can read", the join rule,
// and whether you are in the room already; its actions Join, Ask to join (a reason dialog of this
// page) and Preview (a RoomPreviewPane beside the list, or over it on narrow windows).
//
// Self-contained: the page runs nothing itself. It emits joinRequested / knockRequested (the
// window runs them with services.membership and hands the page the Operation in `operation`,
// which the page follows: the row waits, the outcome is shown and announced), previewRequested
// when it shows a preview, and closed() for its Close button or Escape.
//
// Keyboard: Tab goes Close, server, search, then through the rows' buttons (the list scrolls to
// the focused row; Up/Down move to the same button of the row above or below), Load more, the
// preview. Enter presses the focused button. Escape clears the search, then closes the page.
Page {
    id: root

    required property AppServices services
    readonly property DirectoryModel directory: services.directory
    // The join or knock the window started from this page (null before the first).
    property Operation operation: null

    // The preview shown beside the list. Held in a var: the object is owned by JavaScript, and a
    // var keeps it from the garbage collector. (It asks nothing until a row is previewed.)
    readonly property var previewObject: services.createPreview()
    readonly property RoomPreview preview: previewObject
    property bool previewOpen: false
    // Narrow windows: the preview covers the list instead of sitting beside it.
    readonly property bool narrow: width < 760

    // name: the room's name as listed (for the app's messages).
    signal joinRequested(string roomIdOrAlias, var via, string name)
    signal knockRequested(string roomIdOrAlias, var via, string reason, string name)
    // A preview of the room is shown (in this page; for the window's information).
    signal previewRequested(string roomIdOrAlias, var via)
    signal closed()
    // Internal: the row `row` puts the focus on its button at `position` (-1: the last).
    signal rowFocusRequested(int row, int position)

    // Via for the rows: the server whose directory lists them (none for your own homeserver);
    // while another server's answer is on its way, the rows shown are still the previous one's.
    readonly property var rowVia: root.shownServer !== "" ? [root.shownServer] : []
    readonly property bool operationRunning: root.operation !== null && !root.operation.done
    // A new server or search term is on its way (the rows shown answer the previous one).
    readonly property bool refreshing: root.directory.status === DirectoryModel.Loading
    // The next page is on its way.
    readonly property bool loadingMore: root.directory.loading && !root.refreshing
    readonly property string term: root.directory.searchTerm.trim()
    // The server and term of the rows the model holds: when the first page of another server or
    // term fails, the model keeps the previous rows, which must not pass for the new server's.
    property string shownServer: ""
    property string shownTerm: ""
    readonly property bool staleRows: root.directory.status === DirectoryModel.Failed
                                      && (root.shownServer !== root.directory.server
                                          || root.shownTerm !== root.directory.searchTerm)

    // Loads the first page (if nothing is shown yet) and puts the focus in the search field.
    function activate() {
        if (root.directory.status === DirectoryModel.Idle)
            root.directory.refresh()
        searchField.forceActiveFocus(Qt.OtherFocusReason)
    }
    function openPreview(roomId: string, via: var) {
        root.preview.load(roomId, via)
        root.previewOpen = true
        root.previewRequested(roomId, via)
        previewClose.forceActiveFocus(Qt.OtherFocusReason)
    }
    function closePreview() {
        root.previewOpen = false
        root.focusRow(list.currentIndex >= 0 ? list.currentIndex : root.firstVisibleRow(), false)
            || searchField.forceActiveFocus(Qt.OtherFocusReason)
    }
    function openKnock(roomId: string, via: var, name: string) {
        knockDialog.openFor(roomId, via, name)
    }
    // A join rule in a word or two, for a row.
    function joinRuleText(rule: int): string {
        switch (rule) {
        case JoinRule.Public: return qsTr("Public")
        case JoinRule.Knock: return qsTr("Ask to join")
        case JoinRule.KnockRestricted: return qsTr("Space members, or ask to join")
        case JoinRule.Invite: return qsTr("Invite only")
        case JoinRule.Restricted: return qsTr("Space members only")
        case JoinRule.Private: return qsTr("Private")
        }
        return ""
    }
    function membershipMark(value: int): string {
        switch (value) {
        case Membership.Join: return qsTr("Joined")
        case Membership.Invite: return qsTr("Invited")
        case Membership.Knock: return qsTr("Requested")
        case Membership.Ban: return qsTr("Banned")
        }
        return ""
    }
    function memberText(count: int): string {
        return count === 1 ? qsTr("1 member")
                           : qsTr("%1 members").arg(count.toLocaleString(Qt.locale(), "f", 0))
    }
    // Join is offered unless you are in the room, banned, waiting on a knock, or the rule lets
    // only invited people (or knockers) in; an invitation is accepted with it.
    function canJoin(rule: int, membership: int): bool {
        if (membership === Membership.Invite)
            return true
        if (membership === Membership.Join || membership === Membership.Ban || membership === Membership.Knock)
            return false
        return rule !== JoinRule.Invite && rule !== JoinRule.Private && rule !== JoinRule.Knock
    }

    // The first row wholly inside the viewport, or -1.
    function firstVisibleRow(): int {
        const top = list.indexAt(list.width / 2, list.contentY + 1)
        if (top < 0)
            return list.count > 0 ? 0 : -1
        const topItem = list.itemAtIndex(top)
        if (topItem !== null && topItem.y < list.contentY && top + 1 < list.count)
            return top + 1
        return top
    }
    // Keyboard focus on a row's first (or last) button; the list shows the row. False if there
    // is no such row.
    function focusRow(row: int, last: bool): bool {
        if (row < 0 || row >= list.count)
            return false
        return root.focusRowButton(row, last ? -1 : 0)
    }
    // The same button (by position) of another row.
    function focusRowButton(row: int, position: int): bool {
        if (row < 0 || row >= list.count)
            return false
        list.currentIndex = row
        list.positionViewAtIndex(row, ListView.Contain)
        // The row focuses its button itself. (Not itemAtIndex(row) as DirectoryRow: Qt 6.4 casts
        // to an inline component type as null.)
        root.rowFocusRequested(row, position)
        const item = list.itemAtIndex(row)
        return item !== null && item.activeFocus
    }
    // Tab past the last row: what follows the list.
    function focusAfterList() {
        for (const item of [footerRetry, loadMoreButton, previewClose]) {
            if (item.visible && item.enabled) {
                item.forceActiveFocus(Qt.TabFocusReason)
                return
            }
        }
        closeButton.forceActiveFocus(Qt.TabFocusReason)
    }
    // Shift+Tab before the first row.
    function focusBeforeList() {
        searchField.forceActiveFocus(Qt.BacktabFocusReason)
    }

    objectName: "directoryPage"
    Accessible.role: Accessible.PageTab
    Accessible.name: qsTr("Room directory")

    onVisibleChanged: {
        if (visible && root.directory.status === DirectoryModel.Idle)
            root.directory.refresh()
    }
    Component.onCompleted: {
        serverField.text = root.directory.server
        searchField.text = root.directory.searchTerm
        root.shownServer = root.directory.server
        root.shownTerm = root.directory.searchTerm
        if (visible && root.directory.status === DirectoryModel.Idle)
            root.directory.refresh()
    }
    // The fields follow the model when it changes elsewhere (cleared at sign-out).
    Connections {
        target: root.directory
        function onPageLoaded() {
            root.shownServer = root.directory.server
            root.shownTerm = root.directory.searchTerm
        }
        function onServerChanged() {
            if (serverField.text.trim() !== root.directory.server)
                serverField.text = root.directory.server
        }
        function onSearchTermChanged() {
            if (searchField.text !== root.directory.searchTerm)
                searchField.text = root.directory.searchTerm
        }
    }

    // Enter/Return on a focused push button presses it (Qt Quick's buttons only take Space).
    Keys.onReturnPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEnterPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEscapePressed: {
        if (root.previewOpen)
            root.closePreview()
        else
            root.closed()
    }

    // A push button with a focus ring whenever it has the keyboard focus (Fusion draws none for
    // focus given from code, and draws a highlighted button's border like its focus frame).
    component RingButton: Button {
        id: ringButton
        Rectangle {
            objectName: "focusRing"
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

    // One directory entry. Its buttons are Tab stops, chained row to row by hand (the list's
    // delegates are not in row order among its children once it has scrolled).
    component DirectoryRow: FocusScope {
        id: row

        required property int index
        required property string roomId
        required property string name
        required property string canonicalAlias
        required property string topic
        required property url avatarSource
        required property int memberCount
        required property bool worldReadable
        required property bool guestCanJoin
        required property int joinRule
        required property bool canKnock
        required property string roomType
        required property int membership

        readonly property bool isSpace: roomType === "m.space"
        readonly property string mark: root.membershipMark(membership)
        readonly property bool busy: root.operationRunning && root.operation.target === roomId
        // The row's buttons that can take the focus, in Tab order.
        readonly property var buttons: {
            const shown = []
            for (const button of [joinButton, knockButton, previewButton]) {
                if (button.visible && button.enabled)
                    shown.push(button)
            }
            return shown
        }

        // Focus on a button by position (-1: the last); false if the row has none.
        function focusButton(position: int): bool {
            const list = row.buttons
            if (list.length === 0)
                return false
            const i = position < 0 ? list.length - 1 : Math.min(position, list.length - 1)
            list[i].forceActiveFocus(Qt.TabFocusReason)
            return true
        }
        function focusedPosition(): int {
            const list = row.buttons
            for (let i = 0; i < list.length; ++i) {
                if (list[i].activeFocus)
                    return i
            }
            return -1
        }

        Connections {
            target: root
            function onRowFocusRequested(index: int, position: int) {
                if (index === row.index)
                    row.focusButton(position)
            }
        }

        objectName: "directoryRow:" + roomId
        width: ListView.view.width
        implicitHeight: content.implicitHeight + 2 * Theme.spacing

        Accessible.role: Accessible.ListItem
        Accessible.name: {
            const parts = [row.name]
            if (row.isSpace)
                parts.push(qsTr("space"))
            if (row.canonicalAlias !== "" && row.canonicalAlias !== row.name)
                parts.push(row.canonicalAlias)
            parts.push(root.memberText(row.memberCount))
            if (root.joinRuleText(row.joinRule) !== "")
                parts.push(root.joinRuleText(row.joinRule))
            if (row.worldReadable)
                parts.push(qsTr("guests can read"))
            if (row.mark !== "")
                parts.push(row.mark)
            return parts.join(", ")
        }
        Accessible.description: row.topic

        onActiveFocusChanged: {
            if (activeFocus) {
                ListView.view.currentIndex = row.index
                ListView.view.positionViewAtIndex(row.index, ListView.Contain)
            }
        }
        // Tab and Shift+Tab on the row's buttons (each button forwards them here: a button moves
        // the focus itself before its parents see the key).
        function tab(forward: bool) {
            const i = row.focusedPosition()
            if (forward) {
                if (i >= 0 && i + 1 < row.buttons.length)
                    row.buttons[i + 1].forceActiveFocus(Qt.TabFocusReason)
                else if (!root.focusRow(row.index + 1, false))
                    root.focusAfterList()
            } else {
                if (i > 0)
                    row.buttons[i - 1].forceActiveFocus(Qt.BacktabFocusReason)
                else if (!root.focusRow(row.index - 1, true))
                    root.focusBeforeList()
            }
        }
        Keys.onUpPressed: event => {
            root.focusRowButton(row.index - 1, Math.max(0, row.focusedPosition()))
            event.accepted = true
        }
        Keys.onDownPressed: event => {
            root.focusRowButton(row.index + 1, Math.max(0, row.focusedPosition()))
            event.accepted = true
        }

        Rectangle {
            anchors.fill: parent
            color: row.activeFocus ? Theme.selectionBackground : "transparent"
            border.width: row.activeFocus ? 2 : 0
            border.color: Theme.focusFrame
            Accessible.ignored: true
            Rectangle {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: 1
                color: Theme.separator
            }
        }

        RowLayout {
            id: content
            anchors.fill: parent
            anchors.margins: Theme.spacing
            spacing: Theme.spacing * 1.5

            Avatar {
                Layout.alignment: Qt.AlignTop
                source: row.avatarSource
                name: row.name
                colorKey: row.roomId
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                spacing: 2

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Label {
                        objectName: "directoryName"
                        Layout.fillWidth: true
                        text: row.name
                        textFormat: Text.PlainText
                        elide: Text.ElideRight
                        maximumLineCount: 1
                        font.bold: true
                    }
                    Label {
                        objectName: "directorySpace"
                        visible: row.isSpace
                        text: qsTr("Space")
                        textFormat: Text.PlainText
                        color: Theme.secondaryText
                        font.italic: true
                    }
                    Label {
                        objectName: "directoryMark"
                        visible: row.mark !== ""
                        text: row.mark
                        textFormat: Text.PlainText
                        font.bold: true
                        color: row.membership === Membership.Ban ? Theme.errorText : Theme.okColor
                    }
                }
                Label {
                    objectName: "directoryDetails"
                    Layout.fillWidth: true
                    text: {
                        const parts = []
                        if (row.canonicalAlias !== "")
                            parts.push(row.canonicalAlias)
                        parts.push(root.memberText(row.memberCount))
                        if (root.joinRuleText(row.joinRule) !== "")
                            parts.push(root.joinRuleText(row.joinRule))
                        if (row.worldReadable)
                            parts.push(qsTr("Guests can read"))
                        return parts.join("  ·  ")
                    }
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    color: Theme.secondaryText
                }
                Label {
                    objectName: "directoryTopic"
                    Layout.fillWidth: true
                    visible: row.topic !== ""
                    text: row.topic
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
            }

            RowLayout {
                Layout.alignment: Qt.AlignVCenter
                spacing: Theme.spacing / 2
                // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is
                // set on it: the item around it is the progress bar screen readers see.
                Item {
                    visible: row.busy
                    implicitWidth: 24
                    implicitHeight: 24
                    Accessible.role: Accessible.ProgressBar
                    Accessible.name: root.operation !== null && root.operation.kind === Operation.Knock
                                     ? qsTr("Asking to join %1").arg(row.name) : qsTr("Joining %1").arg(row.name)
                    readonly property bool running: row.busy
                    Accessible.ignored: !running
                    BusyIndicator {
                        anchors.fill: parent
                        running: row.busy
                        Accessible.ignored: true
                    }
                }
                RingButton {
                    id: joinButton
                    Keys.onTabPressed: row.tab(true)
                    Keys.onBacktabPressed: row.tab(false)
                    objectName: "directoryJoinButton"
                    visible: root.canJoin(row.joinRule, row.membership)
                    enabled: !row.busy
                    text: row.membership === Membership.Invite ? qsTr("Accept") : qsTr("Join")
                    Accessible.name: row.membership === Membership.Invite
                                     ? qsTr("Accept the invitation to %1").arg(row.name)
                                     : qsTr("Join %1").arg(row.name)
                    onClicked: root.joinRequested(row.roomId, root.rowVia, row.name)
                }
                RingButton {
                    id: knockButton
                    Keys.onTabPressed: row.tab(true)
                    Keys.onBacktabPressed: row.tab(false)
                    objectName: "directoryKnockButton"
                    visible: row.canKnock
                    enabled: !row.busy
                    text: qsTr("Ask to join…")
                    Accessible.name: qsTr("Ask to join %1").arg(row.name)
                    onClicked: root.openKnock(row.roomId, root.rowVia, row.name)
                }
                RingButton {
                    id: previewButton
                    Keys.onTabPressed: row.tab(true)
                    Keys.onBacktabPressed: row.tab(false)
                    objectName: "directoryPreviewButton"
                    flat: true
                    text: qsTr("Preview")
                    Accessible.name: qsTr("Preview %1").arg(row.name)
                    onClicked: root.openPreview(row.roomId, root.rowVia)
                }
            }
        }
    }

    header: Pane {
        padding: Theme.spacing
        background: Rectangle { color: Theme.sectionBackground }

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                RingButton {
                    id: closeButton
                    objectName: "directoryCloseButton"
                    text: qsTr("‹ Rooms")
                    flat: true
                    Accessible.name: qsTr("Close the room directory")
                    onClicked: root.closed()
                }
                Label {
                    Layout.fillWidth: true
                    text: root.directory.server !== "" ? qsTr("Public rooms on %1").arg(root.directory.server)
                                                       : qsTr("Public rooms on your homeserver")
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    font.bold: true
                    font.pixelSize: Math.round(root.font.pixelSize * 1.2)
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                TextField {
                    id: serverField
                    objectName: "directoryServerField"
                    Layout.preferredWidth: 260
                    Layout.minimumWidth: 140
                    placeholderText: qsTr("Your homeserver")
                    selectByMouse: true
                    Accessible.name: qsTr("Server")
                    Accessible.description: qsTr("Empty for your homeserver's directory; type another server's name, then Enter")
                    ToolTip.visible: hovered && text === ""
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("Empty: your homeserver. Type another server's name (e.g. matrix.org), then Enter.")
                    // Applied on Enter or on leaving the field: every key would ask another server.
                    onEditingFinished: root.directory.server = text.trim()
                    // Escape drops an edit; on an unedited field it goes on to the page (closes).
                    Keys.onEscapePressed: event => {
                        if (text.trim() !== root.directory.server)
                            text = root.directory.server
                        else
                            event.accepted = false
                    }
                }
                TextField {
                    id: searchField
                    objectName: "directorySearchField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Search rooms by name, address or topic")
                    selectByMouse: true
                    Accessible.name: qsTr("Search public rooms")
                    // The model waits until typing pauses.
                    onTextChanged: root.directory.searchTerm = text
                    Keys.onEscapePressed: event => {
                        if (text !== "")
                            text = ""
                        else
                            event.accepted = false
                    }
                    Keys.onReturnPressed: root.directory.refresh()
                    Keys.onEnterPressed: root.directory.refresh()
                    Keys.onDownPressed: root.focusRow(Math.max(0, list.currentIndex), false)
                    Keys.onTabPressed: event => {
                        if (list.count > 0 && root.focusRow(list.currentIndex >= 0 ? list.currentIndex
                                                                                   : root.firstVisibleRow(), false))
                            event.accepted = true
                        else
                            event.accepted = false
                    }
                }
            }
            Label {
                objectName: "directorySummary"
                Layout.fillWidth: true
                visible: text !== ""
                text: list.count === 0 || root.refreshing ? ""
                      : root.directory.totalEstimate > list.count
                      ? qsTr("Showing %1 of about %2 rooms").arg(list.count).arg(root.directory.totalEstimate)
                      : list.count === 1 ? qsTr("1 room") : qsTr("%1 rooms").arg(list.count)
                textFormat: Text.PlainText
                color: Theme.secondaryText
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: !(root.previewOpen && root.narrow)
            spacing: 0

            ListView {
                id: list
                objectName: "directoryList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                // Rows that answer the previous server or term, while the new answer is on its way.
                opacity: root.refreshing ? 0.55 : 1
                model: root.staleRows ? null : root.directory
                currentIndex: -1
                // The rows' buttons are the Tab stops, not the list.
                activeFocusOnTab: false
                boundsBehavior: Flickable.StopAtBounds
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Public rooms")
                ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }

                delegate: DirectoryRow {}

                // Nothing to list: loading, an error, or an empty directory.
                ColumnLayout {
                    objectName: "directoryEmptyState"
                    anchors.centerIn: parent
                    width: Math.min(parent.width - 48, 460)
                    visible: list.count === 0
                    spacing: Theme.spacing

                    // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is
                    // set on it: the item around it is the progress bar screen readers see.
                    Item {
                        objectName: "directoryBusy"
                        Layout.alignment: Qt.AlignHCenter
                        visible: running
                        Accessible.role: Accessible.ProgressBar
                        Accessible.name: qsTr("Loading public rooms")
                        readonly property bool running: root.directory.status === DirectoryModel.Loading
                        Accessible.ignored: !running
                        BusyIndicator {
                            anchors.fill: parent
                            running: root.directory.status === DirectoryModel.Loading
                            Accessible.ignored: true
                        }
                    }
                    Text {
                        objectName: "directoryError"
                        Layout.fillWidth: true
                        visible: root.directory.status === DirectoryModel.Failed
                        text: "⚠ " + root.directory.errorText
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        horizontalAlignment: Text.AlignHCenter
                        color: Theme.errorText
                        font: root.font
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: root.directory.errorText
                    }
                    Label {
                        objectName: "directoryEmptyText"
                        Layout.fillWidth: true
                        visible: text !== ""
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        font.pixelSize: Math.round(root.font.pixelSize * 1.15)
                        text: root.refreshing
                              ? (root.term !== "" ? qsTr("Searching for “%1”…").arg(root.term)
                                                  : qsTr("Loading public rooms…"))
                              : root.directory.status !== DirectoryModel.NoMatches ? ""
                              : root.term !== "" ? qsTr("No rooms match “%1”.").arg(root.term)
                              : qsTr("This server lists no public rooms.")
                    }
                    RingButton {
                        objectName: "directoryRetryButton"
                        Layout.alignment: Qt.AlignHCenter
                        visible: root.directory.status === DirectoryModel.Failed
                                 && root.directory.errorKind !== DirectoryModel.InvalidServer
                        text: qsTr("Try again")
                        Accessible.name: qsTr("Try loading the directory again")
                        onClicked: root.directory.refresh()
                    }
                    RingButton {
                        objectName: "directoryClearSearchButton"
                        Layout.alignment: Qt.AlignHCenter
                        visible: root.directory.status === DirectoryModel.NoMatches
                                 && root.directory.searchTerm !== ""
                        text: qsTr("Clear search")
                        Accessible.name: qsTr("Clear search")
                        onClicked: searchField.text = ""
                    }
                }
            }

            // Below the rows: the next page on its way, or why it did not come. (Not a ListView
            // footer: Qt 6.4 cannot create a bound footer component.)
            Pane {
                objectName: "directoryFooter"
                Layout.fillWidth: true
                visible: list.count > 0 && (root.refreshing || root.loadingMore || root.directory.hasMore
                                            || root.directory.status === DirectoryModel.Failed)
                padding: 4
                leftPadding: Theme.spacing
                rightPadding: Theme.spacing
                background: Rectangle { color: Theme.sectionBackground }
                RowLayout {
                    anchors.fill: parent
                    spacing: Theme.spacing
                    // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is
                    // set on it: the item around it is the progress bar screen readers see.
                    Item {
                        objectName: "directoryMoreBusy"
                        visible: running
                        implicitWidth: 24
                        implicitHeight: 24
                        Accessible.role: Accessible.ProgressBar
                        Accessible.name: root.refreshing ? qsTr("Loading public rooms") : qsTr("Loading more rooms")
                        readonly property bool running: list.count > 0 && (root.refreshing || root.loadingMore)
                        Accessible.ignored: !running
                        BusyIndicator {
                            anchors.fill: parent
                            running: list.count > 0 && (root.refreshing || root.loadingMore)
                            Accessible.ignored: true
                        }
                    }
                    Label {
                        objectName: "directoryMoreText"
                        visible: root.refreshing || root.loadingMore
                        text: !root.refreshing ? qsTr("Loading more…")
                              : root.term !== "" ? qsTr("Searching for “%1”…").arg(root.term)
                              : qsTr("Loading public rooms…")
                        textFormat: Text.PlainText
                        color: Theme.secondaryText
                    }
                    Text {
                        objectName: "directoryMoreError"
                        Layout.fillWidth: true
                        visible: root.directory.status === DirectoryModel.Failed
                        text: "⚠ " + root.directory.errorText
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        color: Theme.errorText
                        font: root.font
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: root.directory.errorText
                    }
                    Item {
                        Layout.fillWidth: true
                        visible: root.directory.status !== DirectoryModel.Failed
                    }
                    RingButton {
                        id: footerRetry
                        objectName: "directoryMoreRetryButton"
                        visible: root.directory.status === DirectoryModel.Failed
                        text: qsTr("Try again")
                        Accessible.name: qsTr("Try loading the directory again")
                        onClicked: root.directory.refresh()
                        Keys.onBacktabPressed: root.focusRow(list.count - 1, true) || root.focusBeforeList()
                    }
                    RingButton {
                        id: loadMoreButton
                        objectName: "directoryLoadMoreButton"
                        visible: root.directory.hasMore && !root.directory.loading
                                 && root.directory.status === DirectoryModel.Loaded
                        text: qsTr("Load more")
                        Accessible.name: qsTr("Load more rooms")
                        onClicked: root.directory.loadMore()
                        Keys.onBacktabPressed: root.focusRow(list.count - 1, true) || root.focusBeforeList()
                    }
                }
            }

            // The join or knock started here: running, done, or why it failed.
            Pane {
                objectName: "directoryOperationBar"
                Layout.fillWidth: true
                visible: root.operation !== null
                padding: 4
                leftPadding: Theme.spacing
                rightPadding: Theme.spacing
                background: Rectangle {
                    color: root.operation !== null && root.operation.state === Operation.Failed
                           ? Theme.errorBackground : Theme.noticeBackground
                }
                Text {
                    objectName: "directoryOperationText"
                    width: parent.width
                    text: root.operation !== null ? root.operation.statusText : ""
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    font: root.font
                    color: root.operation !== null && (root.operation.state === Operation.Failed
                                                       || root.operation.state === Operation.Unknown)
                           ? Theme.errorText : Theme.text
                    // Said when it changes (started, joined, failed).
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
            }
        }

        Rectangle {
            Layout.fillHeight: true
            width: 1
            visible: root.previewOpen && !root.narrow
            color: Theme.separator
        }

        // The preview of a row's room.
        ColumnLayout {
            objectName: "directoryPreview"
            Layout.fillHeight: true
            Layout.fillWidth: root.narrow
            Layout.preferredWidth: root.narrow ? -1 : Math.min(420, Math.max(300, root.width * 0.38))
            visible: root.previewOpen && root.preview !== null
            spacing: 0

            Pane {
                Layout.fillWidth: true
                padding: 4
                leftPadding: Theme.spacing
                background: Rectangle { color: Theme.sectionBackground }
                RowLayout {
                    anchors.fill: parent
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Preview")
                        textFormat: Text.PlainText
                        font.bold: true
                        color: Theme.secondaryText
                    }
                    RingButton {
                        id: previewClose
                        objectName: "directoryPreviewClose"
                        flat: true
                        text: qsTr("Close")
                        Accessible.name: qsTr("Close the preview")
                        onClicked: root.closePreview()
                        Keys.onBacktabPressed: root.focusRow(list.currentIndex >= 0 ? list.currentIndex : list.count - 1, true)
                                               || root.focusBeforeList()
                    }
                }
            }
            RoomPreviewPane {
                id: previewPane
                Layout.fillWidth: true
                Layout.fillHeight: true
                preview: root.preview
                busy: root.operationRunning && (root.operation.target === root.preview.roomId
                                                || root.operation.target === root.preview.roomIdOrAlias)
                onJoinRequested: (target, via, name) => root.joinRequested(target, via, name)
                onKnockRequested: (target, via, reason, name) => root.knockRequested(target, via, reason, name)
            }
        }
    }

    // Ask to join: an optional reason for the room's moderators.
    BaseDialog {
        id: knockDialog

        property string roomId: ""
        property var via: []
        property string roomName: ""

        function openFor(id: string, servers: var, name: string) {
            knockDialog.roomId = id
            knockDialog.via = servers
            knockDialog.roomName = name
            knockReasonField.text = ""
            knockDialog.open()
        }
        function submit() {
            knockDialog.close()
            root.knockRequested(knockDialog.roomId, knockDialog.via, knockReasonField.text.trim(),
                                knockDialog.roomName)
        }

        objectName: "knockDialog"
        title: qsTr("Ask to join %1").arg(knockDialog.roomName)
        description: qsTr("The room's moderators see your request and may invite you.")
        preferredWidth: 480
        onOpened: knockReasonField.forceActiveFocus(Qt.OtherFocusReason)
        onClosed: root.focusRow(list.currentIndex, false)

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("The room's moderators see your request and may invite you.")
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
            }
            Label {
                text: qsTr("Reason (optional)")
                textFormat: Text.PlainText
                font.bold: true
            }
            TextField {
                id: knockReasonField
                objectName: "knockReasonField"
                Layout.fillWidth: true
                placeholderText: qsTr("Why you would like to join")
                maximumLength: 1024
                selectByMouse: true
                Accessible.name: qsTr("Reason for asking to join")
                Keys.onReturnPressed: knockDialog.submit()
                Keys.onEnterPressed: knockDialog.submit()
            }
        }

        footer: DialogFooter {
            Button {
                objectName: "knockSendButton"
                text: qsTr("Send request")
                highlighted: true
                Accessible.name: qsTr("Send the request to join")
                onClicked: knockDialog.submit()
            }
            Button {
                objectName: "knockCancelButton"
                text: qsTr("Cancel")
                Accessible.name: qsTr("Cancel")
                onClicked: knockDialog.reject()
            }
        }
    }
}
