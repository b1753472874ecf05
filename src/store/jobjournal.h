#pragma once

// Layer store/: the bulk queue's journal. Every job (a bulk action: leave 500 rooms, invite a
// list of people) and each of its items is kept in the account's database (the AccountStore
// file, schema 3) so that a job survives quitting, a crash and kill -9:
// - the whole job is written in one transaction before its first request is sent;
// - an item is marked `sent` before its request goes out and gets its final state after, so an
//   item found in `sent` at the next launch has an unknown outcome and must be checked against
//   the server before it is sent again.
// Writes are synchronous (the caller knows the state is on disk when a call returns true) and
// durable against a crash (synchronous=FULL on this connection). The journal has a connection
// of its own on the caller's thread; the StoreWriter thread writes the same file: SQLite's WAL
// allows one writer at a time, and a busy timeout makes each wait for the other.

#include "api/matrixerror.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

class AccountStore;

class JobJournal
{
public:
    enum class JobState { Running, Paused, Cancelled, Finished };
    enum class ItemState {
        Pending,   // not sent yet
        Sent,      // its request may have gone out: the outcome is not recorded yet
        Succeeded, // done (or found done already: then error holds the server's answer)
        Failed,    // error says why
        Cancelled, // not sent: the job was cancelled
        Unknown,   // sent, and whether it took effect could not be found out
    };

    struct Counts
    {
        int pending = 0;
        int sent = 0;
        int succeeded = 0;
        int failed = 0;
        int cancelled = 0;
        int unknown = 0;
        int total() const { return pending + sent + succeeded + failed + cancelled + unknown; }
    };

    struct Job
    {
        QString id;    // a UUID
        QString kind;  // what the job does, e.g. "leave" (Operation::kindName), for listing
        QString title; // how the UI names it: "Leave 25 rooms"
        qint64 createdMs = 0;
        JobState state = JobState::Running;
        qint64 paceMs = 0; // the interval between requests learned from the server's rate limit
        qint64 updatedMs = 0;
        Counts counts; // filled by jobs() and job()
    };

    struct Item
    {
        int position = 0;        // 0-based order within the job
        QJsonObject description; // Operation::Description::toJson()
        ItemState state = ItemState::Pending;
        MatrixError error; // kind, errcode, message, httpStatus are kept
        int attempts = 0;  // how many times its request was sent
        qint64 updatedMs = 0;
    };

    // connectionName: unique per journal (one Qt SQL connection).
    explicit JobJournal(QString connectionName);
    ~JobJournal();
    JobJournal(const JobJournal &) = delete;
    JobJournal &operator=(const JobJournal &) = delete;

    // Opens (migrating) the account's store file at path. False, with *error, when the journal
    // cannot be kept on disk there (then no job may be started: it would not survive).
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const;
    void close();
    QString path() const;
    // Takes effect at the next open(); tests shorten it.
    void setBusyTimeoutMs(int ms);

    // Writes the job and all its items in one transaction (each item's state, error and
    // attempts as given — Pending, or Failed for one refused before anything was sent; positions
    // are assigned in order). False (with *error, and nothing written) when it could not be
    // stored.
    bool createJob(const Job &job, const QList<Item> &items, QString *error = nullptr);
    bool setJobState(const QString &jobId, JobState state);
    bool setPace(const QString &jobId, qint64 paceMs);
    // The item's request is about to be sent (for the attempts-th time).
    bool markSent(const QString &jobId, int position, int attempts);
    // The item's final state (or Pending again after a refusal that sent nothing).
    bool setItemState(const QString &jobId, int position, ItemState state,
                      const MatrixError &error = {}, int attempts = -1);
    // Cancels the job: its state and every Pending item's, in one transaction. Items in Sent
    // stay so (in flight: their outcome is still to be recorded).
    bool cancelJob(const QString &jobId);
    // Failed items become Pending again and Unknown ones Sent (checked before being re-sent);
    // the job Running. One transaction.
    bool retryFailed(const QString &jobId);
    // Deletes the job and its items (the user cleared it from the list).
    bool removeJob(const QString &jobId);

    // Every job, oldest first; unfinishedOnly: those still to run (Running, Paused) and those
    // with an item in Sent (an outcome to find out).
    QList<Job> jobs(bool unfinishedOnly = false) const;
    std::optional<Job> job(const QString &jobId) const;
    QList<Item> items(const QString &jobId) const;

    // "running", "paused", … as stored.
    static QString jobStateName(JobState state);
    static QString itemStateName(ItemState state);
    static std::optional<JobState> jobStateFromName(QStringView name);
    static std::optional<ItemState> itemStateFromName(QStringView name);

private:
    bool exec(const QString &sql, const QList<QVariant> &values);
    bool begin();
    bool commit();
    void rollback();
    Counts counts(const QString &jobId) const;

    std::unique_ptr<AccountStore> m_store;
    QString m_lastError;
};
