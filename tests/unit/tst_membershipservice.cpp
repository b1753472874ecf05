// MembershipService and Operation against a scripted homeserver: the request each kind of action
// sends, what is refused before anything is sent, how waits (rate limits, an unavailable server,
// an expired session) show, and what an operation reports when an answer is lost (issue 9,
// defects 14 and 15).
#include "actions/membershipservice.h"
#include "api/apiclient.h"
#include "appservices.h"
#include "fakehomeserver.h"
#include "sync/roomstore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

namespace {
const QByteArray Token = "syt_secret_token_for_tests";
const QString Me = QStringLiteral("@me:localhost");
const QString Room = QStringLiteral("!r:localhost");
const QByteArray Rooms = "/_matrix/client/v3/rooms/";
const QByteArray RoomPath = "/_matrix/client/v3/rooms/%21r%3Alocalhost";
const QByteArray MyMemberEvent = RoomPath + "/state/m.room.member/%40me%3Alocalhost";
const char *const Forbidden = R"({"errcode":"M_FORBIDDEN","error":"You are not allowed"})";
const char *const SoftLogout =
    R"({"errcode":"M_UNKNOWN_TOKEN","error":"Token expired","soft_logout":true})";

QJsonObject syncWith(const char *section, const QString &roomId, const QString &name)
{
    const QJsonObject nameEvent{
        {QStringLiteral("type"), QStringLiteral("m.room.name")},
        {QStringLiteral("state_key"), QString()},
        {QStringLiteral("content"), QJsonObject{{QStringLiteral("name"), name}}}};
    const QJsonObject room{
        {QStringLiteral("state"), QJsonObject{{QStringLiteral("events"), QJsonArray{nameEvent}}}}};
    return {{QStringLiteral("next_batch"), QStringLiteral("s")},
            {QStringLiteral("rooms"),
             QJsonObject{{QLatin1String(section), QJsonObject{{roomId, room}}}}}};
}

QByteArray membership(const char *value)
{
    return QByteArray(R"({"membership":")") + value + R"("})";
}

// Waits until the operation has ended; false on timeout (use as QVERIFY(finishes(op))).
bool finishes(Operation *operation, int timeoutMs = 10000)
{
    if (!operation)
        return false;
    if (operation->isFinished())
        return true;
    QSignalSpy spy(operation, &Operation::finished);
    return spy.wait(timeoutMs);
}

// Small backoffs keep retry tests fast; the shape is the real policies'.
RetryPolicy quick(int maxAttempts)
{
    return {maxAttempts, 20, 80, 120000};
}
} // namespace

class TestMembershipService : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<MembershipService> m_service;

