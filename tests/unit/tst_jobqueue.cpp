// The bulk queue (issue 11) against a scripted homeserver: a job is on disk before its first
// request; 429s are waited out exactly as told and the pace is learned from them; permanent
// failures fail one item and the job goes on; "already done" counts as done; pause, resume,
// cancel and retry; a job found after a crash checks its unknown outcome before sending again;
// a job that cannot be saved is refused with nothing sent.
#include "actions/jobqueue.h"
#include "actions/membershipservice.h"
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "store/jobjournal.h"
#include "sync/roomstore.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

namespace {
const QByteArray Token = "syt_secret_token_for_tests";
const QString Me = QStringLiteral("@me:localhost");
const QString A = QStringLiteral("!a:localhost");
const QString B = QStringLiteral("!b:localhost");
const QString C = QStringLiteral("!c:localhost");
const QString D = QStringLiteral("!d:localhost");
const QByteArray Rooms = "/_matrix/client/v3/rooms/";

QByteArray roomPath(const QString &roomId)
{
    return Rooms + QUrl::toPercentEncoding(roomId);
}

QByteArray memberPath(const QString &roomId, const QString &userId = Me)
{
    return roomPath(roomId) + "/state/m.room.member/" + QUrl::toPercentEncoding(userId);
}

QByteArray membership(const char *value)
{
    return QByteArray(R"({"membership":")") + value + R"("})";
}

const char *const Forbidden = R"({"errcode":"M_FORBIDDEN","error":"You are not allowed"})";

// Waits until the job has ended (Finished or Cancelled); false on timeout.
bool ends(Job *job, int timeoutMs = 15000)
{
    return job &&
           QTest::qWaitFor(
               [job] { return job->state() == Job::Finished || job->state() == Job::Cancelled; },
               timeoutMs);
}

JobJournal::ItemState storedState(const QString &path, const QString &jobId, int position)
{
    JobJournal reader(QStringLiteral("state-reader"));
    if (!reader.open(path))
        return JobJournal::ItemState::Unknown;
    return reader.items(jobId).value(position).state;
}
} // namespace

class TestJobQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<MembershipService> m_service;
    std::unique_ptr<JobQueue> m_queue;
    int m_run = 0;

