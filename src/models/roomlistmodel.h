#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QSet>
#include <QStringMatcher>
#include <QtQmlIntegration/qqmlintegration.h>

#include "api/membership.h"
#include "store/roomsummary.h"

class RoomSelection;
class RoomStore;
class MembershipService;

// The sections of the room list, in display order (the values are the order: sorting by section
// compares them). Sections are computed from memberships on every run, never stored.
//   Invites    Membership::Invite
//   Requested  Membership::Knock: pending requests to join (withdrawn with a leave)
//   Joined     Membership::Join
//   Left       Membership::Leave and Membership::Ban
namespace RoomSection {
Q_NAMESPACE
QML_ELEMENT
enum Value { Invites, Requested, Joined, Left };
Q_ENUM_NS(Value)
inline constexpr int Count = Left + 1;
Value of(Membership::Value membership);
} // namespace RoomSection

// A flat list of every room in the RoomStore, updated row by row from each sync.
//
// Roles (QML names):
//   roomId            string  "!abc:example.org"
//   displayName       string  the spec's computed room name (plain text, server-provided)
//   canonicalAlias    string  "#room:example.org" or ""
//   topic             string
//   avatarSource      url     "image://mxc/<server>/<mediaId>" when the room's m.room.avatar URL
//                             is a valid mxc URI, else empty
//   membership        int     Membership.Join | Membership.Invite | Membership.Leave | …
//   section           int     RoomSection.Invites | .Requested (Membership.Knock) | .Joined |
//                             .Left (left or banned)
//   joinedMemberCount int     -1 when unknown
//   inviterId         string  for invites: who invited us
//   inviterName       string  their display name, or their ID
//   pendingAction     int     the running operation's Operation.Kind, or -1
//   operationState    int     the latest operation's Operation.State on this room, or -1
//   waitReason        int     its Operation.WaitReason (Operation.NotWaiting unless Waiting)
//   lastError         string  why the latest operation failed (or could not be confirmed), with
//                             errcode; "" once it succeeded, or sync showed the wanted state
//   isSpace           bool    the room is a space (m.room.create type "m.space")
//   isDirect          bool    a direct chat (m.direct, or an invite marked is_direct)
//   spaceIds          list    the joined spaces that list the room as a child (RoomStore::spacesOf)
//   spaceNames        list    their display names, in the same order (plain text)
//   successorToJoin   string  a joined room replaced by a new version (its tombstone) that you
//                             are not in: the new room's ID; "" otherwise, and also when the new
//                             room is known and names another room as the one it replaces
//   successorVia      list    servers to join it through (the new and the old room's servers)
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RoomListModel is created by the application")
    Q_PROPERTY(int inviteCount READ inviteCount NOTIFY countsChanged)
    Q_PROPERTY(int joinedCount READ joinedCount NOTIFY countsChanged)
    Q_PROPERTY(int leftCount READ leftCount NOTIFY countsChanged)
    // Pending knocks (the Requested section).
    Q_PROPERTY(int requestedCount READ requestedCount NOTIFY countsChanged)
    Q_PROPERTY(int count READ rowCountProperty NOTIFY countsChanged)

public:
    enum Role {
        RoomIdRole = Qt::UserRole + 1,
        DisplayNameRole,
        CanonicalAliasRole,
        TopicRole,
        AvatarSourceRole,
        MembershipRole,
        SectionRole,
        JoinedMemberCountRole,
        InviterIdRole,
        InviterNameRole,
        PendingActionRole,
        LastErrorRole,
        OperationStateRole,
        WaitReasonRole,
        // Spaces and direct chats: numbered apart, after RoomFilterProxy's roles.
        IsSpaceRole = Qt::UserRole + 100,
        IsDirectRole,
        SpaceIdsRole,
        SpaceNamesRole,
        SuccessorToJoinRole,
        SuccessorViaRole,
    };
    Q_ENUM(Role)

    explicit RoomListModel(RoomStore *store, QObject *parent = nullptr);
    void setMembershipService(MembershipService *service);
    const RoomStore *store() const { return m_store; }

    // successorToJoin of a room (see above): the ID of the new version to offer, or "".
    static QString successorToJoin(const RoomStore *store, const RoomSummary &room);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int inviteCount() const { return m_counts[1]; }
    int joinedCount() const { return m_counts[0]; }
    int leftCount() const { return m_counts[2]; }
    int requestedCount() const { return m_counts[3]; }
    int rowCountProperty() const { return rowCount(); }

    // "mxc://server/mediaId" -> "image://mxc/server/mediaId"; empty for anything else
    // (a path, a query, "..", a foreign scheme): never a request outside the media path.
    static QString avatarSourceFor(const QString &mxc);

