#include "appservices.h"

#include "api/apiclient.h"
#include "models/thumbnailloader.h"
#include "store/accountstore.h"
#include "store/storewriter.h"
#include "sync/membershiphistory.h"
#include "sync/roomstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJSEngine>
#include <QLocale>
#include <QTranslator>
#include <QtConcurrent/QtConcurrentRun>

#include <QNetworkAccessManager>

AppServices::AppServices(Options options, QObject *parent)
    : QObject(parent), m_nam(new QNetworkAccessManager(this)), m_api(new ApiClient(m_nam, this)),
      m_session(new Session(m_api, this)), m_store(new RoomStore(this)),
      m_sync(new SyncEngine(m_api, m_store, this)), m_roomModel(new RoomListModel(m_store, this)),
      m_rooms(new RoomFilterProxy(this)), m_membership(new MembershipService(m_api, m_store, this)),
      m_jobs(new JobQueue(m_api, m_membership, this)),
      m_selection(new RoomSelection(m_rooms, this)),
      m_userDirectory(new UserDirectoryModel(m_api, this)),
      m_credentials(new CredentialStore(this)), m_thumbnails(new ThumbnailLoader(m_api, this)),
      m_history(new RoomHistoryModel(this)), m_directory(new DirectoryModel(m_api, m_store, this)),
      m_members(new RoomMembersModel(m_api, m_session, m_sync, this)),
      m_blocking(new UserBlocking(m_api, m_session, m_sync, this)),
      m_inviteGroups(new InviteGroupsModel(m_store, this)), m_useKeychain(options.useKeychain),
      m_syncAfterSignIn(options.syncAfterSignIn), m_keepRoomsOnDisk(options.keepRoomsOnDisk),
      m_keepJobs(options.keepJobs), m_restoreJobsPaused(options.restoreJobsPaused),
      m_storeDirectory(options.storeDirectory)
{
    m_spaces = new SpacesModel(m_store, this);
    m_hierarchy = new HierarchyModel(m_api, m_store, m_jobs, this);

    m_banEverywhere = new BanEverywhere(m_api, m_session, m_store, m_jobs, this);
    m_leaveCheck = new LeaveCheck(m_api, m_session, m_store, this);
    if (m_keepRoomsOnDisk) {
        m_writer = new StoreWriter(this);
        connect(m_writer, &StoreWriter::opened, this,
                [this](AccountStore::OpenResult, const QString &problem) {
                    if (!problem.isEmpty() && m_storeNotice.isEmpty()) {
                        m_storeNotice = problem;
                        emit storeNoticeChanged();
                    }
                });
        // Which rooms a sync changed: only those are written.
        connect(m_store, &RoomStore::roomsChanged, this, [this](const QList<int> &rows) {
            for (int row : rows)
                m_dirtyRooms.insert(m_store->at(row).roomId);
        });
        connect(m_store, &RoomStore::roomsInserted, this, [this](int first, int last) {
            for (int row = first; row <= last; ++row)
                m_dirtyRooms.insert(m_store->at(row).roomId);
        });
        connect(m_sync, &SyncEngine::responseApplied, this, &AppServices::saveSync);
        connect(m_writer, &StoreWriter::historyStored, this,
                [this](const StoreWriter::HistoryByRoom &history) {
                    if (m_storeUserId.isEmpty())
                        return; // signed out meanwhile
                    for (auto it = history.cbegin(); it != history.cend(); ++it)
                        m_history->addEntries(it.key(), it.value());
                });
        connect(m_sync, &SyncEngine::roomsDropped, this, [this](const QStringList &roomIds) {
            if (m_writer && !m_storeUserId.isEmpty())
                for (const QString &roomId : roomIds) {
                    m_writer->removeRoom(roomId);
                    m_history->removeRoom(roomId);
                }
        });
        connect(m_membership, &MembershipService::operationFinished, this, [this](Operation *op) {
            if (op->state() == Operation::Succeeded && m_writer && !m_storeUserId.isEmpty() &&
                (op->kind() == Operation::Forget || op->kind() == Operation::LeaveAndForget)) {
                m_writer->removeRoom(op->target()); // a forgotten room leaves no trace
                m_history->removeRoom(op->target());
            }
        });
    }
    m_membership->setRetryPolicy(options.interactive ? RetryPolicy::untilCancelled()
                                                     : RetryPolicy::bounded());
    m_membership->setParkOnSoftLogout(options.interactive);
    if (!m_useKeychain)
        m_credentials->disableKeychain();
    m_roomModel->setMembershipService(m_membership);
    m_rooms->setSourceModel(m_roomModel);

    connect(m_session, &Session::signedIn, this, [this] {
        if (m_accountOpenElsewhere && m_accountOpenElsewhere(m_session->userId())) {
            const QString userId = m_session->userId();
            m_rememberNextSignIn = false;
            m_session->signOut(false);
            emit accountOpenElsewhere(userId);
            return;
        }
        // The same account again after an expired session continues from where sync stopped
        // (and sends the actions parked meanwhile); another account starts from scratch.
        if (m_store->ownUserId() != m_session->userId()) {
            clearAccount(tr("Cancelled: another account signed in."));
            m_store->setOwnUserId(m_session->userId());
        }
        openAccountStore(m_session->homeserverInput(), m_session->userId());
        openJobs(m_session->homeserverInput(), m_session->userId());
        if (m_syncAfterSignIn)
            m_sync->start();
        m_membership->resumeParked();
        if (m_rememberSession && m_rememberNextSignIn && canRemember())
            m_credentials->saveSession(m_session->homeserverInput(), m_session->userId(),
                                       m_session->tokens());
        m_rememberNextSignIn = false;
    });
    connect(m_session, &Session::signInFailed, this, [this] {
        m_rememberNextSignIn = false;
        m_thumbnails->failHeld(tr("Not signed in")); // avatars asked meanwhile get no token
    });
    // A refreshed token pair replaces the remembered one.
    connect(m_session, &Session::tokensChanged, this, [this] {
        if (m_rememberSession && canRemember() &&
            m_credentials->savedUserId() == m_session->userId())
            m_credentials->saveSession(m_session->homeserverInput(), m_session->userId(),
                                       m_session->tokens(), false);
    });
    connect(m_session, &Session::stateChanged, this, &AppServices::signingInChanged);
    connect(this, &AppServices::restoringChanged, this, &AppServices::signingInChanged);
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

void AppServices::clearAccount(const QString &why, bool deleteStore)
{
    // A remembered session still being read back is not restored when the keychain answers.
    disconnect(m_restoreRead);
    setRestoring(false);
    m_thumbnails->failHeld(tr("Not signed in"));
    m_sync->stop();
    // First: the queue stops sending and lets go of the store file; an item in flight is
    // checked at the next launch.
    m_jobs->close();
    m_jobsPath.clear();
    m_selection->clear();
    m_banEverywhere->clear();
    m_leaveCheck->clear();
    m_directory->clear();
    m_hierarchy->clear();
    m_membership->cancelAll(why); // never sent with another account's token, or none
    m_store->clear();
    m_store->setOwnUserId({});
    m_dirtyRooms.clear();
    m_history->setStore(nullptr); // closes its connection before the files may be deleted
    if (m_writer && !m_storeUserId.isEmpty()) {
        if (deleteStore)
            m_writer->closeAndDestroy();
        else
            m_writer->close(); // nothing is written until an account opens again
    }
    m_storeUserId.clear();
    m_storePath.clear();
}

RoomPreview *AppServices::createPreview()
{
    RoomPreview *preview = createPreview(nullptr);
    QJSEngine::setObjectOwnership(preview, QJSEngine::JavaScriptOwnership);
    return preview;
}

RoomPreview *AppServices::createPreview(QObject *parent)
{
    return new RoomPreview(m_api, m_store, m_directory, parent);
}

void AppServices::installTranslations(QCoreApplication *app)
{
    // Compiled into the core from resources/translations (":/i18n/concierge_<lang>.qm").
    auto *translator = new QTranslator(app);
    if (translator->load(QLocale(), QStringLiteral("concierge"), QStringLiteral("_"),
                         QStringLiteral(":/i18n")) ||
        translator->load(QStringLiteral(":/i18n/concierge_en.qm")))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

QString AppServices::storePathFor(const QString &homeserver, const QString &userId) const
{
    const QString defaultPath = AccountStore::defaultPathFor(homeserver, userId);
    if (m_storeDirectory.isEmpty())
        return defaultPath;
    // The same per-account folder name, below the chosen directory.
    return QDir(m_storeDirectory)
        .filePath(QFileInfo(QFileInfo(defaultPath).path()).fileName() +
                  QStringLiteral("/store.sqlite"));
}

void AppServices::flushStore()
{
    if (m_writer)
        m_writer->flush();
}

void AppServices::openAccountStore(const QString &homeserver, const QString &userId)
{
    const QString path = storePathFor(homeserver, userId);
    if (!m_writer || userId.isEmpty() || m_storePath == path)
        return;
    if (!m_storeUserId.isEmpty()) // the same user on another server: close the other store
        clearAccount(tr("Cancelled: another account signed in."));
    // The rooms shown are this user's (a sign-in as someone else clears them again).
    if (m_store->size() == 0)
        m_store->setOwnUserId(userId);
    m_storeUserId = userId;
    m_storePath = path;
    // Read here, at once (or taken from preloadSavedRooms()): the list is on screen before the
    // first network answer. The writer thread opens the same file for what follows (SQLite's WAL
    // lets both work).
    {
        SavedRooms saved;
        if (m_preload.isValid()) {
            saved = m_preload.result(); // read while the window was built; waits if not yet
            m_preload = {};
        }
        static int readers = 0;
        auto reader =
            std::make_unique<AccountStore>(QStringLiteral("concierge-reader-%1").arg(++readers));
        if (saved.path == path) {
            // A file the preload found unusable was moved aside there: that is what to say.
            reader->open(path);
            if (saved.problem.isEmpty())
                saved.problem = reader->problem();
        } else {
            saved = readSavedRooms(*reader, path);
        }
        if (saved.opened && m_store->size() == 0) {
            m_store->restore(saved.rooms);
            m_sync->resumeFrom(saved.nextBatch);
        }
        if (!saved.problem.isEmpty() && m_storeNotice.isEmpty()) {
            m_storeNotice = saved.problem;
            emit storeNoticeChanged();
        }
        // The same connection reads room histories later, on this thread.
        m_history->setOwnUserId(userId);
        m_history->setStore(std::move(reader));
    }
    m_dirtyRooms.clear();
    m_writer->open(path);
}

void AppServices::openJobs(const QString &homeserver, const QString &userId)
{
    if (!m_keepJobs || userId.isEmpty())
        return;
    const QString path = storePathFor(homeserver, userId);
    if (m_jobs->isOpen() && m_jobsPath == path)
        return; // the same account again after an expired session: its jobs are loaded
    m_jobsPath = path;
    if (m_jobs->open(path))
        m_jobs->restore(m_restoreJobsPaused);
}

void AppServices::preloadSavedRooms()
{
    if (!m_writer || m_preload.isValid() || !canRemember())
        return;
    const QString userId = m_credentials->savedUserId();
    if (userId.isEmpty())
        return;
    const QString path = storePathFor(m_credentials->savedHomeserver(), userId);
    static int preloads = 0;
    const QString connection = QStringLiteral("concierge-preload-%1").arg(++preloads);
    // The connection is made, used and closed on the worker thread (Qt SQL's rule).
    m_preload = QtConcurrent::run([path, connection] {
        AccountStore store(connection);
        return readSavedRooms(store, path);
    });
}

AppServices::SavedRooms AppServices::readSavedRooms(AccountStore &store, const QString &path)
{
    SavedRooms saved;
    saved.path = path;
    saved.opened = store.open(path) == AccountStore::OpenResult::Opened;
    if (saved.opened) {
        saved.rooms = store.loadRooms();
        saved.nextBatch = store.nextBatch();
    }
    saved.problem = store.problem();
    return saved;
}

void AppServices::saveSync(const SyncResponse &response)
{
    if (!m_writer || m_storeUserId.isEmpty())
        return;
    QList<RoomSummary> changed;
    changed.reserve(m_dirtyRooms.size());
    for (const QString &roomId : std::as_const(m_dirtyRooms))
        if (const RoomSummary *room = m_store->find(roomId))
            changed.append(*room);
    m_dirtyRooms.clear();
    // Our own membership changes, so a left room keeps its story: found on the writer thread
    // (the response is shared, not copied; its rooms parsed there one at a time) and shown once
    // stored.
    m_writer->saveSync(
        changed, m_sync->nextBatch(),
        [response, ownUserId = m_storeUserId, now = QDateTime::currentMSecsSinceEpoch()] {
            StoreWriter::HistoryByRoom found;
            const QList<SyncResponse::Room> &rooms = response.rooms();
            for (qsizetype i = 0; i < rooms.size(); ++i) {
                const SyncResponse::Room &entry = rooms.at(i);
                QJsonObject room = response.roomObject(i);
                // A knock's stripped state reads like an invite's (our own event among
                // stripped events): so that "Knock rejected by X" has the knock before it.
                if (entry.section == Membership::Knock)
                    room = QJsonObject{
                        {QStringLiteral("invite_state"), room.value(QLatin1String("knock_state"))}};
                auto changes = MembershipHistory::ownChanges(entry.roomId, room, ownUserId, now);
                if (!changes.isEmpty())
                    found[entry.roomId] += changes;
            }
            return found;
        });
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
        clearAccount(tr("Cancelled: the server signed this session out."), true);
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
    m_rememberNextSignIn = true;
    m_session->signIn(homeserver, accessToken);
}

void AppServices::signInWithPassword(const QString &homeserver, const QString &user,
                                     const QString &password)
{
    m_rememberNextSignIn = true;
    m_session->signInWithPassword(homeserver, user, password);
}

void AppServices::signInWithSso(const QString &homeserver, const QString &idpId)
{
    m_rememberNextSignIn = true;
    m_session->signInWithSso(homeserver, idpId);
}

void AppServices::signInWithOAuth(const QString &homeserver)
{
    m_rememberNextSignIn = true;
    m_session->signInWithOAuth(homeserver);
}

void AppServices::restoreSession()
{
    if (!canRemember() || m_credentials->savedHomeserver().isEmpty()) {
        emit restoreFinished(false);
        return;
    }
    // The remembered account's rooms show before the token is even read back.
    openAccountStore(m_credentials->savedHomeserver(), m_credentials->savedUserId());
    setRestoring(true);
    // Signing out meanwhile (clearAccount) disconnects it: that session is not restored after all.
    m_restoreRead = connect(
        m_credentials, &CredentialStore::sessionLoaded, this,
        [this](const QString &homeserver, const SessionTokens &tokens) {
            if (tokens.isEmpty()) {
                setRestoring(false);
                m_thumbnails->failHeld(tr("Not signed in"));
                emit restoreFinished(false);
                return;
            }
            // Restored (now being checked with the server) before no longer restoring: the rooms
            // stay on screen.
            m_session->restore(homeserver, tokens);
            setRestoring(false);
            emit restoreFinished(true);
        },
        Qt::SingleShotConnection);
    m_credentials->load();
}

void AppServices::cancelRestore()
{
    if (!m_restoring)
        return;
    disconnect(m_restoreRead);
    setRestoring(false);
    m_thumbnails->failHeld(tr("Not signed in"));
    emit restoreFinished(false);
}

bool AppServices::isSigningIn() const
{
    return m_restoring || m_session->state() == Session::Resolving ||
           m_session->state() == Session::Verifying;
}

void AppServices::setRestoring(bool restoring)
{
    if (restoring == m_restoring)
        return;
    m_restoring = restoring;
    emit restoringChanged();
}

void AppServices::signOut(bool invalidatePastedToken)
{
    // Also after an expired session (the Session is then already signed out and says nothing).
    // Signing out deletes the account's saved rooms too (the sign-out button says so).
    clearAccount(tr("Cancelled: signed out before it finished."), true);
    m_credentials->forget();
    m_session->signOut(invalidatePastedToken);
    emit signedOutByUser();
}
