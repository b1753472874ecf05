#include "actions/jobqueue.h"

#include "actions/membershipservice.h"
#include "api/apiclient.h"
#include "store/jobjournal.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QJSEngine>
#include <QLockFile>
#include <QSet>
#include <QTimer>
#include <QUuid>
#include <algorithm>
#include <cmath>

namespace {
// A refusal that sent nothing (the room busy after all, no token) is tried again this often…
constexpr int RefusalRetryMs = 1000;
// …and this many times in a row before the item fails with it.
constexpr int MaxRefusals = 3;
// Spacing a little wider than learned (1 %, at least 10 ms) absorbs the network's jitter; far
// less than a 429 costs (Synapse holds it back half a second, then the wait).
qint64 withMargin(qint64 paceMs)
{
    return paceMs + qMax<qint64>(10, paceMs / 100);
}

JobJournal::ItemState toJournal(Job::ItemState state)
{
    return static_cast<JobJournal::ItemState>(int(state));
}

Job::ItemState fromJournal(JobJournal::ItemState state)
{
    return static_cast<Job::ItemState>(int(state));
}

QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("concierge-journal-%1").arg(counter.fetchAndAddRelaxed(1));
}

// A description that cannot be parsed (written by a newer version, or an item refused at
// submission): enough of it to name the item in the report.
Operation::Description lenientDescription(const QJsonObject &json)
{
    Operation::Description d;
    d.id = json.value(QLatin1String("id")).toString();
    d.kind = Operation::kindFromName(json.value(QLatin1String("kind")).toString())
                 .value_or(Operation::Leave);
    d.target = json.value(QLatin1String("target")).toString();
    d.userId = json.value(QLatin1String("user_id")).toString();
    d.reason = json.value(QLatin1String("reason")).toString();
    d.targetName = json.value(QLatin1String("target_name")).toString();
    return d;
}

// Refused or failed for good by the server (not a rate limit, an outage or the session).
bool isPermanentRefusal(const MatrixError &e)
{
    return e.kind == MatrixError::Server && e.httpStatus >= 400 && e.httpStatus < 500 &&
           !e.isRateLimited() && !e.isAuthFailure();
}
} // namespace

// --- JobItemModel --------------------------------------------------------------------------------

JobItemModel::JobItemModel(Job *job) : QAbstractListModel(job), m_job(job) {}

int JobItemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_job->total();
}

QVariant JobItemModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_job->total())
        return {};
    const Job::Item &item = m_job->itemList().at(index.row());
    const Operation::Description &d = item.description;
    switch (role) {
    case TargetRole:
        return d.target;
    case Qt::DisplayRole:
    case TargetNameRole:
        return d.targetName.isEmpty() ? d.target : d.targetName;
    case UserIdRole:
        return d.userId;
    case KindRole:
        return QVariant::fromValue(d.kind);
    case StateRole:
        return QVariant::fromValue(item.state);
    case AlreadyDoneRole:
        return item.alreadyDone();
    case ErrorRole:
        return item.error.isError() ? item.error.summary() : QString();
    case ResultTextRole:
        return Job::resultText(item);
    case AttemptsRole:
        return item.attempts;
    default:
        return {};
    }
}

QHash<int, QByteArray> JobItemModel::roleNames() const
{
    return {
        {TargetRole, "target"}, {TargetNameRole, "targetName"}, {UserIdRole, "userId"},
        {KindRole, "kind"},     {StateRole, "itemState"},       {AlreadyDoneRole, "alreadyDone"},
        {ErrorRole, "error"},   {ResultTextRole, "resultText"}, {AttemptsRole, "attempts"}};
}

// --- Job -----------------------------------------------------------------------------------------

Job::Job(JobQueue *queue, QString id, QString title, QString kind, QDateTime created,
         QList<Item> items, bool restored)
    : QObject(queue), m_queue(queue), m_id(std::move(id)), m_title(std::move(title)),
      m_kind(std::move(kind)), m_created(std::move(created)), m_items(std::move(items)),
      m_restored(restored), m_model(new JobItemModel(this))
{
    QJSEngine::setObjectOwnership(this, QJSEngine::CppOwnership);
}

int Job::count(ItemState state) const
{
    int n = 0;
    for (const Item &item : m_items)
        n += item.state == state;
    return n;
}

int Job::done() const
{
    return count(ItemSucceeded);
}

int Job::failed() const
{
    return count(ItemFailed);
}

int Job::unknown() const
{
    return count(ItemUnknown);
}

int Job::cancelledCount() const
{
    return count(ItemCancelled);
}

int Job::remaining() const
{
    return count(ItemPending) + count(ItemSent);
}

double Job::progress() const
{
    return m_items.isEmpty() ? 1.0 : double(total() - remaining()) / double(total());
}

int Job::etaSeconds() const
{
    const int left = remaining();
    if (left == 0)
        return 0;
    // The slower of what was observed and what the server allows.
    const double perItem = qMax(m_averageItemMs, double(m_paceMs));
    if (perItem <= 0)
        return -1;
    return int(std::ceil(perItem * left / 1000.0));
}

