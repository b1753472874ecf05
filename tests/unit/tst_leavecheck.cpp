// LeaveCheck (issue 12): the last-admin rule on one room's facts (sole admin, a shared admin, a
// higher member, no power at all, the other admin gone, room version 12 creators), a check
// against a scripted homeserver (the rooms it reads with their joined members, the rooms that
// are flagged and those that could not be read, the names and the sentence the views show), and
// the older versions of an upgraded room from a fed RoomStore (only links both rooms agree on,
// only rooms still joined, a cycle followed once).
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "models/leavecheck.h"
#include "session/session.h"
#include "sync/roomstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

Q_DECLARE_METATYPE(RoomPowerFacts)

namespace {
const QString Me = QStringLiteral("@me:x.org");
const QByteArray Rooms = "/_matrix/client/v3/rooms/";

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray roomPath(const QString &roomId)
{
    return Rooms + QUrl::toPercentEncoding(roomId);
}

QJsonObject createEvent(const QString &sender, const QString &version,
                        const QStringList &additional = {})
{
    QJsonObject content{{QStringLiteral("room_version"), version}};
    if (!additional.isEmpty())
        content.insert(QStringLiteral("additional_creators"),
                       QJsonArray::fromStringList(additional));
    return {{QStringLiteral("type"), QStringLiteral("m.room.create")},
            {QStringLiteral("sender"), sender},
            {QStringLiteral("content"), content}};
}

QJsonObject levelsContent(const QJsonObject &users, int usersDefault = 0)
{
    return {{QStringLiteral("users"), users}, {QStringLiteral("users_default"), usersDefault}};
}

RoomPowerFacts facts(const QJsonObject &create, const QJsonObject &levels,
                     const QStringList &joined)
{
    RoomPowerFacts f;
    f.roomId = QStringLiteral("!r:x.org");
    f.levels = PowerLevels::fromState(create, levels);
    f.usersDefault = levels.value(QLatin1String("users_default")).toInt();
    f.joinedMembers = joined;
    return f;
}

QJsonObject stateEvent(const QString &type, const QJsonObject &content,
                       const QString &sender = QStringLiteral("@me:x.org"))
{
    return {{QStringLiteral("type"), type},
            {QStringLiteral("state_key"), QString()},
            {QStringLiteral("sender"), sender},
            {QStringLiteral("content"), content}};
}

// A room of a /sync "join" (or "leave") section: its name, the room it replaced and the room
// that replaced it (empty: none).
QJsonObject syncRoom(const QString &name, const QString &predecessor, const QString &successor)
{
    QJsonObject create{{QStringLiteral("room_version"), QStringLiteral("10")}};
    if (!predecessor.isEmpty())
        create.insert(QStringLiteral("predecessor"),
                      QJsonObject{{QStringLiteral("room_id"), predecessor}});
    QJsonArray events{stateEvent(QStringLiteral("m.room.create"), create),
                      stateEvent(QStringLiteral("m.room.name"), {{QStringLiteral("name"), name}})};
    if (!successor.isEmpty())
        events.append(stateEvent(QStringLiteral("m.room.tombstone"),
                                 {{QStringLiteral("replacement_room"), successor},
                                  {QStringLiteral("body"), QStringLiteral("upgraded")}}));
    return {{QStringLiteral("state"), QJsonObject{{QStringLiteral("events"), events}}}};
}
} // namespace

