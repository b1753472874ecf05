// RoomMembersModel (issue 12) against a scripted homeserver: the three requests a room's load
// sends, the rows and roles of a members answer (sections, power levels, names, reasons), the
// power-aware flags and the reasons given when an action is not allowed, the filter, a /sync
// that bans a member moving their row to Banned (and one that raises a level changing the
// flags), sync news that arrive during the load, and failing loads reported with the server's
// words.
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "models/roommembersmodel.h"
#include "session/session.h"
#include "sync/roomstore.h"
#include "sync/syncengine.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>
#include <cmath>

namespace {
const char *const Versions = R"({"versions":["v1.11"]})";
const char *const Whoami = R"({"user_id":"@me:x.org","device_id":"D"})";
const QString Room = QStringLiteral("!room:x.org");
const QByteArray RoomPath = "/_matrix/client/v3/rooms/%21room%3Ax.org";
const QByteArray Members = RoomPath + "/members";
const QByteArray Levels = RoomPath + "/state/m.room.power_levels/";
const QByteArray Create = RoomPath + "/state/m.room.create/";
const QByteArray Sync = "/_matrix/client/v3/sync";

QJsonObject member(const QString &userId, const QString &membership, const QString &name = {},
                   const QString &reason = {}, const QString &sender = {})
{
    QJsonObject content{{QStringLiteral("membership"), membership}};
    if (!name.isEmpty())
        content.insert(QStringLiteral("displayname"), name);
    if (!reason.isEmpty())
        content.insert(QStringLiteral("reason"), reason);
    return {{QStringLiteral("type"), QStringLiteral("m.room.member")},
            {QStringLiteral("state_key"), userId},
            {QStringLiteral("sender"), sender.isEmpty() ? userId : sender},
            {QStringLiteral("content"), content}};
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray chunk(const QJsonArray &events)
{
    return json({{QStringLiteral("chunk"), events}});
}

// Power levels: me at `mine`, @admin at 100, @mod at 50; kick and ban at 50, invite at 0.
QByteArray levels(int mine)
{
    return json({{QStringLiteral("users"), QJsonObject{{QStringLiteral("@me:x.org"), mine},
                                                       {QStringLiteral("@admin:x.org"), 100},
                                                       {QStringLiteral("@mod:x.org"), 50}}},
                 {QStringLiteral("users_default"), 0},
                 {QStringLiteral("kick"), 50},
                 {QStringLiteral("ban"), 50},
                 {QStringLiteral("invite"), 0}});
}

// The members of the usual room: me, an admin, a moderator, Bob (joined, no level of his own),
// an invited Carol, a knocking Dave and a banned Eve.
QJsonArray usualMembers()
{
    QJsonObject bob =
        member(QStringLiteral("@bob:x.org"), QStringLiteral("join"), QStringLiteral("<b>Bob</b>"));
    bob[QStringLiteral("content")] =
        QJsonObject{{QStringLiteral("membership"), QStringLiteral("join")},
                    {QStringLiteral("displayname"), QStringLiteral("<b>Bob</b>")},
                    {QStringLiteral("avatar_url"), QStringLiteral("mxc://x.org/bob_1")}};
    return {member(QStringLiteral("@me:x.org"), QStringLiteral("join"), QStringLiteral("Me")),
            bob,
            member(QStringLiteral("@admin:x.org"), QStringLiteral("join"), QStringLiteral("Ann")),
            member(QStringLiteral("@mod:x.org"), QStringLiteral("join")),
            member(QStringLiteral("@carol:y.org"), QStringLiteral("invite"),
                   QStringLiteral("Carol"), {}, QStringLiteral("@admin:x.org")),
            member(QStringLiteral("@dave:z.org"), QStringLiteral("knock"), QStringLiteral("Dave"),
                   QStringLiteral("let me in")),
            member(QStringLiteral("@eve:spam.example"), QStringLiteral("ban"), {},
                   QStringLiteral("spam"), QStringLiteral("@admin:x.org"))};
}

QJsonObject syncBody(const QString &batch, const QJsonArray &timeline, const QJsonArray &state = {})
{
    const QJsonObject room{
        {QStringLiteral("timeline"), QJsonObject{{QStringLiteral("events"), timeline}}},
        {QStringLiteral("state"), QJsonObject{{QStringLiteral("events"), state}}}};
    return {{QStringLiteral("next_batch"), batch},
            {QStringLiteral("rooms"),
             QJsonObject{{QStringLiteral("join"), QJsonObject{{Room, room}}}}}};
}
} // namespace

class TestRoomMembersModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<SyncEngine> m_sync;
    std::unique_ptr<RoomMembersModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    void signIn()
    {
        QSignalSpy signedIn(m_session.get(), &Session::signedIn);
        m_session->signIn(m_fake->baseUrl().toString(), QStringLiteral("tok"));
        QVERIFY(signedIn.wait(10000));
        QCOMPARE(m_session->userId(), QStringLiteral("@me:x.org"));
        m_fake->clear();
    }
    // Sets the room and waits for its load to end (fails the test on timeout).
    void load(int myLevel = 50, const QJsonArray &members = usualMembers())
    {
        m_fake->script(Members, {{200, chunk(members)}});
        m_fake->script(Levels, {{200, levels(myLevel)}});
        m_fake->script(Create, {{200, R"({"room_version":"10","creator":"@admin:x.org"})"}});
        QSignalSpy loaded(m_model.get(), &RoomMembersModel::loaded);
        m_model->setRoomId(Room);
        QVERIFY(m_model->loading());
        QVERIFY(loaded.wait(10000));
        QVERIFY(!m_model->loading());
        QCOMPARE(m_model->errorText(), QString());
    }
    QVariantMap row(const QString &userId) const { return m_model->get(m_model->rowOf(userId)); }
    QStringList userIds() const
    {
        QStringList ids;
        for (int i = 0; i < m_model->rowCount(); ++i)
            ids << m_model->index(i).data(RoomMembersModel::UserIdRole).toString();
        return ids;
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, Whoami}});
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_session = std::make_unique<Session>(m_api.get());
        m_store = std::make_unique<RoomStore>();
        m_sync = std::make_unique<SyncEngine>(m_api.get(), m_store.get());
        m_sync->setFirstRoomsFromSlidingSync(false);
        m_model = std::make_unique<RoomMembersModel>(m_api.get(), m_session.get(), m_sync.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        signIn();
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_sync.reset();
        m_store.reset();
        m_session.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void loadSendsTheThreeRequests()
    {
        load();
        const auto members = m_fake->requestsTo(Members);
        QCOMPARE(members.size(), 1);
        QCOMPARE(members.first().method, QByteArray("GET"));
        // Left members are not listed: the server need not send them.
        QCOMPARE(members.first().rawQuery, QByteArray("not_membership=leave"));
        QCOMPARE(members.first().authorization, QByteArray("Bearer tok"));
        QCOMPARE(m_fake->requestsTo(Levels).size(), 1);
        QCOMPARE(m_fake->requestsTo(Levels).first().method, QByteArray("GET"));
        QCOMPARE(m_fake->requestsTo(Create).size(), 1);
        // The whole creation event: its sender is the creator.
        QCOMPARE(m_fake->requestsTo(Create).first().rawQuery, QByteArray("format=event"));
        // Another room: its own requests; the same room again: nothing.
        m_model->setRoomId(Room);
        QCOMPARE(m_fake->requestsTo(RoomPath).size(), 3);
    }

    void rowsInSectionsWithTheirRoles()
    {
        load();
        QCOMPARE(m_model->count(), 7);
        QCOMPARE(m_model->total(), 7);
        // Joined (highest level first, then by name), invited, knocking, banned.
        QCOMPARE(userIds(), QStringList({"@admin:x.org", "@me:x.org", "@mod:x.org", "@bob:x.org",
                                         "@carol:y.org", "@dave:z.org", "@eve:spam.example"}));
        QCOMPARE(m_model->countOf(Membership::Join), 4);
        QCOMPARE(m_model->countOf(Membership::Ban), 1);
        QCOMPARE(
            RoomMembersModel::sectionOrder(),
            QList<int>({Membership::Join, Membership::Invite, Membership::Knock, Membership::Ban}));

        const QVariantMap bob = row(QStringLiteral("@bob:x.org"));
        QCOMPARE(bob.value("displayName").toString(), QStringLiteral("<b>Bob</b>"));
        QCOMPARE(bob.value("avatarUrl").toString(), QStringLiteral("mxc://x.org/bob_1"));
        QCOMPARE(bob.value("avatarSource").toString(), QStringLiteral("image://mxc/x.org/bob_1"));
        QCOMPARE(bob.value("membership").toInt(), int(Membership::Join));
        QCOMPARE(bob.value("section").toInt(), 0);
        QCOMPARE(bob.value("powerLevel").toDouble(), 0.0);
        QCOMPARE(bob.value("powerLevelText").toString(), QStringLiteral("0"));
        QCOMPARE(bob.value("isSelf").toBool(), false);
        // No display name: the user ID.
        QCOMPARE(row(QStringLiteral("@mod:x.org")).value("displayName").toString(),
                 QStringLiteral("@mod:x.org"));
        QCOMPARE(m_model->displayNameOf(QStringLiteral("@admin:x.org")), QStringLiteral("Ann"));
        QCOMPARE(m_model->displayNameOf(QStringLiteral("@mod:x.org")),
                 QStringLiteral("@mod:x.org"));
        QCOMPARE(row(QStringLiteral("@admin:x.org")).value("powerLevelText").toString(),
                 QStringLiteral("100"));
        QVERIFY(row(QStringLiteral("@me:x.org")).value("isSelf").toBool());
        const QVariantMap carol = row(QStringLiteral("@carol:y.org"));
        QCOMPARE(carol.value("membership").toInt(), int(Membership::Invite));
        QCOMPARE(carol.value("sender").toString(), QStringLiteral("@admin:x.org"));
        const QVariantMap dave = row(QStringLiteral("@dave:z.org"));
        QCOMPARE(dave.value("membership").toInt(), int(Membership::Knock));
        QCOMPARE(dave.value("section").toInt(), 2);
        QCOMPARE(dave.value("reason").toString(), QStringLiteral("let me in"));
        const QVariantMap eve = row(QStringLiteral("@eve:spam.example"));
        QCOMPARE(eve.value("membership").toInt(), int(Membership::Ban));
        QCOMPARE(eve.value("section").toInt(), 3);
        QCOMPARE(eve.value("reason").toString(), QStringLiteral("spam"));
        QCOMPARE(eve.value("sender").toString(), QStringLiteral("@admin:x.org"));
        QCOMPARE(m_model->ownPowerLevel(), 50.0);
        QCOMPARE(m_model->ownPowerLevelText(), QStringLiteral("50"));
    }

    void filterByNameOrId()
    {
        load();
        QSignalSpy count(m_model.get(), &RoomMembersModel::countChanged);
        m_model->setFilterText(QStringLiteral("ANN"));
        QCOMPARE(userIds(), QStringList{QStringLiteral("@admin:x.org")});
        QVERIFY(count.count() > 0);
        m_model->setFilterText(QStringLiteral("x.ORG"));
        QCOMPARE(userIds(), QStringList({"@admin:x.org", "@me:x.org", "@mod:x.org", "@bob:x.org"}));
        m_model->setFilterText(QStringLiteral("nobody"));
        QCOMPARE(m_model->count(), 0);
        QCOMPARE(m_model->total(), 7);
        m_model->setFilterText({});
        QCOMPARE(m_model->count(), 7);
    }

    void flagsFollowPowerLevels()
    {
        load(50);
        // Bob (0) is below me (50): kick and ban.
        QVariantMap bob = row(QStringLiteral("@bob:x.org"));
        QVERIFY(bob.value("canKick").toBool());
        QCOMPARE(bob.value("kickReason").toString(), QString());
        QVERIFY(bob.value("canBan").toBool());
        QVERIFY(!bob.value("canUnban").toBool()); // not banned
        // The moderator has my level, the admin more: not offered, with the reason.
        const QVariantMap mod = row(QStringLiteral("@mod:x.org"));
        QVERIFY(!mod.value("canKick").toBool());
        QCOMPARE(mod.value("kickReason").toString(),
                 QStringLiteral("Their power level (50) is not below yours (50)."));
        const QVariantMap admin = row(QStringLiteral("@admin:x.org"));
        QVERIFY(!admin.value("canBan").toBool());
        QCOMPARE(admin.value("banReason").toString(),
                 QStringLiteral("Their power level (100) is not below yours (50)."));
        // Myself: never.
        const QVariantMap me = row(QStringLiteral("@me:x.org"));
        QVERIFY(!me.value("canKick").toBool());
        QVERIFY(!me.value("kickReason").toString().isEmpty());
        // An invitation can be revoked (kick); a knock accepted (invite) or denied (kick).
        QVERIFY(row(QStringLiteral("@carol:y.org")).value("canKick").toBool());
        const QVariantMap dave = row(QStringLiteral("@dave:z.org"));
        QVERIFY(dave.value("canAccept").toBool());
        QVERIFY(dave.value("canDeny").toBool());
        QVERIFY(!bob.value("canAccept").toBool()); // Bob does not knock
        QVERIFY(row(QStringLiteral("@eve:spam.example")).value("canUnban").toBool());
        QCOMPARE(m_model->inviteReason(), QString());
    }

    void lowPowerUserGetsReasons()
    {
        load(0);
        const QVariantMap bob = row(QStringLiteral("@bob:x.org"));
        QVERIFY(!bob.value("canKick").toBool());
        QCOMPARE(bob.value("kickReason").toString(),
                 QStringLiteral("Needs power level 50; you have 0."));
        QVERIFY(!bob.value("canBan").toBool());
        QCOMPARE(bob.value("banReason").toString(),
                 QStringLiteral("Needs power level 50; you have 0."));
        const QVariantMap dave = row(QStringLiteral("@dave:z.org"));
        QVERIFY(dave.value("canAccept").toBool()); // invite needs 0
        QVERIFY(!dave.value("canDeny").toBool());
        QCOMPARE(dave.value("denyReason").toString(),
                 QStringLiteral("Needs power level 50; you have 0."));
        QCOMPARE(row(QStringLiteral("@eve:spam.example")).value("unbanReason").toString(),
                 QStringLiteral("Needs power level 50; you have 0."));
    }

    void creatorsOfVersion12RankHighest()
    {
        m_fake->script(Members, {{200, chunk(usualMembers())}});
        m_fake->script(Levels, {{200, levels(50)}});
        m_fake->script(Create,
                       {{200, R"({"room_version":"12","additional_creators":["@mod:x.org"]})"}});
        QSignalSpy loaded(m_model.get(), &RoomMembersModel::loaded);
        m_model->setRoomId(Room);
        QVERIFY(loaded.wait(10000));
        const QVariantMap mod = row(QStringLiteral("@mod:x.org"));
        QCOMPARE(mod.value("powerLevelText").toString(), QStringLiteral("Creator"));
        QVERIFY(std::isinf(mod.value("powerLevel").toDouble()));
        QVERIFY(!mod.value("canKick").toBool());
        QCOMPARE(mod.value("kickReason").toString(),
                 QStringLiteral("They created the room: no one can remove them."));
        QCOMPARE(userIds().first(), QStringLiteral("@mod:x.org")); // above the admin's 100
    }

    void theCreatorOfAVersion12RoomIsItsSender()
    {
        m_fake->script(Members, {{200, chunk(usualMembers())}});
        m_fake->script(Levels, {{200, levels(50)}});
        m_fake->script(Create,
                       {{200, R"({"type":"m.room.create","state_key":"","sender":"@me:x.org",)"
                              R"("content":{"room_version":"12"}})"}});
        QSignalSpy loaded(m_model.get(), &RoomMembersModel::loaded);
        m_model->setRoomId(Room);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_model->ownPowerLevelText(), QStringLiteral("Creator"));
        QVERIFY(std::isinf(m_model->ownPowerLevel()));
        // Above the admin's 100: everything is allowed on them.
        QVERIFY(row(QStringLiteral("@admin:x.org")).value("canBan").toBool());
        QCOMPARE(userIds().first(), QStringLiteral("@me:x.org"));
    }

    void roomWithoutPowerLevelsUsesTheDefaults()
    {
        m_fake->script(Members, {{200, chunk(usualMembers())}});
        m_fake->script(Levels, {{404, R"({"errcode":"M_NOT_FOUND","error":"Event not found."})"}});
        m_fake->script(Create, {{200, R"({"room_version":"10","creator":"@me:x.org"})"}});
        QSignalSpy loaded(m_model.get(), &RoomMembersModel::loaded);
        m_model->setRoomId(Room);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_model->errorText(), QString());
        QCOMPARE(m_model->count(), 7);
        // The creator has 100, everyone else 0.
        QCOMPARE(m_model->ownPowerLevel(), 100.0);
        QVERIFY(row(QStringLiteral("@admin:x.org")).value("canKick").toBool());
    }

    void syncMovesAMemberFromJoinToBan()
    {
        load(50);
        QCOMPARE(row(QStringLiteral("@bob:x.org")).value("section").toInt(), 0);
        QJsonObject ban = member(QStringLiteral("@bob:x.org"), QStringLiteral("ban"), {},
                                 QStringLiteral("flooding"), QStringLiteral("@me:x.org"));
        m_fake->script(Sync, {{200, json(syncBody(QStringLiteral("s1"), {ban}))},
                              FakeHomeserver::Reply::stall()});
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy applied(m_sync.get(), &SyncEngine::responseApplied);
        m_sync->start();
        QVERIFY(applied.wait(10000));
        const QVariantMap bob = row(QStringLiteral("@bob:x.org"));
        QCOMPARE(bob.value("membership").toInt(), int(Membership::Ban));
        QCOMPARE(bob.value("section").toInt(), 3);
        QCOMPARE(bob.value("reason").toString(), QStringLiteral("flooding"));
        QCOMPARE(bob.value("sender").toString(), QStringLiteral("@me:x.org"));
        // Still shown by the name he had (the ban event carries none).
        QCOMPARE(bob.value("displayName").toString(), QStringLiteral("<b>Bob</b>"));
        QVERIFY(bob.value("canUnban").toBool());
        QVERIFY(!bob.value("canKick").toBool());
        // Banned, by name: "<b>Bob</b>" before "eve:spam.example".
        QCOMPARE(userIds().mid(3),
                 QStringList({"@carol:y.org", "@dave:z.org", "@bob:x.org", "@eve:spam.example"}));
        QCOMPARE(m_model->countOf(Membership::Join), 3);
        QCOMPARE(m_model->countOf(Membership::Ban), 2);
        // One row moved; the view was not reset (it keeps its current row).
        QVERIFY(moved.count() + reset.count() > 0);
        QCOMPARE(reset.count(), 0);
        // Nothing more was asked of the server for it.
        QCOMPARE(m_fake->requestsTo(Members).size(), 1);
    }

    void syncChangesPowerLevelsAndNewMembers()
    {
        load(50);
        QJsonObject raise{{QStringLiteral("type"), QStringLiteral("m.room.power_levels")},
                          {QStringLiteral("state_key"), QString()},
                          {QStringLiteral("sender"), QStringLiteral("@admin:x.org")},
                          {QStringLiteral("content"), QJsonDocument::fromJson(levels(0)).object()}};
        const QJsonObject frank =
            member(QStringLiteral("@frank:x.org"), QStringLiteral("join"), QStringLiteral("Frank"));
        m_fake->script(Sync, {{200, json(syncBody(QStringLiteral("s1"), {raise}, {frank}))},
                              FakeHomeserver::Reply::stall()});
        QSignalSpy levelsChanged(m_model.get(), &RoomMembersModel::powerLevelsChanged);
        QSignalSpy applied(m_sync.get(), &SyncEngine::responseApplied);
        m_sync->start();
        QVERIFY(applied.wait(10000));
        QVERIFY(levelsChanged.count() > 0);
        QCOMPARE(m_model->ownPowerLevel(), 0.0);
        QCOMPARE(row(QStringLiteral("@bob:x.org")).value("kickReason").toString(),
                 QStringLiteral("Needs power level 50; you have 0."));
        QCOMPARE(row(QStringLiteral("@frank:x.org")).value("displayName").toString(),
                 QStringLiteral("Frank"));
        QCOMPARE(m_model->count(), 8);
    }

    void syncDuringTheLoadIsAppliedAfterIt()
    {
        m_fake->script(Members, {FakeHomeserver::Reply::held(200, chunk(usualMembers()))});
        m_fake->script(Levels, {{200, levels(50)}});
        m_fake->script(Create, {{200, R"({"room_version":"10"})"}});
        const QJsonObject kick = member(QStringLiteral("@carol:y.org"), QStringLiteral("leave"), {},
                                        {}, QStringLiteral("@me:x.org"));
        m_fake->script(Sync, {{200, json(syncBody(QStringLiteral("s1"), {kick}))},
                              FakeHomeserver::Reply::stall()});
        QSignalSpy loaded(m_model.get(), &RoomMembersModel::loaded);
        m_model->setRoomId(Room);
        QVERIFY(QTest::qWaitFor([this] { return m_fake->heldCount() == 1; }, 10000));
        QSignalSpy applied(m_sync.get(), &SyncEngine::responseApplied);
        m_sync->start();
        QVERIFY(applied.wait(10000));
        QVERIFY(m_model->loading());
        QVERIFY(m_fake->release(Members));
        QVERIFY(loaded.wait(10000));
        // The invitation was revoked while the list was on its way: not listed.
        QCOMPARE(m_model->rowOf(QStringLiteral("@carol:y.org")), -1);
        QCOMPARE(m_model->count(), 6);
    }

    void failingLoadIsReported_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not in the room")
            << Members << 403
            << QByteArray(R"({"errcode":"M_FORBIDDEN","error":"User @me:x.org not in room"})")
            << QStringLiteral("You cannot see this room's members: you are not in it, or no "
                              "longer (M_FORBIDDEN: User @me:x.org not in room (HTTP 403)).");
        QTest::newRow("server error")
            << Members << 500 << QByteArray(R"({"errcode":"M_UNKNOWN","error":"Internal"})")
            << QStringLiteral("The members of this room could not be loaded: ");
        QTest::newRow("power levels")
            << Levels << 400 << QByteArray(R"({"errcode":"M_BAD_JSON","error":"Bad"})")
            << QStringLiteral("The room's power levels could not be loaded, so it is not known "
                              "who may do what: M_BAD_JSON: Bad (HTTP 400)");
    }
    void failingLoadIsReported()
    {
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        m_fake->script(Members, {{200, chunk(usualMembers())}});
        m_fake->script(Levels, {{200, levels(50)}});
        m_fake->script(Create, {{200, R"({"room_version":"10"})"}});
        m_fake->script(path, {{status, body}});
        QSignalSpy loaded(m_model.get(), &RoomMembersModel::loaded);
        QSignalSpy errorChanged(m_model.get(), &RoomMembersModel::errorChanged);
        m_model->setRoomId(Room);
        QVERIFY(loaded.wait(20000));
        QVERIFY(!m_model->loading());
        QVERIFY(errorChanged.count() > 0);
        QVERIFY2(m_model->errorText().startsWith(expected), qPrintable(m_model->errorText()));
        QCOMPARE(m_model->count(), 0);
        QCOMPARE(m_model->error().httpStatus, status);
        // Loaded again once the server answers.
        m_fake->script(path, {{200, path == Members ? chunk(usualMembers()) : levels(50)}});
        m_model->reload();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_model->errorText(), QString());
        QCOMPARE(m_model->count(), 7);
    }

    void signOutEmptiesTheModel()
    {
        load();
        QSignalSpy signedOut(m_session.get(), &Session::signedOut);
        m_session->signOut();
        QVERIFY(signedOut.count() == 1 || signedOut.wait(10000));
        QCOMPARE(m_model->count(), 0);
        QCOMPARE(m_model->roomId(), QString());
    }
};

QTEST_GUILESS_MAIN(TestRoomMembersModel)
#include "tst_roommembersmodel.moc"
