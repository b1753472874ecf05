// Session: what signing in sends (/versions without the token, then whoami with it), how each
// failure is reported to the user, and what is refused before anything is sent.
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "session/session.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
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
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
