#include "models/roomlistmodel.h"

#include "actions/membershipservice.h"
#include "api/identifiers.h"
#include "models/roomselection.h"
#include "sync/roomstore.h"

#include <QCoreApplication>

#include <algorithm>

RoomListModel::RoomListModel(RoomStore *store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
    connect(store, &RoomStore::roomsAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(store, &RoomStore::roomsInserted, this, [this] { endInsertRows(); });
    // A new version of a room joined, left or first seen: the old room's row offers it or not.
    const auto predecessorRowsChanged = [this, store](int first, int last) {
        for (int row = first; row <= last; ++row) {
            const QString older = store->at(row).predecessor;
            const int olderRow = older.isEmpty() ? -1 : store->indexOf(older);
            if (olderRow >= 0)
                emit dataChanged(index(olderRow), index(olderRow),
                                 {SuccessorToJoinRole, SuccessorViaRole});
        }
    };
    connect(store, &RoomStore::roomsInserted, this, predecessorRowsChanged);
    connect(store, &RoomStore::roomsChanged, this,
            [predecessorRowsChanged](const QList<int> &rows) {
                if (rows.size() <= 64)
                    for (int row : rows)
                        predecessorRowsChanged(row, row);
            });
    connect(store, &RoomStore::roomsChanged, this, [this](const QList<int> &rows) {
        // Row by row (RoomFilterProxy moves each changed row on its own, keeping its order
        // consistent while the others are still to come). A large batch — a full sync again —
        // as contiguous ranges, which the proxy re-sorts in one pass.
        if (rows.size() <= 64) {
            for (int row : rows)
                emit dataChanged(index(row), index(row));
            return;
        }
        QList<int> sorted = rows;
        std::sort(sorted.begin(), sorted.end());
        for (qsizetype first = 0; first < sorted.size();) {
            qsizetype last = first;
            while (last + 1 < sorted.size() && sorted.at(last + 1) <= sorted.at(last) + 1)
                ++last;
            emit dataChanged(index(sorted.at(first)), index(sorted.at(last)));
            first = last + 1;
        }
    });
    connect(store, &RoomStore::roomRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(store, &RoomStore::roomRemovedDone, this, [this] { endRemoveRows(); });
    connect(store, &RoomStore::reset, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(store, &RoomStore::countsChanged, this, &RoomListModel::updateCounts);
    // Which spaces list a room is not the room's own data: every row may read differently.
    connect(store, &RoomStore::spacesChanged, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0), index(rowCount() - 1), {SpaceIdsRole, SpaceNamesRole});
    });
}

void RoomListModel::setMembershipService(MembershipService *service)
{
    m_service = service;
    connect(service, &MembershipService::operationChanged, this,
            &RoomListModel::onOperationChanged);
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
    case Membership::Invite:
        return Invites;
    case Membership::Join:
        return Joined;
    case Membership::Knock:
        return Requested;
    case Membership::Leave:
    case Membership::Ban:
        return Left;
    }
    return Left;
}

void RoomListModel::updateCounts()
{
    // The Left section holds the rooms we left and those we were banned from.
    const int counts[4] = {m_store->count(Membership::Join), m_store->count(Membership::Invite),
                           m_store->count(Membership::Leave) + m_store->count(Membership::Ban),
                           m_store->count(Membership::Knock)};
    if (std::equal(counts, counts + 4, m_counts))
        return;
    std::copy(counts, counts + 4, m_counts);
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
    case DisplayNameRole:
        return room.displayName();
    case RoomIdRole:
        return room.roomId;
    case CanonicalAliasRole:
        return room.canonicalAlias;
    case TopicRole:
        return room.topic;
    case AvatarSourceRole:
        return avatarSourceFor(room.avatarMxc);
    case MembershipRole:
        return int(room.membership);
    case SectionRole:
        return int(RoomSection::of(room.membership));
    case JoinedMemberCountRole:
        return room.joinedMemberCount;
    case InviterIdRole:
        return room.inviterId;
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
    case IsSpaceRole:
        return room.isSpace();
    case IsDirectRole:
        return room.isDirect();
    case SpaceIdsRole:
        return m_store->spacesOf(room.roomId);
    case SuccessorToJoinRole:
        return successorToJoin(m_store, room);
    case SuccessorViaRole: {
        QStringList via;
        const QString next = successorToJoin(m_store, room);
        for (const QString &id : {next, room.roomId}) {
            const QString server = Identifiers::serverPart(id);
            if (!next.isEmpty() && !server.isEmpty() && !via.contains(server))
                via << server;
        }
        return via;
    }
    case SpaceNamesRole: {
        QStringList names;
        for (const QString &spaceId : m_store->spacesOf(room.roomId))
            if (const RoomSummary *space = m_store->find(spaceId))
                names << space->displayName();
        return names;
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
        {IsSpaceRole, "isSpace"},
        {IsDirectRole, "isDirect"},
        {SpaceIdsRole, "spaceIds"},
        {SpaceNamesRole, "spaceNames"},
        {SuccessorToJoinRole, "successorToJoin"},
        {SuccessorViaRole, "successorVia"},
    };
}

