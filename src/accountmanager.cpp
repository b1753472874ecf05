#include "accountmanager.h"

#include <QTimer>

namespace {
// A removed account's services live this long at most for its /logout (or revocation) to go out.
constexpr int SignOutGraceMs = 15000;
} // namespace

AccountManager::AccountManager(AppServices::Options options, QObject *parent)
    : QAbstractListModel(parent), m_options(std::move(options))
{}

AccountManager::~AccountManager() = default;

void AccountManager::openSaved()
{
    const QList<CredentialStore::SavedAccount> saved = CredentialStore::savedAccounts();
    if (saved.isEmpty()) {
        openUnsignedSlot();
        return;
    }
    const QString last = CredentialStore::lastUsedAccount();
    for (const CredentialStore::SavedAccount &account : saved)
        newSlot(account.userId, true);
    setCurrent(qMax(0, indexOf(last)));
}

void AccountManager::restoreSessions()
{
    // The one shown first: its rooms are what the window waits for.
    if (AppServices *shown = current(); shown && !shown->credentials()->account().isEmpty())
        shown->restoreSession();
    for (AppServices *services : std::as_const(m_accounts))
        if (services != current() && !services->credentials()->account().isEmpty())
            services->restoreSession();
}

AppServices *AccountManager::openUnsignedSlot()
{
    AppServices *services = newSlot({}, false);
    setCurrent(int(m_accounts.size()) - 1);
    return services;
}

AppServices *AccountManager::newSlot(const QString &userId, bool restore)
{
    auto *services = new AppServices(m_options, this);
    // A new slot reads no remembered session: what it saves at sign-in is a new account.
    services->credentials()->setAccount(restore ? userId : QString());
    services->setAccountOpenElsewhere([this, services](const QString &id) {
        for (const AppServices *other : std::as_const(m_accounts))
            if (other != services &&
                (other->session()->userId() == id || other->credentials()->account() == id))
                return true;
        return false;
    });
    const auto changed = [this, services] { rowChanged(services); };
    connect(services->session(), &Session::stateChanged, this, changed);
    connect(services->sync(), &SyncEngine::stateChanged, this, changed);
    connect(services->roomModel(), &RoomListModel::countsChanged, this, changed);
    connect(services->jobs(), &JobQueue::activeCountChanged, this, changed);
    connect(services->session(), &Session::signedIn, this, [this, services] {
        if (current() == services)
            CredentialStore::setLastUsedAccount(services->session()->userId());
    });
    connect(services, &AppServices::signedOutByUser, this, [this, services] {
        if (m_accounts.size() > 1)
            removeSlot(services);
    });
    connect(services, &AppServices::accountOpenElsewhere, this,
            [this, services](const QString &id) {
                removeSlot(services, at(indexOf(id)));
                CredentialStore::setLastUsedAccount(id);
                setNotice(tr("%1 is already open here: showing it.").arg(id));
            });

    const int row = int(m_accounts.size());
    beginInsertRows({}, row, row);
    m_accounts.append(services);
    endInsertRows();
    emit countChanged();
    emit accountOpened(services);
    return services;
}

void AccountManager::removeSlot(AppServices *services, AppServices *showNext)
{
    const int row = int(m_accounts.indexOf(services));
    if (row < 0)
        return;
    const bool wasCurrent = row == m_current;
    // Chosen before the rows move: the account to show (when the removed one was shown), and the
    // one to go back to from an account being added.
    AppServices *next = current();
    if (wasCurrent) {
        next = showNext && showNext != services ? showNext : nullptr;
        if (!next) {
            const int last = indexOf(CredentialStore::lastUsedAccount());
            next = last >= 0 && last != row ? at(last) : nullptr;
        }
        for (int i = 0; !next && i < int(m_accounts.size()); ++i)
            if (i != row)
                next = at(i);
    }
    AppServices *previous = m_previous != row ? at(m_previous) : nullptr;
    beginRemoveRows({}, row, row);
    m_accounts.removeAt(row);
    m_current = next ? int(m_accounts.indexOf(next)) : -1;
    m_previous = previous ? int(m_accounts.indexOf(previous)) : -1;
    endRemoveRows();
    if (m_current >= 0)
        emit dataChanged(index(m_current), index(m_current), {CurrentRole});
    emit currentChanged(); // the shown account, or only its row
    emit addingChanged();
    emit countChanged();
    // Kept until its sign-out request went out (a device logged out, a token revoked).
    services->disconnect(this);
    connect(services->session(), &Session::serverSignOutFinished, services, &QObject::deleteLater);
    QTimer::singleShot(SignOutGraceMs, services, &QObject::deleteLater);
}

void AccountManager::rowChanged(AppServices *services)
{
    const int row = int(m_accounts.indexOf(services));
    if (row < 0)
        return;
    emit dataChanged(index(row), index(row));
    if (row == m_current)
        emit addingChanged();
}

void AccountManager::setCurrent(int row)
{
    if (row == m_current || row >= int(m_accounts.size()))
        return;
    const int before = m_current;
    m_current = row;
    if (before >= 0 && before < int(m_accounts.size()))
        emit dataChanged(index(before), index(before), {CurrentRole});
    if (row >= 0)
        emit dataChanged(index(row), index(row), {CurrentRole});
    emit currentChanged();
    emit addingChanged();
}

void AccountManager::setNotice(const QString &notice)
{
    m_notice = notice;
    emit noticeChanged();
}

