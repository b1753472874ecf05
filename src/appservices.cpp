#include "appservices.h"

#include "api/apiclient.h"
#include "models/thumbnailloader.h"
#include "sync/roomstore.h"

#include <QNetworkAccessManager>

AppServices::AppServices(Options options, QObject *parent)
    : QObject(parent), m_nam(new QNetworkAccessManager(this)), m_api(new ApiClient(m_nam, this)),
      m_session(new Session(m_api, this)), m_store(new RoomStore(this)),
      m_sync(new SyncEngine(m_api, m_store, this)), m_roomModel(new RoomListModel(m_store, this)),
      m_rooms(new RoomFilterProxy(this)), m_membership(new MembershipService(m_api, m_store, this)),
      m_userDirectory(new UserDirectoryModel(m_api, this)),
      m_credentials(new CredentialStore(this)), m_thumbnails(new ThumbnailLoader(m_api, this)),
      m_useKeychain(options.useKeychain), m_syncAfterSignIn(options.syncAfterSignIn)
{
    m_membership->setRetryPolicy(options.interactive ? RetryPolicy::untilCancelled()
                                                     : RetryPolicy::bounded());
    m_membership->setParkOnSoftLogout(options.interactive);
    if (!m_useKeychain)
        m_credentials->disableKeychain();
    m_roomModel->setMembershipService(m_membership);
    m_rooms->setSourceModel(m_roomModel);

    connect(m_session, &Session::signedIn, this, [this] {
        // The same account again after an expired session continues from where sync stopped
        // (and sends the actions parked meanwhile); another account starts from scratch.
        if (m_store->ownUserId() != m_session->userId()) {
            clearAccount(tr("Cancelled: another account signed in."));
            m_store->setOwnUserId(m_session->userId());
        }
        if (m_syncAfterSignIn)
            m_sync->start();
        m_membership->resumeParked();
        if (m_rememberSession && !m_tokenToRemember.isEmpty() && canRemember())
            m_credentials->save(m_session->homeserverInput(), m_session->userId(),
                                m_tokenToRemember);
        m_tokenToRemember.clear();
    });
    connect(m_session, &Session::signInFailed, this, [this] { m_tokenToRemember.clear(); });
    connect(m_session, &Session::signedOut, this,
            [this] { clearAccount(tr("Cancelled: signed out before it finished.")); });
    connect(m_sync, &SyncEngine::tokenRejected, this, &AppServices::onTokenRejected);
    connect(m_membership, &MembershipService::tokenRejected, this, &AppServices::onTokenRejected);
    connect(m_membership, &MembershipService::operationFinished, this,
            [this](Operation *operation) {
                // Show a change now, not at the end of the long poll; after an unknown outcome,
                // /sync is what tells.
                if (operation->state() == Operation::Succeeded ||
                    operation->state() == Operation::Unknown)
                    m_sync->syncNow();
            });
}

void AppServices::clearAccount(const QString &why)
{
    m_sync->stop();
    m_membership->cancelAll(why); // never sent with another account's token, or none
    m_store->clear();
    m_store->setOwnUserId({});
}

bool AppServices::canRemember() const
{
    // The keychain unless disabled; the 0600 file only when the user chose it.
    return m_useKeychain || m_credentials->useFileStore();
}

void AppServices::onTokenRejected(const MatrixError &error)
{
    if (m_session->state() != Session::SignedIn)
        return;
    m_sync->pause();
    if (!error.softLogout) {
        // A hard logout: the device is gone server-side; nothing local is worth keeping.
        m_credentials->forget();
        clearAccount(tr("Cancelled: the server signed this session out."));
    }
    m_session->tokenRejected(error);
    emit sessionExpired(error.softLogout);
}

void AppServices::setRememberSession(bool remember)
{
    if (remember == m_rememberSession)
        return;
    m_rememberSession = remember;
    emit rememberSessionChanged();
}

void AppServices::signIn(const QString &homeserver, const QString &accessToken)
{
    m_tokenToRemember = accessToken.trimmed();
    m_session->signIn(homeserver, accessToken);
}

void AppServices::restoreSession()
{
    if (!canRemember() || m_credentials->savedHomeserver().isEmpty()) {
        emit restoreFinished(false);
        return;
    }
    connect(
        m_credentials, &CredentialStore::loaded, this,
        [this](const QString &homeserver, const QString &token) {
            if (token.isEmpty()) {
                emit restoreFinished(false);
                return;
            }
            m_session->signIn(homeserver, token);
            emit restoreFinished(true);
        },
        Qt::SingleShotConnection);
    m_credentials->load();
}

void AppServices::signOut()
{
    // Also after an expired session (the Session is then already signed out and says nothing).
    clearAccount(tr("Cancelled: signed out before it finished."));
    m_credentials->forget();
    m_session->signOut();
}