    int leavesTo(const QString &roomId) const
    {
        return int(m_fake->requestsTo(roomPath(roomId) + "/leave").size());
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("run%1/store.sqlite").arg(++m_run));
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QString::fromLatin1(Token));
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(Me);
        m_service = std::make_unique<MembershipService>(m_api.get(), m_store.get());
        m_service->setRetryPolicy({5, 20, 80, 120000});
        m_queue = std::make_unique<JobQueue>(m_api.get(), m_service.get());
        QString error;
        QVERIFY2(m_queue->open(m_path, &error), qPrintable(error));
    }
    void cleanup()
    {
        if (m_fake)
            m_fake->onRequest = nullptr;
        m_queue.reset();
        m_service.reset();
        m_store.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void theJobIsOnDiskBeforeItsFirstRequest()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        int jobsSeen = -1;
        QList<JobJournal::Item> seen;
        m_fake->onRequest = [&](const FakeHomeserver::Request &r) {
            if (jobsSeen >= 0 || !r.rawPath.endsWith("/leave"))
                return;
            JobJournal reader(QStringLiteral("peek"));
            if (!reader.open(m_path))
                return;
            const auto jobs = reader.jobs();
            jobsSeen = int(jobs.size());
            if (!jobs.isEmpty())
                seen = reader.items(jobs.first().id);
        };
        Job *job = m_queue->leaveRooms({A, B, C}, QStringLiteral("cleanup"));
        QVERIFY(job);
        QCOMPARE(job->total(), 3);
        QCOMPARE(job->title(),
                 QStringLiteral("Leave 3 room(s)")); // English plurals come from the catalogue
        QVERIFY(ends(job));
        // When the server saw the first leave, the whole job was stored, that item as sent.
        QCOMPARE(jobsSeen, 1);
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen.at(0).state, JobJournal::ItemState::Sent);
        QCOMPARE(seen.at(1).state, JobJournal::ItemState::Pending);
        QCOMPARE(seen.at(2).state, JobJournal::ItemState::Pending);
        QCOMPARE(seen.at(0).description.value(QLatin1String("reason")).toString(),
                 QStringLiteral("cleanup"));

        QCOMPARE(job->state(), Job::Finished);
        QCOMPARE(job->done(), 3);
        QCOMPARE(job->remaining(), 0);
        QCOMPARE(job->progress(), 1.0);
        const auto leaves = m_fake->requestsTo(Rooms);
        QCOMPARE(leaves.size(), 3);
        QCOMPARE(leaves.at(0).rawPath, roomPath(A) + "/leave");
        QCOMPARE(leaves.at(1).rawPath, roomPath(B) + "/leave");
        QCOMPARE(leaves.at(2).rawPath, roomPath(C) + "/leave");
        JobJournal reader(QStringLiteral("after"));
        QVERIFY(reader.open(m_path));
        QCOMPARE(reader.job(job->id())->state, JobJournal::JobState::Finished);
        QCOMPARE(reader.job(job->id())->counts.succeeded, 3);
        QCOMPARE(reader.items(job->id()).at(0).attempts, 1);
    }

    void aRateLimitIsWaitedOutAndThePaceLearned_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("waitMs");
        QTest::newRow("Retry-After header (wins)")
            << QByteArray("1")
            << QByteArray(R"({"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":100})") << 1000;
        QTest::newRow("retry_after_ms")
            << QByteArray() << QByteArray(R"({"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":400})")
            << 400;
    }
    void aRateLimitIsWaitedOutAndThePaceLearned()
    {
        QFETCH(QByteArray, retryAfter);
        QFETCH(QByteArray, body);
        QFETCH(int, waitMs);
        QElapsedTimer clock;
        clock.start();
        QList<qint64> arrivals;
        m_fake->onRequest = [&](const FakeHomeserver::Request &r) {
            if (r.rawPath.endsWith("/leave"))
                arrivals << clock.elapsed();
        };
        // a: ok; b: 429, then ok; c, d: ok.
        m_fake->script(Rooms, {{200, "{}"}, {429, body, retryAfter}, {200, "{}"}});
        Job *job = m_queue->leaveRooms({A, B, C, D});
        QVERIFY(job);
        QVERIFY(ends(job));
        QCOMPARE(job->done(), 4);
        QCOMPARE(arrivals.size(), 5);
        // Nothing was sent before the time the server asked for had passed.
        QVERIFY2(arrivals.at(2) - arrivals.at(1) >= waitMs,
                 qPrintable(QString::number(arrivals.at(2) - arrivals.at(1))));
        // The pace: at least the wait asked for, learned by the job and kept on disk…
        const qint64 pace = m_queue->paceMs();
        QVERIFY2(pace >= waitMs, qPrintable(QString::number(pace)));
        QCOMPARE(job->paceMs(), pace);
        JobJournal reader(QStringLiteral("pace"));
        QVERIFY(reader.open(m_path));
        QCOMPARE(reader.job(job->id())->paceMs, pace);
        // …and the next requests were spaced by it instead of hammering.
        QVERIFY2(arrivals.at(3) - arrivals.at(2) >= pace,
                 qPrintable(QString::number(arrivals.at(3) - arrivals.at(2))));
        QVERIFY2(arrivals.at(4) - arrivals.at(3) >= pace,
                 qPrintable(QString::number(arrivals.at(4) - arrivals.at(3))));
        QVERIFY(job->etaSeconds() == 0);
    }

    void aJobKeepsToTheServersPace()
    {
        // The server's limiter, as Synapse's: a bucket of `burst` actions refilled at a steady
        // rate; a request over it gets 429 with the exact wait.
        constexpr double IntervalMs = 600;
        constexpr double Burst = 3;
        constexpr int Count = 12;
        QElapsedTimer clock;
        clock.start();
        double level = 0;
        qint64 last = 0;
        QList<qint64> arrivals;
        QList<std::pair<qint64, qint64>> limited; // (arrival, wait)
        m_fake->onRequest = [&](const FakeHomeserver::Request &r) {
            if (!r.rawPath.endsWith("/leave"))
                return;
            const qint64 now = clock.elapsed();
            level = qMax(0.0, level - double(now - last) / IntervalMs);
            last = now;
            arrivals << now;
            if (level + 1 > Burst + 1e-9) {
                const qint64 wait = qint64(std::ceil((level + 1 - Burst) * IntervalMs));
                limited.append({now, wait});
                m_fake->script(
                    Rooms, {{429, QByteArray(R"({"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":)") +
                                      QByteArray::number(wait) + "}"}});
            } else {
                level += 1;
                m_fake->script(Rooms, {{200, "{}"}});
            }
        };
        // Nothing learned yet: Synapse's default limit (10 at once, then one every 5 s).
        QCOMPARE(m_queue->estimateSeconds(30), 20 * 5 + 1);
        QStringList rooms;
        for (int i = 0; i < Count; ++i)
            rooms << QStringLiteral("!r%1:localhost").arg(i);
        Job *job = m_queue->leaveRooms(rooms);
        QVERIFY(ends(job, 30000));
        QCOMPARE(job->done(), Count);
        // Every room left exactly once.
        QCOMPARE(arrivals.size() - limited.size(), Count);
        // Nothing was sent while the client knew it had to wait.
        for (const auto &[at, wait] : std::as_const(limited))
            for (qint64 t : std::as_const(arrivals))
                QVERIFY2(t <= at || t >= at + wait,
                         qPrintable(QStringLiteral("%1 within %2+%3").arg(t).arg(at).arg(wait)));
        // Within 10 % of what the limit allows, with few 429s: the pace was learned.
        const qint64 bound = qint64((Count - Burst) * IntervalMs);
        const qint64 elapsed = arrivals.last() - arrivals.first();
        qInfo("%lld ms for a bound of %lld ms; %d answers 429; learned pace %lld ms", elapsed,
              bound, int(limited.size()), m_queue->paceMs());
        QVERIFY2(elapsed <= bound * 11 / 10,
                 qPrintable(QStringLiteral("%1 ms for a bound of %2 ms").arg(elapsed).arg(bound)));
        QVERIFY2(limited.size() <= 4, qPrintable(QString::number(limited.size())));
        QVERIFY2(qAbs(m_queue->paceMs() - qint64(IntervalMs)) <= IntervalMs / 10,
                 qPrintable(QString::number(m_queue->paceMs())));
        // Later estimates use what was learned: 10 more take about 6 s.
        QVERIFY2(m_queue->estimateSeconds(10) >= 6 && m_queue->estimateSeconds(10) <= 7,
                 qPrintable(QString::number(m_queue->estimateSeconds(10))));
    }

    void aRateLimitHoldsSingleActionsToo()
    {
        QElapsedTimer clock;
        clock.start();
        QHash<QByteArray, QList<qint64>> arrivals;
        m_fake->onRequest = [&](const FakeHomeserver::Request &r) {
            arrivals[r.rawPath] << clock.elapsed();
        };
        m_fake->script(
            roomPath(A) + "/leave",
            {{429, R"({"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":500})"}, {200, "{}"}});
        m_fake->script(roomPath(B) + "/leave", {{200, "{}"}});
        Operation *first = m_service->leave(A);
        QVERIFY(QTest::qWaitFor([&] { return first->state() == Operation::Waiting; }, 5000));
        QVERIFY(m_api->holdRemainingMs(ApiClient::MembershipBucket) > 0);
        Operation *second = m_service->leave(B);
        QVERIFY(QTest::qWaitFor([&] { return second->state() == Operation::Waiting; }, 5000));
        QCOMPARE(second->waitReason(), Operation::RateLimited);
        QVERIFY(QTest::qWaitFor([&] { return first->isFinished() && second->isFinished(); }));
        QCOMPARE(first->state(), Operation::Succeeded);
        QCOMPARE(second->state(), Operation::Succeeded);
        const qint64 limitedAt = arrivals.value(roomPath(A) + "/leave").value(0);
        const qint64 otherAt = arrivals.value(roomPath(B) + "/leave").value(0);
        QVERIFY2(otherAt - limitedAt >= 500, qPrintable(QString::number(otherAt - limitedAt)));
    }

    void permanentFailuresFailTheirItemAndTheJobGoesOn()
    {
        m_fake->script(roomPath(A) + "/leave", {{403, Forbidden}});
        m_fake->script(memberPath(A), {{200, membership("join")}});
        m_fake->script(roomPath(B) + "/leave",
                       {{404, R"({"errcode":"M_NOT_FOUND","error":"Unknown room"})"}});
        m_fake->script(memberPath(B), {{404, R"({"errcode":"M_NOT_FOUND","error":"No state"})"}});
        m_fake->script(roomPath(C) + "/leave", {{200, "{}"}});
        Job *job = m_queue->leaveRooms({A, B, C});
        QVERIFY(ends(job));
        QCOMPARE(job->state(), Job::Finished);
        QCOMPARE(job->done(), 1);
        QCOMPARE(job->failed(), 2);
        const auto &items = job->itemList();
        QCOMPARE(items.at(0).state, Job::ItemFailed);
        QCOMPARE(items.at(0).error.summary(),
                 QStringLiteral("M_FORBIDDEN: You are not allowed (HTTP 403)"));
        QCOMPARE(items.at(1).state, Job::ItemFailed);
        QCOMPARE(items.at(1).error.summary(),
                 QStringLiteral("M_NOT_FOUND: Unknown room (HTTP 404)"));
        QCOMPARE(items.at(2).state, Job::ItemSucceeded);
        QCOMPARE(leavesTo(A), 1);
        QCOMPARE(leavesTo(B), 1);
        QCOMPARE(leavesTo(C), 1);
        // The model and the results show the exact error.
        QCOMPARE(job->itemModel()->rowCount(), 3);
        QCOMPARE(job->itemModel()->data(job->itemModel()->index(0), JobItemModel::ErrorRole),
                 QVariant(QStringLiteral("M_FORBIDDEN: You are not allowed (HTTP 403)")));
        const QVariantMap first = job->results().at(0).toMap();
        QCOMPARE(first.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(first.value(QStringLiteral("httpStatus")).toInt(), 403);
        // The journal says the same.
        JobJournal reader(QStringLiteral("failures"));
        QVERIFY(reader.open(m_path));
        const auto stored = reader.items(job->id());
        QCOMPARE(stored.at(0).state, JobJournal::ItemState::Failed);
        QCOMPARE(stored.at(0).error.summary(), items.at(0).error.summary());
        QCOMPARE(stored.at(1).error.httpStatus, 404);
        QCOMPARE(stored.at(2).state, JobJournal::ItemState::Succeeded);
    }

    void anAnswerOfAlreadyDoneCountsAsDone()
    {
        const QString bob = QStringLiteral("@bob:localhost");
        m_fake->script(roomPath(A) + "/leave",
                       {{403, R"({"errcode":"M_FORBIDDEN","error":"User not in room"})"}});
        m_fake->script(memberPath(A), {{200, membership("leave")}});
        m_fake->script(
            roomPath(B) + "/invite",
            {{403,
              R"({"errcode":"M_FORBIDDEN","error":"@bob:localhost is already in the room."})"}});
        m_fake->script(memberPath(B, bob), {{200, membership("join")}});
        Operation::Description leave;
        leave.kind = Operation::Leave;
        leave.target = A;
        Operation::Description invite;
        invite.kind = Operation::Invite;
        invite.target = B;
        invite.userId = bob;
        Job *job = m_queue->submit(QStringLiteral("mixed"), {leave, invite, leave});
        QVERIFY(job);
        QCOMPARE(job->total(), 2); // the repeat is dropped
        QCOMPARE(job->kind(), QStringLiteral("mixed"));
        QVERIFY(ends(job));
        QCOMPARE(job->done(), 2);
        QCOMPARE(job->failed(), 0);
        for (const Job::Item &item : job->itemList()) {
            QVERIFY(item.alreadyDone());
            QVERIFY2(Job::resultText(item).contains(item.error.message),
                     qPrintable(Job::resultText(item)));
        }
        QCOMPARE(leavesTo(A), 1);
        QCOMPARE(m_fake->requestsTo(roomPath(B) + "/invite").size(), 1);
    }

    void pauseLetsTheRequestInFlightFinishAndResumeContinues()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        m_fake->script(roomPath(A) + "/leave", {FakeHomeserver::Reply::held(200, "{}")});
        Job *job = m_queue->leaveRooms({A, B, C});
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 1; }, 5000));
        job->pause();
        QCOMPARE(job->state(), Job::Pausing);
        {
            JobJournal reader(QStringLiteral("pausing"));
            QVERIFY(reader.open(m_path));
            QCOMPARE(reader.job(job->id())->state, JobJournal::JobState::Paused);
        }
        QVERIFY(m_fake->release(roomPath(A)));
        QVERIFY(QTest::qWaitFor([&] { return job->state() == Job::Paused; }, 5000));
        QCOMPARE(job->done(), 1);
        QCOMPARE(job->remaining(), 2);
        // A window in which a running job would have sent its next request.
        QTest::qWait(300);
        QCOMPARE(m_fake->requestsTo(Rooms).size(), 1);
        QCOMPARE(job->state(), Job::Paused);

        job->resume();
        QCOMPARE(job->state(), Job::Running);
        QVERIFY(ends(job));
        QCOMPARE(job->state(), Job::Finished);
        QCOMPARE(job->done(), 3);
        QCOMPARE(leavesTo(A), 1);
        QCOMPARE(leavesTo(B), 1);
        QCOMPARE(leavesTo(C), 1);
    }

    void cancelLetsTheRequestInFlightFinishAndCancelsTheRest()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        m_fake->script(roomPath(A) + "/leave", {FakeHomeserver::Reply::held(200, "{}")});
        Job *job = m_queue->leaveRooms({A, B, C});
        QSignalSpy finished(job, &Job::finished);
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 1; }, 5000));
        job->cancel();
        QCOMPARE(job->state(), Job::Cancelling);
        QCOMPARE(job->cancelledCount(), 2);
        QCOMPARE(storedState(m_path, job->id(), 1), JobJournal::ItemState::Cancelled);
        QCOMPARE(storedState(m_path, job->id(), 0), JobJournal::ItemState::Sent);
        QVERIFY(m_fake->release(roomPath(A)));
        QVERIFY(ends(job));
        QCOMPARE(job->state(), Job::Cancelled);
        QCOMPARE(job->done(), 1);
        QCOMPARE(job->cancelledCount(), 2);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(m_fake->requestsTo(Rooms).size(), 1);
        QCOMPARE(storedState(m_path, job->id(), 0), JobJournal::ItemState::Succeeded);
        QCOMPARE(m_queue->activeCount(), 0);
        QVERIFY(m_queue->removeJob(job->id()));
        QCOMPARE(m_queue->jobs().size(), 0);
    }

    void retryingSendsTheFailedOnesAgain()
    {
        m_fake->script(roomPath(A) + "/leave", {{403, Forbidden}});
        m_fake->script(memberPath(A), {{200, membership("join")}});
        m_fake->script(roomPath(B) + "/leave", {{200, "{}"}});
        Job *job = m_queue->leaveRooms({A, B});
        QVERIFY(ends(job));
        QCOMPARE(job->failed(), 1);
        m_fake->script(roomPath(A) + "/leave", {{200, "{}"}});
        job->retryFailed();
        QCOMPARE(job->state(), Job::Running);
        QVERIFY(ends(job));
        QCOMPARE(job->state(), Job::Finished);
        QCOMPARE(job->done(), 2);
        QCOMPARE(job->failed(), 0);
        QCOMPARE(leavesTo(A), 2);
        QCOMPARE(leavesTo(B), 1);
        QCOMPARE(job->itemList().at(0).attempts, 2);
    }

    void aRoomBusyWithAnotherActionWaitsInsteadOfFailing()
    {
        m_fake->script(roomPath(A) + "/leave",
                       {FakeHomeserver::Reply::held(200, "{}"), {200, "{}"}});
        m_fake->script(roomPath(B) + "/leave", {{200, "{}"}});
        Operation *single = m_service->leave(A); // the user's own click on the room
        // The service may delete a finished operation once another one targets the room: read
        // its final state when it ends.
        Operation::State singleEnd = Operation::Queued;
        connect(single, &Operation::finished, this,
                [&singleEnd, single] { singleEnd = single->state(); });
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 1; }, 5000));
        Job *job = m_queue->leaveRooms({A, B});
        QVERIFY(QTest::qWaitFor([&] { return leavesTo(B) == 1; }, 5000));
        QCOMPARE(leavesTo(A), 1); // only the single action's
        QVERIFY(m_fake->release(roomPath(A)));
        QVERIFY(ends(job));
        QCOMPARE(singleEnd, Operation::Succeeded);
        QCOMPARE(job->done(), 2);
        QCOMPARE(leavesTo(A), 2);
    }

    void aJobFoundAfterACrashChecksBeforeSendingAgain_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("serverSays");
        QTest::addColumn<int>("leavesToA");
        QTest::addColumn<int>("forgetsOfA");
        QTest::newRow("left already: not sent again")
            << QStringLiteral("leave") << QByteArray("leave") << 0 << 0;
        QTest::newRow("still joined: sent once")
            << QStringLiteral("leave") << QByteArray("join") << 1 << 0;
        QTest::newRow("leave and forget, left already: only the forget")
            << QStringLiteral("leave_and_forget") << QByteArray("leave") << 0 << 1;
    }
    void aJobFoundAfterACrashChecksBeforeSendingAgain()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, serverSays);
        QFETCH(int, leavesToA);
        QFETCH(int, forgetsOfA);
        // The journal as a killed process left it: A sent (no answer recorded), B pending,
        // C done.
        QString jobId;
        {
            JobJournal journal(QStringLiteral("crashed"));
            QVERIFY(journal.open(m_path));
            JobJournal::Job record;
            record.id = jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            record.kind = kind;
            record.title = QStringLiteral("Leave 3 rooms");
            QList<JobJournal::Item> items;
            for (const QString &roomId : {A, B, C}) {
                Operation::Description d;
                d.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                d.kind = *Operation::kindFromName(kind);
                d.target = roomId;
                JobJournal::Item item;
                item.description = d.toJson();
                items << item;
            }
            QVERIFY(journal.createJob(record, items));
            QVERIFY(journal.markSent(jobId, 0, 0));
            QVERIFY(journal.markSent(jobId, 2, 0));
            QVERIFY(journal.setItemState(jobId, 2, JobJournal::ItemState::Succeeded, {}, 1));
        }
        m_fake->script(memberPath(A), {{200, membership(serverSays.constData())}});
        m_fake->script(Rooms, {{200, "{}"}});
        // A new instance (the relaunch) finds it.
        m_queue = std::make_unique<JobQueue>(m_api.get(), m_service.get());
        QVERIFY(m_queue->open(m_path));
        const QList<Job *> restored = m_queue->restore();
        QCOMPARE(restored.size(), 1);
        Job *job = restored.first();
        QVERIFY(job->restored());
        QCOMPARE(job->id(), jobId);
        QCOMPARE(job->done(), 1);
        QVERIFY(ends(job));
        QCOMPARE(job->state(), Job::Finished);
        QCOMPARE(job->done(), 3);
        // The check came first, and nothing was done twice.
        QVERIFY(!m_fake->requests().isEmpty());
        QCOMPARE(m_fake->requests().first().rawPath, memberPath(A));
        QCOMPARE(m_fake->requests().first().method, QByteArray("GET"));
        QCOMPARE(leavesTo(A), leavesToA);
        QCOMPARE(int(m_fake->requestsTo(roomPath(A) + "/forget").size()), forgetsOfA);
        QCOMPARE(leavesTo(B), 1);
        QCOMPARE(leavesTo(C), 0);
        QCOMPARE(int(m_fake->requestsTo(roomPath(C)).size()), 0);
        JobJournal reader(QStringLiteral("relaunched"));
        QVERIFY(reader.open(m_path));
        QCOMPARE(reader.job(jobId)->state, JobJournal::JobState::Finished);
        QCOMPARE(reader.job(jobId)->counts.succeeded, 3);
        QCOMPARE(reader.jobs(true).size(), 0);
    }

    void aJobThatCannotBeSavedIsRefusedWithNothingSent()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        m_queue->setBusyTimeoutMs(100);
        QVERIFY(m_queue->open(m_path));
        QSqlDatabase other =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        other.setDatabaseName(m_path);
        QVERIFY(other.open());
        {
            QSqlQuery q(other);
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO meta VALUES ('x', 'y')")));
            QSignalSpy lastError(m_queue.get(), &JobQueue::lastErrorChanged);
            QString error;
            QVERIFY(!m_queue->leaveRooms({A, B}));
            error = m_queue->lastError();
            QVERIFY2(error.contains(QLatin1String("could not be saved")), qPrintable(error));
            QCOMPARE(lastError.size(), 1);
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        }
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        QCOMPARE(m_queue->jobs().size(), 0);
        QTest::qWait(200); // a window in which a started job would have sent its first leave
        QCOMPARE(m_fake->requests().size(), 0);

        // A queue whose journal is not open refuses too.
        JobQueue closed(m_api.get(), m_service.get());
        QVERIFY(!closed.leaveRooms({A}));
        QVERIFY(!closed.lastError().isEmpty());
        // So does a list with nothing that can be sent.
        QVERIFY(!m_queue->leaveRooms({QStringLiteral("not a room")}));
        QVERIFY2(m_queue->lastError().contains(QLatin1String("Nothing can be sent")),
                 qPrintable(m_queue->lastError()));
        QTest::qWait(100);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void invalidItemsAreReportedWithoutBeingSent()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        Job *job =
            m_queue->inviteUsers(A, {QStringLiteral("@ann:localhost"), QStringLiteral("not-a-user"),
                                     QStringLiteral("@ann:localhost")});
        QVERIFY(job);
        QCOMPARE(job->total(), 2);
        QCOMPARE(job->failed(), 1);
        QVERIFY(ends(job));
        QCOMPARE(job->done(), 1);
        QCOMPARE(job->itemList().at(1).error.kind, MatrixError::InvalidInput);
        QCOMPARE(m_fake->requestsTo(roomPath(A) + "/invite").size(), 1);
    }

    void closingKeepsTheItemInFlightToBeCheckedNextTime()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        m_fake->script(roomPath(A) + "/leave", {FakeHomeserver::Reply::held(200, "{}")});
        Job *job = m_queue->leaveRooms({A, B});
        const QString id = job->id();
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 1; }, 5000));
        m_queue->close(); // sign-out of this account, or quitting
        QCOMPARE(m_queue->jobs().size(), 0);
        QVERIFY(m_fake->release(roomPath(A)));
        JobJournal reader(QStringLiteral("closed"));
        QVERIFY(reader.open(m_path));
        QCOMPARE(reader.items(id).at(0).state, JobJournal::ItemState::Sent);
        QCOMPARE(reader.items(id).at(1).state, JobJournal::ItemState::Pending);
        QCOMPARE(reader.jobs(true).size(), 1);
    }

    void anotherProcessRunningTheAccountsJobsIsRefused()
    {
        // m_queue (init) holds the account's lock, as a running GUI or CLI would. A second queue
        // on the same store, in this process or another live one, must not run the same jobs.
        JobQueue second(m_api.get(), m_service.get());
        QString error;
        QVERIFY(!second.open(m_path, &error));
        QVERIFY(!second.isOpen());
        QVERIFY2(error.startsWith(
                     QStringLiteral("Another Concierge is running this account's jobs (pid %1")
                         .arg(QCoreApplication::applicationPid())),
                 qPrintable(error));
        QCOMPARE(second.lastError(), error);
        // Nothing can be started through it, and nothing is sent.
        QVERIFY(!second.leaveRooms({A}));
        QCOMPARE(leavesTo(A), 0);
        QVERIFY(second.storedJobs().isEmpty());
        // Once the holder closes (quits, signs out), the lock file is gone and it can.
        m_queue->close();
        QVERIFY(!QFileInfo::exists(JobQueue::lockPathFor(m_path)));
        QVERIFY2(second.open(m_path, &error), qPrintable(error));
        QVERIFY(QFileInfo::exists(JobQueue::lockPathFor(m_path)));
        QVERIFY(!m_queue->open(m_path, &error));
        second.close();
        QVERIFY2(m_queue->open(m_path, &error), qPrintable(error));
    }

    void aLockLeftByAProcessThatDiedIsTakenOver()
    {
        m_queue->close();
        // A lock file as a process killed with -9 leaves it: its PID no longer runs.
        QProcess gone;
        gone.start(QStringLiteral("/bin/true"));
        QVERIFY(gone.waitForStarted());
        const qint64 pid = gone.processId();
        QVERIFY(gone.waitForFinished());
        QFile lock(JobQueue::lockPathFor(m_path));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(pid) + "\nconcierge-cli\n" +
                   QSysInfo::machineHostName().toUtf8() + "\n" + QSysInfo::machineUniqueId() +
                   "\n" + QSysInfo::bootUniqueId() + "\n");
        lock.close();
        // Old enough for any age rule, which must not matter: only whether its process runs.
        QString error;
        QVERIFY2(m_queue->open(m_path, &error), qPrintable(error));
        QLockFile reader(JobQueue::lockPathFor(m_path));
        qint64 holder = 0;
        QVERIFY(reader.getLockInfo(&holder, nullptr, nullptr));
        QCOMPARE(holder, QCoreApplication::applicationPid());
    }

    void anEndedJobCanBeListedLoadedAndRetriedAfterARestart()
    {
        m_fake->script(roomPath(A) + "/leave", {{403, Forbidden}});
        m_fake->script(memberPath(A), {{200, membership("join")}});
        m_fake->script(roomPath(B) + "/leave", {{200, "{}"}});
        Job *job = m_queue->leaveRooms({A, B});
        QVERIFY(ends(job));
        const QString id = job->id();
        m_queue->close();
        QString error;
        QVERIFY2(m_queue->open(m_path, &error), qPrintable(error));
        QCOMPARE(m_queue->restore(true).size(), 0);                  // ended: not restored…
        const QList<JobJournal::Job> stored = m_queue->storedJobs(); // …but listed
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.at(0).id, id);
        QCOMPARE(stored.at(0).state, JobJournal::JobState::Finished);
        QCOMPARE(stored.at(0).counts.failed, 1);
        QCOMPARE(stored.at(0).counts.succeeded, 1);
        QVERIFY(!m_queue->load(QStringLiteral("no-such-job")));
        Job *loaded = m_queue->load(id);
        QVERIFY(loaded);
        QCOMPARE(loaded->state(), Job::Finished);
        QCOMPARE(loaded->failed(), 1);
        QCOMPARE(m_queue->load(id), loaded);
        m_fake->script(roomPath(A) + "/leave", {{200, "{}"}});
        loaded->retryFailed();
        QVERIFY(ends(loaded));
        QCOMPARE(loaded->done(), 2);
        QCOMPARE(leavesTo(A), 2);
        QCOMPARE(leavesTo(B), 1);
    }

    void aJobRestoredPausedWaitsForResumeAndStaysRunningOnDisk()
    {
        m_fake->script(Rooms, {{200, "{}"}});
        m_fake->script(roomPath(A) + "/leave", {FakeHomeserver::Reply::held(200, "{}")});
        Job *job = m_queue->leaveRooms({A, B});
        const QString id = job->id();
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 1; }, 5000));
        m_queue->close(); // killed with the leave of A in flight
        QVERIFY(m_fake->release(roomPath(A)));
        QString error;
        QVERIFY2(m_queue->open(m_path, &error), qPrintable(error));
        // The CLI restores paused: only the job it is told to resume runs.
        const QList<Job *> restored = m_queue->restore(true);
        QCOMPARE(restored.size(), 1);
        QCOMPARE(restored.first()->state(), Job::Paused);
        // The journal still says running: the desktop app, restoring normally, would continue it.
        JobJournal reader(QStringLiteral("restored-paused"));
        QVERIFY(reader.open(m_path));
        QCOMPARE(reader.job(id)->state, JobJournal::JobState::Running);
        const int before = int(m_fake->requests().size());
        QTest::qWait(100); // a paused job sends nothing (not even its check) in the meantime
        QCOMPARE(int(m_fake->requests().size()), before);
        m_fake->script(memberPath(A), {{200, membership("leave")}});
        restored.first()->resume();
        QVERIFY(ends(restored.first()));
        QCOMPARE(restored.first()->done(), 2);
        QCOMPARE(leavesTo(A), 1); // found left: not sent again
        QCOMPARE(leavesTo(B), 1);
    }

    // --- Ban everywhere ---
    // One Ban item per room, one reason for all; a ban refused because they are banned already
    // counts as done (the server is asked).
    void aBanJobSendsOneBanPerRoomWithTheReason()
    {
        const QString spammer = QStringLiteral("@spam:evil.org");
        m_fake->script(roomPath(A) + "/ban", {{200, "{}"}});
        m_fake->script(roomPath(B) + "/ban", {{403, Forbidden}});
        m_fake->script(memberPath(B, spammer), {{200, membership("ban")}});
        m_fake->script(roomPath(C) + "/ban", {{403, Forbidden}});
        m_fake->script(memberPath(C, spammer), {{200, membership("join")}});
        Job *job = m_queue->banInRooms({A, B, C}, spammer, QStringLiteral("spam"));
        QVERIFY(job);
        QCOMPARE(job->kind(), QStringLiteral("ban"));
        QCOMPARE(job->title(), QStringLiteral("Ban @spam:evil.org from 3 room(s)"));
        QVERIFY(ends(job));
        QCOMPARE(job->state(), Job::Finished);
        QCOMPARE(job->done(), 2);
        QCOMPARE(job->failed(), 1);
        QVERIFY(!job->itemList().at(0).alreadyDone());
        QVERIFY(job->itemList().at(1).alreadyDone());
        QCOMPARE(job->itemList().at(2).error.errcode, QStringLiteral("M_FORBIDDEN"));
        for (const QString &room : {A, B, C}) {
            const auto bans = m_fake->requestsTo(roomPath(room) + "/ban");
            QCOMPARE(bans.size(), 1);
            QCOMPARE(bans.first().method, QByteArray("POST"));
            const QJsonObject body = QJsonDocument::fromJson(bans.first().body).object();
            QCOMPARE(body.value(QStringLiteral("user_id")).toString(), spammer);
            QCOMPARE(body.value(QStringLiteral("reason")).toString(), QStringLiteral("spam"));
        }
        const QVariantMap last = job->results().at(2).toMap();
        QCOMPARE(last.value(QStringLiteral("kind")).toString(), QStringLiteral("ban"));
        QCOMPARE(last.value(QStringLiteral("userId")).toString(), spammer);
    }

    // The journal keeps a ban job whole (kind, person, reason): a relaunch after a crash finds
    // it, checks the ban that was in flight before sending it again, and bans in the rest.
    void aBanJobSurvivesACrashAndResumes()
    {
        const QString spammer = QStringLiteral("@spam:evil.org");
        m_fake->script(roomPath(A) + "/ban", {{200, "{}"}});
        m_fake->script(roomPath(B) + "/ban", {FakeHomeserver::Reply::held(200, "{}")});
        m_fake->script(roomPath(C) + "/ban", {{200, "{}"}});
        Job *job = m_queue->banInRooms({A, B, C}, spammer, QStringLiteral("spam"));
        QVERIFY(job);
        const QString id = job->id();
        const QString title = job->title();
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 1; }, 5000));
        // The process dies with B's ban on its way (its answer never recorded).
        m_queue.reset();
        m_service->cancelAll(QStringLiteral("crash"));
        QCOMPARE(storedState(m_path, id, 0), JobJournal::ItemState::Succeeded);
        QCOMPARE(storedState(m_path, id, 1), JobJournal::ItemState::Sent);
        QCOMPARE(storedState(m_path, id, 2), JobJournal::ItemState::Pending);
        m_fake->script(memberPath(B, spammer), {{200, membership("ban")}});
        m_fake->clear();

        m_queue = std::make_unique<JobQueue>(m_api.get(), m_service.get());
        QVERIFY(m_queue->open(m_path));
        const QList<Job *> restored = m_queue->restore();
        QCOMPARE(restored.size(), 1);
        Job *again = restored.first();
        QCOMPARE(again->id(), id);
        QCOMPARE(again->kind(), QStringLiteral("ban"));
        QCOMPARE(again->title(), title);
        QCOMPARE(again->total(), 3);
        for (const Job::Item &item : again->itemList()) {
            QCOMPARE(item.description.kind, Operation::Ban);
            QCOMPARE(item.description.userId, spammer);
            QCOMPARE(item.description.reason, QStringLiteral("spam"));
        }
        QCOMPARE(again->itemList().at(1).description.target, B);
        QVERIFY(ends(again));
        QCOMPARE(again->state(), Job::Finished);
        QCOMPARE(again->done(), 3);
        // B was asked about, not banned twice; C banned once; A left alone.
        QCOMPARE(m_fake->requestsTo(memberPath(B, spammer)).size(), 1);
        QCOMPARE(m_fake->requestsTo(roomPath(B) + "/ban").size(), 0);
        QCOMPARE(m_fake->requestsTo(roomPath(C) + "/ban").size(), 1);
        QCOMPARE(m_fake->requestsTo(roomPath(A)).size(), 0);
        QCOMPARE(QJsonDocument::fromJson(m_fake->requestsTo(roomPath(C) + "/ban").first().body)
                     .object()
                     .value(QStringLiteral("reason"))
                     .toString(),
                 QStringLiteral("spam"));
    }
};

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_jobqueue.moc"
