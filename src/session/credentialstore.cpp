#include "session/credentialstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <functional>
#include <memory>
#include <qt6keychain/keychain.h>

namespace {
const QString KeychainService = QStringLiteral(CONCIERGE_APP_ID);
const QString KeychainKey = QStringLiteral("access-token");
// Without a Secret Service QtKeychain may stall ~25 s before failing: give up earlier.
constexpr int KeychainTimeoutMs = 8000;

template <typename Job>
void runWithTimeout(Job *job, QObject *context, std::function<void(bool timedOut)> done)
{
    auto *timer = new QTimer(context);
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
        timer->stop();
        timer->deleteLater();
        if (*finished)
            return;
        *finished = true;
        done(false);
    });
    timer->start(KeychainTimeoutMs);
    job->start();
}
} // namespace

CredentialStore::CredentialStore(QObject *parent) : QObject(parent) {}

QString CredentialStore::savedHomeserver() const
{
    return QSettings().value(QStringLiteral("session/homeserver")).toString();
}

QString CredentialStore::savedUserId() const
{
    return QSettings().value(QStringLiteral("session/userId")).toString();
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
    if (!use)
        QFile::remove(tokenFilePath());
    emit useFileStoreChanged();
}

QString CredentialStore::tokenFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/access-token");
}

bool CredentialStore::writeTokenFile(const QString &token)
{
    const QString path = tokenFilePath();
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

QString CredentialStore::readTokenFile() const
{
    QFile file(tokenFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

void CredentialStore::rememberAccount(const QString &homeserver, const QString &userId)
{
    QSettings settings;
    settings.setValue(QStringLiteral("session/homeserver"), homeserver);
    settings.setValue(QStringLiteral("session/userId"), userId);
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
    const QString homeserver = savedHomeserver();
    if (homeserver.isEmpty()) {
        emitLoaded(QString(), QString());
        return;
    }
    if (useFileStore()) {
        emitLoaded(homeserver, readTokenFile());
        return;
    }
    if (m_keychainDisabled) {
        emitLoaded(homeserver, QString());
        return;
    }
    setBusy(true);
    auto *job = new QKeychain::ReadPasswordJob(KeychainService, this);
    job->setAutoDelete(true);
    job->setKey(KeychainKey);
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
    saveSession(homeserver, userId, SessionTokens::pasted(token));
}

void CredentialStore::saveSession(const QString &homeserver, const QString &userId,
                                  const SessionTokens &tokens)
{
    const QString token = tokens.toSecret();
    if (useFileStore()) {
        const bool ok = writeTokenFile(token);
        if (ok) {
            rememberAccount(homeserver, userId);
        } else {
            setError(tr("Could not write %1.").arg(tokenFilePath()), false);
        }
        emit saved(ok);
        return;
    }
    if (m_keychainDisabled) {
        emit saved(false);
        return;
    }
    setBusy(true);
    auto *job = new QKeychain::WritePasswordJob(KeychainService, this);
    job->setAutoDelete(true);
    job->setKey(KeychainKey);
    job->setTextData(token);
    runWithTimeout(job, this, [this, job, homeserver, userId](bool timedOut) {
        setBusy(false);
        const bool ok = !timedOut && job->error() == QKeychain::NoError;
        if (ok) {
            rememberAccount(homeserver, userId);
        } else {
            setError(timedOut ? tr("The system keychain did not answer; you will need to sign in "
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
    m_loaded = {};
    QSettings settings;
    settings.remove(QStringLiteral("session/homeserver"));
    settings.remove(QStringLiteral("session/userId"));
    QFile::remove(tokenFilePath());
    emit savedChanged();
    if (m_keychainDisabled) {
        emit forgotten();
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(KeychainService, this);
    job->setAutoDelete(true);
    job->setKey(KeychainKey);
    runWithTimeout(job, this, [this](bool) { emit forgotten(); });
}
