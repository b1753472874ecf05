#include "actions/userblocking.h"

#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"
#include "session/session.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QTimer>

namespace {
const QLatin1String kIgnoredUsers("ignored_users");
const QLatin1String kDefaultAction("default_action");

bool isNotFound(const MatrixError &error)
{
    return error.kind == MatrixError::Server && error.httpStatus == 404 &&
           error.errcode == QLatin1String("M_NOT_FOUND");
}
} // namespace

UserBlocking::UserBlocking(ApiClient *api, Session *session, SyncEngine *sync, QObject *parent)
    : QObject(parent), m_api(api), m_session(session), m_sync(sync)
{
    if (m_session) {
        connect(m_session, &Session::signedIn, this, &UserBlocking::load);
        connect(m_session, &Session::signedOut, this, &UserBlocking::clear);
    }
    if (m_sync)
        connect(m_sync, &SyncEngine::responseApplied, this, &UserBlocking::applySync);
}

QString UserBlocking::userId() const
{
    if (!m_userIdOverride.isEmpty())
        return m_userIdOverride;
    return m_session ? m_session->userId() : QString();
}

QStringList UserBlocking::ignoredFromContent(const QJsonObject &content)
{
    QStringList users;
    const QJsonObject ignored = content.value(kIgnoredUsers).toObject();
    for (auto it = ignored.begin(); it != ignored.end(); ++it) {
        if (Identifiers::validateUserId(it.key()).isEmpty())
            users << it.key();
    }
    users.sort();
    return users;
}

UserBlocking::InvitePermission UserBlocking::permissionFromContent(const QJsonObject &content)
{
    // A missing, invalid or unsupported value means invites are received as normal.
    return content.value(kDefaultAction).toString() == QLatin1String("block") ? InvitesBlocked
                                                                              : InvitesAllowed;
}

void UserBlocking::applySync(const SyncResponse &syncResponse)
{
    const QJsonArray events =
        syncResponse.withoutRooms().value(u"account_data").toObject().value(u"events").toArray();
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        const QString type = event.value(u"type").toString();
        if (type == QLatin1String(IgnoredUsersType) || type == QLatin1String(InvitePermissionType))
            applyContent(type, event.value(u"content").toObject());
    }
}

void UserBlocking::applyContent(const QString &type, const QJsonObject &content)
{
    if (type == QLatin1String(IgnoredUsersType)) {
        const QStringList users = ignoredFromContent(content);
        if (users == m_ignored)
            return;
        m_ignored = users;
    } else {
        const InvitePermission permission = permissionFromContent(content);
        if (permission == m_permission)
            return;
        m_permission = permission;
    }
    emit changed();
}

void UserBlocking::load()
{
    if (m_loadQueued)
        return;
    m_loadQueued = true;
    m_loadError = {};
    const quint64 generation = m_generation;
    enqueue({QString::fromLatin1(IgnoredUsersType), nullptr, {}, [this](const MatrixError &error) {
                 m_loadError = error;
             }});
    enqueue({QString::fromLatin1(InvitePermissionType),
             nullptr,
             {},
             [this, generation](const MatrixError &error) {
                 m_loadQueued = false;
                 if (generation != m_generation)
                     return;
                 const MatrixError first = m_loadError.isError() ? m_loadError : error;
                 setError(first);
                 if (first.isError())
                     emit requestFinished(first);
                 else
                     emit loaded();
             }});
}

void UserBlocking::enqueueRequest(const QString &type, std::function<bool(QJsonObject &)> modify,
                                  const MatrixError &refusal)
{
    enqueue({type, std::move(modify), refusal, [this](const MatrixError &error) {
                 setError(error);
                 emit requestFinished(error);
             }});
}

void UserBlocking::ignore(const QStringList &userIds)
{
    MatrixError refusal;
    QStringList users;
    for (const QString &raw : userIds) {
        const QString id = raw.trimmed();
        if (const QString why = Identifiers::validateUserId(id); !why.isEmpty()) {
            refusal = MatrixError::invalidInput(tr("“%1”: %2").arg(id, why));
            break;
        }
        if (!users.contains(id))
            users << id;
    }
    if (!refusal.isError() && users.isEmpty())
        refusal = MatrixError::invalidInput(tr("No user to ignore."));
    if (!refusal.isError() && users.contains(userId()))
        refusal = MatrixError::invalidInput(tr("You cannot ignore yourself."));
    enqueueRequest(
        QString::fromLatin1(IgnoredUsersType),
        [users](QJsonObject &content) {
            QJsonObject ignored = content.value(kIgnoredUsers).toObject();
            bool modified = false;
            for (const QString &id : users) {
                if (!ignored.contains(id)) {
                    ignored.insert(id, QJsonObject());
                    modified = true;
                }
            }
            // A content whose ignored_users is not an object is repaired.
            if (!content.value(kIgnoredUsers).isObject())
                modified = true;
            content.insert(kIgnoredUsers, ignored);
            return modified;
        },
        refusal);
}