signals:
    void countsChanged();

private:
    void updateCounts();
    void onOperationChanged(const QString &roomId);

    RoomStore *m_store;
    QPointer<MembershipService> m_service;
    int m_counts[4] = {0, 0, 0, 0}; // join, invite, leave, knock
};

// What the filter field asks for, parsed once per change: words of free text and terms, all of
// which a room must satisfy.
//   word, "two words"   the room's name, alias or ID contains it (case-insensitive)
//   is:invite           the room's section: is:invite, is:requested, is:joined, is:left (also
//                       is:invited, is:knock, is:knocked, is:join, is:leave); is:left shows left
//                       rooms even when showLeft is off
//   server:example.org  the room ID's server, the canonical alias's server or the inviter's
//                       server is example.org (case-insensitive, the whole server name)
//   from:@user:server   the inviter is that user
//   is:dm, is:space     a direct chat (also is:direct); a space
//   in:SPACE            the room is in that space or one of its sub-spaces (RoomStore::
//                       roomsInSpace); SPACE is a room ID, a canonical alias or a name (a name
//                       with spaces in quotes: in:"Open source"); needs the store to resolve it
//   -term, -word        negates one term or word ("-is:left", -"two words")
// Keywords are case-insensitive; a word whose prefix before ':' is not a keyword is free text
// ("#room:example.org" is searched as typed). An unknown or malformed term ("is:foo",
// "from:notauser", "server:") makes error() say what is wrong, and the query accepts no room:
// a bulk action over "every room the filter accepts" never runs on a misread filter.
// accepts() and narrows() are all RoomFilterProxy needs from a query.
class RoomFilterQuery
{
public:
    RoomFilterQuery() = default;
    // store resolves in: terms and the scope; without one (checking a command line before the
    // rooms are known) they are accepted as typed and match no room.
    // scope: a view of the list (SpacesModel's scope role): "" every room, "dm" the direct
    // chats, "orphans" the rooms in no space (not spaces, not direct chats), or a space's room
    // ID (the rooms below it).
    static RoomFilterQuery parse(const QString &text, bool showLeft,
                                 const RoomStore *store = nullptr, const QString &scope = {});

    bool accepts(const RoomSummary &room) const
    {
        return accepts(RoomSection::of(room.membership), room.searchText, room);
    }
    // The same, given the room's section and folded search text (RoomSummary::searchText), which
    // are all free text and is: read: the proxy keeps them where a scan of every room is fast.
    // server: and from: read `room`.
    bool accepts(RoomSection::Value section, QStringView searchText, const RoomSummary &room) const;
    // True when every room this query accepts is also accepted by `wider` (e.g. one more letter
    // typed): the proxy then re-tests only the rows `wider` accepted. False when unsure.
    bool narrows(const RoomFilterQuery &wider) const;
    bool operator==(const RoomFilterQuery &other) const
    {
        return m_error == other.m_error && m_leftShown == other.m_leftShown &&
               m_terms == other.m_terms && m_scope == other.m_scope &&
               m_scopeRooms == other.m_scopeRooms;
    }
    // Why the text is not a valid query (translated, names the term), or empty.
    QString error() const { return m_error; }

private:
    struct Term
    {
        enum Kind { Text, Is, Server, From, Direct, Space, In };
        Kind kind = Text;
        bool negated = false;
        QString value; // Text: case-folded; Server, From, In: as typed
        RoomSection::Value section = RoomSection::Joined; // Is
        QStringMatcher matcher; // Text: value's skip table, built once per query, not per room
        QSet<QString> rooms;    // In: the rooms below the space(s) it names
        bool operator==(const Term &other) const
        {
            return kind == other.kind && negated == other.negated && value == other.value &&
                   section == other.section && rooms == other.rooms;
        }
        // Every room this term accepts is accepted by `wider`.
        bool implies(const Term &wider) const;
        bool holds(RoomSection::Value roomSection, QStringView searchText,
                   const RoomSummary &room) const;
    };
    // No room of the Left section can pass (showLeft off without is:left, or a term excludes it).
    bool excludesLeft() const;

