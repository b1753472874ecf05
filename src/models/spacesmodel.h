#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QtQmlIntegration/qqmlintegration.h>

class RoomStore;

// The views of the room list (issue 15): "All rooms", "Direct chats", "Not in a space", then the
// spaces the account has joined as a tree (a sub-space under each joined space that lists it as a
// child; a space no joined space lists at the top; a cycle is followed once). Each row carries
// the scope that RoomFilterProxy::spaceScope takes to show that view, and how many rooms of each
// membership the view holds. Rebuilt from the RoomStore as it changes: rows that stay the same
// view only change their data (a selection in the view stays put); a change of the tree resets.
//
// Roles (QML names):
//   kind          int     SpacesModel.AllRooms | .DirectChats | .NotInSpace | .Space
//   scope         string  "" | "dm" | "orphans" | the space's room ID (RoomFilterProxy::spaceScope)
//   name          string  the view's name, or the space's display name (plain text, server's)
//   roomId        string  the space's room ID, else ""
//   canonicalAlias string the space's alias, or ""
//   avatarSource  url     the space's avatar (RoomListModel::avatarSourceFor), or empty
//   depth         int     0 for the fixed views and top-level spaces, 1 for their sub-spaces, …
//   hasChildren   bool    a space with joined sub-spaces
//   joinedCount   int     rooms of the view the account is in
//   inviteCount   int     rooms of the view the account is invited to
//   leftCount     int     rooms of the view the account left or was banned from
//   roomCount     int     every room of the view (requests to join included)
class SpacesModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SpacesModel is created by the application")
    Q_PROPERTY(int count READ countProperty NOTIFY countChanged)
    // The joined spaces (rows of kind Space may repeat a space listed by two parents).
    Q_PROPERTY(int spaceCount READ spaceCount NOTIFY countChanged)

public:
    enum Kind { AllRooms, DirectChats, NotInSpace, Space };
    Q_ENUM(Kind)
    enum Role {
        KindRole = Qt::UserRole + 1,
        ScopeRole,
        NameRole,
        RoomIdRole,
        CanonicalAliasRole,
        AvatarSourceRole,
        DepthRole,
        HasChildrenRole,
        JoinedCountRole,
        InviteCountRole,
        LeftCountRole,
        RoomCountRole,
    };
    Q_ENUM(Role)

    // Deepest sub-space shown, and most rows: a hostile tree of spaces (every space a child of
    // every other) cannot grow the list without bound.
    static constexpr int MaxDepth = 8;
    static constexpr int MaxRows = 2000;

    explicit SpacesModel(RoomStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int countProperty() const { return rowCount(); }
    int spaceCount() const { return m_spaceCount; }

    // The first row showing scope, or -1.
    Q_INVOKABLE int rowOfScope(const QString &scope) const;
    Q_INVOKABLE QString scopeAt(int row) const;
    // A row's data by role name (tests, the CLI).
    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void countChanged();

private:
    struct Row
    {
        Kind kind = AllRooms;
        QString scope;
        QString roomId;
        QString name;
        QString canonicalAlias;
        QString avatarSource;
        int depth = 0;
        bool hasChildren = false;
        int joined = 0;
        int invited = 0;
        int left = 0;
        int total = 0;
        bool sameView(const Row &other) const
        {
            return kind == other.kind && scope == other.scope && depth == other.depth;
        }
        bool operator==(const Row &other) const
        {
            return sameView(other) && name == other.name &&
                   canonicalAlias == other.canonicalAlias && avatarSource == other.avatarSource &&
                   hasChildren == other.hasChildren && joined == other.joined &&
                   invited == other.invited && left == other.left && total == other.total;
        }
    };
    void refresh();
    QList<Row> build() const;

    RoomStore *m_store;
    QList<Row> m_rows;
    int m_spaceCount = 0;
};
