#pragma once

#include "session/sessiontokens.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QtQmlIntegration/qqmlintegration.h>
#include <optional>

// Remembers sessions, one per account: homeserver and user ID in QSettings (the list of
// accounts and which was used last), each account's tokens in its own system keychain entry
// (QtKeychain / Secret Service). Without a keychain the token is kept for this run only and
// keychainAvailable turns false so the UI can say so — unless the user explicitly chooses the file
// store (useFileStore): a file per account readable only by them (mode 0600) in the config folder.
// One CredentialStore reads, saves and forgets one account (setAccount; by default the last used).
class CredentialStore : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CredentialStore is created by the application")
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool keychainAvailable READ keychainAvailable NOTIFY keychainAvailableChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QString savedHomeserver READ savedHomeserver NOTIFY savedChanged)
    Q_PROPERTY(QString savedUserId READ savedUserId NOTIFY savedChanged)
    Q_PROPERTY(bool useFileStore READ useFileStore WRITE setUseFileStore NOTIFY useFileStoreChanged)

public:
    struct SavedAccount
    {
        QString userId;
        QString homeserver;
        // The keychain entry's key, also the token file's name: "access-token" for the first
        // account (what versions with one account used), "access-token-2"... for the others.
        QString key;
    };

    explicit CredentialStore(QObject *parent = nullptr);

    // Every remembered account, in the order they were added.
    static QList<SavedAccount> savedAccounts();
    // The account signed in or chosen last (the CLI's default), or the first remembered one.
    static QString lastUsedAccount();
    static void setLastUsedAccount(const QString &userId);
    // Which account this store reads, saves and forgets. Until called: the last used one.
    // setAccount({}) is a new account: nothing to read; the first save says whose it is.
    void setAccount(const QString &userId);
    // The account this store is for now (empty: none remembered yet).
    QString account() const;

    bool busy() const { return m_busy; }
    bool keychainAvailable() const { return m_keychainAvailable; }
    QString lastError() const { return m_lastError; }
    QString savedHomeserver() const;
    QString savedUserId() const;
    bool useFileStore() const;
    void setUseFileStore(bool use);
    // Where the file store keeps the first account's token (tokenFilePath(key) another's).
    static QString tokenFilePath(const QString &key = QStringLiteral("access-token"));

    // Reads the remembered token; emits loaded(homeserver, token) (token empty when none).
    Q_INVOKABLE void load();
    Q_INVOKABLE void save(const QString &homeserver, const QString &userId, const QString &token);
    // The whole session: access token, refresh token and expiry, whether Concierge created the
    // device. One keychain secret (SessionTokens::toSecret).
    // makeDefault: the account becomes the last used one (a sign-in; not a background refresh).
    // A new account always does.
    void saveSession(const QString &homeserver, const QString &userId, const SessionTokens &tokens,
                     bool makeDefault = true);
    // What load() read last (empty before, or when nothing was remembered).
    SessionTokens loadedTokens() const { return m_loaded; }
    // Forgets the account and the token; forgotten() once the keychain entry is gone too.
    Q_INVOKABLE void forget();
    // --no-keychain, tests: behave as if no keychain existed, without asking one.
    void disableKeychain();

signals:
    void busyChanged();
    void keychainAvailableChanged();
    void lastErrorChanged();
    void savedChanged();
    void useFileStoreChanged();
    void loaded(const QString &homeserver, const QString &accessToken);
    // Right after loaded(), with the whole remembered session.
    void sessionLoaded(const QString &homeserver, const SessionTokens &tokens);
    void saved(bool ok);
    void forgotten();

private:
    void setBusy(bool busy);
    // The non-secret part, once the secret is saved under key.
    void rememberAccount(const QString &homeserver, const QString &userId, const QString &key,
                         bool makeDefault);
    // The remembered entry of account(), if any.
    std::optional<SavedAccount> entry() const;
    bool writeTokenFile(const QString &key, const QString &token);
    QString readTokenFile(const QString &key) const;
    void setError(const QString &error, bool keychainMissing);
    void emitLoaded(const QString &homeserver, const QString &secret);
    SessionTokens m_loaded;
    QString m_account;
    bool m_accountChosen = false; // false: account() follows lastUsedAccount()
    quint64 m_epoch = 0;          // changes on forget() and setAccount(): saves on their way lapse
    bool m_busy = false;
    bool m_keychainAvailable = true;
    bool m_keychainDisabled = false;
    QString m_lastError;
};
