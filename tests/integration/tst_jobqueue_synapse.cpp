// The bulk queue (JobQueue, composed by AppServices with keepJobs) against the real Synapse.
// Every outcome is checked on the server's side: the rooms' member events (admin API) and the
// server's own access log (which requests it received, from whom, with which answer, when).
//
// The kill -9 test needs a process to kill: this executable re-runs itself as the worker
// (`--jobqueue-worker submit|resume HOMESERVER STORE_DIR [ROOMS_FILE]`, the access token in
// $CONCIERGE_WORKER_TOKEN), which composes AppServices like the GUI does.
#include "actions/jobqueue.h"
#include "api/apiclient.h"
#include "appservices.h"
#include "store/jobjournal.h"
#include "synapsefixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>
#include <csignal>
#include <sys/types.h>

namespace {

const char *const WorkerFlag = "--jobqueue-worker";
const char *const TokenVariable = "CONCIERGE_WORKER_TOKEN";

AppServices::Options queueOptions(const QString &storeDirectory)
{
    AppServices::Options o;
    o.useKeychain = false;
    o.interactive = true; // the GUI's composition: waits for the server however long it takes
    o.syncAfterSignIn = false;
    o.storeDirectory = storeDirectory;
    o.keepJobs = true;
    return o;
}

// The worker: signs in, submits the leave job (submit) or lets the restored one run (resume),
// prints what happens one line at a time, and exits when no job is active any more.
int runWorker(const QStringList &args)
{
    const QString mode = args.value(0);
    const QString homeserver = args.value(1);
    const QString storeDirectory = args.value(2);
    const QString roomsFile = args.value(3);
    QTextStream out(stdout);
    auto say = [&out](const QString &line) { out << line << Qt::endl; };

    AppServices app(queueOptions(storeDirectory));
    app.setRememberSession(false);
    JobQueue *queue = app.jobs();
    auto report = [&](Job *job) {
        if (queue->activeCount() > 0)
            return;
        say(QStringLiteral("finished %1 %2")
                .arg(job->id(),
                     QString::fromUtf8(QJsonDocument(QJsonArray::fromVariantList(job->results()))
                                           .toJson(QJsonDocument::Compact))));
        QCoreApplication::exit(0);
    };
    QObject::connect(queue, &JobQueue::jobFinished, queue, report);
    // After AppServices' own handler, which opens the journal and restores its jobs.
    QObject::connect(app.session(), &Session::signedIn, queue, [&] {
        if (mode == QLatin1String("submit")) {
            QFile file(roomsFile);
            if (!file.open(QIODevice::ReadOnly)) {
                say(QStringLiteral("error no rooms file"));
                QCoreApplication::exit(3);
                return;
            }
            const QStringList rooms =
                QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            Job *job = queue->leaveRooms(rooms);
            if (!job) {
                say(QStringLiteral("error refused: ") + queue->lastError());
                QCoreApplication::exit(3);
                return;
            }
            say(QStringLiteral("submitted ") + job->id());
        } else {
            const QList<Job *> jobs = queue->jobs();
            int unknown = 0;
            for (const Job *job : jobs)
                for (const Job::Item &item : job->itemList())
                    unknown += item.state == Job::ItemSent;
            say(QStringLiteral("restored %1 %2").arg(jobs.size()).arg(unknown));
            if (queue->activeCount() == 0) {
                say(QStringLiteral("error nothing to resume"));
                QCoreApplication::exit(3);
            }
        }
    });
    QTimer::singleShot(120000, qApp, [&] {
        say(QStringLiteral("error timeout"));
        QCoreApplication::exit(4);
    });
    app.signIn(homeserver, qEnvironmentVariable(TokenVariable));
    return QCoreApplication::exec();
}

// The journal's items by state, read from the store file by a read-only connection of our own
// (the worker may be writing it). Empty when the file is not there yet.
QMap<QString, int> journalCounts(const QString &path)
{
    QMap<QString, int> counts;
    if (!QFileInfo::exists(path))
        return counts;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("watch"));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT state, COUNT(*) FROM job_items GROUP BY state")))
                while (q.next())
                    counts.insert(q.value(0).toString(), q.value(1).toInt());
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("watch"));
    return counts;
}

