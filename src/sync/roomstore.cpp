#include "sync/roomstore.h"

#include "api/identifiers.h"
#include "api/safetext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>

namespace {
constexpr QStringView kState = u"state";
constexpr QStringView kStateKey = u"state_key";
constexpr QStringView kType = u"type";
constexpr QStringView kContent = u"content";
constexpr QStringView kEvents = u"events";

// A 5 MB room name must not reach the UI: server text is cut to this many characters.
constexpr qsizetype MaxTextLength = 1024;
// A space lists at most this many children that the list groups by (and a room this many
// parents): a hostile space cannot make every row of the list cost memory.
constexpr qsizetype MaxSpaceLinks = 10000;
// Below this many rooms in one response, threads cost more than they save.
constexpr qsizetype ParallelThreshold = 64;

// Every server string the list shows (names, topics, display names) goes through here: one
// line, no control, bidi or invisible formatting characters (SafeText::forDisplay), bounded.
QString boundedText(const QJsonValue &value)
{
    return SafeText::forDisplay(value.toString(), MaxTextLength);
}
} // namespace

RoomStore::RoomStore(QObject *parent) : QObject(parent) {}

const RoomSummary *RoomStore::find(const QString &roomId) const
{
    const int row = indexOf(roomId);
    return row < 0 ? nullptr : &m_rooms.at(row);
}

QString RoomStore::successorOf(const QString &roomId) const
{
    const RoomSummary *room = find(roomId);
    if (!room || room->tombstoneReplacement.isEmpty())
        return {};
    // Both sides must agree: the old room's tombstone names the new room, and the new room's
    // create event names the old one. A one-sided link could swap in an attacker's room.
    const RoomSummary *next = find(room->tombstoneReplacement);
    return next && next->predecessor == roomId ? next->roomId : QString();
}

QString RoomStore::latestSuccessorOf(const QString &roomId) const
{
    QSet<QString> seen{roomId};
    QString current = roomId;
    for (;;) {
        const QString next = successorOf(current);
        if (next.isEmpty() || seen.contains(next)) // end of the chain, or a cycle
            return current == roomId ? QString() : current;
        seen.insert(next);
        current = next;
    }
}

int RoomStore::count(Membership::Value membership) const
{
    int n = 0;
    for (const RoomSummary &room : m_rooms)
        n += room.membership == membership;
    return n;
}