QString RoomListModel::successorToJoin(const RoomStore *store, const RoomSummary &room)
{
    if (room.membership != Membership::Join || room.tombstoneReplacement.isEmpty() ||
        room.tombstoneReplacement == room.roomId)
        return {};
    const RoomSummary *next = store->find(room.tombstoneReplacement);
    if (next && next->membership == Membership::Join)
        return {}; // already there
    // The new room, when known (an invite, a room left), must name this one as its predecessor:
    // a tombstone alone could point anywhere.
    if (next && next->predecessor != room.roomId)
        return {};
    return room.tombstoneReplacement;
}

// ---------------------------------------------------------------------------------------------
// RoomFilterQuery

namespace {
// Whether text contains needle (both case-folded), matcher being needle's.
inline bool containsFolded(QStringView text, const QString &needle, const QStringMatcher &matcher)
{
    switch (needle.size()) {
    case 0:
        return true;
    case 1:
        return text.contains(needle.front());
    case 2:
    case 3: {
        // Boyer-Moore skips too little for a needle this short to pay its way: a plain scan
        // for the first character is about twice as fast over a room's ~80 characters.
        const QChar first = needle.front();
        const QStringView rest = QStringView(needle).mid(1);
        const qsizetype end = text.size() - needle.size();
        for (qsizetype i = 0; i <= end; ++i)
            if (text[i] == first && text.mid(i + 1, rest.size()) == rest)
                return true;
        return false;
    }
    default:
        return matcher.indexIn(text) >= 0;
    }
}

// The server part of a Matrix identifier is `server` (case-insensitive).
bool onServer(QStringView id, const QString &server)
{
    const qsizetype colon = id.indexOf(QLatin1Char(':'));
    return colon >= 0 && id.mid(colon + 1).compare(server, Qt::CaseInsensitive) == 0;
}

QString filterError(const QString &term, const QString &why)
{
    return QCoreApplication::translate("RoomFilterQuery", "In “%1”: %2").arg(term, why);
}
} // namespace

