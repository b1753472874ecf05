#pragma once

// Layer actions/: the bulk queue (issue 11). A Job is one bulk action (leave 25 rooms, invite a
// list of people to a room) made of items, each an Operation::Description run through
// MembershipService. The JobQueue keeps every job in the account's journal (store/jobjournal.h)
// before its first request, runs one membership request at a time per account, waits out 429s
// exactly as told and learns the server's pace from them, and resumes jobs at the next launch,
// checking any item whose outcome was unknown before sending it again.

#include "actions/operation.h"
#include "api/matrixerror.h"
#include "store/jobjournal.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQmlListProperty>
#include <QStringList>
#include <QVariantList>
#include <QtQmlIntegration/qqmlintegration.h>
#include <memory>
#include <optional>

class ApiClient;
class Job;
class JobJournal;
class QLockFile;
class JobQueue;
class MembershipService;
class QTimer;

// One row per item of a job, in order, for the jobs panel.
class JobItemModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("A job's items come with the job")
public:
    enum Role {
        TargetRole = Qt::UserRole + 1, // "!room:server"
        TargetNameRole,                // how the room list names it (or the ID)
        UserIdRole,                    // an invite's invitee
        KindRole,                      // Operation::Kind
        StateRole,                     // Job::ItemState
        AlreadyDoneRole,               // succeeded because the server said it was done already
        ErrorRole,                     // the exact error (MatrixError::summary), or empty
        ResultTextRole,                // "Left", "Failed: M_FORBIDDEN: … (HTTP 403)", …
        AttemptsRole,
    };
    Q_ENUM(Role)
    explicit JobItemModel(Job *job);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    friend class Job;
    Job *m_job;
};

class Job : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Jobs are created by JobQueue")
    Q_PROPERTY(QString id READ id CONSTANT)
    Q_PROPERTY(QString title READ title CONSTANT)
    Q_PROPERTY(QString kind READ kind CONSTANT) // Operation::kindName of its items, or "mixed"
    Q_PROPERTY(QDateTime created READ created CONSTANT)
    // When this run created or restored it (for "tell me when a job that ran over a minute ends").
    Q_PROPERTY(QDateTime startedAt READ startedAt CONSTANT)
    // Loaded from the journal at launch (not started in this run): the banner shows these.
    Q_PROPERTY(bool restored READ restored CONSTANT)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool active READ isActive NOTIFY stateChanged)
    Q_PROPERTY(int total READ total CONSTANT)
    Q_PROPERTY(int done READ done NOTIFY progressChanged)
    Q_PROPERTY(int failed READ failed NOTIFY progressChanged)
    Q_PROPERTY(int unknown READ unknown NOTIFY progressChanged)
    Q_PROPERTY(int cancelledCount READ cancelledCount NOTIFY progressChanged)
    Q_PROPERTY(int remaining READ remaining NOTIFY progressChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged) // 0…1
    // Seconds left at the observed pace; -1 while it cannot be told yet.
    Q_PROPERTY(int etaSeconds READ etaSeconds NOTIFY progressChanged)
    // The interval between requests learned from the server's rate limit (0: none learned).
    Q_PROPERTY(qint64 paceMs READ paceMs NOTIFY progressChanged)
    // When the next request may go out, while the job waits for the server's pace or a 429.
    Q_PROPERTY(QDateTime waitingUntil READ waitingUntil NOTIFY progressChanged)
    // The item on its way (its statusText says "waiting 5 s (server rate limit)"), or null.
    Q_PROPERTY(Operation *currentOperation READ currentOperation NOTIFY progressChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY progressChanged)
    // Why the job stopped by itself (its journal could not be written), or empty.
    Q_PROPERTY(QString problem READ problem NOTIFY progressChanged)
    Q_PROPERTY(JobItemModel *items READ itemModel CONSTANT)
    // One map per item: target, targetName, userId, kind, state, alreadyDone, error, errcode,
    // httpStatus, attempts (the CLI's --json and scripts).
    Q_PROPERTY(QVariantList results READ results NOTIFY progressChanged)