QString Job::resultText(const Item &item)
{
    switch (item.state) {
    case ItemPending:
        return tr("Waiting");
    case ItemSent:
        return tr("In progress");
    case ItemSucceeded:
        if (item.alreadyDone())
            return tr("Already done (the server said: %1)").arg(item.error.summary());
        return tr("Done");
    case ItemFailed:
        return tr("Failed: %1").arg(item.error.summary());
    case ItemCancelled:
        return item.error.isError() ? tr("Cancelled: %1").arg(item.error.summary())
                                    : tr("Cancelled");
    case ItemUnknown:
        return tr("Outcome unknown: %1").arg(item.error.summary());
    }
    return {};
}

QString Job::statusText() const
{
    const QString counts = tr("%1 of %2 done, %3 failed, %4 remaining")
                               .arg(done())
                               .arg(total())
                               .arg(failed() + unknown())
                               .arg(remaining());
    switch (m_state) {
    case Running: {
        const int eta = etaSeconds();
        if (eta > 0)
            return tr("%1: %2 (about %n s left)", nullptr, eta).arg(m_title, counts);
        return tr("%1: %2").arg(m_title, counts);
    }
    case Pausing:
        return tr("%1: pausing after the current request (%2)").arg(m_title, counts);
    case Paused:
        if (!m_problem.isEmpty())
            return tr("%1: paused: %2 (%3)").arg(m_title, m_problem, counts);
        return tr("%1: paused (%2)").arg(m_title, counts);
    case Cancelling:
        return tr("%1: cancelling after the current request (%2)").arg(m_title, counts);
    case Cancelled:
        return tr("%1: cancelled (%2, %3 cancelled)").arg(m_title, counts).arg(cancelledCount());
    case Finished:
        return tr("%1: finished (%2)").arg(m_title, counts);
    }
    return m_title;
}

QVariantList Job::results() const
{
    QVariantList list;
    list.reserve(m_items.size());
    for (const Item &item : m_items) {
        const Operation::Description &d = item.description;
        list.append(QVariantMap{
            {QStringLiteral("target"), d.target},
            {QStringLiteral("targetName"), d.targetName.isEmpty() ? d.target : d.targetName},
            {QStringLiteral("userId"), d.userId},
            {QStringLiteral("kind"), Operation::kindName(d.kind)},
            {QStringLiteral("state"), JobJournal::itemStateName(toJournal(item.state))},
            {QStringLiteral("alreadyDone"), item.alreadyDone()},
            {QStringLiteral("error"), item.error.isError() ? item.error.summary() : QString()},
            {QStringLiteral("errcode"), item.error.errcode},
            {QStringLiteral("httpStatus"), item.error.httpStatus},
            {QStringLiteral("attempts"), item.attempts},
        });
    }
    return list;
}

void Job::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged();
    emit progressChanged(); // the status line names the state
    if (state == Finished || state == Cancelled)
        emit finished();
}

void Job::itemChanged(int position)
{
    const QModelIndex index = m_model->index(position);
    emit m_model->dataChanged(index, index);
}

void Job::notifyProgress()
{
    emit progressChanged();
}

void Job::pause()
{
    m_queue->pauseJob(this);
}

void Job::resume()
{
    m_queue->resumeJob(this);
}

void Job::cancel()
{
    m_queue->cancelJob(this);
}

void Job::retryFailed()
{
    m_queue->retryJob(this);
}

// --- JobQueue ------------------------------------------------------------------------------------

JobQueue::JobQueue(ApiClient *api, MembershipService *membership, QObject *parent)
    : QObject(parent), m_api(api), m_membership(membership),
      m_journal(std::make_unique<JobJournal>(nextConnectionName())), m_wake(new QTimer(this))
{
    m_wake->setSingleShot(true);
    // Precise: a coarse timer may fire up to 5 % early, before the server's pace allows.
    m_wake->setTimerType(Qt::PreciseTimer);
    connect(m_wake, &QTimer::timeout, this, &JobQueue::pump);
    connect(m_api, &ApiClient::bucketRequestSent, this, &JobQueue::onBucketSent);
    connect(m_api, &ApiClient::bucketRateLimited, this, &JobQueue::onBucketRateLimited);
    // A room that was busy with another action may be free now.
    connect(m_membership, &MembershipService::operationChanged, this, [this] {
        if (!m_current)
            schedulePump();
    });
}

JobQueue::~JobQueue()
{
    close();
}

QString JobQueue::lockPathFor(const QString &storePath)
{
    return storePath + QStringLiteral(".jobs.lock");
}

