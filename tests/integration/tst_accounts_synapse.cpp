// Several accounts side by side (issue 14) against a real Synapse: two users signed in at once
// through one AccountManager (the GUI's composition), each with its own session, sync, store and
// remembered session. An action on one never touches the other (the server's membership of both
// is checked with the test's own requests); removing one deletes its remembered session and store
// only; the next launch opens the one left; signing in twice as the same user is refused.
#include "accountmanager.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"

#include <QFile>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {
constexpr int TimeoutMs = 30000;
} // namespace

class TestAccountsSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    SynapseFixture::User m_owner; // creates the room both are invited to
    SynapseFixture::User m_alice;
    SynapseFixture::User m_bob;
    std::unique_ptr<QTemporaryDir> m_dir;

    AppServices::Options options() const
    {
        AppServices::Options o;
        o.useKeychain = false; // the 0600 file store instead (chosen in init())
        o.interactive = false;
        o.keepRoomsOnDisk = true;
        o.storeDirectory = m_dir->path();
        o.keepJobs = true;
        return o;
    }
    // Signs services in with user's token (remembered) and waits for its first sync.
    bool signIn(AppServices *services, const SynapseFixture::User &user)
    {
        services->sync()->setLongPollTimeout(2000);
        QSignalSpy saved(services->credentials(), &CredentialStore::saved);
        services->signIn(m_server.baseUrl().toString(), user.accessToken);
        return QTest::qWaitFor(
                   [&] {
                       return services->session()->state() == Session::SignedIn &&
                              services->sync()->state() == SyncEngine::Synced;
                   },
                   TimeoutMs) &&
               (!saved.isEmpty() || saved.wait(TimeoutMs)) && saved.first().first().toBool();
    }
    static int row(const AccountManager &accounts, const QString &userId)
    {
        return accounts.indexOf(userId);
    }
    static QVariant role(const AccountManager &accounts, const QString &userId, int role)
    {
        return accounts.data(accounts.index(row(accounts, userId)), role);
    }
    static QStringList savedUsers()
    {
        QStringList users;
        for (const auto &a : CredentialStore::savedAccounts())
            users << a.userId;
        return users;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ConciergeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_accounts_synapse"));
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_owner = m_server.registerUser(QStringLiteral("owner"), true);
        m_alice = m_server.registerUser(QStringLiteral("alice"));
        m_bob = m_server.registerUser(QStringLiteral("bob"));
        QVERIFY(!m_owner.accessToken.isEmpty() && !m_alice.accessToken.isEmpty() &&
                !m_bob.accessToken.isEmpty());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QSettings().clear(); // no account remembered from an earlier test
        CredentialStore().setUseFileStore(true);
    }

    void twoAccountsSideBySide()
    {
        {
            twoAccountsThenRemoveOne();
            if (QTest::currentTestFailed())
                return;
        }
        // The next launch opens the account that is left, from its own entry.
        AccountManager again(options());
        again.openSaved();
        again.restoreSessions();
        QCOMPARE(again.count(), 1);
        AppServices *restored = again.current();
        QCOMPARE(restored->credentials()->account(), m_bob.userId);
        QCOMPARE(restored->roomModel()->inviteCount(), 1); // from Bob's store, before any answer
        QTRY_COMPARE_WITH_TIMEOUT(restored->session()->state(), Session::SignedIn, TimeoutMs);
        QCOMPARE(restored->session()->userId(), m_bob.userId);
    }