    enum class Scope { All, Direct, Orphans, Space };
    bool inScope(const RoomSummary &room) const;

    QList<Term> m_terms;
    QString m_error;
    Scope m_scope = Scope::All;
    QSet<QString> m_scopeRooms; // Space: the rooms below it; Orphans: the rooms in any space
    bool m_leftShown = true;    // showLeft, or a positive is:left term
    bool m_oneWord = false;     // the query is one word of free text (accepts()' fast path)
};

// Filters by a typed text (name, alias or room ID) and sorts Invites, Requested, Joined, Left
// (RoomSection::Value's order), then by name, so that each section is one contiguous run of rows.
//
// Sorted once, filtered incrementally: the proxy keeps every source row in sorted order and the
// rows that pass the filter as a subsequence of it. A keystroke that narrows the query re-tests
// only the rows shown; any other change walks the sorted rows once. Neither re-sorts, and the
// view is told what changed in as few contiguous row ranges as the change allows (never a reset,
// so the current row stays on its room). A room whose name or section changes moves on its own
// (rowsMoved), compared against the other rows as the proxy last saw them, so that several rows
// changing in one sync keep the order consistent.
//
// The view draws a section's header above the section's first row from two roles of its own
// (Qt 6.4's ListView sections reuse header items without updating them when sections come and
// go, so headers are not left to ListView):
//   sectionStart      bool    the row is the first of its section (after filtering)
//   sectionCount      int     how many rows of this section pass the filter
// Both are computed on request from the sorted rows; dataChanged is emitted for them whenever
// rows come, go, move or change section. And one for the selection (RoomSelection):
//   selected          bool    the room is selected; dataChanged for exactly the rows whose
//                             selection changed
class RoomFilterProxy : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(bool showLeft READ showLeft WRITE setShowLeft NOTIFY showLeftChanged)
    Q_PROPERTY(int count READ countProperty NOTIFY countChanged)
    // Why filterText is not a valid query (e.g. "is:foo"), or empty; then no row is shown.
    Q_PROPERTY(QString filterError READ filterError NOTIFY filterErrorChanged)
    // The view of the list the filter applies within (RoomFilterQuery::parse's scope): "" all
    // rooms, "dm", "orphans", or a space's room ID. Follows the spaces as they change.
    Q_PROPERTY(QString spaceScope READ spaceScope WRITE setSpaceScope NOTIFY spaceScopeChanged)

public:
    enum Role {
        SectionStartRole = RoomListModel::WaitReasonRole + 1,
        SectionCountRole,
        SelectedRole,
    };
    Q_ENUM(Role)

    explicit RoomFilterProxy(QObject *parent = nullptr);
    void setSourceModel(RoomListModel *model);
    RoomListModel *sourceModel() const { return m_source; }
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const;

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    bool showLeft() const { return m_showLeft; }
    void setShowLeft(bool show);
    QString spaceScope() const { return m_spaceScope; }
    void setSpaceScope(const QString &scope);
    int countProperty() const { return rowCount(); }
    QString filterError() const { return m_query.error(); }
    const RoomFilterQuery &query() const { return m_query; }
    const RoomStore *store() const { return m_store; }

    // The room of a row, and the row of a room (-1: hidden by the filter, or not in the store).
    QString roomIdAt(int row) const;
    int rowOfRoom(const QString &roomId) const;
    // RoomSelection: the selection the selected role reads, and the rows whose selection changed
    // (ascending), told to the view in contiguous ranges.
    void setSelection(const RoomSelection *selection);
    void selectionChanged(const QList<int> &rows);

    // successorToJoin of a room (see above): the ID of the new version to offer, or "".
    static QString successorToJoin(const RoomStore *store, const RoomSummary &room);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    // The section of a row of this model, and how many rows of a section pass the filter.
    RoomSection::Value sectionAt(int row) const;
    int sectionCount(RoomSection::Value section) const;

    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void filterTextChanged();
    void showLeftChanged();
    void countChanged();
    void filterErrorChanged();
    void spaceScopeChanged();
    // Once after each change of the rows shown, their order or their sections (a filter, a
    // sync, rooms coming and going), when the view has been told.
    void listChanged();

