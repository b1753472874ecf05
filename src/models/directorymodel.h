#pragma once

// The public room directory of the homeserver or of another server (GET/POST /publicRooms),
// searchable and paged.

#include "api/matrixerror.h"
#include "models/roompreview.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiCall;
class ApiClient;
class QTimer;
class RoomStore;

// A page of public rooms at a time. Changing `server` loads its first page at once; changing
// `searchTerm` loads after a pause of 300 ms (debounced here, in the model: QML binds the search
// field's text to it directly and needs no timer of its own). An answer for an earlier server or
// term is dropped. While the first page of a new server or term is on its way the rows are still
// the previous one's; if that page fails they are dropped (empty, with the error), never shown
// under the new server's name. Scrolling loads the next page: fetchMore() (ListView calls it by
// itself near the end) or loadMore().
//
// Roles (QML names):
//   roomId          string
//   name            string  the room's name, else its alias, else its ID (plain text)
//   canonicalAlias  string  "#room:server" or ""
//   topic           string  plain text, one line
//   avatarSource    url     "image://mxc/<server>/<mediaId>" or ""
//   memberCount     int     joined members
//   worldReadable   bool    anyone (guests too) can read the history without joining
//   guestCanJoin    bool
//   joinRule        int     JoinRule.Public | .Knock | .KnockRestricted | … | .UnknownRule
//   canKnock        bool    the join rule takes knocks and you are not in the room
//   roomType        string  "m.space", or "" for a room
//   membership      int     your membership from the room list (Membership.Join, .Invite,
//                           .Leave, .Knock, .Ban), or -1 when the room is not in it
class DirectoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("DirectoryModel is created by the application (services.directory)")
    // Whose directory: a server name ("matrix.org"); empty: your homeserver's.
    Q_PROPERTY(QString server READ server WRITE setServer NOTIFY serverChanged)
    Q_PROPERTY(QString searchTerm READ searchTerm WRITE setSearchTerm NOTIFY searchTermChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY statusChanged)
    // Another page can be loaded (the server gave a next_batch).
    Q_PROPERTY(bool hasMore READ hasMore NOTIFY statusChanged)
    Q_PROPERTY(ErrorKind errorKind READ errorKind NOTIFY statusChanged)
    Q_PROPERTY(MatrixError error READ error NOTIFY statusChanged)
    // A specific sentence for errorKind ("example.org could not be reached…"); empty if none.
    Q_PROPERTY(QString errorText READ errorText NOTIFY statusChanged)
    // The server's estimate of all rooms matching, or -1.
    Q_PROPERTY(int totalEstimate READ totalEstimate NOTIFY statusChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        RoomIdRole = Qt::UserRole + 1,
        NameRole,
        CanonicalAliasRole,
        TopicRole,
        AvatarSourceRole,
        MemberCountRole,
        WorldReadableRole,
        GuestCanJoinRole,
        JoinRuleRole,
        CanKnockRole,
        RoomTypeRole,
        MembershipRole,
    };
    Q_ENUM(Role)
    enum Status {
        Idle,      // nothing loaded yet (not signed in, or reset)
        Loading,   // the first page of the current server and term is on its way
        Loaded,    // rows are shown (more pages may be loading: see loading)
        NoMatches, // the server answered with no rooms: an empty state, not an error
        Failed,    // see errorKind, errorText
    };
    Q_ENUM(Status)
    enum ErrorKind {
        NoError,
        InvalidServer,      // the server name is not valid: nothing was sent
        ServerUnreachable,  // your homeserver, or the other server through it, did not answer
        DirectoryNotShared, // the other server does not share its directory over federation
        OtherError,         // anything else: errorText has the server's words
    };
    Q_ENUM(ErrorKind)

    DirectoryModel(ApiClient *api, const RoomStore *store, QObject *parent = nullptr);
    ~DirectoryModel() override;

    QString server() const { return m_server; }
    void setServer(const QString &server);
    QString searchTerm() const { return m_term; }
    void setSearchTerm(const QString &term);
    Status status() const { return m_status; }
    bool loading() const { return m_call != nullptr; }
    bool hasMore() const { return !m_nextBatch.isEmpty(); }
    ErrorKind errorKind() const { return m_errorKind; }
    MatrixError error() const { return m_error; }
    QString errorText() const { return m_errorText; }
    int totalEstimate() const { return m_totalEstimate; }
    int count() const { return int(m_rows.size()); }
    // Rooms per page (default 20) and the search pause (default 300 ms).
    void setPageSize(int rooms) { m_pageSize = rooms; }
    int pageSize() const { return m_pageSize; }
    void setDebounceMs(int ms);

    // Loads the first page of the current server and term now (a pending pause is skipped).
    Q_INVOKABLE void refresh();
    // The next page, when hasMore and nothing is loading.
    Q_INVOKABLE void loadMore();
    // Empties the list and forgets server and term (sign-out).
    Q_INVOKABLE void clear();
    // The row as a map of role names (for a dialog opened from a row).
    Q_INVOKABLE QVariantMap get(int row) const;
    // The directory entry for a room ID or canonical alias, if listed (RoomPreview's fallback).
    bool findEntry(const QString &roomIdOrAlias, RoomPreview::Info *info) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void serverChanged();
    void searchTermChanged();
    void statusChanged();
    void countChanged();
    // A page arrived (first or later), after the rows were inserted.
    void pageLoaded();

private:
    void request(bool firstPage);
    void onPage(const QJsonObject &body, bool firstPage);
    void onFailed(const MatrixError &error);
    // Empties the list, which now stands for server and term (whose first page failed).
    void dropRows(const QString &server, const QString &term);
    void setStatus(Status status);
    void stopCall();
    void membershipsChanged();
    int membershipOf(const QString &roomId) const;

    ApiClient *m_api;
    QPointer<const RoomStore> m_store;
    QString m_server;
    QString m_term;
    QString m_requestedServer; // what the rows are for
    QString m_requestedTerm;
    QList<RoomPreview::Info> m_rows;
    QString m_nextBatch;
    // The batch tokens already asked for with the current server and term: a next_batch among
    // them (a server that repeats a token, or cycles through a few) ends the paging instead of
    // loading the same pages forever.
    QSet<QString> m_usedBatches;
    int m_totalEstimate = -1;
    Status m_status = Idle;
    ErrorKind m_errorKind = NoError;
    MatrixError m_error;
    QString m_errorText;
    int m_pageSize = 20;
    QPointer<ApiCall> m_call;
    QTimer *m_debounce;
};
