#include "models/roomselection.h"

#include "models/roomlistmodel.h"
#include "sync/roomstore.h"

#include <algorithm>

namespace {
// Whether a room of this membership is among roomIdsWith(wanted): Membership::Leave stands for
// the whole Left section (left or banned); any other membership for itself only, so a pending
// knock (Requested) is only ever among Membership::Knock's.
bool inGroup(Membership::Value membership, Membership::Value wanted)
{
    if (wanted == Membership::Leave)
        return RoomSection::of(membership) == RoomSection::Left;
    return membership == wanted;
}
} // namespace

RoomSelection::RoomSelection(RoomFilterProxy *rooms, QObject *parent)
    : QObject(parent), m_rooms(rooms)
{
    if (!rooms)
        return;
    rooms->setSelection(this);
    // Once per change of the list (not once per range of rows the view is told about).
    connect(rooms, &RoomFilterProxy::listChanged, this, [this] { refresh(false); });
}

int RoomSelection::count() const
{
    return int(m_ids.size());
}

int RoomSelection::hiddenCount() const
{
    return m_counts.hidden;
}

int RoomSelection::joinedCount() const
{
    return m_counts.joined;
}

int RoomSelection::inviteCount() const
{
    return m_counts.invite;
}

int RoomSelection::requestedCount() const
{
    return m_counts.requested;
}

int RoomSelection::leftCount() const
{
    return m_counts.left;
}

int RoomSelection::anchorRow() const
{
    return m_counts.anchorRow;
}

bool RoomSelection::isSelected(const QString &roomId) const
{
    return m_ids.contains(roomId);
}

QStringList RoomSelection::roomIds() const
{
    if (m_ordered)
        return *m_ordered;
    QList<std::pair<int, QString>> shown;
    QStringList hidden;
    shown.reserve(m_ids.size());
    for (const QString &id : m_ids) {
        const int row = m_rooms ? m_rooms->rowOfRoom(id) : -1;
        if (row >= 0)
            shown.append({row, id});
        else
            hidden.append(id);
    }
    std::sort(shown.begin(), shown.end());
    std::sort(hidden.begin(), hidden.end());
    QStringList ids;
    ids.reserve(m_ids.size());
    for (const auto &entry : std::as_const(shown))
        ids.append(entry.second);
    ids.append(hidden);
    m_ordered = ids;
    return ids;
}

QStringList RoomSelection::roomIdsWith(Membership::Value m) const
{
    const RoomStore *store = m_rooms ? m_rooms->store() : nullptr;
    QStringList ids;
    if (!store)
        return ids;
    for (const QString &id : roomIds()) {
        const int source = store->indexOf(id);
        if (source >= 0 && inGroup(store->at(source).membership, m))
            ids.append(id);
    }
    return ids;
}

void RoomSelection::toggle(int row)
{
    const QString id = m_rooms ? m_rooms->roomIdAt(row) : QString();
    if (id.isEmpty())
        return;
    if (!m_ids.remove(id))
        m_ids.insert(id);
    m_anchor = id;
    m_rooms->selectionChanged({row});
    refresh(true);
}

void RoomSelection::select(int row)
{
    const QString id = m_rooms ? m_rooms->roomIdAt(row) : QString();
    if (id.isEmpty())
        return;
    m_anchor = id;
    addRows(row, row);
    refresh(true);
}

void RoomSelection::selectRange(int row)
{
    if (!m_rooms || row < 0 || row >= m_rooms->rowCount())
        return;
    const int anchor = m_counts.anchorRow;
    if (anchor < 0) { // nothing to extend from (none yet, or hidden by the filter)
        select(row);
        return;
    }
    addRows(std::min(anchor, row), std::max(anchor, row));
    refresh(true);
}

void RoomSelection::selectAll()
{
    if (!m_rooms || m_rooms->rowCount() == 0)
        return;
    addRows(0, m_rooms->rowCount() - 1);
    refresh(true);
}

void RoomSelection::clear()
{
    if (m_ids.isEmpty() && m_anchor.isEmpty())
        return;
    QList<int> rows;
    if (m_rooms) {
        rows.reserve(m_ids.size());
        for (const QString &id : std::as_const(m_ids))
            if (const int row = m_rooms->rowOfRoom(id); row >= 0)
                rows.append(row);
        std::sort(rows.begin(), rows.end());
    }
    m_ids.clear();
    m_anchor.clear();
    if (m_rooms)
        m_rooms->selectionChanged(rows);
    refresh(true);
}

void RoomSelection::addRows(int first, int last)
{
    QList<int> rows;
    for (int row = first; row <= last; ++row) {
        const QString id = m_rooms->roomIdAt(row);
        if (id.isEmpty() || m_ids.contains(id))
            continue;
        m_ids.insert(id);
        rows.append(row);
    }
    m_rooms->selectionChanged(rows);
}

void RoomSelection::refresh(bool changedAnyway)
{
    const RoomStore *store = m_rooms ? m_rooms->store() : nullptr;
    Counts counts;
    bool dropped = false;
    for (auto it = m_ids.begin(); it != m_ids.end();) {
        const int source = store ? store->indexOf(*it) : -1;
        if (source < 0) { // forgotten, or another account's store
            it = m_ids.erase(it);
            dropped = true;
            continue;
        }
        switch (RoomSection::of(store->at(source).membership)) {
        case RoomSection::Invites:
            ++counts.invite;
            break;
        case RoomSection::Requested:
            ++counts.requested;
            break;
        case RoomSection::Joined:
            ++counts.joined;
            break;
        case RoomSection::Left:
            ++counts.left;
            break;
        }
        if (m_rooms->rowOfRoom(*it) < 0)
            ++counts.hidden;
        ++it;
    }
    if (!m_anchor.isEmpty() && (!store || store->indexOf(m_anchor) < 0))
        m_anchor.clear();
    counts.anchorRow = m_anchor.isEmpty() || !m_rooms ? -1 : m_rooms->rowOfRoom(m_anchor);
    // While anything is selected the list's order may have changed roomIds' order.
    const bool notify = changedAnyway || dropped || !m_ids.isEmpty() || !(counts == m_counts);
    m_counts = counts;
    m_ordered.reset();
    if (notify)
        emit changed();
}
