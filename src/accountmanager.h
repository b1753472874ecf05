#pragma once

#include "appservices.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QtQmlIntegration/qqmlintegration.h>

// Several accounts side by side: one AppServices (session, sync, store, queue) per account, all
// syncing in the background, one of them shown (current). A list model for the accounts
// overview: per account its pending invites, joined and left rooms, running jobs and whether the
// session is healthy.
//
// The accounts are the ones CredentialStore remembers, each in its own keychain entry and store.
// An account being added is a slot that is not signed in yet (the sign-in page); signing out of
// an account (AppServices::signOut: its keychain entry and store deleted) removes its slot when
// others are left. Signing in as an account that is already open is refused (the slot goes away,
// the open one is shown).
class AccountManager : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AccountManager is created by the application")
    Q_PROPERTY(AppServices *current READ current NOTIFY currentChanged)
    Q_PROPERTY(int currentIndex READ currentIndex NOTIFY currentChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // The current slot is a new account being added while others exist (sign-in can be cancelled).
    Q_PROPERTY(bool adding READ adding NOTIFY addingChanged)
    // Said once, e.g. "@a:b is already open here".
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)

public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        HomeserverRole,
        ServicesRole,
        CurrentRole,
        InviteCountRole,
        JoinedCountRole,
        LeftCountRole,
        RunningJobsRole,
        HealthRole,
        HealthTextRole,
    };
    // How an account is doing, worst first.
    enum Health {
        NotSignedIn, // a slot being added
        Expired,     // the server ended the session: sign in again
        Offline,     // the server cannot be reached; sync retries
        Connecting,  // restoring the session or the first sync
        Healthy,     // signed in and in step with the server
    };
    Q_ENUM(Health)

    explicit AccountManager(AppServices::Options options, QObject *parent = nullptr);
    ~AccountManager() override;

    // A slot for every remembered account, the last used one current; a single empty slot (the
    // sign-in page) when none is remembered. Then restoreSessions() signs them in.
    void openSaved();
    // Each slot made by openSaved() shows its saved rooms and signs in with its keychain entry.
    void restoreSessions();
    // One slot, not signed in (a token from the environment, tests): no restore.
    AppServices *openUnsignedSlot();

    AppServices *current() const;
    int currentIndex() const { return m_current; }
    int count() const { return int(m_accounts.size()); }
    bool adding() const;
    QString notice() const { return m_notice; }
    AppServices *at(int row) const;
    // What fetches avatars for the window: the shown account's thumbnails, or another signed-in
    // account's while the shown one is not signed in (an mxc: ID names the same media for all).
    ThumbnailLoader *mediaLoader() const;
    // The slot of userId, or -1.
    Q_INVOKABLE int indexOf(const QString &userId) const;

    Q_INVOKABLE void addAccount();
    // Leaves the account being added (its sign-in page) for the one shown before.
    Q_INVOKABLE void cancelAdding();
    Q_INVOKABLE void switchTo(int row);
    Q_INVOKABLE void clearNotice();
    // Signs out of the account at row (as its sign-out button does) and removes its slot.
    Q_INVOKABLE void removeAccount(int row, bool invalidatePastedToken = false);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    static Health healthOf(const AppServices *services);
    static QString healthText(Health health);

signals:
    void currentChanged();
    void addingChanged();
    void countChanged();
    void noticeChanged();
    // A slot was made (the app connects the browser and notifications of each account).
    void accountOpened(AppServices *services);

private:
    AppServices *newSlot(const QString &userId, bool restore);
    // Drops a slot; when it was shown, showNext is shown (else the last used, else the first).
    void removeSlot(AppServices *services, AppServices *showNext = nullptr);
    void rowChanged(AppServices *services);
    void setCurrent(int row);
    void setNotice(const QString &notice);

    AppServices::Options m_options;
    QList<AppServices *> m_accounts;
    int m_current = -1;
    int m_previous = -1; // shown before an account was added
    QString m_notice;
};
