// Spaces and direct chats in the room list (issue 15, the list side) against a real Synapse:
// nested spaces (a space with rooms and a sub-space), a room in no space, a direct chat with
// m.direct set. The list (RoomStore, RoomFilterProxy, SpacesModel) groups them as the server's
// state says, through AppServices as the app does and through concierge-cli spaces/rooms.
#include "appservices.h"
#include "clirun.h"
#include "models/roomlistmodel.h"
#include "models/spacesmodel.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>
#include <memory>

class TestSpacesSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    SynapseFixture::User m_alice, m_bob;
    QString m_tag; // unique per run: the names of this run's spaces
    QString m_work, m_team, m_design, m_standup, m_lonely, m_dm;
    QTemporaryDir m_storeDir;

    QString createRoom(const SynapseFixture::User &creator, const QString &name, bool space,
                       const QJsonObject &extra = {})
    {
        QJsonObject options = extra;
        options.insert(QStringLiteral("name"), name);
        if (space)
            options.insert(QStringLiteral("creation_content"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("m.space")}});
        return m_server.createRoom(creator, options);
    }
    // parent lists child (m.space.child with a via), as Element does when a room is added.
    bool addChild(const QString &parent, const QString &child)
    {
        return m_server
                   .request("PUT",
                            "/_matrix/client/v3/rooms/" + SynapseFixture::seg(parent) +
                                "/state/m.space.child/" + SynapseFixture::seg(child),
                            m_alice.accessToken,
                            {{QStringLiteral("via"), QJsonArray{m_server.serverName()}}})
                   .status == 200;
    }

    std::unique_ptr<AppServices> signIn(const SynapseFixture::User &user)
    {
        auto app = std::make_unique<AppServices>(AppServices::Options{
            .useKeychain = false, .keepRoomsOnDisk = true, .storeDirectory = m_storeDir.path()});
        app->setRememberSession(false);
        app->signIn(m_server.baseUrl().toString(), user.accessToken);
        const bool ready =
            QTest::qWaitFor([&] { return app->sync()->state() == SyncEngine::Synced; }, 60000);
        if (!ready)
            QTest::qFail("the account did not finish its first sync", __FILE__, __LINE__);
        return app;
    }

    using Run = CliRun;
    Run cli(const QStringList &args, const QString &token)
    {
        return runCli(cliEnvironment(m_server.baseUrl(), token, m_storeDir.path()), args);
    }

    static QStringList idsShown(RoomFilterProxy *proxy)
    {
        QStringList ids;
        for (int row = 0; row < proxy->rowCount(); ++row)
            ids << proxy->roomIdAt(row);
        ids.sort();
        return ids;
    }
    static QStringList sorted(QStringList ids)
    {
        ids.sort();
        return ids;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_storeDir.isValid());
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_alice = m_server.registerUser(QStringLiteral("spacealice"));
        m_bob = m_server.registerUser(QStringLiteral("spacebob"));
        QVERIFY(!m_alice.accessToken.isEmpty() && !m_bob.accessToken.isEmpty());
        m_tag = QUuid::createUuid().toString(QUuid::Id128).left(8).toLower();

        // Work (space) > Design, Team (space) > Standup; Lonely in no space.
        m_work = createRoom(m_alice, QStringLiteral("Work %1").arg(m_tag), true,
                            {{QStringLiteral("room_alias_name"), QStringLiteral("work-") + m_tag}});
        m_team = createRoom(m_alice, QStringLiteral("Team %1").arg(m_tag), true);
        m_design = createRoom(m_alice, QStringLiteral("Design"), false);
        m_standup = createRoom(m_alice, QStringLiteral("Standup"), false);
        m_lonely = createRoom(m_alice, QStringLiteral("Lonely"), false);
        for (const QString &id : {m_work, m_team, m_design, m_standup, m_lonely})
            QVERIFY(!id.isEmpty());
        QVERIFY(addChild(m_work, m_design));
        QVERIFY(addChild(m_work, m_team));
        QVERIFY(addChild(m_team, m_standup));

        // Bob opens a direct chat with Alice; she accepts and records it in m.direct, as
        // clients do.
        m_dm = createRoom(m_bob, QStringLiteral("Bob and Alice"), false,
                          {{QStringLiteral("is_direct"), true},
                           {QStringLiteral("invite"), QJsonArray{m_alice.userId}}});
        QVERIFY(!m_dm.isEmpty());
        QVERIFY(m_server.join(m_alice, m_dm));
        QCOMPARE(m_server
                     .request("PUT",
                              "/_matrix/client/v3/user/" + SynapseFixture::seg(m_alice.userId) +
                                  "/account_data/m.direct",
                              m_alice.accessToken, {{m_bob.userId, QJsonArray{m_dm}}})
                     .status,
                 200);
    }

    void theListGroupsSpacesAndDirectChats()
    {
        auto app = signIn(m_alice);
        RoomStore *store = app->store();
        QVERIFY(store->find(m_work) && store->find(m_work)->isSpace());
        QVERIFY(store->find(m_team)->isSpace());
        QVERIFY(!store->find(m_design)->isSpace());
        QVERIFY(store->find(m_dm)->isDirect());
        QVERIFY(!store->find(m_lonely)->isDirect());
        QCOMPARE(store->spacesOf(m_design), QStringList{m_work});
        QCOMPARE(store->spacesOf(m_team), QStringList{m_work});
        QCOMPARE(store->spacesOf(m_standup), QStringList{m_team});

        // The views: Work at the top, Team below it, with their rooms counted.
        SpacesModel *spaces = app->spaces();
        const int work = spaces->rowOfScope(m_work);
        const int team = spaces->rowOfScope(m_team);
        QVERIFY(work >= 3 && team == work + 1);
        QCOMPARE(spaces->get(work).value(QStringLiteral("depth")).toInt(), 0);
        QCOMPARE(spaces->get(team).value(QStringLiteral("depth")).toInt(), 1);
        QCOMPARE(spaces->get(work).value(QStringLiteral("joinedCount")).toInt(), 3);
        QCOMPARE(spaces->get(team).value(QStringLiteral("joinedCount")).toInt(), 1);
        QCOMPARE(spaces->get(spaces->rowOfScope(QStringLiteral("dm")))
                     .value(QStringLiteral("joinedCount"))
                     .toInt(),
                 1);

        // Choosing a view filters the list; the filter's terms apply within it.
        RoomFilterProxy *rooms = app->rooms();
        rooms->setSpaceScope(m_work);
        QCOMPARE(idsShown(rooms), sorted({m_design, m_team, m_standup}));
        rooms->setFilterText(QStringLiteral("-is:space"));
        QCOMPARE(idsShown(rooms), sorted({m_design, m_standup}));
        rooms->setSpaceScope(QStringLiteral("dm"));
        rooms->setFilterText(QString());
        QCOMPARE(idsShown(rooms), QStringList{m_dm});
        rooms->setSpaceScope(QStringLiteral("orphans"));
        QCOMPARE(idsShown(rooms), QStringList{m_lonely});
        rooms->setSpaceScope(QString());
        rooms->setFilterText(
            QStringLiteral("in:#work-%1:%2 is:joined").arg(m_tag, m_server.serverName()));
        QCOMPARE(idsShown(rooms), sorted({m_design, m_team, m_standup}));
        rooms->setFilterText(QStringLiteral("is:dm"));
        QCOMPARE(idsShown(rooms), QStringList{m_dm});

        // Leaving Standup (elsewhere): the next sync moves it to Left, and Work's counts follow.
        QVERIFY(m_server.leave(m_alice, m_standup));
        QVERIFY(QTest::qWaitFor(
            [&] {
                const int row = spaces->rowOfScope(m_work);
                return row >= 0 && spaces->get(row).value(QStringLiteral("leftCount")).toInt() == 1;
            },
            30000));
        QCOMPARE(
            spaces->get(spaces->rowOfScope(m_work)).value(QStringLiteral("joinedCount")).toInt(),
            2);
        // Removing Team from Work (content {}): Team becomes a top-level space.
        QCOMPARE(m_server
                     .request("PUT",
                              "/_matrix/client/v3/rooms/" + SynapseFixture::seg(m_work) +
                                  "/state/m.space.child/" + SynapseFixture::seg(m_team),
                              m_alice.accessToken, QJsonObject{})
                     .status,
                 200);
        QVERIFY(QTest::qWaitFor(
            [&] {
                const int row = spaces->rowOfScope(m_team);
                return row >= 0 && spaces->get(row).value(QStringLiteral("depth")).toInt() == 0;
            },
            30000));
        QVERIFY(store->spacesOf(m_team).isEmpty());
        // Put it back for the CLI checks that follow.
        QVERIFY(addChild(m_work, m_team));
        QVERIFY(
            QTest::qWaitFor([&] { return store->spacesOf(m_team) == QStringList{m_work}; }, 30000));
    }

    void cliListsTheTreeAndASpacesRooms()
    {
        const Run spaces =
            cli({QStringLiteral("spaces"), QStringLiteral("--json")}, m_alice.accessToken);
        QVERIFY2(spaces.exitCode == 0, spaces.err.constData());
        const QJsonObject out = QJsonDocument::fromJson(spaces.out).object();
        QCOMPARE(out.value(QLatin1String("user_id")).toString(), m_alice.userId);
        const QJsonArray views = out.value(QLatin1String("views")).toArray();
        QCOMPARE(views.size(), 3);
        QCOMPARE(views.at(1).toObject().value(QLatin1String("scope")).toString(),
                 QStringLiteral("dm"));
        QCOMPARE(views.at(1).toObject().value(QLatin1String("joined")).toInt(), 1);
        const QJsonArray tree = out.value(QLatin1String("spaces")).toArray();
        QCOMPARE(tree.size(), 2);
        const QJsonObject work = tree.at(0).toObject();
        const QJsonObject team = tree.at(1).toObject();
        QCOMPARE(work.value(QLatin1String("room_id")).toString(), m_work);
        QCOMPARE(work.value(QLatin1String("depth")).toInt(), 0);
        QCOMPARE(work.value(QLatin1String("canonical_alias")).toString(),
                 QStringLiteral("#work-%1:%2").arg(m_tag, m_server.serverName()));
        QCOMPARE(work.value(QLatin1String("joined")).toInt(), 2); // Design, Team
        QCOMPARE(work.value(QLatin1String("left")).toInt(), 1);   // Standup
        QCOMPARE(team.value(QLatin1String("room_id")).toString(), m_team);
        QCOMPARE(team.value(QLatin1String("depth")).toInt(), 1);
        QCOMPARE(team.value(QLatin1String("children")).toArray(), QJsonArray{m_standup});

        // rooms --space by name: the rooms below it, with their flags.
        const Run rooms = cli({QStringLiteral("rooms"), QStringLiteral("--space"),
                               QStringLiteral("Work %1").arg(m_tag), QStringLiteral("--json")},
                              m_alice.accessToken);
        QVERIFY2(rooms.exitCode == 0, rooms.err.constData());
        QStringList ids;
        for (const QJsonValue &room :
             QJsonDocument::fromJson(rooms.out).object().value(QLatin1String("rooms")).toArray()) {
            ids << room.toObject().value(QLatin1String("room_id")).toString();
            if (room.toObject().value(QLatin1String("room_id")).toString() == m_team)
                QCOMPARE(room.toObject().value(QLatin1String("is_space")).toBool(), true);
        }
        QCOMPARE(sorted(ids), sorted({m_design, m_team, m_standup}));

        // rooms --filter is:dm.
        const Run dms = cli({QStringLiteral("rooms"), QStringLiteral("--filter"),
                             QStringLiteral("is:dm"), QStringLiteral("--json")},
                            m_alice.accessToken);
        QVERIFY2(dms.exitCode == 0, dms.err.constData());
        const QJsonArray dmRooms =
            QJsonDocument::fromJson(dms.out).object().value(QLatin1String("rooms")).toArray();
        QCOMPARE(dmRooms.size(), 1);
        QCOMPARE(dmRooms.at(0).toObject().value(QLatin1String("room_id")).toString(), m_dm);
        QCOMPARE(dmRooms.at(0).toObject().value(QLatin1String("is_direct")).toBool(), true);

        // A space nobody has is a usage error: exit status 2.
        const Run none = cli({QStringLiteral("rooms"), QStringLiteral("--space"),
                              QStringLiteral("No such space %1").arg(m_tag)},
                             m_alice.accessToken);
        QCOMPARE(none.exitCode, 2);
    }

    // Last: it adds a joined direct chat to the counts the tests above check.
    // Accepting an invite its sender marked is_direct records the room in the account's m.direct
    // (under the inviter, keeping what was there), so it stays a direct chat once joined.
    void acceptingADirectInviteKeepsItADirectChat()
    {
        const QString dm = createRoom(m_bob, QStringLiteral("Bob asks Alice"), false,
                                      {{QStringLiteral("is_direct"), true},
                                       {QStringLiteral("invite"), QJsonArray{m_alice.userId}}});
        QVERIFY(!dm.isEmpty());
        auto app = signIn(m_alice);
        RoomStore *store = app->store();
        QVERIFY(QTest::qWaitFor([&] { return store->find(dm) != nullptr; }, 30000));
        QVERIFY(store->find(dm)->membership == Membership::Invite);
        QVERIFY(store->find(dm)->isDirect()); // the invite says so

        Operation *join = app->membership()->join(dm);
        QVERIFY(QTest::qWaitFor([&] { return join->isFinished(); }, 30000));
        QCOMPARE(join->state(), Operation::Succeeded);
        // On the server: m.direct lists it under Bob, beside the direct chat already there.
        const QByteArray path = "/_matrix/client/v3/user/" + SynapseFixture::seg(m_alice.userId) +
                                "/account_data/m.direct";
        QJsonObject direct;
        QVERIFY(QTest::qWaitFor(
            [&] {
                direct = m_server.request("GET", path, m_alice.accessToken).body;
                return direct.value(m_bob.userId).toArray().contains(dm);
            },
            30000));
        QVERIFY(direct.value(m_bob.userId).toArray().contains(m_dm));
        // And in the list, once /sync brings the new m.direct: still a direct chat, joined.
        QVERIFY(QTest::qWaitFor(
            [&] {
                const RoomSummary *room = store->find(dm);
                return room && room->membership == Membership::Join && room->isDirect();
            },
            30000));
    }

    // "Join the new room" when the new room is not known before joining: a real upgrade (the new
    // room names the old one) joins quietly; a tombstone pointing at a room that does not name
    // the old one as its predecessor is joined (as asked) and then said to be suspicious.
    void joiningAnUnknownSuccessorChecksThatItAgrees()
    {
        const auto state = [&](const SynapseFixture::User &who, const QString &room,
                               const QByteArray &type, const QJsonObject &content) {
            return m_server
                .request("PUT",
                         "/_matrix/client/v3/rooms/" + SynapseFixture::seg(room) + "/state/" +
                             type + "/",
                         who.accessToken, content)
                .status;
        };
        const QJsonObject open{{QStringLiteral("preset"), QStringLiteral("public_chat")}};
        // A real upgrade by Bob of a room Alice is in.
        const QString upgraded =
            createRoom(m_bob, QStringLiteral("Upgraded %1").arg(m_tag), false, open);
        QVERIFY(m_server.join(m_alice, upgraded));
        const auto up = m_server.request(
            "POST", "/_matrix/client/v3/rooms/" + SynapseFixture::seg(upgraded) + "/upgrade",
            m_bob.accessToken, {{QStringLiteral("new_version"), QStringLiteral("11")}});
        QCOMPARE(up.status, 200);
        const QString realNext = up.body.value(QStringLiteral("replacement_room")).toString();
        // A tombstone Bob points at a room of his that is no new version of anything.
        const QString pointed =
            createRoom(m_bob, QStringLiteral("Pointed %1").arg(m_tag), false, open);
        const QString impostor =
            createRoom(m_bob, QStringLiteral("Impostor %1").arg(m_tag), false, open);
        QVERIFY(m_server.join(m_alice, pointed));
        QCOMPARE(state(m_bob, pointed, "m.room.tombstone",
                       {{QStringLiteral("body"), QStringLiteral("moved")},
                        {QStringLiteral("replacement_room"), impostor}}),
                 200);

        auto app = signIn(m_alice);
        RoomStore *store = app->store();
        QVERIFY(QTest::qWaitFor(
            [&] {
                const RoomSummary *a = store->find(upgraded);
                const RoomSummary *b = store->find(pointed);
                return a && b && a->tombstoneReplacement == realNext &&
                       b->tombstoneReplacement == impostor;
            },
            30000));
        QVERIFY(!store->find(realNext) && !store->find(impostor)); // neither known before joining
        MembershipService *membership = app->membership();

        Operation *good = membership->join(realNext, {m_server.serverName()});
        QVERIFY(QTest::qWaitFor([&] { return good->isFinished(); }, 30000));
        QCOMPARE(good->state(), Operation::Succeeded);
        QTest::qWait(1000); // time for the check to answer
        QVERIFY2(!membership->statusText().contains(QStringLiteral("does not say it replaces")),
                 qPrintable(membership->statusText()));

        Operation *bad = membership->join(impostor, {m_server.serverName()});
        QVERIFY(QTest::qWaitFor([&] { return bad->isFinished(); }, 30000));
        QCOMPARE(bad->state(), Operation::Succeeded); // what was asked is done
        QVERIFY(QTest::qWaitFor(
            [&] {
                return membership->statusText().contains(
                    QStringLiteral("does not say it replaces Pointed %1").arg(m_tag));
            },
            30000));
    }
};

QTEST_MAIN(TestSpacesSynapse)
#include "tst_spaces_synapse.moc"