RoomFilterQuery RoomFilterQuery::parse(const QString &text, bool showLeft, const RoomStore *store,
                                       const QString &scope)
{
    RoomFilterQuery query;
    const auto addText = [&](bool negated, const QString &typed) {
        Term term;
        term.negated = negated;
        term.value = typed.toCaseFolded();
        term.matcher.setPattern(term.value);
        query.m_terms.append(std::move(term));
    };
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (text.at(i).isSpace()) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        bool negated = false;
        if (text.at(i) == QLatin1Char('-')) {
            if (i + 1 == n || text.at(i + 1).isSpace()) {
                ++i; // a lone '-' (a negation being typed) is no term
                continue;
            }
            negated = true;
            ++i;
        }
        if (text.at(i) == QLatin1Char('"')) {
            // A phrase, up to the closing quote (or the end, while it is being typed).
            qsizetype close = text.indexOf(QLatin1Char('"'), i + 1);
            if (close < 0)
                close = n;
            const QString phrase = text.mid(i + 1, close - i - 1);
            i = close + 1;
            if (!phrase.trimmed().isEmpty())
                addText(negated, phrase);
            continue;
        }
        qsizetype end = i;
        while (end < n && !text.at(end).isSpace())
            ++end;
        const QString word = text.mid(i, end - i);
        i = end;
        const qsizetype colon = word.indexOf(QLatin1Char(':'));
        const QString key = colon > 0 ? word.left(colon).toLower() : QString();
        const QString value = word.mid(colon + 1);
        Term term;
        term.negated = negated;
        if (key == QLatin1String("in")) {
            // A space's name may be quoted: in:"Open source".
            QString space = value;
            if (space.startsWith(QLatin1Char('"'))) {
                qsizetype close = text.indexOf(QLatin1Char('"'), start + (negated ? 5 : 4));
                if (close < 0)
                    close = n;
                const qsizetype open = start + (negated ? 4 : 3);
                space = text.mid(open + 1, close - open - 1);
                end = qMin(n, close + 1);
                i = end;
            }
            term.kind = Term::In;
            term.value = space;
            if (space.trimmed().isEmpty()) {
                if (query.m_error.isEmpty())
                    query.m_error = filterError(
                        text.mid(start, end - start),
                        QCoreApplication::translate("RoomFilterQuery", "name a space after in:"));
            } else if (store) {
                const QStringList spaces = store->resolveSpaces(space);
                if (spaces.isEmpty() && query.m_error.isEmpty())
                    query.m_error = filterError(
                        text.mid(start, end - start),
                        QCoreApplication::translate("RoomFilterQuery", "no space is called “%1”")
                            .arg(space));
                for (const QString &spaceId : spaces)
                    term.rooms.unite(store->roomsInSpace(spaceId));
            }
        } else if (key == QLatin1String("is") && (value.toLower() == QLatin1String("dm") ||
                                                  value.toLower() == QLatin1String("direct"))) {
            term.kind = Term::Direct;
        } else if (key == QLatin1String("is") && value.toLower() == QLatin1String("space")) {
            term.kind = Term::Space;
        } else if (key == QLatin1String("is")) {
            const QString v = value.toLower();
            term.kind = Term::Is;
            if (v == QLatin1String("invite") || v == QLatin1String("invited"))
                term.section = RoomSection::Invites;
            else if (v == QLatin1String("joined") || v == QLatin1String("join"))
                term.section = RoomSection::Joined;
            else if (v == QLatin1String("left") || v == QLatin1String("leave"))
                term.section = RoomSection::Left;
            else if (v == QLatin1String("requested") || v == QLatin1String("knock") ||
                     v == QLatin1String("knocked"))
                term.section = RoomSection::Requested;
            else if (query.m_error.isEmpty())
                query.m_error =
                    QCoreApplication::translate(
                        "RoomFilterQuery", "“%1” is not a filter: use is:invite, is:requested, "
                                           "is:joined, is:left, is:dm or is:space.")
                        .arg(text.mid(start, end - start));
        } else if (key == QLatin1String("server")) {
            term.kind = Term::Server;
            term.value = value;
            const QString why = Identifiers::validateServerName(value);
            if (!why.isEmpty() && query.m_error.isEmpty())
                query.m_error = filterError(text.mid(start, end - start), why);
        } else if (key == QLatin1String("from")) {
            term.kind = Term::From;
            term.value = value;
            const QString why = Identifiers::validateUserId(value);
            if (!why.isEmpty() && query.m_error.isEmpty())
                query.m_error = filterError(text.mid(start, end - start), why);
        } else {
            addText(negated, word); // "#room:example.org", "!id:server", "12:30": free text
            continue;
        }
        query.m_terms.append(std::move(term));
    }
    query.m_leftShown = showLeft;
    for (const Term &term : std::as_const(query.m_terms))
        if (term.kind == Term::Is && !term.negated && term.section == RoomSection::Left)
            query.m_leftShown = true; // asked for by name: shown whatever showLeft says
    // The view the text filters within.
    if (scope == QLatin1String("dm")) {
        query.m_scope = Scope::Direct;
    } else if (scope == QLatin1String("orphans")) {
        query.m_scope = Scope::Orphans;
        if (store)
            for (const QString &spaceId : store->joinedSpaceIds())
                query.m_scopeRooms.unite(store->roomsInSpace(spaceId));
    } else if (!scope.isEmpty()) {
        query.m_scope = Scope::Space;
        if (store)
            query.m_scopeRooms = store->roomsInSpace(scope);
    }
    if (!query.m_error.isEmpty())
        query.m_terms.clear(); // accepts nothing; equal to any query with the same error
    query.m_oneWord = query.m_error.isEmpty() && query.m_scope == Scope::All &&
                      query.m_terms.size() == 1 && query.m_terms.front().kind == Term::Text &&
                      !query.m_terms.front().negated;
    return query;
}

bool RoomFilterQuery::Term::holds(RoomSection::Value roomSection, QStringView searchText,
                                  const RoomSummary &room) const
{
    switch (kind) {
    case Text:
        return containsFolded(searchText, value, matcher);
    case Is:
        return roomSection == section;
    case Server:
        return onServer(room.roomId, value) || onServer(room.canonicalAlias, value) ||
               onServer(room.inviterId, value);
    case From:
        return room.inviterId.compare(value, Qt::CaseInsensitive) == 0;
    case Direct:
        return room.isDirect();
    case Space:
        return room.isSpace();
    case In:
        return rooms.contains(room.roomId);
    }
    return false;
}

bool RoomFilterQuery::inScope(const RoomSummary &room) const
{
    switch (m_scope) {
    case Scope::All:
        return true;
    case Scope::Direct:
        return room.isDirect();
    case Scope::Orphans:
        return !room.isSpace() && !room.isDirect() && !m_scopeRooms.contains(room.roomId);
    case Scope::Space:
        return m_scopeRooms.contains(room.roomId);
    }
    return false;
}

