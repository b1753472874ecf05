#include "actions/membershipservice.h"

#include "api/identifiers.h"
#include "sync/roomstore.h"

#include <QJSEngine>
#include <QTimer>

namespace {
constexpr int StatusExpiryMs = 15000;
} // namespace

MembershipService::MembershipService(ApiClient *api, RoomStore *store, QObject *parent)
    : QObject(parent), m_api(api), m_store(store), m_statusExpiry(new QTimer(this)),
      m_countdown(new QTimer(this))
{
    m_statusExpiry->setSingleShot(true);
    m_statusExpiry->setInterval(StatusExpiryMs);
    connect(m_statusExpiry, &QTimer::timeout, this, [this] {
        if (runningCount() > 0 || m_statusText.isEmpty())
            return;
        m_statusText.clear();
        m_statusOperation = nullptr;
        emit statusChanged();
    });
    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, [this] {
        if (m_statusOperation && m_statusOperation->state() == Operation::Waiting)
            showStatus(m_statusOperation);
        else
            m_countdown->stop();
    });
    if (m_store) {
        connect(m_store, &RoomStore::roomsChanged, this, &MembershipService::confirmFromStore);
        connect(m_store, &RoomStore::roomsInserted, this, [this](int first, int last) {
            QList<int> rows;
            for (int row = first; row <= last; ++row)
                rows << row;
            confirmFromStore(rows);
        });
    }
}

QString MembershipService::validate(Operation::Description *d)
{
    d->target = d->target.trimmed();
    d->userId = d->userId.trimmed();
    QString error = d->kind == Operation::Join ? Identifiers::validateRoomIdOrAlias(d->target)
                                               : Identifiers::validateRoomId(d->target);
    if (error.isEmpty() && d->kind == Operation::Invite)
        error = Identifiers::validateUserId(d->userId);
    QStringList via;
    if (const QString viaError = Identifiers::validateViaServers(d->via, &via);
        error.isEmpty() && !viaError.isEmpty())
        error = viaError;
    d->via = via;
    if (error.isEmpty() && d->reason.size() > MaxReasonLength)
        error = tr("The reason is too long (at most %1 characters).").arg(MaxReasonLength);
    return error;
}

Operation *MembershipService::join(const QString &roomIdOrAlias, const QStringList &viaServers,
                                   const QString &reason)
{
    return run({{}, Operation::Join, roomIdOrAlias, {}, reason, viaServers, {}});
}

Operation *MembershipService::leave(const QString &roomId, const QString &reason, bool alsoForget)
{
    return run({{}, alsoForget ? Operation::LeaveAndForget : Operation::Leave, roomId, {}, reason, {}, {}});
}

Operation *MembershipService::invite(const QString &roomId, const QString &userId,
                                     const QString &reason)
{
    return run({{}, Operation::Invite, roomId, userId, reason, {}, {}});
}

Operation *MembershipService::forget(const QString &roomId)
{
    return run({{}, Operation::Forget, roomId, {}, {}, {}, {}});
}

Operation *MembershipService::run(Operation::Description description)
{
    const QString validationError = validate(&description);
    if (description.targetName.isEmpty() && m_store) {
        // Messages name the room as the list shows it, not by its ID.
        if (const RoomSummary *room = m_store->find(description.target))
            description.targetName = room->displayName();
    }
    auto *operation = new Operation(description, this);
    // QML receives it from an invokable: it stays ours, never collected by the JS engine.
    QJSEngine::setObjectOwnership(operation, QJSEngine::CppOwnership);

    MatrixError refusal;
    if (!validationError.isEmpty())
        refusal = MatrixError::invalidInput(validationError);
    else if (!m_api->hasAccessToken())
        refusal = MatrixError::invalidInput(tr("Sign in first."));
    else if (Operation *running = operationFor(description.target); running && !running->isFinished())
        refusal = MatrixError::invalidInput(
            tr("“%1” is already in progress for this room; wait for it to finish.")
                .arg(running->statusText()));
    if (refusal.isError()) {
        // Reported on the next event-loop turn so that the caller can bind to it first. The
        // refused operation does not replace the room's running one.
        QTimer::singleShot(0, operation, [this, operation, refusal] {
            operation->reject(refusal);
            showStatus(operation);
            emit operationFinished(operation);
            operation->deleteLater();
        });
        return operation;
    }

    track(operation);
    emit operationStarted(operation);
    operation->start(m_api, m_store ? m_store->ownUserId() : QString(), m_retry);
    return operation;
}

void MembershipService::track(Operation *operation)
{
    const QString target = operation->target();
    if (Operation *previous = m_latest.value(target); previous && previous != operation)
        previous->deleteLater();
    m_latest.insert(target, operation);

    connect(operation, &Operation::stateChanged, this, [this, operation] {
        showStatus(operation);
        emit operationChanged(operation->target());
        emit runningChanged();
    });
    connect(operation, &Operation::finished, this, [this, operation] {
        if (operation->state() == Operation::Succeeded && m_store &&
            (operation->kind() == Operation::Forget || operation->kind() == Operation::LeaveAndForget))
            m_store->removeRoom(operation->target()); // /sync never reports a forgotten room again
        emit operationFinished(operation);
    });
    connect(operation, &Operation::authFailed, this, [this, operation](const MatrixError &e) {
        if (m_parkOnSoftLogout && e.softLogout && e.isUnknownToken()) {
            // The session expired but may be continued: keep the operation (nothing lost) and
            // send it again once the user has given a new token.
            operation->parkForSignIn(e);
            m_parked.append(operation);
            emit sessionExpired(e);
            return;
        }
        emit authFailed(e);
    });
    showStatus(operation);
    emit operationChanged(operation->target());
    emit runningChanged();
}

void MembershipService::showStatus(Operation *operation)
{
    m_statusOperation = operation;
    m_statusText = operation->statusText();
    m_statusState = operation->state();
    if (operation->isFinished())
        m_statusExpiry->start();
    else
        m_statusExpiry->stop();
    if (operation->state() == Operation::Waiting && operation->retryAt().isValid()) {
        if (!m_countdown->isActive())
            m_countdown->start();
    }
    emit statusChanged();
}

Operation *MembershipService::operationFor(const QString &roomIdOrAlias) const
{
    return m_latest.value(roomIdOrAlias);
}

int MembershipService::runningCount() const
{
    int n = 0;
    for (const auto &operation : m_latest)
        n += operation && !operation->isFinished();
    return n;
}

void MembershipService::confirmFromStore(const QList<int> &rows)
{
    if (m_latest.isEmpty())
        return;
    for (int row : rows) {
        const RoomSummary &room = m_store->at(row);
        Operation *operation = m_latest.value(room.roomId);
        if (operation && operation->wantedMembership() == room.membership)
            operation->confirmBySync();
    }
}

void MembershipService::resumeParked()
{
    const auto parked = std::exchange(m_parked, {});
    for (const auto &operation : parked)
        if (operation && operation->state() == Operation::Waiting)
            operation->start(m_api, m_store ? m_store->ownUserId() : QString(), m_retry);
}

void MembershipService::cancelParked()
{
    const auto parked = std::exchange(m_parked, {});
    for (const auto &operation : parked)
        if (operation)
            operation->cancel();
}
