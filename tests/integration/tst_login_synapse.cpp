// Signing in with a password against a real Synapse (the ctest `synapse` fixture): the login
// methods the server offers, a password login and a wrong password, refreshing the token pair,
// and signing out (the token is then rejected by the server). The server's state is checked with
// requests of the test's own (whoami, devices), never only through Concierge's view.
#include "api/apiclient.h"
#include "api/endpoints.h"
#include "appservices.h"
#include "clirun.h"
#include "synapsefixture.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QMutex>
#include <QSignalSpy>
#include <QSysInfo>
#include <QtTest>

namespace {
QStringList g_log;
QMutex g_logMutex;
QtMessageHandler g_previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

// What SynapseFixture::registerUser gives every user (see loginAnotherDevice).
QString passwordOf(const SynapseFixture::User &user)
{
    return user.localpart + QStringLiteral("-pw");
}
} // namespace

class TestLoginSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    SynapseFixture::User m_alice;
    SynapseFixture::User m_bob;

    std::unique_ptr<AppServices> newApp()
    {
        return std::make_unique<AppServices>(AppServices::Options{
            .useKeychain = false, .interactive = false, .syncAfterSignIn = false});
    }
    // Signs app in with user's password; false when that does not happen in time.
    bool passwordSignIn(AppServices *app, const QString &user, const QString &password)
    {
        QSignalSpy ok(app->session(), &Session::signedIn);
        QSignalSpy failed(app->session(), &Session::signInFailed);
        app->signInWithPassword(m_server.baseUrl().toString(), user, password);
        if (!QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 30000))
            return false;
        if (!failed.isEmpty())
            qWarning("password sign-in failed: %s", qPrintable(app->session()->errorText()));
        return !ok.isEmpty();
    }
    // concierge-cli with its own XDG folders under home: no token in the environment unless
    // given, no Secret Service (the keychain then fails at once instead of waiting for one).
    struct TextRun
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    TextRun cliIn(const QString &home, const QStringList &args, const QByteArray &stdinText = {},
                  const QString &token = {})
    {
        QProcessEnvironment e = cliEnvironment(QUrl(), token, QString());
        e.remove(QStringLiteral("CONCIERGE_HOMESERVER"));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        e.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        e.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                 QStringLiteral("unix:path=") + home + QStringLiteral("/no-bus"));
        const CliRun run = runCli(e, args, stdinText);
        return {run.exitCode, QString::fromUtf8(run.out), QString::fromUtf8(run.err)};
    }
    // The app's (and CLI's) settings under home, set to keep the session in the 0600 file.
    static void useFileStore(const QString &home)
    {
        QDir().mkpath(home + QStringLiteral("/config/Concierge"));
        QFile conf(home + QStringLiteral("/config/Concierge/concierge.conf"));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[session]\nuseFileStore=true\n");
    }
    // The devices of user on the server, by ID.
    QStringList deviceIds(const SynapseFixture::User &user)
    {
        QStringList ids;
        const auto r = m_server.request("GET", "/_matrix/client/v3/devices", user.accessToken);
        for (const QJsonValue &d : r.body.value(QStringLiteral("devices")).toArray())
            ids << d.toObject().value(QStringLiteral("device_id")).toString();
        return ids;
    }
    int whoamiStatus(const QString &token)
    {
        return m_server.request("GET", "/_matrix/client/v3/account/whoami", token).status;
    }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true\nqt.*.debug=false"));
        g_previousHandler = qInstallMessageHandler(captureMessages);
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_alice = m_server.registerUser(QStringLiteral("alice"));
        m_bob = m_server.registerUser(QStringLiteral("bob"));
        QVERIFY(!m_alice.accessToken.isEmpty());
        QVERIFY(!m_bob.accessToken.isEmpty());
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previousHandler);
        // No password was ever logged, at any level.
        QMutexLocker lock(&g_logMutex);
        for (const QString &line : std::as_const(g_log)) {
            QVERIFY2(!line.contains(passwordOf(m_alice)), "a password was logged");
            QVERIFY2(!line.contains(passwordOf(m_bob)), "a password was logged");
        }
    }

    void synapseOffersPasswordLogin()
    {
        auto app = newApp();
        Session *session = app->session();
        session->discoverLoginMethods(m_server.baseUrl().toString());
        QTRY_VERIFY_WITH_TIMEOUT(session->discoveryState() == Session::Discovered, 30000);
        QVERIFY2(session->passwordLogin(), qPrintable(session->loginFlows().join(u',')));
        QVERIFY(!session->oauthLogin()); // no OAuth 2.0 server configured
        QCOMPARE(session->state(), Session::SignedOut);
    }

    void passwordLoginCreatesANamedDevice()
    {
        auto app = newApp();
        QVERIFY(passwordSignIn(app.get(), m_alice.localpart, passwordOf(m_alice)));
        Session *session = app->session();
        QCOMPARE(session->userId(), m_alice.userId);
        QVERIFY(session->createdDevice());
        QVERIFY(!session->deviceId().isEmpty());
        const SessionTokens tokens = session->tokens();
        QVERIFY(!tokens.accessToken.isEmpty());
        QVERIFY(tokens.accessToken != m_alice.accessToken);
        QCOMPARE(whoamiStatus(tokens.accessToken), 200);
        // The server knows the new device by the name Concierge gave it.
        const auto device = m_server.request(
            "GET", "/_matrix/client/v3/devices/" + SynapseFixture::seg(session->deviceId()),
            m_alice.accessToken);
        QCOMPARE(device.status, 200);
        QCOMPARE(device.body.value("display_name").toString(),
                 QStringLiteral("Concierge on ") + QSysInfo::machineHostName());
    }

    void fullUserIdSignsInToo()
    {
        auto app = newApp();
        QVERIFY(passwordSignIn(app.get(), m_bob.userId, passwordOf(m_bob)));
        QCOMPARE(app->session()->userId(), m_bob.userId);
    }

    void wrongPasswordIsRefusedWithTheServersWords()
    {
        auto app = newApp();
        QSignalSpy failed(app->session(), &Session::signInFailed);
        app->signInWithPassword(m_server.baseUrl().toString(), m_alice.localpart,
                                QStringLiteral("not-the-password"));
        QVERIFY(failed.wait(30000));
        const MatrixError error = app->session()->error();
        QCOMPARE(error.httpStatus, 403);
        QCOMPARE(error.errcode, QStringLiteral("M_FORBIDDEN"));
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(app->session()->errorText().contains(error.message),
                 qPrintable(app->session()->errorText()));
        QCOMPARE(app->session()->state(), Session::SignedOut);
        QVERIFY(!app->api()->hasAccessToken());
    }

    void refreshGivesANewTokenAndRetiresTheOld()
    {
        auto app = newApp();
        QVERIFY(passwordSignIn(app.get(), m_alice.localpart, passwordOf(m_alice)));
        Session *session = app->session();
        const SessionTokens before = session->tokens();
        QVERIFY2(!before.refreshToken.isEmpty(), "Synapse gave no refresh token");
        QVERIFY(before.expiresAtMs > 0);
        QVERIFY(app->api()->isTokenRefreshable());

        QSignalSpy changed(session, &Session::tokensChanged);
        session->refreshToken();
        QVERIFY(changed.wait(30000));
        const SessionTokens after = session->tokens();
        QVERIFY(after.accessToken != before.accessToken);
        QVERIFY(!after.refreshToken.isEmpty());
        QCOMPARE(whoamiStatus(after.accessToken), 200);
        // Once the new access token has been used, the old refresh token is refused. (Synapse
        // lets the old access token live until its own expiry: a request in flight is not lost.)
        const auto reused = m_server.request("POST", "/_matrix/client/v3/refresh", QString(),
                                             {{"refresh_token", before.refreshToken}});
        // Synapse: 403 M_FORBIDDEN for a refresh token that was already used.
        QCOMPARE(reused.status, 403);
        QCOMPARE(reused.body.value("errcode").toString(), QStringLiteral("M_FORBIDDEN"));

        // Concierge's own requests carry the new token.
        ApiCall *call = Endpoints::getTokenOwner(app->api());
        QSignalSpy ok(call, &ApiCall::succeeded);
        QVERIFY(ok.wait(30000));
        QCOMPARE(ok.first().first().toJsonObject().value("user_id").toString(), m_alice.userId);
    }

    void signOutLogsTheDeviceOut()
    {
        auto app = newApp();
        QVERIFY(passwordSignIn(app.get(), m_alice.localpart, passwordOf(m_alice)));
        const SessionTokens tokens = app->session()->tokens();
        QCOMPARE(whoamiStatus(tokens.accessToken), 200);
        QSignalSpy serverDone(app->session(), &Session::serverSignOutFinished);
        app->signOut();
        QCOMPARE(app->session()->state(), Session::SignedOut);
        QVERIFY(serverDone.wait(30000));
        QVERIFY2(!serverDone.first().first().value<MatrixError>().isError(),
                 qPrintable(serverDone.first().first().value<MatrixError>().summary()));
        QCOMPARE(whoamiStatus(tokens.accessToken), 401);
    }

    void pastedTokenIsInvalidatedOnlyWhenAsked()
    {
        // Two tokens of bob's from password logins of the test's own, then pasted.
        const SynapseFixture::User keep = m_server.loginAnotherDevice(m_bob);
        const SynapseFixture::User drop = m_server.loginAnotherDevice(m_bob);
        QVERIFY(!keep.accessToken.isEmpty() && !drop.accessToken.isEmpty());
        for (const auto &[user, invalidate] : {std::pair{keep, false}, std::pair{drop, true}}) {
            auto app = newApp();
            QSignalSpy ok(app->session(), &Session::signedIn);
            app->signIn(m_server.baseUrl().toString(), user.accessToken);
            QVERIFY(ok.wait(30000));
            QVERIFY(!app->session()->createdDevice());
            QSignalSpy serverDone(app->session(), &Session::serverSignOutFinished);
            app->signOut(invalidate);
            if (invalidate)
                QVERIFY(serverDone.wait(30000));
            else
                QCOMPARE(serverDone.count(), 0);
        }
        QCOMPARE(whoamiStatus(keep.accessToken), 200); // only forgotten locally
        QCOMPARE(whoamiStatus(drop.accessToken), 401); // invalidated on the server
    }

    // concierge-cli login --password: the password from stdin, the session saved for later
    // commands (here in the 0600 file the app can be told to use), then logout ends it.
    void cliPasswordLoginIsSavedAndUsedThenLoggedOut()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        useFileStore(home.path());
        const QString hs = m_server.baseUrl().toString();
        const QStringList devicesBefore = deviceIds(m_alice);

        const TextRun login = cliIn(home.path(),
                                    {QStringLiteral("--homeserver"), hs, QStringLiteral("login"),
                                     QStringLiteral("--password"), QStringLiteral("--user"),
                                     m_alice.localpart, QStringLiteral("--json")},
                                    passwordOf(m_alice).toUtf8() + "\n");
        QVERIFY2(login.exitCode == 0, qPrintable(login.err));
        const QJsonObject answer = QJsonDocument::fromJson(login.out.toUtf8()).object();
        QCOMPARE(answer.value(QStringLiteral("user_id")).toString(), m_alice.userId);
        QCOMPARE(answer.value(QStringLiteral("saved")).toBool(), true);
        const QString deviceId = answer.value(QStringLiteral("device_id")).toString();
        QVERIFY(!devicesBefore.contains(deviceId));
        QVERIFY(deviceIds(m_alice).contains(deviceId)); // a new device on the server
        QVERIFY(!login.out.contains(passwordOf(m_alice)) &&
                !login.err.contains(passwordOf(m_alice)));

        const QString tokenFile =
            home.path() + QStringLiteral("/config/Concierge/concierge/access-token");
        QFile file(tokenFile);
        QVERIFY2(file.exists(), qPrintable(tokenFile));
        QCOMPARE(QFileInfo(tokenFile).permissions() &
                     (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                      QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray secret = file.readAll();
        QVERIFY(!secret.contains(passwordOf(m_alice).toUtf8())); // tokens, never the password

        // A later command without any token or homeserver uses the saved session.
        const TextRun rooms = cliIn(home.path(), {QStringLiteral("login")});
        QVERIFY2(rooms.exitCode == 0, qPrintable(rooms.err));
        QVERIFY2(rooms.out.contains(m_alice.userId), qPrintable(rooms.out));
        // Another homeserver than the saved one is refused before anything is sent.
        const TextRun other =
            cliIn(home.path(), {QStringLiteral("--homeserver"),
                                QStringLiteral("https://other.example"), QStringLiteral("login")});
        QCOMPARE(other.exitCode, 2);
        QVERIFY2(other.err.contains(QStringLiteral("saved session is for")), qPrintable(other.err));

        const TextRun logout = cliIn(home.path(), {QStringLiteral("logout")});
        QVERIFY2(logout.exitCode == 0, qPrintable(logout.err));
        QVERIFY2(logout.out.contains(QStringLiteral("logged out on the server")),
                 qPrintable(logout.out));
        QVERIFY(!deviceIds(m_alice).contains(deviceId)); // the device is gone server-side
        QVERIFY(!QFile::exists(tokenFile));
        const TextRun after = cliIn(home.path(), {QStringLiteral("login")});
        QCOMPARE(after.exitCode, 2);
        QVERIFY2(after.err.contains(QStringLiteral("login --password")), qPrintable(after.err));
    }

    // Two accounts saved by the CLI (as by the app): `accounts` lists both, the last signed in
    // is the default, --account picks the other, a name that is not saved is refused before
    // anything is sent, and logging one out leaves the other.
    void cliSeveralSavedAccounts()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        useFileStore(home.path());
        const QString hs = m_server.baseUrl().toString();
        for (const SynapseFixture::User *user : {&m_alice, &m_bob}) {
            const TextRun login =
                cliIn(home.path(),
                      {QStringLiteral("--homeserver"), hs, QStringLiteral("login"),
                       QStringLiteral("--password"), QStringLiteral("--user"), user->userId},
                      passwordOf(*user).toUtf8() + "\n");
            QVERIFY2(login.exitCode == 0, qPrintable(login.err));
        }
        const TextRun list =
            cliIn(home.path(), {QStringLiteral("accounts"), QStringLiteral("--json")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        const QJsonArray accounts = QJsonDocument::fromJson(list.out.toUtf8())
                                        .object()
                                        .value(QStringLiteral("accounts"))
                                        .toArray();
        QCOMPARE(accounts.size(), 2);
        QCOMPARE(accounts.at(0).toObject().value(QStringLiteral("user_id")).toString(),
                 m_alice.userId);
        QCOMPARE(accounts.at(0).toObject().value(QStringLiteral("homeserver")).toString(), hs);
        QCOMPARE(accounts.at(0).toObject().value(QStringLiteral("default")).toBool(), false);
        QCOMPARE(accounts.at(1).toObject().value(QStringLiteral("user_id")).toString(),
                 m_bob.userId);
        QCOMPARE(accounts.at(1).toObject().value(QStringLiteral("default")).toBool(), true);
        QVERIFY(!list.out.contains(QStringLiteral("syt_"))); // no token, ever
        const TextRun text = cliIn(home.path(), {QStringLiteral("accounts")});
        QVERIFY2(text.out.contains(QStringLiteral("* ") + m_bob.userId), qPrintable(text.out));

        const TextRun byDefault = cliIn(home.path(), {QStringLiteral("login")});
        QVERIFY2(byDefault.out.contains(m_bob.userId), qPrintable(byDefault.out + byDefault.err));
        const TextRun picked = cliIn(
            home.path(), {QStringLiteral("--account"), m_alice.userId, QStringLiteral("login")});
        QVERIFY2(picked.out.contains(m_alice.userId), qPrintable(picked.out + picked.err));
        const TextRun unknown =
            cliIn(home.path(), {QStringLiteral("--account"), QStringLiteral("@nobody:localhost"),
                                QStringLiteral("login")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("no saved session for @nobody:localhost")) &&
                     unknown.err.contains(m_alice.userId),
                 qPrintable(unknown.err));
        const TextRun withToken = cliIn(
            home.path(), {QStringLiteral("--account"), m_alice.userId, QStringLiteral("login")}, {},
            m_alice.accessToken);
        QCOMPARE(withToken.exitCode, 2);

        // Alice's saved session ends (her device logged out on the server); Bob's stays.
        const TextRun logout = cliIn(
            home.path(), {QStringLiteral("--account"), m_alice.userId, QStringLiteral("logout")});
        QVERIFY2(logout.exitCode == 0, qPrintable(logout.err));
        const TextRun after =
            cliIn(home.path(), {QStringLiteral("accounts"), QStringLiteral("--json")});
        const QJsonArray left = QJsonDocument::fromJson(after.out.toUtf8())
                                    .object()
                                    .value(QStringLiteral("accounts"))
                                    .toArray();
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).toObject().value(QStringLiteral("user_id")).toString(), m_bob.userId);
        const TextRun bobStill = cliIn(home.path(), {QStringLiteral("login")});
        QVERIFY2(bobStill.exitCode == 0 && bobStill.out.contains(m_bob.userId),
                 qPrintable(bobStill.err));
        QCOMPARE(cliIn(home.path(), {QStringLiteral("logout")}).exitCode, 0);
    }

    void cliWrongPasswordSavesNothing()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        useFileStore(home.path());
        const TextRun login = cliIn(home.path(),
                                    {QStringLiteral("--homeserver"), m_server.baseUrl().toString(),
                                     QStringLiteral("login"), QStringLiteral("--password"),
                                     QStringLiteral("--user"), m_alice.userId},
                                    QByteArray("not-the-password\n"));
        QCOMPARE(login.exitCode, 1);
        QVERIFY2(login.err.contains(QStringLiteral("M_FORBIDDEN")), qPrintable(login.err));
        QVERIFY(!QFile::exists(home.path() +
                               QStringLiteral("/config/Concierge/concierge/access-token")));
        QCOMPARE(cliIn(home.path(), {QStringLiteral("login")}).exitCode, 2); // nothing saved
    }

    // Nowhere to save it (no keychain, no file chosen): the new device is not left behind.
    void cliLoginThatCannotBeSavedLogsTheDeviceOutAgain()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QStringList devicesBefore = deviceIds(m_bob);
        const TextRun login = cliIn(home.path(),
                                    {QStringLiteral("--homeserver"), m_server.baseUrl().toString(),
                                     QStringLiteral("login"), QStringLiteral("--password"),
                                     QStringLiteral("--user"), m_bob.localpart},
                                    passwordOf(m_bob).toUtf8() + "\n");
        QCOMPARE(login.exitCode, 3);
        QVERIFY2(login.err.contains(QStringLiteral("could not be saved")), qPrintable(login.err));
        QCOMPARE(deviceIds(m_bob), devicesBefore);
    }

    void cliLoginOptionsAreCheckedFirst()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString hs = m_server.baseUrl().toString();
        const struct
        {
            QStringList args;
            QString says;
        } cases[] = {
            {{QStringLiteral("login"), QStringLiteral("--password")}, QStringLiteral("--user")},
            {{QStringLiteral("rooms"), QStringLiteral("--user"), QStringLiteral("x")},
             QStringLiteral("only apply to login")},
            {{QStringLiteral("login"), QStringLiteral("--password"), QStringLiteral("--user"),
              QStringLiteral("@bad")},
             QStringLiteral("user ID")},
            {{QStringLiteral("login"), QStringLiteral("--password"), QStringLiteral("--user"),
              QStringLiteral("alice"), QStringLiteral("--token-stdin")},
             QStringLiteral("cannot be combined")},
        };
        for (const auto &c : cases) {
            const TextRun run =
                cliIn(home.path(), QStringList{QStringLiteral("--homeserver"), hs} + c.args,
                      QByteArray("secret\n"));
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(c.says, Qt::CaseInsensitive), qPrintable(run.err));
        }
        // No password on stdin.
        const TextRun empty =
            cliIn(home.path(), {QStringLiteral("--homeserver"), hs, QStringLiteral("login"),
                                QStringLiteral("--password"), QStringLiteral("--user"),
                                QStringLiteral("alice")});
        QCOMPARE(empty.exitCode, 2);
        QVERIFY2(empty.err.contains(QStringLiteral("no password")), qPrintable(empty.err));
    }
};

QTEST_MAIN(TestLoginSynapse)
#include "tst_login_synapse.moc"
