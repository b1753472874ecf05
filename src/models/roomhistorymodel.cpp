#include "models/roomhistorymodel.h"

#include <QSet>

#include <algorithm>

namespace {
// How long the entries added in this run wait before checking that the store has them, and how
// often (a large initial sync can take the writer a few seconds).
constexpr int PruneIntervalMs = 500;
constexpr int MaxPruneAttempts = 240;
} // namespace

RoomHistoryModel::RoomHistoryModel(QObject *parent) : QAbstractListModel(parent)
{
    m_pruneTimer.setSingleShot(true);
    m_pruneTimer.setInterval(PruneIntervalMs);
    connect(&m_pruneTimer, &QTimer::timeout, this, &RoomHistoryModel::pruneRecent);
}

RoomHistoryModel::~RoomHistoryModel() = default;

void RoomHistoryModel::setStore(std::unique_ptr<AccountStore> store)
{
    m_store = std::move(store);
    m_recent.clear();
    m_lastAddedRoom.clear();
    m_lastAddedEventId.clear();
    m_pruneTimer.stop();
    reload();
    bumpRevision();
}

void RoomHistoryModel::setOwnUserId(const QString &userId)
{
    if (userId == m_ownUserId)
        return;
    m_ownUserId = userId;
    reload();
    bumpRevision();
}

void RoomHistoryModel::setRoomId(const QString &roomId)
{
    if (roomId == m_roomId)
        return;
    m_roomId = roomId;
    emit roomIdChanged();
    reload();
}

QString RoomHistoryModel::describe(const AccountStore::HistoryEntry &entry,
                                   std::optional<Membership::Value> previous,
                                   const QString &ownUserId)
{
    const QString &by = entry.sender;
    const QString &reason = entry.reason;
    const bool hasReason = !reason.isEmpty();
    // An unknown sender is taken as the account itself: only it can join, leave or knock.
    const bool self = by.isEmpty() || by == ownUserId;
    switch (entry.membership) {
    case Membership::Join:
        return hasReason ? tr("You joined: %1").arg(reason) : tr("You joined");
    case Membership::Invite:
        if (self)
            return hasReason ? tr("You were invited: %1").arg(reason) : tr("You were invited");
        return hasReason ? tr("Invited by %1: %2").arg(by, reason) : tr("Invited by %1").arg(by);
    case Membership::Knock:
        return hasReason ? tr("You knocked: %1").arg(reason) : tr("You knocked");
    case Membership::Ban:
        if (self)
            return hasReason ? tr("You were banned: %1").arg(reason) : tr("You were banned");
        return hasReason ? tr("Banned by %1: %2").arg(by, reason) : tr("Banned by %1").arg(by);
    case Membership::Leave:
        if (self) {
            if (previous == Membership::Invite)
                return hasReason ? tr("You declined the invite: %1").arg(reason)
                                 : tr("You declined the invite");
            if (previous == Membership::Knock)
                return hasReason ? tr("You withdrew your knock: %1").arg(reason)
                                 : tr("You withdrew your knock");
            return hasReason ? tr("You left: %1").arg(reason) : tr("You left");
        }
        if (previous == Membership::Ban)
            return hasReason ? tr("Unbanned by %1: %2").arg(by, reason)
                             : tr("Unbanned by %1").arg(by);
        if (previous == Membership::Invite)
            return hasReason ? tr("Invite withdrawn by %1: %2").arg(by, reason)
                             : tr("Invite withdrawn by %1").arg(by);
        if (previous == Membership::Knock)
            return hasReason ? tr("Knock rejected by %1: %2").arg(by, reason)
                             : tr("Knock rejected by %1").arg(by);
        // Someone else made us leave a room we were in (or whose earlier state was never seen).
        return hasReason ? tr("Kicked by %1: %2").arg(by, reason) : tr("Kicked by %1").arg(by);
    }
    return {};
}

QList<RoomHistoryModel::Row>
RoomHistoryModel::toRows(const QList<AccountStore::HistoryEntry> &entries) const
{
    QList<Row> rows;
    rows.reserve(entries.size());
    std::optional<Membership::Value> previous;
    for (const AccountStore::HistoryEntry &entry : entries) {
        // join → join: a new display name or avatar, not a membership change.
        if (!(previous == Membership::Join && entry.membership == Membership::Join))
            rows.append({entry, describe(entry, previous, m_ownUserId)});
        previous = entry.membership;
    }
    return rows;
}

