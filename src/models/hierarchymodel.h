#pragma once

// A space's hierarchy (GET /_matrix/client/v1/rooms/{roomId}/hierarchy, issue 15): the rooms and
// sub-spaces below one space, what you can do with each (join, ask to join, nothing: and why),
// a selection to join as one job of the bulk queue, and the rooms to leave with the space.

#include "actions/jobqueue.h"
#include "actions/operation.h"
#include "api/matrixerror.h"
#include "models/roompreview.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiCall;
class ApiClient;
class QJsonObject;
class RoomStore;

// Set spaceId: every page is loaded (next_batch followed), up to MaxRows rooms and MaxPages
// pages (truncated says so), with maxDepth levels below the space. The space itself is row 0
// (depth 0); the server's order (depth first) is kept.
//
// Roles (QML names):
//   roomId          string
//   name            string  name, else alias, else ID (plain text: server text)
//   canonicalAlias  string
//   topic           string  one line, plain text
//   memberCount     int     joined members, -1 unknown
//   joinRule        int     JoinRule.Public, .Restricted, …
//   roomType        string  "m.space" or ""
//   isSpace         bool
//   depth           int     0 for the space, 1 for its children, …
//   parentId        string  the space whose m.space.child lists it ("" for row 0)
//   parentName      string
//   suggested       bool    its m.space.child says "suggested": true
//   via             list    the servers of the parent's m.space.child (at most 3)
//   membership      int     yours from the room list (Membership.Join, …), -1 none
//   joinAction      int     HierarchyModel.AlreadyJoined, .CanJoin, .CanKnock, .CannotJoin
//   canJoin         bool    joinAction is CanJoin or CanKnock: selectable
//   joinNote        string  how or why not ("Invite only: you need an invite.")
//   rejoinWarning   string  for a room you are in: why you could not come back after leaving
//   selected        bool
class HierarchyModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("HierarchyModel is created by the application (services.hierarchy)")
    Q_PROPERTY(QString spaceId READ spaceId WRITE setSpaceId NOTIFY spaceIdChanged)
    // Levels below the space asked for (default 5). Changing it reloads.
    Q_PROPERTY(int maxDepth READ maxDepth WRITE setMaxDepth NOTIFY maxDepthChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY statusChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY statusChanged)
    // The space's name (row 0), or its ID until known.
    Q_PROPERTY(QString spaceName READ spaceName NOTIFY countChanged)
    // Loading stopped at MaxRows / MaxPages: more rooms exist than are shown.
    Q_PROPERTY(bool truncated READ truncated NOTIFY statusChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int joinableCount READ joinableCount NOTIFY countChanged)
    Q_PROPERTY(int selectedCount READ selectedCount NOTIFY selectionChanged)

