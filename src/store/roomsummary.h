#pragma once

#include "api/membership.h"

#include <QList>
#include <QString>
#include <QStringList>

// What Concierge knows about one room, accumulated from /sync state events.
struct RoomSummary
{
    QString roomId;
    Membership::Value membership = Membership::Join;
    QString name;           // m.room.name
    QString canonicalAlias; // m.room.canonical_alias
    QString topic;          // m.room.topic
    QString avatarMxc;      // m.room.avatar url, as sent (validated where it is used)
    QStringList heroes;     // m.heroes user IDs, for the name fallback
    // Display names of heroes and the inviter: a handful, so a flat list beats a hash in memory.
    QList<std::pair<QString, QString>> memberNames;
    void setMemberName(const QString &userId, const QString &displayName);
    int joinedMemberCount = -1; // -1: unknown (e.g. invites carry no summary)
    int invitedMemberCount = -1;
    QString inviterId;      // for invites: sender of our own m.room.member invite event
    QString tombstoneReplacement; // m.room.tombstone replacement_room, if any
    QString predecessor;          // m.room.create predecessor.room_id, if any
    // Spaces and direct chats (issue 15).
    QString roomType; // m.room.create content.type ("m.space" for a space), as sent, bounded
    // In the account's m.direct account data (a map user -> room IDs), as last seen.
    bool inDirectMap = false;
    // An invite whose m.room.member event (ours, in the stripped state) says is_direct.
    bool directInvite = false;
    // A space's children: the state keys of its m.space.child events that have a non-empty
    // `via` (an event without one removes the child), in the order they came.
    QStringList childIds;
    // The spaces this room names as parents: m.space.parent events with a non-empty `via`. A
    // room's own claim, which nobody in the space has to agree with: shown, never trusted for
    // grouping (see RoomStore::spacesOf()).
    QStringList parentIds;
    bool isSpace() const { return roomType == QLatin1String("m.space"); }
    // A direct chat: listed in m.direct, or an invite that says it is one.
    bool isDirect() const
    {
        return inDirectMap || (membership == Membership::Invite && directInvite);
    }
    // Derived after every change, so sorting and filtering thousands of rows compares plain
    // strings instead of recomputing names: the case-folded display name, and the case-folded
    // "name alias id" that the filter searches.
    QString sortKey;
    QString searchText;

    void updateDerived();

    // The spec's "calculating the display name for a room": name, canonical alias, heroes,
    // then "Empty room".
    QString displayName() const;
    QString memberDisplayName(const QString &userId) const;
};
