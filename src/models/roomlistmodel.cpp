#include "models/roomlistmodel.h"

#include "actions/membershipservice.h"
#include "api/identifiers.h"
#include "sync/roomstore.h"

#include <algorithm>


RoomListModel::RoomListModel(RoomStore *store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
    connect(store, &RoomStore::roomsAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(store, &RoomStore::roomsInserted, this, [this] { endInsertRows(); });
    connect(store, &RoomStore::roomsChanged, this, [this](const QList<int> &rows) {
        for (int row : rows)
            emit dataChanged(index(row), index(row));
        // QSortFilterProxyModel re-sorts each changed row against the others as if those were
        // unchanged; when several changed at once its order can be wrong (sections split). No row
        // moves here, so a layout change is valid and makes the proxy sort everything again.
        if (rows.size() > 1) {
            emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
            emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        }
    });
    connect(store, &RoomStore::roomRemoved, this, [this](int row) { beginRemoveRows({}, row, row); });
    connect(store, &RoomStore::roomRemovedDone, this, [this] { endRemoveRows(); });
    connect(store, &RoomStore::reset, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(store, &RoomStore::countsChanged, this, &RoomListModel::updateCounts);
}

void RoomListModel::setMembershipService(MembershipService *service)
{
    m_service = service;
    connect(service, &MembershipService::operationChanged, this, &RoomListModel::onOperationChanged);
}

void RoomListModel::onOperationChanged(const QString &roomId)
{
    const int row = m_store->indexOf(roomId);
    if (row >= 0)
        emit dataChanged(index(row), index(row),
                         {PendingActionRole, LastErrorRole, OperationStateRole, WaitReasonRole});
}

RoomSection::Value RoomSection::of(Membership::Value membership)
{
    switch (membership) {
    case Membership::Invite: return Invites;
    case Membership::Join: return Joined;
    case Membership::Leave:
    case Membership::Knock:
    case Membership::Ban: return Left;
    }
    return Left;
}

void RoomListModel::updateCounts()
{
    const int counts[3] = {m_store->count(Membership::Join),
                           m_store->count(Membership::Invite),
                           m_store->count(Membership::Leave)};
    if (std::equal(counts, counts + 3, m_counts))
        return;
    std::copy(counts, counts + 3, m_counts);
    emit countsChanged();
}

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_store->size();
}

QString RoomListModel::avatarSourceFor(const QString &mxc)
{
    QString server;
    QString mediaId;
    if (!Identifiers::parseMxcUri(mxc, &server, &mediaId))
        return {};
    return QStringLiteral("image://mxc/") + server + QLatin1Char('/') + mediaId;
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoomSummary &room = m_store->at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole: return room.displayName();
    case RoomIdRole: return room.roomId;
    case CanonicalAliasRole: return room.canonicalAlias;
    case TopicRole: return room.topic;
    case AvatarSourceRole: return avatarSourceFor(room.avatarMxc);
    case MembershipRole: return int(room.membership);
    case SectionRole: return int(RoomSection::of(room.membership));
    case JoinedMemberCountRole: return room.joinedMemberCount;
    case InviterIdRole: return room.inviterId;
    case InviterNameRole:
        return room.inviterId.isEmpty() ? QString() : room.memberDisplayName(room.inviterId);
    case PendingActionRole: {
        const Operation *operation = m_service ? m_service->operationFor(room.roomId) : nullptr;
        return operation && !operation->isFinished() ? int(operation->kind()) : -1;
    }
    case OperationStateRole: {
        const Operation *operation = m_service ? m_service->operationFor(room.roomId) : nullptr;
        return operation ? int(operation->state()) : -1;
    }
    case WaitReasonRole: {
        const Operation *operation = m_service ? m_service->operationFor(room.roomId) : nullptr;
        return int(operation ? operation->waitReason() : Operation::NotWaiting);
    }
    case LastErrorRole: {
        const Operation *operation = m_service ? m_service->operationFor(room.roomId) : nullptr;
        return operation && (operation->state() == Operation::Failed ||
                             operation->state() == Operation::Unknown)
                   ? operation->error().summary()
                   : QString();
    }
    }
    return {};
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    return {
        {RoomIdRole, "roomId"},
        {DisplayNameRole, "displayName"},
        {CanonicalAliasRole, "canonicalAlias"},
        {TopicRole, "topic"},
        {AvatarSourceRole, "avatarSource"},
        {MembershipRole, "membership"},
        {SectionRole, "section"},
        {JoinedMemberCountRole, "joinedMemberCount"},
        {InviterIdRole, "inviterId"},
        {InviterNameRole, "inviterName"},
        {PendingActionRole, "pendingAction"},
        {LastErrorRole, "lastError"},
        {OperationStateRole, "operationState"},
        {WaitReasonRole, "waitReason"},
    };
}

RoomFilterProxy::RoomFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    sort(0);
    connect(this, &QAbstractItemModel::rowsInserted, this, &RoomFilterProxy::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &RoomFilterProxy::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &RoomFilterProxy::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &RoomFilterProxy::countChanged);
}

void RoomFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    auto *rooms = qobject_cast<RoomListModel *>(model);
    m_store = rooms ? rooms->store() : nullptr;
    QSortFilterProxyModel::setSourceModel(model);
    if (!model)
        return;
    // Connected after the base class's own handlers: by the time these run, this model has
    // told the view about the rows it inserted, removed or moved, so the section roles can be
    // refreshed on top of that.
    const auto changed = [this] { sectionsChanged(true); };
    m_sourceConnections = {
        connect(model, &QAbstractItemModel::rowsInserted, this, changed),
        connect(model, &QAbstractItemModel::rowsRemoved, this, changed),
        connect(model, &QAbstractItemModel::rowsMoved, this, changed),
        connect(model, &QAbstractItemModel::layoutChanged, this, changed),
        connect(model, &QAbstractItemModel::modelReset, this, changed),
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                    // An operation's progress (roles given) never moves a room to another section.
                    if (roles.isEmpty() || roles.contains(RoomListModel::MembershipRole) ||
                        roles.contains(RoomListModel::SectionRole))
                        sectionsChanged(false);
                }),
    };
}

void RoomFilterProxy::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    m_needle = text.trimmed().toCaseFolded();
    invalidateFilter();
    sectionsChanged(true);
    emit filterTextChanged();
    emit countChanged();
}

void RoomFilterProxy::setShowLeft(bool show)
{
    if (show == m_showLeft)
        return;
    m_showLeft = show;
    invalidateFilter();
    sectionsChanged(true);
    emit showLeftChanged();
    emit countChanged();
}

QVariantMap RoomFilterProxy::get(int row) const
{
    QVariantMap map;
    const QModelIndex idx = index(row, 0);
    if (!idx.isValid())
        return map;
    const auto roles = roleNames();
    for (auto it = roles.begin(); it != roles.end(); ++it)
        map.insert(QString::fromUtf8(it.value()), idx.data(it.key()));
    return map;
}

QHash<int, QByteArray> RoomFilterProxy::roleNames() const
{
    QHash<int, QByteArray> roles = QSortFilterProxyModel::roleNames();
    roles.insert(SectionStartRole, "sectionStart");
    roles.insert(SectionCountRole, "sectionCount");
    return roles;
}

QVariant RoomFilterProxy::data(const QModelIndex &index, int role) const
{
    if (role != SectionStartRole && role != SectionCountRole)
        return QSortFilterProxyModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoomSection::Value section = sectionAt(index.row());
    if (role == SectionCountRole)
        return sectionCount(section);
    return index.row() == 0 || sectionAt(index.row() - 1) != section;
}

RoomSection::Value RoomFilterProxy::sectionAt(int row) const
{
    const QModelIndex source = mapToSource(index(row, 0));
    if (m_store && source.isValid() && source.row() < m_store->size())
        return RoomSection::of(m_store->at(source.row()).membership);
    return RoomSection::Value(source.data(RoomListModel::SectionRole).toInt());
}

int RoomFilterProxy::firstRowOf(RoomSection::Value section) const
{
    int low = 0;
    int high = rowCount();
    while (low < high) {
        const int middle = low + (high - low) / 2;
        if (sectionAt(middle) < section)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

int RoomFilterProxy::sectionCount(RoomSection::Value section) const
{
    const int end =
        section == RoomSection::Left ? rowCount() : firstRowOf(RoomSection::Value(section + 1));
    return end - firstRowOf(section);
}

void RoomFilterProxy::sectionsChanged(bool rowsMoved)
{
    const int counts[3] = {sectionCount(RoomSection::Invites), sectionCount(RoomSection::Joined),
                           sectionCount(RoomSection::Left)};
    const bool countsChanged = !std::equal(counts, counts + 3, m_notifiedCounts);
    std::copy(counts, counts + 3, m_notifiedCounts);
    // After an insertion, removal or move another row may be the first of its section even when
    // no count changed. Telling the view about every row is cheap: it refreshes the rows it shows.
    if ((countsChanged || rowsMoved) && rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0),
                         {SectionStartRole, SectionCountRole});
}

bool RoomFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_store || sourceParent.isValid() || sourceRow >= m_store->size())
        return false;
    const RoomSummary &room = m_store->at(sourceRow);
    if (!m_showLeft && RoomSection::of(room.membership) == RoomSection::Left)
        return false;
    return m_needle.isEmpty() || room.searchText.contains(m_needle);
}

bool RoomFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_store)
        return left.row() < right.row();
    const RoomSummary &l = m_store->at(left.row());
    const RoomSummary &r = m_store->at(right.row());
    if (const RoomSection::Value ls = RoomSection::of(l.membership),
        rs = RoomSection::of(r.membership);
        ls != rs)
        return ls < rs;
    if (const int byName = l.sortKey.compare(r.sortKey); byName != 0)
        return byName < 0;
    return l.roomId < r.roomId;
}