bool JobQueue::open(const QString &storePath, QString *error)
{
    close();
    auto failed = [&](const QString &message) {
        setLastError(message);
        if (error)
            *error = m_lastError;
        emit openChanged();
        return false;
    };
    // The lock first: the journal of another process's running jobs is not ours to touch.
    QDir().mkpath(QFileInfo(storePath).absolutePath());
    auto lock = std::make_unique<QLockFile>(lockPathFor(storePath));
    // Held for as long as jobs run (hours): stale only when its process is gone, never by age.
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) {
        if (lock->error() == QLockFile::LockFailedError) {
            qint64 pid = 0;
            QString host, app;
            lock->getLockInfo(&pid, &host, &app);
            return failed(tr("Another Concierge is running this account's jobs (pid %1%2). Only "
                             "one program at a time may run them, or they would be sent twice: "
                             "quit it, or wait for its jobs to end, and try again.")
                              .arg(pid)
                              .arg(app.isEmpty() ? QString() : QStringLiteral(", ") + app));
        }
        return failed(tr("Bulk actions cannot be saved, so none can be started: the lock file "
                         "%1 could not be created.")
                          .arg(lockPathFor(storePath)));
    }
    if (m_busyTimeoutMs >= 0)
        m_journal->setBusyTimeoutMs(m_busyTimeoutMs);
    QString why;
    if (!m_journal->open(storePath, &why))
        return failed(tr("Bulk actions cannot be saved, so none can be started: %1").arg(why));
    m_lock = std::move(lock);
    emit openChanged();
    return true;
}

bool JobQueue::isOpen() const
{
    return m_journal->isOpen();
}

void JobQueue::close()
{
    m_wake->stop();
    if (m_current) {
        // Not recorded: the item stays `sent` and is checked at the next restore().
        if (Operation *operation = m_current->operation)
            disconnect(operation, nullptr, this, nullptr);
        m_current.reset();
    }
    const QList<Job *> jobs = std::exchange(m_jobs, {});
    for (Job *job : jobs)
        job->deleteLater();
    const bool wasOpen = m_journal->isOpen();
    m_journal->close();
    m_lock.reset(); // another process may run the account's jobs now
    // The next account may be on another server, with other limits: its pace is learned anew.
    m_pacing = false;
    m_paceMs = 0;
    m_paceMeasured = false;
    m_lastAllowedMs = -1;
    m_sendsSinceLimit = 0;
    if (!jobs.isEmpty())
        emit jobsChanged();
    updateActiveCount();
    if (wasOpen)
        emit openChanged();
}

QList<Job *> JobQueue::jobs() const
{
    return m_jobs;
}

int JobQueue::estimateSeconds(int itemCount) const
{
    if (itemCount <= 0)
        return 0;
    if (m_paceMs > 0)
        return int(std::ceil(double(withMargin(m_paceMs)) * itemCount / 1000.0));
    // Synapse's defaults (rc_message: burst 10, 0.2 per second).
    constexpr int Burst = 10;
    constexpr int IntervalSeconds = 5;
    return qMax(0, itemCount - Burst) * IntervalSeconds + 1;
}

QQmlListProperty<Job> JobQueue::jobListProperty()
{
    // Read-only from QML.
    return QQmlListProperty<Job>(
        this, &m_jobs,
        [](QQmlListProperty<Job> *p) { return static_cast<QList<Job *> *>(p->data)->size(); },
        [](QQmlListProperty<Job> *p, qsizetype i) {
            return static_cast<QList<Job *> *>(p->data)->at(i);
        });
}

Job *JobQueue::job(const QString &id) const
{
    for (Job *job : m_jobs)
        if (job->id() == id)
            return job;
    return nullptr;
}

int JobQueue::activeCount() const
{
    int n = 0;
    for (const Job *job : m_jobs)
        n += job->isActive();
    return n;
}

void JobQueue::updateActiveCount()
{
    const int n = activeCount();
    if (n == m_activeCount)
        return;
    m_activeCount = n;
    emit activeCountChanged();
}

void JobQueue::setLastError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

Job *JobQueue::refuse(const QString &why, QString *error)
{
    setLastError(why);
    if (error)
        *error = why;
    return nullptr;
}

Job *JobQueue::addJob(const QString &id, const QString &title, const QString &kind,
                      const QDateTime &created, QList<Job::Item> items, bool restored)
{
    auto *job = new Job(this, id, title, kind, created, std::move(items), restored);
    m_jobs.append(job);
    emit jobsChanged();
    emit jobAdded(job);
    return job;
}

