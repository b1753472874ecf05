// The first launch of a large account: the most recent rooms from simplified sliding sync
// (MSC4186) while the classic initial /sync is prepared, then the complete inventory from the
// classic sync. Observed through what the fake homeserver received, what the RoomStore holds and
// the status text. The fake server holds answers (Reply::held) to fix which one arrives first.
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "sync/roomstore.h"
#include "sync/slidingsync.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QUrlQuery>
#include <QtTest>

namespace {
const QByteArray SlidingPath = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";
const QByteArray SyncPath = "/_matrix/client/v3/sync";
const QString Me = QStringLiteral("@me:localhost");

QJsonObject stateEvent(const QString &type, const QString &stateKey, const QJsonObject &content,
                       const QString &sender = QStringLiteral("@admin:localhost"))
{
    return {{QStringLiteral("type"), type},
            {QStringLiteral("state_key"), stateKey},
            {QStringLiteral("sender"), sender},
            {QStringLiteral("content"), content}};
}
QJsonObject nameEvent(const QString &name)
{
    return stateEvent(QStringLiteral("m.room.name"), {}, {{QStringLiteral("name"), name}});
}
QJsonObject ownMember(const QString &membership, const QString &sender = Me)
{
    return stateEvent(QStringLiteral("m.room.member"), Me,
                      {{QStringLiteral("membership"), membership}}, sender);
}

// A room as Synapse's sliding sync sends it: required_state for joined (and kicked) rooms.
QJsonObject slidingRoom(const QString &name, const QString &membership = QStringLiteral("join"))
{
    return {{QStringLiteral("required_state"), QJsonArray{nameEvent(name), ownMember(membership)}},
            {QStringLiteral("joined_count"), 3},
            {QStringLiteral("invited_count"), 1},
            {QStringLiteral("notification_count"), 0},
            {QStringLiteral("initial"), true}};
}
// An invite: stripped state only, our own invite event last.
QJsonObject slidingInvite(const QString &name, const QString &inviter)
{
    return {{QStringLiteral("invite_state"),
             QJsonArray{nameEvent(name), ownMember(QStringLiteral("invite"), inviter)}},
            {QStringLiteral("initial"), true}};
}
QByteArray slidingBody(const QJsonObject &rooms, int count)
{
    QJsonArray ids;
    for (auto it = rooms.begin(); it != rooms.end(); ++it)
        ids.append(it.key());
    const QJsonObject recent{{QStringLiteral("count"), count},
                             {QStringLiteral("ops"),
                              QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("SYNC")},
                                                     {QStringLiteral("range"), QJsonArray{0, 19}},
                                                     {QStringLiteral("room_ids"), ids}}}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("pos"), QStringLiteral("p1")},
                                     {QStringLiteral("lists"),
                                      QJsonObject{{QStringLiteral("recent"), recent},
                                                  {QStringLiteral("invites"),
                                                   QJsonObject{{QStringLiteral("count"), 1}}}}},
                                     {QStringLiteral("rooms"), rooms}})
        .toJson(QJsonDocument::Compact);
}

// A classic /sync room entry with its state.
QJsonObject classicRoom(const QJsonArray &state)
{
    return {{QStringLiteral("state"), QJsonObject{{QStringLiteral("events"), state}}}};
}
QByteArray classicBody(const char *batch, const QJsonObject &join, const QJsonObject &invite,
                       const QJsonObject &leave)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("next_batch"), QLatin1String(batch)},
                                     {QStringLiteral("rooms"),
                                      QJsonObject{{QStringLiteral("join"), join},
                                                  {QStringLiteral("invite"), invite},
                                                  {QStringLiteral("leave"), leave}}}})
        .toJson(QJsonDocument::Compact);
}
} // namespace

