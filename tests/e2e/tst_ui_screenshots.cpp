// The screenshot step: the real app against the seeded demo account on the `synapse` fixture
// (tests/synapse/harness.py seed: alice with invites, joined and left rooms, an HTML-named room),
// rendered offscreen, every screen saved as a PNG under CONCIERGE_SCREENSHOT_DIR (the directory,
// a preview and a request to join among them). The good ones are copied to docs/screenshots/ by
// hand after looking at them. Also checks, on the real items, what the pictures must show
// (plain-text room names, counts, errors with errcodes, a kicked room's history, a knock the
// server has).
#include "fakehomeserver.h"
#include "synapsefixture.h"
#include "uidriver.h"

#include "accountmanager.h"

#include "models/directorymodel.h"
#include "platform/colorscheme.h"
#include "session/session.h"
#include "sync/roomstore.h"
#include "sync/syncengine.h"

#include <QDBusConnection>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QPalette>
#include <QProcess>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Concierge_CorePlugin)
Q_IMPORT_QML_PLUGIN(Concierge_UiPlugin)

using UiDriver::App;

class TestUiScreenshots : public QObject
{
    Q_OBJECT

private:
    SynapseFixture m_server;
    QJsonObject m_seed;
    App m_app;
    QString m_dir = QStringLiteral(CONCIERGE_SCREENSHOT_DIR);
    QTemporaryDir m_storeDir; // the account store, as the GUI keeps it (history included)
    QString m_kickedRoom;     // bob kicked alice from it, with a reason
    ColorScheme m_scheme;     // as the app's: constructed before anything sets a palette

    SynapseFixture::User seedUser(const char *localpart) const
    {
        const QJsonObject user = m_seed.value(QLatin1String("users")).toObject().value(QLatin1String(localpart)).toObject();
        return {user.value(QLatin1String("user_id")).toString(), user.value(QLatin1String("access_token")).toString(),
                QString::fromLatin1(localpart)};
    }
    // As UiDriver::App::start, with the services the GUI builds: the account's rooms and
    // history kept on disk (here in a folder of the test's own).
    bool startWithStore()
    {
        AppServices::Options options;
        options.useKeychain = false;
        options.keepRoomsOnDisk = true;
        options.keepJobs = true;
        options.storeDirectory = m_storeDir.path();
        m_app.services = std::make_unique<AppServices>(options);
        m_app.engine = std::make_unique<QQmlApplicationEngine>();
        m_app.engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        m_app.engine->addImageProvider(QStringLiteral("mxc"), new MxcImageProvider(m_app.services->thumbnails()));
        m_app.engine->setInitialProperties({{QStringLiteral("services"), QVariant::fromValue(m_app.services.get())}});
        m_app.engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Concierge/Ui/Main.qml")));
        if (m_app.engine->rootObjects().isEmpty())
            return false;
        m_app.window = qobject_cast<QQuickWindow *>(m_app.engine->rootObjects().constFirst());
        if (!m_app.window)
            return false;
        m_app.window->resize(1000, 720);
        m_app.window->show();
        return QTest::qWaitForWindowExposed(m_app.window);
    }
    // The texts the open history dialog lists, top to bottom.
    QStringList historyTexts() const
    {
        QStringList texts;
        for (int i = 0;; ++i) {
            QQuickItem *entry = m_app.item(QStringLiteral("historyEntry%1").arg(i));
            QQuickItem *text = UiDriver::findItem(entry, QStringLiteral("historyText"));
            if (!text)
                return texts;
            texts << text->property("text").toString();
        }
    }

    QString room(const char *label) const
    {
        return m_seed.value(QLatin1String("rooms")).toObject().value(QLatin1String(label)).toString();
    }
    // The room's row current in the list, then Menu: the row's menu, as from the keyboard.
    void openRowMenu(const QString &roomId)
    {
        QQuickItem *list = m_app.item(QStringLiteral("roomList"));
        QVERIFY(list);
        list->setProperty("currentIndex", rowOf(roomId));
        list->forceActiveFocus();
        QTRY_VERIFY(list->hasActiveFocus());
        m_app.key(Qt::Key_Menu);
    }
    void shoot(const QString &name)
    {
        // Let bindings, layouts and async images settle, then render.
        QTest::qWait(300);
        QVERIFY2(UiDriver::savePng(m_app.grab(), m_dir, name), qPrintable(name));
    }
    void closePopup()
    {
        m_app.key(Qt::Key_Escape);
        QTest::qWait(200);
    }

    // The room's row in the list model (the selection works on rows).
    int rowOf(const QString &roomId) const
    {
        QAbstractItemModel *model = m_app.services->rooms();
        const int roomIdRole = model->roleNames().key("roomId");
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0).data(roomIdRole).toString() == roomId)
                return r;
        return -1;
    }
    QString focusName() const
    {
        QQuickItem *focus = m_app.window->activeFocusItem();
        return focus ? focus->objectName() : QString();
    }
    // No tooltip from where the last click left the mouse: over the status bar's empty middle.
    void parkMouse() const
    {
        QTest::mouseMove(m_app.window, QPoint(m_app.window->width() / 2, m_app.window->height() - 8));
    }