Job *JobQueue::submit(const QString &title, QList<Operation::Description> descriptions,
                      QString *error)
{
    if (!m_journal->isOpen())
        return refuse(m_lastError.isEmpty()
                          ? tr("Bulk actions cannot be saved, so none can be started: the "
                               "account's store is not open.")
                          : m_lastError,
                      error);
    QList<Job::Item> items;
    QList<JobJournal::Item> records;
    QSet<QString> seen;
    QSet<Operation::Kind> kinds;
    QString firstProblem;
    for (Operation::Description &d : descriptions) {
        const QString problem = MembershipService::validate(&d);
        // The same action twice in one job would be done twice: once is what was meant.
        const QString key = Operation::kindName(d.kind) + QLatin1Char('\n') + d.target +
                            QLatin1Char('\n') + d.userId;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        d.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (d.targetName.isEmpty() && problem.isEmpty())
            d.targetName = m_membership->displayNameFor(d.target);
        Job::Item item;
        item.description = d;
        if (!problem.isEmpty()) {
            // Reported with the job; nothing is sent for it.
            item.state = Job::ItemFailed;
            item.error = MatrixError::invalidInput(problem);
            if (firstProblem.isEmpty())
                firstProblem = problem;
        }
        kinds.insert(d.kind);
        JobJournal::Item record;
        record.description = d.toJson();
        record.state = toJournal(item.state);
        record.error = item.error;
        items.append(item);
        records.append(record);
    }
    if (items.isEmpty())
        return refuse(tr("Nothing to do: the list is empty."), error);
    bool anythingToSend = false;
    for (const Job::Item &item : items)
        anythingToSend |= item.state == Job::ItemPending;
    if (!anythingToSend)
        return refuse(tr("Nothing can be sent: %1").arg(firstProblem), error);

    JobJournal::Job record;
    record.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.kind = kinds.size() == 1 ? Operation::kindName(*kinds.begin()) : QStringLiteral("mixed");
    record.title = title;
    record.createdMs = QDateTime::currentMSecsSinceEpoch();
    record.state = JobJournal::JobState::Running;
    QString why;
    if (!m_journal->createJob(record, records, &why))
        return refuse(tr("The job could not be saved, so nothing was sent: %1").arg(why), error);
    setLastError({});
    Job *job = addJob(record.id, title, record.kind,
                      QDateTime::fromMSecsSinceEpoch(record.createdMs), std::move(items), false);
    job->m_paceMs = m_paceMs;
    updateActiveCount();
    schedulePump();
    return job;
}

namespace {
// One item per room (or per user, with field = &Description::userId), the rest as in base.
QList<Operation::Description>
itemsFor(const QStringList &values, const Operation::Description &base,
         QString Operation::Description::*field = &Operation::Description::target)
{
    QList<Operation::Description> items;
    items.reserve(values.size());
    for (const QString &value : values) {
        Operation::Description d = base;
        d.*field = value;
        items.append(d);
    }
    return items;
}
} // namespace

Job *JobQueue::leaveRooms(const QStringList &roomIds, const QString &reason, bool alsoForget,
                          const QString &title)
{
    Operation::Description base;
    base.kind = alsoForget ? Operation::LeaveAndForget : Operation::Leave;
    base.reason = reason;
    const int n = int(roomIds.size());
    return submit(!title.isEmpty() ? title
                  : alsoForget     ? tr("Leave and forget %n room(s)", nullptr, n)
                                   : tr("Leave %n room(s)", nullptr, n),
                  itemsFor(roomIds, base));
}

Job *JobQueue::forgetRooms(const QStringList &roomIds, const QString &title)
{
    Operation::Description base;
    base.kind = Operation::Forget;
    return submit(title.isEmpty() ? tr("Forget %n room(s)", nullptr, int(roomIds.size())) : title,
                  itemsFor(roomIds, base));
}

Job *JobQueue::joinRooms(const QStringList &roomIds, const QString &title)
{
    Operation::Description base;
    base.kind = Operation::Join;
    return submit(title.isEmpty() ? tr("Join %n room(s)", nullptr, int(roomIds.size())) : title,
                  itemsFor(roomIds, base));
}

Job *JobQueue::inviteToRooms(const QStringList &roomIds, const QString &userId,
                             const QString &reason, const QString &title)
{
    Operation::Description base;
    base.kind = Operation::Invite;
    base.userId = userId;
    base.reason = reason;
    return submit(title.isEmpty()
                      ? tr("Invite %1 to %n room(s)", nullptr, int(roomIds.size())).arg(userId)
                      : title,
                  itemsFor(roomIds, base));
}

Job *JobQueue::inviteUsers(const QString &roomId, const QStringList &userIds, const QString &reason,
                           const QString &title)
{
    Operation::Description base;
    base.kind = Operation::Invite;
    base.target = roomId;
    base.reason = reason;
    QString name = m_membership->displayNameFor(roomId.trimmed());
    if (name.isEmpty())
        name = roomId;
    return submit(title.isEmpty()
                      ? tr("Invite %n people to %1", nullptr, int(userIds.size())).arg(name)
                      : title,
                  itemsFor(userIds, base, &Operation::Description::userId));
}

Job *JobQueue::banInRooms(const QStringList &roomIds, const QString &userId, const QString &reason,
                          const QString &title)
{
    Operation::Description base;
    base.kind = Operation::Ban;
    base.userId = userId;
    base.reason = reason;
    return submit(title.isEmpty()
                      ? tr("Ban %1 from %n room(s)", nullptr, int(roomIds.size())).arg(userId)
                      : title,
                  itemsFor(roomIds, base));
}