bool RoomFilterQuery::accepts(RoomSection::Value section, QStringView searchText,
                              const RoomSummary &room) const
{
    if (!m_leftShown && section == RoomSection::Left)
        return false;
    // searchText is folded once per change of the room, never per keystroke.
    if (m_oneWord) // what is typed most: as fast as the filter was before it had terms
        return containsFolded(searchText, m_terms.front().value, m_terms.front().matcher);
    if (!m_error.isEmpty() || !inScope(room))
        return false;
    for (const Term &term : m_terms)
        if (term.holds(section, searchText, room) == term.negated)
            return false;
    return true;
}

bool RoomFilterQuery::Term::implies(const Term &wider) const
{
    if (kind == Text && wider.kind == Text && negated == wider.negated)
        // Containing "design" implies containing "des"; lacking "de" implies lacking "des".
        return negated ? wider.value.contains(value) : value.contains(wider.value);
    if (kind == Is && wider.kind == Is && !negated && wider.negated)
        return section != wider.section; // is:invite implies -is:left
    return *this == wider;
}

bool RoomFilterQuery::excludesLeft() const
{
    if (!m_leftShown)
        return true;
    for (const Term &term : m_terms)
        if (term.kind == Term::Is && (term.negated == (term.section == RoomSection::Left)))
            return true; // is:invite, is:joined, -is:left
    return false;
}

bool RoomFilterQuery::narrows(const RoomFilterQuery &wider) const
{
    if (!m_error.isEmpty())
        return true; // accepts nothing
    if (!wider.m_error.isEmpty())
        return false;
    if (m_scope != wider.m_scope || m_scopeRooms != wider.m_scopeRooms)
        return false;
    if (!wider.m_leftShown && !excludesLeft())
        return false;
    // Every term of wider is implied by one of this query's.
    for (const Term &w : wider.m_terms) {
        const bool implied = std::any_of(m_terms.cbegin(), m_terms.cend(),
                                         [&](const Term &t) { return t.implies(w); });
        if (!implied)
            return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// RoomFilterProxy

namespace {
// Above this many rows changing place in one dataChanged, they are taken out and merged back in
// one pass instead of moved one by one (each move shifts the lists: O(rows)).
constexpr qsizetype MaxSingleMoves = 32;
// Results remembered while typing (one per letter), for erasing back.
constexpr qsizetype MaxTypedResults = 64;

bool affectsOrderOrFilter(const QList<int> &roles)
{
    if (roles.isEmpty())
        return true;
    for (int role : roles)
        if (role == Qt::DisplayRole || role == RoomListModel::DisplayNameRole ||
            role == RoomListModel::CanonicalAliasRole || role == RoomListModel::RoomIdRole ||
            role == RoomListModel::MembershipRole || role == RoomListModel::SectionRole)
            return true;
    return false;
}
} // namespace

RoomFilterProxy::RoomFilterProxy(QObject *parent) : QAbstractListModel(parent) {}

void RoomFilterProxy::setSourceModel(RoomListModel *model)
{
    if (model == m_source)
        return;
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    beginResetModel();
    m_source = model;
    m_store = model ? model->store() : nullptr;
    // The query resolves spaces (in:, the scope) in this store.
    const QString previousError = m_query.error();
    m_query = RoomFilterQuery::parse(m_filterText, m_showLeft, m_store, m_spaceScope);
    rebuild();
    endResetModel();
    if (m_query.error() != previousError)
        emit filterErrorChanged();
    if (model) {
        const auto aboutToReset = [this] { beginResetModel(); };
        const auto reset = [this] {
            rebuild();
            endResetModel();
            sectionsChanged(true);
        };
        m_sourceConnections = {
            connect(model, &QAbstractItemModel::rowsInserted, this,
                    [this](const QModelIndex &, int first, int last) {
                        onSourceRowsInserted(first, last);
                    }),
            connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                    [this](const QModelIndex &, int first, int last) {
                        onSourceRowsAboutToBeRemoved(first, last);
                    }),
            connect(model, &QAbstractItemModel::rowsRemoved, this,
                    [this](const QModelIndex &, int first, int last) {
                        onSourceRowsRemoved(first, last);
                    }),
            connect(model, &QAbstractItemModel::dataChanged, this,
                    [this](const QModelIndex &topLeft, const QModelIndex &bottomRight,
                           const QList<int> &roles) {
                        onSourceDataChanged(topLeft.row(), bottomRight.row(), roles);
                    }),
            // RoomListModel never moves rows nor changes its layout; should a source do so,
            // the proxy starts over.
            connect(model, &QAbstractItemModel::modelAboutToBeReset, this, aboutToReset),
            connect(model, &QAbstractItemModel::modelReset, this, reset),
            connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this, aboutToReset),
            connect(model, &QAbstractItemModel::layoutChanged, this, reset),
            connect(model, &QAbstractItemModel::rowsAboutToBeMoved, this, aboutToReset),
            connect(model, &QAbstractItemModel::rowsMoved, this, reset),
            connect(model, &QObject::destroyed, this, [this] { setSourceModel(nullptr); }),
            // A space's rooms changed: in: and the scope are resolved again.
            connect(m_store, &RoomStore::spacesChanged, this, &RoomFilterProxy::reparse),
        };
    }
    sectionsChanged(true);
}