private:
    // A source row's place in the order, as this proxy last saw it. The order only changes
    // when the proxy updates a key, so it stays consistent while a batch of rows is applied.
    struct SortKey
    {
        RoomSection::Value section = RoomSection::Joined;
        QString text; // RoomSummary::sortKey
    };
    SortKey keyOf(int sourceRow) const;
    // The rooms' folded search texts, copied into one buffer in the store's order: a keystroke
    // that tests every room reads memory in sequence instead of one allocation per room.
    void setText(int sourceRow);
    QStringView textOf(int sourceRow) const
    {
        return QStringView(m_texts).mid(m_textStart.at(sourceRow), m_textLength.at(sourceRow));
    }
    bool accepts(const RoomFilterQuery &query, int sourceRow) const;
    bool less(int sourceRowA, int sourceRowB) const;
    int sourceRowAt(int row) const;

    void setQuery(const RoomFilterQuery &query);
    void reparse(); // the query of filterText, showLeft and spaceScope, resolved again
    void rebuild(); // from scratch, inside a model reset
    // Makes the shown rows those of `walk` (source rows in sorted order, a superset of the rows
    // shown now) for which wantShown(sourceRow) holds; tells the view in contiguous ranges.
    template <typename Predicate> void transition(const QList<int> &walk, Predicate wantShown);
    void onSourceRowsInserted(int first, int last);
    void onSourceRowsAboutToBeRemoved(int first, int last);
    void onSourceRowsRemoved(int first, int last);
    void onSourceDataChanged(int first, int last, const QList<int> &roles);
    void moveRow(int sourceRow, const SortKey &key, bool shown);
    void reindex(qsizetype from, qsizetype to);
    // The first row at or after which every row's section is >= section (rows are sorted).
    int firstRowOf(RoomSection::Value section) const;
    // Tells the view about the section roles of every row when they may differ now: always after
    // rows came, went or moved, else when a section's count changed. Also countChanged.
    void sectionsChanged(bool rowsMoved);

    RoomListModel *m_source = nullptr;
    const RoomStore *m_store = nullptr;
    QList<QMetaObject::Connection> m_sourceConnections;
    QString m_filterText;
    QString m_spaceScope;
    bool m_showLeft = true;
    RoomFilterQuery m_query;
    QPointer<const RoomSelection> m_selection;

    QList<SortKey> m_keys;        // by source row
    QList<int> m_order;           // every source row, sorted by m_keys (then room ID)
    QList<int> m_rows;            // the rows shown: source rows, a subsequence of m_order
    QList<int> m_proxyRowOf;      // by source row: its row here, or -1
    QString m_texts;              // search texts, see setText()
    QList<qsizetype> m_textStart; // by source row
    QList<int> m_textLength;      // by source row
    qsizetype m_textGarbage = 0;  // characters of texts replaced since the last compaction
    // While transition() tells the view range by range, the rows shown are m_rows (final) then
    // m_tail from m_tailPos (not yet visited).
    QList<int> m_tail;
    qsizetype m_tailPos = 0;
    bool m_inTransition = false;
    // The rows shown for each query typed before the current one narrowed it, oldest first;
    // forgotten when rooms come, go or change.
    QList<std::pair<RoomFilterQuery, QList<int>>> m_typed;
    int m_notifiedCounts[RoomSection::Count] = {}; // per RoomSection, as the view was last told
    int m_notifiedRowCount = 0;
};