Job *JobQueue::loadRecord(const JobJournal::Job &record, bool startPaused)
{
    QList<Job::Item> items;
    const QList<JobJournal::Item> stored = m_journal->items(record.id);
    for (const JobJournal::Item &s : stored) {
        Job::Item item;
        item.state = fromJournal(s.state);
        item.error = s.error;
        item.attempts = s.attempts;
        QString problem;
        if (std::optional<Operation::Description> d =
                Operation::Description::fromJson(s.description, &problem)) {
            item.description = *d;
        } else {
            item.description = lenientDescription(s.description);
            if (item.state == Job::ItemPending || item.state == Job::ItemSent) {
                // Cannot be sent nor checked: reported instead.
                item.state = item.state == Job::ItemSent ? Job::ItemUnknown : Job::ItemFailed;
                item.error = MatrixError::invalidInput(problem);
                m_journal->setItemState(record.id, s.position, toJournal(item.state), item.error);
            }
        }
        items.append(item);
    }
    const bool open = std::any_of(items.cbegin(), items.cend(), [](const Job::Item &i) {
        return i.state == Job::ItemPending || i.state == Job::ItemSent;
    });
    Job *job = addJob(record.id, record.title, record.kind,
                      QDateTime::fromMSecsSinceEpoch(record.createdMs), std::move(items), true);
    job->m_paceMs = record.paceMs;
    m_paceMs = qMax(m_paceMs, record.paceMs);
    switch (record.state) {
    case JobJournal::JobState::Running:
    case JobJournal::JobState::Finished: // an unknown outcome left to find out
        if (!open && record.state == JobJournal::JobState::Finished) {
            job->m_state = Job::Finished; // an ended job loaded to be shown or retried
        } else if (open && startPaused) {
            // Held in this run only: the journal still says running, so the next program that
            // restores without startPaused (the desktop app) continues it.
            job->m_state = Job::Paused;
        } else {
            job->m_state = Job::Running;
        }
        break;
    case JobJournal::JobState::Paused:
        job->m_state = Job::Paused;
        break;
    case JobJournal::JobState::Cancelled:
        // Only its unknown outcomes are left: they are checked, nothing is sent.
        job->m_state = open ? Job::Cancelling : Job::Cancelled;
        break;
    }
    return job;
}

QList<Job *> JobQueue::restore(bool startPaused)
{
    QList<Job *> loaded;
    if (!m_journal->isOpen())
        return loaded;
    const QList<JobJournal::Job> records = m_journal->jobs(true);
    for (const JobJournal::Job &record : records) {
        if (job(record.id))
            continue;
        loaded.append(loadRecord(record, startPaused));
    }
    for (Job *job : std::as_const(loaded))
        checkJobEnded(job);
    updateActiveCount();
    schedulePump();
    return loaded;
}

Job *JobQueue::load(const QString &id, bool startPaused)
{
    if (Job *loaded = job(id))
        return loaded;
    if (!m_journal->isOpen())
        return nullptr;
    const std::optional<JobJournal::Job> record = m_journal->job(id);
    if (!record)
        return nullptr;
    Job *loaded = loadRecord(*record, startPaused);
    if (loaded->isActive())
        checkJobEnded(loaded);
    updateActiveCount();
    schedulePump();
    return loaded;
}

QList<JobJournal::Job> JobQueue::storedJobs() const
{
    return m_journal->isOpen() ? m_journal->jobs(false) : QList<JobJournal::Job>{};
}

bool JobQueue::removeJob(const QString &id)
{
    Job *j = job(id);
    if (!j || j->isActive())
        return false;
    if (!m_journal->removeJob(id))
        return false;
    m_jobs.removeOne(j);
    j->deleteLater();
    emit jobsChanged();
    return true;
}

// --- Running -------------------------------------------------------------------------------------

void JobQueue::schedulePump(qint64 delayMs)
{
    if (delayMs > 0) {
        if (!m_wake->isActive() || m_wake->remainingTime() > delayMs)
            m_wake->start(int(qMin<qint64>(delayMs, 3600 * 1000)));
        return;
    }
    if (m_pumpQueued)
        return;
    m_pumpQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_pumpQueued = false;
        pump();
    });
}

std::optional<int> JobQueue::nextItem(Job *job, bool *blocked) const
{
    std::optional<int> pending;
    for (int i = 0; i < job->m_items.size(); ++i) {
        const Job::Item &item = job->m_items.at(i);
        if (item.state != Job::ItemSent && item.state != Job::ItemPending)
            continue;
        // The room has another action running (the user's, from the room list): later.
        if (m_membership->isBusy(item.description)) {
            *blocked = true;
            continue;
        }
        if (item.state == Job::ItemSent)
            return i; // an outcome to find out comes first
        if (!pending)
            pending = i;
    }
    return pending;
}

void JobQueue::pump()
{
    if (m_current || !m_journal->isOpen())
        return;
    bool anyRunnable = false;
    for (Job *job : std::as_const(m_jobs)) {
        if (job->m_waitingUntil.isValid()) {
            job->m_waitingUntil = {};
            job->notifyProgress();
        }
    }
    for (Job *job : std::as_const(m_jobs)) {
        // A cancelled job (restored) only finds out its unknown outcomes.
        if (job->m_state != Job::Running && job->m_state != Job::Cancelling)
            continue;
        bool blocked = false;
        const std::optional<int> position = nextItem(job, &blocked);
        if (!position) {
            anyRunnable |= blocked; // operationChanged() wakes us
            continue;
        }
        if (job->m_state == Job::Cancelling && job->m_items.at(*position).state != Job::ItemSent)
            continue;
        anyRunnable = true;
        if (startItem(job, *position))
            return;
        if (m_current)
            return;
        if (m_wake->isActive())
            return; // waiting for the server's pace
    }
    if (!anyRunnable && !m_current) {
        // Idle: the server's bucket refills meanwhile, a new run may use its burst again.
        m_pacing = false;
        m_lastAllowedMs = -1;
    }
}