class TestLeaveCheck : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<LeaveCheck> m_check;

    void scriptRoom(const QString &roomId, const QJsonObject &users, const QStringList &joined)
    {
        m_fake->script(roomPath(roomId) + "/state/m.room.power_levels/",
                       {{200, json(levelsContent(users))}});
        m_fake->script(roomPath(roomId) + "/state/m.room.create/",
                       {{200, json(createEvent(Me, QStringLiteral("10")))}});
        QJsonObject members;
        for (const QString &user : joined)
            members.insert(user, QJsonObject{});
        m_fake->script(roomPath(roomId) + "/joined_members",
                       {{200, json({{QStringLiteral("joined"), members}})}});
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QStringLiteral("tok"));
        m_session = std::make_unique<Session>(m_api.get());
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(Me);
        m_check = std::make_unique<LeaveCheck>(m_api.get(), m_session.get(), m_store.get());
    }
    void cleanup()
    {
        m_check.reset();
        m_store.reset();
        m_session.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void theRule_data()
    {
        QTest::addColumn<RoomPowerFacts>("facts");
        QTest::addColumn<bool>("soleAdmin");
        const QJsonObject v10 = createEvent(QStringLiteral("@founder:x.org"), QStringLiteral("10"));
        const QString bob = QStringLiteral("@bob:x.org");
        const QString ann = QStringLiteral("@ann:x.org");
        QTest::newRow("sole admin") << facts(v10, levelsContent({{Me, 100}}), {Me, bob}) << true;
        QTest::newRow("alone in the room") << facts(v10, levelsContent({{Me, 100}}), {Me}) << true;
        QTest::newRow("another joined admin")
            << facts(v10, levelsContent({{Me, 100}, {ann, 100}}), {Me, bob, ann}) << false;
        QTest::newRow("someone above")
            << facts(v10, levelsContent({{Me, 50}, {ann, 100}}), {Me, ann}) << false;
        QTest::newRow("highest at 50, the rest below")
            << facts(v10, levelsContent({{Me, 50}, {ann, 100}}), {Me, bob}) << true;
        QTest::newRow("the other admin left")
            << facts(v10, levelsContent({{Me, 100}, {ann, 100}}), {Me, bob}) << true;
        QTest::newRow("no power of my own")
            << facts(v10, levelsContent({{ann, 100}}), {Me, bob}) << false;
        QTest::newRow("no more than users_default")
            << facts(v10, levelsContent({{Me, 50}}, 50), {Me, bob}) << false;
        QTest::newRow("not joined") << facts(v10, levelsContent({{Me, 100}}), {bob}) << false;
        QTest::newRow("no power levels, I created it")
            << facts(createEvent(Me, QStringLiteral("10")), {}, {Me, bob}) << true;
        const QJsonObject v12 = createEvent(Me, QStringLiteral("12"), {ann});
        QTest::newRow("v12 creator, the other creator joined")
            << facts(v12, levelsContent({{bob, 100}}), {Me, ann, bob}) << false;
        QTest::newRow("v12 creator, the other creator not joined")
            << facts(v12, levelsContent({{bob, 100}}), {Me, bob}) << true;
        QTest::newRow("v12 not a creator, a creator joined")
            << facts(createEvent(ann, QStringLiteral("12")), levelsContent({{Me, 100}}), {Me, ann})
            << false;
        RoomPowerFacts failed = facts(v10, levelsContent({{Me, 100}}), {Me});
        failed.error = MatrixError::cancelled();
        QTest::newRow("could not be read") << failed << false;
    }
    void theRule()
    {
        QFETCH(RoomPowerFacts, facts);
        QFETCH(bool, soleAdmin);
        QCOMPARE(LeaveCheck::isSoleAdmin(facts, Me), soleAdmin);
    }

    void checkFlagsExactlyTheSoleAdminRooms()
    {
        const QString sole = QStringLiteral("!sole:x.org");
        const QString shared = QStringLiteral("!shared:x.org");
        const QString notAdmin = QStringLiteral("!member:x.org");
        const QString broken = QStringLiteral("!broken:x.org");
        QJsonObject join;
        join.insert(sole, syncRoom(QStringLiteral("<b>Sole</b>"), {}, {}));
        QVERIFY(m_store->applySync(
                    {{QStringLiteral("rooms"), QJsonObject{{QStringLiteral("join"), join}}}}) > 0);
        scriptRoom(sole, {{Me, 100}}, {Me, QStringLiteral("@bob:x.org")});
        scriptRoom(shared, {{Me, 100}, {QStringLiteral("@ann:x.org"), 100}},
                   {Me, QStringLiteral("@ann:x.org")});
        scriptRoom(notAdmin, {{QStringLiteral("@ann:x.org"), 100}},
                   {Me, QStringLiteral("@ann:x.org")});
        m_fake->script(roomPath(broken) + "/",
                       {{403, R"({"errcode":"M_FORBIDDEN","error":"Not in room"})"}});

        QSignalSpy changed(m_check.get(), &LeaveCheck::changed);
        m_check->check({sole, shared, notAdmin, broken});
        QCOMPARE(m_check->state(), LeaveCheck::Checking);
        QVERIFY(m_check->isChecking());
        QCOMPARE(changed.size(), 1);
        QVERIFY(QTest::qWaitFor([this] { return m_check->state() == LeaveCheck::Checked; }, 10000));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(m_check->roomIds(), QStringList({sole, shared, notAdmin, broken}));
        QCOMPARE(m_check->soleAdminRoomIds(), QStringList({sole}));
        QVERIFY(m_check->isSoleAdmin(sole));
        QVERIFY(!m_check->isSoleAdmin(shared));
        QCOMPARE(m_check->failedRoomIds(), QStringList({broken}));
        QVERIFY(m_check->errorFor(broken).contains(QLatin1String("M_FORBIDDEN")));
        QVERIFY(m_check->errorFor(sole).isEmpty());

        const QVariantMap row = m_check->soleAdminRooms().at(0).toMap();
        QCOMPARE(row.value(QStringLiteral("roomId")).toString(), sole);
        QCOMPARE(row.value(QStringLiteral("name")).toString(), QStringLiteral("<b>Sole</b>"));
        QCOMPARE(row.value(QStringLiteral("warning")).toString(),
                 QStringLiteral("You are the only admin of <b>Sole</b>. Promote someone before "
                                "you leave, or nobody will be able to change its settings."));
        // A view passes every room it leaves: only the sole-admin ones are warned about.
        QCOMPARE(m_check->warningsFor({shared, sole, notAdmin, broken}),
                 row.value(QStringLiteral("warning")).toString());
        QCOMPARE(m_check->warningsFor({shared, notAdmin}), QString());
        const QVariantMap failed = m_check->failedRooms().at(0).toMap();
        QCOMPARE(failed.value(QStringLiteral("name")).toString(), broken); // not in the store

        // Each room read with its joined members.
        for (const QString &room : {sole, shared, notAdmin})
            QCOMPARE(m_fake->requestsTo(roomPath(room) + "/joined_members").size(), 1);

        m_check->clear();
        QCOMPARE(m_check->state(), LeaveCheck::Idle);
        QVERIFY(m_check->soleAdminRoomIds().isEmpty());
        QVERIFY(m_check->failedRoomIds().isEmpty());
    }

    void aNewCheckReplacesTheOldOne()
    {
        const QString slow = QStringLiteral("!slow:x.org");
        const QString fast = QStringLiteral("!fast:x.org");
        m_fake->script(roomPath(slow) + "/", {FakeHomeserver::Reply::held(200, "{}")});
        scriptRoom(fast, {{Me, 100}}, {Me});
        m_check->check({slow});
        QVERIFY(QTest::qWaitFor([this] { return m_fake->heldCount() == 3; }, 10000));
        QSignalSpy changed(m_check.get(), &LeaveCheck::changed);
        m_check->check({fast});
        QVERIFY(QTest::qWaitFor([this] { return m_check->state() == LeaveCheck::Checked; }, 10000));
        QCOMPARE(changed.size(), 2); // Checking, Checked: nothing from the replaced check
        QCOMPARE(m_check->soleAdminRoomIds(), QStringList({fast}));
        QVERIFY(m_check->failedRoomIds().isEmpty());
    }

    void nothingToCheckSendsNothing()
    {
        m_check->check({});
        QVERIFY(QTest::qWaitFor([this] { return m_check->state() == LeaveCheck::Checked; }, 10000));
        QVERIFY(m_check->soleAdminRoomIds().isEmpty());
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void predecessorsAreTheJoinedOlderVersions()
    {
        // v1 -> v2 -> v3 (each link on both sides); v2 is left; "fake" names v3 as its
        // predecessor without v3's tombstone agreeing; c1 <-> c2 name each other.
        QJsonObject join;
        join.insert(QStringLiteral("!v1:x.org"),
                    syncRoom(QStringLiteral("v1"), {}, QStringLiteral("!v2:x.org")));
        join.insert(QStringLiteral("!v3:x.org"),
                    syncRoom(QStringLiteral("v3"), QStringLiteral("!v2:x.org"), {}));
        join.insert(QStringLiteral("!fake:x.org"),
                    syncRoom(QStringLiteral("fake"), QStringLiteral("!v3:x.org"), {}));
        join.insert(QStringLiteral("!c1:x.org"),
                    syncRoom(QStringLiteral("c1"), QStringLiteral("!c2:x.org"),
                             QStringLiteral("!c2:x.org")));
        join.insert(QStringLiteral("!c2:x.org"),
                    syncRoom(QStringLiteral("c2"), QStringLiteral("!c1:x.org"),
                             QStringLiteral("!c1:x.org")));
        QJsonObject leave;
        leave.insert(QStringLiteral("!v2:x.org"),
                     syncRoom(QStringLiteral("v2"), QStringLiteral("!v1:x.org"),
                              QStringLiteral("!v3:x.org")));
        QVERIFY(m_store->applySync({{QStringLiteral("rooms"),
                                     QJsonObject{{QStringLiteral("join"), join},
                                                 {QStringLiteral("leave"), leave}}}}) > 0);
        QVERIFY(m_store->find(QStringLiteral("!v2:x.org"))->membership == Membership::Leave);

        // v2 is left: only v1 is still to leave.
        QCOMPARE(m_check->predecessorsOf(QStringLiteral("!v3:x.org")),
                 QStringList({QStringLiteral("!v1:x.org")}));
        QCOMPARE(m_check->predecessorsOf(QStringLiteral("!v1:x.org")), QStringList());
        // A one-sided claim is not followed.
        QCOMPARE(m_check->predecessorsOf(QStringLiteral("!fake:x.org")), QStringList());
        // A cycle ends.
        QCOMPARE(m_check->predecessorsOf(QStringLiteral("!c1:x.org")),
                 QStringList({QStringLiteral("!c2:x.org")}));
        QCOMPARE(m_check->predecessorsOf(QStringLiteral("!unknown:x.org")), QStringList());
        QCOMPARE(m_check->namesOf({QStringLiteral("!v1:x.org"), QStringLiteral("!unknown:x.org")}),
                 QStringList({QStringLiteral("v1"), QStringLiteral("!unknown:x.org")}));

        // Joined again to v2: both older versions, newest first.
        QJsonObject rejoin;
        rejoin.insert(QStringLiteral("!v2:x.org"),
                      syncRoom(QStringLiteral("v2"), QStringLiteral("!v1:x.org"),
                               QStringLiteral("!v3:x.org")));
        m_store->applySync(
            {{QStringLiteral("rooms"), QJsonObject{{QStringLiteral("join"), rejoin}}}});
        QCOMPARE(m_check->predecessorsOf(QStringLiteral("!v3:x.org")),
                 QStringList({QStringLiteral("!v2:x.org"), QStringLiteral("!v1:x.org")}));
    }
};

QTEST_MAIN(TestLeaveCheck)
#include "tst_leavecheck.moc"
