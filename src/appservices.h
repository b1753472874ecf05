#pragma once

#include "actions/membershipservice.h"
#include "models/roomlistmodel.h"
#include "models/userdirectory.h"
#include "session/credentialstore.h"
#include "session/session.h"
#include "sync/syncengine.h"

#include <QObject>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiClient;
class QNetworkAccessManager;
class RoomStore;
class ThumbnailLoader;

// The composition root: builds the services of one account and wires them together (sign-in
// starts /sync and remembers the session; a rejected token stops sync and returns to sign-in).
// The GUI's main(), concierge-cli, the end-to-end tests and the benchmarks all compose the app
// through this one place.
class AppServices : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AppServices is created by the application")
    Q_PROPERTY(Session *session READ session CONSTANT)
    Q_PROPERTY(SyncEngine *sync READ sync CONSTANT)
    Q_PROPERTY(RoomListModel *roomModel READ roomModel CONSTANT)
    Q_PROPERTY(RoomFilterProxy *rooms READ rooms CONSTANT)
    Q_PROPERTY(MembershipService *membership READ membership CONSTANT)
    Q_PROPERTY(UserDirectoryModel *userDirectory READ userDirectory CONSTANT)
    Q_PROPERTY(CredentialStore *credentials READ credentials CONSTANT)
    Q_PROPERTY(bool rememberSession READ rememberSession WRITE setRememberSession NOTIFY
                   rememberSessionChanged)

public:
    struct Options
    {
        // false: never touch the system keychain (tests, --no-keychain, the CLI).
        bool useKeychain = true;
        // true (the GUI): actions wait for the server however long it takes and survive a soft
        // logout; false (scripts): a bounded retry budget, and an expired session fails at once.
        bool interactive = true;
        // false (the CLI): signing in does not start the /sync loop.
        bool syncAfterSignIn = true;
    };
    explicit AppServices(Options options, QObject *parent = nullptr);
    explicit AppServices(bool useKeychain = true, QObject *parent = nullptr)
        : AppServices(Options{useKeychain, true, true}, parent)
    {}

    ApiClient *api() const { return m_api; }
    Session *session() const { return m_session; }
    SyncEngine *sync() const { return m_sync; }
    RoomStore *store() const { return m_store; }
    RoomListModel *roomModel() const { return m_roomModel; }
    RoomFilterProxy *rooms() const { return m_rooms; }
    MembershipService *membership() const { return m_membership; }
    UserDirectoryModel *userDirectory() const { return m_userDirectory; }
    CredentialStore *credentials() const { return m_credentials; }
    ThumbnailLoader *thumbnails() const { return m_thumbnails; }

    bool rememberSession() const { return m_rememberSession; }
    void setRememberSession(bool remember);

    // Session::signIn, and on success remembers the session when rememberSession is true.
    Q_INVOKABLE void signIn(const QString &homeserver, const QString &accessToken);
    // Signs in with a remembered session if there is one (emits restoreFinished(false) if not).
    Q_INVOKABLE void restoreSession();
    // Sign out and forget the remembered token.
    Q_INVOKABLE void signOut();

signals:
    void rememberSessionChanged();
    // The session ended by the server; the view returns to sign-in keeping the homeserver.
    void sessionExpired(bool softLogout);
    void restoreFinished(bool started);

private:
    void onTokenRejected(const MatrixError &error);
    // Forgets the account's local state: sync position, rooms, unfinished operations.
    void clearAccount(const QString &why);
    bool canRemember() const;

    QNetworkAccessManager *m_nam;
    ApiClient *m_api;
    Session *m_session;
    RoomStore *m_store;
    SyncEngine *m_sync;
    RoomListModel *m_roomModel;
    RoomFilterProxy *m_rooms;
    MembershipService *m_membership;
    UserDirectoryModel *m_userDirectory;
    CredentialStore *m_credentials;
    ThumbnailLoader *m_thumbnails;
    bool m_useKeychain;
    bool m_syncAfterSignIn;
    bool m_rememberSession = true;
    QString m_tokenToRemember;
};