bool JobQueue::startItem(Job *job, int position)
{
    Job::Item &item = job->m_items[position];
    const Operation::Description &d = item.description;
    if (item.state == Job::ItemSent && !item.forgetOnly && d.kind != Operation::Forget) {
        // Its request may have reached the server before the app stopped: ask first.
        Operation::Description check = d;
        check.id.clear();
        if (d.kind == Operation::LeaveAndForget)
            check.kind = Operation::Leave; // the forget cannot be read back; the leave can
        return startOperation(job, position, Phase::CheckFirst, check, false);
    }
    if (job->m_state == Job::Cancelling) {
        // Nothing more is sent for a cancelled job.
        if (item.forgetOnly)
            finishItem(job, position, Job::ItemCancelled,
                       MatrixError::cancelled(tr("Left the room; forgetting it was cancelled.")),
                       item.attempts);
        else // a forget that may have been sent: whether it was cannot be read back
            finishItem(job, position, Job::ItemUnknown, MatrixError::cancelled(), item.attempts);
        checkJobEnded(job);
        schedulePump();
        return false;
    }
    if (job->m_state != Job::Running)
        return false;
    // Sends a membership request: never while the server said to wait, and spaced by the
    // pace it allows once it has shown its limit.
    const qint64 now = m_api->clockMs();
    qint64 wait = m_api->holdRemainingMs(ApiClient::MembershipBucket);
    if (m_pacing && m_paceMs > 0 && m_lastSendMs >= 0)
        wait = qMax(wait, m_lastSendMs + withMargin(m_paceMs) - now);
    if (wait > 0) {
        job->m_waitingUntil = QDateTime::currentDateTimeUtc().addMSecs(wait);
        job->notifyProgress();
        schedulePump(wait);
        return false;
    }
    Operation::Description send = d;
    Phase phase = Phase::Send;
    if (item.forgetOnly) {
        send.id.clear();
        send.kind = Operation::Forget;
        send.reason.clear();
        phase = Phase::ForgetAfterLeft;
    }
    return startOperation(job, position, phase, send, true);
}

bool JobQueue::startOperation(Job *job, int position, Phase phase, const Operation::Description &d,
                              bool sends)
{
    Job::Item &item = job->m_items[position];
    if (sends) {
        // On disk before the request can go out (it goes out on the next event-loop turn).
        if (!m_journal->markSent(job->m_id, position, item.attempts)) {
            job->m_problem = tr("The job could not be saved, so nothing more is sent.");
            m_journal->setJobState(job->m_id, JobJournal::JobState::Paused);
            job->setState(Job::Paused);
            updateActiveCount();
            return false;
        }
        item.state = Job::ItemSent;
        job->itemChanged(position);
    }
    Current current;
    current.job = job;
    current.position = position;
    current.phase = phase;
    current.attemptsBefore = item.attempts;
    Operation *operation = sends ? m_membership->run(d) : m_membership->check(d);
    current.operation = operation;
    m_current = current;
    job->m_current = operation;
    job->notifyProgress();
    connect(operation, &Operation::finished, this, &JobQueue::onOperationFinished,
            Qt::UniqueConnection);
    return true;
}