public:
    enum State {
        Running,
        Pausing,    // pause() with an item in flight: it finishes, nothing new starts
        Paused,     // resume() continues it
        Cancelling, // cancel() with an item in flight: it finishes, the rest is cancelled
        Cancelled,
        Finished, // every item ended (succeeded, failed or unknown)
    };
    Q_ENUM(State)
    enum ItemState {
        ItemPending,
        ItemSent, // in flight, or (after a restart) an outcome to check
        ItemSucceeded,
        ItemFailed,
        ItemCancelled,
        ItemUnknown,
    };
    Q_ENUM(ItemState)

    struct Item
    {
        Operation::Description description;
        ItemState state = ItemPending;
        MatrixError error; // why it failed; for a success: the server's "already done" answer
        int attempts = 0;
        int refusals = 0;        // refused by MembershipService without sending (not persisted)
        bool forgetOnly = false; // a leave-and-forget found left: only the forget is to send
        bool alreadyDone() const { return state == ItemSucceeded && error.isError(); }
    };

    QString id() const { return m_id; }
    QString title() const { return m_title; }
    QString kind() const { return m_kind; }
    QDateTime created() const { return m_created; }
    QDateTime startedAt() const { return m_startedAt; }
    bool restored() const { return m_restored; }
    State state() const { return m_state; }
    bool isActive() const { return m_state != Cancelled && m_state != Finished; }
    int total() const { return int(m_items.size()); }
    int done() const;
    int failed() const;
    int unknown() const;
    int cancelledCount() const;
    int remaining() const;
    double progress() const;
    int etaSeconds() const;
    qint64 paceMs() const { return m_paceMs; }
    QDateTime waitingUntil() const { return m_waitingUntil; }
    Operation *currentOperation() const { return m_current; }
    QString statusText() const;
    QString problem() const { return m_problem; }
    JobItemModel *itemModel() const { return m_model; }
    QVariantList results() const;
    const QList<Item> &itemList() const { return m_items; }
    static QString resultText(const Item &item);

    // What is in flight finishes; nothing new starts. Written to the journal at once.
    Q_INVOKABLE void pause();
    Q_INVOKABLE void resume();
    // What is in flight finishes; every item not sent yet is cancelled (and reported so).
    Q_INVOKABLE void cancel();
    // Failed items are sent again; items with an unknown outcome are checked first.
    Q_INVOKABLE void retryFailed();

signals:
    void stateChanged();
    void progressChanged();
    // Once each time the job ends (Finished or Cancelled).
    void finished();

private:
    friend class JobQueue;
    friend class JobItemModel;
    Job(JobQueue *queue, QString id, QString title, QString kind, QDateTime created,
        QList<Item> items, bool restored);
    void setState(State state);
    void itemChanged(int position);
    void notifyProgress();
    int count(ItemState state) const;

    JobQueue *m_queue;
    QString m_id;
    QString m_title;
    QString m_kind;
    QDateTime m_created;
    QDateTime m_startedAt = QDateTime::currentDateTimeUtc();
    QList<Item> m_items;
    bool m_restored;
    State m_state = Running;
    qint64 m_paceMs = 0;
    QDateTime m_waitingUntil;
    QPointer<Operation> m_current;
    QString m_problem;
    qint64 m_lastCompletionMs = -1; // ApiClient clock
    double m_averageItemMs = -1;    // between completions, as observed in this run
    JobItemModel *m_model;
};

class JobQueue : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("JobQueue is created by the application")
    // Oldest first: the jobs of this run and those restored at launch (not the cleared ones).
    Q_PROPERTY(QQmlListProperty<Job> jobs READ jobListProperty NOTIFY jobsChanged)
    // Jobs running, paused or being cancelled (the banner, the quit confirmation).
    Q_PROPERTY(int activeCount READ activeCount NOTIFY activeCountChanged)
    Q_PROPERTY(bool isOpen READ isOpen NOTIFY openChanged)
    // Why the last job was refused (nothing was sent), or empty.
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    JobQueue(ApiClient *api, MembershipService *membership, QObject *parent = nullptr);
    ~JobQueue() override;

    // Opens the journal in the account's store file (AccountStore::path; the same database).
    // Until then (or when it fails) every job is refused: a job that is not on disk would not
    // survive a restart.
    //
    // Only one process at a time runs an account's jobs (two would send everything twice): open()
    // takes a lock file beside the store (lockPathFor) and fails, with lastError() naming the
    // process, while another live process holds it. A lock left by a process that died (kill -9,
    // a crash, a reboot) is taken over. close() releases it.
    bool open(const QString &storePath, QString *error = nullptr);
    static QString lockPathFor(const QString &storePath);
    bool isOpen() const;
    // Stops the queue (sign-out, another account): nothing more is sent or recorded. An item in
    // flight stays `sent` in the journal and is checked at the next restore(). Jobs are
    // dropped from jobs(). Call before MembershipService::cancelAll and before the store file
    // is deleted.
    void close();
    // Loads the journal's unfinished jobs (not already loaded) and continues them: running ones
    // run (or, when startPaused, wait for resume() in this run, still running in the journal),
    // paused ones wait for resume(); items whose outcome is unknown are checked before anything
    // is sent again. Returns the jobs loaded.
    QList<Job *> restore(bool startPaused = false);
    // One job of the journal by ID, loaded if it is not (whatever its state: an ended job can be
    // retried); a running one is loaded paused when startPaused. Null when there is none.
    Job *load(const QString &id, bool startPaused = true);
    // Every job in the journal, oldest first, with its counts (the CLI's `jobs`): also the ended
    // ones that restore() does not load. Empty when the journal is not open.
    QList<JobJournal::Job> storedJobs() const;

    // A job of the given items, written to the journal with all its items before anything is
    // sent, then started. Exact repeats are dropped; items that cannot be sent (invalid
    // identifiers) are recorded as failed without sending. Null (and lastError(), *error set)
    // when the job cannot be stored or has nothing to do: then nothing is sent.
    Job *submit(const QString &title, QList<Operation::Description> items,
                QString *error = nullptr);
    Q_INVOKABLE Job *leaveRooms(const QStringList &roomIds, const QString &reason = {},
                                bool alsoForget = false, const QString &title = {});
    Q_INVOKABLE Job *forgetRooms(const QStringList &roomIds, const QString &title = {});
    // Join (accept the invites of) the rooms.
    Q_INVOKABLE Job *joinRooms(const QStringList &roomIds, const QString &title = {});
    Q_INVOKABLE Job *inviteToRooms(const QStringList &roomIds, const QString &userId,
                                   const QString &reason = {}, const QString &title = {});
    Q_INVOKABLE Job *inviteUsers(const QString &roomId, const QStringList &userIds,
                                 const QString &reason = {}, const QString &title = {});
    // Ban userId from each room (issue 12, "ban everywhere"): one Ban item per room, with one
    // reason for all. A ban the server refuses although they are banned already counts as done.
    Q_INVOKABLE Job *banInRooms(const QStringList &roomIds, const QString &userId,
                                const QString &reason = {}, const QString &title = {});

    QList<Job *> jobs() const;
    QQmlListProperty<Job> jobListProperty();
    Q_INVOKABLE Job *job(const QString &id) const;
    int activeCount() const;
    // Clears an ended job from the list and the journal; false for an active one.
    Q_INVOKABLE bool removeJob(const QString &id);
    QString lastError() const { return m_lastError; }
    // How long a job of itemCount membership changes should take, in seconds: at the pace
    // learned from this server, or else at Synapse's default limit (a burst of 10, then one every
    // 5 s). For the confirmation dialog.
    Q_INVOKABLE int estimateSeconds(int itemCount) const;
    // The learned interval between membership requests (0: none learned).
    qint64 paceMs() const { return m_paceMs; }
    // Tests: how long a write waits for the store's other writer (next open()).
    void setBusyTimeoutMs(int ms) { m_busyTimeoutMs = ms; }