void AccountManager::clearNotice()
{
    if (!m_notice.isEmpty())
        setNotice({});
}

AppServices *AccountManager::current() const
{
    return at(m_current);
}

AppServices *AccountManager::at(int row) const
{
    return row >= 0 && row < int(m_accounts.size()) ? m_accounts.at(row) : nullptr;
}

ThumbnailLoader *AccountManager::mediaLoader() const
{
    const AppServices *shown = current();
    if (shown && shown->session()->state() == Session::SignedIn)
        return shown->thumbnails();
    for (const AppServices *services : m_accounts)
        if (services->session()->state() == Session::SignedIn)
            return services->thumbnails();
    return shown ? shown->thumbnails() : nullptr;
}

int AccountManager::indexOf(const QString &userId) const
{
    if (userId.isEmpty())
        return -1;
    for (int row = 0; row < int(m_accounts.size()); ++row) {
        const AppServices *services = m_accounts.at(row);
        if (services->session()->userId() == userId || services->credentials()->account() == userId)
            return row;
    }
    return -1;
}

bool AccountManager::adding() const
{
    const AppServices *services = current();
    return services && m_accounts.size() > 1 && services->credentials()->account().isEmpty() &&
           services->session()->state() != Session::SignedIn;
}

void AccountManager::addAccount()
{
    if (adding())
        return; // already on a new account's sign-in page
    // A new account's slot left earlier (switched away from) is used again, not a second one.
    for (int row = 0; row < int(m_accounts.size()); ++row) {
        const AppServices *idle = m_accounts.at(row);
        if (row != m_current && idle->credentials()->account().isEmpty() &&
            idle->session()->state() == Session::SignedOut) {
            m_previous = m_current;
            setCurrent(row);
            return;
        }
    }
    m_previous = m_current;
    newSlot({}, false);
    setCurrent(int(m_accounts.size()) - 1);
}

void AccountManager::cancelAdding()
{
    if (!adding())
        return;
    AppServices *services = current();
    AppServices *back = at(m_previous);
    services->session()->signOut(false); // stops a sign-in under way; nothing was remembered
    removeSlot(services, back);
    if (AppServices *shown = current(); shown && !shown->session()->userId().isEmpty())
        CredentialStore::setLastUsedAccount(shown->session()->userId());
}

void AccountManager::switchTo(int row)
{
    AppServices *services = at(row);
    if (!services)
        return;
    setCurrent(row);
    const QString userId = services->session()->userId().isEmpty()
                               ? services->credentials()->account()
                               : services->session()->userId();
    if (!userId.isEmpty())
        CredentialStore::setLastUsedAccount(userId);
}

void AccountManager::removeAccount(int row, bool invalidatePastedToken)
{
    if (AppServices *services = at(row))
        services->signOut(invalidatePastedToken); // removes the slot (signedOutByUser)
}

int AccountManager::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

QVariant AccountManager::data(const QModelIndex &index, int role) const
{
    const AppServices *services = at(index.row());
    if (!services || index.parent().isValid())
        return {};
    const Session *session = services->session();
    switch (role) {
    case Qt::DisplayRole:
    case UserIdRole:
        return session->userId().isEmpty() ? services->credentials()->account() : session->userId();
    case HomeserverRole:
        return session->homeserverInput().isEmpty() ? services->credentials()->savedHomeserver()
                                                    : session->homeserverInput();
    case ServicesRole:
        return QVariant::fromValue(const_cast<AppServices *>(services));
    case CurrentRole:
        return index.row() == m_current;
    case InviteCountRole:
        return services->roomModel()->inviteCount();
    case JoinedCountRole:
        return services->roomModel()->joinedCount();
    case LeftCountRole:
        return services->roomModel()->leftCount();
    case RunningJobsRole:
        return services->jobs()->activeCount();
    case HealthRole:
        return healthOf(services);
    case HealthTextRole:
        return healthText(healthOf(services));
    }
    return {};
}

QHash<int, QByteArray> AccountManager::roleNames() const
{
    return {
        {UserIdRole, "userId"},           {HomeserverRole, "homeserver"},
        {ServicesRole, "services"},       {CurrentRole, "current"},
        {InviteCountRole, "inviteCount"}, {JoinedCountRole, "joinedCount"},
        {LeftCountRole, "leftCount"},     {RunningJobsRole, "runningJobs"},
        {HealthRole, "health"},           {HealthTextRole, "healthText"},
    };
}

AccountManager::Health AccountManager::healthOf(const AppServices *services)
{
    const Session *session = services->session();
    switch (session->state()) {
    case Session::SignedIn:
        switch (services->sync()->state()) {
        case SyncEngine::Synced:
            return Healthy;
        case SyncEngine::Reconnecting:
            return Offline;
        case SyncEngine::Stopped:
        case SyncEngine::InitialSync:
        case SyncEngine::Updating:
            return Connecting;
        }
        return Connecting;
    case Session::Resolving:
    case Session::Verifying:
        return Connecting;
    case Session::SignedOut:
        return session->isExpired() ? Expired : NotSignedIn;
    }
    return NotSignedIn;
}

QString AccountManager::healthText(Health health)
{
    switch (health) {
    case NotSignedIn:
        return tr("Not signed in");
    case Expired:
        return tr("Signed out by the server: sign in again");
    case Offline:
        return tr("Cannot reach the server; retrying");
    case Connecting:
        return tr("Connecting…");
    case Healthy:
        return tr("Up to date");
    }
    return {};
}
