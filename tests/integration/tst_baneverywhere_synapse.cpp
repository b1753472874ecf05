// "Ban everywhere" (issue 12) against a real Synapse: five rooms with mixed power — the account
// is admin in three (the target joined in one, never a member of another, left the third), a
// moderator in one where the target is admin, and without power in the last. `concierge-cli
// ban-everywhere --dry-run` prints that plan and sends nothing (the server's state and access log
// unchanged); the real run bans the target exactly where allowed, with the one reason, and
// reports the rest with their reasons; the app's path (services.banEverywhere, then its job)
// does the same. What the server holds is read through its admin API.

#include "actions/baneverywhere.h"
#include "appservices.h"
#include "clirun.h"
#include "synapsefixture.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

class TestBanEverywhereSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    SynapseFixture::User m_admin, m_owner;
    SynapseFixture::User m_me; // the account acting: a new one per test (its joined rooms)
    QString m_tag;
    QTemporaryDir m_storeDir;
    QString m_setupError; // which step of makeRooms() failed

    struct Rooms
    {
        SynapseFixture::User target;
        QString joined, never, left; // the account is admin (creator)
        QString targetAdmin;         // the account is moderator (50), the target admin (100)
        QString noPower;             // the account has 0
        QStringList all() const { return {joined, never, left, targetAdmin, noPower}; }
    };

    // The five rooms, for a new account and a new target.
    Rooms makeRooms(const QString &label)
    {
        Rooms r;
        m_me = m_server.registerUser(QStringLiteral("mod"), false, QStringLiteral("Mod"));
        m_setupError = QStringLiteral("registering the account");
        if (m_me.accessToken.isEmpty() || !m_server.overrideRateLimit(m_admin, m_me.userId, 0, 0))
            return {};
        m_setupError = QStringLiteral("registering the target");
        r.target = m_server.registerUser(QStringLiteral("spam"));
        if (r.target.accessToken.isEmpty())
            return {};
        auto mine = [&](const QString &name) {
            return m_server.createRoom(
                m_me, {{QStringLiteral("name"), QStringLiteral("%1 %2 %3").arg(m_tag, label, name)},
                       {QStringLiteral("preset"), QStringLiteral("private_chat")}});
        };
        r.joined = mine(QStringLiteral("joined"));
        r.never = mine(QStringLiteral("never"));
        r.left = mine(QStringLiteral("left"));
        m_setupError = QStringLiteral("creating the account's rooms");
        if (r.joined.isEmpty() || r.never.isEmpty() || r.left.isEmpty())
            return {};
        m_setupError = QStringLiteral("the target joining the account's rooms");
        for (const QString &room : {r.joined, r.left}) {
            if (!m_server.invite(m_me, room, r.target.userId) || !m_server.join(r.target, room))
                return {};
        }
        m_setupError = QStringLiteral("the target leaving");
        if (!m_server.leave(r.target, r.left))
            return {};
        m_setupError = QStringLiteral("creating the owner's rooms");
        r.targetAdmin = m_server.createRoom(
            m_owner,
            {{QStringLiteral("name"), QStringLiteral("%1 %2 target admin").arg(m_tag, label)},
             {QStringLiteral("preset"), QStringLiteral("private_chat")},
             {QStringLiteral("room_version"), QStringLiteral("10")},
             {QStringLiteral("power_level_content_override"),
              QJsonObject{{QStringLiteral("users"), QJsonObject{{m_owner.userId, 100},
                                                                {m_me.userId, 50},
                                                                {r.target.userId, 100}}}}}});
        r.noPower = m_server.createRoom(
            m_owner, {{QStringLiteral("name"), QStringLiteral("%1 %2 no power").arg(m_tag, label)},
                      {QStringLiteral("preset"), QStringLiteral("private_chat")}});
        if (r.targetAdmin.isEmpty() || r.noPower.isEmpty())
            return {};
        m_setupError = QStringLiteral("joining the owner's rooms");
        for (const QString &room : {r.targetAdmin, r.noPower}) {
            for (const SynapseFixture::User *u : {&m_me, &r.target}) {
                if (!m_server.invite(m_owner, room, u->userId) || !m_server.join(*u, room))
                    return {};
            }
        }
        m_setupError.clear();
        return r;
    }

    QString membership(const QString &roomId, const SynapseFixture::User &user)
    {
        return m_server.membershipOf(m_admin, roomId, user.userId);
    }

    using Run = CliRun;
    Run cli(const QStringList &args)
    {
        return runCli(cliEnvironment(m_server.baseUrl(), m_me.accessToken, m_storeDir.path()),
                      args);
    }
    // The --json plan line of roomId.
    static QJsonObject planOf(const Run &run, const QString &roomId)
    {
        for (const QJsonObject &line : run.lines())
            if (line.value(QLatin1String("type")).toString() == QLatin1String("plan") &&
                line.value(QLatin1String("room_id")).toString() == roomId)
                return line;
        return {};
    }
    int bansSentBy(const SynapseFixture::User &user) const
    {
        int n = 0;
        for (const SynapseFixture::AccessEntry &entry : m_server.accessLog(user.userId))
            n +=
                entry.method == QLatin1String("POST") && entry.path.endsWith(QLatin1String("/ban"));
        return n;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_storeDir.isValid());
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("admin"), true);
        m_owner = m_server.registerUser(QStringLiteral("owner"));
        for (const auto *u : {&m_admin, &m_owner})
            QVERIFY2(!u->accessToken.isEmpty(), "registration failed");
        // Setting up the rooms takes many membership events of the owner's.
        QVERIFY(m_server.overrideRateLimit(m_admin, m_owner.userId, 0, 0));
        m_tag = QStringLiteral("ban") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    }

    void dryRunPrintsThePlanAndSendsNothing()
    {
        const Rooms r = makeRooms(QStringLiteral("dry"));
        QVERIFY2(!r.noPower.isEmpty(), qPrintable(m_setupError));
        const int bansBefore = bansSentBy(m_me);
        const Run run =
            cli({QStringLiteral("ban-everywhere"), r.target.userId, QStringLiteral("--dry-run"),
                 QStringLiteral("--json"), QStringLiteral("--reason"), QStringLiteral("spam")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        // Where, with their membership (null: never a member)…
        QCOMPARE(planOf(run, r.joined).value(QLatin1String("verdict")).toString(),
                 QStringLiteral("ban"));
        QCOMPARE(planOf(run, r.joined).value(QLatin1String("membership")).toString(),
                 QStringLiteral("join"));
        QCOMPARE(planOf(run, r.never).value(QLatin1String("verdict")).toString(),
                 QStringLiteral("ban"));
        QVERIFY(planOf(run, r.never).value(QLatin1String("membership")).isNull());
        QCOMPARE(planOf(run, r.left).value(QLatin1String("verdict")).toString(),
                 QStringLiteral("ban"));
        QCOMPARE(planOf(run, r.left).value(QLatin1String("membership")).toString(),
                 QStringLiteral("leave"));
        // …where not, and why.
        QCOMPARE(planOf(run, r.targetAdmin).value(QLatin1String("verdict")).toString(),
                 QStringLiteral("not_allowed"));
        QCOMPARE(planOf(run, r.targetAdmin).value(QLatin1String("reason")).toString(),
                 QStringLiteral("Their power level (100) is not below yours (50)."));
        QCOMPARE(planOf(run, r.noPower).value(QLatin1String("verdict")).toString(),
                 QStringLiteral("not_allowed"));
        QCOMPARE(planOf(run, r.noPower).value(QLatin1String("reason")).toString(),
                 QStringLiteral("Needs power level 50; you have 0."));
        const QJsonObject summary = run.lines().last();
        QCOMPARE(summary.value(QLatin1String("type")).toString(), QStringLiteral("summary"));
        QCOMPARE(summary.value(QLatin1String("dry_run")).toBool(), true);
        QCOMPARE(summary.value(QLatin1String("ban")).toInt(), 3);
        // Nothing was sent: the server's state and its access log say so.
        QCOMPARE(membership(r.joined, r.target), QStringLiteral("join"));
        QCOMPARE(membership(r.never, r.target), QString());
        QCOMPARE(membership(r.left, r.target), QStringLiteral("leave"));
        QCOMPARE(membership(r.targetAdmin, r.target), QStringLiteral("join"));
        QCOMPARE(bansSentBy(m_me), bansBefore);

        // The text form says the same for people.
        const Run text =
            cli({QStringLiteral("ban-everywhere"), r.target.userId, QStringLiteral("--dry-run")});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(text.out.contains("Ban " + r.target.userId.toUtf8() + " from 3 rooms:"),
                 text.out.constData());
        QVERIFY2(text.out.contains("Not banned in 2 rooms:"), text.out.constData());
        QVERIFY2(text.out.contains("(Never a member)"), text.out.constData());
        QVERIFY2(text.out.contains("Their power level (100) is not below yours (50)."),
                 text.out.constData());
        QVERIFY(text.err.contains("Dry run: nothing was sent."));
        QCOMPARE(bansSentBy(m_me), bansBefore);
    }

    void theTargetIsBannedExactlyWhereAllowed()
    {
        const Rooms r = makeRooms(QStringLiteral("cli"));
        QVERIFY2(!r.noPower.isEmpty(), qPrintable(m_setupError));
        const Run run =
            cli({QStringLiteral("ban-everywhere"), r.target.userId, QStringLiteral("--reason"),
                 QStringLiteral("spam wave"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        int items = 0;
        for (const QJsonObject &line : run.lines()) {
            if (line.value(QLatin1String("type")).toString() != QLatin1String("item"))
                continue;
            ++items;
            QCOMPARE(line.value(QLatin1String("kind")).toString(), QStringLiteral("ban"));
            QCOMPARE(line.value(QLatin1String("state")).toString(), QStringLiteral("succeeded"));
            QVERIFY((QStringList{r.joined, r.never, r.left}.contains(
                line.value(QLatin1String("target")).toString())));
        }
        QCOMPARE(items, 3);
        QCOMPARE(run.lines().last().value(QLatin1String("type")).toString(),
                 QStringLiteral("summary"));
        QCOMPARE(run.lines().last().value(QLatin1String("done")).toInt(), 3);
        // The server: banned in the three rooms, with the reason, by the account; untouched in
        // the two where the account may not.
        for (const QString &room : {r.joined, r.never, r.left}) {
            QCOMPARE(membership(room, r.target), QStringLiteral("ban"));
            const QJsonObject event = m_server.memberEvent(m_admin, room, r.target.userId);
            QCOMPARE(event.value(QLatin1String("content"))
                         .toObject()
                         .value(QLatin1String("reason"))
                         .toString(),
                     QStringLiteral("spam wave"));
            QCOMPARE(event.value(QLatin1String("sender")).toString(), m_me.userId);
        }
        QCOMPARE(membership(r.targetAdmin, r.target), QStringLiteral("join"));
        QCOMPARE(membership(r.noPower, r.target), QStringLiteral("join"));
        // Run again: every room already banned or not allowed, nothing to do, nothing sent.
        const int bans = bansSentBy(m_me);
        const Run again =
            cli({QStringLiteral("ban-everywhere"), r.target.userId, QStringLiteral("--json")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(planOf(again, r.joined).value(QLatin1String("verdict")).toString(),
                 QStringLiteral("already_banned"));
        QCOMPARE(again.lines().last().value(QLatin1String("ban")).toInt(), 0);
        QCOMPARE(bansSentBy(m_me), bans);
    }

    // The desktop app's path: services.banEverywhere plans over the synced rooms, then one job.
    void theAppsPlanRunsAsOneJob()
    {
        const Rooms r = makeRooms(QStringLiteral("app"));
        QVERIFY2(!r.noPower.isEmpty(), qPrintable(m_setupError));
        auto app = std::make_unique<AppServices>(AppServices::Options{
            .useKeychain = false, .storeDirectory = m_storeDir.path(), .keepJobs = true});
        app->setRememberSession(false);
        app->signIn(m_server.baseUrl().toString(), m_me.accessToken);
        QVERIFY(QTest::qWaitFor([&] { return app->sync()->state() == SyncEngine::Synced; }, 60000));
        QVERIFY(QTest::qWaitFor([&] { return app->jobs()->isOpen(); }, 10000));
        BanEverywhere *plan = app->banEverywhere();
        QSignalSpy planned(plan, &BanEverywhere::planned);
        QVERIFY2(plan->plan(r.target.userId), qPrintable(plan->error()));
        QVERIFY(planned.wait(60000));
        for (const QString &room : r.all())
            QVERIFY2(std::any_of(plan->entries().cbegin(), plan->entries().cend(),
                                 [&](const auto &e) { return e.roomId == room; }),
                     qPrintable(room));
        QCOMPARE(plan->banCount(), 3);
        Job *job = plan->submit(QStringLiteral("app ban"));
        QVERIFY2(job, qPrintable(plan->error()));
        QVERIFY(QTest::qWaitFor([job] { return job->state() == Job::Finished; }, 120000));
        QCOMPARE(job->done(), 3);
        for (const QString &room : {r.joined, r.never, r.left})
            QCOMPARE(membership(room, r.target), QStringLiteral("ban"));
        QCOMPARE(membership(r.targetAdmin, r.target), QStringLiteral("join"));
        QCOMPARE(membership(r.noPower, r.target), QStringLiteral("join"));
        app->jobs()->close();
    }
};

QTEST_GUILESS_MAIN(TestBanEverywhereSynapse)
#include "tst_baneverywhere_synapse.moc"
