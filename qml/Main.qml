import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// The window: the sign-in page until the session is signed in, then the room list. main.cpp
// passes the services and the command line's link/homeserver as initial properties, and with
// several accounts the AccountManager: services is then the account shown (main.cpp sets it
// again when another is chosen), and the accounts overview can be opened.
ApplicationWindow {
    id: window

    required property AppServices services
    property AccountManager accounts: null
    readonly property int accountCount: accounts !== null ? accounts.count : 1
    // A matrix: URI or matrix.to link from the command line: prefills the join dialog once signed in.
    property string initialLink: ""
    property string initialHomeserver: ""

    readonly property bool signedIn: services.session.state === Session.SignedIn
    // A remembered session being read back or verified shows its saved rooms at once, not the
    // sign-in page.
    readonly property bool showRooms: signedIn
                                      || ((services.session.state !== Session.SignedOut || services.restoring)
                                          && services.roomModel.count > 0)
    // main.cpp asks the remembered sessions back once the window is built (set false then).
    property bool restorePending: false
    // The sign-in page is built when it is first shown: a relaunch with a remembered session
    // and saved rooms never builds it (issue 10: a launch builds only what it shows). Without
    // saved rooms it shows while the session is read back (the keychain may wait up to 8 s).
    readonly property bool signInShown: !showRooms && !restorePending

    function openPendingLink() {
        if (!signedIn || initialLink === "")
            return
        const link = initialLink
        initialLink = ""
        roomListPage.openJoin(link, true)
    }

    // Qt.application is a QQuickApplication, whose displayName qmllint (6.4) does not know.
    readonly property var application: Qt.application

    // The window's title: the account, or the application's name when signed out. The platform
    // (xcb, Wayland, Windows) appends " — <application display name>" itself unless the title
    // already ends with it, so the app's name is not part of the title: it would be said twice
    // ("Concierge — @alice:example.org — Concierge").
    function titleFor(userId: string, displayName: string): string {
        if (userId !== "")
            return userId
        return displayName !== "" ? displayName : qsTr("Concierge")
    }

    objectName: "mainWindow"
    width: 1000
    height: 720
    minimumWidth: 640
    minimumHeight: 480
    visible: true
    title: titleFor(signedIn ? services.session.userId : "", application.displayName)

    // The room directory (issue 13), shown over the room list.
    property bool showDirectory: false
    function openDirectory() {
        const page = window.loadPage(directoryLoader, "DirectoryPage.qml") as DirectoryPage
        showDirectory = true
        page.activate()
    }
    // The page shows how its join or knock went.
    function directoryOperation(operation: Operation) {
        (directoryLoader.item as DirectoryPage).operation = operation
    }
    function closeDirectory() {
        showDirectory = false
        roomListPage.forceActiveFocus()
    }

    // The members of one room (issue 12), shown over the room list.
    property bool showMembers: false
    function openMembers(roomId: string, name: string) {
        showDirectory = false
        const page = window.loadPage(membersLoader, "MembersPage.qml") as MembersPage
        services.members.roomId = roomId
        page.roomName = name
        showMembers = true
        page.activate()
    }
    // Back to the room list: the focus on the list, whose current row is still that room's.
    function closeMembers() {
        showMembers = false
        roomListPage.forceActiveFocus()
    }

    // Invite triage (issue 12): the pending invites by sender, ignored users, block invites.
    property bool showTriage: false
    function openTriage() {
        showDirectory = false
        showMembers = false
        const page = window.loadPage(triageLoader, "InviteTriagePage.qml") as InviteTriagePage
        showTriage = true
        page.activate()
    }
    function closeTriage() {
        showTriage = false
        roomListPage.forceActiveFocus()
    }

    // The accounts overview (issue 14), over the room list or the sign-in page.
    property bool showAccounts: false
    function openAccounts() {
        if (accounts === null)
            return
        const page = window.loadPage(accountsLoader, "AccountsPage.qml") as AccountsPage
        showAccounts = true
        page.activate()
    }
    function closeAccounts() {
        showAccounts = false
        accounts?.clearNotice()
        if (showRooms)
            roomListPage.forceActiveFocus()
        else
            window.focusSignIn()
    }
    function addAccount() {
        showAccounts = false
        accounts?.addAccount()
        window.focusSignIn()
    }
    // The account shown is the one the accounts overview chose.
    Connections {
        target: window.accounts
        function onCurrentChanged() {
            if (window.accounts.current !== null)
                window.services = window.accounts.current
        }
        // "Already open here": said on the overview, which opens to say it.
        function onNoticeChanged() {
            if (window.accounts.notice !== "")
                window.openAccounts()
        }
    }
    // Another account is shown: the pages built for the one before are built again for it.
    onServicesChanged: {
        showDirectory = false
        showMembers = false
        showTriage = false
        directoryLoader.source = ""
        membersLoader.source = ""
        triageLoader.source = ""
        // Once showRooms follows the new services (bindings are re-evaluated after this handler).
        switchFocusTimer.start()
    }
    Timer {
        id: switchFocusTimer
        interval: 0
        onTriggered: {
            if (window.showAccounts)
                return
            if (window.showRooms)
                roomListPage.forceActiveFocus()
            else
                window.focusSignIn()
        }
    }

    // The directory, members and triage pages are built the first time they are opened (issue
    // 10: a launch builds only what it shows). Synchronous: the page exists when this returns.
    function loadPage(loader: Loader, source: string): Item {
        if (loader.status === Loader.Null)
            loader.setSource(source, loader === accountsLoader ? { accounts: window.accounts }
                                                               : { services: window.services })
        return loader.item as Item
    }

    onShowRoomsChanged: {
        if (!showRooms) {
            showDirectory = false
            showMembers = false
            showTriage = false
        }
        if (showAccounts)
            return // the overview keeps the focus; the page under it follows
        if (showRooms)
            roomListPage.forceActiveFocus()
        else
            window.focusSignIn()
    }
    onSignedInChanged: {
        if (signedIn)
            linkTimer.start()
    }
    Component.onCompleted: {
        if (signInShown)
            buildSignIn()
        openPendingLink()
    }
    onSignInShownChanged: {
        if (signInShown)
            buildSignIn()
    }
    // Built once, then kept (it holds what was typed). Its form takes the focus when completed.
    function buildSignIn() {
        if (signInLoader.status === Loader.Null)
            signInLoader.setSource("SignInPage.qml", { services: window.services,
                                                       initialHomeserver: window.initialHomeserver,
                                                       otherAccounts: window.accountCount > 1 })
    }
    // The sign-in page's form takes the focus (when built, it focused itself).
    function focusSignIn() {
        const page = signInLoader.item as SignInPage
        if (page)
            page.focusFirstEmpty()
    }

    // Opens the link's join dialog once the room list page is shown.
    Timer {
        id: linkTimer
        interval: 0
        onTriggered: window.openPendingLink()
    }

    StackLayout {
        anchors.fill: parent
        currentIndex: window.showAccounts ? 5 : !window.showRooms ? 0 : window.showDirectory ? 2
                      : window.showMembers ? 3 : window.showTriage ? 4 : 1

        Loader {
            id: signInLoader
            onLoaded: {
                const page = item as SignInPage
                page.services = Qt.binding(() => window.services)
                page.otherAccounts = Qt.binding(() => window.accountCount > 1)
                // With other accounts open, the sign-in page can go back to them.
                page.otherAccountsRequested.connect(() => {
                    if (window.accounts?.adding)
                        window.accounts.cancelAdding()
                    else
                        window.openAccounts()
                })
            }
        }
        RoomListPage {
            id: roomListPage
            services: window.services
            // A Page is read as a "page tab": without a name, as nothing.
            Accessible.name: qsTr("Your rooms")
            onDirectoryRequested: window.openDirectory()
            onMembersRequested: (roomId, name) => window.openMembers(roomId, name)
            onTriageRequested: window.openTriage()
            accountCount: window.accountCount
            accountsAvailable: window.accounts !== null
            onAccountsRequested: window.openAccounts()
        }
        Loader {
            id: directoryLoader
            onLoaded: {
                const page = item as DirectoryPage
                page.closed.connect(window.closeDirectory)
                page.joinRequested.connect((target, via, name) => window.directoryOperation(
                                               window.services.membership.join(target, via, "", name)))
                page.knockRequested.connect((target, via, reason, name) => window.directoryOperation(
                                                window.services.membership.knock(target, via, reason, name)))
            }
        }
        Loader {
            id: membersLoader
            onLoaded: (item as MembersPage).closed.connect(window.closeMembers)
        }
        Loader {
            id: triageLoader
            onLoaded: (item as InviteTriagePage).closed.connect(window.closeTriage)
        }
        Loader {
            id: accountsLoader
            onLoaded: {
                const page = item as AccountsPage
                page.closed.connect(window.closeAccounts)
                page.addRequested.connect(window.addAccount)
                page.switchRequested.connect(row => {
                    window.accounts.switchTo(row)
                    window.closeAccounts()
                })
                page.signOutRequested.connect((row, invalidateOnServer) =>
                                                  window.accounts.removeAccount(row, invalidateOnServer))
            }
        }
    }

    Shortcut {
        sequence: "Ctrl+D"
        enabled: window.showRooms && !window.showDirectory && !window.showMembers && !window.showTriage
        onActivated: window.openDirectory()
    }
    Shortcut {
        sequence: "Ctrl+Shift+A"
        enabled: window.accounts !== null && !window.showAccounts
        onActivated: window.openAccounts()
    }
    Shortcut {
        sequence: "Ctrl+T"
        enabled: window.showRooms && !window.showDirectory && !window.showMembers && !window.showTriage
        onActivated: window.openTriage()
    }
}
