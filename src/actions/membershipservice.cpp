#include "actions/membershipservice.h"

#include "api/endpoints.h"
#include "api/safetext.h"
#include "sync/roomstore.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QTimer>

namespace {
constexpr int StatusExpiryMs = 15000;
// Refusals and checks are no room's latest operation; the most recent ones are kept so that
// whoever asked (a dialog, a script, the queue) can still read how they ended.
constexpr qsizetype KeptUnlisted = 16;

// The room the list shows for a room ID, or for an alias that is a room's canonical alias (one
// pass over the rooms: only for an action by alias, which a person starts by hand).
const RoomSummary *findByIdOrAlias(const RoomStore &store, const QString &roomIdOrAlias)
{
    if (const RoomSummary *room = store.find(roomIdOrAlias))
        return room;
    if (!roomIdOrAlias.startsWith(QLatin1Char('#')))
        return nullptr;
    for (int row = 0; row < store.size(); ++row)
        if (store.at(row).canonicalAlias == roomIdOrAlias)
            return &store.at(row);
    return nullptr;
}
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

QString MembershipService::validate(Operation::Description *description)
{
    return description->normalize();
}

QString MembershipService::ownUserId() const
{
    return m_store ? m_store->ownUserId() : QString();
}

Operation *MembershipService::join(const QString &roomIdOrAlias, const QStringList &viaServers,
                                   const QString &reason, const QString &roomName)
{
    Operation::Description d;
    d.kind = Operation::Join;
    d.target = roomIdOrAlias;
    d.via = viaServers;
    d.reason = reason;
    d.targetName = SafeText::forDisplay(roomName);
    return run(std::move(d));
}

Operation *MembershipService::leave(const QString &roomId, const QString &reason, bool alsoForget)
{
    Operation::Description d;
    d.kind = alsoForget ? Operation::LeaveAndForget : Operation::Leave;
    d.target = roomId;
    d.reason = reason;
    return run(std::move(d));
}

Operation *MembershipService::invite(const QString &roomId, const QString &userId,
                                     const QString &reason)
{
    Operation::Description d;
    d.kind = Operation::Invite;
    d.target = roomId;
    d.userId = userId;
    d.reason = reason;
    return run(std::move(d));
}

Operation *MembershipService::forget(const QString &roomId)
{
    Operation::Description d;
    d.kind = Operation::Forget;
    d.target = roomId;
    return run(std::move(d));
}

Operation *MembershipService::knock(const QString &roomIdOrAlias, const QStringList &viaServers,
                                    const QString &reason, const QString &roomName)
{
    Operation::Description d;
    d.kind = Operation::Knock;
    d.target = roomIdOrAlias;
    d.via = viaServers;
    d.reason = reason;
    d.targetName = SafeText::forDisplay(roomName);
    return run(std::move(d));
}

Operation *MembershipService::moderate(Operation::Kind kind, const QString &roomId,
                                       const QString &userId, const QString &reason)
{
    Operation::Description d;
    d.kind = kind;
    d.target = roomId;
    d.userId = userId;
    d.reason = reason;
    return run(std::move(d));
}

Operation *MembershipService::kick(const QString &roomId, const QString &userId,
                                   const QString &reason)
{
    return moderate(Operation::Kick, roomId, userId, reason);
}

Operation *MembershipService::ban(const QString &roomId, const QString &userId,
                                  const QString &reason)
{
    return moderate(Operation::Ban, roomId, userId, reason);
}

Operation *MembershipService::unban(const QString &roomId, const QString &userId,
                                    const QString &reason)
{
    return moderate(Operation::Unban, roomId, userId, reason);
}

Operation *MembershipService::run(Operation::Description description)
{
    return create(std::move(description), Send);
}

Operation *MembershipService::check(Operation::Description description)
{
    return create(std::move(description), CheckOnly);
}

Operation *MembershipService::create(Operation::Description description, Mode mode)
{
    const QString validationError = description.normalize();
    if (m_store) {
        // Messages name the room as the list shows it, not by its ID (a name given for a room
        // the list does not know stays).
        if (const RoomSummary *room = m_store->find(description.target))
            description.targetName = room->displayName();
    }
    auto *operation = new Operation(std::move(description), this);
    // QML receives it from an invokable: it stays ours, never collected by the JS engine.
    QJSEngine::setObjectOwnership(operation, QJSEngine::CppOwnership);

    if (!validationError.isEmpty()) {
        refuseLater(operation, MatrixError::invalidInput(validationError));
        return operation;
    }
    if (validationError.isEmpty() && operation->kind() == Operation::Knock && m_store) {
        // What the room list knows makes a knock pointless: say so instead of sending it. The
        // room is found by its ID or, for a knock by alias, by its canonical alias.
        if (const RoomSummary *room = findByIdOrAlias(*m_store, operation->target())) {
            const QString name = room->displayName();
            QString why;
            if (room->membership == Membership::Join)
                why = tr("You are already in %1.").arg(name);
            else if (room->membership == Membership::Invite)
                why = tr("You are invited to %1 already: accept the invite instead.").arg(name);
            else if (room->membership == Membership::Ban)
                why = tr("You are banned from %1.").arg(name);
            else if (room->membership == Membership::Knock)
                why = tr("You have already asked to join %1.").arg(name);
            if (!why.isEmpty()) {
                refuseLater(operation, MatrixError::invalidInput(why));
                return operation;
            }
        }
    }
    if (!m_api->hasAccessToken()) {
        refuseLater(operation, MatrixError::invalidInput(tr("Sign in first.")));
        return operation;
    }
    if (Operation *running = m_latest.value(operation->description().busyKey());
        running && !running->isFinished()) {
        // The running one is left alone, and stays the room's latest operation.
        refuseLater(operation, MatrixError::invalidInput(
                                   tr("%1 is already in progress; wait for it to finish or "
                                      "cancel it.")
                                       .arg(running->actionText())));
        return operation;
    }

    if (mode == CheckOnly) {
        // Changes nothing: neither the room's row nor the status line follow it.
        keepUnlisted(operation);
        operation->startCheck(m_api, ownUserId());
        return operation;
    }
    if (operation->kind() == Operation::Join && m_store) {
        const RoomSummary *room = m_store->find(operation->target());
        if (room && room->membership == Membership::Invite && room->directInvite &&
            !room->inviterId.isEmpty())
            m_directInviters.insert(room->roomId, room->inviterId);
        if (!room) {
            // Not known yet: is it the new version a joined room's tombstone points to?
            for (int row = 0; row < m_store->size(); ++row) {
                const RoomSummary &old = m_store->at(row);
                if (old.membership == Membership::Join &&
                    old.tombstoneReplacement == operation->target()) {
                    m_unverifiedSuccessors.insert(operation->target(), old.roomId);
                    break;
                }
            }
        }
    }
    track(operation);
    operation->start(m_api, ownUserId(), m_retry);
    return operation;
}

void MembershipService::keepUnlisted(Operation *operation)
{
    m_unlisted.append(operation);
    while (m_unlisted.size() > KeptUnlisted)
        if (Operation *old = m_unlisted.takeFirst())
            old->deleteLater();
}

void MembershipService::refuseLater(Operation *operation, const MatrixError &error)
{
    keepUnlisted(operation);
    // Reported on the next event-loop turn so that the caller can connect to it first.
    QTimer::singleShot(0, operation, [this, operation, error] {
        operation->reject(error);
        showStatus(operation);
        emit operationFinished(operation);
    });
}

void MembershipService::track(Operation *operation)
{
    const QString target = operation->target();
    const QString key = operation->description().busyKey();
    if (Operation *previous = m_latest.value(key); previous && previous != operation)
        previous->deleteLater(); // finished: a running one would have refused this operation
    m_latest.insert(key, operation);

    connect(operation, &Operation::stateChanged, this, [this, operation] {
        // A confirmation by /sync updates an old operation: it takes the status line only if it
        // had it.
        if (!m_confirming || operation == m_statusOperation)
            showStatus(operation);
        const QString roomId = operation->resultRoomId();
        if (operation->kind() == Operation::Join && !roomId.isEmpty() &&
            roomId != operation->target())
            m_aliasTarget.insert(roomId, operation->target());
        emit operationChanged(operation->target());
        updateRunningCount();
    });
    connect(operation, &Operation::finished, this, [this, operation] {
        if (operation->state() == Operation::Succeeded && m_store &&
            (operation->kind() == Operation::Forget ||
             operation->kind() == Operation::LeaveAndForget))
            m_store->forgetRoom(operation->target()); // /sync never reports a forgotten room again
        if (operation->kind() == Operation::Join) {
            const bool joined = operation->state() == Operation::Succeeded;
            const QString inviter = m_directInviters.take(operation->target());
            if (joined && !inviter.isEmpty())
                recordDirectChat(operation->target(), inviter);
            const QString oldRoom = m_unverifiedSuccessors.take(operation->target());
            if (joined && !oldRoom.isEmpty())
                verifySuccessor(operation->target(), oldRoom);
        }
        emit operationFinished(operation);
    });
    connect(operation, &Operation::authFailed, this, [this, operation](const MatrixError &e) {
        if (m_parkOnSoftLogout && e.softLogout && e.isUnknownToken()) {
            // The session expired but may be continued: keep the operation (nothing lost) and
            // send it again once the user has given a new token.
            operation->parkForSignIn(e);
            if (!m_parked.contains(operation))
                m_parked.append(operation);
        } else {
            // Failed with the server's answer before the session is torn down (which cancels
            // whatever else is still running).
            operation->reject(e);
        }
        emit tokenRejected(e);
    });
    showStatus(operation);
    emit operationChanged(target);
    updateRunningCount();
}

void MembershipService::recordDirectChat(const QString &roomId, const QString &inviter)
{
    const QString self = ownUserId();
    if (self.isEmpty())
        return;
    // Read fresh and written whole (the content replaces what is there): what other clients
    // wrote is kept.
    ApiCall *read = Endpoints::getAccountData(m_api, self, QStringLiteral("m.direct"));
    auto write = [this, self, roomId, inviter](QJsonObject content) {
        QJsonArray rooms = content.value(inviter).toArray();
        if (rooms.contains(roomId))
            return;
        rooms.append(roomId);
        content.insert(inviter, rooms);
        ApiCall *put = Endpoints::setAccountData(m_api, self, QStringLiteral("m.direct"), content);
        connect(put, &ApiCall::failed, this, [this, roomId](const MatrixError &error) {
            reportDirectChatFailure(roomId, error);
        });
    };
    connect(read, &ApiCall::succeeded, this, write);
    connect(read, &ApiCall::failed, this, [this, roomId, write](const MatrixError &error) {
        if (error.errcode == QLatin1String("M_NOT_FOUND"))
            write({}); // never set: this is the first direct chat
        else
            reportDirectChatFailure(roomId, error);
    });
}

void MembershipService::verifySuccessor(const QString &roomId, const QString &oldRoomId)
{
    ApiCall *call =
        Endpoints::getRoomStateWithKey(m_api, roomId, QStringLiteral("m.room.create"), QString());
    connect(call, &ApiCall::succeeded, this, [this, roomId, oldRoomId](const QJsonObject &body) {
        // The content, or (a server answering ?format=event by default) the whole event.
        const QJsonObject content = body.contains(QLatin1String("content"))
                                        ? body.value(QLatin1String("content")).toObject()
                                        : body;
        const QString predecessor = content.value(QLatin1String("predecessor"))
                                        .toObject()
                                        .value(QLatin1String("room_id"))
                                        .toString();
        if (predecessor == oldRoomId)
            return; // both sides agree
        const auto nameOf = [this](const QString &id) {
            const RoomSummary *room = m_store ? m_store->find(id) : nullptr;
            return room ? room->displayName() : id;
        };
        m_statusOperation = nullptr;
        m_statusText = tr("Joined %1, but it does not say it replaces %2: it may not be that "
                          "room's new version. Leave it if you did not mean to join it.")
                           .arg(nameOf(roomId), nameOf(oldRoomId));
        m_statusState = Operation::Failed;
        m_statusExpiry->start();
        emit statusChanged();
    });
}

void MembershipService::reportDirectChatFailure(const QString &roomId, const MatrixError &error)
{
    QString name = roomId;
    if (const RoomSummary *room = m_store ? m_store->find(roomId) : nullptr)
        name = room->displayName();
    // The join itself succeeded: said on the status line, not as a failed join.
    m_statusOperation = nullptr;
    m_statusText =
        tr("Joined %1, but it could not be marked as a direct chat: %2").arg(name, error.summary());
    m_statusState = Operation::Failed;
    m_statusExpiry->start();
    emit statusChanged();
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
    if (operation->state() == Operation::Waiting && operation->retryAt().isValid() &&
        !m_countdown->isActive())
        m_countdown->start();
    emit statusChanged();
}

void MembershipService::updateRunningCount()
{
    const int count = runningCount();
    if (count == m_runningCount)
        return;
    m_runningCount = count;
    emit runningChanged();
}

Operation *MembershipService::operationFor(const QString &roomIdOrAlias) const
{
    return m_latest.value(roomIdOrAlias);
}

void MembershipService::dismissError(const QString &roomIdOrAlias)
{
    const Operation *operation = m_latest.value(roomIdOrAlias);
    if (!operation ||
        (operation->state() != Operation::Failed && operation->state() != Operation::Unknown))
        return;
    m_latest.remove(roomIdOrAlias);
    emit operationChanged(roomIdOrAlias);
}

Operation *MembershipService::moderationFor(const QString &roomId, const QString &userId) const
{
    Operation::Description d;
    d.kind = Operation::Kick; // any moderation kind: they share the key
    d.target = roomId;
    d.userId = userId;
    return m_latest.value(d.busyKey());
}

QString MembershipService::displayNameFor(const QString &roomId) const
{
    const RoomSummary *room = m_store ? m_store->find(roomId) : nullptr;
    return room ? room->displayName() : QString();
}

bool MembershipService::isBusy(const QString &roomIdOrAlias) const
{
    const Operation *operation = operationFor(roomIdOrAlias);
    return operation && !operation->isFinished();
}

bool MembershipService::isBusy(const Operation::Description &description) const
{
    const Operation *operation = m_latest.value(description.busyKey());
    return operation && !operation->isFinished();
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
    m_confirming = true;
    for (int row : rows) {
        const RoomSummary &room = m_store->at(row);
        Operation *operation = m_latest.value(room.roomId);
        if (!operation)
            operation = m_latest.value(m_aliasTarget.value(room.roomId));
        if (operation && operation->wantedMembership() == room.membership)
            operation->confirmBySync();
    }
    m_confirming = false;
}

void MembershipService::resumeParked()
{
    const auto parked = std::exchange(m_parked, {});
    for (const auto &operation : parked)
        if (operation && operation->state() == Operation::Waiting)
            operation->start(m_api, ownUserId(), m_retry);
}

void MembershipService::cancelAll(const QString &why)
{
    m_parked.clear();
    const auto operations = m_latest.values();
    for (const auto &operation : operations)
        if (operation)
            operation->abandon(why);
}