void RoomStore::applyStateEvent(RoomSummary &room, const QJsonObject &event) const
{
    // Dispatch on the type first: most events (create, join rules, messages…) are not needed,
    // and every key lookup in a QJsonObject is a scan.
    enum Kind { Member, Name, Alias, Topic, Avatar, Tombstone, Create, SpaceChild, SpaceParent };
    const QString type = event.value(kType).toString();
    Kind kind;
    if (type == QLatin1String("m.room.member"))
        kind = Member;
    else if (type == QLatin1String("m.room.name"))
        kind = Name;
    else if (type == QLatin1String("m.room.canonical_alias"))
        kind = Alias;
    else if (type == QLatin1String("m.room.topic"))
        kind = Topic;
    else if (type == QLatin1String("m.room.avatar"))
        kind = Avatar;
    else if (type == QLatin1String("m.room.tombstone"))
        kind = Tombstone;
    else if (type == QLatin1String("m.room.create"))
        kind = Create;
    else if (type == QLatin1String("m.space.child"))
        kind = SpaceChild;
    else if (type == QLatin1String("m.space.parent"))
        kind = SpaceParent;
    else
        return;

    const QJsonValue stateKeyValue = event.value(kStateKey);
    if (!stateKeyValue.isString())
        return; // not a state event
    const QJsonObject content = event.value(kContent).toObject();

    if (kind == Member) {
        const QString stateKey = stateKeyValue.toString();
        // Only the names the list shows: heroes (for the name fallback) and, for invites, the
        // inviter. Keeping every lazy-loaded member would cost memory on large accounts.
        const bool isInvite = room.membership == Membership::Invite;
        if ((isInvite && Identifiers::validateUserId(stateKey).isEmpty()) ||
            room.heroes.contains(stateKey)) {
            const QJsonValue displayName = content.value(u"displayname");
            if (displayName.isString())
                room.setMemberName(stateKey, boundedText(displayName));
        }
        // Our own membership in a room of the "leave" section: the spec lists bans there too,
        // and only this event tells a ban from a leave.
        if (stateKey == m_ownUserId &&
            (room.membership == Membership::Leave || room.membership == Membership::Ban)) {
            const QString own = content.value(u"membership").toString();
            if (own == QLatin1String("ban"))
                room.membership = Membership::Ban;
            else if (own == QLatin1String("leave"))
                room.membership = Membership::Leave;
        }
        if (isInvite && stateKey == m_ownUserId &&
            content.value(u"membership").toString() == QLatin1String("invite")) {
            const QString sender = event.value(u"sender").toString();
            room.inviterId = Identifiers::validateUserId(sender).isEmpty() ? sender : QString();
            // The inviter says it is a direct chat (m.direct only lists it once accepted).
            room.directInvite = content.value(u"is_direct").toBool();
        }
        return;
    }
    if (kind == SpaceChild || kind == SpaceParent) {
        // The state key names the other room; the event counts only with a non-empty `via`
        // (the spec's rule: an event without one, e.g. content {}, removes the link).
        const QString other = stateKeyValue.toString();
        if (!Identifiers::validateRoomId(other).isEmpty())
            return;
        bool hasVia = false;
        for (const QJsonValue &via : content.value(u"via").toArray())
            hasVia |= via.isString() && !via.toString().isEmpty();
        QStringList &links = kind == SpaceChild ? room.childIds : room.parentIds;
        links.removeOne(other);
        if (hasVia && links.size() < MaxSpaceLinks)
            links.append(other);
        return;
    }
    if (!stateKeyValue.toString().isEmpty())
        return;
    switch (kind) {
    case Name:
        room.name = boundedText(content.value(u"name"));
        break;
    case Alias: {
        // An identifier cannot be cleaned without becoming another one: an alias that carries
        // hidden characters (bidi controls, line separators, escapes) is not shown at all.
        const QString alias = content.value(u"alias").toString();
        const bool usable = Identifiers::validateRoomAlias(alias).isEmpty() &&
                            SafeText::forDisplay(alias, MaxTextLength) == alias;
        room.canonicalAlias = usable ? alias : QString();
        break;
    }
    case Topic:
        room.topic = boundedText(content.value(u"topic"));
        break;
    case Avatar:
        room.avatarMxc = content.value(u"url").toString().left(MaxTextLength);
        break;
    case Tombstone: {
        const QString replacement = content.value(u"replacement_room").toString();
        room.tombstoneReplacement =
            Identifiers::validateRoomId(replacement).isEmpty() ? replacement : QString();
        break;
    }
    case Create: {
        const QString predecessor =
            content.value(u"predecessor").toObject().value(u"room_id").toString();
        room.predecessor =
            Identifiers::validateRoomId(predecessor).isEmpty() ? predecessor : QString();
        // The room type is namespaced text ("m.space"): bounded, never shown as such.
        const QJsonValue roomType = content.value(u"type");
        room.roomType = roomType.isString() ? roomType.toString().left(255) : QString();
        break;
    }
    case Member:
    case SpaceChild:
    case SpaceParent:
        break;
    }
}