// "!room:server" from ".../rooms/%21room%3Aserver/leave".
QString roomOfPath(const QString &path, const QString &action)
{
    static const QRegularExpression re(QStringLiteral("/rooms/([^/]+)/(\\w+)$"));
    const QRegularExpressionMatch m = re.match(path);
    if (!m.hasMatch() || m.captured(2) != action)
        return {};
    return QUrl::fromPercentEncoding(m.captured(1).toUtf8());
}

} // namespace

class TestJobQueueSynapse : public QObject
{
    Q_OBJECT
    SynapseFixture m_server;
    SynapseFixture::User m_admin;
    SynapseFixture::User m_bob; // builds the rooms

    // The rooms, one per line, in dir's rooms.txt (the worker's input); empty if not written.
    static QString writeRoomList(const QTemporaryDir &dir, const QStringList &rooms)
    {
        QFile list(dir.filePath(QStringLiteral("rooms.txt")));
        if (!list.open(QIODevice::WriteOnly) ||
            list.write(rooms.join(QLatin1Char('\n')).toUtf8()) < 0)
            return {};
        return list.fileName();
    }

    // count rooms by Bob (public), each joined by user.
    QStringList roomsJoinedBy(const SynapseFixture::User &user, int count)
    {
        QStringList rooms;
        for (int i = 0; i < count; ++i) {
            const QString room = m_server.createRoom(
                m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                        {QStringLiteral("name"), QStringLiteral("Bulk %1").arg(i)}});
            if (room.isEmpty() || !m_server.join(user, room))
                return {};
            rooms << room;
        }
        return rooms;
    }

    // The server received exactly one leave per room from user, answered 200, and nothing else
    // for them but `rateLimited` 429s (returned); each room has one leave event of user's.
    // inFlightAtKill: rooms whose leave a kill cut off. The relaunch checks their membership
    // before sending again, but the server may still be working on the cut-off request when the
    // check arrives (a relaunch within a fraction of a second): then the leave is sent once more
    // and the server accepts the repeat without a second leave event. Known race, see the
    // issue 11 note; for those rooms a second accepted request is tolerated, never a second
    // event.
    bool leftExactlyOnce(const SynapseFixture::User &user, const QStringList &rooms,
                         int *rateLimited, QString *why, const QSet<QString> &inFlightAtKill = {})
    {
        QMap<QString, int> ok;
        int limited = 0;
        for (const SynapseFixture::AccessEntry &e : m_server.accessLog(user.userId)) {
            const QString room = roomOfPath(e.path, QStringLiteral("leave"));
            if (room.isEmpty())
                continue;
            if (!rooms.contains(room)) {
                *why = QStringLiteral("a leave of a room not in the job: %1").arg(room);
                return false;
            }
            if (e.status == 200) {
                ++ok[room];
            } else if (e.status == 429) {
                ++limited;
            } else {
                *why = QStringLiteral("leave of %1 answered %2").arg(room).arg(e.status);
                return false;
            }
        }
        for (const QString &room : rooms) {
            const bool repeatTolerated = inFlightAtKill.contains(room) && ok.value(room) == 2;
            if (repeatTolerated)
                qInfo("%s: its cut-off leave was sent again after the relaunch's check (the race "
                      "above); one leave event",
                      qPrintable(room));
            if (ok.value(room) != 1 && !repeatTolerated) {
                *why = QStringLiteral("%1 leaves of %2 accepted").arg(ok.value(room)).arg(room);
                return false;
            }
            int leaves = 0;
            for (const QJsonObject &event : m_server.memberEvents(m_admin, room, user.userId))
                leaves += event.value(QLatin1String("content"))
                              .toObject()
                              .value(QLatin1String("membership"))
                              .toString() == QLatin1String("leave");
            if (leaves != 1) {
                *why = QStringLiteral("%1 leave events in %2").arg(leaves).arg(room);
                return false;
            }
        }
        if (rateLimited)
            *rateLimited = limited;
        return true;
    }

    bool signIn(AppServices &app, const SynapseFixture::User &user)
    {
        app.setRememberSession(false);
        QSignalSpy signedIn(app.session(), &Session::signedIn);
        app.signIn(m_server.baseUrl().toString(), user.accessToken);
        if (signedIn.isEmpty() && !signedIn.wait(15000))
            return false;
        return app.session()->state() == Session::SignedIn && app.jobs()->isOpen();
    }

    struct WorkerRun
    {
        QStringList lines;
        bool killed = false;
        int exitCode = -1;
    };

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        QVERIFY2(QFileInfo::exists(m_server.logPath()), "the server's access log is needed");
        m_admin = m_server.registerUser(QStringLiteral("qadmin"), true);
        m_bob = m_server.registerUser(QStringLiteral("qbob"));
        QVERIFY(!m_admin.accessToken.isEmpty());
        QVERIFY(!m_bob.accessToken.isEmpty());
    }

    // Synapse's default limit shape made faster (1 membership event per second, burst 5):
    // 25 leaves take the time the limit allows and no more, each room is left once, and no
    // request goes out while the server's "wait" is running.
    void pacingAtTheServersLimit()
    {
        constexpr int Rooms = 25;
        constexpr double PerSecond = 1.0;
        constexpr int Burst = 5;
        const auto user = m_server.registerUser(QStringLiteral("pacer"));
        const QStringList rooms = roomsJoinedBy(user, Rooms);
        QCOMPARE(rooms.size(), Rooms);
        QVERIFY(m_server.overrideRateLimit(m_admin, user.userId, PerSecond, Burst));
        // The joins above filled the bucket at the old rate: let it drain (burst / rate).
        QTest::qWait(int(Burst / PerSecond * 1000));

        QTemporaryDir dir;
        AppServices app(queueOptions(dir.path()));
        QVERIFY(signIn(app, user));
        ApiClient *api = app.api();
        struct Limit
        {
            qint64 arrivedMs;
            qint64 waitMs;
        };
        QList<qint64> sends;
        QList<Limit> limits;
        connect(api, &ApiClient::bucketRequestSent, this, [&](const QByteArray &bucket, qint64 at) {
            if (bucket == ApiClient::MembershipBucket)
                sends << at;
        });
        connect(api, &ApiClient::bucketRateLimited, this,
                [&](const QByteArray &bucket, qint64, qint64 waitMs) {
                    if (bucket == ApiClient::MembershipBucket)
                        limits.append({api->clockMs(), waitMs});
                });

        const qint64 submittedMs = api->clockMs();
        Job *job = app.jobs()->leaveRooms(rooms);
        QVERIFY2(job, qPrintable(app.jobs()->lastError()));
        QSignalSpy finished(job, &Job::finished);
        QVERIFY(finished.wait(90000));
        const qint64 elapsedMs = api->clockMs() - submittedMs;
        QCOMPARE(job->state(), Job::Finished);
        QCOMPARE(job->done(), Rooms);
        QCOMPARE(job->failed(), 0);

        // The bound: the burst at once, then one per 1/rate: the last leave cannot be accepted
        // sooner than (Rooms - Burst) / rate after the first.
        const double boundS = (Rooms - Burst) / PerSecond;
        QVERIFY(sends.size() >= Rooms);
        const double spanS = (sends.last() - sends.first()) / 1000.0;
        qInfo("pacing: %d leaves at %.0f/s burst %d: job took %.2f s (first to last request "
              "%.2f s), bound %.2f s, target <= %.2f s; %lld requests, %lld 429s",
              Rooms, PerSecond, Burst, elapsedMs / 1000.0, spanS, boundS, boundS * 1.1,
              qlonglong(sends.size()), qlonglong(limits.size()));
        qInfo("learned pace %lld ms", qlonglong(job->paceMs()));
        for (const Limit &l : std::as_const(limits))
            qInfo("429 at %.2f s: wait %lld ms", (l.arrivedMs - submittedMs) / 1000.0,
                  qlonglong(l.waitMs));
        QStringList gaps;
        for (int i = 1; i < sends.size(); ++i)
            gaps << QString::number(sends.at(i) - sends.at(i - 1));
        qInfo("intervals between requests (ms): %s", qPrintable(gaps.join(QLatin1Char(' '))));
        // The limit really applied (the override reaches leaves), and the queue kept to it.
        QVERIFY2(spanS >= boundS - 1.0, "the server's limit did not apply to the leaves");
        // How close to the bound it came is a figure (printed above, kept in bench/results.md),
        // not a timed assertion; what the queue must do is learn the pace from the first 429s
        // instead of meeting one after every request.
        QVERIFY2(
            limits.size() <= 3,
            qPrintable(
                QStringLiteral("%1 answers 429: the pace was not learned").arg(limits.size())));
        // Never sent while told to wait: after a 429 that arrived at a with retry_after_ms w,
        // nothing before a + w.
        for (const Limit &l : std::as_const(limits)) {
            QVERIFY(l.waitMs > 0);
            for (qint64 s : std::as_const(sends))
                QVERIFY2(s < l.arrivedMs || s >= l.arrivedMs + l.waitMs,
                         qPrintable(QStringLiteral("sent at %1 during a wait %2..%3")
                                        .arg(s)
                                        .arg(l.arrivedMs)
                                        .arg(l.arrivedMs + l.waitMs)));
        }
        // The server's side: one accepted leave per room, one leave event per room, and the
        // 429s it answered are the ones the client saw.
        int serverLimited = -1;
        QString why;
        QVERIFY2(leftExactlyOnce(user, rooms, &serverLimited, &why), qPrintable(why));
        QCOMPARE(serverLimited, int(limits.size()));
        QCOMPARE(int(sends.size()), Rooms + serverLimited);
        QVERIFY(m_server.joinedRooms(m_admin, user.userId).isEmpty());
    }

    // kill -9 with a job under way; the relaunched app finishes it: every room left once.
    // Then killed again right after the relaunch (while it checks the unknown outcome).
    void killedMidJobResumesWithoutRepeats()
    {
        constexpr int Rooms = 25;
        const auto user = m_server.registerUser(QStringLiteral("killed"));
        const QStringList rooms = roomsJoinedBy(user, Rooms);
        QCOMPARE(rooms.size(), Rooms);
        QTemporaryDir dir;
        const QString listFile = writeRoomList(dir, rooms);
        QVERIFY(!listFile.isEmpty());
        const QString storeDir = dir.filePath(QStringLiteral("stores"));
        const QString storePath = AppServices(queueOptions(storeDir))
                                      .storePathFor(m_server.baseUrl().toString(), user.userId);

        // Runs the worker until it exits or until killWhen (polled) says to kill it.
        auto run = [&](const QStringList &args,
                       const std::function<bool(const WorkerRun &)> &killWhen, WorkerRun *result) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QLatin1String(TokenVariable), user.accessToken);
            p.setProcessEnvironment(env);
            p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p.start(QCoreApplication::applicationFilePath(),
                    QStringList{QLatin1String(WorkerFlag)} + args);
            if (!p.waitForStarted(10000))
                return false;
            QElapsedTimer t;
            t.start();
            while (p.state() != QProcess::NotRunning && t.elapsed() < 90000) {
                p.waitForReadyRead(20);
                while (p.canReadLine())
                    result->lines << QString::fromUtf8(p.readLine()).trimmed();
                if (killWhen && killWhen(*result)) {
                    ::kill(pid_t(p.processId()), SIGKILL);
                    result->killed = true;
                    break;
                }
            }
            if (p.state() != QProcess::NotRunning && !p.waitForFinished(10000))
                return false;
            while (p.canReadLine())
                result->lines << QString::fromUtf8(p.readLine()).trimmed();
            result->exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
            return true;
        };
        const QString hs = m_server.baseUrl().toString();

        // 1. Killed once at least 8 leaves are recorded done and one is on its way.
        QMap<QString, int> atKill;
        WorkerRun first;
        QVERIFY(run(
            {QStringLiteral("submit"), hs, storeDir, listFile},
            [&](const WorkerRun &) {
                atKill = journalCounts(storePath);
                return atKill.value(QStringLiteral("succeeded")) >= 8 &&
                       atKill.value(QStringLiteral("sent")) >= 1;
            },
            &first));
        QVERIFY2(first.killed, qPrintable(first.lines.join(QLatin1Char('\n'))));
        QCOMPARE(first.exitCode, -1);
        QVERIFY(first.lines.value(0).startsWith(QLatin1String("submitted ")));
        const QString jobId = first.lines.value(0).section(QLatin1Char(' '), 1, 1);
        const QMap<QString, int> afterKill = journalCounts(storePath);
        qInfo("killed with %d done, %d on their way, %d pending", afterKill.value("succeeded"),
              afterKill.value("sent"), afterKill.value("pending"));
        QVERIFY(afterKill.value(QStringLiteral("succeeded")) < Rooms);
        QCOMPARE(afterKill.value(QStringLiteral("sent")), 1);

        // 2. Relaunched, killed again as soon as it has restored the job (its first request
        // is the check of the unknown outcome).
        WorkerRun second;
        QVERIFY(run(
            {QStringLiteral("resume"), hs, storeDir},
            [](const WorkerRun &r) {
                return !r.lines.isEmpty() && r.lines.last().startsWith(QLatin1String("restored"));
            },
            &second));
        QVERIFY2(second.killed, qPrintable(second.lines.join(QLatin1Char('\n'))));
        QCOMPARE(second.lines.value(0), QStringLiteral("restored 1 1"));

        // 3. Relaunched: it finishes.
        WorkerRun third;
        QVERIFY(run({QStringLiteral("resume"), hs, storeDir}, {}, &third));
        QCOMPARE(third.exitCode, 0);
        const QString last = third.lines.value(third.lines.size() - 1);
        QVERIFY2(last.startsWith(QStringLiteral("finished ") + jobId), qPrintable(last));
        const QJsonArray results =
            QJsonDocument::fromJson(last.section(QLatin1Char(' '), 2).toUtf8()).array();
        QCOMPARE(results.size(), Rooms);
        for (const QJsonValue &v : results) {
            const QJsonObject r = v.toObject();
            QCOMPARE(r.value(QLatin1String("state")).toString(), QStringLiteral("succeeded"));
            // Not sent again and refused as "not in the room": the check came first.
            QVERIFY2(!r.value(QLatin1String("alreadyDone")).toBool(),
                     qPrintable(r.value(QLatin1String("error")).toString()));
        }
        // What each kill cut off (timing decides which: the leave in flight may or may not have
        // reached the server; the relaunch's check may or may not have been answered).
        QSet<QString> inFlightAtKill;
        for (const SynapseFixture::AccessEntry &e : m_server.accessLog(user.userId))
            if (e.clientGone) {
                qInfo("cut off by a kill: %s %s (%d)", qPrintable(e.method),
                      qPrintable(QUrl::fromPercentEncoding(e.path.toUtf8())), e.status);
                if (const QString room = roomOfPath(e.path, QStringLiteral("leave"));
                    !room.isEmpty())
                    inFlightAtKill.insert(room);
            }
        QVERIFY(inFlightAtKill.size() <= 2); // one per kill at most
        QString why;
        QVERIFY2(leftExactlyOnce(user, rooms, nullptr, &why, inFlightAtKill), qPrintable(why));
        QVERIFY(m_server.joinedRooms(m_admin, user.userId).isEmpty());
        // The journal says so too.
        JobJournal journal(QStringLiteral("verify"));
        QVERIFY(journal.open(storePath));
        const std::optional<JobJournal::Job> stored = journal.job(jobId);
        QVERIFY(stored);
        QCOMPARE(stored->state, JobJournal::JobState::Finished);
        QCOMPARE(stored->counts.succeeded, Rooms);
        QVERIFY(journal.jobs(true).isEmpty());
    }

    // The same with the desktop app as it ships: a job interrupted by kill -9 is resumed by the
    // next launch of `concierge` (its store in the XDG data folder, the token from the
    // environment), and every room ends left exactly once.
    void theDesktopAppResumesAKilledJob()
    {
        constexpr int Rooms = 15;
        const auto user = m_server.registerUser(QStringLiteral("guiresume"));
        const QStringList rooms = roomsJoinedBy(user, Rooms);
        QCOMPARE(rooms.size(), Rooms);
        QTemporaryDir dir;
        const QString listFile = writeRoomList(dir, rooms);
        QVERIFY(!listFile.isEmpty());
        // Where the app keeps its account stores under this XDG_DATA_HOME.
        const QString dataHome = dir.filePath(QStringLiteral("data"));
        const QString storeDir = dataHome + QStringLiteral("/Concierge/concierge/accounts");
        const QString hs = m_server.baseUrl().toString();
        const QString storePath = AppServices(queueOptions(storeDir)).storePathFor(hs, user.userId);

        QProcess worker;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QLatin1String(TokenVariable), user.accessToken);
        worker.setProcessEnvironment(env);
        worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        worker.start(QCoreApplication::applicationFilePath(),
                     {QLatin1String(WorkerFlag), QStringLiteral("submit"), hs, storeDir, listFile});
        QVERIFY(worker.waitForStarted(10000));
        QMap<QString, int> counts;
        QTRY_VERIFY_WITH_TIMEOUT(
            (counts = journalCounts(storePath), counts.value(QStringLiteral("succeeded")) >= 4 &&
                                                    counts.value(QStringLiteral("sent")) >= 1),
            60000);
        ::kill(pid_t(worker.processId()), SIGKILL);
        QVERIFY(worker.waitForFinished(10000));
        counts = journalCounts(storePath);
        QVERIFY(counts.value(QStringLiteral("succeeded")) < Rooms);

        QProcess app;
        QProcessEnvironment appEnv = QProcessEnvironment::systemEnvironment();
        appEnv.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
        appEnv.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        appEnv.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        appEnv.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        appEnv.insert(QStringLiteral("CONCIERGE_ACCESS_TOKEN"), user.accessToken);
        app.setProcessEnvironment(appEnv);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral(CONCIERGE_APP_PATH),
                  {QStringLiteral("--no-keychain"), QStringLiteral("--homeserver"), hs});
        QVERIFY(app.waitForStarted(10000));
        // The app resumes the job by itself: its journal ends with every item done.
        QTRY_VERIFY_WITH_TIMEOUT(
            (counts = journalCounts(storePath), counts.value(QStringLiteral("succeeded")) == Rooms),
            60000);
        QVERIFY(app.state() == QProcess::Running); // it did not crash on the way
        app.terminate();
        QVERIFY(app.waitForFinished(10000));
        QString why;
        QVERIFY2(leftExactlyOnce(user, rooms, nullptr, &why), qPrintable(why));
        QVERIFY(m_server.joinedRooms(m_admin, user.userId).isEmpty());
    }

    // Leaves that cannot be done, or are done already, each get their own result; the job
    // finishes and nothing is left hanging.
    void mixedOutcomes()
    {
        const auto user = m_server.registerUser(QStringLiteral("mixed"));
        const QStringList joined = roomsJoinedBy(user, 3);
        QCOMPARE(joined.size(), 3);
        const QStringList left = roomsJoinedBy(user, 1);
        QCOMPARE(left.size(), 1);
        QVERIFY(m_server.leave(user, left.first()));
        const QString neverIn = m_server.createRoom(m_bob, {});
        QVERIFY(!neverIn.isEmpty());
        const QString missing = QStringLiteral("!doesnotexist%1:%2")
                                    .arg(QCoreApplication::applicationPid())
                                    .arg(m_server.serverName());
        const QString invalid = QStringLiteral("not-a-room-id");
        const QStringList targets = QStringList{joined.value(0), missing, joined.value(1), neverIn,
                                                left.first(),    invalid, joined.value(2)};

        QTemporaryDir dir;
        AppServices app(queueOptions(dir.path()));
        QVERIFY(signIn(app, user));
        Job *job = app.jobs()->leaveRooms(targets);
        QVERIFY2(job, qPrintable(app.jobs()->lastError()));
        QSignalSpy finished(job, &Job::finished);
        QVERIFY(finished.wait(60000));
        QCOMPARE(job->state(), Job::Finished);
        QCOMPARE(job->remaining(), 0);
        QCOMPARE(app.jobs()->activeCount(), 0);
        const QVariantList results = job->results();
        QCOMPARE(results.size(), targets.size());
        QMap<QString, QVariantMap> byTarget;
        for (const QVariant &v : results) {
            const QVariantMap r = v.toMap();
            byTarget.insert(r.value(QStringLiteral("target")).toString(), r);
            qInfo("%s: %s %s (%s)", qPrintable(r.value("target").toString()),
                  qPrintable(r.value("state").toString()),
                  qPrintable(r.value("errcode").toString()),
                  qPrintable(r.value("error").toString()));
        }
        for (const QString &room : joined) {
            QCOMPARE(byTarget[room].value("state").toString(), QStringLiteral("succeeded"));
            QCOMPARE(byTarget[room].value("alreadyDone").toBool(), false);
            QCOMPARE(m_server.membershipOf(m_admin, room, user.userId), QStringLiteral("leave"));
        }
        // Left before: Synapse answers the repeat 200 without a new event (a no-op change).
        QCOMPARE(byTarget[left.first()].value("state").toString(), QStringLiteral("succeeded"));
        int leaveEvents = 0;
        for (const QJsonObject &event : m_server.memberEvents(m_admin, left.first(), user.userId))
            leaveEvents += event.value("content").toObject().value("membership").toString() ==
                           QLatin1String("leave");
        QCOMPARE(leaveEvents, 1);
        // Never a member: refused; not a success (nothing was left).
        QCOMPARE(byTarget[neverIn].value("state").toString(), QStringLiteral("failed"));
        QCOMPARE(byTarget[neverIn].value("errcode").toString(), QStringLiteral("M_FORBIDDEN"));
        QCOMPARE(byTarget[neverIn].value("httpStatus").toInt(), 403);
        // A room the server does not know: Synapse says 404 M_UNKNOWN "Not a known room".
        QCOMPARE(byTarget[missing].value("state").toString(), QStringLiteral("failed"));
        QCOMPARE(byTarget[missing].value("errcode").toString(), QStringLiteral("M_UNKNOWN"));
        QCOMPARE(byTarget[missing].value("httpStatus").toInt(), 404);
        // Not a room ID at all: reported, never sent.
        QCOMPARE(byTarget[invalid].value("state").toString(), QStringLiteral("failed"));
        QCOMPARE(byTarget[invalid].value("attempts").toInt(), 0);
        // The server's side: one leave request per sendable room, none for the invalid one.
        QMap<QString, int> requests;
        for (const SynapseFixture::AccessEntry &e : m_server.accessLog(user.userId))
            if (const QString room = roomOfPath(e.path, QStringLiteral("leave")); !room.isEmpty())
                ++requests[room];
        QCOMPARE(requests.value(left.first()), 2); // the fixture's and the job's
        for (const QString &room :
             {joined.value(0), joined.value(1), joined.value(2), neverIn, missing})
            QCOMPARE(requests.value(room), 1);
        QCOMPARE(requests.size(), 6);
    }

    // Invite many: the valid newcomers are invited once each; invalid IDs (never sent), members
    // (already done), an earlier invitation and a duplicate (dropped) are reported.
    void inviteMany()
    {
        const auto owner = m_server.registerUser(QStringLiteral("host"));
        const QString room = m_server.createRoom(
            owner, {{QStringLiteral("preset"), QStringLiteral("private_chat")}});
        QVERIFY(!room.isEmpty());
        QStringList fresh;
        for (int i = 0; i < 12; ++i)
            fresh << m_server.registerUser(QStringLiteral("guest%1").arg(i)).userId;
        QVERIFY(!fresh.contains(QString()));
        QStringList members;
        for (int i = 0; i < 2; ++i) {
            const auto m = m_server.registerUser(QStringLiteral("member%1").arg(i));
            QVERIFY(m_server.invite(owner, room, m.userId));
            QVERIFY(m_server.join(m, room));
            members << m.userId;
        }
        const QString invitedBefore = m_server.registerUser(QStringLiteral("pending")).userId;
        QVERIFY(m_server.invite(owner, room, invitedBefore));
        const QString ghost = QStringLiteral("@ghost-%1:%2")
                                  .arg(QCoreApplication::applicationPid())
                                  .arg(m_server.serverName());
        const QStringList invalid{QStringLiteral("bob"), QStringLiteral("@no-server"),
                                  QStringLiteral("@bad id:localhost")};
        QStringList list = fresh.mid(0, 6);
        list << invalid.value(0) << members.value(0) << fresh.value(2) /* duplicate */;
        list << fresh.mid(6) << invalid.mid(1) << members.value(1) << invitedBefore << ghost;
        QCOMPARE(list.size(), 20);

        QTemporaryDir dir;
        AppServices app(queueOptions(dir.path()));
        QVERIFY(signIn(app, owner));
        Job *job = app.jobs()->inviteUsers(room, list);
        QVERIFY2(job, qPrintable(app.jobs()->lastError()));
        QSignalSpy finished(job, &Job::finished);
        QVERIFY(finished.wait(60000));
        QCOMPARE(job->state(), Job::Finished);
        const QVariantList results = job->results();
        QCOMPARE(results.size(), 19); // the duplicate is dropped
        QMap<QString, QVariantMap> byUser;
        for (const QVariant &v : results) {
            const QVariantMap r = v.toMap();
            byUser.insert(r.value(QStringLiteral("userId")).toString(), r);
            qInfo("%s: %s %s (%s)", qPrintable(r.value("userId").toString()),
                  qPrintable(r.value("state").toString()),
                  qPrintable(r.value("errcode").toString()),
                  qPrintable(r.value("error").toString()));
        }
        for (const QString &u : fresh) {
            QCOMPARE(byUser[u].value("state").toString(), QStringLiteral("succeeded"));
            QCOMPARE(byUser[u].value("alreadyDone").toBool(), false);
        }
        for (const QString &u : invalid) {
            QCOMPARE(byUser[u].value("state").toString(), QStringLiteral("failed"));
            QCOMPARE(byUser[u].value("attempts").toInt(), 0);
        }
        for (const QString &u : members) {
            QCOMPARE(byUser[u].value("state").toString(), QStringLiteral("succeeded"));
            QCOMPARE(byUser[u].value("alreadyDone").toBool(), true);
        }
        QCOMPARE(byUser[invitedBefore].value("state").toString(), QStringLiteral("succeeded"));
        // A well-formed ID of nobody: Synapse does not check local users exist and invites it.
        QCOMPARE(byUser[ghost].value("state").toString(), QStringLiteral("succeeded"));

        // The server's side: an invite event for exactly the newcomers, one each; members
        // stay members; the invitation that was there stays one invitation.
        for (const QString &u : fresh) {
            const QList<QJsonObject> events = m_server.memberEvents(m_admin, room, u);
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.first().value("content").toObject().value("membership").toString(),
                     QStringLiteral("invite"));
            QCOMPARE(events.first().value("sender").toString(), owner.userId);
        }
        for (const QString &u : members)
            QCOMPARE(m_server.membershipOf(m_admin, room, u), QStringLiteral("join"));
        QCOMPARE(m_server.memberEvents(m_admin, room, invitedBefore).size(), 1);
        QCOMPARE(m_server.memberEvents(m_admin, room, ghost).size(), 1);
        // One invite request per sendable entry (12 newcomers, 2 members, 1 pending, the ghost),
        // plus the fixture's 3: none twice.
        int invites = 0;
        for (const SynapseFixture::AccessEntry &e : m_server.accessLog(owner.userId))
            invites += roomOfPath(e.path, QStringLiteral("invite")) == room;
        QCOMPARE(invites, 3 + 16);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() > 1 && args.at(1) == QLatin1String(WorkerFlag))
        return runWorker(args.mid(2));
    TestJobQueueSynapse test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_jobqueue_synapse.moc"
