#include "session/credentialstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSaveFile>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <algorithm>
#include <functional>
#include <memory>
#include <qt6keychain/keychain.h>

namespace {
const QString KeychainService = QStringLiteral(CONCIERGE_APP_ID);
const QString KeychainKey = QStringLiteral("access-token");
// Without a Secret Service QtKeychain may stall ~25 s before failing: give up earlier.
constexpr int KeychainTimeoutMs = 8000;

// Jobs have no parent: the Secret Service backend calls back into a job that was deleted
// with its parent while a request was out (an account removed, its CredentialStore deleted, with
// the deletion of its keychain entry pending). A job deletes itself once finished; what it
// reports reaches context only while context lives.
template <typename Job>
void runWithTimeout(Job *job, QObject *context, std::function<void(bool timedOut)> done)
{
    // A job may finish after its timeout, when the timer is gone.
    QPointer<QTimer> timer = new QTimer(context);
    timer->setSingleShot(true);
    auto finished = std::make_shared<bool>(false);
    QObject::connect(timer, &QTimer::timeout, context, [timer, finished, done] {
        timer->deleteLater();
        if (*finished)
            return;
        *finished = true;
        done(true);
    });
    QObject::connect(job, &QKeychain::Job::finished, context, [timer, finished, done] {
        if (timer) {
            timer->stop();
            timer->deleteLater();
        }
        if (*finished)
            return;
        *finished = true;
        done(false);
    });
    timer->start(KeychainTimeoutMs);
    job->start();
}
// Keys of saves still on their way in this process: two new accounts saved at once must not
// both take the same free key.
QSet<QString> &pendingKeys()
{
    static QSet<QString> keys;
    return keys;
}
} // namespace

CredentialStore::CredentialStore(QObject *parent) : QObject(parent) {}

namespace {
const QString AccountsGroup = QStringLiteral("accounts");
const QString LastUsedKey = QStringLiteral("accounts/lastUsed");

QList<CredentialStore::SavedAccount> readAccounts(QSettings &settings)
{
    QList<CredentialStore::SavedAccount> accounts;
    const int n = settings.beginReadArray(AccountsGroup);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        CredentialStore::SavedAccount a{settings.value(QStringLiteral("userId")).toString(),
                                        settings.value(QStringLiteral("homeserver")).toString(),
                                        settings.value(QStringLiteral("key")).toString()};
        if (!a.userId.isEmpty() && !a.key.isEmpty())
            accounts << a;
    }
    settings.endArray();
    return accounts;
}

void writeAccounts(QSettings &settings, const QList<CredentialStore::SavedAccount> &accounts)
{
    settings.remove(AccountsGroup + QStringLiteral("/size"));
    for (int i = 1; settings.contains(AccountsGroup + QStringLiteral("/%1/userId").arg(i)); ++i)
        settings.remove(AccountsGroup + QStringLiteral("/%1").arg(i));
    settings.beginWriteArray(AccountsGroup, int(accounts.size()));
    for (int i = 0; i < accounts.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("userId"), accounts.at(i).userId);
        settings.setValue(QStringLiteral("homeserver"), accounts.at(i).homeserver);
        settings.setValue(QStringLiteral("key"), accounts.at(i).key);
    }
    settings.endArray();
}

// The accounts, after moving the one account earlier versions kept ("session/…", its token
// under "access-token") into the list.
QList<CredentialStore::SavedAccount> loadAccounts(QSettings &settings)
{
    QList<CredentialStore::SavedAccount> accounts = readAccounts(settings);
    const QString legacyUser = settings.value(QStringLiteral("session/userId")).toString();
    const QString legacyServer = settings.value(QStringLiteral("session/homeserver")).toString();
    if (!legacyUser.isEmpty() || !legacyServer.isEmpty()) {
        if (!legacyUser.isEmpty() && !legacyServer.isEmpty() &&
            std::none_of(accounts.cbegin(), accounts.cend(),
                         [&](const auto &a) { return a.key == KeychainKey; })) {
            accounts.prepend({legacyUser, legacyServer, KeychainKey});
            writeAccounts(settings, accounts);
            if (!settings.contains(LastUsedKey))
                settings.setValue(LastUsedKey, legacyUser);
        }
        settings.remove(QStringLiteral("session/userId"));
        settings.remove(QStringLiteral("session/homeserver"));
    }
    return accounts;
}
} // namespace

QList<CredentialStore::SavedAccount> CredentialStore::savedAccounts()
{
    QSettings settings;
    return loadAccounts(settings);
}