void JobQueue::onOperationFinished()
{
    auto *operation = qobject_cast<Operation *>(sender());
    if (!m_current || (operation && operation != m_current->operation))
        return;
    operation = m_current->operation;
    Current current = *m_current;
    m_current.reset();
    Job *job = current.job;
    if (!job || !operation) {
        schedulePump();
        return;
    }
    job->m_current = nullptr;
    const int position = current.position;
    Job::Item &item = job->m_items[position];
    const MatrixError error = operation->error();
    const int attempts = current.attemptsBefore + operation->attempts();
    const Operation::State state = operation->state();
    const bool cancelling = job->m_state == Job::Cancelling;

    switch (current.phase) {
    case Phase::CheckFirst:
        if (state == Operation::Succeeded) {
            item.refusals = 0;
            if (item.description.kind == Operation::LeaveAndForget) {
                // Left already: only the forget is left to send (paced like any request).
                item.forgetOnly = true;
                break;
            }
            finishItem(job, position, Job::ItemSucceeded, {}, attempts);
        } else if (state == Operation::Failed && error.kind == MatrixError::InvalidInput) {
            // The check itself was refused (the room busy after all): the outcome is still to
            // be found out; nothing may be sent before.
            if (++item.refusals >= MaxRefusals) {
                finishItem(job, position, Job::ItemUnknown, error, attempts);
                break;
            }
            checkJobEnded(job); // a pause asked for meanwhile takes effect
            schedulePump(RefusalRetryMs);
            return;
        } else if (state == Operation::Failed) {
            // Not done: it is sent again (or, for a cancelled job, not at all).
            item.refusals = 0;
            if (cancelling)
                finishItem(job, position, Job::ItemCancelled, {}, attempts);
            else
                returnToPending(job, position);
        } else {
            finishItem(job, position, Job::ItemUnknown, error, attempts);
        }
        break;
    case Phase::Send:
    case Phase::ForgetAfterLeft:
        item.attempts = attempts;
        if (state == Operation::Succeeded) {
            finishItem(job, position, Job::ItemSucceeded, {}, attempts);
        } else if (state == Operation::Failed && error.kind == MatrixError::InvalidInput &&
                   operation->attempts() == 0) {
            // Refused before anything was sent (the room busy after all, not signed in):
            // not lost, tried again a little later.
            if (++item.refusals >= MaxRefusals) {
                finishItem(job, position, Job::ItemFailed, error, attempts);
            } else {
                returnToPending(job, position);
                checkJobEnded(job);
                schedulePump(RefusalRetryMs);
                return;
            }
        } else if (state == Operation::Failed && isPermanentRefusal(error) &&
                   current.phase == Phase::Send &&
                   (item.description.kind == Operation::Leave ||
                    item.description.kind == Operation::Join ||
                    item.description.kind == Operation::Invite ||
                    item.description.kind == Operation::Ban ||
                    (item.description.kind == Operation::LeaveAndForget &&
                     operation->stepIndex() == 0))) {
            // Refused; but a repeat of what is done already ("not in the room" for a room left
            // already, an invitee who is a member, someone banned already) counts as done: ask
            // the server.
            Operation::Description check = item.description;
            check.id.clear();
            if (check.kind == Operation::LeaveAndForget)
                check.kind = Operation::Leave;
            Current verify;
            verify.job = job;
            verify.position = position;
            verify.phase = Phase::VerifyRefusal;
            verify.refusal = error;
            verify.attemptsBefore = attempts;
            Operation *checkOperation = m_membership->check(check);
            verify.operation = checkOperation;
            m_current = verify;
            job->m_current = checkOperation;
            connect(checkOperation, &Operation::finished, this, &JobQueue::onOperationFinished,
                    Qt::UniqueConnection);
            return;
        } else if (state == Operation::Cancelled) {
            finishItem(job, position, Job::ItemCancelled, error, attempts);
        } else if (state == Operation::Unknown) {
            finishItem(job, position, Job::ItemUnknown, error, attempts);
        } else {
            finishItem(job, position, Job::ItemFailed, error, attempts);
        }
        break;
    case Phase::VerifyRefusal:
        if (state == Operation::Succeeded) {
            if (item.description.kind == Operation::LeaveAndForget) {
                item.attempts = attempts;
                item.forgetOnly = true; // left already: the forget is still to send
                break;
            }
            // Done already: a success, with the server's answer kept for the report.
            finishItem(job, position, Job::ItemSucceeded, current.refusal, attempts);
        } else {
            finishItem(job, position, Job::ItemFailed, current.refusal, attempts);
        }
        break;
    }
    checkJobEnded(job);
    schedulePump();
}

void JobQueue::finishItem(Job *job, int position, Job::ItemState state, const MatrixError &error,
                          int attempts)
{
    Job::Item &item = job->m_items[position];
    item.state = state;
    item.error = error;
    item.attempts = attempts;
    item.forgetOnly = false;
    // A failed write leaves the item `sent` on disk: checked again at the next launch, never
    // lost nor done twice.
    if (!m_journal->setItemState(job->m_id, position, toJournal(state), error, attempts))
        setLastError(tr("The result of an item could not be saved."));
    const qint64 now = m_api->clockMs();
    if (job->m_lastCompletionMs >= 0) {
        const double interval = double(now - job->m_lastCompletionMs);
        job->m_averageItemMs =
            job->m_averageItemMs < 0 ? interval : 0.7 * job->m_averageItemMs + 0.3 * interval;
    }
    job->m_lastCompletionMs = now;
    job->itemChanged(position);
    job->notifyProgress();
}

void JobQueue::returnToPending(Job *job, int position)
{
    Job::Item &item = job->m_items[position];
    item.state = Job::ItemPending;
    item.forgetOnly = false;
    m_journal->setItemState(job->m_id, position, JobJournal::ItemState::Pending, {}, item.attempts);
    job->itemChanged(position);
    job->notifyProgress();
}

void JobQueue::checkJobEnded(Job *job)
{
    if (m_current && m_current->job == job)
        return;
    const bool open = std::any_of(job->m_items.cbegin(), job->m_items.cend(), [](const auto &i) {
        return i.state == Job::ItemPending || i.state == Job::ItemSent;
    });
    switch (job->m_state) {
    case Job::Pausing:
        job->setState(Job::Paused);
        break;
    case Job::Cancelling:
        if (!std::any_of(job->m_items.cbegin(), job->m_items.cend(),
                         [](const auto &i) { return i.state == Job::ItemSent; })) {
            m_journal->setJobState(job->m_id, JobJournal::JobState::Cancelled);
            job->setState(Job::Cancelled);
            emit jobFinished(job);
        }
        break;
    case Job::Running:
        if (!open) {
            m_journal->setJobState(job->m_id, JobJournal::JobState::Finished);
            job->setState(Job::Finished);
            emit jobFinished(job);
        }
        break;
    case Job::Paused:
    case Job::Cancelled:
    case Job::Finished:
        break;
    }
    updateActiveCount();
}

