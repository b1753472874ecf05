#include "store/jobjournal.h"

#include "store/accountstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {
constexpr std::pair<JobJournal::JobState, QStringView> JobStateNames[] = {
    {JobJournal::JobState::Running, u"running"},
    {JobJournal::JobState::Paused, u"paused"},
    {JobJournal::JobState::Cancelled, u"cancelled"},
    {JobJournal::JobState::Finished, u"finished"},
};
constexpr std::pair<JobJournal::ItemState, QStringView> ItemStateNames[] = {
    {JobJournal::ItemState::Pending, u"pending"},     {JobJournal::ItemState::Sent, u"sent"},
    {JobJournal::ItemState::Succeeded, u"succeeded"}, {JobJournal::ItemState::Failed, u"failed"},
    {JobJournal::ItemState::Cancelled, u"cancelled"}, {JobJournal::ItemState::Unknown, u"unknown"},
};

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}
} // namespace

QString JobJournal::jobStateName(JobState state)
{
    for (const auto &[s, name] : JobStateNames)
        if (s == state)
            return name.toString();
    return {};
}

QString JobJournal::itemStateName(ItemState state)
{
    for (const auto &[s, name] : ItemStateNames)
        if (s == state)
            return name.toString();
    return {};
}

std::optional<JobJournal::JobState> JobJournal::jobStateFromName(QStringView name)
{
    for (const auto &[s, n] : JobStateNames)
        if (n == name)
            return s;
    return std::nullopt;
}

std::optional<JobJournal::ItemState> JobJournal::itemStateFromName(QStringView name)
{
    for (const auto &[s, n] : ItemStateNames)
        if (n == name)
            return s;
    return std::nullopt;
}

JobJournal::JobJournal(QString connectionName)
    : m_store(std::make_unique<AccountStore>(std::move(connectionName)))
{}

JobJournal::~JobJournal() = default;

void JobJournal::setBusyTimeoutMs(int ms)
{
    m_store->setBusyTimeoutMs(ms);
}

bool JobJournal::open(const QString &path, QString *error)
{
    const AccountStore::OpenResult result = m_store->open(path);
    if (result == AccountStore::OpenResult::InMemory) {
        // A job kept in memory would not survive a restart: refuse rather than pretend.
        const QString problem = m_store->problem();
        m_store->close();
        if (error)
            *error = problem;
        return false;
    }
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    // Each commit reaches the disk before the call returns: "sent" is recorded before the
    // request goes out, even if the machine stops right after.
    q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    return true;
}

bool JobJournal::isOpen() const
{
    return m_store->isOpen();
}

void JobJournal::close()
{
    m_store->close();
}

QString JobJournal::path() const
{
    return m_store->path();
}

bool JobJournal::begin()
{
    if (!isOpen()) {
        m_lastError = QCoreApplication::translate("JobJournal", "The job list is not open.");
        return false;
    }
    // IMMEDIATE: the write lock is taken (waiting for the writer thread if it has it) before
    // anything is written, never half-way through.
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        m_lastError = q.lastError().text();
        return false;
    }
    return true;
}

bool JobJournal::commit()
{
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    if (!q.exec(QStringLiteral("COMMIT"))) {
        m_lastError = q.lastError().text();
        rollback();
        return false;
    }
    return true;
}

void JobJournal::rollback()
{
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    q.exec(QStringLiteral("ROLLBACK"));
}

bool JobJournal::exec(const QString &sql, const QList<QVariant> &values)
{
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    if (!q.prepare(sql)) {
        m_lastError = q.lastError().text();
        return false;
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return false;
    }
    return true;
}