QString CredentialStore::lastUsedAccount()
{
    QSettings settings;
    const QList<SavedAccount> accounts = loadAccounts(settings);
    const QString last = settings.value(LastUsedKey).toString();
    for (const SavedAccount &a : accounts)
        if (a.userId == last)
            return last;
    return accounts.isEmpty() ? QString() : accounts.first().userId;
}

void CredentialStore::setLastUsedAccount(const QString &userId)
{
    QSettings().setValue(LastUsedKey, userId);
}

void CredentialStore::setAccount(const QString &userId)
{
    ++m_epoch;
    m_accountChosen = true;
    if (m_account == userId)
        return;
    m_account = userId;
    m_loaded = {};
    emit savedChanged();
}

QString CredentialStore::account() const
{
    return m_accountChosen ? m_account : lastUsedAccount();
}

std::optional<CredentialStore::SavedAccount> CredentialStore::entry() const
{
    const QString userId = account();
    if (userId.isEmpty())
        return std::nullopt;
    for (const SavedAccount &a : savedAccounts())
        if (a.userId == userId)
            return a;
    return std::nullopt;
}

QString CredentialStore::savedHomeserver() const
{
    const auto saved = entry();
    return saved ? saved->homeserver : QString();
}

QString CredentialStore::savedUserId() const
{
    const auto saved = entry();
    return saved ? saved->userId : QString();
}

bool CredentialStore::useFileStore() const
{
    return QSettings().value(QStringLiteral("session/useFileStore"), false).toBool();
}

void CredentialStore::setUseFileStore(bool use)
{
    if (use == useFileStore())
        return;
    QSettings().setValue(QStringLiteral("session/useFileStore"), use);
    if (!use) {
        QFile::remove(tokenFilePath());
        for (const SavedAccount &a : savedAccounts())
            QFile::remove(tokenFilePath(a.key));
    }
    emit useFileStoreChanged();
}

QString CredentialStore::tokenFilePath(const QString &key)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QLatin1Char('/') +
           key;
}

bool CredentialStore::writeTokenFile(const QString &key, const QString &token)
{
    const QString path = tokenFilePath(key);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    // Owner-only before a single byte of the token is written.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;
    file.write(token.toUtf8());
    return file.commit();
}