bool RoomStore::applyRoom(RoomSummary &room, Membership::Value membership,
                          const QJsonObject &json) const
{
    // A banned room stays banned when the "leave" section mentions it again without our member
    // event (only a member event of ours lifts the ban: see applyStateEvent).
    if (!(membership == Membership::Leave && room.membership == Membership::Ban))
        room.membership = membership;
    auto applyEvents = [&](const QJsonValue &container) {
        const QJsonArray events = container.toObject().value(kEvents).toArray();
        for (const QJsonValue &event : events)
            if (event.isObject())
                applyStateEvent(room, event.toObject());
    };
    if (membership == Membership::Invite) {
        applyEvents(json.value(u"invite_state"));
        room.updateDerived();
        return true;
    }
    if (membership == Membership::Knock) {
        // A pending knock: what the room showed us when we knocked (stripped state: name,
        // alias, avatar, join rule, our own knock). No summary, no timeline.
        applyEvents(json.value(u"knock_state"));
        room.updateDerived();
        return true;
    }
    // The summary first: its heroes decide which member names are worth keeping.
    const QJsonObject summary = json.value(u"summary").toObject();
    if (const QJsonValue heroes = summary.value(u"m.heroes"); heroes.isArray()) {
        room.heroes.clear();
        for (const QJsonValue &hero : heroes.toArray()) {
            const QString id = hero.toString();
            if (room.heroes.size() < 5 && id != m_ownUserId &&
                Identifiers::validateUserId(id).isEmpty())
                room.heroes << id;
        }
    }
    if (const QJsonValue n = summary.value(u"m.joined_member_count"); n.isDouble())
        room.joinedMemberCount = qMax(0, n.toInt());
    if (const QJsonValue n = summary.value(u"m.invited_member_count"); n.isDouble())
        room.invitedMemberCount = qMax(0, n.toInt());
    applyEvents(json.value(kState));
    // State events in the timeline are part of the state too (e.g. a rename since last sync).
    applyEvents(json.value(u"timeline"));
    room.updateDerived();
    return true;
}

int RoomStore::applySync(const SyncResponse &syncResponse)
{
    // Phase 1: group the response by room (a room may appear in two sections of one response,
    // e.g. left and re-invited) and validate the room IDs. Rooms come join, invite, knock,
    // leave: a later section's part applies after an earlier one's.
    struct Update
    {
        RoomSummary room; // a copy of the stored summary, or a new one
        int row = -1;     // its row, or -1 for a new room
        QList<std::pair<Membership::Value, qsizetype>> parts; // section, index in the response
        bool valid = true;                                    // every part's text is valid JSON
    };
    QList<Update> updates;
    QHash<QString, int> updateIndex;
    // Kept aside until the answer is known to be whole (phase 2): a broken one changes nothing.
    int skipped = 0;
    QSet<QString> unforgotten;
    const QList<SyncResponse::Room> &listed = syncResponse.rooms();
    for (qsizetype i = 0; i < listed.size(); ++i) {
        const SyncResponse::Room &entry = listed.at(i);
        const QString &roomId = entry.roomId;
        if (!entry.isObject || !Identifiers::validateRoomId(roomId).isEmpty()) {
            ++skipped;
            continue;
        }
        if (!m_forgotten.isEmpty() && m_forgotten.contains(roomId) &&
            !unforgotten.contains(roomId)) {
            if (entry.section == Membership::Leave)
                continue;               // the leave we forgot after, arriving late
            unforgotten.insert(roomId); // invited, joined or knocking again (then left: a leave)
        }
        int &u = updateIndex[roomId];
        if (u == 0) {
            Update update;
            update.row = indexOf(roomId);
            if (update.row >= 0)
                update.room = m_rooms.at(update.row);
            else
                update.room.roomId = roomId;
            updates.append(std::move(update));
            u = int(updates.size()); // 1-based: 0 means "not seen yet"
        }
        updates[u - 1].parts.append({entry.section, i});
    }

    // Phase 2: parse each room on its own, and let go of its JSON once applied: a large
    // (initial) sync is never held parsed as a whole. Rooms are independent, so the work is
    // spread over the cores; the response is only read, never modified, while this runs.
    auto parse = [this, &syncResponse](Update &update) {
        for (const auto &[membership, index] : std::as_const(update.parts)) {
            bool valid = true;
            const QJsonObject json = syncResponse.roomObject(index, &valid);
            update.valid &= valid;
            if (valid)
                applyRoom(update.room, membership, json);
        }
    };
    if (updates.size() >= ParallelThreshold)
        QtConcurrent::blockingMap(updates, parse);
    else
        std::for_each(updates.begin(), updates.end(), parse);
    // Nothing is published yet: a broken answer changes nothing.
    if (std::any_of(updates.cbegin(), updates.cend(), [](const Update &u) { return !u.valid; }))
        return -1;
    m_skippedRooms += skipped;
    for (const QString &roomId : std::as_const(unforgotten))
        m_forgotten.remove(roomId);

    // The account's direct chats: m.direct, when this response carries it, replaces the map.
    bool directChanged = false;
    const QJsonArray accountData =
        syncResponse.withoutRooms().value(u"account_data").toObject().value(kEvents).toArray();
    for (const QJsonValue &value : accountData) {
        const QJsonObject event = value.toObject();
        if (event.value(kType).toString() != QLatin1String("m.direct"))
            continue;
        QSet<QString> direct;
        const QJsonObject byUser = event.value(kContent).toObject();
        for (auto it = byUser.begin(); it != byUser.end(); ++it) {
            if (!Identifiers::validateUserId(it.key()).isEmpty())
                continue;
            for (const QJsonValue &roomId : it.value().toArray())
                if (Identifiers::validateRoomId(roomId.toString()).isEmpty())
                    direct.insert(roomId.toString());
        }
        directChanged = direct != m_directRooms;
        m_directRooms = std::move(direct);
    }

    // Phase 3: publish. New rooms are appended in one insertion the model announces first.
    QList<RoomSummary> added;
    QList<int> changedRows;
    bool membershipCountsChanged = false;
    bool spaceStructureChanged = false;
    QSet<int> updatedRows;
    for (Update &update : updates) {
        updateDirect(update.room);
        if (update.row >= 0) {
            const RoomSummary &before = m_rooms.at(update.row);
            membershipCountsChanged |= before.membership != update.room.membership;
            spaceStructureChanged |= affectsSpaces(before, update.room);
            m_rooms[update.row] = std::move(update.room);
            changedRows << update.row;
            updatedRows.insert(update.row);
        } else {
            spaceStructureChanged |= update.room.isSpace();
            added.append(std::move(update.room));
            membershipCountsChanged = true;
        }
    }
    if (directChanged) {
        // Rooms this response did not mention may have joined or left the map.
        for (int row = 0; row < size(); ++row)
            if (!updatedRows.contains(row) && updateDirect(m_rooms[row]))
                changedRows << row;
    }
    if (!added.isEmpty()) {
        const int first = size();
        const int last = first + int(added.size()) - 1;
        emit roomsAboutToBeInserted(first, last);
        m_rooms.reserve(m_rooms.size() + added.size());
        for (RoomSummary &room : added) {
            m_index.insert(room.roomId, int(m_rooms.size()));
            m_rooms.append(std::move(room));
        }
        emit roomsInserted(first, last);
    }
    if (spaceStructureChanged)
        invalidateSpaces();
    if (!changedRows.isEmpty())
        emit roomsChanged(changedRows);
    if (membershipCountsChanged)
        emit countsChanged();
    if (spaceStructureChanged)
        emit spacesChanged();
    return int(added.size() + changedRows.size());
}