RoomFilterProxy::SortKey RoomFilterProxy::keyOf(int sourceRow) const
{
    const RoomSummary &room = m_store->at(sourceRow);
    return {RoomSection::of(room.membership), room.sortKey};
}

void RoomFilterProxy::setText(int sourceRow)
{
    const QString &text = m_store->at(sourceRow).searchText;
    m_textGarbage += m_textLength.at(sourceRow);
    if (m_textGarbage > 65536 && m_textGarbage > m_texts.size() / 2) {
        // Mostly replaced texts: copy the live ones again, in the store's order.
        QString texts;
        texts.reserve(m_texts.size() - m_textGarbage + text.size());
        for (qsizetype row = 0; row < m_textStart.size(); ++row) {
            const QStringView live = row == sourceRow ? QStringView() : textOf(int(row));
            m_textStart[row] = texts.size();
            m_textLength[row] = int(live.size());
            texts.append(live);
        }
        m_texts = std::move(texts);
        m_textGarbage = 0;
    }
    m_textStart[sourceRow] = m_texts.size();
    m_textLength[sourceRow] = int(text.size());
    m_texts.append(text);
}

bool RoomFilterProxy::accepts(const RoomFilterQuery &query, int sourceRow) const
{
    return query.accepts(m_keys.at(sourceRow).section, textOf(sourceRow), m_store->at(sourceRow));
}

bool RoomFilterProxy::less(int sourceRowA, int sourceRowB) const
{
    const SortKey &a = m_keys.at(sourceRowA);
    const SortKey &b = m_keys.at(sourceRowB);
    if (a.section != b.section)
        return a.section < b.section;
    if (const int byName = a.text.compare(b.text); byName != 0)
        return byName < 0;
    return m_store->at(sourceRowA).roomId < m_store->at(sourceRowB).roomId;
}

int RoomFilterProxy::sourceRowAt(int row) const
{
    return row < m_rows.size() ? m_rows.at(row) : m_tail.at(m_tailPos + (row - m_rows.size()));
}

void RoomFilterProxy::rebuild()
{
    m_typed.clear(); // the remembered results are of other rows
    const int rows = m_store ? m_store->size() : 0;
    m_keys.resize(rows);
    m_order.resize(rows);
    m_proxyRowOf.fill(-1, rows);
    m_rows.clear();
    m_texts.clear();
    m_textStart.fill(0, rows);
    m_textLength.fill(0, rows);
    m_textGarbage = 0;
    for (int i = 0; i < rows; ++i) {
        m_keys[i] = keyOf(i);
        m_order[i] = i;
        setText(i);
    }
    std::sort(m_order.begin(), m_order.end(), [this](int a, int b) { return less(a, b); });
    for (int source : std::as_const(m_order)) {
        if (accepts(m_query, source)) {
            m_proxyRowOf[source] = int(m_rows.size());
            m_rows.append(source);
        }
    }
}

template <typename Predicate>
void RoomFilterProxy::transition(const QList<int> &walk, Predicate wantShown)
{
    // Between two rows shown before and after, the rows that go are contiguous in the old list
    // and the rows that come contiguous in the new one: one removal and one insertion per gap.
    // Rows before the current gap are final (m_rows); the rest are still the old ones (m_tail).
    m_tail = std::move(m_rows);
    m_rows = QList<int>();
    m_rows.reserve(m_tail.size());
    m_tailPos = 0;
    m_inTransition = true;
    qsizetype removing = 0;
    QList<int> inserting;
    const auto flush = [&] {
        const int at = int(m_rows.size());
        if (removing > 0) {
            beginRemoveRows({}, at, at + int(removing) - 1);
            m_tailPos += removing;
            endRemoveRows();
            removing = 0;
        }
        if (!inserting.isEmpty()) {
            beginInsertRows({}, at, at + int(inserting.size()) - 1);
            for (int source : std::as_const(inserting)) {
                m_proxyRowOf[source] = int(m_rows.size());
                m_rows.append(source);
            }
            endInsertRows();
            inserting.clear();
        }
    };
    for (int source : walk) {
        const bool was = m_proxyRowOf.at(source) >= 0;
        const bool will = wantShown(source);
        if (was && will) {
            flush();
            Q_ASSERT(m_tail.at(m_tailPos) == source);
            ++m_tailPos;
            m_proxyRowOf[source] = int(m_rows.size());
            m_rows.append(source);
        } else if (was) {
            ++removing;
            m_proxyRowOf[source] = -1;
        } else if (will) {
            inserting.append(source);
        }
    }
    flush();
    Q_ASSERT(m_tailPos == m_tail.size());
    m_tail = QList<int>();
    m_tailPos = 0;
    m_inTransition = false;
}