private:
    void twoAccountsThenRemoveOne()
    {
        const QString roomId = m_server.createRoom(
            m_owner, {{QStringLiteral("preset"), QStringLiteral("private_chat")},
                      {QStringLiteral("name"), QStringLiteral("Both invited")}});
        QVERIFY(!roomId.isEmpty());
        QVERIFY(m_server.invite(m_owner, roomId, m_alice.userId));
        QVERIFY(m_server.invite(m_owner, roomId, m_bob.userId));

        AccountManager accounts(options());
        AppServices *alice = accounts.openUnsignedSlot();
        QVERIFY(!accounts.adding()); // the only slot: nothing to go back to
        QVERIFY(signIn(alice, m_alice));

        QSignalSpy currentChanged(&accounts, &AccountManager::currentChanged);
        accounts.addAccount();
        QVERIFY(accounts.adding());
        QCOMPARE(accounts.count(), 2);
        AppServices *bob = accounts.current();
        QVERIFY(bob != alice);
        QVERIFY(!currentChanged.isEmpty());
        QCOMPARE(bob->session()->state(), Session::SignedOut); // its own sign-in page
        // Avatars meanwhile come through a session that can fetch them.
        QCOMPARE(accounts.mediaLoader(), alice->thumbnails());
        QVERIFY(signIn(bob, m_bob));
        QVERIFY(!accounts.adding());
        QCOMPARE(accounts.mediaLoader(), bob->thumbnails());
        for (int row = 0; row < accounts.count(); ++row)
            QVERIFY(accounts.data(accounts.index(row), AccountManager::HealthRole).toInt() !=
                    AccountManager::NotSignedIn);

        // Both remembered, each in its own entry; both sync in the background.
        QCOMPARE(savedUsers(), (QStringList{m_alice.userId, m_bob.userId}));
        QCOMPARE(CredentialStore::lastUsedAccount(), m_bob.userId);
        QCOMPARE(alice->session()->userId(), m_alice.userId);
        QCOMPARE(bob->session()->userId(), m_bob.userId);
        QTRY_COMPARE_WITH_TIMEOUT(
            role(accounts, m_alice.userId, AccountManager::InviteCountRole).toInt(), 1, TimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            role(accounts, m_bob.userId, AccountManager::InviteCountRole).toInt(), 1, TimeoutMs);
        QCOMPARE(role(accounts, m_alice.userId, AccountManager::HealthRole).toInt(),
                 int(AccountManager::Healthy));
        QCOMPARE(role(accounts, m_bob.userId, AccountManager::CurrentRole).toBool(), true);
        QCOMPARE(role(accounts, m_alice.userId, AccountManager::CurrentRole).toBool(), false);
        const QString aliceStore =
            alice->storePathFor(m_server.baseUrl().toString(), m_alice.userId);
        const QString bobStore = bob->storePathFor(m_server.baseUrl().toString(), m_bob.userId);
        QVERIFY(aliceStore != bobStore);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(aliceStore) && QFile::exists(bobStore), TimeoutMs);

        // Alice accepts (from her account, not the one shown): Bob's invite stays, on the server
        // and in his list.
        Operation *join = alice->membership()->join(roomId, {}, {});
        QVERIFY(join);
        QTRY_COMPARE_WITH_TIMEOUT(join->state(), Operation::Succeeded, TimeoutMs);
        QCOMPARE(m_server.membershipOf(m_owner, roomId, m_alice.userId), QStringLiteral("join"));
        QCOMPARE(m_server.membershipOf(m_owner, roomId, m_bob.userId), QStringLiteral("invite"));
        QTRY_COMPARE_WITH_TIMEOUT(
            role(accounts, m_alice.userId, AccountManager::JoinedCountRole).toInt(), 1, TimeoutMs);
        QCOMPARE(role(accounts, m_alice.userId, AccountManager::InviteCountRole).toInt(), 0);
        QSignalSpy bobSynced(bob->sync(), &SyncEngine::synced);
        bob->sync()->syncNow();
        QVERIFY(bobSynced.wait(TimeoutMs)); // Bob's own view after Alice's join
        QCOMPARE(role(accounts, m_bob.userId, AccountManager::InviteCountRole).toInt(), 1);
        QCOMPARE(role(accounts, m_bob.userId, AccountManager::JoinedCountRole).toInt(), 0);
        QVERIFY(bob->store()->find(roomId));
        QVERIFY(bob->store()->find(roomId)->membership == Membership::Invite);

        // Switching shows the other account; nothing else changes.
        accounts.switchTo(row(accounts, m_alice.userId));
        QCOMPARE(accounts.current(), alice);
        QCOMPARE(CredentialStore::lastUsedAccount(), m_alice.userId);
        QCOMPARE(bob->session()->state(), Session::SignedIn);

        // Removing Alice (a pasted token: forgotten here, left valid on the server) deletes her
        // remembered session and store only.
        accounts.removeAccount(row(accounts, m_alice.userId));
        QCOMPARE(accounts.count(), 1);
        QCOMPARE(accounts.current(), bob);
        QCOMPARE(savedUsers(), QStringList{m_bob.userId});
        QVERIFY(!QFile::exists(CredentialStore::tokenFilePath(QStringLiteral("access-token"))));
        QVERIFY(QFile::exists(CredentialStore::tokenFilePath(QStringLiteral("access-token-2"))));
        bob->flushStore();
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(aliceStore), TimeoutMs);
        QVERIFY(QFile::exists(bobStore));
        QCOMPARE(m_server.request("GET", "/_matrix/client/v3/account/whoami", m_alice.accessToken)
                     .status,
                 200);
        QCOMPARE(bob->session()->state(), Session::SignedIn);
        bob->flushStore();
    }