namespace {
// The account's own m.room.member event among `events`, or an empty object.
QJsonObject ownMemberEvent(const QJsonArray &events, const QString &ownUserId)
{
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        if (event.value(kType).toString() == QLatin1String("m.room.member") &&
            event.value(kStateKey).toString() == ownUserId && !ownUserId.isEmpty())
            return event;
    }
    return {};
}
} // namespace

int RoomStore::addFromSlidingSync(const QJsonObject &slidingSyncResponse)
{
    // Each room becomes what a classic /sync would have sent for it, in the section of the
    // account's membership; applySync() then parses it like any other.
    QJsonObject join, invite, leave;
    const QJsonObject rooms = slidingSyncResponse.value(u"rooms").toObject();
    for (auto it = rooms.begin(); it != rooms.end(); ++it) {
        const QString roomId = it.key();
        if (indexOf(roomId) >= 0)
            continue; // known already: at least as new as this
        const QJsonObject room = it.value().toObject();
        const QJsonValue inviteState = room.value(u"invite_state");
        const QJsonValue requiredState = room.value(u"required_state");
        if (!it.value().isObject() || !Identifiers::validateRoomId(roomId).isEmpty() ||
            (!inviteState.isUndefined() && !inviteState.isArray()) ||
            (!requiredState.isUndefined() && !requiredState.isArray())) {
            ++m_skippedRooms;
            continue;
        }
        if (inviteState.isArray()) {
            // Invites (and knocks) carry stripped state only, ending with our own event.
            const QJsonArray events = inviteState.toArray();
            const QString own = ownMemberEvent(events, m_ownUserId)
                                    .value(kContent)
                                    .toObject()
                                    .value(u"membership")
                                    .toString();
            if (own.isEmpty() || own == QLatin1String("invite"))
                invite.insert(roomId, QJsonObject{{QStringLiteral("invite_state"),
                                                   QJsonObject{{kEvents.toString(), events}}}});
            else
                ++m_skippedRooms; // a knock, or not ours to tell
            continue;
        }
        QJsonArray events = requiredState.toArray();
        const QString own = ownMemberEvent(events, m_ownUserId)
                                .value(kContent)
                                .toObject()
                                .value(u"membership")
                                .toString();
        QJsonObject *section = own == QLatin1String("join")    ? &join
                               : own == QLatin1String("leave") ? &leave // kicked
                               : own == QLatin1String("ban")   ? &leave // the classic section too
                                                               : nullptr;
        if (!section) {
            ++m_skippedRooms;
            continue;
        }
        // The summary as /sync sends it; heroes come with their display names here, which
        // /sync would send as member events.
        QJsonObject summary;
        QJsonArray heroIds;
        const QJsonArray heroes = room.value(u"heroes").toArray();
        for (const QJsonValue &value : heroes) {
            if (heroIds.size() >= 5)
                break;
            const QJsonObject hero = value.toObject();
            const QJsonValue userId = hero.value(u"user_id");
            if (!userId.isString())
                continue;
            heroIds.append(userId);
            if (const QJsonValue name = hero.value(u"displayname"); name.isString())
                events.append(QJsonObject{
                    {kType.toString(), QStringLiteral("m.room.member")},
                    {kStateKey.toString(), userId},
                    {kContent.toString(), QJsonObject{{QStringLiteral("displayname"), name}}}});
        }
        if (!heroIds.isEmpty())
            summary.insert(QStringLiteral("m.heroes"), heroIds);
        if (const QJsonValue n = room.value(u"joined_count"); n.isDouble())
            summary.insert(QStringLiteral("m.joined_member_count"), n);
        if (const QJsonValue n = room.value(u"invited_count"); n.isDouble())
            summary.insert(QStringLiteral("m.invited_member_count"), n);
        section->insert(
            roomId, QJsonObject{{QStringLiteral("summary"), summary},
                                {kState.toString(), QJsonObject{{kEvents.toString(), events}}}});
    }
    if (join.isEmpty() && invite.isEmpty() && leave.isEmpty())
        return 0;
    return applySync(
        QJsonObject{{QStringLiteral("rooms"), QJsonObject{{QStringLiteral("join"), join},
                                                          {QStringLiteral("invite"), invite},
                                                          {QStringLiteral("leave"), leave}}}});
}