public:
    static constexpr int MaxRows = 2000;
    static constexpr int MaxPages = 100;

    enum Role {
        RoomIdRole = Qt::UserRole + 1,
        NameRole,
        CanonicalAliasRole,
        TopicRole,
        MemberCountRole,
        JoinRuleRole,
        RoomTypeRole,
        IsSpaceRole,
        DepthRole,
        ParentIdRole,
        ParentNameRole,
        SuggestedRole,
        ViaRole,
        MembershipRole,
        JoinActionRole,
        CanJoinRole,
        JoinNoteRole,
        RejoinWarningRole,
        SelectedRole,
    };
    Q_ENUM(Role)
    enum Status { Idle, Loading, Loaded, Failed };
    Q_ENUM(Status)
    enum JoinAction {
        AlreadyJoined, // you are in it
        CanJoin,       // public, restricted through a space you are in, or an invite
        CanKnock,      // knock / knock_restricted: you may ask to join
        CannotJoin,    // invite only, banned, restricted to spaces you are not in, unknown rule
    };
    Q_ENUM(JoinAction)

    // One m.space.child event of a space row (children_state).
    struct Child
    {
        QString roomId;
        QStringList via; // valid server names, at most Identifiers::MaxViaServers
        bool suggested = false;
    };
    struct Row
    {
        RoomPreview::Info info;
        QList<Child> children; // a space's m.space.child events
        int depth = 0;
        QString parentId;
        bool suggested = false;
        QStringList via;
        QStringList allowedRoomIds; // allowed_room_ids (spec v1.15), when the server sends it
    };

    HierarchyModel(ApiClient *api, const RoomStore *store, JobQueue *jobs,
                   QObject *parent = nullptr);
    ~HierarchyModel() override;

    QString spaceId() const { return m_spaceId; }
    void setSpaceId(const QString &spaceId);
    int maxDepth() const { return m_maxDepth; }
    void setMaxDepth(int depth);
    // Rooms per page (default 50; tests use less).
    void setPageSize(int rooms) { m_pageSize = rooms; }
    Status status() const { return m_status; }
    bool loading() const { return m_call != nullptr; }
    QString errorText() const { return m_errorText; }
    MatrixError error() const { return m_error; }
    QString spaceName() const;
    bool truncated() const { return m_truncated; }
    int count() const { return int(m_rows.size()); }
    int joinableCount() const;
    int selectedCount() const { return int(m_selected.size()); }
    const QList<Row> &rows() const { return m_rows; }
    Q_INVOKABLE int rowOf(const QString &roomId) const;

    JoinAction joinActionOf(int row, QString *note = nullptr) const;
    // For a room you are in: why leaving it could be for good (empty: you could rejoin).
    // leavingSpace: the space is left too (a restricted room's way back goes through it).
    QString rejoinWarningOf(int row, bool leavingSpace = true) const;

    // Loads the first page again (and the rest).
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void clear();
    Q_INVOKABLE QVariantMap get(int row) const;

    // Selection (joinable rows only: others are refused).
    Q_INVOKABLE bool setSelected(int row, bool selected);
    Q_INVOKABLE void toggleSelected(int row) { setSelected(row, !isSelected(row)); }
    Q_INVOKABLE bool isSelected(int row) const;
    // Every joinable row; with filter, only those whose name, alias or ID contains it
    // (case-insensitive). Returns how many are selected.
    Q_INVOKABLE int selectJoinable(const QString &filter = {});
    Q_INVOKABLE void clearSelection();
    Q_INVOKABLE QStringList selectedRoomIds() const;

    // The join job's items for these rooms (in the hierarchy's order, parents first): a join
    // with the parent's `via` (or a knock where only a knock is possible). Rooms that cannot be
    // joined are left out.
    QList<Operation::Description> joinItems(const QStringList &roomIds) const;
    // One job joining the selected rooms through the bulk queue; null (see the queue's
    // lastError) when it was refused.
    Q_INVOKABLE Job *joinSelected();

    // The rooms and sub-spaces below the space that you are in (joined), deepest first.
    Q_INVOKABLE QStringList joinedDescendants() const;
    // What a leave of the space with these of its rooms sends, in order: the chosen rooms
    // (deepest first), then the space. Rooms not below the space are dropped.
    Q_INVOKABLE QStringList leaveOrder(const QStringList &withRooms) const;
    // One job: leave the chosen rooms, then the space.
    Q_INVOKABLE Job *leaveSpace(const QStringList &withRooms, const QString &reason = {});

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Parses one hierarchy page into rows, given the rows so far (for parents and depth).
    // Exposed for the CLI and the tests.
    static QList<Row> parsePage(const QJsonObject &body, const QString &spaceId,
                                const QList<Row> &before);

signals:
    void spaceIdChanged();
    void maxDepthChanged();
    void statusChanged();
    void countChanged();
    void selectionChanged();
    // Every page is in (or loading stopped at a cap, or failed: see status).
    void loaded();

private:
    void request(const QString &from);
    void onPage(const QJsonObject &body);
    void onFailed(const MatrixError &error);
    void setStatus(Status status);
    void stopCall();
    void storeChanged();
    int membershipOf(const QString &roomId) const;
    QString nameOf(const QString &roomId) const;

    ApiClient *m_api;
    QPointer<const RoomStore> m_store;
    QPointer<JobQueue> m_jobs;
    QString m_spaceId;
    int m_maxDepth = 5;
    int m_pageSize = 50;
    int m_pages = 0;
    QList<Row> m_rows;
    QSet<QString> m_selected;
    QSet<QString> m_usedBatches;
    Status m_status = Idle;
    MatrixError m_error;
    QString m_errorText;
    bool m_truncated = false;
    QPointer<ApiCall> m_call;
};
