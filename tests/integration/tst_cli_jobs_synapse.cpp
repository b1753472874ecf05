// concierge-cli's bulk commands against the real Synapse (issue 11): --dry-run sends nothing and
// prints the requests; `leave --all --filter` declines exactly the invites that match; a file with
// a bad line sends nothing; inviting a list of people invites the right ones once each; a job
// killed with -9 (or paused with Ctrl+C) is listed by `jobs` and finished by `jobs resume`, every
// room left exactly once (the server's own membership events are the oracle); a failed item makes
// the exit status 5; a second process on the same account's jobs exits 3.
#include "synapsefixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

namespace {
QList<QJsonObject> jsonLines(const QByteArray &output)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : output.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        lines << QJsonDocument::fromJson(line).object();
    }
    return lines;
}

QList<QJsonObject> ofType(const QList<QJsonObject> &lines, const QString &type)
{
    QList<QJsonObject> result;
    for (const QJsonObject &line : lines)
        if (line.value(QLatin1String("type")).toString() == type)
            result << line;
    return result;
}
} // namespace

class TestCliJobsSynapse : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        qint64 elapsedMs = 0;
    };

    SynapseFixture m_server;
    SynapseFixture::User m_admin, m_owner;
    QTemporaryDir m_storeDir; // never the user's data folder
    QTemporaryDir m_files;

    QProcessEnvironment environment(const SynapseFixture::User &user) const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("CONCIERGE_HOMESERVER"), m_server.baseUrl().toString());
        e.insert(QStringLiteral("CONCIERGE_ACCESS_TOKEN"), user.accessToken);
        e.remove(QStringLiteral("CONCIERGE_STORE_DIR"));
        return e;
    }
    QStringList withStore(QStringList args) const
    {
        return args << QStringLiteral("--store-dir") << m_storeDir.path();
    }

    // Runs concierge-cli to its end (a minute at most, else the test fails).
    Run cli(const SynapseFixture::User &user, const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(environment(user));
        QSignalSpy finished(&p, &QProcess::finished);
        QElapsedTimer timer;
        timer.start();
        p.start(QStringLiteral(CONCIERGE_CLI_PATH), withStore(args));
        p.closeWriteChannel();
        Run run;
        if (!finished.wait(60000)) {
            p.kill();
            p.waitForFinished(5000);
            QTest::qFail("concierge-cli did not finish within 60 s", __FILE__, __LINE__);
            return run;
        }
        run.elapsedMs = timer.elapsed();
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        return run;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile f(m_files.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return f.fileName();
    }

    // `count` rooms created by the owner that `user` joined.
    QStringList joinedRooms(const SynapseFixture::User &user, int count)
    {
        QStringList rooms;
        for (int i = 0; i < count; ++i) {
            const QString room = m_server.createRoom(
                m_owner, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                          {QStringLiteral("name"), QStringLiteral("Bulk %1").arg(i)}});
            if (room.isEmpty() || !m_server.join(user, room))
                return {};
            rooms << room;
        }
        return rooms;
    }

    // How many times userId's membership in roomId became `membership` (the timeline's events).
    int changesTo(const QString &roomId, const QString &userId, const QString &membership)
    {
        int n = 0;
        for (const QJsonObject &event : m_server.memberEvents(m_admin, roomId, userId))
            n += event.value(QLatin1String("content"))
                     .toObject()
                     .value(QLatin1String("membership"))
                     .toString() == membership;
        return n;
    }

    int membershipPosts(const QString &userId)
    {
        int n = 0;
        for (const SynapseFixture::AccessEntry &e : m_server.accessLog(userId))
            n += e.method == QLatin1String("POST") && (e.path.endsWith(QLatin1String("/leave")) ||
                                                       e.path.endsWith(QLatin1String("/invite")) ||
                                                       e.path.endsWith(QLatin1String("/forget")) ||
                                                       e.path.contains(QLatin1String("/join")));
        return n;
    }

    // Waits for `lines` JSON item lines on a running CLI's stdout (collected into *out).
    static bool waitForItems(QProcess &p, QByteArray *out, int lines, int timeoutMs = 30000)
    {
        return QTest::qWaitFor(
                   [&] {
                       *out += p.readAllStandardOutput();
                       return out->count("\"type\":\"item\"") >= lines ||
                              p.state() == QProcess::NotRunning;
                   },
                   timeoutMs) &&
               out->count("\"type\":\"item\"") >= lines;
    }

    QString jobIdFrom(const QByteArray &jsonOutput)
    {
        const QList<QJsonObject> jobs = ofType(jsonLines(jsonOutput), QStringLiteral("job"));
        return jobs.isEmpty() ? QString() : jobs.first().value(QLatin1String("job")).toString();
    }

    QJsonObject listedJob(const SynapseFixture::User &user, const QString &id)
    {
        const Run list = cli(user, {QStringLiteral("jobs"), QStringLiteral("--json")});
        if (list.exitCode != 0)
            return {};
        for (const QJsonValue &v :
             QJsonDocument::fromJson(list.out).object().value(QLatin1String("jobs")).toArray())
            if (v.toObject().value(QLatin1String("id")).toString() == id)
                return v.toObject();
        return {};
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        QVERIFY(m_storeDir.isValid() && m_files.isValid());
        m_admin = m_server.registerUser(QStringLiteral("jobsadmin"), true);
        m_owner = m_server.registerUser(QStringLiteral("jobsowner"));
        QVERIFY(!m_admin.accessToken.isEmpty() && !m_owner.accessToken.isEmpty());
    }

    void dryRunPrintsTheRequestsAndSendsNothing()
    {
        const SynapseFixture::User user = m_server.registerUser(QStringLiteral("dry"));
        const QStringList rooms = joinedRooms(user, 2);
        QCOMPARE(rooms.size(), 2);
        const QString file =
            writeFile(QStringLiteral("dry.txt"), (rooms.join(QLatin1Char('\n')) + "\n").toUtf8());
        const int postsBefore = membershipPosts(user.userId);
        const Run r = cli(user, {QStringLiteral("leave"), QStringLiteral("--from-file"), file,
                                 QStringLiteral("--reason"), QStringLiteral("tidy"),
                                 QStringLiteral("--forget"), QStringLiteral("--dry-run"),
                                 QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> requests = ofType(jsonLines(r.out), QStringLiteral("request"));
        // Leave then forget, per room, in order, with the exact path and body.
        QCOMPARE(requests.size(), 4);
        for (int i = 0; i < 2; ++i) {
            const QString base = QStringLiteral("/_matrix/client/v3/rooms/") +
                                 QString::fromLatin1(QUrl::toPercentEncoding(rooms.at(i)));
            const QJsonObject leave = requests.at(2 * i);
            QCOMPARE(leave.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
            QCOMPARE(leave.value(QLatin1String("path")).toString(),
                     base + QStringLiteral("/leave"));
            QCOMPARE(leave.value(QLatin1String("body")).toObject(),
                     QJsonObject({{QStringLiteral("reason"), QStringLiteral("tidy")}}));
            QCOMPARE(requests.at(2 * i + 1).value(QLatin1String("path")).toString(),
                     base + QStringLiteral("/forget"));
        }
        // The server: still in both rooms, and no membership request reached it.
        for (const QString &room : rooms)
            QCOMPARE(m_server.membershipOf(m_admin, room, user.userId), QStringLiteral("join"));
        QCOMPARE(membershipPosts(user.userId), postsBefore);
        // Nothing was kept either.
        const Run list = cli(user, {QStringLiteral("jobs"), QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(list.out)
                    .object()
                    .value(QLatin1String("jobs"))
                    .toArray()
                    .isEmpty());
        // Human output: one line per request.
        const Run human = cli(user, {QStringLiteral("leave"), QStringLiteral("--from-file"), file,
                                     QStringLiteral("--dry-run")});
        QCOMPARE(human.exitCode, 0);
        QCOMPARE(human.out.count("POST /_matrix/client/v3/rooms/"), 2);
        // Plurals in English words, not "request(s)": the CLI loads the English plural forms.
        QVERIFY2(human.err.contains("Dry run: 2 requests would be sent; nothing was sent."),
                 human.err.constData());
    }

    void leaveAllWithAFilterDeclinesExactlyThoseInvites()
    {
        const SynapseFixture::User user = m_server.registerUser(QStringLiteral("spamtarget"));
        const SynapseFixture::User spammer = m_server.registerUser(QStringLiteral("spammer"));
        const SynapseFixture::User friendly = m_server.registerUser(QStringLiteral("friend"));
        QStringList spam, kept;
        for (int i = 0; i < 3; ++i) {
            const QString room = m_server.createRoom(spammer, {});
            QVERIFY(m_server.invite(spammer, room, user.userId));
            spam << room;
        }
        const QString friendRoom = m_server.createRoom(friendly, {});
        QVERIFY(m_server.invite(friendly, friendRoom, user.userId));
        kept << friendRoom;
        const QString joined = m_server.createRoom(spammer, {});
        QVERIFY(m_server.invite(spammer, joined, user.userId));
        QVERIFY(m_server.join(user, joined)); // joined: not an invite any more
        kept << joined;

        const QString filter = QStringLiteral("is:invite from:") + spammer.userId;
        const Run r = cli(user, {QStringLiteral("leave"), QStringLiteral("--all"),
                                 QStringLiteral("--filter"), filter, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> lines = jsonLines(r.out);
        const QList<QJsonObject> items = ofType(lines, QStringLiteral("item"));
        QCOMPARE(items.size(), 3);
        for (const QJsonObject &item : items) {
            QVERIFY(spam.contains(item.value(QLatin1String("target")).toString()));
            QCOMPARE(item.value(QLatin1String("state")).toString(), QStringLiteral("succeeded"));
        }
        const QJsonObject summary = ofType(lines, QStringLiteral("summary")).value(0);
        QCOMPARE(summary.value(QLatin1String("done")).toInt(), 3);
        QCOMPARE(summary.value(QLatin1String("ok")).toBool(), true);
        // The server: those invites declined, the others untouched.
        for (const QString &room : spam)
            QCOMPARE(m_server.membershipOf(m_admin, room, user.userId), QStringLiteral("leave"));
        QCOMPARE(m_server.membershipOf(m_admin, friendRoom, user.userId), QStringLiteral("invite"));
        QCOMPARE(m_server.membershipOf(m_admin, joined, user.userId), QStringLiteral("join"));

        // An invalid filter term is a usage error: nothing is read or sent.
        const Run bad = cli(user, {QStringLiteral("leave"), QStringLiteral("--all"),
                                   QStringLiteral("--filter"), QStringLiteral("is:bogus")});
        QCOMPARE(bad.exitCode, 2);
    }

    void aFileWithABadLineSendsNothing()
    {
        const SynapseFixture::User user = m_server.registerUser(QStringLiteral("badfile"));
        const QStringList rooms = joinedRooms(user, 2);
        QCOMPARE(rooms.size(), 2);
        const QString file = writeFile(QStringLiteral("bad.txt"),
                                       "# rooms to leave\n" + rooms.at(0).toUtf8() +
                                           "\n\nnot-a-room-id\n" + rooms.at(1).toUtf8() + "\n");
        const int postsBefore = membershipPosts(user.userId);
        const Run r = cli(user, {QStringLiteral("leave"), QStringLiteral("--from-file"), file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("line 4"), r.err.constData());
        QVERIFY2(r.err.contains("not-a-room-id"), r.err.constData());
        for (const QString &room : rooms)
            QCOMPARE(m_server.membershipOf(m_admin, room, user.userId), QStringLiteral("join"));
        QCOMPARE(membershipPosts(user.userId), postsBefore);
    }

    void invitingAListInvitesTheRightOnesOnce()
    {
        const SynapseFixture::User inviter = m_server.registerUser(QStringLiteral("inviter"));
        const QString room = m_server.createRoom(inviter, {});
        QVERIFY(!room.isEmpty());
        QStringList fresh;
        for (int i = 0; i < 12; ++i) {
            const SynapseFixture::User u = m_server.registerUser(QStringLiteral("guest%1_").arg(i));
            QVERIFY(!u.userId.isEmpty());
            fresh << u.userId;
        }
        const SynapseFixture::User member1 = m_server.registerUser(QStringLiteral("member"));
        const SynapseFixture::User member2 = m_server.registerUser(QStringLiteral("member"));
        const SynapseFixture::User pending = m_server.registerUser(QStringLiteral("pending"));
        for (const SynapseFixture::User &m : {member1, member2}) {
            QVERIFY(m_server.invite(inviter, room, m.userId));
            QVERIFY(m_server.join(m, room));
        }
        QVERIFY(m_server.invite(inviter, room, pending.userId));
        // 20 data lines: 12 new people (one of them twice, one quoted), 3 already in or invited,
        // 3 invalid, 1 without any user ID; plus a header and a comment.
        QByteArray csv = "name,user_id\n# guests\n";
        for (int i = 0; i < fresh.size(); ++i)
            csv += (i == 3 ? QStringLiteral("Guest %1,\"%2\"\n") : QStringLiteral("Guest %1,%2\n"))
                       .arg(i)
                       .arg(fresh.at(i))
                       .toUtf8();
        csv += "Again," + fresh.at(0).toUtf8() + "\n";
        csv += member1.userId.toUtf8() + "\n" + member2.userId.toUtf8() + "\n" +
               pending.userId.toUtf8() + "\n";
        csv += "Bad,@no-server\nWorse,@UPPER CASE:localhost\nEmpty,@:localhost\nnobody here\n";
        const QString file = writeFile(QStringLiteral("people.csv"), csv);

        // Without --skip-invalid: nothing is sent, and the bad lines are named.
        const Run strict = cli(
            inviter, {QStringLiteral("invite"), room, QStringLiteral("--users-from-file"), file});
        QCOMPARE(strict.exitCode, 2);
        QVERIFY2(strict.err.contains("line 20") && strict.err.contains("line 21"),
                 strict.err.constData());
        QCOMPARE(m_server.membershipOf(m_admin, room, fresh.at(0)), QString());

        const Run r =
            cli(inviter, {QStringLiteral("invite"), room, QStringLiteral("--users-from-file"), file,
                          QStringLiteral("--skip-invalid"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> lines = jsonLines(r.out);
        const QList<QJsonObject> items = ofType(lines, QStringLiteral("item"));
        QCOMPARE(items.size(), fresh.size());
        // The rest reported: 4 invalid, 1 repeat, 2 members, 1 invited already.
        const QList<QJsonObject> skipped = ofType(lines, QStringLiteral("skipped"));
        QCOMPARE(skipped.size(), 8);
        QStringList skippedInputs;
        for (const QJsonObject &s : skipped)
            skippedInputs << s.value(QLatin1String("input")).toString();
        QVERIFY(skippedInputs.contains(member1.userId));
        QVERIFY(skippedInputs.contains(member2.userId));
        QVERIFY(skippedInputs.contains(pending.userId));
        QVERIFY(skippedInputs.contains(fresh.at(0)));
        // The server: every new person invited exactly once; the others untouched.
        for (const QString &userId : fresh) {
            QCOMPARE(m_server.membershipOf(m_admin, room, userId), QStringLiteral("invite"));
            QCOMPARE(changesTo(room, userId, QStringLiteral("invite")), 1);
        }
        QCOMPARE(changesTo(room, pending.userId, QStringLiteral("invite")), 1);
        QCOMPARE(m_server.membershipOf(m_admin, room, member1.userId), QStringLiteral("join"));
        QCOMPARE(changesTo(room, member1.userId, QStringLiteral("invite")), 1);
    }

    void aJobKilledWithMinus9IsResumedAndEveryRoomLeftOnce()
    {
        const SynapseFixture::User user = m_server.registerUser(QStringLiteral("killed"));
        const QStringList rooms = joinedRooms(user, 25);
        QCOMPARE(rooms.size(), 25);
        // Slow enough to kill in the middle: 1 membership event a second after a burst of 5.
        QVERIFY(m_server.overrideRateLimit(m_admin, user.userId, 1, 5));

        QProcess p;
        p.setProcessEnvironment(environment(user));
        p.start(QStringLiteral(CONCIERGE_CLI_PATH),
                withStore(
                    {QStringLiteral("leave"), QStringLiteral("--all"), QStringLiteral("--json")}));
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(waitForItems(p, &out, 5), out.constData());
        const qint64 burstDone = clock.elapsed();
        QVERIFY2(waitForItems(p, &out, 8), out.constData());
        // The limit holds it back: three leaves after the burst take seconds, not milliseconds.
        QVERIFY2(clock.elapsed() - burstDone >= 1500,
                 qPrintable(QString::number(clock.elapsed() - burstDone)));
        const QString id = jobIdFrom(out);
        QVERIFY(!id.isEmpty());

        // Meanwhile another process may not run this account's jobs.
        const Run second = cli(user, {QStringLiteral("jobs")});
        QCOMPARE(second.exitCode, 3);
        QVERIFY2(second.err.contains("Another Concierge is running this account's jobs (pid " +
                                     QByteArray::number(p.processId())),
                 second.err.constData());

        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        const QJsonObject listed = listedJob(user, id);
        QCOMPARE(listed.value(QLatin1String("id")).toString(), id);
        QVERIFY2(listed.value(QLatin1String("remaining")).toInt() > 0,
                 QJsonDocument(listed).toJson().constData());
        QCOMPARE(listed.value(QLatin1String("total")).toInt(), 25);

        const Run resumed = cli(
            user, {QStringLiteral("jobs"), QStringLiteral("resume"), id, QStringLiteral("--json")});
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const QJsonObject summary =
            ofType(jsonLines(resumed.out), QStringLiteral("summary")).value(0);
        QCOMPARE(summary.value(QLatin1String("state")).toString(), QStringLiteral("finished"));
        QCOMPARE(summary.value(QLatin1String("done")).toInt(), 25);
        for (const QString &room : rooms) {
            QCOMPARE(m_server.membershipOf(m_admin, room, user.userId), QStringLiteral("leave"));
            QCOMPARE(changesTo(room, user.userId, QStringLiteral("leave")), 1);
        }
        QCOMPARE(listedJob(user, id).value(QLatin1String("state")).toString(),
                 QStringLiteral("finished"));
    }

    void ctrlCPausesAndResumeFinishes()
    {
        const SynapseFixture::User user = m_server.registerUser(QStringLiteral("paused"));
        const QStringList rooms = joinedRooms(user, 10);
        QCOMPARE(rooms.size(), 10);
        QVERIFY(m_server.overrideRateLimit(m_admin, user.userId, 1, 3));

        QProcess p;
        p.setProcessEnvironment(environment(user));
        p.start(QStringLiteral(CONCIERGE_CLI_PATH),
                withStore(
                    {QStringLiteral("leave"), QStringLiteral("--all"), QStringLiteral("--json")}));
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QVERIFY2(waitForItems(p, &out, 4), out.constData());
        const QString id = jobIdFrom(out);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(15000));
        out += p.readAllStandardOutput();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 6);
        const QJsonObject paused = ofType(jsonLines(out), QStringLiteral("summary")).value(0);
        QCOMPARE(paused.value(QLatin1String("state")).toString(), QStringLiteral("paused"));
        const int left = paused.value(QLatin1String("done")).toInt();
        QVERIFY2(left >= 4 && left < 10, qPrintable(QString::number(left)));
        QCOMPARE(listedJob(user, id).value(QLatin1String("state")).toString(),
                 QStringLiteral("paused"));

        const Run resumed = cli(user, {QStringLiteral("jobs"), QStringLiteral("resume"), id});
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        for (const QString &room : rooms)
            QCOMPARE(changesTo(room, user.userId, QStringLiteral("leave")), 1);
    }

    void aFailedItemMakesTheExitStatus5()
    {
        const SynapseFixture::User user = m_server.registerUser(QStringLiteral("failing"));
        const QStringList rooms = joinedRooms(user, 1);
        QCOMPARE(rooms.size(), 1);
        const QString missing = QStringLiteral("!doesnotexist:") + m_server.serverName();
        const QString file = writeFile(QStringLiteral("failing.txt"),
                                       (missing + "\n" + rooms.at(0) + "\n").toUtf8());
        const Run r = cli(user, {QStringLiteral("leave"), QStringLiteral("--from-file"), file,
                                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 5);
        const QList<QJsonObject> lines = jsonLines(r.out);
        const QJsonObject summary = ofType(lines, QStringLiteral("summary")).value(0);
        QCOMPARE(summary.value(QLatin1String("done")).toInt(), 1);
        QCOMPARE(summary.value(QLatin1String("failed")).toInt(), 1);
        QCOMPARE(summary.value(QLatin1String("ok")).toBool(), false);
        const QJsonObject failed = ofType(lines, QStringLiteral("item")).value(0);
        QCOMPARE(failed.value(QLatin1String("target")).toString(), missing);
        QCOMPARE(failed.value(QLatin1String("state")).toString(), QStringLiteral("failed"));
        QVERIFY(!failed.value(QLatin1String("errcode")).toString().isEmpty());
        QCOMPARE(m_server.membershipOf(m_admin, rooms.at(0), user.userId), QStringLiteral("leave"));
    }
};

QTEST_GUILESS_MAIN(TestCliJobsSynapse)
#include "tst_cli_jobs_synapse.moc"