class TestSlidingSync : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<SyncEngine> m_engine;

    QString nameOf(const char *roomId) const
    {
        const RoomSummary *room = m_store->find(QLatin1String(roomId));
        return room ? room->displayName() : QStringLiteral("(absent)");
    }
    QString membershipOf(const char *roomId) const
    {
        const RoomSummary *room = m_store->find(QLatin1String(roomId));
        return room ? Membership::toString(room->membership) : QStringLiteral("(absent)");
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QStringLiteral("syt_sliding_token"));
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(Me);
        m_engine = std::make_unique<SyncEngine>(m_api.get(), m_store.get());
    }
    void cleanup()
    {
        m_engine.reset();
        m_store.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    // Sliding sync answers first: its rooms are shown while the classic initial sync is still
    // being prepared; the classic answer then is the complete inventory (invites and left rooms
    // included) and replaces them.
    void firstRoomsThenCompleteInventory()
    {
        m_fake->script(
            SlidingPath,
            {{200,
              slidingBody(
                  {{QStringLiteral("!a:localhost"), slidingRoom("Alpha")},
                   {QStringLiteral("!b:localhost"), slidingRoom("Beta")},
                   {QStringLiteral("!k:localhost"), slidingRoom("Kicked", QStringLiteral("leave"))},
                   {QStringLiteral("!i:localhost"), slidingInvite("Invited", "@bob:localhost")}},
                  950)}});
        const QByteArray inventory = classicBody(
            "s1",
            {{QStringLiteral("!a:localhost"), classicRoom({nameEvent("Alpha renamed")})},
             {QStringLiteral("!d:localhost"), classicRoom({nameEvent("Delta")})}},
            {{QStringLiteral("!i:localhost"),
              QJsonObject{
                  {QStringLiteral("invite_state"),
                   QJsonObject{{QStringLiteral("events"),
                                QJsonArray{nameEvent("Invited"),
                                           ownMember(QStringLiteral("invite"),
                                                     QStringLiteral("@bob:localhost"))}}}}}},
             {QStringLiteral("!j:localhost"),
              QJsonObject{
                  {QStringLiteral("invite_state"),
                   QJsonObject{{QStringLiteral("events"),
                                QJsonArray{nameEvent("Older invite"),
                                           ownMember(QStringLiteral("invite"),
                                                     QStringLiteral("@carol:localhost"))}}}}}}},
            {{QStringLiteral("!k:localhost"), classicRoom({nameEvent("Kicked")})},
             {QStringLiteral("!l:localhost"), classicRoom({nameEvent("Left long ago")})}});
        m_fake->script(SyncPath, {FakeHomeserver::Reply::held(200, inventory),
                                  FakeHomeserver::Reply::stall()});
        QSignalSpy shown(m_engine.get(), &SyncEngine::firstRoomsShown);
        QSignalSpy dropped(m_engine.get(), &SyncEngine::roomsDropped);

        m_engine->start();
        QCOMPARE(m_engine->state(), SyncEngine::InitialSync);
        QCOMPARE(m_engine->statusText(), QStringLiteral("Loading your rooms…"));
        QVERIFY(shown.wait(10000));

        // Shown before the classic sync answered: it is still held by the server.
        QCOMPARE(m_fake->heldCount(), 1);
        QCOMPARE(m_fake->requestsTo(SyncPath).size(), 1);
        QCOMPARE(m_engine->state(), SyncEngine::InitialSync);
        QCOMPARE(m_store->size(), 4);
        QCOMPARE(nameOf("!a:localhost"), QStringLiteral("Alpha"));
        QCOMPARE(membershipOf("!a:localhost"), QStringLiteral("join"));
        QCOMPARE(m_store->find(QStringLiteral("!a:localhost"))->joinedMemberCount, 3);
        QCOMPARE(membershipOf("!k:localhost"), QStringLiteral("leave"));
        QCOMPARE(membershipOf("!i:localhost"), QStringLiteral("invite"));
        QCOMPARE(m_store->find(QStringLiteral("!i:localhost"))->inviterId,
                 QStringLiteral("@bob:localhost"));
        QCOMPARE(m_engine->statusText(), QStringLiteral("Loading your rooms… 4 of 950 shown"));

        // What was asked: one first page of recent rooms and one of invites, with the state the
        // list shows and our own membership, no timeline, no position, no long poll.
        const auto sliding = m_fake->requestsTo(SlidingPath);
        QCOMPARE(sliding.size(), 1);
        QCOMPARE(sliding.first().method, QByteArray("POST"));
        QCOMPARE(sliding.first().rawQuery, QByteArray("timeout=0"));
        const QJsonObject lists =
            QJsonDocument::fromJson(sliding.first().body).object().value(u"lists").toObject();
        const QJsonObject recent = lists.value(u"recent").toObject();
        QJsonArray firstTwenty; // (QJsonArray{QJsonArray{0, 19}} is a copy under clang)
        firstTwenty.append(QJsonArray{0, 19});
        QCOMPARE(recent.value(u"ranges").toArray(), firstTwenty);
        QCOMPARE(recent.value(u"timeline_limit").toInt(-1), 0);
        QVERIFY(recent.value(u"required_state")
                    .toArray()
                    .contains(QJsonArray{QStringLiteral("m.room.member"), QStringLiteral("$ME")}));
        QVERIFY(recent.value(u"required_state")
                    .toArray()
                    .contains(QJsonArray{QStringLiteral("m.room.name"), QString()}));
        QVERIFY(!recent.contains(u"filters"));
        QCOMPARE(lists.value(u"invites").toObject().value(u"filters").toObject(),
                 (QJsonObject{{QStringLiteral("is_invite"), true}}));

        // The complete inventory replaces the first page.
        QVERIFY(m_fake->release(SyncPath));
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), SyncEngine::Synced, 10000);
        QCOMPARE(m_store->size(), 6);
        QCOMPARE(nameOf("!a:localhost"), QStringLiteral("Alpha renamed"));
        QCOMPARE(nameOf("!b:localhost"), QStringLiteral("(absent)")); // not in the inventory
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.first().first().toStringList(),
                 QStringList{QStringLiteral("!b:localhost")});
        QCOMPARE(membershipOf("!d:localhost"), QStringLiteral("join"));
        QCOMPARE(membershipOf("!i:localhost"), QStringLiteral("invite"));
        QCOMPARE(membershipOf("!j:localhost"), QStringLiteral("invite"));
        QCOMPARE(membershipOf("!k:localhost"), QStringLiteral("leave"));
        QCOMPARE(membershipOf("!l:localhost"),
                 QStringLiteral("leave")); // only the classic sync has it
        QCOMPARE(m_engine->statusText(), QStringLiteral("Synced"));
        QCOMPARE(m_engine->nextBatch(), QStringLiteral("s1"));
        QCOMPARE(m_fake->requestsTo(SlidingPath).size(), 1); // one page, once
    }

    // A server without sliding sync answers 404 M_UNRECOGNIZED (the fake does for any path
    // without a script, as Synapse does for unknown endpoints): the classic sync alone, no error.
    void serverWithoutSlidingSync()
    {
        m_fake->script(
            SyncPath,
            {FakeHomeserver::Reply::held(
                 200, classicBody("s1",
                                  {{QStringLiteral("!a:localhost"), classicRoom({nameEvent("A")})}},
                                  {}, {})),
             FakeHomeserver::Reply::stall()});
        QSignalSpy unavailable(m_engine->slidingSyncBootstrap(),
                               &SlidingSyncBootstrap::unavailable);
        QSignalSpy states(m_engine.get(), &SyncEngine::stateChanged);
        m_engine->start();
        QVERIFY(unavailable.wait(10000));
        const auto error = unavailable.first().first().value<MatrixError>();
        QCOMPARE(error.httpStatus, 404);
        QCOMPARE(error.errcode, QStringLiteral("M_UNRECOGNIZED"));
        // Nothing shown, no error shown, still loading.
        QCOMPARE(m_engine->state(), SyncEngine::InitialSync);
        QCOMPARE(m_engine->statusText(), QStringLiteral("Loading your rooms…"));
        QVERIFY(!m_engine->lastError().isError());
        QCOMPARE(m_store->size(), 0);

        QVERIFY(m_fake->release(SyncPath));
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), SyncEngine::Synced, 10000);
        QCOMPARE(m_store->size(), 1);
        QCOMPARE(nameOf("!a:localhost"), QStringLiteral("A"));
        QVERIFY(!m_engine->lastError().isError());
        QCOMPARE(states.size(), 2); // InitialSync, then Synced: never Reconnecting
        QCOMPARE(m_fake->requestsTo(SlidingPath).size(), 1); // not asked again
    }

    // Whatever goes wrong with sliding sync never reaches the classic sync or the screen.
    void slidingFailuresAreIgnored_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("500") << 500 << QByteArray(R"({"errcode":"M_UNKNOWN","error":"boom"})");
        QTest::newRow("400 unrecognized")
            << 400 << QByteArray(R"({"errcode":"M_UNRECOGNIZED","error":"Unrecognized"})");
        QTest::newRow("405") << 405 << QByteArray(R"({"errcode":"M_UNRECOGNIZED","error":"x"})");
        QTest::newRow("malformed JSON") << 200 << QByteArray(R"({"rooms":{"!a:localhost":{)");
        QTest::newRow("not an object") << 200 << QByteArray("[1,2,3]");
    }
    void slidingFailuresAreIgnored()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        m_fake->script(SlidingPath, {{status, body}});
        m_fake->script(
            SyncPath,
            {FakeHomeserver::Reply::held(
                 200, classicBody("s1",
                                  {{QStringLiteral("!a:localhost"), classicRoom({nameEvent("A")})}},
                                  {}, {})),
             FakeHomeserver::Reply::stall()});
        QSignalSpy unavailable(m_engine->slidingSyncBootstrap(),
                               &SlidingSyncBootstrap::unavailable);
        QSignalSpy shown(m_engine.get(), &SyncEngine::firstRoomsShown);
        m_engine->start();
        QVERIFY(unavailable.wait(10000));
        QCOMPARE(shown.size(), 0);
        QCOMPARE(m_store->size(), 0);
        QCOMPARE(m_engine->state(), SyncEngine::InitialSync);
        QVERIFY(!m_engine->lastError().isError());
        QCOMPARE(m_engine->statusText(), QStringLiteral("Loading your rooms…"));

        QVERIFY(m_fake->release(SyncPath));
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), SyncEngine::Synced, 10000);
        QCOMPARE(m_store->size(), 1);
        QCOMPARE(m_fake->requestsTo(SlidingPath).size(), 1); // no retry
    }

    // Each room on its own: the malformed ones are skipped, the others shown.
    void malformedRoomIsSkipped()
    {
        QJsonObject rooms{
            {QStringLiteral("!good:localhost"), slidingRoom("Good")},
            {QStringLiteral("!invite:localhost"), slidingInvite("Invite", "@bob:localhost")},
            {QStringLiteral("!number:localhost"), 42},
            {QStringLiteral("not a room id"), slidingRoom("Bad ID")},
            {QStringLiteral("!statestring:localhost"),
             QJsonObject{{QStringLiteral("required_state"), QStringLiteral("m.room.name")}}},
            {QStringLiteral("!invitestate:localhost"),
             QJsonObject{{QStringLiteral("invite_state"), QJsonObject{}}}},
            // No own member event: the membership cannot be told.
            {QStringLiteral("!nomember:localhost"),
             QJsonObject{{QStringLiteral("required_state"), QJsonArray{nameEvent("Who")}}}},
            // A knock: the classic sync does not list knocks either.
            {QStringLiteral("!knock:localhost"),
             QJsonObject{{QStringLiteral("invite_state"),
                          QJsonArray{nameEvent("Knock"), ownMember(QStringLiteral("knock"))}}}},
            // Events that are not objects, heroes that are not objects: ignored inside the room.
            {QStringLiteral("!odd:localhost"),
             QJsonObject{
                 {QStringLiteral("required_state"),
                  QJsonArray{7, QStringLiteral("x"), ownMember(QStringLiteral("join"))}},
                 {QStringLiteral("heroes"),
                  QJsonArray{
                      3, QJsonObject{{QStringLiteral("user_id"), QStringLiteral("@h:localhost")},
                                     {QStringLiteral("displayname"), QStringLiteral("Hero")}}}},
                 {QStringLiteral("joined_count"), QStringLiteral("many")}}},
        };
        m_fake->script(SlidingPath, {{200, slidingBody(rooms, 30)}});
        m_fake->script(SyncPath, {FakeHomeserver::Reply::stall()});
        QSignalSpy shown(m_engine.get(), &SyncEngine::firstRoomsShown);
        m_engine->start();
        QVERIFY(shown.wait(10000));
        QCOMPARE(m_store->size(), 3);
        QCOMPARE(nameOf("!good:localhost"), QStringLiteral("Good"));
        QCOMPARE(membershipOf("!invite:localhost"), QStringLiteral("invite"));
        QCOMPARE(membershipOf("!odd:localhost"), QStringLiteral("join"));
        // The hero's name comes with the hero: the room is called after them.
        QCOMPARE(nameOf("!odd:localhost"), QStringLiteral("Hero"));
        QCOMPARE(m_store->find(QStringLiteral("!odd:localhost"))->joinedMemberCount, -1);
        QCOMPARE(m_store->skippedRooms(), 6);
        QCOMPARE(m_engine->statusText(), QStringLiteral("Loading your rooms… 3 of 30 shown"));
    }

    // The classic initial sync answered first: a late sliding answer must not add rooms back or
    // override what the complete inventory said.
    void lateSlidingAnswerIsIgnored()
    {
        m_fake->script(
            SlidingPath,
            {FakeHomeserver::Reply::held(
                200, slidingBody({{QStringLiteral("!a:localhost"), slidingRoom("Stale")},
                                  {QStringLiteral("!gone:localhost"), slidingRoom("Gone")}},
                                 2))});
        m_fake->script(SyncPath, {FakeHomeserver::Reply::held(
                                      200, classicBody("s1",
                                                       {{QStringLiteral("!a:localhost"),
                                                         classicRoom({nameEvent("Current")})}},
                                                       {}, {})),
                                  FakeHomeserver::Reply::stall()});
        QSignalSpy shown(m_engine.get(), &SyncEngine::firstRoomsShown);
        QSignalSpy unavailable(m_engine->slidingSyncBootstrap(),
                               &SlidingSyncBootstrap::unavailable);
        m_engine->start();
        // Both requests are at the server; the classic one is answered first.
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->heldCount(), 2, 10000);
        QVERIFY(m_fake->release(SyncPath));
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), SyncEngine::Synced, 10000);
        QVERIFY(!m_engine->slidingSyncBootstrap()->isRunning()); // cancelled by the inventory
        QVERIFY(m_fake->release(SlidingPath));
        // Nothing may come of it: a bounded wait for what must not happen.
        QVERIFY(!shown.wait(1000));
        QCOMPARE(unavailable.size(), 0); // cancelled quietly, not an error
        QCOMPARE(m_store->size(), 1);
        QCOMPARE(nameOf("!a:localhost"), QStringLiteral("Current"));
        QCOMPARE(m_engine->statusText(), QStringLiteral("Synced"));
    }

    // Continuing from a saved position (the store shows the list): no sliding-sync request.
    void resumedLaunchSendsNoSlidingRequest()
    {
        m_fake->script(SyncPath, {FakeHomeserver::Reply::held(200, classicBody("s2", {}, {}, {})),
                                  FakeHomeserver::Reply::stall()});
        m_engine->resumeFrom(QStringLiteral("s1"));
        m_engine->start();
        QCOMPARE(m_engine->state(), SyncEngine::Updating);
        QCOMPARE(m_engine->statusText(), QStringLiteral("Updating…"));
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->heldCount(), 1, 10000);
        QVERIFY(m_fake->release(SyncPath));
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), SyncEngine::Synced, 10000);
        QCOMPARE(m_fake->requestsTo(SlidingPath).size(), 0);
        QCOMPARE(QUrlQuery(QString::fromLatin1(m_fake->requestsTo(SyncPath).first().rawQuery))
                     .queryItemValue(QStringLiteral("since")),
                 QStringLiteral("s1"));
    }

    // Rooms already on screen without a position (or sliding sync turned off): no request.
    void noSlidingRequestWhenRoomsAreShownOrDisabled()
    {
        m_fake->script(SyncPath,
                       {{200, classicBody("s1", {}, {}, {})}, FakeHomeserver::Reply::stall()});
        RoomSummary shown;
        shown.roomId = QStringLiteral("!shown:localhost");
        m_store->restore({shown});
        m_engine->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), SyncEngine::Synced, 10000);
        QCOMPARE(m_fake->requestsTo(SlidingPath).size(), 0);

        m_engine->stop();
        m_store->clear();
        m_engine->setFirstRoomsFromSlidingSync(false);
        m_fake->script(SyncPath,
                       {{200, classicBody("s1", {}, {}, {})}, FakeHomeserver::Reply::stall()});
        m_engine->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), SyncEngine::Synced, 10000);
        QCOMPARE(m_fake->requestsTo(SlidingPath).size(), 0);
        // Two initial syncs (no since), both answered by now; long polls may still be arriving.
        int initialSyncs = 0;
        for (const auto &request : m_fake->requestsTo(SyncPath))
            initialSyncs += request.rawQuery.contains("since=") ? 0 : 1;
        QCOMPARE(initialSyncs, 2);
    }

    // Signing out (stop) while the first page is on its way: it is dropped.
    void stopCancelsTheFirstPage()
    {
        m_fake->script(
            SlidingPath,
            {FakeHomeserver::Reply::held(
                200, slidingBody({{QStringLiteral("!a:localhost"), slidingRoom("A")}}, 1))});
        m_fake->script(SyncPath, {FakeHomeserver::Reply::stall()});
        QSignalSpy shown(m_engine.get(), &SyncEngine::firstRoomsShown);
        m_engine->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->heldCount(), 1, 10000);
        QVERIFY(m_engine->slidingSyncBootstrap()->isRunning());
        m_engine->stop();
        QVERIFY(!m_engine->slidingSyncBootstrap()->isRunning());
        QVERIFY(m_fake->release(SlidingPath));
        QVERIFY(!shown.wait(1000));
        QCOMPARE(m_store->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSlidingSync)
#include "tst_slidingsync.moc"