private slots:
    void initTestCase()
    {
        UiDriver::installMessageHandler();
        // As the app does: English plural forms ("4 rooms", not "4 room(s)") in the pictures.
        AppServices::installTranslations(QCoreApplication::instance());
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));

        // The demo data (idempotent: a seeded instance returns the same file).
        QVERIFY(QDir().mkpath(m_dir));
        // Beside the screenshots, not among them: it holds access tokens.
        const QString seedFile = QDir(m_dir).absoluteFilePath(QStringLiteral("../seed.json"));
        // The instance is the one whose server.json the fixture named: <root>/instances/<name>/.
        QDir instance = QFileInfo(qEnvironmentVariable("CONCIERGE_SYNAPSE_SERVER_JSON")).absoluteDir();
        const QString name = instance.dirName();
        instance.cd(QStringLiteral("../.."));
        QProcess seed;
        seed.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        seed.start(QStringLiteral("python3"),
                   {QStringLiteral(CONCIERGE_HARNESS), QStringLiteral("--root"), instance.absolutePath(),
                    QStringLiteral("seed"), QStringLiteral("--name"), name, QStringLiteral("--out"), seedFile});
        QVERIFY(seed.waitForFinished(180000));
        QCOMPARE(seed.exitCode(), 0);
        QFile file(seedFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_seed = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(!m_seed.value(QLatin1String("access_token")).toString().isEmpty());

        QVERIFY(m_storeDir.isValid());
        QVERIFY(startWithStore());
    }

    void cleanupTestCase()
    {
        m_app.stop();
        QMutexLocker lock(&UiDriver::warningsMutex());
        QVERIFY2(UiDriver::qmlWarnings().isEmpty(), qPrintable(UiDriver::qmlWarnings().join(QLatin1Char('\n'))));
    }

    void signInPage()
    {
        QString startError;
        QQuickItem *homeserver = m_app.waitFor(QStringLiteral("homeserverField"));
        QVERIFY(homeserver);
        shoot(QStringLiteral("signin"));

        QVERIFY(m_app.typeInto(homeserver, m_seed.value(QLatin1String("base_url")).toString()));
        // Synapse offers a password (issue 14): user name and password, the token under Advanced.
        QQuickItem *page = m_app.item(QStringLiteral("signInPage"));
        QTRY_VERIFY_WITH_TIMEOUT(page->property("methodsSettled").toBool(), 15000);
        QVERIFY(m_app.typeInto(m_app.waitFor(QStringLiteral("userField")), QStringLiteral("alice")));
        parkMouse();
        shoot(QStringLiteral("signin-password"));
        // A wrong password: the server's words.
        QVERIFY(m_app.typeInto(m_app.waitFor(QStringLiteral("passwordField")), QStringLiteral("not her password")));
        m_app.key(Qt::Key_Return);
        QQuickItem *passwordError = m_app.waitFor(QStringLiteral("signInError"));
        QVERIFY(passwordError);
        QTRY_VERIFY(passwordError->property("text").toString().contains(QLatin1String("M_FORBIDDEN")));
        parkMouse();
        shoot(QStringLiteral("signin-password-error"));

        QVERIFY(m_app.typeInto(m_app.tokenField(), QStringLiteral("syt_expired_token")));
        m_app.key(Qt::Key_Return);
        QQuickItem *error = m_app.waitFor(QStringLiteral("signInError"));
        QVERIFY(error);
        QTRY_VERIFY(error->property("text").toString().contains(QLatin1String("M_UNKNOWN_TOKEN")));
        shoot(QStringLiteral("signin-error"));
        m_app.window->resize(800, 600);
        shoot(QStringLiteral("signin-error-800x600"));
        m_app.window->resize(1000, 720);

        // Single sign-on (issue 14): a Synapse of its own that offers CAS beside the password.
        SynapseFixture sso;
        QVERIFY2(sso.startDedicated(QStringLiteral("screenshots-sso"), false, &startError,
                                    {QStringLiteral("--cas-url"),
                                     QStringLiteral("http://127.0.0.1:9/cas")}),
                 qPrintable(startError));
        QVERIFY(m_app.typeInto(homeserver, sso.baseUrl().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(page->property("methodsKnown").toBool() && page->property("ssoOffered").toBool(), 15000);
        // Back from the token form (kept open by the token typed above).
        QQuickItem *advanced = m_app.item(QStringLiteral("advancedButton"));
        QVERIFY(advanced);
        advanced->setProperty("checked", false);
        QTRY_VERIFY_WITH_TIMEOUT(m_app.item(QStringLiteral("ssoButton_cas")) &&
                                     m_app.item(QStringLiteral("ssoButton_cas"))->isVisible(),
                                 15000);
        QVERIFY(m_app.typeInto(m_app.waitFor(QStringLiteral("userField")), QString()));
        parkMouse();
        shoot(QStringLiteral("signin-sso"));
        // Pressed: the page waits for the browser (nothing opens one in this test).
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("ssoButton_cas")), "clicked");
        QTRY_VERIFY_WITH_TIMEOUT(m_app.item(QStringLiteral("reopenBrowserButton"))->isVisible(),
                                 15000);
        parkMouse();
        shoot(QStringLiteral("signin-sso-waiting"));
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("cancelSignInButton")), "clicked");
        SynapseFixture::stopDedicated(QStringLiteral("screenshots-sso"));

        // OAuth 2.0 (issue 14): no Synapse here serves it (it delegates to MAS), so a fake one
        // that publishes authorization-server metadata and SSO for older clients.
        FakeHomeserver oauth;
        const QByteArray base = oauth.baseUrl().toEncoded();
        oauth.script("/_matrix/client/versions", {{200, R"({"versions":["v1.15"]})"}});
        oauth.script("/_matrix/client/v3/login",
                     {{200, R"({"flows":[{"type":"m.login.sso","oauth_aware_preferred":true}]})"}});
        oauth.script("/_matrix/client/v1/auth_metadata",
                     {{200, "{\"issuer\":\"" + base + "/\",\"authorization_endpoint\":\"" + base +
                                "/authorize\",\"token_endpoint\":\"" + base +
                                "/token\",\"registration_endpoint\":\"" + base +
                                "/register\",\"revocation_endpoint\":\"" + base +
                                "/revoke\",\"response_types_supported\":[\"code\"],"
                                "\"code_challenge_methods_supported\":[\"S256\"]}"}});
        QVERIFY(m_app.typeInto(homeserver, oauth.baseUrl().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(page->property("methodsKnown").toBool() &&
                                     page->property("oauthOffered").toBool(),
                                 15000);
        advanced->setProperty("checked", false);
        QTRY_VERIFY_WITH_TIMEOUT(m_app.item(QStringLiteral("oauthButton")) &&
                                     m_app.item(QStringLiteral("oauthButton"))->isVisible(),
                                 15000);
        parkMouse();
        shoot(QStringLiteral("signin-oauth"));
        QVERIFY(m_app.typeInto(homeserver, m_seed.value(QLatin1String("base_url")).toString()));
    }

    void roomList()
    {
        QVERIFY(m_app.typeInto(m_app.tokenField(),
                               m_seed.value(QLatin1String("access_token")).toString()));
        m_app.key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.services->session()->state(), Session::SignedIn, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.services->sync()->state(), SyncEngine::Synced, 20000);
        QVERIFY(m_app.roomRow(room("general")));
        QVERIFY(m_app.item(QStringLiteral("section:Invites")));
        QVERIFY(m_app.item(QStringLiteral("section:Joined")));

        // The HTML-named room shows its name literally.
        QQuickItem *html = m_app.roomRow(room("html"));
        QVERIFY(html);
        QQuickItem *name = UiDriver::findItem(html, QStringLiteral("roomName"));
        QVERIFY(name);
        QCOMPARE(name->property("text").toString(), QStringLiteral("<b>bold</b><img src=x> markup test"));
        QCOMPARE(name->property("textFormat").toInt(), int(Qt::PlainText));

        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")), "positionViewAtBeginning");
        QTest::qWait(1500); // avatars (authenticated media) arrive
        shoot(QStringLiteral("rooms"));
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")), "positionViewAtEnd");
        shoot(QStringLiteral("rooms-end"));

        m_app.window->resize(800, 600);
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")), "positionViewAtBeginning");
        shoot(QStringLiteral("rooms-800x600"));
        m_app.window->resize(1920, 1080);
        shoot(QStringLiteral("rooms-1920x1080"));
        m_app.window->resize(1000, 720);
    }

    void rowError()
    {
        // Forgetting a joined room is refused by the server: the row shows the server's message.
        const QString general = room("general");
        QPointer<Operation> forget = m_app.services->membership()->forget(general);
        QVERIFY(forget);
        QTRY_COMPARE_WITH_TIMEOUT(forget->state(), Operation::Failed, 10000);
        QCOMPARE(m_app.services->membership()->statusState(), Operation::Failed);
        QQuickItem *row = m_app.roomRow(general);
        QVERIFY(row);
        QQuickItem *error = UiDriver::findItem(row, QStringLiteral("roomError"));
        QTRY_VERIFY(error && UiDriver::isShown(error));
        QVERIFY2(error->property("text").toString().contains(QLatin1String("HTTP 400")),
                 qPrintable(error->property("text").toString()));
        shoot(QStringLiteral("rooms-row-error"));
        // Read: dismissed from the row, so the pictures that follow do not carry it.
        QQuickItem *dismiss = UiDriver::findItem(row, QStringLiteral("roomErrorDismiss"));
        QVERIFY(dismiss && UiDriver::isShown(dismiss));
        QVERIFY(m_app.click(dismiss));
        // (The error's row is destroyed with the error.)
        QTRY_VERIFY(!UiDriver::findItem(m_app.roomRow(general), QStringLiteral("roomError")));
        QVERIFY(!m_app.services->membership()->operationFor(general));
    }

    void filter()
    {
        m_app.key(Qt::Key_F, Qt::ControlModifier);
        QQuickItem *field = m_app.item(QStringLiteral("filterField"));
        QTRY_VERIFY(field->hasActiveFocus());
        m_app.typeText(QStringLiteral("nothing-like-this"));
        QQuickItem *empty = m_app.waitFor(QStringLiteral("emptyStateText"));
        QVERIFY(empty);
        QVERIFY(empty->property("text").toString().contains(QLatin1String("nothing-like-this")));
        shoot(QStringLiteral("rooms-no-match"));
        m_app.key(Qt::Key_Escape);
        QTRY_COMPARE(m_app.services->rooms()->filterText(), QString());
    }

    void joinDialog()
    {
        m_app.key(Qt::Key_J, Qt::ControlModifier);
        QQuickItem *address = m_app.waitFor(QStringLiteral("joinAddressField"));
        QVERIFY(address);
        QVERIFY(m_app.typeInto(address, QStringLiteral("https://matrix.to/#/#lobby:localhost?via=localhost")));
        QTRY_COMPARE(m_app.item(QStringLiteral("joinViaField"))->property("text").toString(),
                     QStringLiteral("localhost"));
        shoot(QStringLiteral("join-dialog-link"));

        QVERIFY(m_app.typeInto(address, QStringLiteral("#lobby")));
        QTRY_VERIFY(!m_app.item(QStringLiteral("joinConfirmButton"))->isEnabled());
        shoot(QStringLiteral("join-dialog-invalid"));

        QVERIFY(m_app.typeInto(address, QStringLiteral("#no-such-room:localhost")));
        m_app.key(Qt::Key_Return);
        QQuickItem *serverError = m_app.waitFor(QStringLiteral("joinServerError"), 20000);
        QVERIFY(serverError);
        QVERIFY2(serverError->property("text").toString().contains(QLatin1String("M_NOT_FOUND")),
                 qPrintable(serverError->property("text").toString()));
        shoot(QStringLiteral("join-dialog-server-error"));
        closePopup();
    }

    void inviteDialog()
    {
        QQuickItem *invite = m_app.rowButton(room("general"), QStringLiteral("inviteButton"));
        QVERIFY(m_app.click(invite));
        QQuickItem *search = m_app.waitFor(QStringLiteral("inviteSearchField"));
        QVERIFY(search);
        // "d" finds two seeded users (Dave Lister, Carol Danvers) whatever else runs on the
        // shared server: the directory matches word prefixes.
        QVERIFY(m_app.typeInto(search, QStringLiteral("d")));
        QTRY_VERIFY_WITH_TIMEOUT(m_app.services->userDirectory()->rowCount() >= 2, 15000);
        QTest::qWait(800); // avatars
        shoot(QStringLiteral("invite-dialog"));
        m_app.window->resize(800, 600);
        shoot(QStringLiteral("invite-dialog-800x600"));
        m_app.window->resize(1000, 720);
        closePopup();
    }

    void leaveDialog()
    {
        QVERIFY(m_app.click(m_app.rowButton(room("html"), QStringLiteral("leaveButton"))));
        QQuickItem *reason = m_app.waitFor(QStringLiteral("leaveReasonField"));
        QVERIFY(reason);
        QVERIFY(m_app.typeInto(reason, QStringLiteral("Cleaning up my room list")));
        QQuickItem *title = m_app.item(QStringLiteral("leaveDialogTitle"));
        QCOMPARE(title->property("textFormat").toInt(), int(Qt::PlainText));
        shoot(QStringLiteral("leave-dialog"));
        closePopup();
    }

    void forgetDialog()
    {
        QVERIFY(m_app.click(m_app.rowButton(room("old-project"), QStringLiteral("forgetButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("forgetConfirmButton")));
        shoot(QStringLiteral("forget-dialog"));
        closePopup();
    }

    // A room alice joined and bob kicked her from, with a reason, while the app runs: the row
    // says why it is left, and the History dialog tells the story with dates.
    void historyDialog()
    {
        const SynapseFixture::User bob = seedUser("bob");
        const SynapseFixture::User alice = seedUser("alice");
        QVERIFY(!bob.accessToken.isEmpty() && !alice.accessToken.isEmpty());
        m_kickedRoom = m_server.createRoom(bob, {{QStringLiteral("name"), QStringLiteral("Crypto giveaways")},
                                                 {QStringLiteral("topic"), QStringLiteral("Moderated: no spam, no links")},
                                                 {QStringLiteral("preset"), QStringLiteral("public_chat")}});
        QVERIFY(!m_kickedRoom.isEmpty());
        QVERIFY(m_server.join(alice, m_kickedRoom));
        QVERIFY(m_app.rowButton(m_kickedRoom, QStringLiteral("leaveButton")));
        const QString reason = QStringLiteral("Spamming links in every channel");
        QCOMPARE(m_server.request("POST", "/_matrix/client/v3/rooms/" + SynapseFixture::seg(m_kickedRoom) + "/kick",
                                  bob.accessToken, {{QStringLiteral("user_id"), alice.userId},
                                                    {QStringLiteral("reason"), reason}})
                     .status,
                 200);
        const QString kicked = QStringLiteral("Kicked by %1: %2").arg(bob.userId, reason);
        QVERIFY(m_app.rowButton(m_kickedRoom, QStringLiteral("rejoinButton")));
        QQuickItem *row = m_app.roomRow(m_kickedRoom);
        QQuickItem *summary = UiDriver::findItem(row, QStringLiteral("roomHistorySummary"));
        QVERIFY(summary);
        QTRY_COMPARE_WITH_TIMEOUT(summary->property("text").toString(), kicked, 10000);
        QVERIFY(UiDriver::isShown(summary));
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")), "positionViewAtEnd");
        shoot(QStringLiteral("rooms-left-history"));

        QVERIFY(m_app.click(m_app.rowButton(m_kickedRoom, QStringLiteral("historyButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("historyList")));
        QTRY_COMPARE(historyTexts(), (QStringList{QStringLiteral("You joined"), kicked}));
        QCOMPARE(m_app.item(QStringLiteral("historyDialogTitle"))->property("text").toString(),
                 QStringLiteral("History of Crypto giveaways"));
        shoot(QStringLiteral("history-dialog"));
        closePopup();
        QTRY_VERIFY(!m_app.item(QStringLiteral("historyList")) ||
                    !UiDriver::isShown(m_app.item(QStringLiteral("historyList"))));

        // A left room of the seed, left before Concierge first saw it: its leave, from the
        // initial sync's state.
        QVERIFY(m_app.click(m_app.rowButton(room("old-project"), QStringLiteral("historyButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("historyList")));
        QTRY_VERIFY(historyTexts().endsWith(QStringLiteral("You left")));
        closePopup();
    }

    // Sign out asks first, names the account and what is deleted; Cancel keeps everything.
    void signOutDialog()
    {
        QVERIFY(m_app.click(m_app.item(QStringLiteral("signOutButton"))));
        QQuickItem *confirm = m_app.waitFor(QStringLiteral("signOutConfirmButton"));
        QVERIFY(confirm);
        const QString text = m_app.item(QStringLiteral("signOutExplanation"))->property("text").toString();
        QVERIFY2(text.contains(m_seed.value(QLatin1String("user_id")).toString()), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("saved room list and room history")), qPrintable(text));
        shoot(QStringLiteral("signout-dialog"));
        closePopup();
        QCOMPARE(m_app.services->session()->state(), Session::SignedIn);
    }

    // Issue 11: many rooms selected (the check boxes, the selection bar), the confirmation with
    // its ETA, and a bulk job in progress (the banner, then the jobs panel with each room's
    // result).
    void bulkActions()
    {
        const SynapseFixture::User bob = seedUser("bob");
        const SynapseFixture::User alice = seedUser("alice");
        constexpr int Rooms = 24;
        QStringList rooms;
        for (int i = 1; i <= Rooms; ++i) {
            const QString r = m_server.createRoom(
                bob, {{QStringLiteral("name"), QStringLiteral("Bridged room %1").arg(i, 2, 10, QLatin1Char('0'))},
                      {QStringLiteral("preset"), QStringLiteral("public_chat")}});
            QVERIFY(!r.isEmpty());
            QVERIFY(m_server.join(alice, r));
            rooms << r;
        }
        QVERIFY(m_app.rowButton(rooms.last(), QStringLiteral("leaveButton")));
        QVERIFY(m_app.services->jobs()->isOpen());

        // Filter, then Ctrl+A in the list; one more room (a left one) with Ctrl+click.
        m_app.key(Qt::Key_F, Qt::ControlModifier);
        QQuickItem *filter = m_app.item(QStringLiteral("filterField"));
        QTRY_VERIFY(filter->hasActiveFocus());
        m_app.typeText(QStringLiteral("Bridged"));
        QTRY_COMPARE(m_app.services->rooms()->rowCount(), Rooms);
        m_app.key(Qt::Key_Down);
        QTRY_VERIFY(m_app.item(QStringLiteral("roomList"))->hasActiveFocus());
        m_app.key(Qt::Key_A, Qt::ControlModifier);
        QTRY_COMPARE(m_app.services->selection()->count(), Rooms);
        m_app.key(Qt::Key_Down);
        m_app.key(Qt::Key_Down);
        m_app.key(Qt::Key_Space); // one off again
        QCOMPARE(m_app.services->selection()->count(), Rooms - 1);
        m_app.key(Qt::Key_Space);
        QQuickItem *count = m_app.waitFor(QStringLiteral("selectionCount"));
        QVERIFY(count);
        QCOMPARE(count->property("text").toString(), QStringLiteral("%1 selected").arg(Rooms));
        shoot(QStringLiteral("bulk-selection"));

        QVERIFY(m_app.click(m_app.item(QStringLiteral("bulkLeaveButton"))));
        QQuickItem *confirm = m_app.waitFor(QStringLiteral("bulkConfirmButton"));
        QVERIFY(confirm);
        const QString eta = m_app.item(QStringLiteral("bulkEta"))->property("text").toString();
        QVERIFY2(eta.contains(QLatin1String("at the server's rate limit")), qPrintable(eta));
        QVERIFY(m_app.typeInto(m_app.item(QStringLiteral("bulkReasonField")), QStringLiteral("Bridge shut down")));
        shoot(QStringLiteral("bulk-confirm"));

        QVERIFY(m_app.click(confirm));
        QTRY_COMPARE(m_app.services->jobs()->jobs().size(), 1);
        Job *job = m_app.services->jobs()->jobs().constFirst();
        QTRY_VERIFY_WITH_TIMEOUT(job->done() >= 2, 20000);
        QVERIFY(m_app.waitFor(QStringLiteral("jobBanner")));
        shoot(QStringLiteral("bulk-job-banner"));
        // Pause it from the banner (what is in flight finishes), then the panel shows where it is.
        QVERIFY(m_app.click(m_app.item(QStringLiteral("jobBannerPauseButton"))));
        QTRY_VERIFY_WITH_TIMEOUT(job->state() == Job::Paused || job->state() == Job::Finished, 20000);
        QVERIFY(m_app.click(m_app.item(QStringLiteral("jobBannerDetailsButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("jobItems")));
        shoot(QStringLiteral("bulk-jobs-panel"));
        // Resume from the panel; it finishes with every room left on the server.
        if (job->state() == Job::Paused)
            QVERIFY(m_app.click(m_app.item(QStringLiteral("jobPauseButton"))));
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), Job::Finished, 60000);
        QCOMPARE(job->done(), Rooms);
        const SynapseFixture::User admin = m_server.registerUser(QStringLiteral("shots-admin"), true);
        QVERIFY(!admin.accessToken.isEmpty());
        for (const QString &r : std::as_const(rooms))
            QCOMPARE(m_server.membershipOf(admin, r, alice.userId), QStringLiteral("leave"));
        shoot(QStringLiteral("bulk-jobs-panel-finished"));
        closePopup();
        QVERIFY(m_app.typeInto(filter, QString()));
    }

    // Issue 13: the room directory (the seed's published rooms, one of them taking requests to
    // join), a room's preview beside the list, a request to join sent from that preview, and the
    // pending request in the room list's Requested section.
    void directoryPreviewAndKnock()
    {
        const QString maintainers = room("maintainers");
        QVERIFY2(!maintainers.isEmpty(), "the seed has a knock-rule room");
        QVERIFY(m_app.click(m_app.item(QStringLiteral("directoryButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("directoryPage")));
        DirectoryModel *directory = m_app.services->directory();
        QTRY_COMPARE_WITH_TIMEOUT(directory->status(), DirectoryModel::Loaded, 15000);
        for (const char *label : {"general", "rust-lovers", "lobby", "maintainers"})
            QVERIFY2(directory->findEntry(room(label), nullptr), label);
        // The most members first: the seed's rooms lead whatever other tests published.
        QQuickItem *row = m_app.waitFor(QStringLiteral("directoryRow:") + maintainers);
        QVERIFY(row);
        QQuickItem *knock = UiDriver::findItem(row, QStringLiteral("directoryKnockButton"));
        QVERIFY(knock && UiDriver::isShown(knock));
        QVERIFY(!UiDriver::isShown(UiDriver::findItem(row, QStringLiteral("directoryJoinButton"))));
        QQuickItem *general = m_app.item(QStringLiteral("directoryRow:") + room("general"));
        QVERIFY(general && UiDriver::isShown(general));
        QCOMPARE(UiDriver::findItem(general, QStringLiteral("directoryMark"))
                     ->property("text")
                     .toString(),
                 QStringLiteral("Joined"));
        QTest::qWait(1200); // avatars (authenticated media) arrive
        parkMouse();
        shoot(QStringLiteral("directory"));

        // The preview: the room summary, with Ask to join.
        QVERIFY(m_app.click(UiDriver::findItem(row, QStringLiteral("directoryPreviewButton"))));
        QQuickItem *name = m_app.waitFor(QStringLiteral("previewName"));
        QVERIFY(name);
        QTRY_COMPARE(name->property("text").toString(), QStringLiteral("Maintainers"));
        QCOMPARE(name->property("textFormat").toInt(), int(Qt::PlainText));
        QQuickItem *askButton = m_app.waitFor(QStringLiteral("previewKnockButton"));
        QVERIFY(askButton);
        QTRY_VERIFY(
            !m_app.item(QStringLiteral("previewMembers"))->property("text").toString().isEmpty());
        parkMouse();
        shoot(QStringLiteral("directory-preview"));

        // Ask to join from the preview, with a reason: the server has the knock, and the room
        // list shows it under Requested.
        QVERIFY(m_app.click(askButton));
        QQuickItem *reason = m_app.waitFor(QStringLiteral("previewKnockReason"));
        QVERIFY(reason);
        QVERIFY(m_app.typeInto(reason, QStringLiteral("I review the pull requests")));
        QVERIFY(m_app.click(m_app.waitFor(QStringLiteral("previewKnockSend"))));
        const QJsonObject adminJson = m_seed.value(QLatin1String("admin")).toObject();
        const SynapseFixture::User admin{adminJson.value(QLatin1String("user_id")).toString(),
                                         adminJson.value(QLatin1String("access_token")).toString(),
                                         QStringLiteral("admin")};
        QTRY_COMPARE_WITH_TIMEOUT(
            m_server.membershipOf(admin, maintainers, seedUser("alice").userId),
            QStringLiteral("knock"), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(m_app.services->store()->find(maintainers) &&
                                     m_app.services->store()->find(maintainers)->membership ==
                                         Membership::Knock,
                                 20000);
        QVERIFY(m_app.click(m_app.item(QStringLiteral("directoryCloseButton"))));
        QVERIFY(m_app.roomRow(maintainers));
        QVERIFY(m_app.item(QStringLiteral("section:Requested")));
        QVERIFY(m_app.rowButton(maintainers, QStringLiteral("withdrawButton")));
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")),
                                  "positionViewAtBeginning");
        parkMouse();
        shoot(QStringLiteral("rooms-requested"));
    }

    // Issue 12: the members of a room alice created (she may kick and ban; bob, carol and dave
    // may not be removed by each other), the kick dialog with a reason, and invite triage (the
    // seed's three pending invites, one sender each).
    void membersAndTriage()
    {
        const QString general = room("general");
        QVERIFY(m_app.click(m_app.roomRow(general)));
        m_app.key(Qt::Key_M, Qt::ControlModifier);
        QQuickItem *page = m_app.waitFor(QStringLiteral("membersPage"));
        QVERIFY(page);
        QTRY_VERIFY(UiDriver::isShown(page));
        for (const char *who : {"alice", "bob", "carol", "dave"})
            QVERIFY2(m_app.waitFor(QStringLiteral("memberRow:") + seedUser(who).userId), who);
        QQuickItem *daveRow = m_app.item(QStringLiteral("memberRow:") + seedUser("dave").userId);
        QQuickItem *kick = UiDriver::findItem(daveRow, QStringLiteral("memberKick"));
        QVERIFY(kick && UiDriver::isShown(kick));
        // Alice's own row offers nothing against herself.
        QQuickItem *aliceRow = m_app.item(QStringLiteral("memberRow:") + seedUser("alice").userId);
        QVERIFY(!UiDriver::isShown(UiDriver::findItem(aliceRow, QStringLiteral("memberKick"))));
        QTest::qWait(1200); // avatars (authenticated media) arrive
        parkMouse();
        shoot(QStringLiteral("members"));

        QVERIFY(m_app.click(kick));
        QQuickItem *reason = m_app.waitFor(QStringLiteral("moderationReasonField"));
        QVERIFY(reason);
        QVERIFY(m_app.typeInto(reason, QStringLiteral("Posting off-topic links")));
        parkMouse();
        shoot(QStringLiteral("members-kick-dialog"));
        QVERIFY(m_app.click(m_app.item(QStringLiteral("moderationCancelButton"))));
        QTRY_VERIFY(!UiDriver::isShown(m_app.item(QStringLiteral("moderationDialog"))));
        QVERIFY(m_app.click(m_app.item(QStringLiteral("membersBackButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("roomList")));
        QTRY_VERIFY(!UiDriver::isShown(page));

        QVERIFY(m_app.click(m_app.item(QStringLiteral("triageButton"))));
        QQuickItem *triage = m_app.waitFor(QStringLiteral("inviteTriagePage"));
        QVERIFY(triage);
        QTRY_VERIFY(UiDriver::isShown(triage));
        for (const char *who : {"bob", "carol", "dave"})
            QVERIFY2(m_app.waitFor(QStringLiteral("triageGroup:") + seedUser(who).userId), who);
        parkMouse();
        shoot(QStringLiteral("invite-triage"));
        QVERIFY(m_app.click(m_app.item(QStringLiteral("triageCloseButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("roomList")));
        QTRY_VERIFY(!UiDriver::isShown(triage));
    }

    // Issue 15: the list by space (the picker open on the space tree, then one space's rooms),
    // the leave-space dialog with all its rooms chosen (the last-admin warning), and the space's
    // hierarchy with what can be joined.
    void spaces()
    {
        const QString team = room("team-space");
        QVERIFY(!team.isEmpty());
        QQuickItem *picker = m_app.waitFor(QStringLiteral("spacePicker"));
        QVERIFY(picker);
        QTRY_VERIFY(m_app.services->spaces()->rowCount() >= 5); // 3 views, Team, Side projects
        QVERIFY(m_app.click(picker));
        QQuickItem *option = nullptr;
        for (int i = 0; i < m_app.services->spaces()->rowCount() && !option; ++i)
            if (m_app.services->spaces()->scopeAt(i) == team)
                option = m_app.waitFor(QStringLiteral("spaceOption:%1").arg(i));
        QVERIFY(option);
        parkMouse();
        shoot(QStringLiteral("rooms-space-picker"));
        QVERIFY(m_app.click(option));
        QTRY_COMPARE(m_app.services->rooms()->spaceScope(), team);
        // Its rooms: General and Random (joined) and the sub-space; not the rooms of no space.
        QVERIFY(m_app.roomRow(room("general")));
        QVERIFY(m_app.roomRow(room("side-projects")));
        QCOMPARE(rowOf(room("html")), -1);
        parkMouse();
        shoot(QStringLiteral("rooms-space"));

        // The space's own row is in "All rooms": its menu has the space's actions.
        m_app.services->rooms()->setSpaceScope(QString());
        QVERIFY(m_app.roomRow(team));
        openRowMenu(team);
        QQuickItem *leaveSpace = m_app.waitFor(QStringLiteral("menuLeaveSpace"));
        QVERIFY(leaveSpace);
        QVERIFY(m_app.click(leaveSpace));
        QQuickItem *all = m_app.waitFor(QStringLiteral("leaveSpaceAll"));
        QVERIFY(all);
        QTRY_VERIFY_WITH_TIMEOUT(all->isEnabled(), 20000); // once the space's rooms are known
        QVERIFY(m_app.click(all));
        // Alice created General and the spaces: the only admin there.
        QQuickItem *adminWarning = m_app.waitFor(QStringLiteral("leaveSpaceAdminWarning"), 20000);
        QVERIFY(adminWarning);
        // ... and only there: Bob's Rust Lovers and Carol's Random are theirs.
        const QString warning = adminWarning->property("text").toString();
        QVERIFY2(warning.contains(QStringLiteral("only admin of General")), qPrintable(warning));
        QVERIFY2(!warning.contains(QStringLiteral("Random")) &&
                     !warning.contains(QStringLiteral("Rust Lovers")),
                 qPrintable(warning));
        parkMouse();
        shoot(QStringLiteral("leave-space-dialog"));
        QVERIFY(m_app.click(m_app.item(QStringLiteral("leaveSpaceCancel"))));
        QTRY_VERIFY(!UiDriver::isShown(m_app.item(QStringLiteral("leaveSpaceDialog"))));

        openRowMenu(team);
        QQuickItem *browse = m_app.waitFor(QStringLiteral("menuBrowseSpace"));
        QVERIFY(browse);
        QVERIFY(m_app.click(browse));
        QVERIFY(m_app.waitFor(QStringLiteral("hierarchyRow_3"), 20000)); // every child listed
        parkMouse();
        shoot(QStringLiteral("space-hierarchy"));
        closePopup();
        QTRY_VERIFY(!UiDriver::isShown(m_app.item(QStringLiteral("spaceHierarchyDialog"))));
    }

    // Issue 16: the screens again in the dark scheme the app applies (ColorScheme, as with
    // --color-scheme dark; no portal asked), each dialog with the keyboard focus on its default
    // button (or on the one a keyboard user goes to), a ring that must show in the picture.
    void darkScheme()
    {
        m_scheme.setChoice(ColorScheme::Choice::Dark);
        m_scheme.start(QDBusConnection(QStringLiteral("no-bus")));
        QCOMPARE(m_scheme.scheme(), ColorScheme::Dark);
        QVERIFY(QGuiApplication::palette().color(QPalette::Window).lightness() < 128);

        // The list with two rooms selected (secondary text on a selected row) and no row current.
        m_app.key(Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(m_app.item(QStringLiteral("filterField"))->hasActiveFocus());
        m_app.services->selection()->clear();
        m_app.services->selection()->toggle(rowOf(room("general")));
        m_app.services->selection()->toggle(rowOf(room("random")));
        QCOMPARE(m_app.services->selection()->count(), 2);
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")), "positionViewAtBeginning");
        parkMouse();
        shoot(QStringLiteral("rooms-dark"));
        m_app.services->selection()->clear();

        QVERIFY(m_app.click(m_app.rowButton(room("rust-lovers"), QStringLiteral("inviteButton"))));
        QQuickItem *search = m_app.waitFor(QStringLiteral("inviteSearchField"));
        QVERIFY(m_app.typeInto(search, QStringLiteral("d")));
        QTRY_VERIFY_WITH_TIMEOUT(m_app.services->userDirectory()->rowCount() >= 2, 15000);
        parkMouse();
        shoot(QStringLiteral("invite-dialog-dark"));
        closePopup();

        // Leave: opens in the reason field; Tab goes on to the Leave button.
        QVERIFY(m_app.click(m_app.rowButton(room("rust-lovers"), QStringLiteral("leaveButton"))));
        QQuickItem *reason = m_app.waitFor(QStringLiteral("leaveReasonField"));
        QVERIFY(reason);
        QTRY_VERIFY(reason->hasActiveFocus());
        QVERIFY(m_app.typeInto(reason, QStringLiteral("Too many notifications")));
        for (int i = 0; i < 4 && focusName() != QLatin1String("leaveConfirmButton"); ++i)
            m_app.key(Qt::Key_Tab);
        QCOMPARE(focusName(), QStringLiteral("leaveConfirmButton"));
        parkMouse();
        shoot(QStringLiteral("leave-dialog-dark"));
        closePopup();

        // Forget opens on Cancel: it cannot be undone.
        QVERIFY(m_app.click(m_app.rowButton(room("old-project"), QStringLiteral("forgetButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("forgetConfirmButton")));
        QTRY_COMPARE(focusName(), QStringLiteral("forgetCancelButton"));
        parkMouse();
        shoot(QStringLiteral("forget-dialog-dark"));
        closePopup();

        QVERIFY(m_app.click(m_app.rowButton(m_kickedRoom, QStringLiteral("historyButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("historyList")));
        parkMouse();
        shoot(QStringLiteral("history-dialog-dark"));
        closePopup();

        // The directory, with the preview of the room asked to join.
        QVERIFY(m_app.click(m_app.item(QStringLiteral("directoryButton"))));
        QQuickItem *row = m_app.waitFor(QStringLiteral("directoryRow:") + room("maintainers"));
        QVERIFY(row);
        QVERIFY(m_app.click(UiDriver::findItem(row, QStringLiteral("directoryPreviewButton"))));
        QQuickItem *previewName = m_app.waitFor(QStringLiteral("previewName"));
        QVERIFY(previewName);
        QTRY_COMPARE(previewName->property("text").toString(), QStringLiteral("Maintainers"));
        QTRY_VERIFY(!m_app.item(QStringLiteral("previewMembership"))
                         ->property("text")
                         .toString()
                         .isEmpty());
        parkMouse();
        shoot(QStringLiteral("directory-dark"));
        QVERIFY(m_app.click(m_app.item(QStringLiteral("directoryCloseButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("roomList")));

        QVERIFY(m_app.click(m_app.item(QStringLiteral("signOutButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("signOutConfirmButton")));
        QTRY_COMPARE(focusName(), QStringLiteral("signOutCancelButton"));
        parkMouse();
        shoot(QStringLiteral("signout-dialog-dark"));
        closePopup();
        QCOMPARE(m_app.services->session()->state(), Session::SignedIn);
    }

    // Issue 14: two accounts in one window (the AccountManager main.cpp builds): the overview with
    // each account's counts and health, switching (the title and the list follow), adding one
    // (its sign-in page, which can go back).
    void accountsOverview()
    {
        m_app.stop();
        m_scheme.setChoice(ColorScheme::Choice::Light);
        AppServices::Options options;
        options.useKeychain = false;
        options.keepRoomsOnDisk = true;
        options.storeDirectory = m_storeDir.path();
        AccountManager accounts(options);
        const SynapseFixture::User alice = seedUser("alice");
        const SynapseFixture::User bob = seedUser("bob");
        AppServices *aliceServices = accounts.openUnsignedSlot();
        aliceServices->signIn(m_server.baseUrl().toString(), alice.accessToken);
        QTRY_COMPARE_WITH_TIMEOUT(aliceServices->sync()->state(), SyncEngine::Synced, 30000);
        accounts.addAccount();
        AppServices *bobServices = accounts.current();
        bobServices->signIn(m_server.baseUrl().toString(), bob.accessToken);
        QTRY_COMPARE_WITH_TIMEOUT(bobServices->sync()->state(), SyncEngine::Synced, 30000);

        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.addImageProvider(QStringLiteral("mxc"), new MxcImageProvider(&accounts, [&accounts] { return accounts.mediaLoader(); }));
        engine.setInitialProperties({{QStringLiteral("services"), QVariant::fromValue(bobServices)},
                                     {QStringLiteral("accounts"), QVariant::fromValue(&accounts)}});
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Concierge/Ui/Main.qml")));
        QVERIFY(!engine.rootObjects().isEmpty());
        App view; // the driver's helpers on this window (its services stay the manager's)
        view.window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        QVERIFY(view.window);
        view.window->resize(1000, 720);
        view.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.window));
        QCOMPARE(view.window->title(), bob.userId);

        QQuickItem *accountsButton = view.waitFor(QStringLiteral("accountsButton"));
        QVERIFY(accountsButton);
        QCOMPARE(accountsButton->property("text").toString(), bob.userId); // the account shown
        QVERIFY(view.click(accountsButton));
        QQuickItem *aliceRow = view.waitFor(QStringLiteral("account_") + alice.userId);
        QVERIFY(aliceRow);
        QQuickItem *bobRow = view.waitFor(QStringLiteral("account_") + bob.userId);
        QVERIFY(bobRow);
        const int aliceInvites = aliceServices->roomModel()->inviteCount();
        QVERIFY(aliceInvites > 0); // the seed's invites
        QTRY_COMPARE(UiDriver::findItem(aliceRow, QStringLiteral("accountSummary"))
                         ->property("text")
                         .toString(),
                     QStringLiteral("%1 pending invites · %2 joined · %3 left")
                         .arg(aliceInvites)
                         .arg(aliceServices->roomModel()->joinedCount())
                         .arg(aliceServices->roomModel()->leftCount()));
        QCOMPARE(UiDriver::findItem(aliceRow, QStringLiteral("accountHealth"))
                     ->property("text")
                     .toString(),
                 QStringLiteral("● Up to date"));
        QVERIFY(bobRow->property("current").toBool());
        QTest::qWait(300);
        QVERIFY2(UiDriver::savePng(view.grab(), m_dir, QStringLiteral("accounts")), "accounts");

        // Switch: Alice's list and name; Bob keeps syncing.
        QVERIFY(view.click(UiDriver::findItem(aliceRow, QStringLiteral("switchAccountButton"))));
        QTRY_COMPARE(view.window->title(), alice.userId);
        QVERIFY(view.waitFor(QStringLiteral("roomList")));
        QTRY_COMPARE(view.item(QStringLiteral("accountsButton"))->property("text").toString(), alice.userId);
        QCOMPARE(accounts.current(), aliceServices);
        QCOMPARE(bobServices->session()->state(), Session::SignedIn);
        QTest::qWait(300);
        QVERIFY2(UiDriver::savePng(view.grab(), m_dir, QStringLiteral("accounts-switched")), "accounts-switched");

        // Add an account: a sign-in page of its own, which can go back to the others.
        view.key(Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(view.click(view.waitFor(QStringLiteral("addAccountButton"))));
        QQuickItem *back = view.waitFor(QStringLiteral("otherAccountsButton"));
        QVERIFY(back);
        QVERIFY(view.waitFor(QStringLiteral("homeserverField")));
        QCOMPARE(accounts.count(), 3);
        QVERIFY(accounts.adding());
        QVERIFY(view.click(back));
        QTRY_COMPARE(accounts.count(), 2);
        QTRY_COMPARE(view.window->title(), alice.userId);
        QVERIFY(view.waitFor(QStringLiteral("roomList")));
        view.window = nullptr;
    }
};

QTEST_MAIN(TestUiScreenshots)
#include "tst_ui_screenshots.moc"
