// The last-admin warning and leaving an upgraded room with its older versions (issue 12) against
// a real Synapse: LeaveCheck (services.leaveCheck) as the leave dialogs use it, and
// `concierge-cli leave ROOM --with-predecessors`. What the server holds afterwards (each
// membership and its reason) is read through its admin API, never through Concierge's own code.

#include "actions/jobqueue.h"
#include "appservices.h"
#include "clirun.h"
#include "models/leavecheck.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

class TestLastAdminSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    // me: the account Concierge signs in as; bob and carol: the other members.
    SynapseFixture::User m_admin, m_me, m_bob, m_carol;
    QString m_tag;
    QTemporaryDir m_storeDir;

    // Signed in as user and synced; with jobsDirectory, the bulk queue is open (its journal
    // there).
    std::unique_ptr<AppServices> signIn(const SynapseFixture::User &user,
                                        const QString &jobsDirectory = {})
    {
        const bool keepJobs = !jobsDirectory.isEmpty();
        auto app = std::make_unique<AppServices>(
            AppServices::Options{.useKeychain = false,
                                 .keepRoomsOnDisk = false,
                                 .storeDirectory = keepJobs ? jobsDirectory : m_storeDir.path(),
                                 .keepJobs = keepJobs});
        app->setRememberSession(false);
        app->signIn(m_server.baseUrl().toString(), user.accessToken);
        const bool ready =
            QTest::qWaitFor([&] { return app->sync()->state() == SyncEngine::Synced; }, 60000);
        if (!ready)
            QTest::qFail("the account did not finish its first sync", __FILE__, __LINE__);
        return app;
    }

    // A room created by `creator` (room version 11: power from m.room.power_levels alone), with
    // the given members invited and joined; `levels`: the users' power levels (the creator's
    // included), empty for the preset's (creator 100, everyone else 0).
    QString roomWith(const QString &label, const SynapseFixture::User &creator,
                     const QList<SynapseFixture::User> &members, const QJsonObject &levels = {})
    {
        QJsonObject options{{QStringLiteral("name"), QStringLiteral("%1 %2").arg(m_tag, label)},
                            {QStringLiteral("preset"), QStringLiteral("private_chat")},
                            {QStringLiteral("room_version"), QStringLiteral("11")}};
        if (!levels.isEmpty())
            options.insert(QStringLiteral("power_level_content_override"),
                           QJsonObject{{QStringLiteral("users"), levels}});
        const QString id = m_server.createRoom(creator, options);
        if (id.isEmpty())
            return {};
        for (const SynapseFixture::User &member : members) {
            if (!m_server.invite(creator, id, member.userId) || !m_server.join(member, id))
                return {};
        }
        return id;
    }

    // POST /rooms/{roomId}/upgrade as user: the replacement room's ID (empty on failure).
    QString upgrade(const SynapseFixture::User &user, const QString &roomId, const QString &version)
    {
        const SynapseFixture::Response r = m_server.request(
            "POST", "/_matrix/client/v3/rooms/" + SynapseFixture::seg(roomId) + "/upgrade",
            user.accessToken, {{QStringLiteral("new_version"), version}});
        if (r.status != 200)
            return {};
        return r.body.value(QLatin1String("replacement_room")).toString();
    }

    QString membership(const QString &roomId, const SynapseFixture::User &user)
    {
        return m_server.membershipOf(m_admin, roomId, user.userId);
    }
    QString reasonOf(const QString &roomId, const SynapseFixture::User &user)
    {
        return m_server.memberEvent(m_admin, roomId, user.userId)
            .value(QLatin1String("content"))
            .toObject()
            .value(QLatin1String("reason"))
            .toString();
    }

    // Asks LeaveCheck about roomIds and waits for its answer (fails the test on a timeout).
    static bool checked(LeaveCheck *check, const QStringList &roomIds)
    {
        check->check(roomIds);
        return QTest::qWaitFor([check] { return check->state() == LeaveCheck::Checked; }, 30000);
    }

    using Run = CliRun;
    Run cli(const QStringList &args, const QString &token)
    {
        return runCli(cliEnvironment(m_server.baseUrl(), token, m_storeDir.path()), args);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_storeDir.isValid());
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("admin"), true);
        m_me = m_server.registerUser(QStringLiteral("me"), false, QStringLiteral("Me"));
        m_bob = m_server.registerUser(QStringLiteral("bob"), false, QStringLiteral("Bob"));
        m_carol = m_server.registerUser(QStringLiteral("carol"), false, QStringLiteral("Carol"));
        for (const auto *u : {&m_admin, &m_me, &m_bob, &m_carol})
            QVERIFY2(!u->accessToken.isEmpty(), "registration failed");
        m_tag = QStringLiteral("la") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    }

    // Four rooms: the user is the sole admin with another member joined (1); shares the top
    // level (100) with a joined member (2); has no power (3); is the sole admin left because the
    // other admin left (4). Exactly 1 and 4 are flagged, in the order asked; room 2 becomes
    // flagged once its other admin has left too.
    void flagsExactlyTheRoomsWhereTheUserIsTheLastAdmin()
    {
        const QString sole = roomWith(QStringLiteral("sole"), m_me, {m_bob});
        const QString shared = roomWith(QStringLiteral("shared"), m_me, {m_bob},
                                        {{m_me.userId, 100}, {m_bob.userId, 100}});
        const QString powerless = roomWith(QStringLiteral("powerless"), m_bob, {m_me});
        const QString leftBehind = roomWith(QStringLiteral("leftbehind"), m_me, {m_carol, m_bob},
                                            {{m_me.userId, 100}, {m_carol.userId, 100}});
        for (const QString &id : {sole, shared, powerless, leftBehind})
            QVERIFY(!id.isEmpty());
        QVERIFY(m_server.leave(m_carol, leftBehind));
        QCOMPARE(membership(leftBehind, m_carol), QStringLiteral("leave"));

        auto app = signIn(m_me);
        LeaveCheck *check = app->leaveCheck();
        const QStringList rooms{sole, shared, powerless, leftBehind};
        QVERIFY(checked(check, rooms));
        QCOMPARE(check->roomIds(), rooms);
        QCOMPARE(check->failedRoomIds(), QStringList());
        QCOMPARE(check->soleAdminRoomIds(), (QStringList{sole, leftBehind}));
        QVERIFY(check->isSoleAdmin(sole));
        QVERIFY(!check->isSoleAdmin(shared));
        QVERIFY(!check->isSoleAdmin(powerless));
        QVERIFY(check->isSoleAdmin(leftBehind));
        QCOMPARE(check->soleAdminAmong({powerless, leftBehind, shared}), QStringList{leftBehind});
        // The warning names the room as the list shows it (its name, once synced).
        const QVariantList flagged = check->soleAdminRooms();
        QCOMPARE(flagged.size(), 2);
        const QVariantMap first = flagged.at(0).toMap();
        QCOMPARE(first.value(QStringLiteral("roomId")).toString(), sole);
        QCOMPARE(first.value(QStringLiteral("name")).toString(), m_tag + QStringLiteral(" sole"));
        QVERIFY2(first.value(QStringLiteral("warning"))
                     .toString()
                     .startsWith(QStringLiteral("You are the only admin of %1 sole.").arg(m_tag)),
                 qPrintable(first.value(QStringLiteral("warning")).toString()));

        // Bob, the other admin of room 2, leaves: now the user is its last admin.
        QVERIFY(m_server.leave(m_bob, shared));
        QVERIFY(checked(check, {shared, powerless}));
        QCOMPARE(check->soleAdminRoomIds(), QStringList{shared});
        QCOMPARE(check->failedRoomIds(), QStringList());
    }

    // A room the user cannot read (never a member) is reported as not checked and never
    // flagged; the other rooms are still checked.
    void aRoomThatCannotBeReadIsReportedNotFlagged()
    {
        const QString mine = roomWith(QStringLiteral("mine"), m_me, {m_bob});
        const QString bobs = roomWith(QStringLiteral("bobs"), m_bob, {m_carol});
        QVERIFY(!mine.isEmpty());
        QVERIFY(!bobs.isEmpty());
        auto app = signIn(m_me);
        LeaveCheck *check = app->leaveCheck();
        QVERIFY(checked(check, {bobs, mine}));
        QCOMPARE(check->soleAdminRoomIds(), QStringList{mine});
        QCOMPARE(check->failedRoomIds(), QStringList{bobs});
        QVERIFY(!check->errorFor(bobs).isEmpty());
    }

    // An upgraded room (twice: v10 -> v11 -> v11): the newest room's predecessors are the two
    // older versions the user is still in, newest first; `leave NEWEST --with-predecessors`
    // lists the three leaves with --dry-run (nothing sent), then leaves all three as one job,
    // each with the reason. Bob's memberships are untouched.
    void leavesAnUpgradedRoomWithItsPredecessors()
    {
        const QString oldest =
            m_server.createRoom(m_me, {{QStringLiteral("name"), m_tag + QStringLiteral(" v1")},
                                       {QStringLiteral("preset"), QStringLiteral("private_chat")},
                                       {QStringLiteral("room_version"), QStringLiteral("10")}});
        QVERIFY(!oldest.isEmpty());
        QVERIFY(m_server.invite(m_me, oldest, m_bob.userId));
        QVERIFY(m_server.join(m_bob, oldest));
        const QString middle = upgrade(m_me, oldest, QStringLiteral("11"));
        QVERIFY(!middle.isEmpty());
        const QString newest = upgrade(m_me, middle, QStringLiteral("11"));
        QVERIFY(!newest.isEmpty());
        // The upgrader is joined to every version (it created the new ones and stays in the old).
        // Bob follows to each new version (the server keeps a room's state only while one of
        // its users is in it: the oracle needs him there).
        for (const QString &id : {middle, newest}) {
            QVERIFY(m_server.invite(m_me, id, m_bob.userId));
            QVERIFY(m_server.join(m_bob, id));
        }
        for (const QString &id : {oldest, middle, newest})
            QCOMPARE(membership(id, m_me), QStringLiteral("join"));
        // An unrelated room the user is in stays out of the chain.
        const QString other = roomWith(QStringLiteral("unrelated"), m_me, {});
        QVERIFY(!other.isEmpty());

        {
            auto app = signIn(m_me);
            LeaveCheck *check = app->leaveCheck();
            QCOMPARE(check->predecessorsOf(newest), (QStringList{middle, oldest}));
            QCOMPARE(check->predecessorsOf(middle), QStringList{oldest});
            QCOMPARE(check->predecessorsOf(oldest), QStringList());
            QCOMPARE(check->predecessorsOf(other), QStringList());
            QCOMPARE(app->store()->successorOf(oldest), middle);
        }

        const QString reason = QStringLiteral("moving on");
        const Run dry = cli({QStringLiteral("leave"), newest, QStringLiteral("--with-predecessors"),
                             QStringLiteral("--reason"), reason, QStringLiteral("--dry-run")},
                            m_me.accessToken);
        QCOMPARE(dry.exitCode, 0);
        for (const QString &id : {newest, middle, oldest}) {
            QVERIFY2(dry.out.contains("POST /_matrix/client/v3/rooms/" + SynapseFixture::seg(id) +
                                      "/leave"),
                     dry.out.constData());
        }
        QCOMPARE(dry.out.count("/leave"), 3);
        QVERIFY2(!dry.out.contains(SynapseFixture::seg(other)), dry.out.constData());
        QVERIFY2(dry.err.contains("Also leaving 2 older versions"), dry.err.constData());
        for (const QString &id : {oldest, middle, newest})
            QCOMPARE(membership(id, m_me), QStringLiteral("join")); // nothing was sent

        const Run run = cli({QStringLiteral("leave"), newest, QStringLiteral("--with-predecessors"),
                             QStringLiteral("--reason"), reason, QStringLiteral("--json")},
                            m_me.accessToken);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        bool summarised = false;
        for (const QByteArray &line : run.out.split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object.value(QLatin1String("type")).toString() == QLatin1String("job"))
                QCOMPARE(object.value(QLatin1String("total")).toInt(), 3);
            if (object.value(QLatin1String("type")).toString() == QLatin1String("summary")) {
                summarised = true;
                QCOMPARE(object.value(QLatin1String("ok")).toBool(), true);
            }
        }
        QVERIFY2(summarised, run.out.constData());
        for (const QString &id : {oldest, middle, newest}) {
            QCOMPARE(membership(id, m_me), QStringLiteral("leave"));
            QCOMPARE(reasonOf(id, m_me), reason);
        }
        QCOMPARE(membership(other, m_me), QStringLiteral("join"));
        for (const QString &id : {oldest, middle, newest})
            QCOMPARE(membership(id, m_bob), QStringLiteral("join"));

        // Usage: only leave, with one room ID; nothing sent.
        const Run bad = cli({QStringLiteral("join"), other, QStringLiteral("--with-predecessors")},
                            m_me.accessToken);
        QCOMPARE(bad.exitCode, 2);
        const Run all = cli({QStringLiteral("leave"), QStringLiteral("--all"),
                             QStringLiteral("--with-predecessors")},
                            m_me.accessToken);
        QCOMPARE(all.exitCode, 2);
        QCOMPARE(membership(other, m_me), QStringLiteral("join"));
    }

    // The same through the app's bulk queue (what the leave dialog submits after asking): the
    // last-admin check covers the whole chain, and one job leaves the room and its predecessor.
    void jobQueueLeavesTheChain()
    {
        const QString oldest = roomWith(QStringLiteral("q-old"), m_me, {m_bob});
        QVERIFY(!oldest.isEmpty());
        const QString newest = upgrade(m_me, oldest, QStringLiteral("11"));
        QVERIFY(!newest.isEmpty());
        QVERIFY(m_server.invite(m_me, newest, m_bob.userId));
        QVERIFY(m_server.join(m_bob, newest));
        QTemporaryDir jobsDir;
        QVERIFY(jobsDir.isValid());
        auto app = signIn(m_me, jobsDir.path());
        QVERIFY2(app->jobs()->isOpen(), qPrintable(app->jobs()->lastError()));
        const QStringList chain = app->leaveCheck()->predecessorsOf(newest);
        QCOMPARE(chain, QStringList{oldest});
        // The user is the last admin of both (bob has 0 in each).
        QVERIFY(checked(app->leaveCheck(), QStringList{newest} + chain));
        QCOMPARE(app->leaveCheck()->soleAdminRoomIds(), (QStringList{newest, oldest}));

        Job *job = app->jobs()->leaveRooms(QStringList{newest} + chain, QStringLiteral("bye"));
        QVERIFY2(job, qPrintable(app->jobs()->lastError()));
        QCOMPARE(job->total(), 2);
        QVERIFY(QTest::qWaitFor([job] { return job->state() == Job::Finished; }, 60000));
        QCOMPARE(job->done(), 2);
        QCOMPARE(job->failed(), 0);
        for (const QString &id : {newest, oldest}) {
            QCOMPARE(membership(id, m_me), QStringLiteral("leave"));
            QCOMPARE(reasonOf(id, m_me), QStringLiteral("bye"));
        }
        for (const QString &id : {newest, oldest})
            QCOMPARE(membership(id, m_bob), QStringLiteral("join"));
    }
};

QTEST_GUILESS_MAIN(TestLastAdminSynapse)
#include "tst_lastadmin_synapse.moc"