    // A POST whose answer never comes: every attempt ends at the (shortened) deadline, and the
    // bounded policy gives up after two of them.
    void loseEveryAnswer(const QByteArray &prefix)
    {
        m_api->setDeadlineCap(300);
        m_service->setRetryPolicy({2, 10, 10, 120000});
        m_fake->script(prefix, {FakeHomeserver::Reply::stall()});
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
        m_store->setOwnUserId(Me);
        m_service = std::make_unique<MembershipService>(m_api.get(), m_store.get());
        m_service->setRetryPolicy(quick(5));
    }
    void cleanup()
    {
        m_service.reset();
        m_store.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    // --- What each kind sends ------------------------------------------------------------------

    void joinSendsAliasIntactWithViaAndServerName()
    {
        m_fake->script("/_matrix/client/v3/join/", {{200, R"({"room_id":"!joined:localhost"})"}});
        Operation *op = m_service->join(QStringLiteral("#a/b?c%41:localhost"),
                                        {QStringLiteral("one.org"), QStringLiteral("two.org:8448")},
                                        QStringLiteral("because"));
        QSignalSpy finished(op, &Operation::finished);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QVERIFY2(!op->error().isError(), qPrintable(op->error().summary()));
        QCOMPARE(op->kind(), Operation::Join);
        QCOMPARE(op->target(), QStringLiteral("#a/b?c%41:localhost"));
        QCOMPARE(op->resultRoomId(), QStringLiteral("!joined:localhost")); // the alias resolved
        const auto requests = m_fake->requestsTo("/_matrix/client/v3/join/");
        QCOMPARE(requests.size(), 1);
        const auto &r = requests.first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/join/%23a%2Fb%3Fc%2541%3Alocalhost"));
        QCOMPARE(r.rawQuery, QByteArray("via=one.org&via=two.org%3A8448&server_name=one.org&"
                                        "server_name=two.org%3A8448"));
        QCOMPARE(r.authorization, "Bearer " + Token);
        QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("reason")).toString(),
                 QStringLiteral("because"));
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(finished.count(), 1);
    }

    void eachKindSendsItsRequest_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("userId");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("join by room ID")
            << int(Operation::Join) << QString() << QString()
            << QByteArray("/_matrix/client/v3/join/%21r%3Alocalhost") << QByteArray("{}");
        QTest::newRow("leave") << int(Operation::Leave) << QString() << QStringLiteral("bye")
                               << RoomPath + "/leave" << QByteArray(R"({"reason":"bye"})");
        QTest::newRow("invite") << int(Operation::Invite) << QStringLiteral("@bob:localhost")
                                << QStringLiteral("hi") << RoomPath + "/invite"
                                << QByteArray(R"({"reason":"hi","user_id":"@bob:localhost"})");
        QTest::newRow("forget") << int(Operation::Forget) << QString() << QString()
                                << RoomPath + "/forget" << QByteArray("{}");
    }
    void eachKindSendsItsRequest()
    {
        QFETCH(int, kind);
        QFETCH(QString, userId);
        QFETCH(QString, reason);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        m_fake->script("/_matrix/client/v3/", {{200, R"({"room_id":"!r:localhost"})"}});
        Operation::Description d;
        d.kind = Operation::Kind(kind);
        d.target = Room;
        d.userId = userId;
        d.reason = reason;
        QSignalSpy finishedOnService(m_service.get(), &MembershipService::operationFinished);
        Operation *op = m_service->run(d);
        QCOMPARE(m_service->operationFor(Room), op);
        QCOMPARE(op->state(), Operation::Running);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(op->resultRoomId(), Room);
        QCOMPARE(m_fake->requests().size(), 1);
        const auto &r = m_fake->requests().first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, path);
        QCOMPARE(QJsonDocument::fromJson(r.body).object(), QJsonDocument::fromJson(body).object());
        QVERIFY(!r.rawQuery.contains("access_token"));
        QCOMPARE(finishedOnService.count(), 1);
        QCOMPARE(finishedOnService.first().first().value<Operation *>(), op);
    }

    void emptyBodiesAreJsonObjects()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        Operation *forget = m_service->forget(Room);
        Operation *leave = m_service->leave(QStringLiteral("!s:localhost"));
        QVERIFY(finishes(forget));
        QVERIFY(finishes(leave));
        QCOMPARE(forget->state(), Operation::Succeeded);
        QCOMPARE(leave->state(), Operation::Succeeded);
        const auto requests = m_fake->requestsTo(Rooms);
        QCOMPARE(requests.size(), 2);
        for (const auto &r : requests)
            QCOMPARE(r.body, QByteArray("{}"));
    }

    void inviteBody()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        Operation *op =
            m_service->invite(Room, QStringLiteral(" @bob:localhost "), QStringLiteral("hi"));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(op->userId(), QStringLiteral("@bob:localhost")); // trimmed
        const QJsonObject body = QJsonDocument::fromJson(m_fake->requests().last().body).object();
        QCOMPARE(body.value(QLatin1String("user_id")).toString(), QStringLiteral("@bob:localhost"));
        QCOMPARE(body.value(QLatin1String("reason")).toString(), QStringLiteral("hi"));
    }

    void clientErrorsAreNotRetried()
    {
        m_fake->script(Rooms, {{403, Forbidden}});
        Operation *op = m_service->leave(Room);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().errcode, QStringLiteral("M_FORBIDDEN"));
        QCOMPARE(op->error().message, QStringLiteral("You are not allowed"));
        QCOMPARE(m_fake->requests().size(), 1);
        // What the room's row shows.
        QCOMPARE(m_service->operationFor(Room)->error().summary(), op->error().summary());
    }

    void malformedSuccessIsChecked_data()
    {
        QTest::addColumn<QByteArray>("member");
        QTest::addColumn<int>("expected");
        // The server said 200 but the body is garbage: ask what the membership is now.
        QTest::newRow("not joined") << membership("leave") << int(Operation::Failed);
        QTest::newRow("joined") << membership("join") << int(Operation::Succeeded);
    }
    void malformedSuccessIsChecked()
    {
        QFETCH(QByteArray, member);
        QFETCH(int, expected);
        m_fake->script("/_matrix/client/v3/join/", {{200, "this is not json", {}, "text/plain"}});
        m_fake->script(Rooms, {{200, member}});
        Operation *op = m_service->join(Room);
        QVERIFY(finishes(op));
        QCOMPARE(int(op->state()), expected);
        if (op->state() == Operation::Failed)
            QCOMPARE(op->error().kind, MatrixError::MalformedResponse);
        QCOMPARE(m_fake->requestsTo(MyMemberEvent).size(), 1);
    }

    // --- Refused without sending ---------------------------------------------------------------

    void invalidInputSendsNothing_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("userId");
        QTest::addColumn<QStringList>("via");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("messagePart");
        const int join = Operation::Join;
        QTest::newRow("leave: not a room ID") << int(Operation::Leave) << "not-a-room" << QString()
                                              << QStringList() << QString() << "";
        QTest::newRow("leave: an alias")
            << int(Operation::Leave) << "#a:b.org" << QString() << QStringList() << QString() << "";
        QTest::newRow("join: bare word")
            << join << "lobby" << QString() << QStringList() << QString() << "";
        QTest::newRow("join: empty")
            << join << "  " << QString() << QStringList() << QString() << "";
        QTest::newRow("join: bad via")
            << join << "#a:b.org" << QString() << QStringList{QStringLiteral("bad host")}
            << QString() << "Server to join through";
        QTest::newRow("join: 4 via servers")
            << join << "#a:b.org" << QString()
            << QStringList{QStringLiteral("a.org"), QStringLiteral("b.org"),
                           QStringLiteral("c.org"), QStringLiteral("d.org")}
            << QString() << "At most 3";
        QTest::newRow("join: reason too long") << join << "#a:b.org" << QString() << QStringList()
                                               << QString(1025, QLatin1Char('x')) << "too long";
        QTest::newRow("invite: no @") << int(Operation::Invite) << "!room:localhost"
                                      << "bob" << QStringList() << QString() << "'@'";
        QTest::newRow("invite: bad room") << int(Operation::Invite) << "room"
                                          << "@bob:localhost" << QStringList() << QString() << "";
        QTest::newRow("leave: via")
            << int(Operation::Leave) << "!room:localhost" << QString()
            << QStringList{QStringLiteral("a.org")} << QString() << "only apply to a join";
        QTest::newRow("leave: a user")
            << int(Operation::Leave) << "!room:localhost"
            << "@bob:localhost" << QStringList() << QString() << "Only an invite";
        QTest::newRow("forget: a reason")
            << int(Operation::Forget) << "!room:localhost" << QString() << QStringList() << "why"
            << "no reason";
    }
    void invalidInputSendsNothing()
    {
        QFETCH(int, kind);
        QFETCH(QString, target);
        QFETCH(QString, userId);
        QFETCH(QStringList, via);
        QFETCH(QString, reason);
        QFETCH(QString, messagePart);
        Operation::Description d;
        d.kind = Operation::Kind(kind);
        d.target = target;
        d.userId = userId;
        d.via = via;
        d.reason = reason;
        QSignalSpy finishedOnService(m_service.get(), &MembershipService::operationFinished);
        Operation *op = m_service->run(d);
        QVERIFY(op);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().kind, MatrixError::InvalidInput);
        QVERIFY(op->error().errcode.isEmpty());
        QVERIFY2(!op->error().message.isEmpty() && op->error().message.contains(messagePart),
                 qPrintable(op->error().message));
        QCOMPARE(finishedOnService.count(), 1);
        QCOMPARE(m_service->operationFor(op->target()), nullptr); // not the room's operation
        QCOMPARE(m_service->statusState(), Operation::Failed);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void reasonAtTheLimitIsSent()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        Operation *op =
            m_service->leave(Room, QString(MembershipService::MaxReasonLength, QLatin1Char('x')));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(m_fake->requests().size(), 1);
    }

    // --- Moderation: kick, ban, unban (issue 12) --------------------------------------------

    void moderationSendsItsRequest_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("action");
        QTest::addColumn<QString>("running");
        QTest::addColumn<QString>("done");
        QTest::newRow("kick") << int(Operation::Kick) << QByteArray("kick")
                              << "Kicking @bob:localhost from General…"
                              << "Kicked @bob:localhost from General";
        QTest::newRow("ban") << int(Operation::Ban) << QByteArray("ban")
                             << "Banning @bob:localhost from General…"
                             << "Banned @bob:localhost from General";
        QTest::newRow("unban") << int(Operation::Unban) << QByteArray("unban")
                               << "Unbanning @bob:localhost in General…"
                               << "Unbanned @bob:localhost in General";
    }
    void moderationSendsItsRequest()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, action);
        QFETCH(QString, running);
        QFETCH(QString, done);
        m_store->applySync(syncWith("join", Room, QStringLiteral("General")));
        m_fake->script(Rooms, {{200, "{}"}});
        const QString bob = QStringLiteral(" @bob:localhost ");
        const QString why = QStringLiteral("spam \"links\"");
        Operation *op = nullptr;
        switch (Operation::Kind(kind)) {
        case Operation::Kick:
            op = m_service->kick(Room, bob, why);
            break;
        case Operation::Ban:
            op = m_service->ban(Room, bob, why);
            break;
        default:
            op = m_service->unban(Room, bob, why);
            break;
        }
        QVERIFY(op);
        QCOMPARE(int(op->kind()), kind);
        QCOMPARE(op->userId(), QStringLiteral("@bob:localhost")); // trimmed
        QCOMPARE(op->state(), Operation::Running);
        QCOMPARE(op->statusText(), running);
        QCOMPARE(m_service->statusText(), running);
        // The member's operation, not the room's.
        QCOMPARE(m_service->moderationFor(Room, QStringLiteral("@bob:localhost")), op);
        QCOMPARE(m_service->operationFor(Room), nullptr);
        QVERIFY(m_service->isBusy(op->description()));
        QVERIFY(!m_service->isBusy(Room));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(op->statusText(), done);
        QCOMPARE(op->resultRoomId(), Room);
        QCOMPARE(m_fake->requests().size(), 1);
        const auto &r = m_fake->requests().first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, RoomPath + '/' + action);
        QCOMPARE(r.authorization, "Bearer " + Token);
        QCOMPARE(QJsonDocument::fromJson(r.body).object(),
                 QJsonObject({{QStringLiteral("user_id"), QStringLiteral("@bob:localhost")},
                              {QStringLiteral("reason"), why}}));
    }

    void moderationRefusedByTheServerIsReportedExactly()
    {
        m_store->applySync(syncWith("join", Room, QStringLiteral("General")));
        m_fake->script(RoomPath + "/ban",
                       {{403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"You do not have "
                              "permission to ban\"}"}});
        Operation *op = m_service->ban(Room, QStringLiteral("@bob:localhost"));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().errcode, QStringLiteral("M_FORBIDDEN"));
        QCOMPARE(op->error().message, QStringLiteral("You do not have permission to ban"));
        QCOMPARE(op->statusText(),
                 QStringLiteral("Banning @bob:localhost from General failed: M_FORBIDDEN: You "
                                "do not have permission to ban (HTTP 403)"));
        QCOMPARE(m_fake->requests().size(), 1); // a refusal is not retried
        // Nothing without a reason: the body is the user ID alone.
        QCOMPARE(QJsonDocument::fromJson(m_fake->requests().first().body).object(),
                 QJsonObject({{QStringLiteral("user_id"), QStringLiteral("@bob:localhost")}}));
    }

    void moderationInvalidInputSendsNothing_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("roomId");
        QTest::addColumn<QString>("userId");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("messagePart");
        const QString bob = QStringLiteral("@bob:localhost");
        const int kick = Operation::Kick, ban = Operation::Ban, unban = Operation::Unban;
        QTest::newRow("kick: an alias") << kick << "#a:localhost" << bob << QString() << "";
        QTest::newRow("ban: not a room") << ban << "general" << bob << QString() << "";
        QTest::newRow("unban: no room") << unban << "  " << bob << QString() << "";
        QTest::newRow("kick: no user") << kick << "!r:localhost" << QString() << QString() << "";
        QTest::newRow("ban: no @") << ban << "!r:localhost"
                                   << "bob:localhost" << QString() << "'@'";
        QTest::newRow("unban: a room as user") << unban << "!r:localhost"
                                               << "!x:localhost" << QString() << "'@'";
        QTest::newRow("kick: no server") << kick << "!r:localhost"
                                         << "@bob" << QString() << "";
        QTest::newRow("ban: reason too long")
            << ban << "!r:localhost" << bob << QString(1025, QLatin1Char('x')) << "too long";
    }
    void moderationInvalidInputSendsNothing()
    {
        QFETCH(int, kind);
        QFETCH(QString, roomId);
        QFETCH(QString, userId);
        QFETCH(QString, reason);
        QFETCH(QString, messagePart);
        QSignalSpy finishedOnService(m_service.get(), &MembershipService::operationFinished);
        Operation *op = kind == Operation::Kick  ? m_service->kick(roomId, userId, reason)
                        : kind == Operation::Ban ? m_service->ban(roomId, userId, reason)
                                                 : m_service->unban(roomId, userId, reason);
        QVERIFY(op);
        QVERIFY(!op->isFinished()); // reported on the next turn: the caller can connect first
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().kind, MatrixError::InvalidInput);
        QVERIFY2(!op->error().message.isEmpty() && op->error().message.contains(messagePart),
                 qPrintable(op->error().message));
        QCOMPARE(finishedOnService.count(), 1);
        QCOMPARE(m_service->moderationFor(op->target(), op->userId()), nullptr);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void moderationReasonAtTheLimitIsSent()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        const QString reason(MembershipService::MaxReasonLength, QLatin1Char('x'));
        Operation *op = m_service->kick(Room, QStringLiteral("@bob:localhost"), reason);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(QJsonDocument::fromJson(m_fake->requests().first().body)
                     .object()
                     .value(QLatin1String("reason"))
                     .toString(),
                 reason);
    }

    // Moderation is keyed by room and member: several members of one room one after another
    // (the second sent while the first is still on its way) both go out, and neither replaces
    // the other's operation.
    void twoMembersOfOneRoomModeratedBackToBack()
    {
        m_fake->script(RoomPath + "/kick", {FakeHomeserver::Reply::held(200, "{}")});
        m_fake->script(RoomPath + "/ban", {FakeHomeserver::Reply::held(200, "{}")});
        const QString alice = QStringLiteral("@alice:localhost");
        const QString mallory = QStringLiteral("@mallory:spam.example");
        QPointer<Operation> kick = m_service->kick(Room, alice, QStringLiteral("off topic"));
        QPointer<Operation> ban = m_service->ban(Room, mallory, QStringLiteral("spam"));
        QTRY_COMPARE(m_fake->heldCount(), 2); // both reached the server
        QCOMPARE(kick->state(), Operation::Running);
        QCOMPARE(ban->state(), Operation::Running);
        QCOMPARE(m_service->runningCount(), 2);
        QCOMPARE(m_service->moderationFor(Room, alice), kick.data());
        QCOMPARE(m_service->moderationFor(Room, mallory), ban.data());
        QVERIFY(m_fake->release(RoomPath + "/kick"));
        QVERIFY(m_fake->release(RoomPath + "/ban"));
        QVERIFY(finishes(kick));
        QVERIFY(finishes(ban));
        QCOMPARE(kick->state(), Operation::Succeeded);
        QCOMPARE(ban->state(), Operation::Succeeded);

        // And once they are done, a third member of the same room, then the first again.
        m_fake->script(RoomPath + "/kick", {{200, "{}"}});
        m_fake->script(RoomPath + "/ban", {{200, "{}"}});
        m_fake->script(Rooms, {{200, "{}"}});
        Operation *unban = m_service->unban(Room, QStringLiteral("@carol:localhost"));
        Operation *banAlice = m_service->ban(Room, alice);
        QVERIFY(finishes(unban));
        QVERIFY(finishes(banAlice));
        QCOMPARE(unban->state(), Operation::Succeeded);
        QCOMPARE(banAlice->state(), Operation::Succeeded);
        QVERIFY(!ban.isNull()); // mallory's ban is still the latest on her: still readable
        QCOMPARE(m_service->moderationFor(Room, alice), banAlice);
        QTRY_VERIFY(kick.isNull()); // replaced by alice's ban: not kept forever

        const auto requests = m_fake->requestsTo(Rooms);
        QCOMPARE(requests.size(), 4);
        QStringList sent;
        for (const auto &r : requests)
            sent << QString::fromLatin1(r.rawPath.mid(RoomPath.size() + 1)) + QLatin1Char(' ') +
                        QJsonDocument::fromJson(r.body)
                            .object()
                            .value(QLatin1String("user_id"))
                            .toString();
        QCOMPARE(sent, QStringList({QStringLiteral("kick @alice:localhost"),
                                    QStringLiteral("ban @mallory:spam.example"),
                                    QStringLiteral("unban @carol:localhost"),
                                    QStringLiteral("ban @alice:localhost")}));
    }

    void secondModerationOfTheSameMemberIsRefused()
    {
        m_fake->script(Rooms, {FakeHomeserver::Reply::stall()});
        const QString bob = QStringLiteral("@bob:localhost");
        Operation *first = m_service->kick(Room, bob);
        QTRY_COMPARE(m_fake->requests().size(), 1);
        Operation *second = m_service->ban(Room, bob); // another action on the same member
        Operation *third = m_service->kick(Room, bob); // a double click
        Operation *leave = m_service->leave(Room);     // the account's own: not this key
        QVERIFY(finishes(second));
        QVERIFY(finishes(third));
        for (Operation *refused : {second, third}) {
            QCOMPARE(refused->state(), Operation::Failed);
            QCOMPARE(refused->error().kind, MatrixError::InvalidInput);
            QVERIFY2(refused->error().message.contains(
                         QLatin1String("Kicking @bob:localhost from !r:localhost is already in "
                                       "progress")),
                     qPrintable(refused->error().message));
        }
        QCOMPARE(m_service->moderationFor(Room, bob), first);
        QCOMPARE(first->state(), Operation::Running);
        QCOMPARE(leave->state(), Operation::Running);
        QTRY_COMPARE(m_fake->requests().size(), 2); // the kick and the leave; no ban, no 2nd kick
        QCOMPARE(m_fake->requestsTo(RoomPath + "/kick").size(), 1);
        QCOMPARE(m_fake->requestsTo(RoomPath + "/ban").size(), 0);
        QCOMPARE(m_fake->requestsTo(RoomPath + "/leave").size(), 1);
    }

    void checkReadsTheTargetsMembership()
    {
        const QByteArray bobEvent = RoomPath + "/state/m.room.member/%40bob%3Alocalhost";
        m_fake->script(bobEvent, {{200, membership("ban")}});
        Operation::Description d;
        d.kind = Operation::Ban;
        d.target = Room;
        d.userId = QStringLiteral("@bob:localhost");
        Operation *op = m_service->check(d);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().first().method, QByteArray("GET"));
        QCOMPARE(m_fake->requests().first().rawPath, bobEvent);
        QCOMPARE(m_service->moderationFor(Room, d.userId), nullptr); // nothing was changed
    }

    // --- Knocking (issue 13) ---------------------------------------------------------------

    void knockSendsViaServerNameAndReason()
    {
        m_fake->script("/_matrix/client/v3/knock/", {{200, R"({"room_id":"!k:localhost"})"}});
        Operation *op =
            m_service->knock(QStringLiteral("#ask:other.org"),
                             {QStringLiteral("other.org"), QStringLiteral("third.org:8448")},
                             QStringLiteral("I'm Bob's colleague"));
        QVERIFY(finishes(op));
        QVERIFY2(op->state() == Operation::Succeeded, qPrintable(op->error().summary()));
        QCOMPARE(op->kind(), Operation::Knock);
        QCOMPARE(op->resultRoomId(), QStringLiteral("!k:localhost"));
        QCOMPARE(m_fake->requests().size(), 1);
        const auto &r = m_fake->requests().first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.rawPath, QByteArray("/_matrix/client/v3/knock/%23ask%3Aother.org"));
        QCOMPARE(r.rawQuery, QByteArray("via=other.org&via=third.org%3A8448"
                                        "&server_name=other.org&server_name=third.org%3A8448"));
        QCOMPARE(QJsonDocument::fromJson(r.body).object(),
                 QJsonObject({{QStringLiteral("reason"), QStringLiteral("I'm Bob's colleague")}}));
        QCOMPARE(r.authorization, "Bearer " + Token);
    }

    void knockInvalidInputSendsNothing_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("via");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no sigil") << "ask:other.org" << QStringList() << QString() << "";
        QTest::newRow("alias without server") << "#ask" << QStringList() << QString() << "";
        QTest::newRow("room ID with a space") << "!a b:x.org" << QStringList() << QString() << "";
        QTest::newRow("a user ID") << "@bob:x.org" << QStringList() << QString() << "";
        QTest::newRow("empty") << " " << QStringList() << QString() << "";
        QTest::newRow("bad via") << "#ask:other.org" << QStringList{QStringLiteral("bad host")}
                                 << QString() << "Server to join through";
        QTest::newRow("4 via servers")
            << "#ask:other.org"
            << QStringList{QStringLiteral("a.org"), QStringLiteral("b.org"),
                           QStringLiteral("c.org"), QStringLiteral("d.org")}
            << QString() << "At most 3";
        QTest::newRow("reason over the limit")
            << "#ask:other.org" << QStringList()
            << QString(MembershipService::MaxReasonLength + 1, QLatin1Char('x')) << "too long";
    }
    void knockInvalidInputSendsNothing()
    {
        QFETCH(QString, target);
        QFETCH(QStringList, via);
        QFETCH(QString, reason);
        QFETCH(QString, messagePart);
        m_fake->script("/", {{200, R"({"room_id":"!k:localhost"})"}});
        Operation *op = m_service->knock(target, via, reason);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().kind, MatrixError::InvalidInput);
        QVERIFY2(!op->error().message.isEmpty() && op->error().message.contains(messagePart),
                 qPrintable(op->error().message));
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void knockReasonAtTheLimitIsSent()
    {
        m_fake->script("/_matrix/client/v3/knock/", {{200, R"({"room_id":"!k:localhost"})"}});
        Operation *op =
            m_service->knock(QStringLiteral("!k:localhost"), {},
                             QString(MembershipService::MaxReasonLength, QLatin1Char('x')));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(m_fake->requests().size(), 1);
    }

    // A room the list shows you in, invited to, banned from or already knocking on: the knock
    // is refused with a reason and nothing is sent. By room ID or by its canonical alias.
    void knockIsRefusedForRoomsTheListShows_data()
    {
        QTest::addColumn<int>("membership");
        QTest::addColumn<bool>("byAlias");
        QTest::addColumn<QString>("messagePart");
        for (const bool byAlias : {false, true}) {
            const char *how = byAlias ? " (by alias)" : "";
            QTest::addRow("joined%s", how) << int(Membership::Join) << byAlias << "already in";
            QTest::addRow("invited%s", how)
                << int(Membership::Invite) << byAlias << "accept the invite";
            QTest::addRow("banned%s", how) << int(Membership::Ban) << byAlias << "banned";
            QTest::addRow("knocking%s", how)
                << int(Membership::Knock) << byAlias << "already asked";
        }
    }
    void knockIsRefusedForRoomsTheListShows()
    {
        QFETCH(int, membership);
        QFETCH(bool, byAlias);
        QFETCH(QString, messagePart);
        RoomSummary room;
        room.roomId = QStringLiteral("!k:other.org");
        room.membership = Membership::Value(membership);
        room.name = QStringLiteral("Closed club");
        room.canonicalAlias = QStringLiteral("#club:other.org");
        room.updateDerived();
        m_store->restore({room});
        QVERIFY(m_store->find(room.roomId));
        m_fake->script("/", {{200, R"({"room_id":"!k:other.org"})"}});
        Operation *op = m_service->knock(byAlias ? room.canonicalAlias : room.roomId,
                                         {QStringLiteral("other.org")});
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().kind, MatrixError::InvalidInput);
        QVERIFY2(op->error().message.contains(messagePart), qPrintable(op->error().message));
        QVERIFY2(op->error().message.contains(QStringLiteral("Closed club")),
                 qPrintable(op->error().message));
        QCOMPARE(m_fake->requests().size(), 0);
    }

    // A room you left (or were refused) can be knocked on again.
    void knockOnALeftRoomIsSent()
    {
        m_store->applySync(
            syncWith("leave", QStringLiteral("!k:localhost"), QStringLiteral("Was")));
        QCOMPARE(int(m_store->find(QStringLiteral("!k:localhost"))->membership),
                 int(Membership::Leave));
        m_fake->script("/_matrix/client/v3/knock/", {{200, R"({"room_id":"!k:localhost"})"}});
        Operation *op = m_service->knock(QStringLiteral("!k:localhost"));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/knock/").size(), 1);
    }

    // The server's refusal (a room that takes no knocks, say) is reported as it wrote it, once.
    void knockServerErrorIsPassedThroughExactly_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errcode");
        QTest::addColumn<QString>("message");
        QTest::newRow("403 join rule") << 403 << "M_FORBIDDEN"
                                       << "You are not allowed to knock on this room";
        QTest::newRow("404 unknown alias") << 404 << "M_NOT_FOUND"
                                           << "Room alias not found";
        QTest::newRow("400 room version") << 400 << "M_UNSUPPORTED_ROOM_VERSION"
                                          << "Room version 6 does not support knocking";
    }
    void knockServerErrorIsPassedThroughExactly()
    {
        QFETCH(int, status);
        QFETCH(QString, errcode);
        QFETCH(QString, message);
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("errcode"), errcode},
                                                          {QStringLiteral("error"), message}})
                                    .toJson(QJsonDocument::Compact);
        m_fake->script("/_matrix/client/v3/knock/", {{status, body}});
        Operation *op =
            m_service->knock(QStringLiteral("#ask:localhost"), {}, QStringLiteral("please"));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().kind, MatrixError::Server);
        QCOMPARE(op->error().httpStatus, status);
        QCOMPARE(op->error().errcode, errcode);
        QCOMPARE(op->error().message, message);
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/knock/").size(), 1); // not retried
    }

    void refusedWhenSignedOut()
    {
        m_api->setAccessToken({});
        Operation *op = m_service->leave(Room);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().kind, MatrixError::InvalidInput);
        QVERIFY(op->error().message.contains(QLatin1String("Sign in")));
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void secondActionOnABusyRoomIsRefused()
    {
        m_fake->script(Rooms, {FakeHomeserver::Reply::stall()});
        Operation *first = m_service->leave(Room);
        QTRY_COMPARE(m_fake->requests().size(), 1);
        QSignalSpy firstChanged(first, &Operation::stateChanged);
        Operation *second = m_service->join(Room);
        Operation *third = m_service->leave(Room); // a double click
        QVERIFY(second != first && third != first);
        QVERIFY(finishes(second));
        QVERIFY(finishes(third));
        for (Operation *refused : {second, third}) {
            QCOMPARE(refused->state(), Operation::Failed);
            QCOMPARE(refused->error().kind, MatrixError::InvalidInput);
            QVERIFY2(refused->error().message.contains(QLatin1String("Leaving !r:localhost is "
                                                                     "already in progress")),
                     qPrintable(refused->error().message));
        }
        // The running one is untouched: still the room's operation, still on its way.
        QCOMPARE(m_service->operationFor(Room), first);
        QCOMPARE(first->state(), Operation::Running);
        QCOMPARE(firstChanged.count(), 0);
        QCOMPARE(m_service->runningCount(), 1);
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void aFinishedOperationIsReplacedByTheNext()
    {
        m_fake->script(Rooms, {{403, Forbidden}, {200, "{}"}});
        QPointer<Operation> first = m_service->leave(Room);
        QVERIFY(finishes(first));
        QCOMPARE(first->state(), Operation::Failed);
        Operation *second = m_service->leave(Room);
        QCOMPARE(m_service->operationFor(Room), second);
        QVERIFY(finishes(second));
        QCOMPARE(second->state(), Operation::Succeeded);
        QTRY_VERIFY(first.isNull()); // the service does not keep every operation ever run
    }

    // --- Leave and forget: one operation ---------------------------------------------------------

    void leaveAndForgetIsOneOperation()
    {
        m_store->applySync(syncWith("join", Room, QStringLiteral("General")));
        m_fake->script(Rooms, {{200, "{}"}});
        QSignalSpy finishedOnService(m_service.get(), &MembershipService::operationFinished);
        Operation *op = m_service->leave(Room, QStringLiteral("bye"), true);
        QSignalSpy finished(op, &Operation::finished);
        QStringList texts;
        connect(op, &Operation::stateChanged, this, [&] { texts << op->statusText(); });
        QCOMPARE(op->kind(), Operation::LeaveAndForget);
        QCOMPARE(op->targetName(), QStringLiteral("General"));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(op->statusText(), QStringLiteral("Left and forgot General"));
        const auto requests = m_fake->requestsTo(Rooms);
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).rawPath, RoomPath + "/leave");
        QCOMPARE(requests.at(0).body, QByteArray(R"({"reason":"bye"})"));
        QCOMPARE(requests.at(1).rawPath, RoomPath + "/forget");
        QCOMPARE(requests.at(1).body, QByteArray("{}"));
        QVERIFY(texts.contains(QStringLiteral("Forgetting General…")));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finishedOnService.count(), 1);
        QCOMPARE(m_store->find(Room), nullptr); // /sync never reports a forgotten room again
    }

    void leaveAndForgetDoesNotForgetWhenTheLeaveFails()
    {
        m_store->applySync(syncWith("join", Room, QStringLiteral("General")));
        m_fake->script(Rooms, {{403, Forbidden}, {200, "{}"}});
        Operation *op = m_service->leave(Room, {}, true);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().errcode, QStringLiteral("M_FORBIDDEN"));
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().first().rawPath, RoomPath + "/leave");
        QVERIFY(m_store->find(Room));
        QVERIFY2(op->statusText().startsWith(QLatin1String("Leaving General failed")),
                 qPrintable(op->statusText()));
    }

    void leaveAndForgetSaysTheLeaveHappenedWhenTheForgetFails()
    {
        m_store->applySync(syncWith("join", Room, QStringLiteral("General")));
        m_fake->script(Rooms,
                       {{200, "{}"}, {400, R"({"errcode":"M_UNKNOWN","error":"Still in room"})"}});
        Operation *op = m_service->leave(Room, {}, true);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().httpStatus, 400);
        QVERIFY2(op->error().message.startsWith(
                     QLatin1String("Left the room, but forgetting it failed")),
                 qPrintable(op->error().message));
        QCOMPARE(m_fake->requests().size(), 2);
        QVERIFY(m_store->find(Room)); // not forgotten: the list keeps it
    }

    // --- Waits ---------------------------------------------------------------------------------

    void rateLimitWaitsAsToldThenRetries()
    {
        m_fake->script(
            Rooms,
            {{429,
              R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":50})",
              "1"},
             {200, "{}"}});
        QElapsedTimer timer;
        timer.start();
        Operation *op = m_service->leave(Room);
        qint64 waitMs = -1;
        QString text;
        QString serviceText;
        Operation::State serviceState = Operation::Succeeded;
        connect(op, &Operation::stateChanged, this, [&] {
            if (op->state() != Operation::Waiting)
                return;
            QCOMPARE(op->waitReason(), Operation::RateLimited);
            waitMs = QDateTime::currentDateTimeUtc().msecsTo(op->retryAt());
            text = op->statusText();
            serviceText = m_service->statusText();
            serviceState = m_service->statusState();
            QCOMPARE(op->error().httpStatus, 429);
        });
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QVERIFY(!op->error().isError());
        QCOMPARE(op->waitReason(), Operation::NotWaiting);
        QVERIFY(!op->retryAt().isValid());
        // Retry-After (1 s), not the body's 50 ms.
        QVERIFY2(waitMs > 900 && waitMs <= 1000, qPrintable(QString::number(waitMs)));
        QVERIFY2(text.contains(QLatin1String("server rate limit")), qPrintable(text));
        QCOMPARE(serviceText, text);
        QCOMPARE(serviceState, Operation::Waiting);
        QCOMPARE(m_fake->requests().size(), 2);
        QVERIFY(timer.elapsed() >= 1000);
    }

    void rateLimitBeyondPatienceIsReported()
    {
        m_service->setRetryPolicy(RetryPolicy::bounded());
        m_fake->script(
            Rooms,
            {{429,
              R"({"errcode":"M_LIMIT_EXCEEDED","error":"slow down","retry_after_ms":3600000})"}});
        Operation *op = m_service->leave(Room);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().errcode, QStringLiteral("M_LIMIT_EXCEEDED"));
        QCOMPARE(op->error().retryAfterMs, 3600000);
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void serverErrorsBackOffThenSucceed()
    {
        m_service->setRetryPolicy({5, 100, 1000, 120000});
        m_fake->script(Rooms,
                       {{503, "<html>busy</html>", {}, "text/html"}, {502, "{}"}, {200, "{}"}});
        Operation *op = m_service->leave(Room);
        QList<qint64> waits;
        connect(op, &Operation::stateChanged, this, [&] {
            if (op->state() == Operation::Waiting) {
                QCOMPARE(op->waitReason(), Operation::ServerUnavailable);
                waits << QDateTime::currentDateTimeUtc().msecsTo(op->retryAt());
            }
        });
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(m_fake->requests().size(), 3);
        QCOMPARE(waits.size(), 2);
        // Exponential: the second wait is longer than the first (jitter is +-25 %).
        QVERIFY2(waits.at(1) > waits.at(0),
                 qPrintable(QStringLiteral("%1 %2").arg(waits.at(0)).arg(waits.at(1))));
    }

    // Defect 15: with the interactive policy an outage longer than the bounded budget is waited
    // out, visibly, and the action succeeds when the server answers again.
    void interactiveActionWaitsOutAnOutage()
    {
        m_service->setRetryPolicy({0, 20, 40, 3600 * 1000}); // untilCancelled, faster
        const int failures = RetryPolicy::bounded().maxAttempts + 3;
        QList<FakeHomeserver::Reply> replies;
        for (int i = 0; i < failures; ++i)
            replies << FakeHomeserver::Reply(i % 2 ? 502 : 503, "<html>down</html>", {},
                                             "text/html");
        replies << FakeHomeserver::Reply(200, "{}");
        m_fake->script(Rooms, replies);
        Operation *op = m_service->leave(Room);
        int waits = 0;
        QString text;
        connect(op, &Operation::stateChanged, this, [&] {
            if (op->state() != Operation::Waiting)
                return;
            ++waits;
            QCOMPARE(op->waitReason(), Operation::ServerUnavailable);
            QVERIFY(op->retryAt().isValid());
            QVERIFY(!op->isFinished());
            text = m_service->statusText();
        });
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(waits, failures);
        QVERIFY2(text.contains(QLatin1String("waiting for the server")), qPrintable(text));
        QCOMPARE(m_fake->requests().size(), failures + 1);
    }

    void cancelWhileWaitingForTheServerSendsNothingMore()
    {
        m_service->setRetryPolicy({0, 30, 30, 3600 * 1000});
        m_fake->script(Rooms, {{503, "{}"}});
        Operation *op = m_service->leave(Room);
        QSignalSpy finished(op, &Operation::finished);
        QTRY_COMPARE(op->state(), Operation::Waiting);
        QCOMPARE(op->waitReason(), Operation::ServerUnavailable);
        const qsizetype sent = m_fake->requests().size();
        op->cancel();
        QCOMPARE(op->state(), Operation::Cancelled);
        QCOMPARE(op->error().kind, MatrixError::Cancelled);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(m_service->runningCount(), 0);
        QVERIFY2(op->statusText().endsWith(QLatin1String("cancelled")),
                 qPrintable(op->statusText()));
        // Ten backoff periods later nothing more has been sent (no retry, no check: the server
        // answered every attempt, so nothing can have happened).
        QTest::qWait(300);
        QCOMPARE(m_fake->requests().size(), sent);
        QCOMPARE(finished.count(), 1);
    }

    void appServicesChoosePolicyByMode()
    {
        AppServices gui(AppServices::Options{.useKeychain = false});
        QCOMPARE(gui.membership()->retryPolicy().maxAttempts, 0); // until cancelled
        QVERIFY(gui.membership()->parksOnSoftLogout());
        AppServices cli(AppServices::Options{
            .useKeychain = false, .interactive = false, .syncAfterSignIn = false});
        QCOMPARE(cli.membership()->retryPolicy().maxAttempts, RetryPolicy::bounded().maxAttempts);
        QVERIFY(!cli.membership()->parksOnSoftLogout());
    }

    // --- Defect 14: a lost answer is checked before anything is claimed --------------------------

    void lostAnswerIsChecked_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("checkPath");
        QTest::addColumn<int>("checkStatus");
        QTest::addColumn<QByteArray>("checkBody");
        QTest::addColumn<int>("expected");
        const QByteArray bobEvent = RoomPath + "/state/m.room.member/%40bob%3Alocalhost";
        const int leave = Operation::Leave;
        QTest::newRow("leave: left")
            << leave << MyMemberEvent << 200 << membership("leave") << int(Operation::Succeeded);
        QTest::newRow("leave: banned")
            << leave << MyMemberEvent << 200 << membership("ban") << int(Operation::Succeeded);
        QTest::newRow("leave: still joined")
            << leave << MyMemberEvent << 200 << membership("join") << int(Operation::Failed);
        QTest::newRow("leave: check fails")
            << leave << MyMemberEvent << 500 << QByteArray(R"({"errcode":"M_UNKNOWN"})")
            << int(Operation::Unknown);
        QTest::newRow("leave: garbage")
            << leave << MyMemberEvent << 200 << QByteArray("{}") << int(Operation::Unknown);
        QTest::newRow("join: joined") << int(Operation::Join) << MyMemberEvent << 200
                                      << membership("join") << int(Operation::Succeeded);
        QTest::newRow("join: not in the room")
            << int(Operation::Join) << MyMemberEvent << 403
            << QByteArray(R"({"errcode":"M_FORBIDDEN","error":"User not in room"})")
            << int(Operation::Failed);
        QTest::newRow("join: endpoint unknown")
            << int(Operation::Join) << MyMemberEvent << 404
            << QByteArray(R"({"errcode":"M_UNRECOGNIZED"})") << int(Operation::Unknown);
        QTest::newRow("invite: invited") << int(Operation::Invite) << bobEvent << 200
                                         << membership("invite") << int(Operation::Succeeded);
        QTest::newRow("invite: no member event")
            << int(Operation::Invite) << bobEvent << 404
            << QByteArray(R"({"errcode":"M_NOT_FOUND"})") << int(Operation::Failed);
        // Moderation reads back the target's member event (issue 12).
        QTest::newRow("kick: out") << int(Operation::Kick) << bobEvent << 200 << membership("leave")
                                   << int(Operation::Succeeded);
        QTest::newRow("kick: banned since") << int(Operation::Kick) << bobEvent << 200
                                            << membership("ban") << int(Operation::Succeeded);
        QTest::newRow("kick: still joined") << int(Operation::Kick) << bobEvent << 200
                                            << membership("join") << int(Operation::Failed);
        QTest::newRow("kick: never there")
            << int(Operation::Kick) << bobEvent << 404 << QByteArray(R"({"errcode":"M_NOT_FOUND"})")
            << int(Operation::Failed);
        QTest::newRow("ban: banned") << int(Operation::Ban) << bobEvent << 200 << membership("ban")
                                     << int(Operation::Succeeded);
        QTest::newRow("ban: only left") << int(Operation::Ban) << bobEvent << 200
                                        << membership("leave") << int(Operation::Failed);
        QTest::newRow("unban: lifted") << int(Operation::Unban) << bobEvent << 200
                                       << membership("leave") << int(Operation::Succeeded);
        QTest::newRow("unban: still banned") << int(Operation::Unban) << bobEvent << 200
                                             << membership("ban") << int(Operation::Failed);
        QTest::newRow("unban: check fails")
            << int(Operation::Unban) << bobEvent << 500 << QByteArray(R"({"errcode":"M_UNKNOWN"})")
            << int(Operation::Unknown);
    }
    void lostAnswerIsChecked()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, checkPath);
        QFETCH(int, checkStatus);
        QFETCH(QByteArray, checkBody);
        QFETCH(int, expected);
        m_fake->script(checkPath, {{checkStatus, checkBody}});
        loseEveryAnswer("/_matrix/client/v3/");
        Operation::Description d;
        d.kind = Operation::Kind(kind);
        d.target = Room;
        if (Operation::namesUser(d.kind))
            d.userId = QStringLiteral("@bob:localhost");
        Operation *op = m_service->run(d);
        QSignalSpy finished(op, &Operation::finished);
        QStringList texts;
        connect(op, &Operation::stateChanged, this, [&] { texts << op->statusText(); });
        QVERIFY(finishes(op));
        QCOMPARE(int(op->state()), expected);
        QCOMPARE(finished.count(), 1);
        // Two attempts, each cut off by the deadline, then one question about the membership.
        const auto posts = m_fake->requestsTo("/_matrix/client/v3/");
        QCOMPARE(posts.size(), 3);
        QCOMPARE(posts.at(0).method, QByteArray("POST"));
        QCOMPARE(posts.at(1).method, QByteArray("POST"));
        QCOMPARE(posts.at(2).method, QByteArray("GET"));
        QCOMPARE(posts.at(2).rawPath, checkPath);
        QCOMPARE(posts.at(2).authorization, "Bearer " + Token);
        QVERIFY(std::any_of(texts.cbegin(), texts.cend(), [](const QString &t) {
            return t.contains(QLatin1String("checking whether it happened"));
        }));
        switch (op->state()) {
        case Operation::Succeeded:
            QVERIFY(!op->error().isError());
            QCOMPARE(op->resultRoomId(), Room);
            break;
        case Operation::Failed: // the original error, or the server's no
            QVERIFY(op->error().isError());
            if (checkStatus == 200)
                QCOMPARE(op->error().kind, MatrixError::Timeout);
            break;
        case Operation::Unknown:
            QCOMPARE(op->error().kind, MatrixError::Timeout); // what went wrong first
            QVERIFY2(op->statusText().contains(QLatin1String("outcome unknown")),
                     qPrintable(op->statusText()));
            break;
        default:
            QFAIL("unexpected state");
        }
    }

    void lostJoinByAliasAnswerResolvesTheAliasFirst()
    {
        const QByteArray joinedEvent =
            "/_matrix/client/v3/rooms/%21x%3Alocalhost/state/m.room.member/%40me%3Alocalhost";
        m_fake->script(joinedEvent, {{200, membership("join")}});
        m_fake->script("/_matrix/client/v3/directory/room/",
                       {{200, R"({"room_id":"!x:localhost","servers":["localhost"]})"}});
        loseEveryAnswer("/_matrix/client/v3/join/");
        Operation *op = m_service->join(QStringLiteral("#lobby:localhost"));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(op->resultRoomId(), QStringLiteral("!x:localhost"));
        QCOMPARE(
            m_fake->requestsTo("/_matrix/client/v3/directory/room/%23lobby%3Alocalhost").size(), 1);
        QCOMPARE(m_fake->requestsTo(joinedEvent).size(), 1);
    }

    void lostForgetAnswerIsUnknown()
    {
        loseEveryAnswer(Rooms);
        Operation *op = m_service->forget(Room);
        QVERIFY(finishes(op));
        // A forgotten room cannot be read back: say so rather than guess.
        QCOMPARE(op->state(), Operation::Unknown);
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void cancelInFlightChecksWhatHappened_data()
    {
        QTest::addColumn<bool>("alsoForget");
        QTest::addColumn<QByteArray>("member");
        QTest::addColumn<int>("expected");
        QTest::newRow("leave: it happened")
            << false << membership("leave") << int(Operation::Succeeded);
        QTest::newRow("leave: it did not")
            << false << membership("join") << int(Operation::Cancelled);
        // The leave happened; the forget the user cancelled is not sent.
        QTest::newRow("leave and forget: left")
            << true << membership("leave") << int(Operation::Cancelled);
        QTest::newRow("leave and forget: not left")
            << true << membership("join") << int(Operation::Cancelled);
    }
    void cancelInFlightChecksWhatHappened()
    {
        QFETCH(bool, alsoForget);
        QFETCH(QByteArray, member);
        QFETCH(int, expected);
        m_fake->script(MyMemberEvent, {{200, member}});
        m_fake->script(Rooms, {FakeHomeserver::Reply::stall()});
        m_store->applySync(syncWith("join", Room, QStringLiteral("General")));
        Operation *op = m_service->leave(Room, {}, alsoForget);
        QTRY_COMPARE(m_fake->requests().size(), 1); // the leave reached the server
        op->cancel();
        QVERIFY(finishes(op));
        QCOMPARE(int(op->state()), expected);
        // Asked once, and never went on to forget.
        QCOMPARE(m_fake->requestsTo(MyMemberEvent).size(), 1);
        QCOMPARE(m_fake->requestsTo(RoomPath + "/forget").size(), 0);
        QCOMPARE(m_fake->requests().size(), 2);
        QVERIFY(m_store->find(Room)); // not forgotten
        if (alsoForget && member == membership("leave"))
            QVERIFY2(op->error().message.contains(QLatin1String("Left the room")),
                     qPrintable(op->error().message));
    }

    // The same question, asked on its own (the queue after a restart; the Synapse test).
    void checkSendsOnlyTheQuestion_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("checkStatus");
        QTest::addColumn<QByteArray>("checkBody");
        QTest::addColumn<int>("expected");
        QTest::newRow("left") << int(Operation::Leave) << 200 << membership("leave")
                              << int(Operation::Succeeded);
        QTest::newRow("not left") << int(Operation::Leave) << 200 << membership("join")
                                  << int(Operation::Failed);
        QTest::newRow("never joined")
            << int(Operation::Join) << 403 << QByteArray(R"({"errcode":"M_FORBIDDEN"})")
            << int(Operation::Failed);
        QTest::newRow("server down")
            << int(Operation::Join) << 502 << QByteArray("{}") << int(Operation::Unknown);
        // Left, but whether it was forgotten cannot be read back.
        QTest::newRow("left and forgotten?") << int(Operation::LeaveAndForget) << 200
                                             << membership("leave") << int(Operation::Unknown);
    }
    void checkSendsOnlyTheQuestion()
    {
        QFETCH(int, kind);
        QFETCH(int, checkStatus);
        QFETCH(QByteArray, checkBody);
        QFETCH(int, expected);
        m_fake->script(MyMemberEvent, {{checkStatus, checkBody}});
        Operation::Description d;
        d.kind = Operation::Kind(kind);
        d.target = Room;
        Operation *op = m_service->check(d);
        QVERIFY(finishes(op));
        QCOMPARE(int(op->state()), expected);
        QVERIFY(op->state() == Operation::Succeeded || op->error().isError());
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().first().method, QByteArray("GET"));
        QCOMPARE(m_fake->requests().first().rawPath, MyMemberEvent);
        // Not the room's operation, not on the status line: nothing was changed.
        QCOMPARE(m_service->operationFor(Room), nullptr);
        QCOMPARE(m_service->statusText(), QString());
    }

    void checkIsRefusedWhileTheRoomIsBusy()
    {
        m_fake->script(Rooms, {FakeHomeserver::Reply::stall()});
        Operation *running = m_service->leave(Room);
        QTRY_COMPARE(m_fake->requests().size(), 1);
        Operation::Description d;
        d.kind = Operation::Leave;
        d.target = Room;
        Operation *check = m_service->check(d);
        QVERIFY(finishes(check));
        QCOMPARE(check->state(), Operation::Failed);
        QCOMPARE(check->error().kind, MatrixError::InvalidInput);
        QCOMPARE(running->state(), Operation::Running);
        QCOMPARE(m_fake->requests().size(), 1);
    }

    // A Failed or Unknown operation becomes Succeeded when /sync shows the room as it wanted.
    void syncConfirmsAFailedOperation()
    {
        m_store->applySync(syncWith("join", Room, QStringLiteral("General")));
        m_fake->script(Rooms, {{403, Forbidden}});
        Operation *op = m_service->leave(Room);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QSignalSpy finished(op, &Operation::finished);
        QSignalSpy rowChanged(m_service.get(), &MembershipService::operationChanged);

        // A rename, still joined: the failure stands.
        m_store->applySync(syncWith("join", Room, QStringLiteral("Renamed")));
        QCOMPARE(op->state(), Operation::Failed);

        m_store->applySync(syncWith("leave", Room, QStringLiteral("Renamed")));
        QCOMPARE(op->state(), Operation::Succeeded);
        QVERIFY(!op->error().isError()); // the row's error is gone
        QCOMPARE(rowChanged.count(), 1);
        QCOMPARE(rowChanged.first().first().toString(), Room);
        QCOMPARE(finished.count(), 0);                            // it finished once already
        QCOMPARE(m_service->statusState(), Operation::Succeeded); // it had the status line
    }

    void syncConfirmsAnUnknownJoinByAlias()
    {
        m_fake->script("/_matrix/client/v3/rooms/%21x%3Alocalhost/state/", {{500, "{}"}});
        m_fake->script("/_matrix/client/v3/directory/room/",
                       {{200, R"({"room_id":"!x:localhost"})"}});
        loseEveryAnswer("/_matrix/client/v3/join/");
        Operation *op = m_service->join(QStringLiteral("#lobby:localhost"));
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Unknown);
        // The room arrives through /sync (a new row), joined.
        m_store->applySync(
            syncWith("join", QStringLiteral("!x:localhost"), QStringLiteral("Lobby")));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(op->resultRoomId(), QStringLiteral("!x:localhost"));
        QVERIFY(!op->error().isError());
    }

    // --- Defect 6: an expired session
    // -------------------------------------------------------------

    void softLogoutFailsWhenNotParking()
    {
        // The CLI: nothing would ever give a new token, so the action ends with the auth error.
        m_service->setParkOnSoftLogout(false);
        m_fake->script(Rooms, {{401, SoftLogout}, {200, "{}"}});
        QSignalSpy rejected(m_service.get(), &MembershipService::tokenRejected);
        Operation *op = m_service->leave(Room);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QVERIFY(op->error().isAuthFailure());
        QVERIFY(op->error().softLogout);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void softLogoutParksUntilSignIn()
    {
        m_fake->script(Rooms, {{401, SoftLogout}, {200, "{}"}});
        QSignalSpy rejected(m_service.get(), &MembershipService::tokenRejected);
        Operation *op = m_service->leave(Room, QStringLiteral("bye"));
        QSignalSpy finished(op, &Operation::finished);
        QVERIFY(rejected.wait(10000));
        QCOMPARE(op->state(), Operation::Waiting);
        QCOMPARE(op->waitReason(), Operation::SignInRequired);
        QVERIFY(op->statusText().contains(QLatin1String("sign in again")));
        QCOMPARE(m_service->runningCount(), 1);
        QCOMPARE(finished.count(), 0);

        m_api->setAccessToken(QStringLiteral("new-token"));
        m_service->resumeParked();
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        const auto leaves = m_fake->requestsTo(Rooms);
        QCOMPARE(leaves.size(), 2); // once per token
        QCOMPARE(leaves.last().authorization, QByteArray("Bearer new-token"));
        QCOMPARE(leaves.last().body, leaves.first().body);
        m_service->resumeParked(); // nothing parked any more: nothing sent
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void hardLogoutFailsEvenWhenParking()
    {
        m_fake->script(Rooms, {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Device deleted"})"}});
        Operation *op = m_service->leave(Room);
        QVERIFY(finishes(op));
        QCOMPARE(op->state(), Operation::Failed);
        QVERIFY(op->error().isAuthFailure());
    }

    void cancelAllEndsEverythingUnfinished()
    {
        m_fake->script(Rooms, {{401, SoftLogout}});
        QSignalSpy rejected(m_service.get(), &MembershipService::tokenRejected);
        Operation *parked = m_service->forget(Room);
        QVERIFY(rejected.wait(10000));
        QCOMPARE(parked->waitReason(), Operation::SignInRequired);
        m_service->cancelAll(QStringLiteral("Signed out"));
        QCOMPARE(parked->state(), Operation::Cancelled);
        QCOMPARE(parked->error().message, QStringLiteral("Signed out"));
        QCOMPARE(m_service->runningCount(), 0);
        m_service->resumeParked();
        QCOMPARE(m_fake->requests().size(), 1);
    }

    // --- Description: the part a queue persists --------------------------------------------------

    void descriptionRoundTrip_data()
    {
        QTest::addColumn<QJsonObject>("json");
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QTest::newRow("join") << QJsonObject{{"id", id},
                                             {"kind", "join"},
                                             {"target", "#a:b.org"},
                                             {"reason", "hi"},
                                             {"via", QJsonArray{"b.org", "c.org"}},
                                             {"target_name", "A room"}};
        QTest::newRow("leave") << QJsonObject{
            {"id", id}, {"kind", "leave"}, {"target", "!r:b.org"}};
        QTest::newRow("invite") << QJsonObject{
            {"id", id}, {"kind", "invite"}, {"target", "!r:b.org"}, {"user_id", "@u:b.org"}};
        QTest::newRow("forget") << QJsonObject{{"id", id}, {"kind", "forget"}, {"target", "!r"}};
        QTest::newRow("leave and forget") << QJsonObject{
            {"id", id}, {"kind", "leave_and_forget"}, {"target", "!r:b.org"}, {"reason", "bye"}};
        // Moderation (issue 12): a job can hold them, so the journal must read them back.
        QTest::newRow("kick") << QJsonObject{{"id", id},
                                             {"kind", "kick"},
                                             {"target", "!r:b.org"},
                                             {"user_id", "@u:b.org"},
                                             {"reason", "spam"},
                                             {"target_name", "General"}};
        QTest::newRow("ban") << QJsonObject{{"id", id},
                                            {"kind", "ban"},
                                            {"target", "!r:b.org"},
                                            {"user_id", "@u:b.org"},
                                            {"reason", "spam"}};
        QTest::newRow("unban") << QJsonObject{
            {"id", id}, {"kind", "unban"}, {"target", "!r:b.org"}, {"user_id", "@u:b.org"}};
    }
    void descriptionRoundTrip()
    {
        QFETCH(QJsonObject, json);
        QString error;
        const auto d = Operation::Description::fromJson(json, &error);
        QVERIFY2(d, qPrintable(error));
        QCOMPARE(d->toJson(), json);
        QCOMPARE(Operation::kindName(d->kind), json.value(QLatin1String("kind")).toString());
        // The same identity in an operation (the queue's key across restarts).
        Operation op(*d);
        QCOMPARE(op.id(), json.value(QLatin1String("id")).toString());
        QCOMPARE(op.description().toJson(), json);
    }

    void descriptionRejectsBadJson_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("errorPart");
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QTest::newRow("empty") << QJsonObject{} << "id";
        QTest::newRow("no id") << QJsonObject{{"kind", "leave"}, {"target", "!r:b.org"}} << "id";
        QTest::newRow("id not a UUID")
            << QJsonObject{{"id", "42"}, {"kind", "leave"}, {"target", "!r:b.org"}} << "UUID";
        QTest::newRow("id a number")
            << QJsonObject{{"id", 42}, {"kind", "leave"}, {"target", "!r:b.org"}} << "id";
        QTest::newRow("unknown kind")
            << QJsonObject{{"id", id}, {"kind", "promote"}, {"target", "!r:b.org"}} << "promote";
        QTest::newRow("kick without user")
            << QJsonObject{{"id", id}, {"kind", "kick"}, {"target", "!r:b.org"}} << "";
        QTest::newRow("ban by alias") << QJsonObject{{"id", id},
                                                     {"kind", "ban"},
                                                     {"target", "#a:b.org"},
                                                     {"user_id", "@u:b.org"}}
                                      << "";
        QTest::newRow("unban with via") << QJsonObject{{"id", id},
                                                       {"kind", "unban"},
                                                       {"target", "!r:b.org"},
                                                       {"user_id", "@u:b.org"},
                                                       {"via", QJsonArray{"b.org"}}}
                                        << "only apply to a join";
        QTest::newRow("kind a number")
            << QJsonObject{{"id", id}, {"kind", 1}, {"target", "!r:b.org"}} << "kind";
        QTest::newRow("no target") << QJsonObject{{"id", id}, {"kind", "leave"}} << "target";
        QTest::newRow("leave by alias")
            << QJsonObject{{"id", id}, {"kind", "leave"}, {"target", "#a:b.org"}} << "";
        QTest::newRow("invite without user")
            << QJsonObject{{"id", id}, {"kind", "invite"}, {"target", "!r:b.org"}} << "";
        QTest::newRow("user on a leave") << QJsonObject{{"id", id},
                                                        {"kind", "leave"},
                                                        {"target", "!r:b.org"},
                                                        {"user_id", "@u:b.org"}}
                                         << "invite";
        QTest::newRow("via not a list")
            << QJsonObject{{"id", id}, {"kind", "join"}, {"target", "#a:b.org"}, {"via", "b.org"}}
            << "via";
        QTest::newRow("via with a number") << QJsonObject{{"id", id},
                                                          {"kind", "join"},
                                                          {"target", "#a:b.org"},
                                                          {"via", QJsonArray{1}}}
                                           << "via";
        QTest::newRow("4 via servers")
            << QJsonObject{{"id", id},
                           {"kind", "join"},
                           {"target", "#a:b.org"},
                           {"via", QJsonArray{"a.org", "b.org", "c.org", "d.org"}}}
            << "At most 3";
        QTest::newRow("reason too long") << QJsonObject{{"id", id},
                                                        {"kind", "leave"},
                                                        {"target", "!r:b.org"},
                                                        {"reason", QString(1025, 'x')}}
                                         << "too long";
        QTest::newRow("reason a number")
            << QJsonObject{{"id", id}, {"kind", "leave"}, {"target", "!r:b.org"}, {"reason", 5}}
            << "reason";
    }
    void descriptionRejectsBadJson()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, errorPart);
        QString error;
        QVERIFY(!Operation::Description::fromJson(json, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(errorPart), qPrintable(error));
    }

    void operationsHaveDistinctIds()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        Operation *a = m_service->leave(QStringLiteral("!a:localhost"));
        Operation *b = m_service->leave(QStringLiteral("!b:localhost"));
        QVERIFY(!QUuid::fromString(a->id()).isNull());
        QVERIFY(a->id() != b->id());
        QVERIFY(finishes(a));
        QVERIFY(finishes(b));
    }

    // --- What the view reads ---------------------------------------------------------------------

    void statusLineFollowsTheLatestOperation()
    {
        m_store->applySync(syncWith("join", Room, QStringLiteral("General")));
        m_fake->script(Rooms, {{403, Forbidden}, {200, "{}"}});
        QSignalSpy running(m_service.get(), &MembershipService::runningChanged);
        Operation *op = m_service->leave(Room);
        QCOMPARE(m_service->statusText(), QStringLiteral("Leaving General…"));
        QCOMPARE(m_service->statusState(), Operation::Running);
        QCOMPARE(m_service->runningCount(), 1);
        QVERIFY(finishes(op));
        QCOMPARE(
            m_service->statusText(),
            QStringLiteral("Leaving General failed: M_FORBIDDEN: You are not allowed (HTTP 403)"));
        QCOMPARE(m_service->statusState(), Operation::Failed);
        QCOMPARE(m_service->runningCount(), 0);
        QCOMPARE(running.count(), 2); // 0 -> 1 -> 0

        Operation *again = m_service->leave(Room);
        QVERIFY(finishes(again));
        QCOMPARE(m_service->statusText(), QStringLiteral("Left General"));
        QCOMPARE(m_service->statusState(), Operation::Succeeded);
    }

    void operationForFindsTheRoomsOperation()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        m_fake->script("/_matrix/client/v3/join/", {{200, R"({"room_id":"!x:localhost"})"}});
        QCOMPARE(m_service->operationFor(Room), nullptr);
        QSignalSpy rowChanged(m_service.get(), &MembershipService::operationChanged);
        Operation *leave = m_service->leave(Room);
        Operation *join = m_service->join(QStringLiteral("#lobby:localhost"));
        QCOMPARE(m_service->operationFor(Room), leave);
        QCOMPARE(m_service->operationFor(QStringLiteral("#lobby:localhost")), join);
        QVERIFY(finishes(leave));
        QVERIFY(finishes(join));
        QCOMPARE(m_service->operationFor(Room), leave); // finished operations stay readable
        QVERIFY(rowChanged.count() >= 4);
        QVERIFY(
            std::any_of(rowChanged.cbegin(), rowChanged.cend(), [](const QList<QVariant> &args) {
                return args.first().toString() == Room;
            }));
    }
};

QTEST_MAIN(TestMembershipService)
#include "tst_membershipservice.moc"
