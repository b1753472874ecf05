// The bulk queue's journal (issue 11): jobs and their items in the account's database — written
// whole before anything is sent, states that survive a reopen, what restore() reads back, and
// what happens when the database cannot be written (the job is refused, nothing half-written).
#include "store/accountstore.h"
#include "store/jobjournal.h"
#include "store/storewriter.h"

#include <QFile>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

namespace {
QJsonObject leave(const QString &roomId)
{
    return {{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {QStringLiteral("kind"), QStringLiteral("leave")},
            {QStringLiteral("target"), roomId}};
}

JobJournal::Job newJob(const QString &title = QStringLiteral("Leave 3 rooms"))
{
    JobJournal::Job job;
    job.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.kind = QStringLiteral("leave");
    job.title = title;
    return job;
}

QList<JobJournal::Item> pending(const QStringList &roomIds)
{
    QList<JobJournal::Item> items;
    for (const QString &roomId : roomIds) {
        JobJournal::Item item;
        item.description = leave(roomId);
        items.append(item);
    }
    return items;
}

const QStringList Rooms{QStringLiteral("!a:x"), QStringLiteral("!b:x"), QStringLiteral("!c:x")};
} // namespace

class TestJobJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name = QStringLiteral("store.sqlite")) const
    {
        return m_dir.filePath(name);
    }

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void aJobIsWrittenWholeAndReadBackInOrder()
    {
        const QString file = path(QStringLiteral("whole/store.sqlite"));
        const JobJournal::Job job = newJob();
        QList<JobJournal::Item> items = pending(Rooms);
        items[2].state = JobJournal::ItemState::Failed; // refused before sending
        items[2].error = MatrixError::invalidInput(QStringLiteral("Not a room ID"));
        {
            JobJournal journal(QStringLiteral("w"));
            QVERIFY(journal.open(file));
            QString error;
            QVERIFY2(journal.createJob(job, items, &error), qPrintable(error));
        }
        JobJournal reader(QStringLiteral("r"));
        QVERIFY(reader.open(file));
        const QList<JobJournal::Job> jobs = reader.jobs();
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(jobs.first().id, job.id);
        QCOMPARE(jobs.first().title, QStringLiteral("Leave 3 rooms"));
        QCOMPARE(jobs.first().kind, QStringLiteral("leave"));
        QCOMPARE(jobs.first().state, JobJournal::JobState::Running);
        QVERIFY(jobs.first().createdMs > 0);
        QCOMPARE(jobs.first().counts.pending, 2);
        QCOMPARE(jobs.first().counts.failed, 1);
        QCOMPARE(jobs.first().counts.total(), 3);
        const QList<JobJournal::Item> back = reader.items(job.id);
        QCOMPARE(back.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(back.at(i).position, i);
            QCOMPARE(back.at(i).description, items.at(i).description);
        }
        QCOMPARE(back.at(2).state, JobJournal::ItemState::Failed);
        QCOMPARE(back.at(2).error.kind, MatrixError::InvalidInput);
        QCOMPARE(back.at(2).error.message, QStringLiteral("Not a room ID"));
    }

    void itemStatesErrorsAndPaceSurviveAReopen()
    {
        const QString file = path(QStringLiteral("states/store.sqlite"));
        const JobJournal::Job job = newJob();
        MatrixError forbidden;
        forbidden.kind = MatrixError::Server;
        forbidden.httpStatus = 403;
        forbidden.errcode = QStringLiteral("M_FORBIDDEN");
        forbidden.message = QStringLiteral("You are not allowed");
        {
            JobJournal journal(QStringLiteral("s1"));
            QVERIFY(journal.open(file));
            QVERIFY(journal.createJob(job, pending(Rooms)));
            QVERIFY(journal.markSent(job.id, 0, 0));
            QVERIFY(journal.setItemState(job.id, 0, JobJournal::ItemState::Succeeded, {}, 2));
            QVERIFY(journal.markSent(job.id, 1, 0));
            QVERIFY(journal.setItemState(job.id, 1, JobJournal::ItemState::Failed, forbidden, 1));
            QVERIFY(journal.markSent(job.id, 2, 0)); // in flight when the app was killed
            QVERIFY(journal.setPace(job.id, 5000));
            QVERIFY(!journal.markSent(job.id, 7, 0)); // no such item
        }
        JobJournal reader(QStringLiteral("s2"));
        QVERIFY(reader.open(file));
        const QList<JobJournal::Item> items = reader.items(job.id);
        QCOMPARE(items.at(0).state, JobJournal::ItemState::Succeeded);
        QCOMPARE(items.at(0).attempts, 2);
        QVERIFY(!items.at(0).error.isError());
        QCOMPARE(items.at(1).state, JobJournal::ItemState::Failed);
        QCOMPARE(items.at(1).error.summary(), forbidden.summary());
        QCOMPARE(items.at(1).error.httpStatus, 403);
        QCOMPARE(items.at(1).error.errcode, QStringLiteral("M_FORBIDDEN"));
        QCOMPARE(items.at(1).attempts, 1);
        QCOMPARE(items.at(2).state, JobJournal::ItemState::Sent);
        QCOMPARE(reader.job(job.id)->paceMs, 5000);
    }

    void unfinishedJobsAreThoseToRunOrToCheck()
    {
        JobJournal journal(QStringLiteral("u"));
        QVERIFY(journal.open(path(QStringLiteral("unfinished/store.sqlite"))));
        const JobJournal::Job running = newJob(QStringLiteral("running"));
        const JobJournal::Job paused = newJob(QStringLiteral("paused"));
        const JobJournal::Job finished = newJob(QStringLiteral("finished"));
        const JobJournal::Job cancelledInFlight = newJob(QStringLiteral("cancelled, one sent"));
        const JobJournal::Job cancelled = newJob(QStringLiteral("cancelled"));
        for (const auto &job : {running, paused, finished, cancelledInFlight, cancelled})
            QVERIFY(journal.createJob(job, pending(Rooms)));
        QVERIFY(journal.setJobState(paused.id, JobJournal::JobState::Paused));
        QVERIFY(journal.setJobState(finished.id, JobJournal::JobState::Finished));
        QVERIFY(journal.markSent(cancelledInFlight.id, 0, 0));
        QVERIFY(journal.cancelJob(cancelledInFlight.id));
        QVERIFY(journal.cancelJob(cancelled.id));

        QStringList titles;
        for (const auto &job : journal.jobs(true))
            titles << job.title;
        QCOMPARE(titles, (QStringList{QStringLiteral("running"), QStringLiteral("paused"),
                                      QStringLiteral("cancelled, one sent")}));
        QCOMPARE(journal.jobs().size(), 5);

        // Cancelling cancels what was not sent; what is in flight keeps its state.
        const auto items = journal.items(cancelledInFlight.id);
        QCOMPARE(items.at(0).state, JobJournal::ItemState::Sent);
        QCOMPARE(items.at(1).state, JobJournal::ItemState::Cancelled);
        QCOMPARE(items.at(2).state, JobJournal::ItemState::Cancelled);
        QCOMPARE(journal.job(cancelledInFlight.id)->state, JobJournal::JobState::Cancelled);

        QVERIFY(journal.removeJob(finished.id));
        QVERIFY(!journal.job(finished.id));
        QCOMPARE(journal.items(finished.id).size(), 0);
    }

    void retryingMakesFailedPendingAndUnknownToBeChecked()
    {
        JobJournal journal(QStringLiteral("retry"));
        QVERIFY(journal.open(path(QStringLiteral("retry/store.sqlite"))));
        const JobJournal::Job job = newJob();
        QVERIFY(journal.createJob(job, pending(Rooms)));
        MatrixError e;
        e.kind = MatrixError::Server;
        e.httpStatus = 403;
        QVERIFY(journal.setItemState(job.id, 0, JobJournal::ItemState::Failed, e, 1));
        QVERIFY(journal.setItemState(job.id, 1, JobJournal::ItemState::Unknown, e, 1));
        QVERIFY(journal.setItemState(job.id, 2, JobJournal::ItemState::Succeeded, {}, 1));
        QVERIFY(journal.setJobState(job.id, JobJournal::JobState::Finished));
        QVERIFY(journal.retryFailed(job.id));
        const auto items = journal.items(job.id);
        QCOMPARE(items.at(0).state, JobJournal::ItemState::Pending);
        QCOMPARE(items.at(1).state, JobJournal::ItemState::Sent);
        QCOMPARE(items.at(2).state, JobJournal::ItemState::Succeeded);
        QVERIFY(!items.at(0).error.isError());
        QCOMPARE(items.at(0).attempts, 1); // the count of sends is kept
        QCOMPARE(journal.job(job.id)->state, JobJournal::JobState::Running);
    }

    void forgettingARoomKeepsTheJobsReportOfIt()
    {
        const QString file = path(QStringLiteral("forget/store.sqlite"));
        AccountStore store(QStringLiteral("forget-store"));
        QCOMPARE(store.open(file), AccountStore::OpenResult::Created);
        RoomSummary room;
        room.roomId = Rooms.first();
        room.membership = Membership::Leave;
        room.updateDerived();
        QVERIFY(store.saveSync({room}, QStringLiteral("s1")));

        JobJournal journal(QStringLiteral("forget-journal"));
        QVERIFY(journal.open(file));
        const JobJournal::Job job = newJob();
        QVERIFY(journal.createJob(job, pending(Rooms)));
        QVERIFY(journal.setItemState(job.id, 0, JobJournal::ItemState::Succeeded));

        QVERIFY(store.removeRoom(Rooms.first()));
        QCOMPARE(store.roomCount(), 0);
        const auto items = journal.items(job.id);
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.first().description.value(QLatin1String("target")).toString(),
                 Rooms.first());
        QCOMPARE(items.first().state, JobJournal::ItemState::Succeeded);
    }

    void aLockedDatabaseRefusesTheJobWithNothingWritten()
    {
        const QString file = path(QStringLiteral("locked/store.sqlite"));
        JobJournal journal(QStringLiteral("locked"));
        journal.setBusyTimeoutMs(100);
        QVERIFY(journal.open(file));
        {
            // Another program (or a stuck writer) holds the write lock longer than the journal
            // waits.
            QSqlDatabase other =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
            other.setDatabaseName(file);
            QVERIFY(other.open());
            QSqlQuery q(other);
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO meta VALUES ('x', 'y')")));

            QString error;
            QVERIFY(!journal.createJob(newJob(), pending(Rooms), &error));
            QVERIFY2(error.contains(QLatin1String("locked"), Qt::CaseInsensitive),
                     qPrintable(error));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        QCOMPARE(journal.jobs().size(), 0);
        // Once the lock is gone, it works.
        QVERIFY(journal.createJob(newJob(), pending(Rooms)));
        QCOMPARE(journal.jobs().size(), 1);
    }

    void aLocationThatCannotBeWrittenRefusesToOpen()
    {
        QFile blocker(path(QStringLiteral("not-a-dir")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        JobJournal journal(QStringLiteral("nowhere"));
        QString error;
        QVERIFY(!journal.open(path(QStringLiteral("not-a-dir/store.sqlite")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!journal.isOpen());
        QVERIFY(!journal.createJob(newJob(), pending(Rooms), &error));
    }

    void theWriterThreadAndTheJournalWaitForEachOther()
    {
        const QString file = path(QStringLiteral("concurrent/store.sqlite"));
        StoreWriter writer;
        QSignalSpy failed(&writer, &StoreWriter::writeFailed);
        QSignalSpy opened(&writer, &StoreWriter::opened);
        writer.open(file);
        QVERIFY(opened.wait(5000));
        JobJournal journal(QStringLiteral("concurrent"));
        QVERIFY(journal.open(file));
        const JobJournal::Job job = newJob();
        QStringList many;
        for (int i = 0; i < 200; ++i)
            many << QStringLiteral("!r%1:x").arg(i);
        QVERIFY(journal.createJob(job, pending(many)));
        // Large syncs on the writer thread while the journal records item after item.
        for (int round = 0; round < 20; ++round) {
            QList<RoomSummary> rooms;
            for (int i = 0; i < 300; ++i) {
                RoomSummary room;
                room.roomId = QStringLiteral("!s%1-%2:x").arg(round).arg(i);
                room.name = QStringLiteral("Room %1").arg(i);
                room.updateDerived();
                rooms << room;
            }
            writer.saveSync(rooms, QStringLiteral("s%1").arg(round));
            for (int i = round * 10; i < round * 10 + 10; ++i) {
                QVERIFY(journal.markSent(job.id, i, 0));
                QVERIFY(journal.setItemState(job.id, i, JobJournal::ItemState::Succeeded));
            }
        }
        writer.flush();
        QCOMPARE(failed.size(), 0);
        QCOMPARE(journal.job(job.id)->counts.succeeded, 200);
        AccountStore reader(QStringLiteral("concurrent-reader"));
        QCOMPARE(reader.open(file), AccountStore::OpenResult::Opened);
        QCOMPARE(reader.roomCount(), 20 * 300);
    }
};

QTEST_GUILESS_MAIN(TestJobJournal)
#include "tst_jobjournal.moc"