void RoomStore::forgetRoom(const QString &roomId)
{
    m_forgotten.insert(roomId);
    removeRoom(roomId);
}

void RoomStore::removeRoom(const QString &roomId)
{
    const int row = indexOf(roomId);
    if (row < 0)
        return;
    const bool wasSpace = m_rooms.at(row).isSpace();
    emit roomRemoved(row);
    m_rooms.removeAt(row);
    m_index.remove(roomId);
    for (int i = row; i < size(); ++i)
        m_index[m_rooms.at(i).roomId] = i;
    if (wasSpace)
        invalidateSpaces();
    emit roomRemovedDone();
    emit countsChanged();
    if (wasSpace)
        emit spacesChanged();
}

QStringList RoomStore::retainOnly(const SyncResponse &initialSyncResponse)
{
    QSet<QString> present;
    for (const SyncResponse::Room &room : initialSyncResponse.rooms())
        present.insert(room.roomId);
    QStringList gone;
    for (const RoomSummary &room : std::as_const(m_rooms))
        if (!present.contains(room.roomId))
            gone << room.roomId;
    for (const QString &roomId : std::as_const(gone))
        removeRoom(roomId);
    return gone;
}

QStringList RoomStore::dropForgotten(const SyncResponse &inventoryResponse)
{
    // An answer without a rooms object says nothing (a server that leaves empty parts out, or
    // an odd one): no room is dropped on that, their history is worth more than a stale row.
    if (!inventoryResponse.hasRooms())
        return {};
    QSet<QString> present;
    for (const SyncResponse::Room &room : inventoryResponse.rooms())
        present.insert(room.roomId);
    QStringList gone;
    for (const RoomSummary &room : std::as_const(m_rooms))
        if ((room.membership == Membership::Leave || room.membership == Membership::Ban) &&
            !present.contains(room.roomId))
            gone << room.roomId;
    for (const QString &roomId : std::as_const(gone))
        removeRoom(roomId);
    return gone;
}