QString CredentialStore::readTokenFile(const QString &key) const
{
    QFile file(tokenFilePath(key));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

void CredentialStore::rememberAccount(const QString &homeserver, const QString &userId,
                                      const QString &key, bool makeDefault)
{
    QSettings settings;
    QList<SavedAccount> accounts = loadAccounts(settings);
    auto it = std::find_if(accounts.begin(), accounts.end(),
                           [&](const SavedAccount &a) { return a.userId == userId; });
    const bool added = it == accounts.end();
    if (added)
        accounts.append({userId, homeserver, key});
    else
        *it = {userId, homeserver, key};
    writeAccounts(settings, accounts);
    // A new account becomes the default; a refreshed one (an account syncing in the background)
    // does not: the one the user shows or signs in to is set by its caller.
    if (added || makeDefault)
        settings.setValue(LastUsedKey, userId);
    m_account = userId;
    m_accountChosen = true;
    emit savedChanged();
}

void CredentialStore::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void CredentialStore::setError(const QString &error, bool keychainMissing)
{
    m_lastError = error;
    emit lastErrorChanged();
    if (keychainMissing && m_keychainAvailable) {
        m_keychainAvailable = false;
        emit keychainAvailableChanged();
    }
}

void CredentialStore::disableKeychain()
{
    m_keychainDisabled = true;
    setError(tr("The system keychain is not used (--no-keychain)."), true);
}

void CredentialStore::load()
{
    const auto saved = entry();
    if (!saved) {
        emitLoaded(QString(), QString());
        return;
    }
    const QString homeserver = saved->homeserver;
    if (useFileStore()) {
        emitLoaded(homeserver, readTokenFile(saved->key));
        return;
    }
    if (m_keychainDisabled) {
        emitLoaded(homeserver, QString());
        return;
    }
    setBusy(true);
    auto *job = new QKeychain::ReadPasswordJob(KeychainService);
    job->setAutoDelete(true);
    job->setKey(saved->key);
    runWithTimeout(job, this, [this, job, homeserver](bool timedOut) {
        setBusy(false);
        QString token;
        if (timedOut)
            setError(tr("The system keychain did not answer."), true);
        else if (job->error() == QKeychain::NoError)
            token = job->textData();
        else if (job->error() != QKeychain::EntryNotFound)
            setError(tr("The system keychain is not available: %1").arg(job->errorString()),
                     job->error() == QKeychain::NoBackendAvailable ||
                         job->error() == QKeychain::OtherError);
        emitLoaded(homeserver, token);
    });
}

void CredentialStore::emitLoaded(const QString &homeserver, const QString &secret)
{
    m_loaded = SessionTokens::fromSecret(secret);
    emit loaded(homeserver, m_loaded.accessToken);
    emit sessionLoaded(homeserver, m_loaded);
}

void CredentialStore::save(const QString &homeserver, const QString &userId, const QString &token)
{
    saveSession(homeserver, userId, SessionTokens::pasted(token), true);
}

void CredentialStore::saveSession(const QString &homeserver, const QString &userId,
                                  const SessionTokens &tokens, bool makeDefault)
{
    const QString token = tokens.toSecret();
    // The account's own entry; a new account takes the first key no other account uses.
    QString key;
    {
        const QList<SavedAccount> accounts = savedAccounts();
        for (const SavedAccount &a : accounts)
            if (a.userId == userId)
                key = a.key;
        for (int n = 1; key.isEmpty(); ++n) {
            const QString candidate =
                n == 1 ? KeychainKey : KeychainKey + QStringLiteral("-%1").arg(n);
            if (!pendingKeys().contains(candidate) &&
                std::none_of(accounts.cbegin(), accounts.cend(),
                             [&](const SavedAccount &a) { return a.key == candidate; }))
                key = candidate;
        }
    }
    if (useFileStore()) {
        const bool ok = writeTokenFile(key, token);
        if (ok) {
            rememberAccount(homeserver, userId, key, makeDefault);
        } else {
            setError(tr("Could not write %1.").arg(tokenFilePath(key)), false);
        }
        emit saved(ok);
        return;
    }
    if (m_keychainDisabled) {
        emit saved(false);
        return;
    }
    setBusy(true);
    auto *job = new QKeychain::WritePasswordJob(KeychainService);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setTextData(token);
    pendingKeys().insert(key);
    QObject::connect(job, &QKeychain::Job::finished, [key] { pendingKeys().remove(key); });
    const quint64 epoch = m_epoch;
    runWithTimeout(
        job, this, [this, job, homeserver, userId, key, makeDefault, epoch](bool timedOut) {
            setBusy(false);
            const bool ok = !timedOut && job->error() == QKeychain::NoError;
            if (ok && epoch != m_epoch) {
                // Forgotten (signed out) or moved to another account while this was written: the
                // account is not brought back, and a secret no account names is not left behind.
                const QList<SavedAccount> accounts = savedAccounts();
                if (std::none_of(accounts.cbegin(), accounts.cend(),
                                 [&](const SavedAccount &a) { return a.key == key; })) {
                    auto *erase = new QKeychain::DeletePasswordJob(KeychainService);
                    erase->setAutoDelete(true);
                    erase->setKey(key);
                    erase->start();
                }
                emit saved(false);
                return;
            }
            if (ok) {
                rememberAccount(homeserver, userId, key, makeDefault);
            } else {
                setError(timedOut
                             ? tr("The system keychain did not answer; you will need to sign in "
                                  "again next time.")
                             : tr("The session could not be remembered: no system keychain is "
                                  "available (%1). The token is kept for this run only.")
                                   .arg(job->errorString()),
                         true);
            }
            emit saved(ok);
        });
}

void CredentialStore::forget()
{
    ++m_epoch; // a save still on its way does not bring the account back
    m_loaded = {};
    const auto saved = entry();
    if (!saved) {
        emit forgotten();
        return;
    }
    {
        QSettings settings;
        QList<SavedAccount> accounts = loadAccounts(settings);
        accounts.removeIf([&](const SavedAccount &a) { return a.userId == saved->userId; });
        writeAccounts(settings, accounts);
        if (settings.value(LastUsedKey).toString() == saved->userId) {
            if (accounts.isEmpty())
                settings.remove(LastUsedKey);
            else
                settings.setValue(LastUsedKey, accounts.last().userId);
        }
    }
    // What this store saves next is a new account; it does not move on to another saved one.
    m_account.clear();
    m_accountChosen = true;
    QFile::remove(tokenFilePath(saved->key));
    emit savedChanged();
    if (m_keychainDisabled) {
        emit forgotten();
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(KeychainService);
    job->setAutoDelete(true);
    job->setKey(saved->key);
    runWithTimeout(job, this, [this](bool) { emit forgotten(); });
}