QList<AccountStore::HistoryEntry> RoomHistoryModel::entriesOf(const QString &roomId) const
{
    if (roomId.isEmpty())
        return {};
    QList<AccountStore::HistoryEntry> entries;
    if (m_store && m_store->isOpen())
        entries = m_store->history(roomId);
    const auto recent = m_recent.constFind(roomId);
    if (recent == m_recent.cend())
        return entries;
    QSet<QString> seen;
    for (const auto &entry : std::as_const(entries))
        seen.insert(entry.eventId);
    bool added = false;
    for (const auto &entry : *recent) {
        if (!seen.contains(entry.eventId)) {
            seen.insert(entry.eventId);
            entries.append(entry);
            added = true;
        }
    }
    if (added)
        std::stable_sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
            return a.timestampMs < b.timestampMs;
        });
    return entries;
}

void RoomHistoryModel::reload()
{
    const QList<Row> rows = toRows(entriesOf(m_roomId));
    const int oldCount = count();
    // Most updates add changes at the end, or nothing new: a view keeps its place and focus.
    const auto same = [](const Row &a, const Row &b) {
        return a.entry == b.entry && a.text == b.text;
    };
    const bool keepsRows = rows.size() >= m_rows.size() &&
                           std::equal(m_rows.cbegin(), m_rows.cend(), rows.cbegin(), same);
    if (keepsRows && rows.size() == m_rows.size())
        return;
    if (keepsRows) {
        beginInsertRows({}, oldCount, int(rows.size()) - 1);
        m_rows = rows;
        endInsertRows();
    } else {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    }
    if (count() != oldCount)
        emit countChanged();
}

void RoomHistoryModel::addEntries(const QString &roomId,
                                  const QList<AccountStore::HistoryEntry> &entries)
{
    if (roomId.isEmpty() || entries.isEmpty())
        return;
    m_recent[roomId].append(entries);
    m_lastAddedRoom = roomId;
    m_lastAddedEventId = entries.constLast().eventId;
    m_pruneAttempts = 0;
    m_pruneTimer.start();
    if (roomId == m_roomId)
        reload();
    bumpRevision();
}

void RoomHistoryModel::removeRoom(const QString &roomId)
{
    m_recent.remove(roomId);
    if (roomId == m_roomId && !m_rows.isEmpty()) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
        emit countChanged();
    }
    bumpRevision();
}

QString RoomHistoryModel::summaryFor(const QString &roomId) const
{
    const QList<Row> rows = toRows(entriesOf(roomId));
    return rows.isEmpty() ? QString() : rows.constLast().text;
}

void RoomHistoryModel::bumpRevision()
{
    // Once per batch (a sync adds the changes of many rooms, one call each).
    if (m_revisionPending)
        return;
    m_revisionPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_revisionPending = false;
            ++m_revision;
            emit revisionChanged();
        },
        Qt::QueuedConnection);
}

void RoomHistoryModel::pruneRecent()
{
    if (m_recent.isEmpty() || !m_store || !m_store->isOpen())
        return;
    const QList<AccountStore::HistoryEntry> stored = m_store->history(m_lastAddedRoom);
    const bool written = std::any_of(stored.cbegin(), stored.cend(), [this](const auto &entry) {
        return entry.eventId == m_lastAddedEventId;
    });
    if (written) {
        m_recent.clear();
        m_recent.squeeze();
    } else if (++m_pruneAttempts < MaxPruneAttempts) {
        m_pruneTimer.start(); // still being written
    }
}

int RoomHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant RoomHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(row.entry.timestampMs);
    case MembershipRole:
        return int(row.entry.membership);
    case SenderRole:
        return row.entry.sender;
    case ReasonRole:
        return row.entry.reason;
    case TextRole:
    case Qt::DisplayRole:
        return row.text;
    }
    return {};
}

QHash<int, QByteArray> RoomHistoryModel::roleNames() const
{
    return {{TimestampRole, "timestamp"},
            {MembershipRole, "membership"},
            {SenderRole, "sender"},
            {ReasonRole, "reason"},
            {TextRole, "text"}};
}