void RoomStore::restore(QList<RoomSummary> rooms)
{
    if (!m_rooms.isEmpty() || rooms.isEmpty())
        return;
    emit roomsAboutToBeInserted(0, int(rooms.size()) - 1);
    m_rooms = std::move(rooms);
    for (int i = 0; i < size(); ++i) {
        const RoomSummary &room = m_rooms.at(i);
        m_index.insert(room.roomId, i);
        // The map as it was saved: the rooms it listed (the store keeps no other copy).
        if (room.inDirectMap)
            m_directRooms.insert(room.roomId);
    }
    invalidateSpaces();
    emit roomsInserted(0, size() - 1);
    emit countsChanged();
    emit spacesChanged();
}

void RoomStore::clear()
{
    m_rooms.clear();
    m_index.clear();
    m_directRooms.clear();
    m_forgotten.clear();
    m_skippedRooms = 0;
    invalidateSpaces();
    emit reset();
    emit countsChanged();
    emit spacesChanged();
}

// ---------------------------------------------------------------------------------------------
// Spaces and direct chats

bool RoomStore::updateDirect(RoomSummary &room) const
{
    const bool direct = m_directRooms.contains(room.roomId);
    if (direct == room.inDirectMap)
        return false;
    room.inDirectMap = direct;
    return true;
}

bool RoomStore::affectsSpaces(const RoomSummary &before, const RoomSummary &after)
{
    if (!before.isSpace() && !after.isSpace())
        return false;
    return before.roomType != after.roomType || before.membership != after.membership ||
           before.childIds != after.childIds || before.sortKey != after.sortKey ||
           before.canonicalAlias != after.canonicalAlias;
}

void RoomStore::invalidateSpaces()
{
    m_spaceIndexValid = false;
    m_parentsOf.clear();
}

QStringList RoomStore::joinedSpaceIds() const
{
    QStringList ids;
    for (const RoomSummary &room : m_rooms)
        if (room.isSpace() && room.membership == Membership::Join)
            ids << room.roomId;
    return ids;
}

QStringList RoomStore::spacesOf(const QString &roomId) const
{
    if (!m_spaceIndexValid) {
        m_parentsOf.clear();
        for (const RoomSummary &room : m_rooms) {
            if (!room.isSpace() || room.membership != Membership::Join)
                continue;
            for (const QString &child : room.childIds)
                m_parentsOf[child].append(room.roomId);
        }
        m_spaceIndexValid = true;
    }
    return m_parentsOf.value(roomId);
}

QSet<QString> RoomStore::roomsInSpace(const QString &spaceId) const
{
    QSet<QString> found;
    QSet<QString> visited{spaceId};
    QStringList pending{spaceId};
    while (!pending.isEmpty()) {
        const RoomSummary *space = find(pending.takeLast());
        if (!space || !space->isSpace() || space->membership != Membership::Join)
            continue; // only a joined space's children are known (and trusted)
        for (const QString &child : space->childIds) {
            found.insert(child);
            if (!visited.contains(child)) {
                visited.insert(child);
                pending.append(child);
            }
        }
    }
    return found;
}

QStringList RoomStore::resolveSpaces(const QString &text) const
{
    const QString folded = text.toCaseFolded();
    QStringList joined;
    QStringList others;
    for (const RoomSummary &room : m_rooms) {
        if (!room.isSpace())
            continue;
        const bool match = room.roomId == text ||
                           (!room.canonicalAlias.isEmpty() &&
                            room.canonicalAlias.compare(text, Qt::CaseInsensitive) == 0) ||
                           room.sortKey == folded;
        if (match)
            (room.membership == Membership::Join ? joined : others) << room.roomId;
    }
    return joined + others;
}