bool JobJournal::createJob(const Job &job, const QList<Item> &items, QString *error)
{
    auto fail = [&] {
        if (error)
            *error = m_lastError;
        return false;
    };
    if (!begin())
        return fail();
    const qint64 t = now();
    if (!exec(QStringLiteral("INSERT INTO jobs (job_id, kind, title, created, state, pace_ms, "
                             "updated) VALUES (?, ?, ?, ?, ?, ?, ?)"),
              {job.id, job.kind, job.title, job.createdMs > 0 ? job.createdMs : t,
               jobStateName(job.state), job.paceMs, t})) {
        rollback();
        return fail();
    }
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    q.prepare(QStringLiteral("INSERT INTO job_items (job_id, position, description, state, "
                             "error_kind, errcode, message, http_status, attempts, updated) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (int i = 0; i < items.size(); ++i) {
        const Item &item = items.at(i);
        q.addBindValue(job.id);
        q.addBindValue(i);
        q.addBindValue(
            QString::fromUtf8(QJsonDocument(item.description).toJson(QJsonDocument::Compact)));
        q.addBindValue(itemStateName(item.state));
        q.addBindValue(int(item.error.kind));
        q.addBindValue(textOrNull(item.error.errcode));
        q.addBindValue(textOrNull(item.error.message));
        q.addBindValue(item.error.httpStatus);
        q.addBindValue(item.attempts);
        q.addBindValue(t);
        if (!q.exec()) {
            m_lastError = q.lastError().text();
            q.finish();
            rollback();
            return fail();
        }
    }
    q.finish();
    if (!commit())
        return fail();
    return true;
}

bool JobJournal::setJobState(const QString &jobId, JobState state)
{
    return isOpen() &&
           exec(QStringLiteral("UPDATE jobs SET state = ?, updated = ? WHERE job_id = ?"),
                {jobStateName(state), now(), jobId});
}

bool JobJournal::setPace(const QString &jobId, qint64 paceMs)
{
    return isOpen() &&
           exec(QStringLiteral("UPDATE jobs SET pace_ms = ? WHERE job_id = ?"), {paceMs, jobId});
}

bool JobJournal::markSent(const QString &jobId, int position, int attempts)
{
    return setItemState(jobId, position, ItemState::Sent, {}, attempts);
}

bool JobJournal::setItemState(const QString &jobId, int position, ItemState state,
                              const MatrixError &error, int attempts)
{
    if (!isOpen())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    q.prepare(QStringLiteral(
        "UPDATE job_items SET state = ?, error_kind = ?, errcode = ?, message = ?, "
        "http_status = ?, attempts = CASE WHEN ? >= 0 THEN ? ELSE attempts END, updated = ? "
        "WHERE job_id = ? AND position = ?"));
    q.addBindValue(itemStateName(state));
    q.addBindValue(int(error.kind));
    q.addBindValue(textOrNull(error.errcode));
    q.addBindValue(textOrNull(error.message));
    q.addBindValue(error.httpStatus);
    q.addBindValue(attempts);
    q.addBindValue(attempts);
    q.addBindValue(now());
    q.addBindValue(jobId);
    q.addBindValue(position);
    if (!q.exec() || q.numRowsAffected() != 1) {
        m_lastError = q.lastError().text();
        return false;
    }
    return true;
}

bool JobJournal::cancelJob(const QString &jobId)
{
    if (!begin())
        return false;
    const qint64 t = now();
    if (!exec(QStringLiteral("UPDATE jobs SET state = ?, updated = ? WHERE job_id = ?"),
              {jobStateName(JobState::Cancelled), t, jobId}) ||
        !exec(QStringLiteral("UPDATE job_items SET state = ?, updated = ? WHERE job_id = ? AND "
                             "state = ?"),
              {itemStateName(ItemState::Cancelled), t, jobId, itemStateName(ItemState::Pending)})) {
        rollback();
        return false;
    }
    return commit();
}

bool JobJournal::retryFailed(const QString &jobId)
{
    if (!begin())
        return false;
    const qint64 t = now();
    const QString clear = QStringLiteral(
        "UPDATE job_items SET state = ?, error_kind = 0, errcode = NULL, message = NULL, "
        "http_status = 0, updated = ? WHERE job_id = ? AND state = ?");
    if (!exec(clear,
              {itemStateName(ItemState::Pending), t, jobId, itemStateName(ItemState::Failed)}) ||
        !exec(clear,
              {itemStateName(ItemState::Sent), t, jobId, itemStateName(ItemState::Unknown)}) ||
        !exec(QStringLiteral("UPDATE jobs SET state = ?, updated = ? WHERE job_id = ?"),
              {jobStateName(JobState::Running), t, jobId})) {
        rollback();
        return false;
    }
    return commit();
}

bool JobJournal::removeJob(const QString &jobId)
{
    if (!begin())
        return false;
    if (!exec(QStringLiteral("DELETE FROM job_items WHERE job_id = ?"), {jobId}) ||
        !exec(QStringLiteral("DELETE FROM jobs WHERE job_id = ?"), {jobId})) {
        rollback();
        return false;
    }
    return commit();
}

JobJournal::Counts JobJournal::counts(const QString &jobId) const
{
    Counts c;
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    q.prepare(
        QStringLiteral("SELECT state, COUNT(*) FROM job_items WHERE job_id = ? GROUP BY state"));
    q.addBindValue(jobId);
    if (!q.exec())
        return c;
    while (q.next()) {
        const int n = q.value(1).toInt();
        switch (itemStateFromName(q.value(0).toString()).value_or(ItemState::Unknown)) {
        case ItemState::Pending:
            c.pending += n;
            break;
        case ItemState::Sent:
            c.sent += n;
            break;
        case ItemState::Succeeded:
            c.succeeded += n;
            break;
        case ItemState::Failed:
            c.failed += n;
            break;
        case ItemState::Cancelled:
            c.cancelled += n;
            break;
        case ItemState::Unknown:
            c.unknown += n;
            break;
        }
    }
    return c;
}

QList<JobJournal::Job> JobJournal::jobs(bool unfinishedOnly) const
{
    QList<Job> result;
    if (!isOpen())
        return result;
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    q.setForwardOnly(true);
    QString sql =
        QStringLiteral("SELECT job_id, kind, title, created, state, pace_ms, updated FROM jobs");
    if (unfinishedOnly)
        sql += QStringLiteral(" WHERE state IN ('running', 'paused') OR EXISTS (SELECT 1 FROM "
                              "job_items WHERE job_items.job_id = jobs.job_id AND "
                              "job_items.state = 'sent')");
    sql += QStringLiteral(" ORDER BY created, rowid");
    if (!q.exec(sql))
        return result;
    while (q.next()) {
        Job job;
        job.id = q.value(0).toString();
        job.kind = q.value(1).toString();
        job.title = q.value(2).toString();
        job.createdMs = q.value(3).toLongLong();
        job.state = jobStateFromName(q.value(4).toString()).value_or(JobState::Paused);
        job.paceMs = q.value(5).toLongLong();
        job.updatedMs = q.value(6).toLongLong();
        result.append(job);
    }
    q.finish();
    for (Job &job : result)
        job.counts = counts(job.id);
    return result;
}

std::optional<JobJournal::Job> JobJournal::job(const QString &jobId) const
{
    const QList<Job> all = jobs();
    for (const Job &j : all)
        if (j.id == jobId)
            return j;
    return std::nullopt;
}

QList<JobJournal::Item> JobJournal::items(const QString &jobId) const
{
    QList<Item> result;
    if (!isOpen())
        return result;
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT position, description, state, error_kind, errcode, message, "
                             "http_status, attempts, updated FROM job_items WHERE job_id = ? "
                             "ORDER BY position"));
    q.addBindValue(jobId);
    if (!q.exec())
        return result;
    while (q.next()) {
        Item item;
        item.position = q.value(0).toInt();
        item.description = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        // An unreadable state is treated as an outcome to find out, never as "not sent".
        item.state = itemStateFromName(q.value(2).toString()).value_or(ItemState::Sent);
        const int kind = q.value(3).toInt();
        item.error.kind = kind >= MatrixError::NoError && kind <= MatrixError::ResponseTooLarge
                              ? MatrixError::Kind(kind)
                              : MatrixError::Server;
        item.error.errcode = q.value(4).toString();
        item.error.message = q.value(5).toString();
        item.error.httpStatus = q.value(6).toInt();
        item.attempts = q.value(7).toInt();
        item.updatedMs = q.value(8).toLongLong();
        result.append(std::move(item));
    }
    return result;
}
