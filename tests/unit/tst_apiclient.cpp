// The wire, observed from the server side: what Concierge actually sends, and how it reacts to
// statuses a real server won't produce on demand (429 with Retry-After, 5xx, garbage).
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "actions/membershipservice.h"
#include "sync/roomstore.h"
#include "session/session.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

namespace {
const QByteArray Token = "syt_secret_token_for_tests";
}

class TestApiClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<MembershipService> m_service;

    MatrixError runAction(const std::function<void()> &call)
    {
        QSignalSpy spy(m_service.get(), &MembershipService::actionFinished);
        call();
        if (!spy.wait(20000))
            return MatrixError::invalidInput(QStringLiteral("no outcome"));
        return spy.first().at(4).value<MatrixError>();
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QString::fromLatin1(Token));
        m_store = std::make_unique<RoomStore>();
        m_service = std::make_unique<MembershipService>(m_api.get(), m_store.get());
    }
    void cleanup()
    {
        m_service.reset();
        m_store.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void pathsAreEncodedPerSegment()
    {
        QCOMPARE(m_api->clientPath({QStringLiteral("rooms"), QStringLiteral("!a:b"), QStringLiteral("leave")}),
                 QByteArray("/_matrix/client/v3/rooms/%21a%3Ab/leave"));
        m_api->setClientApiVersion(QStringLiteral("r0"));
        QCOMPARE(m_api->clientPath({QStringLiteral("join"), QStringLiteral("#x:y")}),
                 QByteArray("/_matrix/client/r0/join/%23x%3Ay"));
    }

    void joinSendsAliasIntactWithViaAndServerName()
    {
        m_fake->script("/_matrix/client/v3/join/", {{200, R"({"room_id":"!joined:localhost"})"}});
        const MatrixError e = runAction([&] {
            m_service->join(QStringLiteral("#a/b?c%41:localhost"),
                            {QStringLiteral("one.org"), QStringLiteral("two.org:8448")},
                            QStringLiteral("because"));
        });
        QVERIFY2(!e.isError(), qPrintable(e.summary()));
        const auto requests = m_fake->requestsTo("/_matrix/client/v3/join/");
        QCOMPARE(requests.size(), 1);
        const auto &r = requests.first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/join/%23a%2Fb%3Fc%2541%3Alocalhost"));
        QCOMPARE(r.rawQuery, QByteArray("via=one.org&via=two.org%3A8448&server_name=one.org&server_name=two.org%3A8448"));
        QCOMPARE(r.authorization, "Bearer " + Token);
        QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("reason")).toString(),
                 QStringLiteral("because"));
    }

    void emptyBodiesAreJsonObjects()
    {
        m_fake->script("/_matrix/client/v3/rooms/", {{200, "{}"}});
        QVERIFY(!runAction([&] { m_service->forget(QStringLiteral("!r:localhost")); }).isError());
        QVERIFY(!runAction([&] { m_service->leave(QStringLiteral("!s:localhost")); }).isError());
        const auto requests = m_fake->requestsTo("/_matrix/client/v3/rooms/");
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).rawPath, QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/forget"));
        QCOMPARE(requests.at(0).body, QByteArray("{}"));
        QCOMPARE(requests.at(1).body, QByteArray("{}"));
        QVERIFY(!requests.at(0).rawQuery.contains("access_token"));
    }

    void inviteBody()
    {
        m_fake->script("/_matrix/client/v3/rooms/", {{200, "{}"}});
        QVERIFY(!runAction([&] {
                     m_service->invite(QStringLiteral("!r:localhost"), QStringLiteral("@bob:localhost"),
                                       QStringLiteral("hi"));
                 }).isError());
        const QJsonObject body = QJsonDocument::fromJson(m_fake->requests().last().body).object();
        QCOMPARE(body.value(QLatin1String("user_id")).toString(), QStringLiteral("@bob:localhost"));
        QCOMPARE(body.value(QLatin1String("reason")).toString(), QStringLiteral("hi"));
    }

    void invalidInputSendsNothing()
    {
        const MatrixError e = runAction([&] { m_service->leave(QStringLiteral("not-a-room")); });
        QCOMPARE(e.kind, MatrixError::InvalidInput);
        const MatrixError via = runAction(
            [&] { m_service->join(QStringLiteral("#a:b.org"), {QStringLiteral("bad host")}); });
        QCOMPARE(via.kind, MatrixError::InvalidInput);
        QVERIFY(via.message.startsWith(QLatin1String("Via server")));
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void rateLimitWaitsAsToldThenRetries()
    {
        m_fake->script("/_matrix/client/v3/rooms/",
                       {{429, R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":50})", "1"},
                        {200, "{}"}});
        QSignalSpy retrying(m_service.get(), &MembershipService::actionRetrying);
        QElapsedTimer timer;
        timer.start();
        const MatrixError e = runAction([&] { m_service->leave(QStringLiteral("!r:localhost")); });
        QVERIFY2(!e.isError(), qPrintable(e.summary()));
        QCOMPARE(m_fake->requests().size(), 2);
        QCOMPARE(retrying.count(), 1);
        QCOMPARE(retrying.first().at(3).toLongLong(), 1000); // the header, not the body's 50 ms
        QVERIFY(timer.elapsed() >= 1000);
    }

    void rateLimitBeyondPatienceIsReported()
    {
        m_fake->script("/_matrix/client/v3/rooms/",
                       {{429, R"({"errcode":"M_LIMIT_EXCEEDED","error":"slow down","retry_after_ms":3600000})"}});
        const MatrixError e = runAction([&] { m_service->leave(QStringLiteral("!r:localhost")); });
        QCOMPARE(e.errcode, QStringLiteral("M_LIMIT_EXCEEDED"));
        QCOMPARE(e.retryAfterMs, 3600000);
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void serverErrorsBackOffThenSucceed()
    {
        m_fake->script("/_matrix/client/v3/rooms/",
                       {{503, "<html>busy</html>", {}, "text/html"}, {502, "{}"}, {200, "{}"}});
        QSignalSpy retrying(m_service.get(), &MembershipService::actionRetrying);
        const MatrixError e = runAction([&] { m_service->leave(QStringLiteral("!r:localhost")); });
        QVERIFY2(!e.isError(), qPrintable(e.summary()));
        QCOMPARE(m_fake->requests().size(), 3);
        QCOMPARE(retrying.count(), 2);
        // Exponential: the second wait is longer than the first (jitter is +-25 %).
        QVERIFY(retrying.at(1).at(3).toLongLong() > retrying.at(0).at(3).toLongLong());
    }

    void clientErrorsAreNotRetried()
    {
        m_fake->script("/_matrix/client/v3/rooms/",
                       {{403, R"({"errcode":"M_FORBIDDEN","error":"You are not allowed"})"}});
        const MatrixError e = runAction([&] { m_service->leave(QStringLiteral("!r:localhost")); });
        QCOMPARE(e.errcode, QStringLiteral("M_FORBIDDEN"));
        QCOMPARE(e.message, QStringLiteral("You are not allowed"));
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_service->lastError(QStringLiteral("!r:localhost")), e.summary());
    }

    void malformedSuccessIsAnError()
    {
        m_fake->script("/_matrix/client/v3/join/", {{200, "this is not json", {}, "text/plain"}});
        const MatrixError e = runAction([&] { m_service->join(QStringLiteral("!r:localhost")); });
        QCOMPARE(e.kind, MatrixError::MalformedResponse);
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
        QCOMPARE(ApiClient::homeserverUrlError(QUrl(url)).isEmpty(), allowed);
    }

    void sessionVerifiesWithVersionsThenWhoami()
    {
        m_fake->script("/_matrix/client/versions", {{200, R"({"versions":["r0.6.1","v1.11"]})"}});
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{200, R"({"user_id":"@me:localhost","device_id":"DEV"})"}});
        ApiClient api(m_nam.get());
        Session session(&api);
        QSignalSpy ok(&session, &Session::signedIn);
        session.signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QVERIFY(ok.wait(10000));
        QCOMPARE(session.userId(), QStringLiteral("@me:localhost"));
        QCOMPARE(session.deviceId(), QStringLiteral("DEV"));
        QCOMPARE(api.clientApiVersion(), QStringLiteral("v3"));
        const auto versions = m_fake->requestsTo("/_matrix/client/versions");
        QCOMPARE(versions.size(), 1);
        QVERIFY(versions.first().authorization.isEmpty()); // the token goes to whoami only
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/account/whoami").first().authorization,
                 "Bearer " + Token);
    }

    void sessionFallsBackToR0()
    {
        m_fake->script("/_matrix/client/versions", {{200, R"({"versions":["r0.5.0","r0.6.1"]})"}});
        m_fake->script("/_matrix/client/r0/account/whoami", {{200, R"({"user_id":"@old:localhost"})"}});
        ApiClient api(m_nam.get());
        Session session(&api);
        QSignalSpy ok(&session, &Session::signedIn);
        session.signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QVERIFY(ok.wait(10000));
        QCOMPARE(api.clientApiVersion(), QStringLiteral("r0"));
    }

    void sessionErrors_data()
    {
        QTest::addColumn<QByteArray>("versionsBody");
        QTest::addColumn<int>("versionsStatus");
        QTest::addColumn<int>("whoamiStatus");
        QTest::addColumn<int>("expectedKind");
        QTest::addColumn<QString>("textPart");
        QTest::newRow("not matrix (404)") << QByteArray("<html>") << 404 << 200 << int(MatrixError::NotMatrix) << "does not look like a Matrix homeserver";
        QTest::newRow("not matrix (no versions)") << QByteArray(R"({"hello":1})") << 200 << 200 << int(MatrixError::NotMatrix) << "does not look like";
        QTest::newRow("token rejected") << QByteArray(R"({"versions":["v1.1"]})") << 200 << 401 << int(MatrixError::Server) << "access token was rejected";
    }
    void sessionErrors()
    {
        QFETCH(QByteArray, versionsBody);
        QFETCH(int, versionsStatus);
        QFETCH(int, whoamiStatus);
        QFETCH(int, expectedKind);
        QFETCH(QString, textPart);
        m_fake->script("/_matrix/client/versions", {{versionsStatus, versionsBody}});
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{whoamiStatus, whoamiStatus == 200 ? QByteArray(R"({"user_id":"@me:localhost"})")
                                                          : QByteArray(R"({"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token passed."})")}});
        ApiClient api(m_nam.get());
        Session session(&api);
        QSignalSpy failed(&session, &Session::signInFailed);
        session.signIn(m_fake->baseUrl().toString(), QString::fromLatin1(Token));
        QVERIFY(failed.wait(10000));
        QCOMPARE(int(session.error().kind), expectedKind);
        QVERIFY2(session.errorText().contains(textPart), qPrintable(session.errorText()));
        QVERIFY(!session.errorText().contains(QString::fromLatin1(Token)));
        QCOMPARE(session.state(), Session::SignedOut);
    }

    void unreachableServer()
    {
        const quint16 port = m_fake->port();
        m_fake.reset(); // nobody listens there now
        ApiClient api(m_nam.get());
        Session session(&api);
        QSignalSpy failed(&session, &Session::signInFailed);
        session.signIn(QStringLiteral("http://127.0.0.1:%1").arg(port), QString::fromLatin1(Token));
        QVERIFY(failed.wait(10000));
        QCOMPARE(session.error().kind, MatrixError::Unreachable);
        QVERIFY(session.errorText().startsWith(QLatin1String("Could not reach")));
    }

    void sessionRejectsBadInputWithoutSending()
    {
        ApiClient api(m_nam.get());
        Session session(&api);
        QSignalSpy failed(&session, &Session::signInFailed);
        session.signIn(QStringLiteral("http://matrix.org"), QString::fromLatin1(Token));
        QCOMPARE(failed.count(), 1);
        QVERIFY(session.errorText().contains(QLatin1String("http://")));
        session.signIn(m_fake->baseUrl().toString(), QStringLiteral("   "));
        QCOMPARE(failed.count(), 2);
        QVERIFY(session.errorText().contains(QLatin1String("token")));
        session.signIn(QStringLiteral("not a server!"), QString::fromLatin1(Token));
        QCOMPARE(failed.count(), 3);
        QCOMPARE(m_fake->requests().size(), 0);
    }
};

QTEST_MAIN(TestApiClient)
#include "tst_apiclient.moc"
