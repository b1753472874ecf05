#include "roomstore.h"

#include "identifiers.h"

#include <QJsonArray>
#include <QSet>

namespace {
const QLatin1String kState("state");
const QLatin1String kStateKey("state_key");
const QLatin1String kType("type");
const QLatin1String kContent("content");
const QLatin1String kEvents("events");

// Long strings from the server are cut for display: a 5 MB room name must not reach the UI.
constexpr qsizetype MaxTextLength = 1024;
QString boundedText(const QJsonValue &value)
{
    QString s = value.toString();
    if (s.size() > MaxTextLength)
        s.truncate(MaxTextLength);
    return s;
}
} // namespace

QString RoomSummary::membershipString(Membership m)
{
    switch (m) {
    case Membership::Join: return QStringLiteral("join");
    case Membership::Invite: return QStringLiteral("invite");
    case Membership::Leave: return QStringLiteral("leave");
    }
    return {};
}

QString RoomSummary::memberDisplayName(const QString &userId) const
{
    const QString memberName = memberNames.value(userId);
    return memberName.isEmpty() ? userId : memberName;
}

QString RoomSummary::displayName() const
{
    if (!name.trimmed().isEmpty())
        return name;
    if (!canonicalAlias.isEmpty())
        return canonicalAlias;
    QStringList names;
    for (const QString &hero : heroes)
        names << memberDisplayName(hero);
    const int members = qMax(0, joinedMemberCount) + qMax(0, invitedMemberCount);
    if (!names.isEmpty()) {
        const int others = members - 1 - int(names.size());
        if (others > 0)
            return QStringLiteral("%1 and %2 others").arg(names.join(QStringLiteral(", "))).arg(others);
        if (names.size() == 1)
            return names.first();
        const QString last = names.takeLast();
        return QStringLiteral("%1 and %2").arg(names.join(QStringLiteral(", ")), last);
    }
    if (membership == Membership::Invite && !inviterId.isEmpty())
        return QStringLiteral("Invite from %1").arg(memberDisplayName(inviterId));
    return QStringLiteral("Empty room");
}

RoomStore::RoomStore(QObject *parent) : QObject(parent) {}

const RoomSummary *RoomStore::find(const QString &roomId) const
{
    const int row = indexOf(roomId);
    return row < 0 ? nullptr : &m_rooms.at(row);
}

int RoomStore::count(RoomSummary::Membership membership) const
{
    int n = 0;
    for (const RoomSummary &room : m_rooms)
        n += room.membership == membership;
    return n;
}

void RoomStore::applyStateEvent(RoomSummary &room, const QJsonObject &event)
{
    const QString type = event.value(kType).toString();
    const QJsonValue stateKeyValue = event.value(kStateKey);
    if (!stateKeyValue.isString())
        return; // not a state event
    const QString stateKey = stateKeyValue.toString();
    const QJsonObject content = event.value(kContent).toObject();

    if (type == QLatin1String("m.room.member")) {
        const QString membership = content.value(QLatin1String("membership")).toString();
        const QJsonValue displayName = content.value(QLatin1String("displayname"));
        if (displayName.isString())
            room.memberNames.insert(stateKey, boundedText(displayName));
        if (stateKey == m_ownUserId && membership == QLatin1String("invite"))
            room.inviterId = event.value(QLatin1String("sender")).toString();
        return;
    }
    if (!stateKey.isEmpty())
        return;
    if (type == QLatin1String("m.room.name"))
        room.name = boundedText(content.value(QLatin1String("name")));
    else if (type == QLatin1String("m.room.canonical_alias")) {
        const QString alias = content.value(QLatin1String("alias")).toString();
        room.canonicalAlias = Identifiers::validateRoomAlias(alias).isEmpty() ? alias : QString();
    } else if (type == QLatin1String("m.room.topic"))
        room.topic = boundedText(content.value(QLatin1String("topic")));
    else if (type == QLatin1String("m.room.avatar"))
        room.avatarMxc = content.value(QLatin1String("url")).toString().left(MaxTextLength);
    else if (type == QLatin1String("m.room.tombstone"))
        room.tombstoneReplacement = content.value(QLatin1String("replacement_room")).toString();
}

