#pragma once

#include "api/syncresponse.h"
#include "store/roomsummary.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
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
    // that changed or were added; -1, with nothing applied, when a room's text is not valid
    // JSON (the answer is broken as a whole).
    int applySync(const SyncResponse &syncResponse);
    int applySync(const QJsonObject &syncResponse)
    {
        return applySync(SyncResponse::fromObject(syncResponse));
    }
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
    // We forgot the room (our /forget succeeded): removed, and a "leave" for it in a /sync
    // answer computed before the forget (the leave it followed) does not bring it back. A later
    // invite, knock or join does.
    void forgetRoom(const QString &roomId);
    // After an initial /sync (the complete inventory): rooms it did not mention are gone — e.g.
    // forgotten from another client, which incremental syncs never report. Returns their IDs.
    QStringList retainOnly(const SyncResponse &initialSyncResponse);
    QStringList retainOnly(const QJsonObject &initialSyncResponse)
    {
        return retainOnly(SyncResponse::fromObject(initialSyncResponse));
    }
    // After an inventory (an initial /sync taken while incremental syncs go on): the left and
    // banned rooms it does not list were forgotten; they are removed. Rooms in other sections
    // are left alone (they may have changed since the inventory was taken). Returns their IDs.
    QStringList dropForgotten(const SyncResponse &inventoryResponse);
    QStringList dropForgotten(const QJsonObject &inventoryResponse)
    {
        return dropForgotten(SyncResponse::fromObject(inventoryResponse));
    }
    // Shows rooms known from before (the account store) in an empty store; /sync then updates
    // them like any others.
    void restore(QList<RoomSummary> rooms);
    void clear();

    // --- Spaces and direct chats (issue 15) ---
    // The rooms the account's m.direct account data lists (rooms not known yet included), as
    // last seen; after restore(), the stored rooms marked direct.
    const QSet<QString> &directRoomIds() const { return m_directRooms; }
    // The spaces whose children group the list: the spaces the account has joined (only their
    // m.space.child events are seen, and they are what the space's admins say). In store order.
    QStringList joinedSpaceIds() const;
    // The joined spaces that list roomId as a child (its m.space.parent claims are not enough:
    // anyone who can edit a room can name any space its parent).
    QStringList spacesOf(const QString &roomId) const;
    bool isInAnySpace(const QString &roomId) const { return !spacesOf(roomId).isEmpty(); }
    // Everything below a joined space: its children, and the children of its joined sub-spaces,
    // at any depth (a cycle is followed once). Rooms not known to the store included; the space
    // itself only when a cycle leads back to it.
    QSet<QString> roomsInSpace(const QString &spaceId) const;
    // The known spaces (any membership) that `text` names: a room ID, a canonical alias
    // (case-insensitive), or a display name (case-insensitive, whole). Joined ones first.
    QStringList resolveSpaces(const QString &text) const;

signals:
    void roomsAboutToBeInserted(int first, int last);
    void roomsInserted(int first, int last);
    void roomsChanged(const QList<int> &rows);
    void roomRemoved(int row); // emitted before the row disappears: aboutToRemove
    void roomRemovedDone();
    void reset();
    void countsChanged();
    // A space came, went, or changed (children, name, membership): what spacesOf(),
    // roomsInSpace() and resolveSpaces() answer may differ. After the rows' own signals.
    void spacesChanged();

private:
    // Pure functions of their arguments and m_ownUserId: safe to run for many rooms in parallel.
    bool applyRoom(RoomSummary &room, Membership::Value membership, const QJsonObject &json) const;
    void applyStateEvent(RoomSummary &room, const QJsonObject &event) const;

    // Sets inDirectMap from m_directRooms; whether it changed.
    bool updateDirect(RoomSummary &room) const;
    void invalidateSpaces();
    static bool affectsSpaces(const RoomSummary &before, const RoomSummary &after);

    QList<RoomSummary> m_rooms;
    QHash<QString, int> m_index;
    QSet<QString> m_directRooms;
    QSet<QString> m_forgotten; // see forgetRoom()
    // roomId -> the joined spaces that list it; built on demand, dropped when spaces change.
    mutable QHash<QString, QStringList> m_parentsOf;
    mutable bool m_spaceIndexValid = false;
    QString m_ownUserId;
    int m_skippedRooms = 0;
};