void RoomFilterProxy::setQuery(const RoomFilterQuery &query)
{
    const RoomFilterQuery previous = m_query;
    m_query = query;
    if (query.error() != previous.error())
        emit filterErrorChanged();
    if (!m_store || query == previous)
        return;
    const bool narrowing = query.narrows(previous);
    const bool widening = !narrowing && previous.narrows(query);
    if (narrowing) {
        // Typing on: remembered, so that erasing back to it costs no test at all.
        if (m_typed.size() >= MaxTypedResults)
            m_typed.removeFirst();
        m_typed.append({previous, m_rows}); // shares m_rows' data; transition() replaces m_rows
    } else if (widening) {
        // Erasing: back to a result remembered while typing, if the rooms did not change since.
        for (qsizetype i = m_typed.size() - 1; i >= 0; --i) {
            if (m_typed.at(i).first == query) {
                const QList<int> rows = m_typed.at(i).second; // a superset of the rows shown
                m_typed.resize(i);
                transition(rows, [](int) { return true; });
                sectionsChanged(true);
                return;
            }
        }
        m_typed.clear();
    } else {
        m_typed.clear();
    }
    // Typing on: only the rows shown can still match. Erasing: the rows shown still match, only
    // the others are tested.
    const int rows = int(m_keys.size());
    QList<char> match(rows, 0);
    if (narrowing && m_rows.size() < rows / 8) {
        for (int source : std::as_const(m_rows))
            match[source] = accepts(query, source);
    } else {
        // In the store's order, which is its memory's: the sorted order would visit it at random.
        for (int source = 0; source < rows; ++source) {
            const bool shown = m_proxyRowOf.at(source) >= 0;
            match[source] = narrowing  ? shown && accepts(query, source)
                            : widening ? shown || accepts(query, source)
                                       : accepts(query, source);
        }
    }
    const QList<int> walk = narrowing ? m_rows : m_order;
    transition(walk, [&](int source) { return match.at(source) != 0; });
    sectionsChanged(true);
}

void RoomFilterProxy::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    reparse();
    emit filterTextChanged();
}

void RoomFilterProxy::setShowLeft(bool show)
{
    if (show == m_showLeft)
        return;
    m_showLeft = show;
    reparse();
    emit showLeftChanged();
}

void RoomFilterProxy::setSpaceScope(const QString &scope)
{
    if (scope == m_spaceScope)
        return;
    m_spaceScope = scope;
    reparse();
    emit spaceScopeChanged();
}

void RoomFilterProxy::reparse()
{
    setQuery(RoomFilterQuery::parse(m_filterText, m_showLeft, m_store, m_spaceScope));
}

void RoomFilterProxy::onSourceRowsInserted(int first, int last)
{
    m_typed.clear(); // the remembered results are of other rows
    const int count = last - first + 1;
    if (first < m_keys.size()) { // rows after them move down (RoomListModel only appends)
        for (int &source : m_order)
            source += source >= first ? count : 0;
        for (int &source : m_rows)
            source += source >= first ? count : 0;
    }
    m_keys.insert(first, count, SortKey{});
    m_proxyRowOf.insert(first, count, -1);
    m_textStart.insert(first, count, 0);
    m_textLength.insert(first, count, 0);
    QList<int> added;
    added.reserve(count);
    for (int source = first; source <= last; ++source) {
        m_keys[source] = keyOf(source);
        setText(source);
        added.append(source);
    }
    const auto byKey = [this](int a, int b) { return less(a, b); };
    std::sort(added.begin(), added.end(), byKey);
    QList<int> merged;
    merged.reserve(m_order.size() + added.size());
    std::merge(m_order.cbegin(), m_order.cend(), added.cbegin(), added.cend(),
               std::back_inserter(merged), byKey);
    m_order = std::move(merged);
    transition(m_order, [&](int source) {
        return source >= first && source <= last ? accepts(m_query, source)
                                                 : m_proxyRowOf.at(source) >= 0;
    });
    sectionsChanged(true);
}

void RoomFilterProxy::onSourceRowsAboutToBeRemoved(int first, int last)
{
    m_typed.clear(); // the remembered results are of other rows
    // Told while the source rows are still there, as QSortFilterProxyModel does.
    const QList<int> shown = m_rows;
    transition(shown, [&](int source) { return source < first || source > last; });
}

