// The endpoint layer, observed from the server side: for each function of endpoints.h, the
// method, the raw path (still percent-encoded, each identifier one segment), the query, the body
// and whether the Authorization header was there, exactly as the fake homeserver received them;
// the limits each endpoint runs under; and arguments that must never reach the wire.
#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/wirelimits.h"
#include "fakehomeserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QUrlQuery>
#include <QtTest>
#include <functional>

// Runs a helper that verifies as it goes; stops the test where the helper failed.
#define CHECKED(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace {
const QByteArray Token = "syt_endpoint_token";
const QByteArray Bearer = "Bearer " + Token;

QJsonObject bodyOf(const FakeHomeserver::Request &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

using Call = std::function<ApiCall *(ApiClient *)>;
} // namespace

Q_DECLARE_METATYPE(Call)
Q_DECLARE_METATYPE(std::function<HttpRequest(const ApiClient *)>)

class TestEndpoints : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;

    // Runs one endpoint call to its end; the one request the server received is returned
    // through *received (the test fails if there was not exactly one, or no success).
    void runOne(ApiCall *call, FakeHomeserver::Request *received,
                std::unique_ptr<CallRecorder> *keep = nullptr)
    {
        auto recorder = std::make_unique<CallRecorder>(call);
        QVERIFY(recorder->wait());
        QVERIFY2(!recorder->error.isError(), qPrintable(recorder->error.summary()));
        QCOMPARE(m_fake->requests().size(), 1);
        *received = m_fake->requests().first();
        if (keep)
            *keep = std::move(recorder);
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_fake->script("/", {{200, "{}"}});
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QString::fromLatin1(Token));
    }
    void cleanup()
    {
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    // --- Discovery --------------------------------------------------------------------------

    void getWellknown()
    {
        // Only the origin of what the user typed counts; never the token.
        QUrl typed = m_fake->baseUrl();
        typed.setPath(QStringLiteral("/some/path"));
        typed.setQuery(QStringLiteral("x=1"));
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::getWellknown(m_api.get(), typed), &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/.well-known/matrix/client"));
        QVERIFY(r.rawQuery.isEmpty());
        QVERIFY(r.authorization.isEmpty());
        QCOMPARE(call->spec.deadlineMs, Timeouts::Discovery);
        QCOMPARE(call->spec.maxResponseBytes, Limits::DiscoveryResponseBytes);
    }

    void getVersions()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::getVersions(m_api.get()), &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/versions")); // no version prefix
        QVERIFY(r.rawQuery.isEmpty());
        QVERIFY(r.authorization.isEmpty()); // sent before the token is known to be wanted here
        QCOMPARE(call->spec.deadlineMs, Timeouts::Discovery);
        QCOMPARE(call->spec.maxResponseBytes, Limits::DiscoveryResponseBytes);
    }

    void discoveryAnswersAreSmall()
    {
        // A .well-known or /versions bigger than the discovery cap is refused, not read whole.
        const QByteArray big =
            "{\"versions\":[\"" + QByteArray(Limits::DiscoveryResponseBytes, 'v') + "\"]}";
        m_fake->script("/_matrix/client/versions", {{200, big}});
        m_fake->script("/.well-known/matrix/client", {{200, big}});
        CallRecorder versions(Endpoints::getVersions(m_api.get()));
        CallRecorder wellKnown(Endpoints::getWellknown(m_api.get(), m_fake->baseUrl()));
        QVERIFY(versions.wait());
        QVERIFY(wellKnown.wait());
        QCOMPARE(versions.error.kind, MatrixError::ResponseTooLarge);
        QCOMPARE(wellKnown.error.kind, MatrixError::ResponseTooLarge);
        QVERIFY2(versions.error.message.contains(QLatin1String("64 KB")),
                 qPrintable(versions.error.message));
    }

    // --- Session --------------------------------------------------------------------------------

    void getTokenOwner()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::getTokenOwner(m_api.get()), &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/account/whoami"));
        QCOMPARE(r.authorization, Bearer);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(call->spec.deadlineMs, Timeouts::Discovery);
        QCOMPARE(call->spec.maxResponseBytes, Limits::DiscoveryResponseBytes);
    }

    // --- Sync -----------------------------------------------------------------------------------

    void syncInitial()
    {
        Endpoints::SyncParams params;
        params.filter = R"({"room":{"include_leave":true}})";
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::sync(m_api.get(), params), &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/sync"));
        QCOMPARE(r.rawQuery, QByteArray("filter=%7B%22room%22%3A%7B%22include_leave%22%3Atrue%7D%7D"
                                        "&set_presence=offline&timeout=0"));
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(call->spec.deadlineMs, Timeouts::InitialSync);
        QCOMPARE(call->spec.maxResponseBytes, Limits::SyncResponseBytes);
    }

    void syncIncremental()
    {
        Endpoints::SyncParams params;
        params.filter = "{}";
        params.since = QStringLiteral("s72594_4483_1934 &x=y");
        params.timeoutMs = 30000;
        params.fullState = true;
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::sync(m_api.get(), params), &r, &call));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/sync"));
        QCOMPARE(r.rawQuery, QByteArray("filter=%7B%7D&set_presence=offline&timeout=30000"
                                        "&since=s72594_4483_1934%20%26x%3Dy&full_state=true"));
        // The long poll plus a margin: no answer by then is a stalled server.
        QCOMPARE(call->spec.deadlineMs, 30000 + Timeouts::SyncMargin);
    }

    void syncAnswersMayBeLarge()
    {
        // Bigger than what any other endpoint may return, well within the /sync cap.
        QVERIFY(Limits::SyncResponseBytes > 8 * Limits::DefaultResponseBytes);
        const QByteArray big = "{\"next_batch\":\"s1\",\"pad\":\"" +
                               QByteArray(Limits::DefaultResponseBytes + 1024, 'p') + "\"}";
        m_fake->script("/_matrix/client/v3/sync", {{200, big}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, big}});
        CallRecorder sync(Endpoints::sync(m_api.get(), {}));
        QVERIFY(sync.wait(30000));
        QVERIFY2(!sync.error.isError(), qPrintable(sync.error.summary()));
        QCOMPARE(sync.json.value(QLatin1String("next_batch")).toString(), QStringLiteral("s1"));
        CallRecorder whoami(Endpoints::getTokenOwner(m_api.get()));
        QVERIFY(whoami.wait(30000));
        QCOMPARE(whoami.error.kind, MatrixError::ResponseTooLarge);
    }

    void stalledLongPollIsDetected()
    {
        m_fake->script("/_matrix/client/v3/sync", {FakeHomeserver::Reply::stall()});
        Endpoints::SyncParams params;
        params.since = QStringLiteral("s1");
        params.timeoutMs = 300;
        params.stallMarginMs = 700;
        QElapsedTimer timer;
        timer.start();
        CallRecorder call(Endpoints::sync(m_api.get(), params));
        QCOMPARE(call.spec.deadlineMs, 1000);
        QVERIFY(call.wait(20000));
        QCOMPARE(call.error.kind, MatrixError::Timeout);
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void slidingSyncFirstPage()
    {
        Endpoints::SlidingSyncParams params;
        Endpoints::SlidingSyncList recent;
        recent.name = QStringLiteral("recent");
        recent.ranges = {{0, 19}};
        recent.requiredState = {{QStringLiteral("m.room.name"), QString()},
                                {QStringLiteral("m.room.member"), QStringLiteral("$ME")}};
        recent.timelineLimit = 1;
        Endpoints::SlidingSyncList invites;
        invites.name = QStringLiteral("invites");
        invites.ranges = {{0, 9}, {20, 29}};
        invites.isInvite = true;
        params.lists = {recent, invites};
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::slidingSync(m_api.get(), params), &r, &call));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath,
                 QByteArray("/_matrix/client/unstable/org.matrix.simplified_msc3575/sync"));
        QCOMPARE(r.rawQuery, QByteArray("timeout=0")); // no pos: a new connection
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(r.body,
                 QByteArray(R"({"lists":{)"
                            R"("invites":{"filters":{"is_invite":true},"ranges":[[0,9],[20,29]],)"
                            R"("required_state":[],"timeline_limit":0},)"
                            R"("recent":{"ranges":[[0,19]],)"
                            R"("required_state":[["m.room.name",""],["m.room.member","$ME"]],)"
                            R"("timeline_limit":1}}})"));
        QCOMPARE(call->spec.deadlineMs, Timeouts::SyncMargin);
        QCOMPARE(call->spec.maxResponseBytes, Limits::DefaultResponseBytes);
        QVERIFY(call->spec.idempotent); // it only reads
    }

    void slidingSyncWithPosAndCountOnlyList()
    {
        Endpoints::SlidingSyncParams params;
        Endpoints::SlidingSyncList all;
        all.name = QStringLiteral("all rooms");
        all.isInvite = false;
        params.lists = {all};
        params.pos = QStringLiteral("5/7 &x=y");
        params.timeoutMs = 30000;
        params.stallMarginMs = 500;
        // The unstable path stays the same whatever client API version the server speaks.
        m_api->setClientApiVersion(QStringLiteral("r0"));
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::slidingSync(m_api.get(), params), &r, &call));
        QCOMPARE(r.rawPath,
                 QByteArray("/_matrix/client/unstable/org.matrix.simplified_msc3575/sync"));
        QCOMPARE(r.rawQuery, QByteArray("timeout=30000&pos=5%2F7%20%26x%3Dy"));
        // A list without ranges asks only for its count.
        QCOMPARE(r.body, QByteArray(R"({"lists":{"all rooms":{"filters":{"is_invite":false},)"
                                    R"("required_state":[],"timeline_limit":0}}})"));
        QCOMPARE(call->spec.deadlineMs, 30500);
    }

    // --- Membership -----------------------------------------------------------------------------

    void joinRoom()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(
            runOne(Endpoints::joinRoom(m_api.get(), QStringLiteral("#a/b?c%41:localhost"),
                                       {QStringLiteral("one.org"), QStringLiteral("two.org:8448")},
                                       QStringLiteral("because"), RetryPolicy::bounded()),
                   &r, &call));
        QCOMPARE(r.method, QByteArray("POST"));
        // The alias intact as one segment: '/', '?', '%' and ':' encoded, nothing decoded.
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/join/%23a%2Fb%3Fc%2541%3Alocalhost"));
        // `via` (v1.12) and `server_name` (before) with the same values.
        QCOMPARE(r.rawQuery, QByteArray("via=one.org&via=two.org%3A8448"
                                        "&server_name=one.org&server_name=two.org%3A8448"));
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(bodyOf(r), QJsonObject({{QStringLiteral("reason"), QStringLiteral("because")}}));
        QCOMPARE(call->spec.retry.maxAttempts, RetryPolicy::bounded().maxAttempts);
        QVERIFY(!call->spec.idempotent); // only ApiCall's policy may send it again
    }

    void joinRoomWithoutViaOrReason()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::joinRoom(m_api.get(), QStringLiteral("!room:localhost"), {}, {},
                                           RetryPolicy::none()),
                       &r));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/join/%21room%3Alocalhost"));
        QVERIFY(r.rawQuery.isEmpty());
        QCOMPARE(r.body, QByteArray("{}"));
    }

    void leaveRoom()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::leaveRoom(m_api.get(), QStringLiteral("!s:localhost"), {},
                                            RetryPolicy::untilCancelled()),
                       &r, &call));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/rooms/%21s%3Alocalhost/leave"));
        QVERIFY(r.rawQuery.isEmpty());
        QCOMPARE(r.body, QByteArray("{}")); // an empty body is a JSON object, not nothing
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(call->spec.retry.maxAttempts, 0);
        QVERIFY(!call->spec.idempotent);
    }

    void leaveRoomWithReason()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::leaveRoom(m_api.get(), QStringLiteral("!s:localhost"),
                                            QStringLiteral("bye \"all\""), RetryPolicy::none()),
                       &r));
        QCOMPARE(bodyOf(r),
                 QJsonObject({{QStringLiteral("reason"), QStringLiteral("bye \"all\"")}}));
    }

    void inviteUser()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::inviteUser(m_api.get(), QStringLiteral("!r:localhost"),
                                             QStringLiteral("@bob:localhost"), QStringLiteral("hi"),
                                             RetryPolicy::none()),
                       &r));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/invite"));
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(bodyOf(r),
                 QJsonObject({{QStringLiteral("user_id"), QStringLiteral("@bob:localhost")},
                              {QStringLiteral("reason"), QStringLiteral("hi")}}));
    }

    void inviteUserWithoutReason()
    {
        FakeHomeserver::Request r;
        CHECKED(
            runOne(Endpoints::inviteUser(m_api.get(), QStringLiteral("!r:localhost"),
                                         QStringLiteral("@bob:localhost"), {}, RetryPolicy::none()),
                   &r));
        QCOMPARE(bodyOf(r),
                 QJsonObject({{QStringLiteral("user_id"), QStringLiteral("@bob:localhost")}}));
    }

    // The `…Request` builders (the CLI's --dry-run prints them) describe exactly what the sending
    // functions put on the wire.
    void membershipRequestsAreWhatIsSent_data()
    {
        QTest::addColumn<std::function<HttpRequest(const ApiClient *)>>("build");
        QTest::addColumn<Call>("send");
        const QString room = QStringLiteral("!r/x?:localhost");
        const QString bob = QStringLiteral("@bob:localhost");
        const QString why = QStringLiteral("tidy \"up\"");
        const QStringList via{QStringLiteral("one.org"), QStringLiteral("two.org:8448")};
        using Build = std::function<HttpRequest(const ApiClient *)>;
        QTest::newRow("join") << Build([=](const ApiClient *a) {
            return Endpoints::joinRoomRequest(a, room, via, why);
        }) << Call([=](ApiClient *a) { return Endpoints::joinRoom(a, room, via, why, {}); });
        QTest::newRow("leave") << Build([=](const ApiClient *a) {
            return Endpoints::leaveRoomRequest(a, room, why);
        }) << Call([=](ApiClient *a) { return Endpoints::leaveRoom(a, room, why, {}); });
        QTest::newRow("invite") << Build([=](const ApiClient *a) {
            return Endpoints::inviteUserRequest(a, room, bob, why);
        }) << Call([=](ApiClient *a) { return Endpoints::inviteUser(a, room, bob, why, {}); });
        QTest::newRow("forget") << Build([=](const ApiClient *a) {
            return Endpoints::forgetRoomRequest(a, room);
        }) << Call([=](ApiClient *a) { return Endpoints::forgetRoom(a, room, {}); });
        QTest::newRow("knock") << Build([=](const ApiClient *a) {
            return Endpoints::knockRoomRequest(a, room, via, why);
        }) << Call([=](ApiClient *a) { return Endpoints::knockRoom(a, room, via, why, {}); });
        QTest::newRow("kick") << Build([=](const ApiClient *a) {
            return Endpoints::kickRequest(a, room, bob, why);
        }) << Call([=](ApiClient *a) { return Endpoints::kick(a, room, bob, why, {}); });
        QTest::newRow("ban") << Build([=](const ApiClient *a) {
            return Endpoints::banRequest(a, room, bob, why);
        }) << Call([=](ApiClient *a) { return Endpoints::ban(a, room, bob, why, {}); });
        QTest::newRow("unban") << Build([=](const ApiClient *a) {
            return Endpoints::unbanRequest(a, room, bob, why);
        }) << Call([=](ApiClient *a) { return Endpoints::unban(a, room, bob, why, {}); });
    }
    void membershipRequestsAreWhatIsSent()
    {
        QFETCH(std::function<HttpRequest(const ApiClient *)>, build);
        QFETCH(Call, send);
        const HttpRequest described = build(m_api.get());
        QVERIFY(described.invalidReason.isEmpty());
        FakeHomeserver::Request r;
        CHECKED(runOne(send(m_api.get()), &r));
        QCOMPARE(r.method, described.verb);
        QByteArray expected = r.rawPath;
        if (!r.rawQuery.isEmpty())
            expected += '?' + r.rawQuery;
        QCOMPARE(described.pathAndQuery, expected);
        QCOMPARE(r.body, described.body);
        QVERIFY(!described.idempotent);
    }

    void aMembershipRequestWithAnUnsendableSegmentSaysWhy()
    {
        const HttpRequest r = Endpoints::leaveRoomRequest(m_api.get(), QStringLiteral(".."), {});
        QVERIFY(!r.invalidReason.isEmpty());
    }

    void forgetRoom()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(
            Endpoints::forgetRoom(m_api.get(), QStringLiteral("!r:localhost"), RetryPolicy::none()),
            &r));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/forget"));
        QCOMPARE(r.body, QByteArray("{}"));
        QCOMPARE(r.authorization, Bearer);
    }

    // --- Moderation (issue 12) -----------------------------------------------------------------

    void moderation_data()
    {
        QTest::addColumn<QByteArray>("action");
        QTest::addColumn<Call>("call");
        const QString room = QStringLiteral("!r:localhost");
        const QString bob = QStringLiteral("@bob:localhost");
        const QString why = QStringLiteral("spam");
        QTest::newRow("kick") << QByteArray("kick") << Call([=](ApiClient *a) {
            return Endpoints::kick(a, room, bob, why, RetryPolicy::bounded());
        });
        QTest::newRow("ban") << QByteArray("ban") << Call([=](ApiClient *a) {
            return Endpoints::ban(a, room, bob, why, RetryPolicy::bounded());
        });
        QTest::newRow("unban") << QByteArray("unban") << Call([=](ApiClient *a) {
            return Endpoints::unban(a, room, bob, why, RetryPolicy::bounded());
        });
    }
    void moderation()
    {
        QFETCH(QByteArray, action);
        QFETCH(Call, call);
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> recorder;
        CHECKED(runOne(call(m_api.get()), &r, &recorder));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, "/_matrix/client/v3/rooms/%21r%3Alocalhost/" + action);
        QVERIFY(r.rawQuery.isEmpty());
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(bodyOf(r),
                 QJsonObject({{QStringLiteral("user_id"), QStringLiteral("@bob:localhost")},
                              {QStringLiteral("reason"), QStringLiteral("spam")}}));
        QCOMPARE(recorder->spec.retry.maxAttempts, RetryPolicy::bounded().maxAttempts);
        QVERIFY(!recorder->spec.idempotent); // a membership change: only ApiCall's policy resends
    }

    void moderationWithoutReasonSendsNoReason()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::ban(m_api.get(), QStringLiteral("!r:localhost"),
                                      QStringLiteral("@bob:localhost"), {}, RetryPolicy::none()),
                       &r));
        QCOMPARE(bodyOf(r),
                 QJsonObject({{QStringLiteral("user_id"), QStringLiteral("@bob:localhost")}}));
    }

    void moderationEncodesAwkwardIdentifiers()
    {
        // A historical room ID with '/', '?', '#' and '%41' stays one segment, encoded once; the
        // user ID travels in the body exactly as given (JSON, not URL encoding).
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::kick(m_api.get(), QStringLiteral("!a/b?c#d%41:localhost"),
                                       QStringLiteral("@we/ird?%41:localhost"),
                                       QStringLiteral("\"quoted\" ünï"), RetryPolicy::none()),
                       &r));
        QCOMPARE(r.rawPath,
                 QByteArray("/_matrix/client/v3/rooms/%21a%2Fb%3Fc%23d%2541%3Alocalhost/kick"));
        QVERIFY(r.rawQuery.isEmpty());
        QCOMPARE(bodyOf(r),
                 QJsonObject({{QStringLiteral("user_id"), QStringLiteral("@we/ird?%41:localhost")},
                              {QStringLiteral("reason"), QStringLiteral("\"quoted\" ünï")}}));
    }

    void moderationWithoutAUserSendsNothing_data()
    {
        QTest::addColumn<Call>("call");
        const QString room = QStringLiteral("!r:localhost");
        QTest::newRow("kick") << Call(
            [=](ApiClient *a) { return Endpoints::kick(a, room, {}, {}, {}); });
        QTest::newRow("ban") << Call(
            [=](ApiClient *a) { return Endpoints::ban(a, room, {}, {}, {}); });
        QTest::newRow("unban") << Call(
            [=](ApiClient *a) { return Endpoints::unban(a, room, {}, {}, {}); });
    }
    void moderationWithoutAUserSendsNothing()
    {
        QFETCH(Call, call);
        CallRecorder recorder(call(m_api.get()));
        QVERIFY(recorder.wait());
        QCOMPARE(recorder.error.kind, MatrixError::InvalidInput);
        QCOMPARE(recorder.sendings, 0);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    // --- Knocking and discovery (issue 13) ------------------------------------------------------

    void knockRoom()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(
            runOne(Endpoints::knockRoom(m_api.get(), QStringLiteral("#ask me/x:localhost"),
                                        {QStringLiteral("one.org"), QStringLiteral("two.org:8448")},
                                        QStringLiteral("let me in"), RetryPolicy::bounded()),
                   &r, &call));
        QCOMPARE(r.method, QByteArray("POST"));
        // The alias as one segment: '#', ' ', '/' and ':' encoded.
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/knock/%23ask%20me%2Fx%3Alocalhost"));
        // `via` (v1.12) and `server_name` (before) with the same values, as for a join.
        QCOMPARE(r.rawQuery, QByteArray("via=one.org&via=two.org%3A8448"
                                        "&server_name=one.org&server_name=two.org%3A8448"));
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(bodyOf(r), QJsonObject({{QStringLiteral("reason"), QStringLiteral("let me in")}}));
        QCOMPARE(call->spec.retry.maxAttempts, RetryPolicy::bounded().maxAttempts);
        QVERIFY(!call->spec.idempotent); // a membership change: only ApiCall's policy resends
    }

    void knockRoomWithoutViaOrReason()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::knockRoom(m_api.get(), QStringLiteral("!k:localhost"), {}, {},
                                            RetryPolicy::none()),
                       &r));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/knock/%21k%3Alocalhost"));
        QVERIFY(r.rawQuery.isEmpty());
        QCOMPARE(r.body, QByteArray("{}"));
    }

    void getPublicRoomsWithoutATermIsAGet()
    {
        Endpoints::PublicRoomsParams params;
        params.server = QStringLiteral("other.org:8448");
        params.limit = 25;
        params.since = QStringLiteral("p/1+2&x=y");
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::getPublicRooms(m_api.get(), params), &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/publicRooms"));
        // server, limit, since in the query; the batch token kept whole (its '&', '=', '+', '/'
        // encoded).
        const QUrlQuery query(QString::fromLatin1(r.rawQuery));
        QCOMPARE(query.queryItems(QUrl::FullyDecoded).size(), 3);
        QCOMPARE(query.queryItemValue(QStringLiteral("server"), QUrl::FullyDecoded),
                 QStringLiteral("other.org:8448"));
        QCOMPARE(query.queryItemValue(QStringLiteral("limit"), QUrl::FullyDecoded),
                 QStringLiteral("25"));
        QCOMPARE(query.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded),
                 QStringLiteral("p/1+2&x=y"));
        QVERIFY2(r.rawQuery.contains("since=p%2F1%2B2%26x%3Dy"), r.rawQuery.constData());
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.authorization, Bearer);
    }

    void getPublicRoomsFirstPageOfTheOwnServerSendsNoQuery()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::getPublicRooms(m_api.get(), {}), &r));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/publicRooms"));
        QVERIFY2(r.rawQuery.isEmpty(), r.rawQuery.constData());
    }

    void getPublicRoomsWithATermIsAPostWithAFilter()
    {
        Endpoints::PublicRoomsParams params;
        params.server = QStringLiteral("other.org");
        params.limit = 10;
        params.since = QStringLiteral("next-2");
        params.searchTerm = QStringLiteral("rust \"lang\"");
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::getPublicRooms(m_api.get(), params), &r, &call));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/publicRooms"));
        // Only the server in the query (the spec's POST form); the rest in the body.
        QCOMPARE(r.rawQuery, QByteArray("server=other.org"));
        QCOMPARE(bodyOf(r), QJsonObject({{QStringLiteral("limit"), 10},
                                         {QStringLiteral("since"), QStringLiteral("next-2")},
                                         {QStringLiteral("filter"),
                                          QJsonObject{{QStringLiteral("generic_search_term"),
                                                       QStringLiteral("rust \"lang\"")}}}}));
        QCOMPARE(r.authorization, Bearer);
        QVERIFY(call->spec.idempotent); // a search: sending it again changes nothing
    }

    void getPublicRoomsFirstSearchPageHasNoSince()
    {
        Endpoints::PublicRoomsParams params;
        params.searchTerm = QStringLiteral("x");
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::getPublicRooms(m_api.get(), params), &r));
        QCOMPARE(r.method, QByteArray("POST"));
        QVERIFY(r.rawQuery.isEmpty());
        QCOMPARE(bodyOf(r), QJsonObject({{QStringLiteral("filter"),
                                          QJsonObject{{QStringLiteral("generic_search_term"),
                                                       QStringLiteral("x")}}}}));
    }

    void getRoomSummaryByAlias()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::getRoomSummary(
                           m_api.get(), QStringLiteral("#room#1:other.org"),
                           {QStringLiteral("other.org"), QStringLiteral("third.org:8448")}),
                       &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        // '#' and ':' encoded: the alias is one segment, not a fragment.
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v1/room_summary/%23room%231%3Aother.org"));
        QCOMPARE(r.rawQuery, QByteArray("via=other.org&via=third.org%3A8448"));
        QCOMPARE(r.authorization, Bearer);
        QVERIFY(r.body.isEmpty());
    }

    // room_summary exists only under v1, whatever client API version the server speaks.
    void getRoomSummaryIsAlwaysUnderV1()
    {
        m_api->setClientApiVersion(QStringLiteral("r0"));
        FakeHomeserver::Request r;
        CHECKED(
            runOne(Endpoints::getRoomSummary(m_api.get(), QStringLiteral("!r:localhost"), {}), &r));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v1/room_summary/%21r%3Alocalhost"));
        QVERIFY(r.rawQuery.isEmpty());
    }

    // --- Room state -----------------------------------------------------------------------------

    void getRoomStateWithKey()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::getRoomStateWithKey(m_api.get(), QStringLiteral("!r:localhost"),
                                                      QStringLiteral("m.room.member"),
                                                      QStringLiteral("@me:localhost")),
                       &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(
            r.rawPath,
            QByteArray(
                "/_matrix/client/v3/rooms/%21r%3Alocalhost/state/m.room.member/%40me%3Alocalhost"));
        QCOMPARE(r.authorization, Bearer);
        QVERIFY(r.body.isEmpty());
        QVERIFY(call->spec.idempotent);
    }

    void getRoomStateWithEmptyKey()
    {
        // The empty state key is legitimate (m.room.create, m.room.name): the path ends in '/'.
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::getRoomStateWithKey(m_api.get(), QStringLiteral("!r:localhost"),
                                                      QStringLiteral("m.room.create"), {}),
                       &r));
        QCOMPARE(r.rawPath,
                 QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/state/m.room.create/"));
    }

    void getRoomStateAsAWholeEvent()
    {
        // ?format=event (v1.16): the whole event, e.g. the creator as the create event's sender.
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::getRoomStateWithKey(m_api.get(), QStringLiteral("!r:localhost"),
                                                      QStringLiteral("m.room.create"), {},
                                                      Endpoints::StateFormat::Event),
                       &r));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath,
                 QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/state/m.room.create/"));
        QCOMPARE(r.rawQuery, QByteArray("format=event"));
        m_fake->clear();
        CHECKED(runOne(Endpoints::getRoomStateWithKey(m_api.get(), QStringLiteral("!r:localhost"),
                                                      QStringLiteral("m.room.create"), {}),
                       &r));
        QVERIFY(r.rawQuery.isEmpty()); // the content, as before
    }

    void getRoomIdByAlias()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::getRoomIdByAlias(m_api.get(), QStringLiteral("#a b#c:localhost")),
                       &r));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath,
                 QByteArray("/_matrix/client/v3/directory/room/%23a%20b%23c%3Alocalhost"));
        QCOMPARE(r.authorization, Bearer);
    }

    void getMembersByRoom()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::getMembersByRoom(m_api.get(), QStringLiteral("!r:localhost"),
                                                   QStringLiteral("leave")),
                       &r));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/members"));
        QCOMPARE(r.rawQuery, QByteArray("not_membership=leave"));
        QCOMPARE(r.authorization, Bearer);
        m_fake->clear();
        FakeHomeserver::Request all;
        CHECKED(
            runOne(Endpoints::getMembersByRoom(m_api.get(), QStringLiteral("!r:localhost")), &all));
        QCOMPARE(all.rawPath, QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/members"));
        QVERIFY(all.rawQuery.isEmpty());
    }

    // --- Users ----------------------------------------------------------------------------------

    void searchUserDirectory()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::searchUserDirectory(m_api.get(), QStringLiteral("al ice"), 10),
                       &r, &call));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/user_directory/search"));
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(bodyOf(r), QJsonObject({{QStringLiteral("search_term"), QStringLiteral("al ice")},
                                         {QStringLiteral("limit"), 10}}));
        QVERIFY(call->spec.idempotent); // a search changes nothing
        QCOMPARE(call->spec.deadlineMs, Timeouts::Discovery);
    }

    // --- Media ----------------------------------------------------------------------------------

    void getContentThumbnailAuthed()
    {
        m_fake->script("/_matrix/client/v1/media/", {{200, "\x89PNG-bytes", {}, "image/png"}});
        m_api->setClientApiVersion(QStringLiteral("r0")); // media is v1 regardless
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(
            Endpoints::getContentThumbnailAuthed(m_api.get(), QStringLiteral("localhost:8448"),
                                                 QStringLiteral("abc_DEF-1"), QSize(96, 64)),
            &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath,
                 QByteArray("/_matrix/client/v1/media/thumbnail/localhost%3A8448/abc_DEF-1"));
        QCOMPARE(r.rawQuery, QByteArray("width=96&height=64&method=crop"));
        QCOMPARE(r.authorization, Bearer); // authenticated media
        QCOMPARE(call->bytes, QByteArray("\x89PNG-bytes"));
        QCOMPARE(call->contentType, QByteArray("image/png"));
        QVERIFY(!call->spec.expectJson);
        QCOMPARE(call->spec.maxResponseBytes, Limits::ThumbnailBytes);
        QCOMPARE(call->spec.deadlineMs, Timeouts::Media);
    }

    // --- Client API version ---------------------------------------------------------------------

    void clientVersionPrefix_data()
    {
        QTest::addColumn<Call>("call");
        QTest::addColumn<QByteArray>("v3Path");
        const QString room = QStringLiteral("!r:localhost");
        QTest::newRow("getTokenOwner")
            << Call([](ApiClient *a) { return Endpoints::getTokenOwner(a); })
            << QByteArray("/_matrix/client/v3/account/whoami");
        QTest::newRow("sync") << Call([](ApiClient *a) { return Endpoints::sync(a, {}); })
                              << QByteArray("/_matrix/client/v3/sync");
        QTest::newRow("joinRoom") << Call([room](ApiClient *a) {
            return Endpoints::joinRoom(a, room, {}, {}, {});
        }) << QByteArray("/_matrix/client/v3/join/%21r%3Alocalhost");
        QTest::newRow("leaveRoom")
            << Call([room](ApiClient *a) { return Endpoints::leaveRoom(a, room, {}, {}); })
            << QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/leave");
        QTest::newRow("inviteUser") << Call([room](ApiClient *a) {
            return Endpoints::inviteUser(a, room, QStringLiteral("@b:localhost"), {}, {});
        }) << QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/invite");
        QTest::newRow("forgetRoom")
            << Call([room](ApiClient *a) { return Endpoints::forgetRoom(a, room, {}); })
            << QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/forget");
        QTest::newRow("getRoomStateWithKey") << Call([room](ApiClient *a) {
            return Endpoints::getRoomStateWithKey(a, room, QStringLiteral("m.room.name"), {});
        }) << QByteArray("/_matrix/client/v3/rooms/%21r%3Alocalhost/state/m.room.name/");
        QTest::newRow("getRoomIdByAlias") << Call([](ApiClient *a) {
            return Endpoints::getRoomIdByAlias(a, QStringLiteral("#a:localhost"));
        }) << QByteArray("/_matrix/client/v3/directory/room/%23a%3Alocalhost");
        QTest::newRow("searchUserDirectory") << Call([](ApiClient *a) {
            return Endpoints::searchUserDirectory(a, QStringLiteral("a"), 5);
        }) << QByteArray("/_matrix/client/v3/user_directory/search");
        QTest::newRow("knockRoom")
            << Call([room](ApiClient *a) { return Endpoints::knockRoom(a, room, {}, {}, {}); })
            << QByteArray("/_matrix/client/v3/knock/%21r%3Alocalhost");
        QTest::newRow("getPublicRooms")
            << Call([](ApiClient *a) { return Endpoints::getPublicRooms(a, {}); })
            << QByteArray("/_matrix/client/v3/publicRooms");
    }
    void clientVersionPrefix()
    {
        QFETCH(Call, call);
        QFETCH(QByteArray, v3Path);
        for (const QByteArray &version : {QByteArray("v3"), QByteArray("r0")}) {
            m_fake->clear();
            m_api->setClientApiVersion(QString::fromLatin1(version));
            CallRecorder recorder(call(m_api.get()));
            QVERIFY(recorder.wait());
            QVERIFY2(!recorder.error.isError(), qPrintable(recorder.error.summary()));
            QCOMPARE(m_fake->requests().size(), 1);
            QByteArray expected = v3Path;
            expected.replace("/_matrix/client/v3/", "/_matrix/client/" + version + '/');
            QCOMPARE(m_fake->requests().first().rawPath, expected);
        }
    }

    // --- Defect 12: a path segment the URL layer would treat as structure ----------------------

    void dotSegmentsAreRefused_data()
    {
        QTest::addColumn<Call>("call");
        const QString room = QStringLiteral("!r:localhost");
        for (const QString &bad : {QStringLiteral(".."), QStringLiteral("."), QString()}) {
            const QByteArray tag = bad.isEmpty() ? QByteArray("empty") : bad.toLatin1();
            auto row = [&](const char *name, Call call) {
                QTest::newRow((QByteArray(name) + " " + tag).constData()) << call;
            };
            row("thumbnail server", [bad](ApiClient *a) {
                return Endpoints::getContentThumbnailAuthed(a, bad, QStringLiteral("config"),
                                                            {96, 96});
            });
            row("thumbnail media", [bad](ApiClient *a) {
                return Endpoints::getContentThumbnailAuthed(a, QStringLiteral("localhost"), bad,
                                                            {96, 96});
            });
            row("joinRoom",
                [bad](ApiClient *a) { return Endpoints::joinRoom(a, bad, {}, {}, {}); });
            row("leaveRoom", [bad](ApiClient *a) { return Endpoints::leaveRoom(a, bad, {}, {}); });
            row("inviteUser", [bad](ApiClient *a) {
                return Endpoints::inviteUser(a, bad, QStringLiteral("@b:localhost"), {}, {});
            });
            row("forgetRoom", [bad](ApiClient *a) { return Endpoints::forgetRoom(a, bad, {}); });
            row("kick", [bad](ApiClient *a) {
                return Endpoints::kick(a, bad, QStringLiteral("@b:localhost"), {}, {});
            });
            row("ban", [bad](ApiClient *a) {
                return Endpoints::ban(a, bad, QStringLiteral("@b:localhost"), {}, {});
            });
            row("unban", [bad](ApiClient *a) {
                return Endpoints::unban(a, bad, QStringLiteral("@b:localhost"), {}, {});
            });
            row("state room", [bad](ApiClient *a) {
                return Endpoints::getRoomStateWithKey(a, bad, QStringLiteral("m.room.name"), {});
            });
            row("state type", [room, bad](ApiClient *a) {
                return Endpoints::getRoomStateWithKey(a, room, bad,
                                                      QStringLiteral("@me:localhost"));
            });
            if (!bad.isEmpty()) // an empty state key is legitimate (see getRoomStateWithEmptyKey)
                row("state key", [room, bad](ApiClient *a) {
                    return Endpoints::getRoomStateWithKey(a, room, QStringLiteral("m.room.member"),
                                                          bad);
                });
            row("getRoomIdByAlias",
                [bad](ApiClient *a) { return Endpoints::getRoomIdByAlias(a, bad); });
        }
    }
    void dotSegmentsAreRefused()
    {
        QFETCH(Call, call);
        CallRecorder recorder(call(m_api.get()));
        QVERIFY(recorder.wait());
        QCOMPARE(recorder.error.kind, MatrixError::InvalidInput);
        QVERIFY2(recorder.error.message.contains(QLatin1String("cannot be part of a request path")),
                 qPrintable(recorder.error.message));
        QCOMPARE(recorder.sendings, 0);
        QCOMPARE(m_fake->requests().size(), 0); // nothing at all reached the server
    }

    void dotsInsideASegmentAreData()
    {
        // Only a whole "." or ".." segment is structure; dots within one are sent as they are.
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::getContentThumbnailAuthed(m_api.get(), QStringLiteral("a..b"),
                                                            QStringLiteral("..x"), {8, 8}),
                       &r));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v1/media/thumbnail/a..b/..x"));
    }

    // --- Account data ---------------------------------------------------------------------------

    void getAccountData()
    {
        m_fake->script("/_matrix/client/v3/user/",
                       {{200, R"({"ignored_users":{"@x:spam.example":{}}})"}});
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::getAccountData(m_api.get(), QStringLiteral("@me:localhost"),
                                                 QStringLiteral("m.ignored_user_list")),
                       &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/user/%40me%3Alocalhost/account_data/"
                                       "m.ignored_user_list"));
        QVERIFY(r.rawQuery.isEmpty());
        QCOMPARE(r.authorization, Bearer);
        QVERIFY(r.body.isEmpty());
        QVERIFY(call->spec.idempotent);
        QVERIFY(call->json.value(QLatin1String("ignored_users"))
                    .toObject()
                    .contains(QLatin1String("@x:spam.example")));
    }

    void getAccountDataNotSetIsNotFound()
    {
        m_fake->script("/_matrix/client/v3/user/",
                       {{404, R"({"errcode":"M_NOT_FOUND","error":"Account data not found"})"}});
        CallRecorder call(Endpoints::getAccountData(m_api.get(), QStringLiteral("@me:localhost"),
                                                    QStringLiteral("m.invite_permission_config")));
        QVERIFY(call.wait());
        QCOMPARE(call.error.httpStatus, 404);
        QCOMPARE(call.error.errcode, QStringLiteral("M_NOT_FOUND"));
    }

    void setAccountData()
    {
        const QJsonObject content{{QStringLiteral("default_action"), QStringLiteral("block")}};
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(
            runOne(Endpoints::setAccountData(m_api.get(), QStringLiteral("@me:localhost"),
                                             QStringLiteral("m.invite_permission_config"), content),
                   &r, &call));
        QCOMPARE(r.method, QByteArray("PUT"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/user/%40me%3Alocalhost/account_data/"
                                       "m.invite_permission_config"));
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(bodyOf(r), content);
        QVERIFY(call->spec.idempotent); // the whole content replaces the old one
    }

    void accountDataSegmentsAreOneSegmentEach()
    {
        // A user ID or type with '/', '?' or '#' stays one segment; an empty one is refused.
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::setAccountData(m_api.get(), QStringLiteral("@a/b?c:x"),
                                                 QStringLiteral("t#1/2"), {}),
                       &r));
        QCOMPARE(r.rawPath,
                 QByteArray("/_matrix/client/v3/user/%40a%2Fb%3Fc%3Ax/account_data/t%231%2F2"));
        QCOMPARE(bodyOf(r), QJsonObject());
        m_fake->clear();
        for (const QString &bad : {QString(), QStringLiteral("..")}) {
            CallRecorder get(Endpoints::getAccountData(m_api.get(), bad, QStringLiteral("t")));
            CallRecorder put(
                Endpoints::setAccountData(m_api.get(), QStringLiteral("@a:x"), bad, {}));
            QVERIFY(get.wait());
            QVERIFY(put.wait());
            QCOMPARE(get.error.kind, MatrixError::InvalidInput);
            QCOMPARE(put.error.kind, MatrixError::InvalidInput);
        }
        QCOMPARE(m_fake->requests().size(), 0);
    }

    // --- Room power probe ---
    void getJoinedMembersByRoom()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(
            runOne(Endpoints::getJoinedMembersByRoom(m_api.get(), QStringLiteral("!r/1:localhost")),
                   &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath,
                 QByteArray("/_matrix/client/v3/rooms/%21r%2F1%3Alocalhost/joined_members"));
        QVERIFY(r.rawQuery.isEmpty());
        QCOMPARE(r.authorization, Bearer);
        QVERIFY(call->spec.idempotent);
        m_fake->clear();
        CallRecorder empty(Endpoints::getJoinedMembersByRoom(m_api.get(), QString()));
        QVERIFY(empty.wait());
        QCOMPARE(empty.error.kind, MatrixError::InvalidInput);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    // --- Spaces ---
    // Every parameter: one segment for the room ID, under v1 whatever the client API version.
    void getSpaceHierarchy()
    {
        m_api->setClientApiVersion(QStringLiteral("r0"));
        Endpoints::SpaceHierarchyParams params;
        params.from = QStringLiteral("batch&1=2");
        params.limit = 2;
        params.maxDepth = 0;
        params.suggestedOnly = true;
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(
            Endpoints::getSpaceHierarchy(m_api.get(), QStringLiteral("!s/1:localhost"), params), &r,
            &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v1/rooms/%21s%2F1%3Alocalhost/hierarchy"));
        QCOMPARE(r.rawQuery,
                 QByteArray("suggested_only=true&limit=2&max_depth=0&from=batch%261%3D2"));
        QCOMPARE(r.authorization, Bearer);
        QVERIFY(r.body.isEmpty());
        QVERIFY(call->spec.idempotent);
    }
    // The defaults send no query at all; an empty room ID sends nothing.
    void getSpaceHierarchyDefaults()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(
            Endpoints::getSpaceHierarchy(m_api.get(), QStringLiteral("!s:localhost"), {}), &r));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v1/rooms/%21s%3Alocalhost/hierarchy"));
        QVERIFY(r.rawQuery.isEmpty());
        m_fake->clear();
        CallRecorder empty(Endpoints::getSpaceHierarchy(m_api.get(), QString(), {}));
        QVERIFY(empty.wait());
        QCOMPARE(empty.error.kind, MatrixError::InvalidInput);
        QCOMPARE(m_fake->requests().size(), 0);
    }
    // --- Login ---
    void getLoginFlows()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::getLoginFlows(m_api.get()), &r, &call));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/login"));
        QVERIFY(r.authorization.isEmpty()); // asked before any sign-in
        QCOMPARE(call->spec.maxResponseBytes, Limits::DiscoveryResponseBytes);
    }
    void getAuthMetadata()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::getAuthMetadata(m_api.get()), &r));
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v1/auth_metadata"));
        QVERIFY(r.authorization.isEmpty());
    }
    void loginWithPassword()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        Endpoints::PasswordLogin login{QStringLiteral("@a:b.org"), QStringLiteral("p w\"d"),
                                       QStringLiteral("Concierge on box"), true};
        CHECKED(runOne(Endpoints::loginWithPassword(m_api.get(), login), &r, &call));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/login"));
        QVERIFY(r.rawQuery.isEmpty());
        QVERIFY(r.authorization.isEmpty());
        QCOMPARE(bodyOf(r), (QJsonObject{{"type", "m.login.password"},
                                         {"identifier",
                                          QJsonObject{{"type", "m.id.user"}, {"user", "@a:b.org"}}},
                                         {"password", "p w\"d"},
                                         {"initial_device_display_name", "Concierge on box"},
                                         {"refresh_token", true}}));
        QVERIFY(!call->spec.idempotent);
        QCOMPARE(call->spec.retry.maxAttempts, 1);
    }
    void loginWithToken()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(runOne(Endpoints::loginWithToken(m_api.get(), {QStringLiteral("syl_abc"),
                                                               QStringLiteral("Concierge on box"),
                                                               true}),
                       &r, &call));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/login"));
        QVERIFY(r.authorization.isEmpty());
        QCOMPARE(bodyOf(r), (QJsonObject{{"type", "m.login.token"},
                                         {"token", "syl_abc"},
                                         {"initial_device_display_name", "Concierge on box"},
                                         {"refresh_token", true}}));
        QVERIFY(!call->spec.idempotent); // the token is single-use
        QCOMPARE(call->spec.retry.maxAttempts, 1);
    }
    // Not a call: the address the browser opens, under the homeserver's base (with its path).
    void ssoRedirectUrl()
    {
        ApiClient api(m_nam.get());
        api.setHomeserver(QUrl(QStringLiteral("https://hs.example.org/base")));
        const QUrl back(QStringLiteral("http://127.0.0.1:4242/abc"));
        QCOMPARE(Endpoints::ssoRedirectUrl(&api, back).toEncoded(),
                 QByteArray("https://hs.example.org/base/_matrix/client/v3/login/sso/redirect"
                            "?redirectUrl=http%3A%2F%2F127.0.0.1%3A4242%2Fabc"));
        QCOMPARE(Endpoints::ssoRedirectUrl(&api, back, QStringLiteral("oidc/github")).toEncoded(),
                 QByteArray("https://hs.example.org/base/_matrix/client/v3/login/sso/redirect/"
                            "oidc%2Fgithub?redirectUrl=http%3A%2F%2F127.0.0.1%3A4242%2Fabc"));
        // An identity provider ID that would change the path is refused: no address at all.
        QVERIFY(Endpoints::ssoRedirectUrl(&api, back, QStringLiteral("..")).isEmpty());
        QVERIFY(Endpoints::ssoRedirectUrl(&api, QUrl()).isEmpty());
    }
    void refreshAccessToken()
    {
        FakeHomeserver::Request r;
        std::unique_ptr<CallRecorder> call;
        CHECKED(
            runOne(Endpoints::refreshAccessToken(m_api.get(), QStringLiteral("rt")), &r, &call));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/refresh"));
        QVERIFY(r.authorization.isEmpty()); // the refresh token is the credential
        QCOMPARE(bodyOf(r), (QJsonObject{{"refresh_token", "rt"}}));
        QVERIFY(!call->spec.authenticated);
    }
    void logout()
    {
        FakeHomeserver::Request r;
        CHECKED(runOne(Endpoints::logout(m_api.get()), &r));
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/logout"));
        QCOMPARE(r.authorization, Bearer);
        QCOMPARE(bodyOf(r), QJsonObject());
    }
};

QTEST_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
