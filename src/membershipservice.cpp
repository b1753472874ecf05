#include "membershipservice.h"

#include "apiclient.h"
#include "identifiers.h"
#include "roomstore.h"

#include <QJsonArray>
#include <QTimer>

namespace {
constexpr int MaxViaServers = 3;
constexpr qsizetype MaxReasonLength = 1024;
constexpr int StatusExpiryMs = 15000;

QString describe(const QString &action, const QString &target)
{
    if (action == QLatin1String("join"))
        return QStringLiteral("Joining %1").arg(target);
    if (action == QLatin1String("leave"))
        return QStringLiteral("Leaving %1").arg(target);
    if (action == QLatin1String("invite"))
        return QStringLiteral("Inviting to %1").arg(target);
    return QStringLiteral("Forgetting %1").arg(target);
}
} // namespace

MembershipService::MembershipService(ApiClient *api, RoomStore *store, QObject *parent)
    : QObject(parent), m_api(api), m_store(store), m_statusExpiry(new QTimer(this))
{
    m_statusExpiry->setSingleShot(true);
    m_statusExpiry->setInterval(StatusExpiryMs);
    connect(m_statusExpiry, &QTimer::timeout, this, [this] {
        if (m_pending.isEmpty())
            setStatusText({}, false);
    });
}

void MembershipService::setStatusText(const QString &text, bool expires)
{
    if (expires)
        m_statusExpiry->start();
    else
        m_statusExpiry->stop();
    if (text == m_statusText)
        return;
    m_statusText = text;
    emit runningChanged();
}

QString MembershipService::pendingAction(const QString &roomIdOrAlias) const
{
    return m_pending.value(roomIdOrAlias);
}

int MembershipService::join(const QString &roomIdOrAlias, const QStringList &viaServers,
                            const QString &reason)
{
    const QString target = roomIdOrAlias.trimmed();
    QString error = Identifiers::validateRoomIdOrAlias(target);
    QStringList via;
    for (const QString &server : viaServers) {
        const QString s = server.trimmed();
        if (s.isEmpty() || via.contains(s))
            continue;
        if (const QString err = Identifiers::validateServerName(s); !err.isEmpty() && error.isEmpty())
            error = QStringLiteral("Via server: %1").arg(err);
        via << s;
    }
    if (via.size() > MaxViaServers)
        via = via.mid(0, MaxViaServers);
    if (error.isEmpty() && reason.size() > MaxReasonLength)
        error = QStringLiteral("The reason is too long (at most %1 characters).").arg(MaxReasonLength);

    QJsonObject body;
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    QByteArray path = m_api->clientPath({QStringLiteral("join"), target});
    // `via` since v1.12; `server_name` with the same values for servers that predate it.
    QList<std::pair<QString, QString>> query;
    for (const QString &s : via)
        query.append({QStringLiteral("via"), s});
    for (const QString &s : via)
        query.append({QStringLiteral("server_name"), s});
    path = ApiClient::withQuery(path, query);
    return start(QStringLiteral("join"), target, target, error, path, body);
}

int MembershipService::leave(const QString &roomId, const QString &reason)
{
    const QString target = roomId.trimmed();
    QString error = Identifiers::validateRoomId(target);
    if (error.isEmpty() && reason.size() > MaxReasonLength)
        error = QStringLiteral("The reason is too long (at most %1 characters).").arg(MaxReasonLength);
    QJsonObject body;
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    return start(QStringLiteral("leave"), target, target, error,
                 m_api->clientPath({QStringLiteral("rooms"), target, QStringLiteral("leave")}), body);
}

int MembershipService::invite(const QString &roomId, const QString &userId, const QString &reason)
{
    const QString target = roomId.trimmed();
    const QString user = userId.trimmed();
    QString error = Identifiers::validateRoomId(target);
    if (error.isEmpty())
        error = Identifiers::validateUserId(user);
    if (error.isEmpty() && reason.size() > MaxReasonLength)
        error = QStringLiteral("The reason is too long (at most %1 characters).").arg(MaxReasonLength);
    QJsonObject body{{QStringLiteral("user_id"), user}};
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    return start(QStringLiteral("invite"), target, target, error,
                 m_api->clientPath({QStringLiteral("rooms"), target, QStringLiteral("invite")}), body);
}

