#include "appservices.h"

#include "apiclient.h"
#include "credentialstore.h"
#include "membershipservice.h"
#include "roomlistmodel.h"
#include "roomstore.h"
#include "session.h"
#include "syncengine.h"
#include "userdirectory.h"

#include <QNetworkAccessManager>

AppServices::AppServices(bool useKeychain, QObject *parent)
    : QObject(parent), m_nam(new QNetworkAccessManager(this)), m_api(new ApiClient(m_nam, this)),
      m_session(new Session(m_api, this)), m_store(new RoomStore(this)),
      m_sync(new SyncEngine(m_api, m_store, this)), m_roomModel(new RoomListModel(m_store, this)),
      m_rooms(new RoomFilterProxy(this)), m_membership(new MembershipService(m_api, m_store, this)),
      m_userDirectory(new UserDirectoryModel(m_api, this)),
      m_credentials(new CredentialStore(this)), m_useKeychain(useKeychain)
{
    m_roomModel->setMembershipService(m_membership);
    m_rooms->setSourceModel(m_roomModel);

    connect(m_session, &Session::signedIn, this, [this] {
        m_store->clear();
        m_store->setOwnUserId(m_session->userId());
        m_sync->start();
        if (m_useKeychain && m_rememberSession && !m_tokenToRemember.isEmpty())
            m_credentials->save(m_session->homeserverInput(), m_session->userId(),
                                m_tokenToRemember);
        m_tokenToRemember.clear();
    });
    connect(m_session, &Session::signInFailed, this, [this] { m_tokenToRemember.clear(); });
    connect(m_session, &Session::signedOut, this, [this] {
        m_sync->stop();
        m_store->clear();
    });
    connect(m_sync, &SyncEngine::tokenRejected, this, [this](const MatrixError &error) {
        // A hard logout invalidates the remembered token too; a soft logout keeps local state
        // so that a new token can continue where this one stopped.
        if (!error.softLogout && m_useKeychain)
            m_credentials->forget();
        m_session->tokenRejected(error);
    });
    // After a membership change, sync now rather than at the end of the long poll.
    connect(m_membership, &MembershipService::actionFinished, m_sync, &SyncEngine::syncNow);
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
    if (!m_useKeychain || m_credentials->savedHomeserver().isEmpty()) {
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
    if (m_useKeychain)
        m_credentials->forget();
    m_session->signOut();
}
