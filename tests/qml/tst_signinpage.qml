import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The sign-in page with services that do not use the keychain (as with --no-keychain).
Item {
    id: root
    width: 1000
    height: 700

    SignInPage {
        id: page
        anchors.fill: parent
        services: TestBackend.services
    }

    TestCase {
        name: "SignInPage"
        when: windowShown

        function child(name) {
            const found = findChild(page, name)
            verify(found, "item " + name)
            return found
        }

        // Each test scripts what the server offers; none by default (GET /login: 404), so the
        // access-token form is the form.
        function init() {
            TestBackend.script("/_matrix/client/v3/login", [])
            TestBackend.script("/_matrix/client/v1/auth_metadata", [])
            child("advancedButton").checked = false
            // Forget what an earlier test found out (an empty address fails before any request).
            TestBackend.services.session.discoverLoginMethods("")
            compare(TestBackend.services.session.discoveryState, Session.DiscoveryFailed)
        }
        function cleanup() {
            if (TestBackend.services.session.state === Session.SignedIn)
                TestBackend.services.signOut()
            else
                TestBackend.services.session.cancelSignIn()
            TestBackend.script("/_matrix/client/v3/login", [])
            TestBackend.script("/_matrix/client/v1/auth_metadata", [])
            TestBackend.script("/_matrix/client/versions", [])
        }
        // Points the page at the fake server offering flows (login types) and waits until the
        // page knows them.
        function offer(flows, oauth) {
            TestBackend.script("/_matrix/client/versions", [{ status: 200, body: '{"versions":["v1.11"]}' }])
            TestBackend.script("/_matrix/client/v3/login",
                               [{ status: 200, body: JSON.stringify({ flows: flows.map(t => ({ type: t })) }) }])
            if (oauth)
                TestBackend.script("/_matrix/client/v1/auth_metadata", [{ status: 200, body: JSON.stringify({
                    issuer: "https://auth.example/", authorization_endpoint: "https://auth.example/authorize" }) }])
            const field = child("homeserverField")
            field.text = ""
            field.text = TestBackend.baseUrl()
            // Asked again even when the page asked this server before (with other scripts).
            TestBackend.services.session.discoverLoginMethods(field.text)
            compare(TestBackend.services.session.discoveryState, Session.Discovering)
            tryVerify(() => page.methodsKnown, 5000)
        }

        // Issue 14: a server with m.login.password gets the user name and password form; the
        // token form is under Advanced.
        function test_password_offered_when_the_server_has_it() {
            offer(["m.login.password", "m.login.sso"], false)
            verify(child("userField").visible)
            verify(child("passwordField").visible)
            verify(!child("tokenField").visible)
            const advanced = child("advancedButton")
            verify(advanced.visible)
            compare(child("userField").Accessible.name, "User name")
            compare(child("passwordField").Accessible.name, "Password")
            compare(child("passwordField").echoMode, TextInput.Password)
            // Advanced: the token form instead.
            mouseClick(advanced)
            verify(child("tokenField").visible)
            verify(!child("userField").visible)
            mouseClick(advanced)
            verify(child("userField").visible)
            // GET /login and auth_metadata were asked without a token.
            compare(TestBackend.requestMethods("/_matrix/client/v3/login")[0], "GET")
        }

        // Without m.login.password, single sign-on is the way in: one button (the server names
        // no provider), highlighted; the token form is under Advanced.
        function test_sso_only_server_offers_single_sign_on() {
            offer(["m.login.sso", "m.login.token"], false)
            const sso = child("ssoButton_")
            verify(sso.visible)
            verify(sso.highlighted)
            compare(sso.text, "Sign in with single sign-on")
            compare(sso.Accessible.name, "Sign in with single sign-on")
            verify(!child("userField").visible)
            verify(!child("tokenField").visible)
            verify(!child("signInButton").visible)
            compare(child("signInMethodsStatus").text, "")
            const advanced = child("advancedButton")
            verify(advanced.visible)
            mouseClick(advanced)
            verify(child("tokenField").visible)
            verify(child("signInButton").visible)
            verify(!findChild(page, "ssoButton_") || !findChild(page, "ssoButton_").visible)
        }

        // The server's identity providers are one button each, named by the server (plain text,
        // never markup); pressing one starts the sign-in in the browser, which the page says,
        // with a way to open the page again and to cancel.
        function test_identity_providers_are_buttons_that_start_the_browser_sign_in() {
            TestBackend.script("/_matrix/client/versions", [{ status: 200, body: '{"versions":["v1.11"]}' }])
            TestBackend.script("/_matrix/client/v3/login", [{ status: 200, body: JSON.stringify({ flows: [
                { type: "m.login.password" },
                { type: "m.login.sso", identity_providers: [{ id: "github", name: "GitHub" },
                                                            { id: "odd", name: "<b>Odd</b>" }] }] }) }])
            const field = child("homeserverField")
            field.text = TestBackend.baseUrl()
            TestBackend.services.session.discoverLoginMethods(field.text)
            tryVerify(() => page.methodsKnown, 5000)
            verify(child("userField").visible) // the password form stays first
            const github = child("ssoButton_github")
            compare(github.text, "Continue with GitHub")
            verify(!github.highlighted)
            const odd = child("ssoButton_odd")
            compare(odd.contentItem.textFormat, Text.PlainText)
            compare(odd.contentItem.text, "Continue with <b>Odd</b>")

            // By keyboard (the button may be below the fold of the page's scroll area).
            github.forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Space)
            const session = TestBackend.services.session
            tryVerify(() => session.waitingForBrowser, 5000)
            const url = session.browserUrl.toString()
            verify(url.indexOf(TestBackend.baseUrl() + "/_matrix/client/v3/login/sso/redirect/github?redirectUrl=http%3A%2F%2F127.0.0.1%3A") === 0, url)
            verify(child("reopenBrowserButton").visible)
            verify(child("signInBusy").visible)
            verify(child("cancelSignInButton").visible)
            child("cancelSignInButton").clicked()
            compare(session.state, Session.SignedOut)
            verify(!session.waitingForBrowser)
            verify(!child("reopenBrowserButton").visible)
        }

        // OAuth 2.0 is the way in where the server has it (its single sign-on for older clients
        // is not offered beside it); pressing the button registers Concierge with the
        // authorization server and opens its page in the browser. The token form stays under
        // Advanced.
        function test_oauth_server_offers_its_sign_in_page() {
            const base = TestBackend.baseUrl()
            TestBackend.script("/_matrix/client/v1/auth_metadata", [{ status: 200, body: JSON.stringify({
                issuer: base + "/", authorization_endpoint: base + "/oauth/authorize",
                token_endpoint: base + "/oauth/token", registration_endpoint: base + "/oauth/register",
                revocation_endpoint: base + "/oauth/revoke", response_types_supported: ["code"],
                code_challenge_methods_supported: ["S256"] }) }])
            TestBackend.script("/oauth/register", [{ status: 201, body: '{"client_id":"c1"}' }])
            offer(["m.login.sso", "m.login.token"], false)
            const oauth = child("oauthButton")
            verify(oauth.visible)
            verify(oauth.highlighted)
            verify(oauth.text.indexOf("sign-in page") >= 0, oauth.text)
            compare(oauth.contentItem.textFormat, Text.PlainText)
            verify(!findChild(page, "ssoButton_") || !findChild(page, "ssoButton_").visible)
            verify(!child("tokenField").visible)
            compare(child("signInMethodsStatus").text, "")
            verify(child("advancedButton").visible)

            oauth.forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Space)
            const session = TestBackend.services.session
            tryVerify(() => session.waitingForBrowser, 5000)
            const url = session.browserUrl.toString()
            verify(url.indexOf(base + "/oauth/authorize?response_type=code") === 0, url)
            verify(url.indexOf("client_id=c1") > 0, url)
            verify(url.indexOf("code_challenge_method=S256") > 0, url)
            compare(TestBackend.requestMethods("/oauth/register")[0], "POST")
            child("cancelSignInButton").clicked()
            compare(session.state, Session.SignedOut)
        }

        // By keyboard: user name, Tab, password, Return signs in; the password goes in the
        // request body and is cleared from the form afterwards.
        function test_password_sign_in_by_keyboard() {
            offer(["m.login.password"], false)
            TestBackend.script("/_matrix/client/v3/login",
                               [{ status: 200, body: JSON.stringify({ user_id: "@kb:example.org", access_token: "syt_new", device_id: "NEWDEV" }) }])
            const user = child("userField")
            user.text = ""
            user.forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_K)
            keyClick(Qt.Key_B)
            keyClick(Qt.Key_Tab)
            verify(child("passwordField").activeFocus)
            keyClick(Qt.Key_S)
            keyClick(Qt.Key_E)
            keyClick(Qt.Key_Return)
            tryCompare(TestBackend.services.session, "state", Session.SignedIn, 5000)
            const body = JSON.parse(TestBackend.lastRequestBody("/_matrix/client/v3/login"))
            compare(body.type, "m.login.password")
            compare(body.identifier.user, "kb")
            compare(body.password, "se")
            compare(child("passwordField").text, "")
            verify(TestBackend.services.session.createdDevice)
        }

        // A wrong password: the server's M_FORBIDDEN, word for word, as an alert.
        function test_wrong_password_is_an_alert() {
            offer(["m.login.password"], false)
            TestBackend.script("/_matrix/client/v3/login",
                               [{ status: 403, body: '{"errcode":"M_FORBIDDEN","error":"Invalid username or password"}' }])
            child("userField").text = "alice"
            child("passwordField").text = "wrong"
            mouseClick(child("signInButton"))
            const error = child("signInError")
            tryVerify(() => error.text.indexOf("Invalid username or password") >= 0, 5000)
            verify(error.text.indexOf("M_FORBIDDEN") >= 0, error.text)
            compare(error.Accessible.role, Accessible.AlertMessage)
            compare(error.textFormat, Text.PlainText)
            compare(TestBackend.services.session.state, Session.SignedOut)
            child("passwordField").text = ""
        }

        // Another account's services (the window's "Add account"): the form is made for its own
        // session, which asks the server in the field how to sign in, and shows the password form.
        function test_another_accounts_services_get_their_own_form() {
            TestBackend.script("/_matrix/client/versions", [{ status: 200, body: '{"versions":["v1.11"]}' }])
            TestBackend.script("/_matrix/client/v3/login",
                               [{ status: 200, body: JSON.stringify({ flows: [{ type: "m.login.password" }] }) }])
            const field = child("homeserverField")
            field.text = TestBackend.baseUrl()
            child("passwordField").text = "typed for the first account"
            TestBackend.accounts.addAccount()
            const added = TestBackend.accounts.current
            verify(added !== TestBackend.services)
            compare(added.session.discoveryState, Session.NotDiscovered)
            page.services = added
            tryCompare(added.session, "discoveryState", Session.Discovered, 5000)
            compare(added.session.discoveredFor, TestBackend.baseUrl())
            tryVerify(() => child("userField").visible, 5000)
            compare(child("passwordField").text, "") // nothing secret carried over
            compare(field.text, TestBackend.baseUrl()) // the server stays
            page.services = TestBackend.services
            TestBackend.accounts.cancelAdding()
        }

        // The error belongs to the server it came from: typing another server hides it, going
        // back to the first shows it again (it is still what happened there).
        function test_error_hides_when_another_server_is_typed() {
            offer(["m.login.password"], false)
            TestBackend.script("/_matrix/client/v3/login",
                               [{ status: 403, body: '{"errcode":"M_FORBIDDEN","error":"Invalid username or password"}' }])
            const field = child("homeserverField")
            const server = field.text
            child("userField").text = "alice"
            child("passwordField").text = "wrong"
            mouseClick(child("signInButton"))
            const error = child("signInError")
            tryVerify(() => error.text.indexOf("M_FORBIDDEN") >= 0, 5000)
            field.text = "other.example.org"
            compare(error.text, "")
            field.text = server
            verify(error.text.indexOf("M_FORBIDDEN") >= 0, error.text)
            child("passwordField").text = ""
        }

        // Tab reaches the password form's controls and Advanced.
        function test_tab_reaches_the_password_form() {
            offer(["m.login.password"], false)
            child("userField").text = "alice"
            child("passwordField").text = "pw"
            child("homeserverField").forceActiveFocus(Qt.TabFocusReason)
            const seen = []
            for (let i = 0; i < 12; ++i) {
                keyClick(Qt.Key_Tab)
                seen.push(page.Window.activeFocusItem.objectName)
            }
            for (const name of ["userField", "passwordField", "advancedButton", "signInButton"])
                verify(seen.indexOf(name) >= 0, name + " is reached: " + seen)
            child("passwordField").text = ""
        }

        // Defect 8: without a keychain "Remember me (system keychain)" is off, cannot be
        // ticked, and the page says why.
        function test_no_keychain_disables_remember_me() {
            compare(TestBackend.services.credentials.keychainAvailable, false)
            const remember = child("rememberCheck")
            verify(remember.visible)
            compare(remember.checked, false)
            compare(remember.enabled, false)
            mouseClick(remember)
            compare(remember.checked, false)
            keyClick(Qt.Key_Space)
            compare(remember.checked, false)

            const notice = child("keychainNotice")
            verify(notice.visible)
            verify(notice.text.indexOf("No system keychain") >= 0, notice.text)
            verify(notice.text.indexOf("--no-keychain") >= 0, notice.text)
            compare(remember.Accessible.description, notice.text)
            // The box says where the session would go.
            verify(remember.text.indexOf("system keychain") >= 0, remember.text)
            TestBackend.services.credentials.useFileStore = true
            verify(remember.text.indexOf("a file only you can read") >= 0, remember.text)
            TestBackend.services.credentials.useFileStore = false
        }

        // Defect 10: a server that never answers cannot hold the page: Cancel ends the sign-in,
        // nothing more is sent, and every control is usable again.
        function test_a_silent_server_can_be_cancelled() {
            TestBackend.script("/_matrix/client/versions", [{stall: true}])
            const homeserver = child("homeserverField")
            const token = child("tokenField")
            homeserver.text = TestBackend.baseUrl()
            token.text = "syt_token"
            mouseClick(child("signInButton"))
            const cancel = child("cancelSignInButton")
            tryVerify(() => page.busy && cancel.visible, 5000)
            verify(!homeserver.enabled)
            tryVerify(() => TestBackend.requestCount("/_matrix/client/versions") === 1, 5000)
            mouseClick(cancel)
            compare(TestBackend.services.session.state, Session.SignedOut)
            verify(TestBackend.services.session.error.isError)
            verify(!page.busy)
            verify(!cancel.visible)
            verify(homeserver.enabled)
            verify(child("signInButton").enabled)
            verify(child("signInError").text.indexOf("cancelled") >= 0, child("signInError").text)
            wait(300) // nothing else goes out afterwards (no whoami with the token)
            compare(TestBackend.requestCount("/_matrix/client/v3/account/whoami"), 0)
            token.text = ""
        }

        // The one way to be remembered without a keychain stays available, and is opt-in.
        function test_file_store_is_offered_instead() {
            const file = child("fileStoreCheck")
            verify(file.visible)
            verify(file.enabled)
            compare(file.checked, TestBackend.services.credentials.useFileStore)
        }
    

        // Issue 16, item 3: a rejected token is an alert (announced), not only a drawn label.
        function test_rejected_token_is_an_alert() {
            TestBackend.script("/_matrix/client/versions", [{ status: 200, body: '{"versions":["v1.11"]}' }])
            TestBackend.script("/_matrix/client/v3/account/whoami",
                               [{ status: 401, body: '{"errcode":"M_UNKNOWN_TOKEN","error":"Invalid token"}' }])
            child("homeserverField").text = TestBackend.baseUrl()
            child("tokenField").text = "syt_bad"
            mouseClick(child("signInButton"))
            const error = child("signInError")
            tryVerify(() => error.visible && error.text !== "", 5000)
            compare(TestBackend.services.session.state, Session.SignedOut)
            compare(error.Accessible.role, Accessible.AlertMessage)
            compare(error.Accessible.name, error.text)
            compare(error.textFormat, Text.PlainText)
            child("tokenField").text = ""
            TestBackend.script("/_matrix/client/versions", [])
            TestBackend.script("/_matrix/client/v3/account/whoami", [])
        }

        // Issue 16, item 2: Tab (the natural focus chain) reaches every visible, enabled control
        // of the page once per round, the "remember me in a file" box included.
        function test_tab_reaches_every_control() {
            child("homeserverField").text = "example.org"
            child("tokenField").text = "syt_token" // Sign in is enabled
            const stops = []
            const collect = item => {
                if (!item.visible || !item.enabled)
                    return
                if (item.activeFocusOnTab)
                    stops.push(item)
                for (let i = 0; i < item.children.length; ++i)
                    collect(item.children[i])
            }
            collect(page)
            const names = stops.map(item => item.objectName)
            for (const name of ["homeserverField", "tokenField", "pasteTokenButton", "showTokenButton",
                                "fileStoreCheck", "signInButton"])
                verify(names.indexOf(name) >= 0, name + " is a tab stop")
            child("homeserverField").forceActiveFocus(Qt.TabFocusReason)
            const seen = []
            for (let i = 0; i < stops.length; ++i) {
                keyClick(Qt.Key_Tab)
                const item = page.Window.activeFocusItem
                verify(stops.indexOf(item) >= 0, "Tab lands on a control: " + (item ? item.objectName : "none"))
                verify(seen.indexOf(item) < 0, item.objectName + " reached twice in one round")
                seen.push(item)
            }
            compare(page.Window.activeFocusItem, child("homeserverField"))
            child("tokenField").text = ""
        }

        // Issue 16, item 8: the token field and the spinner have names (and the spinner a role).
        function test_token_field_and_spinner_are_named() {
            const token = child("tokenField")
            compare(token.Accessible.name, "Access token")
            const busy = child("signInBusy")
            compare(busy.Accessible.role, Accessible.ProgressBar)
            verify(busy.Accessible.name !== "")
        }

        // Qt 6.4 reads a field flagged passwordEdit with no name at all (QQuickAccessibleAttached::
        // name() returns "" then), and the Password echo mode sets the flag when accessibility is
        // on: the field takes the flag off again after each echo-mode change, and keeps its name.
        function test_token_field_keeps_its_name_in_password_mode() {
            const token = child("tokenField")
            compare(token.echoMode, TextInput.Password)
            token.Accessible.passwordEdit = true // what Qt does when a screen reader is on
            compare(token.Accessible.name, "")   // …and what it costs
            const show = child("showTokenButton")
            // Pressed as a screen reader presses it (the AT-SPI Press action), twice: shown, hidden.
            show.Accessible.pressAction()
            compare(token.echoMode, TextInput.Normal)
            compare(show.Accessible.name, "Hide access token")
            token.Accessible.passwordEdit = true
            show.Accessible.pressAction()
            compare(token.echoMode, TextInput.Password)
            tryCompare(token.Accessible, "passwordEdit", false)
            compare(token.Accessible.name, "Access token")
        }

        // Qt 6.4's AT-SPI Press action does nothing on a Button unless the button handles it.
        function test_press_action_presses_the_buttons() {
            const token = child("tokenField")
            token.text = "" // Sign in then does nothing
            let clicks = 0
            const count = () => { ++clicks }
            for (const name of ["pasteTokenButton", "signInButton", "cancelSignInButton"]) {
                const button = child(name)
                button.clicked.connect(count)
                const before = clicks
                button.Accessible.pressAction()
                compare(clicks, before + 1, name + " is pressed by its Press action")
                button.clicked.disconnect(count)
            }
        }
    }
}