void RoomFilterProxy::onSourceRowsRemoved(int first, int last)
{
    const int count = last - first + 1;
    const auto renumber = [&](QList<int> &rows) {
        QList<int> kept;
        kept.reserve(rows.size());
        for (int source : std::as_const(rows))
            if (source < first || source > last)
                kept.append(source > last ? source - count : source);
        rows = std::move(kept);
    };
    renumber(m_order);
    renumber(m_rows);
    m_keys.remove(first, count);
    m_proxyRowOf.remove(first, count);
    for (int source = first; source <= last; ++source)
        m_textGarbage += m_textLength.at(source);
    m_textStart.remove(first, count);
    m_textLength.remove(first, count);
    sectionsChanged(true);
}

void RoomFilterProxy::reindex(qsizetype from, qsizetype to)
{
    for (qsizetype row = from; row < to; ++row)
        m_proxyRowOf[m_rows.at(row)] = int(row);
}

void RoomFilterProxy::moveRow(int sourceRow, const SortKey &key, bool shown)
{
    const auto byKey = [this](int a, int b) { return less(a, b); };
    // Its place among all rows: found by its old key (the order is that of the old keys), then
    // placed by its new one among the others.
    const auto old = std::lower_bound(m_order.begin(), m_order.end(), sourceRow, byKey);
    Q_ASSERT(old != m_order.end() && *old == sourceRow);
    m_order.erase(old);
    m_keys[sourceRow] = key;
    m_order.insert(std::lower_bound(m_order.begin(), m_order.end(), sourceRow, byKey), sourceRow);

    // Its row here: how many other rows shown sort before it.
    const int from = m_proxyRowOf.at(sourceRow);
    const auto otherAt = [&](qsizetype i) { return m_rows.at(from >= 0 && i >= from ? i + 1 : i); };
    qsizetype low = 0;
    qsizetype high = m_rows.size() - (from >= 0 ? 1 : 0);
    while (low < high) {
        const qsizetype middle = low + (high - low) / 2;
        if (less(otherAt(middle), sourceRow))
            low = middle + 1;
        else
            high = middle;
    }
    const int to = int(low);
    if (from >= 0 && shown) {
        if (to == from)
            return;
        beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
        m_rows.remove(from);
        m_rows.insert(to, sourceRow);
        reindex(std::min(from, to), std::max(from, to) + 1);
        endMoveRows();
    } else if (from >= 0) {
        beginRemoveRows({}, from, from);
        m_rows.remove(from);
        m_proxyRowOf[sourceRow] = -1;
        reindex(from, m_rows.size());
        endRemoveRows();
    } else if (shown) {
        beginInsertRows({}, to, to);
        m_rows.insert(to, sourceRow);
        reindex(to, m_rows.size());
        endInsertRows();
    }
}

void RoomFilterProxy::onSourceDataChanged(int first, int last, const QList<int> &roles)
{
    if (!m_store || first < 0 || last < first)
        return;
    bool moved = false;
    if (affectsOrderOrFilter(roles)) {
        struct Change
        {
            int source;
            SortKey key;
            bool keyChanged;
            bool shown;
        };
        QList<Change> changes;
        for (int source = first; source <= last; ++source) {
            SortKey key = keyOf(source);
            const SortKey &old = m_keys.at(source);
            const bool keyChanged = key.section != old.section || key.text != old.text;
            setText(source);
            const bool shown = m_query.accepts(key.section, textOf(source), m_store->at(source));
            if (keyChanged || shown != (m_proxyRowOf.at(source) >= 0))
                changes.append({source, std::move(key), keyChanged, shown});
        }
        moved = !changes.isEmpty();
        // The remembered results may no longer hold, even when no row here changes: a room's
        // alias or inviter that a previous query read (server:, from:) may have changed.
        m_typed.clear();
        if (changes.size() <= MaxSingleMoves) {
            for (const Change &change : std::as_const(changes))
                moveRow(change.source, change.key, change.shown);
        } else {
            // Many at once (a full sync again): the rows that change place or stop matching go,
            // the order is merged again in one pass, and the rows that match come back.
            QList<int> changeOf(m_keys.size(), -1);
            for (qsizetype i = 0; i < changes.size(); ++i)
                changeOf[changes.at(i).source] = int(i);
            const QList<int> shown = m_rows;
            transition(shown, [&](int source) {
                const int c = changeOf.at(source);
                return c < 0 || (changes.at(c).shown && !changes.at(c).keyChanged);
            });
            QList<int> rest;
            QList<int> rekeyed;
            rest.reserve(m_order.size());
            for (int source : std::as_const(m_order)) {
                const int c = changeOf.at(source);
                if (c >= 0 && changes.at(c).keyChanged) {
                    m_keys[source] = changes.at(c).key;
                    rekeyed.append(source);
                } else {
                    rest.append(source);
                }
            }
            const auto byKey = [this](int a, int b) { return less(a, b); };
            std::sort(rekeyed.begin(), rekeyed.end(), byKey);
            m_order.clear();
            std::merge(rest.cbegin(), rest.cend(), rekeyed.cbegin(), rekeyed.cend(),
                       std::back_inserter(m_order), byKey);
            transition(m_order, [&](int source) {
                const int c = changeOf.at(source);
                return c >= 0 ? changes.at(c).shown : m_proxyRowOf.at(source) >= 0;
            });
        }
    }
    // The rows' own data, where they are now.
    for (int source = first; source <= last; ++source) {
        if (const int row = m_proxyRowOf.at(source); row >= 0)
            emit dataChanged(index(row), index(row), roles);
    }
    if (affectsOrderOrFilter(roles))
        sectionsChanged(moved);
}