// --- Control -------------------------------------------------------------------------------------

void JobQueue::pauseJob(Job *job)
{
    if (job->m_state != Job::Running)
        return;
    m_journal->setJobState(job->m_id, JobJournal::JobState::Paused);
    const bool inFlight = m_current && m_current->job == job;
    job->setState(inFlight ? Job::Pausing : Job::Paused);
    if (job->m_waitingUntil.isValid()) {
        job->m_waitingUntil = {};
        job->notifyProgress();
    }
    updateActiveCount();
}

void JobQueue::resumeJob(Job *job)
{
    if (job->m_state != Job::Paused && job->m_state != Job::Pausing)
        return;
    if (!m_journal->setJobState(job->m_id, JobJournal::JobState::Running)) {
        job->m_problem = tr("The job could not be saved, so nothing more is sent.");
        job->notifyProgress();
        return;
    }
    job->m_problem.clear();
    // After a pause the server's bucket may have refilled: learn again from the next 429.
    m_lastAllowedMs = -1;
    job->setState(Job::Running);
    updateActiveCount();
    schedulePump();
}

void JobQueue::cancelJob(Job *job)
{
    if (!job->isActive() || job->m_state == Job::Cancelling)
        return;
    if (!m_journal->cancelJob(job->m_id)) {
        job->m_problem = tr("The job could not be saved; it was paused instead of cancelled.");
        m_journal->setJobState(job->m_id, JobJournal::JobState::Paused);
        job->setState(Job::Paused);
        return;
    }
    for (int i = 0; i < job->m_items.size(); ++i) {
        if (job->m_items.at(i).state == Job::ItemPending) {
            job->m_items[i].state = Job::ItemCancelled;
            job->itemChanged(i);
        }
    }
    job->m_waitingUntil = {};
    job->setState(Job::Cancelling);
    checkJobEnded(job); // Cancelled at once unless something is in flight or to be checked
    job->notifyProgress();
    schedulePump();
}

void JobQueue::retryJob(Job *job)
{
    if (job->m_state == Job::Cancelling || (job->failed() == 0 && job->unknown() == 0))
        return;
    if (!m_journal->retryFailed(job->m_id)) {
        job->m_problem = tr("The job could not be saved, so nothing more is sent.");
        job->notifyProgress();
        return;
    }
    for (int i = 0; i < job->m_items.size(); ++i) {
        Job::Item &item = job->m_items[i];
        if (item.state == Job::ItemFailed || item.state == Job::ItemUnknown) {
            // An unknown outcome is checked before it is sent again.
            item.state = item.state == Job::ItemFailed ? Job::ItemPending : Job::ItemSent;
            item.error = {};
            item.refusals = 0;
            job->itemChanged(i);
        }
    }
    job->m_problem.clear();
    if (job->m_state != Job::Pausing)
        job->setState(Job::Running);
    job->notifyProgress();
    updateActiveCount();
    schedulePump();
}

// --- Pacing --------------------------------------------------------------------------------------

void JobQueue::onBucketSent(const QByteArray &bucket, qint64 atMs)
{
    if (bucket != ApiClient::MembershipBucket)
        return;
    m_lastSendMs = atMs;
    ++m_sendsSinceLimit;
}

void JobQueue::onBucketRateLimited(const QByteArray &bucket, qint64 sentAtMs, qint64 waitMs)
{
    if (bucket != ApiClient::MembershipBucket)
        return;
    // The server allows the next request at sentAtMs + waitMs (it measured the wait from the
    // request's arrival; Synapse then sits on the answer for half a second).
    const qint64 allowedAt = sentAtMs + waitMs;
    const int allowedBetween = m_sendsSinceLimit - 1; // the requests it accepted since the last 429
    if (m_lastAllowedMs >= 0 && allowedBetween > 0) {
        // Between two moments the bucket was full the server let exactly allowedBetween
        // requests through: its rate.
        learnPace((allowedAt - m_lastAllowedMs) / allowedBetween);
        m_paceMeasured = true;
    } else if (!m_paceMeasured) {
        // First sign of the limit: the wait alone, a provisional pace. It is never longer than
        // the server's (Synapse rounds the wait up to whole seconds, adding the time since the
        // request before would overshoot, and a pace too slow is never corrected: it meets no
        // 429); one too fast meets the next 429, and the two measure the rate exactly.
        learnPace(waitMs);
    }
    m_pacing = true;
    m_lastAllowedMs = allowedAt;
    m_sendsSinceLimit = 0;
}

void JobQueue::learnPace(qint64 paceMs)
{
    paceMs = qBound(qint64(0), paceMs, qint64(3600) * 1000);
    if (paceMs == m_paceMs)
        return;
    m_paceMs = paceMs;
    for (Job *job : std::as_const(m_jobs)) {
        if (job->m_state != Job::Running && job->m_state != Job::Pausing &&
            job->m_state != Job::Cancelling)
            continue;
        job->m_paceMs = paceMs;
        m_journal->setPace(job->m_id, paceMs);
        job->notifyProgress();
    }
}