int MembershipService::forget(const QString &roomId)
{
    const QString target = roomId.trimmed();
    return start(QStringLiteral("forget"), target, target, Identifiers::validateRoomId(target),
                 m_api->clientPath({QStringLiteral("rooms"), target, QStringLiteral("forget")}), {});
}

int MembershipService::start(const QString &action, const QString &target,
                             const QString &displayTarget, const QString &validationError,
                             const QByteArray &path, const QJsonObject &body)
{
    const int id = m_nextId++;
    MatrixError error;
    if (!validationError.isEmpty())
        error = MatrixError::invalidInput(validationError);
    else if (!m_api->hasAccessToken())
        error = MatrixError::invalidInput(QStringLiteral("Sign in first."));
    else if (m_pending.contains(target))
        error = MatrixError::invalidInput(
            QStringLiteral("Already %1 this room; wait for it to finish.")
                .arg(describe(m_pending.value(target), QString()).trimmed().toLower()));
    if (error.isError()) {
        // Reported on the next event-loop turn so the caller has the request ID first.
        QTimer::singleShot(0, this, [=, this] { emit actionFinished(id, action, target, target, error); });
        return id;
    }

    m_pending.insert(target, action);
    m_lastError.remove(target);
    setStatusText(describe(action, displayTarget) + QStringLiteral("…"), false);
    emit actionStarted(id, action, target);
    emit pendingChanged(target);
    emit runningChanged();

    send({id, action, target, displayTarget, path, body});
    return id;
}

void MembershipService::send(const Request &r)
{
    ApiCall *call = m_api->post(r.path, r.body, RetryPolicy::membership());
    connect(call, &ApiCall::retrying, this, [=, this](int, qint64 delayMs, const MatrixError &e) {
        setStatusText(QStringLiteral("%1: waiting %2 s (%3)")
                          .arg(describe(r.action, r.displayTarget))
                          .arg((delayMs + 999) / 1000)
                          .arg(e.httpStatus == 429 ? QStringLiteral("server rate limit")
                                                   : e.summary()),
                      false);
        emit actionRetrying(r.id, r.action, r.target, delayMs, e);
    });
    connect(call, &ApiCall::succeeded, this, [=, this](const QJsonObject &response) {
        QString resultRoomId = r.target;
        if (r.action == QLatin1String("join")) {
            const QString joined = response.value(QLatin1String("room_id")).toString();
            if (Identifiers::validateRoomId(joined).isEmpty())
                resultRoomId = joined;
        }
        // /sync never reports a forgotten room again: drop it here.
        if (r.action == QLatin1String("forget") && m_store)
            m_store->removeRoom(r.target);
        finish(r.id, r.action, r.target, resultRoomId, {});
    });
    connect(call, &ApiCall::failed, this, [=, this](const MatrixError &e) {
        if (e.isUnknownToken() && e.softLogout) {
            // The session expired but may be continued: keep the action (still pending, nothing
            // lost) and send it again once the user has given a new token.
            m_parked.append(r);
            setStatusText(QStringLiteral("%1: waiting for you to sign in again")
                              .arg(describe(r.action, r.displayTarget)),
                          false);
            emit sessionExpired(e);
            return;
        }
        finish(r.id, r.action, r.target, r.target, e);
    });
}

void MembershipService::resumeParked()
{
    const QList<Request> parked = std::exchange(m_parked, {});
    for (const Request &r : parked) {
        setStatusText(describe(r.action, r.displayTarget) + QStringLiteral("…"), false);
        send(r);
    }
}

void MembershipService::cancelParked()
{
    const QList<Request> parked = std::exchange(m_parked, {});
    MatrixError cancelled;
    cancelled.kind = MatrixError::Cancelled;
    cancelled.message = QStringLiteral("Cancelled: signed out before it could be sent");
    for (const Request &r : parked)
        finish(r.id, r.action, r.target, r.target, cancelled);
}

void MembershipService::finish(int requestId, const QString &action, const QString &target,
                               const QString &resultRoomId, const MatrixError &error)
{
    m_pending.remove(target);
    if (error.isError())
        m_lastError.insert(target, error.summary());
    setStatusText(error.isError()
                      ? QStringLiteral("%1 failed: %2").arg(describe(action, target), error.summary())
                      : QString(),
                  error.isError());
    emit pendingChanged(target);
    emit runningChanged();
    emit actionFinished(requestId, action, target, resultRoomId, error);
}
