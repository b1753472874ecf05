#pragma once

#include "actions/baneverywhere.h"
#include "actions/jobqueue.h"
#include "actions/membershipservice.h"
#include "actions/userblocking.h"
#include "models/directorymodel.h"
#include "models/hierarchymodel.h"
#include "models/invitegroupsmodel.h"
#include "models/leavecheck.h"
#include "models/roomhistorymodel.h"
#include "models/roomlistmodel.h"
#include "models/roommembersmodel.h"
#include "models/roompreview.h"
#include "models/roomselection.h"
#include "models/spacesmodel.h"
#include "models/userdirectory.h"
#include "session/credentialstore.h"
#include "session/session.h"
#include "store/roomsummary.h"
#include "sync/syncengine.h"

#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QtQmlIntegration/qqmlintegration.h>
#include <functional>

class AccountStore;
class ApiClient;
class QCoreApplication;
class QNetworkAccessManager;
class RoomStore;
class StoreWriter;
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
    // The bulk queue: jobs of many membership changes, journaled in the account's store.
    Q_PROPERTY(JobQueue *jobs READ jobs CONSTANT)
    // The rooms selected in the list (by room ID), for bulk actions.
    Q_PROPERTY(RoomSelection *selection READ selection CONSTANT)
    Q_PROPERTY(UserDirectoryModel *userDirectory READ userDirectory CONSTANT)
    // The public room directory (your homeserver's, or another server's by name).
    Q_PROPERTY(DirectoryModel *directory READ directory CONSTANT)
    // The members of one room (set its roomId), for the members page.
    Q_PROPERTY(RoomMembersModel *members READ members CONSTANT)
    // The account's ignored users and whether invites are blocked.
    Q_PROPERTY(UserBlocking *blocking READ blocking CONSTANT)
    // The pending invites grouped by inviter or by the inviter's server (invite triage).
    Q_PROPERTY(InviteGroupsModel *inviteGroups READ inviteGroups CONSTANT)
    // The views of the list: all rooms, direct chats, not in a space, the spaces.
    Q_PROPERTY(SpacesModel *spaces READ spaces CONSTANT)
    // One space's hierarchy (set its spaceId): join its rooms, leave it.
    Q_PROPERTY(HierarchyModel *hierarchy READ hierarchy CONSTANT)
    // "Ban from all rooms where I can": the plan, then one job.
    Q_PROPERTY(BanEverywhere *banEverywhere READ banEverywhere CONSTANT)
    // Before a leave: rooms where you are the only admin; older
    // versions.
    Q_PROPERTY(LeaveCheck *leaveCheck READ leaveCheck CONSTANT)
    Q_PROPERTY(CredentialStore *credentials READ credentials CONSTANT)
    // One room's membership history (set its roomId), read from the account's store.
    Q_PROPERTY(RoomHistoryModel *history READ history CONSTANT)
    // Said once when the saved room list could not be used or saved (then rebuilt from the server).
    Q_PROPERTY(QString storeNotice READ storeNotice NOTIFY storeNoticeChanged)
    Q_PROPERTY(bool rememberSession READ rememberSession WRITE setRememberSession NOTIFY
                   rememberSessionChanged)
    // restoreSession() is reading the remembered session back (the keychain may take a moment):
    // the window shows the saved rooms meanwhile, not the sign-in page.
    Q_PROPERTY(bool restoring READ isRestoring NOTIFY restoringChanged)
    // Restoring, or the session being checked with the server (Resolving, Verifying): what the
    // sign-in page shows as busy, and the room list as not caught up yet.
    Q_PROPERTY(bool signingIn READ isSigningIn NOTIFY signingInChanged)

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
        // true (the GUI): the account's rooms, sync position and history are kept on disk
        // (AccountStore), so the list shows at once at the next launch.
        bool keepRoomsOnDisk = false;
        // Where the account stores live; empty: AccountStore::defaultPathFor's folder.
        QString storeDirectory = {};
        // true (the GUI; the CLI's bulk commands): bulk jobs are kept in the account's store
        // and the unfinished ones are loaded at sign-in.
        bool keepJobs = false;
        // Restored jobs wait for resume() instead of running at once (the CLI resumes only the
        // job it is told to).
        bool restoreJobsPaused = false;
    };
    explicit AppServices(Options options, QObject *parent = nullptr);
    // Installs the translation for the user's language into app (the app and the CLI call it
    // once, before any text is made), else the English one, which holds the plural forms
    // ("1 room", "2 rooms") of the texts written with "%n … (s)".
    static void installTranslations(QCoreApplication *app);
    explicit AppServices(bool useKeychain = true, QObject *parent = nullptr)
        : AppServices(Options{.useKeychain = useKeychain}, parent)
    {}

    ApiClient *api() const { return m_api; }
    Session *session() const { return m_session; }
    SyncEngine *sync() const { return m_sync; }
    RoomStore *store() const { return m_store; }
    RoomListModel *roomModel() const { return m_roomModel; }
    RoomFilterProxy *rooms() const { return m_rooms; }
    MembershipService *membership() const { return m_membership; }
    JobQueue *jobs() const { return m_jobs; }
    RoomSelection *selection() const { return m_selection; }
    UserDirectoryModel *userDirectory() const { return m_userDirectory; }
    CredentialStore *credentials() const { return m_credentials; }
    RoomHistoryModel *history() const { return m_history; }
    DirectoryModel *directory() const { return m_directory; }
    RoomMembersModel *members() const { return m_members; }
    UserBlocking *blocking() const { return m_blocking; }
    InviteGroupsModel *inviteGroups() const { return m_inviteGroups; }
    SpacesModel *spaces() const { return m_spaces; }
    HierarchyModel *hierarchy() const { return m_hierarchy; }
    BanEverywhere *banEverywhere() const { return m_banEverywhere; }
    LeaveCheck *leaveCheck() const { return m_leaveCheck; }
    // A new room preview (RoomPreview), owned by the caller: in QML by the JavaScript engine
    // (keep it in a property), in C++ by parent.
    Q_INVOKABLE RoomPreview *createPreview();
    RoomPreview *createPreview(QObject *parent);
    ThumbnailLoader *thumbnails() const { return m_thumbnails; }

    QString storeNotice() const { return m_storeNotice; }
    // The account store's file for userId (for tests and the sign-out dialog).
    QString storePathFor(const QString &homeserver, const QString &userId) const;
    // Blocks until every store write asked for so far is done (quitting, tests).
    void flushStore();

    bool rememberSession() const { return m_rememberSession; }
    bool isRestoring() const { return m_restoring; }
    bool isSigningIn() const;
    void setRememberSession(bool remember);
    // Several accounts (AccountManager): a sign-in as a user for whom check() is true (open in
    // another slot) is not kept: it is signed out again (a device it created is logged out) and
    // accountOpenElsewhere() says so. The remembered session of that user is left untouched.
    void setAccountOpenElsewhere(std::function<bool(const QString &userId)> check)
    {
        m_accountOpenElsewhere = std::move(check);
    }

    // Session::signIn, and on success remembers the session when rememberSession is true.
    Q_INVOKABLE void signIn(const QString &homeserver, const QString &accessToken);
    // Signs in with a remembered session if there is one (emits restoreFinished(false) if not).
    Q_INVOKABLE void restoreSession();
    // Stops restoreSession()'s wait for the keychain (the sign-in page's Cancel): the remembered
    // session is not restored when the keychain answers; emits restoreFinished(false).
    Q_INVOKABLE void cancelRestore();
    // Starts reading the remembered account's saved rooms on a worker thread, so that the window
    // is built meanwhile (the GUI calls it before loading its QML); restoreSession() then takes
    // them instead of reading the store itself. Nothing when rooms are not kept on disk.
    void preloadSavedRooms();
    // Sign out and forget the remembered token. A session Concierge created (password) is also
    // logged out on the server; a pasted token only when invalidatePastedToken.
    Q_INVOKABLE void signOut(bool invalidatePastedToken = false);
    // --- Sign-in methods ---
    // Session::signInWithPassword, remembered like signIn().
    Q_INVOKABLE void signInWithPassword(const QString &homeserver, const QString &user,
                                        const QString &password);
    // Session::signInWithSso (the system browser), remembered like signIn().
    Q_INVOKABLE void signInWithSso(const QString &homeserver, const QString &idpId = {});
    // Session::signInWithOAuth (the system browser), remembered like signIn().
    Q_INVOKABLE void signInWithOAuth(const QString &homeserver);