QModelIndex RoomFilterProxy::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_source || !proxyIndex.isValid() || proxyIndex.model() != this ||
        proxyIndex.row() >= rowCount())
        return {};
    return m_source->index(sourceRowAt(proxyIndex.row()));
}

QModelIndex RoomFilterProxy::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_source || !sourceIndex.isValid() || sourceIndex.model() != m_source ||
        sourceIndex.row() >= m_proxyRowOf.size())
        return {};
    if (m_inTransition) { // only while the view is told of a change: the map is being rebuilt
        for (int row = 0; row < rowCount(); ++row)
            if (sourceRowAt(row) == sourceIndex.row())
                return index(row);
        return {};
    }
    const int row = m_proxyRowOf.at(sourceIndex.row());
    return row >= 0 ? index(row) : QModelIndex();
}

int RoomFilterProxy::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size() + (m_tail.size() - m_tailPos));
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
    QHash<int, QByteArray> roles = m_source ? m_source->roleNames() : QHash<int, QByteArray>();
    roles.insert(SectionStartRole, "sectionStart");
    roles.insert(SectionCountRole, "sectionCount");
    roles.insert(SelectedRole, "selected");
    return roles;
}

QVariant RoomFilterProxy::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == SelectedRole)
        return m_selection && m_selection->isSelected(roomIdAt(index.row()));
    if (role != SectionStartRole && role != SectionCountRole)
        return m_source ? m_source->data(mapToSource(index), role) : QVariant();
    const RoomSection::Value section = sectionAt(index.row());
    if (role == SectionCountRole)
        return sectionCount(section);
    return index.row() == 0 || sectionAt(index.row() - 1) != section;
}

RoomSection::Value RoomFilterProxy::sectionAt(int row) const
{
    // The section the row is sorted by: the store's after each change is applied.
    return m_keys.at(sourceRowAt(row)).section;
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
    int counts[RoomSection::Count];
    for (int section = 0; section < RoomSection::Count; ++section)
        counts[section] = sectionCount(RoomSection::Value(section));
    const bool countsChanged = !std::equal(counts, counts + RoomSection::Count, m_notifiedCounts);
    std::copy(counts, counts + RoomSection::Count, m_notifiedCounts);
    // After an insertion, removal or move another row may be the first of its section even when
    // no count changed. Telling the view about every row is cheap: it refreshes the rows it shows.
    if ((countsChanged || rowsMoved) && rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0),
                         {SectionStartRole, SectionCountRole});
    if (rowCount() != m_notifiedRowCount) {
        m_notifiedRowCount = rowCount();
        emit countChanged();
    }
    emit listChanged();
}

QString RoomFilterProxy::roomIdAt(int row) const
{
    if (!m_store || row < 0 || row >= rowCount())
        return {};
    return m_store->at(sourceRowAt(row)).roomId;
}

int RoomFilterProxy::rowOfRoom(const QString &roomId) const
{
    const int source = m_store ? m_store->indexOf(roomId) : -1;
    if (source < 0 || source >= m_proxyRowOf.size())
        return -1;
    if (m_inTransition) { // only while the view is told of a change: the map is being rebuilt
        for (int row = 0; row < rowCount(); ++row)
            if (sourceRowAt(row) == source)
                return row;
        return -1;
    }
    return m_proxyRowOf.at(source);
}

void RoomFilterProxy::setSelection(const RoomSelection *selection)
{
    m_selection = selection;
}

void RoomFilterProxy::selectionChanged(const QList<int> &rows)
{
    const QList<int> roles{SelectedRole};
    for (qsizetype first = 0; first < rows.size();) {
        qsizetype last = first;
        while (last + 1 < rows.size() && rows.at(last + 1) == rows.at(last) + 1)
            ++last;
        if (rows.at(first) >= 0 && rows.at(last) < rowCount())
            emit dataChanged(index(rows.at(first)), index(rows.at(last)), roles);
        first = last + 1;
    }
}