signals:
    void jobsChanged();
    void jobAdded(Job *job);
    // A job ended (Finished or Cancelled).
    void jobFinished(Job *job);
    void activeCountChanged();
    void openChanged();
    void lastErrorChanged();

private:
    friend class Job;
    enum class Phase {
        Send,            // the item's own request
        CheckFirst,      // its outcome was unknown (a restart): is it done already?
        VerifyRefusal,   // the server refused: is it done already ("already left")?
        ForgetAfterLeft, // leave-and-forget whose leave is done: the forget alone
    };
    struct Current
    {
        QPointer<Job> job;
        int position = -1;
        Phase phase = Phase::Send;
        QPointer<Operation> operation;
        MatrixError refusal; // VerifyRefusal: the server's answer being verified
        int attemptsBefore = 0;
    };

    Job *loadRecord(const JobJournal::Job &record, bool startPaused);
    Job *addJob(const QString &id, const QString &title, const QString &kind,
                const QDateTime &created, QList<Job::Item> items, bool restored);
    Job *refuse(const QString &why, QString *error);
    void schedulePump(qint64 delayMs = 0);
    void pump();
    // The next item of job to work on: one with an unknown outcome first, then a pending one.
    std::optional<int> nextItem(Job *job, bool *blocked) const;
    bool startItem(Job *job, int position);
    bool startOperation(Job *job, int position, Phase phase, const Operation::Description &d,
                        bool sends);
    void onOperationFinished();
    void finishItem(Job *job, int position, Job::ItemState state, const MatrixError &error,
                    int attempts);
    void returnToPending(Job *job, int position);
    void checkJobEnded(Job *job);
    void pauseJob(Job *job);
    void resumeJob(Job *job);
    void cancelJob(Job *job);
    void retryJob(Job *job);
    void onBucketSent(const QByteArray &bucket, qint64 atMs);
    void onBucketRateLimited(const QByteArray &bucket, qint64 sentAtMs, qint64 waitMs);
    void learnPace(qint64 paceMs);
    void setLastError(const QString &error);
    void updateActiveCount();

    ApiClient *m_api;
    MembershipService *m_membership;
    std::unique_ptr<JobJournal> m_journal;
    std::unique_ptr<QLockFile> m_lock; // held while the journal is open
    int m_busyTimeoutMs = -1;
    QList<Job *> m_jobs;
    std::optional<Current> m_current;
    QTimer *m_wake;
    bool m_pumpQueued = false;
    QString m_lastError;
    int m_activeCount = 0;
    // Pacing (ApiClient clock, ms).
    qint64 m_paceMs = 0;
    bool m_pacing = false;       // a 429 was met since the queue last ran idle
    bool m_paceMeasured = false; // m_paceMs comes from two 429s, not from one wait
    qint64 m_lastSendMs = -1;
    qint64 m_lastAllowedMs = -1; // when the last 429 said the next request would be allowed
    int m_sendsSinceLimit = 0;
};