signals:
    void rememberSessionChanged();
    // The session ended by the server; the view returns to sign-in keeping the homeserver.
    void sessionExpired(bool softLogout);
    void restoreFinished(bool started);
    void restoringChanged();
    void signingInChanged();
    void storeNoticeChanged();
    // signOut() was called (the user ended this account here).
    void signedOutByUser();
    void accountOpenElsewhere(const QString &userId);

private:
    void onTokenRejected(const MatrixError &error);
    // Forgets the account's local state: sync position, rooms, unfinished operations.
    // deleteStore: also delete the account's saved rooms (sign-out), not only close them.
    void clearAccount(const QString &why, bool deleteStore = false);
    // Shows the account's saved rooms and continues /sync from the saved position.
    void openAccountStore(const QString &homeserver, const QString &userId);
    // Opens the bulk queue's journal in the account's store and loads its unfinished jobs.
    void openJobs(const QString &homeserver, const QString &userId);
    void saveSync(const SyncResponse &response);
    bool canRemember() const;

    QNetworkAccessManager *m_nam;
    ApiClient *m_api;
    Session *m_session;
    RoomStore *m_store;
    SyncEngine *m_sync;
    RoomListModel *m_roomModel;
    RoomFilterProxy *m_rooms;
    MembershipService *m_membership;
    JobQueue *m_jobs;
    RoomSelection *m_selection;
    UserDirectoryModel *m_userDirectory;
    CredentialStore *m_credentials;
    ThumbnailLoader *m_thumbnails;
    RoomHistoryModel *m_history;
    DirectoryModel *m_directory;
    RoomMembersModel *m_members;
    UserBlocking *m_blocking;
    InviteGroupsModel *m_inviteGroups;
    SpacesModel *m_spaces = nullptr;
    HierarchyModel *m_hierarchy = nullptr;
    BanEverywhere *m_banEverywhere = nullptr;
    LeaveCheck *m_leaveCheck = nullptr;
    bool m_useKeychain;
    bool m_syncAfterSignIn;
    bool m_keepRoomsOnDisk;
    bool m_keepJobs;
    bool m_restoreJobsPaused;
    QString m_storeDirectory;
    StoreWriter *m_writer = nullptr;
    QString m_storeUserId; // whose store is open, or empty
    QString m_storePath;
    QString m_jobsPath;         // whose journal the queue has open, or empty
    QSet<QString> m_dirtyRooms; // changed since the last save
    QString m_storeNotice;
    // What preloadSavedRooms() read, for openAccountStore().
    struct SavedRooms
    {
        QString path;
        bool opened = false; // the file was there and usable
        QList<RoomSummary> rooms;
        QString nextBatch;
        QString problem;
    };
    QFuture<SavedRooms> m_preload;
    // Opens store at path and reads what the list shows at once (on whichever thread made store).
    static SavedRooms readSavedRooms(AccountStore &store, const QString &path);
    bool m_rememberSession = true;
    bool m_rememberNextSignIn = false; // signIn()/signInWithPassword(), not a restore
    bool m_restoring = false;
    QMetaObject::Connection m_restoreRead; // restoreSession()'s wait for the keychain
    void setRestoring(bool restoring);
    std::function<bool(const QString &)> m_accountOpenElsewhere;
};
