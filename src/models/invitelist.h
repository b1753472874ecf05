#pragma once

// Layer models/: "Invite many people" to one room (issue 11): a pasted or loaded list of user
// IDs, each checked before anything is sent, as a preview the dialog shows.

#include "api/matrixerror.h"
#include "session/session.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiCall;
class ApiClient;

// The people of a list, one row per entry found in the text, in order:
//  - one user ID per line, or CSV (',', ';' or tab): the field that looks like a user ID (starts
//    with '@'); a line whose fields are all user IDs gives each of them; a first line with
//    several fields and no user ID is a header and is skipped;
//  - blank lines and lines starting with '#' are ignored; whitespace, quotes and <> around an
//    entry are trimmed; "Name <@user:server>", https://matrix.to/#/@user:server and
//    matrix:u/user:server links are understood;
//  - each entry is checked with Identifiers::validateUserId (the single invite's rules and
//    messages); an exact repeat of an earlier entry is a duplicate (user IDs are compared as the
//    server does, byte for byte: historical IDs may differ only in case and be different people);
//  - the room's members (GET /rooms/{roomId}/members) mark who is joined, invited or banned;
//    your own ID is skipped. If the members cannot be fetched, membersError says why and the
//    list is sent as it is (the server answers a repeat invite as done, and refuses a ban).
//
// Created from QML with `session` set (its ApiClient and user ID), or from C++ with setApi() and
// setOwnUserId(). Setting roomId fetches the members.
//
// Roles: userId (string: the entry as checked), line (int: 1-based line of the text),
//        status (Status), statusText (string: "Will be invited", "Already a member", …),
//        reason (string: why it is skipped, e.g. the identifier rule it breaks; may quote the
//        text: show it as plain text)
class InviteListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString roomId READ roomId WRITE setRoomId NOTIFY roomIdChanged)
    // The list as pasted or loaded.
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    // The room's members are being fetched.
    Q_PROPERTY(bool loading READ loading NOTIFY membersChanged)
    // The members were fetched: already joined, invited and banned people are marked.
    Q_PROPERTY(bool membersKnown READ membersKnown NOTIFY membersChanged)
    // Why the members could not be fetched (MatrixError::summary), or empty.
    Q_PROPERTY(QString membersError READ membersError NOTIFY membersChanged)
    // Why the last loadFile() failed, or empty.
    Q_PROPERTY(QString fileError READ fileError NOTIFY fileErrorChanged)
    Q_PROPERTY(int count READ count NOTIFY countsChanged)
    Q_PROPERTY(int willInviteCount READ willInviteCount NOTIFY countsChanged)
    Q_PROPERTY(int skippedCount READ skippedCount NOTIFY countsChanged)
    Q_PROPERTY(int invalidCount READ invalidCount NOTIFY countsChanged)
    Q_PROPERTY(int duplicateCount READ duplicateCount NOTIFY countsChanged)
    Q_PROPERTY(int alreadyMemberCount READ alreadyMemberCount NOTIFY countsChanged)
    Q_PROPERTY(int alreadyInvitedCount READ alreadyInvitedCount NOTIFY countsChanged)
    Q_PROPERTY(int bannedCount READ bannedCount NOTIFY countsChanged)
    Q_PROPERTY(int selfCount READ selfCount NOTIFY countsChanged)
    // "18 will be invited · 2 already in the room · 1 invalid" (the parts that apply).
    Q_PROPERTY(QString summary READ summary NOTIFY countsChanged)

public:
    enum Status {
        WillInvite,
        Invalid,        // not a user ID (reason: the rule it breaks)
        Duplicate,      // listed earlier (reason: on which line)
        AlreadyMember,  // joined
        AlreadyInvited, // invited, not joined yet
        Banned,         // cannot be invited while banned
        Self,           // the signed-in account
    };
    Q_ENUM(Status)
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        LineRole,
        StatusRole,
        StatusTextRole,
        ReasonRole,
    };
    Q_ENUM(Role)

    // A list file larger than this is refused (a million bytes is ~30,000 user IDs).
    static constexpr qint64 MaxFileBytes = 1024 * 1024;

    struct Entry
    {
        QString userId;
        int line = 0;
        Status status = WillInvite;
        QString reason;
    };
    // The entries of a list, checked for validity and duplicates only (no members, no self):
    // the parsing rules above, for the GUI and the CLI alike.
    static QList<Entry> parse(const QString &text);
    // Reads a local text file of at most MaxFileBytes. Null string and *error set when it cannot.
    static QString readListFile(const QUrl &url, QString *error);
    static QString statusText(Status status);

    explicit InviteListModel(QObject *parent = nullptr);
    InviteListModel(ApiClient *api, const QString &ownUserId, QObject *parent = nullptr);
    ~InviteListModel() override;

    Session *session() const { return m_session; }
    void setSession(Session *session);
    ApiClient *api() const { return m_api; }
    void setApi(ApiClient *api);
    QString ownUserId() const { return m_ownUserId; }
    void setOwnUserId(const QString &userId);
    QString roomId() const { return m_roomId; }
    void setRoomId(const QString &roomId);
    QString text() const { return m_text; }
    void setText(const QString &text);

    bool loading() const { return m_call != nullptr; }
    bool membersKnown() const { return m_membersKnown; }
    QString membersError() const { return m_membersError; }
    QString fileError() const { return m_fileError; }

    int count() const { return int(m_rows.size()); }
    int willInviteCount() const { return countOf(WillInvite); }
    int skippedCount() const { return count() - willInviteCount(); }
    int invalidCount() const { return countOf(Invalid); }
    int duplicateCount() const { return countOf(Duplicate); }
    int alreadyMemberCount() const { return countOf(AlreadyMember); }
    int alreadyInvitedCount() const { return countOf(AlreadyInvited); }
    int bannedCount() const { return countOf(Banned); }
    int selfCount() const { return countOf(Self); }
    QString summary() const;
    const QList<Entry> &entries() const { return m_rows; }

    // The user IDs to send invites to, in the list's order.
    Q_INVOKABLE QStringList userIdsToInvite() const;
    // Replaces the text with a local file's content (e.g. from a FileDialog). False, with
    // fileError set and the text unchanged, for a missing, unreadable, too large or binary file.
    Q_INVOKABLE bool loadFile(const QUrl &url);
    // Fetches the room's members again (after a failure).
    Q_INVOKABLE void refreshMembers();
    // Empties the text and forgets the room (the dialog's next opening).
    Q_INVOKABLE void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void sessionChanged();
    void roomIdChanged();
    void textChanged();
    void membersChanged();
    void fileErrorChanged();
    void countsChanged();

private:
    int countOf(Status status) const;
    void fetchMembers();
    void stopFetch();
    void setFileError(const QString &error);
    void rebuild();

    QPointer<Session> m_session;
    QPointer<ApiClient> m_api;
    QString m_ownUserId;
    QString m_roomId;
    QString m_text;
    QList<Entry> m_parsed;                 // validity and duplicates only
    QList<Entry> m_rows;                   // with members and self applied
    QHash<QString, QString> m_memberships; // user ID -> "join", "invite", "ban" (as fetched)
    bool m_membersKnown = false;
    QString m_membersError;
    QString m_fileError;
    QPointer<ApiCall> m_call;
};