private slots:
    // Signing in again as an account that is already open does not make a second slot syncing
    // the same account: the open one is shown and says so; the remembered session is untouched.
    void signingInTwiceAsTheSameAccountIsRefused()
    {
        AccountManager accounts(options());
        AppServices *bob = accounts.openUnsignedSlot();
        QVERIFY(signIn(bob, m_bob));
        const QString before = QString::fromUtf8([] {
            QFile f(CredentialStore::tokenFilePath());
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }());
        QVERIFY(!before.isEmpty());

        accounts.addAccount();
        AppServices *second = accounts.current();
        QSignalSpy refused(second, &AppServices::accountOpenElsewhere);
        second->signIn(m_server.baseUrl().toString(), m_bob.accessToken);
        QVERIFY(refused.wait(TimeoutMs));
        QCOMPARE(accounts.count(), 1);
        QCOMPARE(accounts.current(), bob);
        QVERIFY2(accounts.notice().contains(m_bob.userId), qPrintable(accounts.notice()));
        QCOMPARE(savedUsers(), QStringList{m_bob.userId});
        QFile f(CredentialStore::tokenFilePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), before);
        QCOMPARE(bob->session()->state(), Session::SignedIn);
        // The pasted token was not invalidated by the refused sign-in.
        QCOMPARE(
            m_server.request("GET", "/_matrix/client/v3/account/whoami", m_bob.accessToken).status,
            200);
    }

    // Removing an account that is not the one shown, signed in by password (its device is logged
    // out on the server): the others stay, and its services are let go once that is done.
    void removingAnotherAccountLetsItGo()
    {
        AccountManager accounts(options());
        AppServices *alice = accounts.openUnsignedSlot();
        QVERIFY(signIn(alice, m_alice));
        accounts.addAccount();
        AppServices *bob = accounts.current();
        bob->sync()->setLongPollTimeout(2000);
        QSignalSpy signedIn(bob->session(), &Session::signedIn);
        bob->signInWithPassword(m_server.baseUrl().toString(), m_bob.userId,
                                m_bob.localpart + QStringLiteral("-pw"));
        QVERIFY(signedIn.wait(TimeoutMs));
        QVERIFY(bob->session()->createdDevice());
        const QString device = bob->session()->deviceId();
        QTRY_COMPARE_WITH_TIMEOUT(bob->sync()->state(), SyncEngine::Synced, TimeoutMs);
        accounts.switchTo(accounts.indexOf(m_alice.userId));

        QPointer<AppServices> removed = bob;
        accounts.removeAccount(accounts.indexOf(m_bob.userId));
        QCOMPARE(accounts.count(), 1);
        QCOMPARE(accounts.current(), alice);
        QTRY_VERIFY_WITH_TIMEOUT(removed.isNull(), TimeoutMs); // after its /logout
        const auto devices =
            m_server.request("GET", "/_matrix/client/v3/devices", m_bob.accessToken).body;
        QVERIFY2(!QJsonDocument(devices).toJson().contains(device.toUtf8()),
                 "the device is logged out on the server");
        QCOMPARE(alice->session()->state(), Session::SignedIn);
        QSignalSpy synced(alice->sync(), &SyncEngine::synced);
        alice->sync()->syncNow();
        QVERIFY(synced.wait(TimeoutMs));
    }

    // Adding an account can be cancelled: back to the one shown before, nothing remembered.
    void cancellingAnAddedAccount()
    {
        AccountManager accounts(options());
        AppServices *alice = accounts.openUnsignedSlot();
        QVERIFY(signIn(alice, m_alice));
        accounts.addAccount();
        QVERIFY(accounts.adding());
        // Left for the account before and added again: the same new slot, not a second one.
        AppServices *added = accounts.current();
        accounts.switchTo(accounts.indexOf(m_alice.userId));
        accounts.addAccount();
        QCOMPARE(accounts.count(), 2);
        QCOMPARE(accounts.current(), added);
        QSignalSpy currentChanged(&accounts, &AccountManager::currentChanged);
        accounts.cancelAdding();
        QCOMPARE(currentChanged.count(), 1); // straight back, not by way of another account
        QCOMPARE(accounts.count(), 1);
        QCOMPARE(accounts.current(), alice);
        QVERIFY(!accounts.adding());
        QCOMPARE(savedUsers(), QStringList{m_alice.userId});
    }
};

QTEST_MAIN(TestAccountsSynapse)
#include "tst_accounts_synapse.moc"