void UserBlocking::unignore(const QString &raw)
{
    const QString id = raw.trimmed();
    MatrixError refusal;
    if (const QString why = Identifiers::validateUserId(id); !why.isEmpty())
        refusal = MatrixError::invalidInput(tr("“%1”: %2").arg(id, why));
    enqueueRequest(
        QString::fromLatin1(IgnoredUsersType),
        [id](QJsonObject &content) {
            QJsonObject ignored = content.value(kIgnoredUsers).toObject();
            if (!ignored.contains(id))
                return false;
            ignored.remove(id);
            content.insert(kIgnoredUsers, ignored);
            return true;
        },
        refusal);
}

void UserBlocking::setInvitesBlocked(bool blocked)
{
    enqueueRequest(QString::fromLatin1(InvitePermissionType), [blocked](QJsonObject &content) {
        if (blocked) {
            if (content.value(kDefaultAction).toString() == QLatin1String("block"))
                return false;
            content.insert(kDefaultAction, QStringLiteral("block"));
            return true;
        }
        // Missing means "receive invites as normal"; any other key stays.
        if (!content.contains(kDefaultAction))
            return false;
        content.remove(kDefaultAction);
        return true;
    });
}

void UserBlocking::enqueue(Change change)
{
    if (!change.refusal.isError() && userId().isEmpty())
        change.refusal = MatrixError::invalidInput(tr("Not signed in."));
    m_queue.append(std::move(change));
    updateBusy();
    if (!m_running) {
        m_running = true;
        // Never synchronously: the caller connects to requestFinished() after asking.
        QTimer::singleShot(0, this, [this, generation = m_generation] {
            if (generation == m_generation)
                startNext();
        });
    }
}

void UserBlocking::startNext()
{
    if (m_queue.isEmpty()) {
        m_running = false;
        updateBusy();
        return;
    }
    m_running = true;
    const Change &change = m_queue.first();
    if (change.refusal.isError()) {
        // Each outcome on its own event-loop turn, as if it had been sent.
        QTimer::singleShot(0, this, [this, generation = m_generation] {
            if (generation == m_generation) {
                const MatrixError refusal = m_queue.first().refusal; // a copy: the queue moves on
                finishChange(refusal);
            }
        });
        return;
    }
    const quint64 generation = m_generation;
    const QString type = change.type;
    m_call = Endpoints::getAccountData(m_api, userId(), type);
    connect(m_call, &ApiCall::succeeded, this, [this, generation, type](const QJsonObject &body) {
        if (generation != m_generation)
            return;
        QJsonObject content = body;
        applyContent(type, content);
        const auto modify = m_queue.first().modify;
        if (modify && modify(content))
            write(type, content);
        else
            finishChange({});
    });
    connect(m_call, &ApiCall::failed, this, [this, generation, type](const MatrixError &error) {
        if (generation != m_generation)
            return;
        if (!isNotFound(error)) {
            finishChange(error);
            return;
        }
        // Never set: nobody ignored, invites allowed.
        QJsonObject content;
        applyContent(type, content);
        const auto modify = m_queue.first().modify;
        if (modify && modify(content))
            write(type, content);
        else
            finishChange({});
    });
}

void UserBlocking::write(const QString &type, const QJsonObject &content)
{
    const quint64 generation = m_generation;
    m_call = Endpoints::setAccountData(m_api, userId(), type, content);
    connect(m_call, &ApiCall::succeeded, this,
            [this, generation, type, content](const QJsonObject &) {
                if (generation != m_generation)
                    return;
                applyContent(type, content);
                finishChange({});
            });
    connect(m_call, &ApiCall::failed, this, [this, generation](const MatrixError &error) {
        if (generation == m_generation)
            finishChange(error);
    });
}

void UserBlocking::finishChange(const MatrixError &error)
{
    if (m_queue.isEmpty())
        return;
    const Change change = m_queue.takeFirst();
    m_call.clear();
    // Before done(): a change asked for from its requestFinished() handler queues behind.
    startNext();
    if (change.done)
        change.done(error);
}

void UserBlocking::updateBusy()
{
    const bool busy = m_running || !m_queue.isEmpty();
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void UserBlocking::setError(const MatrixError &error)
{
    QString text;
    if (error.isError())
        text = error.kind == MatrixError::InvalidInput ? error.message : error.summary();
    if (text == m_errorText)
        return;
    m_errorText = text;
    emit errorTextChanged();
}

void UserBlocking::clear()
{
    ++m_generation;
    if (m_call)
        m_call->abort();
    m_call.clear();
    const QList<Change> dropped = std::exchange(m_queue, {});
    m_running = false;
    m_loadQueued = false;
    updateBusy();
    // Every request asked for still ends, once.
    for (const Change &change : dropped) {
        if (change.done)
            change.done(MatrixError::cancelled(tr("Signed out")));
    }
    setError({});
    const bool wasKnown = !m_ignored.isEmpty() || m_permission != PermissionUnknown;
    m_ignored.clear();
    m_permission = PermissionUnknown;
    if (wasKnown)
        emit changed();
}
