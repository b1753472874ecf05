// Session: what signing in sends (/versions without the token, then whoami with it), how each
// failure is reported to the user, and what is refused before anything is sent.
#include "api/apiclient.h"
#include "api/endpoints.h"
#include "fakehomeserver.h"
#include "session/session.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSysInfo>
#include <QtTest>

namespace {
const QByteArray Token = "syt_secret_token_for_tests";
const char *const Versions = R"({"versions":["r0.6.1","v1.11"]})";
} // namespace

class TestSession : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<Session> m_session;

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_session = std::make_unique<Session>(m_api.get());
    }
    void cleanup()
    {
        m_session.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void verifiesWithVersionsThenWhoami()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{200, R"({"user_id":"@me:localhost","device_id":"DEV"})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QCOMPARE(m_session->state(), Session::Resolving);
        QVERIFY(ok.wait(10000));
        QCOMPARE(m_session->state(), Session::SignedIn);
        QCOMPARE(m_session->userId(), QStringLiteral("@me:localhost"));
        QCOMPARE(m_session->deviceId(), QStringLiteral("DEV"));
        QCOMPARE(m_session->homeserver(), m_fake->baseUrl());
        QCOMPARE(m_api->clientApiVersion(), QStringLiteral("v3"));
        QVERIFY(m_api->hasAccessToken());
        const auto versions = m_fake->requestsTo("/_matrix/client/versions");
        QCOMPARE(versions.size(), 1);
        QVERIFY(versions.first().authorization.isEmpty()); // the token goes to whoami only
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/account/whoami").first().authorization,
                 "Bearer " + Token);
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void fallsBackToR0()
    {
        m_fake->script("/_matrix/client/versions", {{200, R"({"versions":["r0.5.0","r0.6.1"]})"}});
        m_fake->script("/_matrix/client/r0/account/whoami",
                       {{200, R"({"user_id":"@old:localhost"})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QVERIFY(ok.wait(10000));
        QCOMPARE(m_api->clientApiVersion(), QStringLiteral("r0"));
        QCOMPARE(m_fake->requestsTo("/_matrix/client/r0/account/whoami").size(), 1);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("versionsBody");
        QTest::addColumn<int>("versionsStatus");
        QTest::addColumn<int>("whoamiStatus");
        QTest::addColumn<QByteArray>("whoamiBody");
        QTest::addColumn<int>("expectedKind");
        QTest::addColumn<QString>("textPart");
        const QByteArray v1 = R"({"versions":["v1.1"]})";
        const QByteArray me = R"({"user_id":"@me:localhost"})";
        QTest::newRow("not matrix (404)")
            << QByteArray("<html>") << 404 << 200 << me << int(MatrixError::NotMatrix)
            << "does not look like a Matrix homeserver";
        QTest::newRow("not matrix (no versions)")
            << QByteArray(R"({"hello":1})") << 200 << 200 << me << int(MatrixError::NotMatrix)
            << "no versions in /_matrix/client/versions";
        QTest::newRow("token rejected")
            << v1 << 200 << 401
            << QByteArray(R"({"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token passed."})")
            << int(MatrixError::Server) << "access token was rejected";
        QTest::newRow("whoami without user_id")
            << v1 << 200 << 200 << QByteArray(R"({"device_id":"D"})")
            << int(MatrixError::MalformedResponse) << "no valid user_id";
    }
    void errors()
    {
        QFETCH(QByteArray, versionsBody);
        QFETCH(int, versionsStatus);
        QFETCH(int, whoamiStatus);
        QFETCH(QByteArray, whoamiBody);
        QFETCH(int, expectedKind);
        QFETCH(QString, textPart);
        m_fake->script("/_matrix/client/versions", {{versionsStatus, versionsBody}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{whoamiStatus, whoamiBody}});
        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        QSignalSpy signedIn(m_session.get(), &Session::signedIn);
        m_session->signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(signedIn.count(), 0);
        QCOMPARE(int(m_session->error().kind), expectedKind);
        QVERIFY2(m_session->errorText().contains(textPart), qPrintable(m_session->errorText()));
        QVERIFY(!m_session->errorText().contains(QString::fromLatin1(Token)));
        QCOMPARE(m_session->state(), Session::SignedOut);
        QVERIFY(!m_api->hasAccessToken()); // a rejected token is not kept for later calls
    }

    void unreachableServer()
    {
        const quint16 port = m_fake->port();
        m_fake.reset(); // nobody listens there now
        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        m_session->signIn(QStringLiteral("http://127.0.0.1:%1").arg(port),
                          QString::fromLatin1(Token));
        QVERIFY(failed.wait(10000));
        QCOMPARE(m_session->error().kind, MatrixError::Unreachable);
        QVERIFY2(m_session->errorText().startsWith(
                     QStringLiteral("Could not reach http://127.0.0.1:%1").arg(port)),
                 qPrintable(m_session->errorText()));
    }

    void rejectsBadInputWithoutSending()
    {
        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        m_session->signIn(QStringLiteral("http://matrix.org"), QString::fromLatin1(Token));
        QCOMPARE(failed.count(), 1); // at once, not after a request
        QCOMPARE(m_session->error().kind, MatrixError::InvalidInput);
        QVERIFY(m_session->errorText().contains(QLatin1String("http://")));
        m_session->signIn(m_fake->baseUrl().toString(), QStringLiteral("   "));
        QCOMPARE(failed.count(), 2);
        QVERIFY(m_session->errorText().contains(QLatin1String("token")));
        m_session->signIn(m_fake->baseUrl().toString(), QStringLiteral("syt_with space"));
        QCOMPARE(failed.count(), 3);
        QVERIFY(m_session->errorText().contains(QLatin1String("spaces")));
        m_session->signIn(QStringLiteral("not a server!"), QString::fromLatin1(Token));
        QCOMPARE(failed.count(), 4);
        m_session->signIn(QStringLiteral("  "), QString::fromLatin1(Token));
        QCOMPARE(failed.count(), 5);
        QVERIFY(m_session->errorText().contains(QLatin1String("Enter your homeserver")));
        QCOMPARE(m_session->state(), Session::SignedOut);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void plainHttpOnlyForLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https") << "https://matrix.org" << true;
        QTest::newRow("http localhost") << "http://localhost:8008" << true;
        QTest::newRow("http 127.x") << "http://127.0.0.2:8008" << true;
        QTest::newRow("http ::1") << "http://[::1]:8008" << true;
        QTest::newRow("http remote") << "http://matrix.org" << false;
        QTest::newRow("http private") << "http://192.168.1.5" << false;
        QTest::newRow("ftp") << "ftp://matrix.org" << false;
    }
    void plainHttpOnlyForLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        bool bare = true;
        QString error;
        const QUrl parsed = Session::parseHomeserverInput(url, &bare, &error);
        QCOMPARE(error.isEmpty(), allowed);
        QCOMPARE(parsed.isValid(), allowed);
        QVERIFY(!bare);
    }

    void bareServerNameIsResolvedLater()
    {
        bool bare = false;
        QString error;
        const QUrl url =
            Session::parseHomeserverInput(QStringLiteral(" example.org:8448 "), &bare, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(bare);
        QCOMPARE(url, QUrl(QStringLiteral("https://example.org:8448")));
        // A trailing slash is not part of the base URL.
        const QUrl slash =
            Session::parseHomeserverInput(QStringLiteral("https://m.example.org/"), &bare, &error);
        QCOMPARE(slash, QUrl(QStringLiteral("https://m.example.org")));
    }

    // Issue 9, defect 7: a user name and password in the address are refused with a clear
    // message, and never repeated anywhere the user (or a log, or a screenshot) could see them.
    void credentialsInTheAddressAreRefusedAndNeverEchoed_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("https user:pass") << "https://alice:s3cr3tpw@matrix.example.org";
        QTest::newRow("http loopback") << "http://alice:s3cr3tpw@127.0.0.1:8008";
        QTest::newRow("password only") << "https://:s3cr3tpw@matrix.example.org";
        QTest::newRow("user only") << "https://s3cr3tpw@matrix.example.org";
        QTest::newRow("path and query") << "https://alice:s3cr3tpw@example.org/x?y=1#z";
        QTest::newRow("@ in the password") << "https://alice:s3cr@3tpw@example.org";
        QTest::newRow("no scheme") << "alice:s3cr3tpw@example.org";
        QTest::newRow("no scheme, port") << "alice:s3cr3tpw@example.org:8448";
    }
    void credentialsInTheAddressAreRefusedAndNeverEchoed()
    {
        QFETCH(QString, input);
        const auto leaks = [](const QString &text) {
            return text.contains(QLatin1String("s3cr3tpw")) ||
                   text.contains(QLatin1String("3tpw")) || text.contains(QLatin1String("alice"));
        };
        bool bare = false;
        QString error;
        QVERIFY(!Session::parseHomeserverInput(input, &bare, &error).isValid());
        QVERIFY2(error.contains(QLatin1String("user name or password")), qPrintable(error));
        QVERIFY2(!leaks(error), qPrintable(error));

        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        QSignalSpy stateChanged(m_session.get(), &Session::stateChanged);
        m_session->signIn(input, QString::fromLatin1(Token));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(m_session->error().kind, MatrixError::InvalidInput);
        QVERIFY2(m_session->errorText().contains(QLatin1String("user name or password")),
                 qPrintable(m_session->errorText()));
        QVERIFY2(!leaks(m_session->errorText()), qPrintable(m_session->errorText()));
        QVERIFY2(!leaks(m_session->error().summary()), qPrintable(m_session->error().summary()));
        QVERIFY2(!leaks(m_session->homeserverInput()), qPrintable(m_session->homeserverInput()));
        QVERIFY(!m_session->homeserverInput().isEmpty()); // the host part is kept for the form
        QVERIFY(!leaks(m_session->homeserver().toString()));
        QCOMPARE(m_session->state(), Session::SignedOut);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void matrixIdIsNotMistakenForCredentials()
    {
        // "@alice:example.org" is a user ID typed into the homeserver field: refused as a server
        // name, not reported as a password.
        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        m_session->signIn(QStringLiteral("@alice:example.org"), QString::fromLatin1(Token));
        QCOMPARE(failed.count(), 1);
        QVERIFY2(!m_session->errorText().contains(QLatin1String("password")),
                 qPrintable(m_session->errorText()));
        QCOMPARE(m_session->homeserverInput(), QStringLiteral("@alice:example.org"));
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void tokenRejectedExpiresTheSession()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{200, R"({"user_id":"@me:localhost"})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QVERIFY(ok.wait(10000));
        QSignalSpy signedOut(m_session.get(), &Session::signedOut);

        MatrixError soft;
        soft.kind = MatrixError::Server;
        soft.httpStatus = 401;
        soft.errcode = QStringLiteral("M_UNKNOWN_TOKEN");
        soft.softLogout = true;
        m_session->tokenRejected(soft);
        QCOMPARE(m_session->state(), Session::SignedOut);
        QVERIFY(m_session->isExpired());
        QVERIFY(!m_api->hasAccessToken());
        QCOMPARE(m_session->userId(), QStringLiteral("@me:localhost")); // the same account next
        QVERIFY2(m_session->errorText().contains(QLatin1String("expired")),
                 qPrintable(m_session->errorText()));
        QCOMPARE(signedOut.count(), 0); // local state is kept on a soft logout

        m_session->signOut();
        QVERIFY(!m_session->isExpired());
        QCOMPARE(m_session->userId(), QString());
        QCOMPARE(m_session->errorText(), QString());
        QCOMPARE(signedOut.count(), 0); // it was not signed in any more
    }

    void signOutForgetsTheAccount()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{200, R"({"user_id":"@me:localhost","device_id":"D"})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QVERIFY(ok.wait(10000));
        QSignalSpy signedOut(m_session.get(), &Session::signedOut);
        m_session->signOut();
        QCOMPARE(signedOut.count(), 1);
        QCOMPARE(m_session->state(), Session::SignedOut);
        QCOMPARE(m_session->userId(), QString());
        QCOMPARE(m_session->deviceId(), QString());
        QVERIFY(!m_api->hasAccessToken());
    }
    // --- Sign-in methods ---------------------------------------------------------------------

    void discoversLoginMethods_data()
    {
        QTest::addColumn<QByteArray>("flows");
        QTest::addColumn<int>("metadataStatus");
        QTest::addColumn<bool>("password");
        QTest::addColumn<bool>("sso");
        QTest::addColumn<bool>("oauth");
        QTest::newRow("password and sso")
            << QByteArray(R"({"flows":[{"type":"m.login.password"},{"type":"m.login.sso"},)"
                          R"({"type":"m.login.token"}]})")
            << 404 << true << true << false;
        QTest::newRow("sso only") << QByteArray(R"({"flows":[{"type":"m.login.sso"}]})") << 404
                                  << false << true << false;
        QTest::newRow("oauth") << QByteArray(R"({"flows":[{"type":"m.login.sso"}]})") << 200
                               << false << true << true;
        QTest::newRow("nothing") << QByteArray(R"({"flows":[]})") << 404 << false << false << false;
    }
    void discoversLoginMethods()
    {
        QFETCH(QByteArray, flows);
        QFETCH(int, metadataStatus);
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/login", {{200, flows}});
        m_fake->script(
            "/_matrix/client/v1/auth_metadata",
            {metadataStatus == 200
                 ? FakeHomeserver::Reply(
                       200, "{\"issuer\":\"https://auth.example/\",\"authorization_endpoint\":"
                            "\"https://auth.example/authorize\"}")
                 : FakeHomeserver::Reply(404, R"({"errcode":"M_UNRECOGNIZED","error":"no"})")});
        QSignalSpy changed(m_session.get(), &Session::loginMethodsChanged);
        m_session->discoverLoginMethods(m_fake->baseUrl().toString());
        QCOMPARE(m_session->discoveryState(), Session::Discovering);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->discoveryState(), Session::Discovered, 10000);
        QTEST(m_session->passwordLogin(), "password");
        QTEST(m_session->ssoLogin(), "sso");
        QTEST(m_session->oauthLogin(), "oauth");
        QCOMPARE(m_session->discoveredFor(), m_fake->baseUrl().toString());
        QCOMPARE(m_session->state(), Session::SignedOut); // discovery is not a sign-in
        for (const auto &request : m_fake->requests())
            QVERIFY(request.authorization.isEmpty());
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/login").first().method, "GET");
    }

    void discoveryOfAnUnreachableServerFails()
    {
        m_api->setDeadlineCap(3000);
        m_session->discoverLoginMethods(QStringLiteral("http://127.0.0.1:1"));
        QTRY_COMPARE_WITH_TIMEOUT(m_session->discoveryState(), Session::DiscoveryFailed, 10000);
        QVERIFY2(m_session->discoveryError().contains(QLatin1String("Could not reach")),
                 qPrintable(m_session->discoveryError()));
        QVERIFY(!m_session->passwordLogin());
    }

    void passwordLoginSendsThePasswordInTheBodyOnly()
    {
        const QString password = QStringLiteral("correct horse battery staple");
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/login",
                       {{200, R"({"user_id":"@alice:localhost","access_token":"at1",)"
                              R"("device_id":"NEWDEV","refresh_token":"rt1",)"
                              R"("expires_in_ms":3600000})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signInWithPassword(m_fake->baseUrl().toString(), QStringLiteral("alice"),
                                      password);
        QVERIFY(ok.wait(10000));
        QCOMPARE(m_session->userId(), QStringLiteral("@alice:localhost"));
        QCOMPARE(m_session->deviceId(), QStringLiteral("NEWDEV"));
        QVERIFY(m_session->createdDevice());
        const SessionTokens tokens = m_session->tokens();
        QCOMPARE(tokens.accessToken, QStringLiteral("at1"));
        QCOMPARE(tokens.refreshToken, QStringLiteral("rt1"));
        QVERIFY(tokens.createdDevice);
        QVERIFY(tokens.expiresAtMs > QDateTime::currentMSecsSinceEpoch() + 3500000);

        const auto logins = m_fake->requestsTo("/_matrix/client/v3/login");
        QCOMPARE(logins.size(), 1);
        QCOMPARE(logins.first().method, "POST");
        QVERIFY(logins.first().authorization.isEmpty());
        const QJsonObject body = QJsonDocument::fromJson(logins.first().body).object();
        QCOMPARE(body.value("type").toString(), QStringLiteral("m.login.password"));
        QCOMPARE(body.value("identifier").toObject(),
                 (QJsonObject{{"type", "m.id.user"}, {"user", "alice"}}));
        QCOMPARE(body.value("password").toString(), password);
        QCOMPARE(body.value("initial_device_display_name").toString(),
                 QStringLiteral("Concierge on ") + QSysInfo::machineHostName());
        QCOMPARE(body.value("refresh_token").toBool(), true);
        // The password is in that body and nowhere else on the wire.
        for (const auto &request : m_fake->requests()) {
            QVERIFY(!request.rawPath.contains("horse") && !request.rawQuery.contains("horse"));
            QVERIFY(!request.authorization.contains("horse"));
            if (request.rawPath != "/_matrix/client/v3/login")
                QVERIFY(!request.body.contains("horse"));
        }
    }

    void passwordLoginAcceptsAFullUserIdOfAnotherServer()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/login",
                       {{200, R"({"user_id":"@bob:elsewhere.org","access_token":"at"})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signInWithPassword(m_fake->baseUrl().toString(),
                                      QStringLiteral("@bob:elsewhere.org"), QStringLiteral("pw"));
        QVERIFY(ok.wait(10000));
        const QJsonObject body =
            QJsonDocument::fromJson(m_fake->requestsTo("/_matrix/client/v3/login").first().body)
                .object();
        QCOMPARE(body.value("identifier").toObject().value("user").toString(),
                 QStringLiteral("@bob:elsewhere.org"));
        QVERIFY(m_session->tokens().refreshToken.isEmpty()); // the server gave none
        QVERIFY(!m_api->isTokenRefreshable());
    }

    void wrongPasswordShowsTheServersWords()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script(
            "/_matrix/client/v3/login",
            {{403, R"({"errcode":"M_FORBIDDEN","error":"Invalid username or password"})"}});
        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        m_session->signInWithPassword(m_fake->baseUrl().toString(), QStringLiteral("alice"),
                                      QStringLiteral("wrong"));
        QVERIFY(failed.wait(10000));
        QCOMPARE(m_session->state(), Session::SignedOut);
        QCOMPARE(m_session->error().errcode, QStringLiteral("M_FORBIDDEN"));
        QVERIFY2(m_session->errorText().contains(QLatin1String("Invalid username or password")),
                 qPrintable(m_session->errorText()));
        QVERIFY(!m_api->hasAccessToken());
    }

    void passwordInputIsCheckedBeforeAnythingIsSent_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("no user") << QString() << QStringLiteral("pw");
        QTest::newRow("no password") << QStringLiteral("alice") << QString();
        QTest::newRow("bad user id") << QStringLiteral("@alice") << QStringLiteral("pw");
        QTest::newRow("server without @") << QStringLiteral("alice:x.org") << QStringLiteral("pw");
    }
    void passwordInputIsCheckedBeforeAnythingIsSent()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        m_session->signInWithPassword(m_fake->baseUrl().toString(), user, password);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(m_session->error().kind, MatrixError::InvalidInput);
        QVERIFY(!m_session->errorText().isEmpty());
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void refreshesBeforeTheTokenExpires()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/login",
                       {{200, R"({"user_id":"@alice:localhost","access_token":"at1",)"
                              R"("refresh_token":"rt1","expires_in_ms":3000})"}});
        m_fake->script("/_matrix/client/v3/refresh",
                       {{200, R"({"access_token":"at2","refresh_token":"rt2",)"
                              R"("expires_in_ms":3600000})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signInWithPassword(m_fake->baseUrl().toString(), QStringLiteral("alice"),
                                      QStringLiteral("pw"));
        QVERIFY(ok.wait(10000));
        QElapsedTimer sinceLogin;
        sinceLogin.start();
        QSignalSpy changed(m_session.get(), &Session::tokensChanged);
        QVERIFY(changed.wait(10000));
        QVERIFY2(sinceLogin.elapsed() < 3000, "refreshed only after the token expired");
        const auto refreshes = m_fake->requestsTo("/_matrix/client/v3/refresh");
        QCOMPARE(refreshes.size(), 1);
        QVERIFY(refreshes.first().authorization.isEmpty());
        QCOMPARE(QJsonDocument::fromJson(refreshes.first().body).object(),
                 (QJsonObject{{"refresh_token", "rt1"}}));
        QCOMPARE(m_session->tokens().accessToken, QStringLiteral("at2"));
        QCOMPARE(m_session->tokens().refreshToken, QStringLiteral("rt2"));

        // The new token is the one sent from now on.
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{200, R"({"user_id":"@alice:localhost"})"}});
        ApiCall *call = Endpoints::getTokenOwner(m_api.get());
        QSignalSpy done(call, &ApiCall::succeeded);
        QVERIFY(done.wait(10000));
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/account/whoami").last().authorization,
                 QByteArray("Bearer at2"));
    }

    void softLogoutRefreshesAndSendsWaitingRequestsOnceWithTheNewToken()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/login",
                       {{200, R"({"user_id":"@alice:localhost","access_token":"at1",)"
                              R"("refresh_token":"rt1"})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signInWithPassword(m_fake->baseUrl().toString(), QStringLiteral("alice"),
                                      QStringLiteral("pw"));
        QVERIFY(ok.wait(10000));
        QVERIFY(m_api->isTokenRefreshable());

        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Access token has )"
                              R"(expired","soft_logout":true})"},
                        {200, R"({"user_id":"@alice:localhost"})"}});
        m_fake->script(
            "/_matrix/client/v3/refresh",
            {FakeHomeserver::Reply::held(200, R"({"access_token":"at2","refresh_token":"rt2"})")});
        m_fake->script("/_matrix/client/v3/user", {{200, R"({"k":1})"}});
        QSignalSpy changed(m_session.get(), &Session::tokensChanged);
        ApiCall *first = Endpoints::getTokenOwner(m_api.get());
        QSignalSpy firstOk(first, &ApiCall::succeeded);
        QSignalSpy firstFailed(first, &ApiCall::failed);
        // The 401 asks for a refresh; its answer is held back by the fake server.
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->heldCount(), 1, 10000);
        QVERIFY(m_api->isRefreshingToken());
        // A request made during the refresh waits for the new token.
        ApiCall *second = Endpoints::getAccountData(m_api.get(), QStringLiteral("@alice:localhost"),
                                                    QStringLiteral("m.direct"));
        QSignalSpy secondOk(second, &ApiCall::succeeded);
        QSignalSpy secondSending(second, &ApiCall::sending);
        QTest::qWait(300); // nothing may go out meanwhile (checked below)
        QCOMPARE(secondSending.count(), 0);
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/user").size(), 0);

        QVERIFY(m_fake->release("/_matrix/client/v3/refresh"));
        QVERIFY(firstOk.wait(10000) || firstOk.count() == 1);
        QTRY_COMPARE_WITH_TIMEOUT(secondOk.count(), 1, 10000);
        QCOMPARE(firstFailed.count(), 0);
        QCOMPARE(changed.count(), 1);

        const auto whoamis = m_fake->requestsTo("/_matrix/client/v3/account/whoami");
        QCOMPARE(whoamis.size(), 2); // the refused one, then exactly one with the new token
        QCOMPARE(whoamis.at(0).authorization, QByteArray("Bearer at1"));
        QCOMPARE(whoamis.at(1).authorization, QByteArray("Bearer at2"));
        const auto data = m_fake->requestsTo("/_matrix/client/v3/user");
        QCOMPARE(data.size(), 1); // sent once, with the new token
        QCOMPARE(data.first().authorization, QByteArray("Bearer at2"));
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/refresh").size(), 1);
        QCOMPARE(m_session->tokens().refreshToken, QStringLiteral("rt2"));
    }

    void failedRefreshFailsTheWaitingRequest()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/login",
                       {{200, R"({"user_id":"@alice:localhost","access_token":"at1",)"
                              R"("refresh_token":"rt1"})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signInWithPassword(m_fake->baseUrl().toString(), QStringLiteral("alice"),
                                      QStringLiteral("pw"));
        QVERIFY(ok.wait(10000));
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"expired",)"
                              R"("soft_logout":true})"}});
        m_fake->script("/_matrix/client/v3/refresh",
                       {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"refresh token gone"})"}});
        ApiCall *call = Endpoints::getTokenOwner(m_api.get());
        QSignalSpy failed(call, &ApiCall::failed);
        QVERIFY(failed.wait(10000));
        const MatrixError error = failed.first().first().value<MatrixError>();
        QVERIFY(error.isUnknownToken());
        QVERIFY(error.softLogout); // its own 401: the session expired
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/account/whoami").size(), 1);
        QVERIFY(!m_api->isTokenRefreshable()); // the next 401 is final
    }

    void restoredSessionWithAnExpiredTokenIsRefreshed()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"expired",)"
                              R"("soft_logout":true})"},
                        {200, R"({"user_id":"@alice:localhost","device_id":"D"})"}});
        m_fake->script("/_matrix/client/v3/refresh",
                       {{200, R"({"access_token":"at2","refresh_token":"rt2",)"
                              R"("expires_in_ms":600000})"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->restore(m_fake->baseUrl().toString(), [] {
            SessionTokens t = SessionTokens::pasted(QStringLiteral("at1"));
            t.refreshToken = QStringLiteral("rt1");
            t.expiresAtMs = QDateTime::currentMSecsSinceEpoch() - 1000;
            t.createdDevice = true;
            return t;
        }());
        QVERIFY(ok.wait(10000));
        QVERIFY(m_session->createdDevice());
        QCOMPARE(m_session->tokens().accessToken, QStringLiteral("at2"));
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/account/whoami").last().authorization,
                 QByteArray("Bearer at2"));
    }

    void signOutLogsOutADeviceConciergeCreated()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/login",
                       {{200, R"({"user_id":"@alice:localhost","access_token":"at1"})"}});
        m_fake->script("/_matrix/client/v3/logout", {{200, "{}"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signInWithPassword(m_fake->baseUrl().toString(), QStringLiteral("alice"),
                                      QStringLiteral("pw"));
        QVERIFY(ok.wait(10000));
        QSignalSpy serverDone(m_session.get(), &Session::serverSignOutFinished);
        m_session->signOut();
        QCOMPARE(m_session->state(), Session::SignedOut);
        QVERIFY(!m_api->hasAccessToken());
        QVERIFY(serverDone.wait(10000));
        QVERIFY(!serverDone.first().first().value<MatrixError>().isError());
        const auto logouts = m_fake->requestsTo("/_matrix/client/v3/logout");
        QCOMPARE(logouts.size(), 1);
        QCOMPARE(logouts.first().method, "POST");
        QCOMPARE(logouts.first().authorization, QByteArray("Bearer at1"));
    }

    void signOutOfAPastedTokenInvalidatesItOnlyWhenAsked()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{200, R"({"user_id":"@me:localhost"})"}});
        m_fake->script("/_matrix/client/v3/logout", {{200, "{}"}});
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        m_session->signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QVERIFY(ok.wait(10000));
        QVERIFY(!m_session->createdDevice());
        m_session->signOut(); // only forget it locally
        m_session->signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QVERIFY(ok.wait(10000));
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/logout").size(), 0);
        QSignalSpy serverDone(m_session.get(), &Session::serverSignOutFinished);
        m_session->signOut(true);
        QVERIFY(serverDone.wait(10000));
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/logout").size(), 1);
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/logout").first().authorization,
                 "Bearer " + Token);
    }

    void tokensRoundTripAsOneSecret()
    {
        SessionTokens t = SessionTokens::pasted(QStringLiteral("a"));
        t.refreshToken = QStringLiteral("r");
        t.expiresAtMs = 1234;
        t.createdDevice = true;
        const SessionTokens back = SessionTokens::fromSecret(t.toSecret());
        QCOMPARE(back.accessToken, t.accessToken);
        QCOMPARE(back.refreshToken, t.refreshToken);
        QCOMPARE(back.expiresAtMs, t.expiresAtMs);
        QCOMPARE(back.createdDevice, true);
        QVERIFY(!back.isOAuth());
        // An OAuth 2.0 session keeps its client and endpoints.
        t.oauthClientId = QStringLiteral("client-1");
        t.oauthTokenEndpoint = QStringLiteral("https://auth.example/token");
        t.oauthRevocationEndpoint = QStringLiteral("https://auth.example/revoke");
        const SessionTokens oauth = SessionTokens::fromSecret(t.toSecret());
        QVERIFY(oauth.isOAuth());
        QCOMPARE(oauth.oauthClientId, t.oauthClientId);
        QCOMPARE(oauth.oauthTokenEndpoint, t.oauthTokenEndpoint);
        QCOMPARE(oauth.oauthRevocationEndpoint, t.oauthRevocationEndpoint);
        QCOMPARE(oauth.refreshToken, t.refreshToken);
        // A pasted token is kept as before (readable by earlier versions), and read back.
        QCOMPARE((SessionTokens::pasted(QStringLiteral("plain")).toSecret()),
                 QStringLiteral("plain"));
        QCOMPARE(SessionTokens::fromSecret(QStringLiteral("plain")).accessToken,
                 QStringLiteral("plain"));
        QVERIFY(SessionTokens::fromSecret(QStringLiteral("plain")).refreshToken.isEmpty());
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
