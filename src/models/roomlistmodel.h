#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QSortFilterProxyModel>
#include <QtQmlIntegration/qqmlintegration.h>

#include "api/membership.h"

class RoomStore;
class MembershipService;

// The sections of the room list, in display order.
namespace RoomSection {
Q_NAMESPACE
QML_ELEMENT
enum Value { Invites, Joined, Left };
Q_ENUM_NS(Value)
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
//   section           int     RoomSection.Invites | RoomSection.Joined | RoomSection.Left
//   joinedMemberCount int     -1 when unknown
//   inviterId         string  for invites: who invited us
//   inviterName       string  their display name, or their ID
//   pendingAction     int     the running operation's Operation.Kind, or -1
//   operationState    int     the latest operation's Operation.State on this room, or -1
//   waitReason        int     its Operation.WaitReason (Operation.NotWaiting unless Waiting)
//   lastError         string  why the latest operation failed (or could not be confirmed), with
//                             errcode; "" once it succeeded, or sync showed the wanted state
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RoomListModel is created by the application")
    Q_PROPERTY(int inviteCount READ inviteCount NOTIFY countsChanged)
    Q_PROPERTY(int joinedCount READ joinedCount NOTIFY countsChanged)
    Q_PROPERTY(int leftCount READ leftCount NOTIFY countsChanged)
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
    };
    Q_ENUM(Role)

    explicit RoomListModel(RoomStore *store, QObject *parent = nullptr);
    void setMembershipService(MembershipService *service);
    const RoomStore *store() const { return m_store; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int inviteCount() const { return m_counts[1]; }
    int joinedCount() const { return m_counts[0]; }
    int leftCount() const { return m_counts[2]; }
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
    int m_counts[3] = {0, 0, 0};
};

// Filters by a typed text (name, alias or room ID) and sorts Invites, Joined, Left, then by
// name, so that each section is one contiguous run of rows.
//
// The view draws a section's header above the section's first row from two roles of its own
// (Qt 6.4's ListView sections reuse header items without updating them when sections come and
// go, so headers are not left to ListView):
//   sectionStart      bool    the row is the first of its section (after filtering)
//   sectionCount      int     how many rows of this section pass the filter
// Both are computed on request from the sorted rows; dataChanged is emitted for them whenever
// rows come, go, move or change section.
class RoomFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(bool showLeft READ showLeft WRITE setShowLeft NOTIFY showLeftChanged)
    Q_PROPERTY(int count READ countProperty NOTIFY countChanged)

public:
    enum Role {
        SectionStartRole = RoomListModel::WaitReasonRole + 1,
        SectionCountRole,
    };
    Q_ENUM(Role)

    explicit RoomFilterProxy(QObject *parent = nullptr);
    void setSourceModel(QAbstractItemModel *model) override;

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    bool showLeft() const { return m_showLeft; }
    void setShowLeft(bool show);
    int countProperty() const { return rowCount(); }

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

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    // The first row at or after which every row's section is >= section (rows are sorted).
    int firstRowOf(RoomSection::Value section) const;
    // Tells the view about the section roles of every row when they may differ now: always after
    // rows came, went or moved (rowsMoved), else when a section's count changed.
    void sectionsChanged(bool rowsMoved);

    // Sorting and filtering read the store directly (no QVariant per comparison) when the
    // source is a RoomListModel; that is what keeps 5,000-room lists instant.
    const RoomStore *m_store = nullptr;
    QString m_filterText;
    QString m_needle; // trimmed, case-folded m_filterText
    bool m_showLeft = true;
    QList<QMetaObject::Connection> m_sourceConnections;
    int m_notifiedCounts[3] = {0, 0, 0}; // per RoomSection, as the view was last told
};
