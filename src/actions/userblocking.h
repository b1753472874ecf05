#pragma once

// Layer actions/: the account's own say over who reaches it, both kept by the server as global
// account data:
// - the ignored users (m.ignored_user_list, {"ignored_users": {"@x:y": {}}}): the server hides
//   their invites and events from this account's /sync;
// - the invite permission (m.invite_permission_config, spec v1.18): {"default_action": "block"}
//   makes the server refuse every invite to this account (the inviter gets 403
//   M_INVITE_BLOCKED); a missing or other value lets invites through.
//
// The state is load()ed at sign-in (a relaunch resumes /sync incrementally and would never see
// it again) and then kept current from each /sync response's top-level account_data. Every
// change is read-modify-write: the entry is read fresh from the server, changed, and written
// back whole, so what another client wrote meanwhile is kept. Changes run one at a time, in the
// order they were asked for.

#include "api/matrixerror.h"
#include "api/syncresponse.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>
#include <functional>

class ApiCall;
class ApiClient;
class Session;
class SyncEngine;

class UserBlocking : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("UserBlocking is created by the application")
    // Sorted user IDs.
    Q_PROPERTY(QStringList ignoredUsers READ ignoredUsers NOTIFY changed)
    Q_PROPERTY(InvitePermission invitePermission READ invitePermission NOTIFY changed)
    // A load or a change is on its way (or waiting for the one before it).
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    // The last failure of load(), ignore(), unignore() or setInvitesBlocked(), explained for
    // people (empty after a success).
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    enum InvitePermission {
        PermissionUnknown, // not loaded yet (or signed out)
        InvitesAllowed,
        InvitesBlocked,
    };
    Q_ENUM(InvitePermission)

    static constexpr const char *IgnoredUsersType = "m.ignored_user_list";
    static constexpr const char *InvitePermissionType = "m.invite_permission_config";

    // Loads at every Session::signedIn, keeps current from sync's responseApplied, and forgets
    // everything at Session::signedOut.
    UserBlocking(ApiClient *api, Session *session, SyncEngine *sync, QObject *parent = nullptr);

    QStringList ignoredUsers() const { return m_ignored; }
    bool isIgnored(const QString &userId) const { return m_ignored.contains(userId); }
    InvitePermission invitePermission() const { return m_permission; }
    bool isBusy() const { return m_busy; }
    QString errorText() const { return m_errorText; }

    // The account whose data is read and written: the signed-in session's user, unless set here
    // (tests that bypass the sign-in).
    QString userId() const;
    Q_INVOKABLE void setUserId(const QString &userId) { m_userIdOverride = userId; }

    // GETs both entries (404 M_NOT_FOUND = none set: nobody ignored, invites allowed), in turn
    // with the changes asked for; emits loaded() when both are in, requestFinished() with the
    // first error otherwise. A load already waiting to run is not asked for twice.
    Q_INVOKABLE void load();
    // Adds the users to m.ignored_user_list. An invalid user ID fails the whole request without
    // sending anything. Each of these emits exactly one requestFinished(), at the earliest on
    // the next event-loop turn.
    Q_INVOKABLE void ignore(const QStringList &userIds);
    Q_INVOKABLE void unignore(const QString &userId);
    // {"default_action": "block"}, or without default_action (invites allowed); other keys
    // of the entry are kept.
    Q_INVOKABLE void setInvitesBlocked(bool blocked);

    // Applies the top-level account_data of a /sync response (the two types above; others are
    // ignored).
    void applySync(const SyncResponse &syncResponse);

    // The state an entry's content describes (tests, the CLI).
    static QStringList ignoredFromContent(const QJsonObject &content);
    static InvitePermission permissionFromContent(const QJsonObject &content);

signals:
    void changed();
    void busyChanged();
    void errorTextChanged();
    void loaded();
    // The end of each load(), ignore(), unignore() and setInvitesBlocked(), in order; no error
    // (isError() false) on success.
    void requestFinished(const MatrixError &error);

private:
    // One read (and, with modify, write) of one account-data entry, run one at a time: modify
    // returns false when the content needs no change (then nothing is written). done() receives
    // the outcome, once.
    struct Change
    {
        QString type;
        std::function<bool(QJsonObject &)> modify; // null: read only (load())
        MatrixError refusal;                       // set: fails without sending
        std::function<void(const MatrixError &)> done;
    };
    void enqueue(Change change);
    void startNext();
    void write(const QString &type, const QJsonObject &content);
    void finishChange(const MatrixError &error);
    void applyContent(const QString &type, const QJsonObject &content);
    void updateBusy();
    void setError(const MatrixError &error);
    void clear();
    // A change asked for by the view: ends in requestFinished().
    void enqueueRequest(const QString &type, std::function<bool(QJsonObject &)> modify,
                        const MatrixError &refusal = {});

    ApiClient *m_api;
    Session *m_session;
    SyncEngine *m_sync;
    QString m_userIdOverride;
    QStringList m_ignored;
    InvitePermission m_permission = PermissionUnknown;
    bool m_busy = false;
    QString m_errorText;
    QList<Change> m_queue;
    bool m_running = false;
    bool m_loadQueued = false;
    MatrixError m_loadError;
    QPointer<ApiCall> m_call;
    quint64 m_generation = 0; // answers of before a sign-out are dropped
};