bool RoomStore::applyRoom(RoomSummary &room, RoomSummary::Membership membership,
                          const QJsonObject &json)
{
    room.membership = membership;
    auto applyEvents = [&](const QJsonValue &container) {
        const QJsonArray events = container.toObject().value(kEvents).toArray();
        for (const QJsonValue &event : events)
            if (event.isObject())
                applyStateEvent(room, event.toObject());
    };
    if (membership == RoomSummary::Membership::Invite) {
        applyEvents(json.value(QLatin1String("invite_state")));
        return true;
    }
    applyEvents(json.value(kState));
    // State events in the timeline are part of the state too (e.g. a rename since last sync).
    applyEvents(json.value(QLatin1String("timeline")));

    const QJsonObject summary = json.value(QLatin1String("summary")).toObject();
    if (const QJsonValue heroes = summary.value(QLatin1String("m.heroes")); heroes.isArray()) {
        room.heroes.clear();
        for (const QJsonValue &hero : heroes.toArray())
            if (hero.isString() && hero.toString() != m_ownUserId && room.heroes.size() < 5)
                room.heroes << hero.toString();
    }
    if (const QJsonValue n = summary.value(QLatin1String("m.joined_member_count")); n.isDouble())
        room.joinedMemberCount = qMax(0, n.toInt());
    if (const QJsonValue n = summary.value(QLatin1String("m.invited_member_count")); n.isDouble())
        room.invitedMemberCount = qMax(0, n.toInt());
    return true;
}

int RoomStore::applySync(const QJsonObject &syncResponse)
{
    const QJsonObject rooms = syncResponse.value(QLatin1String("rooms")).toObject();
    static const struct
    {
        QLatin1String key;
        RoomSummary::Membership membership;
    } sections[] = {{QLatin1String("join"), RoomSummary::Membership::Join},
                    {QLatin1String("invite"), RoomSummary::Membership::Invite},
                    {QLatin1String("leave"), RoomSummary::Membership::Leave}};

    // New rooms are collected first so the model can announce the insertion before it happens.
    QList<RoomSummary> added;
    QHash<QString, int> addedIndex;
    QList<int> changedRows;
    QSet<int> changedSet;
    bool membershipCountsChanged = false;
    for (const auto &section : sections) {
        const QJsonObject byId = rooms.value(section.key).toObject();
        for (auto it = byId.begin(); it != byId.end(); ++it) {
            const QString roomId = it.key();
            if (!it.value().isObject() || !Identifiers::validateRoomId(roomId).isEmpty()) {
                ++m_skippedRooms;
                continue;
            }
            const int row = indexOf(roomId);
            if (row >= 0) {
                RoomSummary &room = m_rooms[row];
                membershipCountsChanged |= room.membership != section.membership;
                applyRoom(room, section.membership, it.value().toObject());
                if (!changedSet.contains(row)) {
                    changedSet.insert(row);
                    changedRows << row;
                }
            } else if (const int newRow = addedIndex.value(roomId, -1); newRow >= 0) {
                applyRoom(added[newRow], section.membership, it.value().toObject());
            } else {
                RoomSummary room;
                room.roomId = roomId;
                applyRoom(room, section.membership, it.value().toObject());
                addedIndex.insert(roomId, int(added.size()));
                added.append(std::move(room));
                membershipCountsChanged = true;
            }
        }
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
    if (!changedRows.isEmpty())
        emit roomsChanged(changedRows);
    if (membershipCountsChanged)
        emit countsChanged();
    return int(added.size() + changedRows.size());
}

void RoomStore::removeRoom(const QString &roomId)
{
    const int row = indexOf(roomId);
    if (row < 0)
        return;
    emit roomRemoved(row);
    m_rooms.removeAt(row);
    m_index.remove(roomId);
    for (int i = row; i < size(); ++i)
        m_index[m_rooms.at(i).roomId] = i;
    emit roomRemovedDone();
    emit countsChanged();
}

void RoomStore::clear()
{
    m_rooms.clear();
    m_index.clear();
    m_skippedRooms = 0;
    emit reset();
    emit countsChanged();
}
