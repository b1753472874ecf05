#pragma once

#include "store/roomsummary.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>


// Every room of the account, kept in arrival order (the proxy model sorts). Fed by SyncEngine
// through applySync(); changed by MembershipService for what /sync never reports (forget).
class RoomStore : public QObject
{
    Q_OBJECT
public:
    explicit RoomStore(QObject *parent = nullptr);

    void setOwnUserId(const QString &userId) { m_ownUserId = userId; }
    QString ownUserId() const { return m_ownUserId; }

    int size() const { return static_cast<int>(m_rooms.size()); }
    const RoomSummary &at(int row) const { return m_rooms.at(row); }
    int indexOf(const QString &roomId) const { return m_index.value(roomId, -1); }
    const RoomSummary *find(const QString &roomId) const;
    int count(Membership::Value membership) const;
    // The room that replaced roomId, when both rooms agree (tombstone and create predecessor)
    // and we know the new room; else empty.
    QString successorOf(const QString &roomId) const;
    // Follows successorOf() to the newest room, stopping at a cycle; empty if not replaced.
    QString latestSuccessorOf(const QString &roomId) const;

    // Applies the "rooms" part of a /sync response: join, invite, knock and leave. A pending
    // knock is listed with Membership::Knock from its knock_state; accepted, the room comes back
    // as an invite; withdrawn or denied, as a leave. Each room is parsed on its own: a malformed
    // room is skipped (and counted) without affecting the others. Returns the number of rooms
    // that changed or were added.
    int applySync(const QJsonObject &syncResponse);
    int skippedRooms() const { return m_skippedRooms; }
    // Adds the rooms of a simplified sliding-sync response (MSC4186, its "rooms" object) that
    // the store does not know yet: the first rooms of a first launch, shown while the classic
    // initial /sync (the complete inventory) is prepared. A room already known is left alone:
    // what the store holds is at least as new. The account's membership comes from its own
    // m.room.member event (required_state "$ME"; the invite's stripped state). Each room is
    // parsed on its own: a malformed room or one whose membership cannot be told is skipped and
    // counted. So is a pending knock: it is left to the classic /sync that follows, which lists
    // it under rooms.knock with its knock_state (applySync). Returns the rooms added.
    int addFromSlidingSync(const QJsonObject &slidingSyncResponse);
    void removeRoom(const QString &roomId);
    // After an initial /sync (the complete inventory): rooms it did not mention are gone — e.g.
    // forgotten from another client, which incremental syncs never report. Returns their IDs.
    QStringList retainOnly(const QJsonObject &initialSyncResponse);
    // After an inventory (an initial /sync taken while incremental syncs go on): the left and
    // banned rooms it does not list were forgotten; they are removed. Rooms in other sections
    // are left alone (they may have changed since the inventory was taken). Returns their IDs.
    QStringList dropForgotten(const QJsonObject &inventoryResponse);
    // Shows rooms known from before (the account store) in an empty store; /sync then updates
    // them like any others.
    void restore(QList<RoomSummary> rooms);
    void clear();

signals:
    void roomsAboutToBeInserted(int first, int last);
    void roomsInserted(int first, int last);
    void roomsChanged(const QList<int> &rows);
    void roomRemoved(int row); // emitted before the row disappears: aboutToRemove
    void roomRemovedDone();
    void reset();
    void countsChanged();

private:
    // Pure functions of their arguments and m_ownUserId: safe to run for many rooms in parallel.
    bool applyRoom(RoomSummary &room, Membership::Value membership,
                   const QJsonObject &json) const;
    void applyStateEvent(RoomSummary &room, const QJsonObject &event) const;

    QList<RoomSummary> m_rooms;
    QHash<QString, int> m_index;
    QString m_ownUserId;
    int m_skippedRooms = 0;
};
