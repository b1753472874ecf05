// Remembering the session. Run twice by ctest: inside a private D-Bus session with an unlocked
// gnome-keyring (a real Secret Service), and with no keychain service at all.
#include "session/credentialstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>
#include <qt6keychain/keychain.h>

class TestCredentialStore : public QObject
{
    Q_OBJECT
    const bool m_expectKeychain = qEnvironmentVariableIntValue("CONCIERGE_EXPECT_KEYCHAIN") == 1;
    const QString m_token = QStringLiteral("syt_credential_store_test_token");

    // Loads the remembered token into *token; false when the store never answers.
    static bool load(CredentialStore &store, QString *token)
    {
        QSignalSpy loaded(&store, &CredentialStore::loaded);
        store.load();
        if (loaded.isEmpty() && !loaded.wait(20000))
            return false;
        *token = loaded.first().at(1).toString();
        return true;
    }

    // Asks the keychain itself (not through the store) for the entry; false when it never
    // answers.
    static bool keychainEntry(QKeychain::Error *error, QString *text,
                              const QString &key = QStringLiteral("access-token"))
    {
        QKeychain::ReadPasswordJob job(QStringLiteral(CONCIERGE_APP_ID));
        job.setAutoDelete(false);
        job.setKey(key);
        QSignalSpy done(&job, &QKeychain::Job::finished);
        job.start();
        if (!done.wait(20000))
            return false;
        *error = job.error();
        *text = job.textData();
        return true;
    }

    // Saves a new account's session as the app's "Add account" does; false when no answer came,
    // the session was not saved, or the store is not that account's now (*error: why).
    static bool saveNewAccount(const QString &server, const QString &user, const QString &token,
                               QString *error = nullptr)
    {
        CredentialStore store;
        store.setAccount({});
        QSignalSpy saved(&store, &CredentialStore::saved);
        store.save(server, user, token);
        if (saved.isEmpty() && !saved.wait(20000))
            return false;
        if (error)
            *error = store.lastError();
        return saved.first().first().toBool() && store.account() == user;
    }
    // Forgets user's remembered session; false when that never finishes.
    static bool forgetAccount(const QString &user)
    {
        CredentialStore store;
        store.setAccount(user);
        QSignalSpy gone(&store, &CredentialStore::forgotten);
        store.forget();
        return gone.count() == 1 || gone.wait(20000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ConciergeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_credentialstore"));
        CredentialStore clean;
        QSignalSpy forgotten(&clean, &CredentialStore::forgotten);
        clean.forget();
        QVERIFY(forgotten.count() == 1 || forgotten.wait(20000));
        clean.setUseFileStore(false);
    }

    void keychainRoundTrip()
    {
        CredentialStore store;
        QSignalSpy saved(&store, &CredentialStore::saved);
        QElapsedTimer timer;
        timer.start();
        store.save(QStringLiteral("https://matrix.example.org"), QStringLiteral("@me:example.org"),
                   m_token);
        QVERIFY(saved.wait(20000));
        if (m_expectKeychain) {
            QVERIFY2(saved.first().first().toBool(), qPrintable(store.lastError()));
            QVERIFY(store.keychainAvailable());
            CredentialStore again; // a new run of the app
            QCOMPARE(again.savedHomeserver(), QStringLiteral("https://matrix.example.org"));
            QCOMPARE(again.savedUserId(), QStringLiteral("@me:example.org"));
            QString token;
            QVERIFY(load(again, &token));
            QCOMPARE(token, m_token);
            QVERIFY(!QFile::exists(CredentialStore::tokenFilePath())); // only in the keychain

            QSignalSpy forgotten(&again, &CredentialStore::forgotten);
            again.forget();
            QVERIFY(forgotten.wait(20000));
            QCOMPARE(again.savedHomeserver(), QString());
            QVERIFY(load(again, &token));
            QCOMPARE(token, QString());
            // Gone from the keychain itself, not only from the settings that point to it.
            QKeychain::Error error = QKeychain::NoError;
            QString left;
            QVERIFY(keychainEntry(&error, &left));
            QCOMPARE(error, QKeychain::EntryNotFound);
            QCOMPARE(left, QString());
        } else {
            // No Secret Service: the user is told, nothing is written anywhere, and it fails
            // quickly rather than hanging the sign-in.
            QCOMPARE(saved.first().first().toBool(), false);
            QVERIFY(!store.keychainAvailable());
            QVERIFY2(store.lastError().contains(QLatin1String("keychain")),
                     qPrintable(store.lastError()));
            QVERIFY(!store.lastError().contains(m_token));
            QVERIFY(timer.elapsed() < 15000);
            QCOMPARE(CredentialStore().savedHomeserver(), QString());
            QVERIFY(!QFile::exists(CredentialStore::tokenFilePath()));
        }
    }

    void explicitFileStore()
    {
        CredentialStore store;
        store.setUseFileStore(true);
        QSignalSpy saved(&store, &CredentialStore::saved);
        store.save(QStringLiteral("https://matrix.example.org"), QStringLiteral("@me:example.org"),
                   m_token);
        QCOMPARE(saved.count(), 1);
        QVERIFY(saved.first().first().toBool());
        QFile file(CredentialStore::tokenFilePath());
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        CredentialStore again;
        QVERIFY(again.useFileStore());
        QString token;
        QVERIFY(load(again, &token));
        QCOMPARE(token, m_token);
        again.forget();
        QVERIFY(!QFile::exists(CredentialStore::tokenFilePath()));
        QVERIFY(load(again, &token));
        QCOMPARE(token, QString());
        again.setUseFileStore(false);
    }

    void disabledKeychainIsNeverAsked()
    {
        // --no-keychain: said so, and saving without the file store remembers nothing.
        CredentialStore store;
        store.disableKeychain();
        QVERIFY(!store.keychainAvailable());
        QVERIFY(store.lastError().contains(QLatin1String("--no-keychain")));
        QSignalSpy saved(&store, &CredentialStore::saved);
        QSignalSpy busy(&store, &CredentialStore::busyChanged);
        store.save(QStringLiteral("https://matrix.example.org"), QStringLiteral("@me:example.org"),
                   m_token);
        QCOMPARE(saved.count(), 1); // at once: no keychain job was started
        QCOMPARE(saved.first().first().toBool(), false);
        QCOMPARE(busy.count(), 0);
        QCOMPARE(store.savedHomeserver(), QString());
        QSignalSpy forgotten(&store, &CredentialStore::forgotten);
        store.forget();
        QCOMPARE(forgotten.count(), 1);
    }
    // A password session is remembered whole (refresh token, expiry, created device) as one
    // secret, and read back the same; the pasted-token form above stays a plain token.
    void wholeSessionRoundTrip()
    {
        CredentialStore store;
        store.setUseFileStore(true); // the same secret as in the keychain, readable by the test
        SessionTokens tokens = SessionTokens::pasted(m_token);
        tokens.refreshToken = QStringLiteral("syr_refresh");
        tokens.expiresAtMs = 1893456000000;
        tokens.createdDevice = true;
        QSignalSpy saved(&store, &CredentialStore::saved);
        store.saveSession(QStringLiteral("https://matrix.example.org"),
                          QStringLiteral("@me:example.org"), tokens);
        QCOMPARE(saved.count(), 1);
        QVERIFY(saved.first().first().toBool());
        CredentialStore again;
        QSignalSpy loaded(&again, &CredentialStore::sessionLoaded);
        QString token;
        QVERIFY(load(again, &token));
        QCOMPARE(token, m_token); // loaded() still carries the access token alone
        QCOMPARE(loaded.count(), 1);
        const SessionTokens back = again.loadedTokens();
        QCOMPARE(back.accessToken, m_token);
        QCOMPARE(back.refreshToken, QStringLiteral("syr_refresh"));
        QCOMPARE(back.expiresAtMs, qint64(1893456000000));
        QVERIFY(back.createdDevice);
        again.forget();
        QVERIFY(again.loadedTokens().isEmpty());
        again.setUseFileStore(false);
    }

    // Several accounts: each has its own keychain entry (or token file), the last saved is the
    // default, and forgetting one leaves the other whole.
    void severalAccountsEachTheirOwnEntry_data()
    {
        QTest::addColumn<bool>("fileStore");
        QTest::newRow("file store") << true;
        if (m_expectKeychain)
            QTest::newRow("keychain") << false;
    }
    void severalAccountsEachTheirOwnEntry()
    {
        QFETCH(bool, fileStore);
        const QString alice = QStringLiteral("@alice:one.example"),
                      bob = QStringLiteral("@bob:two.example");
        const QString aliceToken = QStringLiteral("syt_alice_token"),
                      bobToken = QStringLiteral("syt_bob_token");
        {
            CredentialStore store;
            store.setUseFileStore(fileStore);
        }
        for (const auto &[user, server, token] :
             {std::tuple{alice, QStringLiteral("https://one.example"), aliceToken},
              std::tuple{bob, QStringLiteral("https://two.example"), bobToken}}) {
            QString error;
            QVERIFY2(saveNewAccount(server, user, token, &error), qPrintable(error));
        }
        const auto accounts = CredentialStore::savedAccounts();
        QCOMPARE(accounts.size(), 2);
        QCOMPARE(accounts.at(0).userId, alice);
        QCOMPARE(accounts.at(0).homeserver, QStringLiteral("https://one.example"));
        QCOMPARE(accounts.at(0).key, QStringLiteral("access-token"));
        QCOMPARE(accounts.at(1).userId, bob);
        QCOMPARE(accounts.at(1).key, QStringLiteral("access-token-2"));
        QCOMPARE(CredentialStore::lastUsedAccount(), bob);
        QCOMPARE(QFile::exists(CredentialStore::tokenFilePath(QStringLiteral("access-token-2"))),
                 fileStore);

        QString token;
        CredentialStore byDefault; // the CLI without --account: the last used
        QCOMPARE(byDefault.savedUserId(), bob);
        QVERIFY(load(byDefault, &token));
        QCOMPARE(token, bobToken);
        CredentialStore aliceStore;
        aliceStore.setAccount(alice);
        QCOMPARE(aliceStore.savedHomeserver(), QStringLiteral("https://one.example"));
        QVERIFY(load(aliceStore, &token));
        QCOMPARE(token, aliceToken);

        // Forgetting Alice deletes her entry only.
        QSignalSpy forgotten(&aliceStore, &CredentialStore::forgotten);
        aliceStore.forget();
        QVERIFY(forgotten.count() == 1 || forgotten.wait(20000));
        QCOMPARE(aliceStore.savedUserId(), QString());
        QCOMPARE(CredentialStore::savedAccounts().size(), 1);
        QCOMPARE(CredentialStore::savedAccounts().first().userId, bob);
        QVERIFY(!QFile::exists(CredentialStore::tokenFilePath()));
        if (!fileStore) {
            QKeychain::Error error = QKeychain::NoError;
            QString left;
            QVERIFY(keychainEntry(&error, &left));
            QCOMPARE(error, QKeychain::EntryNotFound);
            QVERIFY(keychainEntry(&error, &left, QStringLiteral("access-token-2")));
            QCOMPARE(error, QKeychain::NoError);
            QCOMPARE(left, bobToken);
        }
        CredentialStore bobStore;
        bobStore.setAccount(bob);
        QVERIFY(load(bobStore, &token));
        QCOMPARE(token, bobToken);

        // A third account takes the free key again.
        QVERIFY(saveNewAccount(QStringLiteral("https://three.example"),
                               QStringLiteral("@carol:three.example"), m_token));
        QCOMPARE(CredentialStore::savedAccounts().last().key, QStringLiteral("access-token"));
        for (const QString &user : {bob, QStringLiteral("@carol:three.example")})
            QVERIFY(forgetAccount(user));
        QVERIFY(CredentialStore::savedAccounts().isEmpty());
        QCOMPARE(CredentialStore::lastUsedAccount(), QString());
        CredentialStore().setUseFileStore(false);
    }

    // A background account's refreshed tokens are saved without making it the default (the CLI
    // without --account, the next launch's shown account).
    void aRefreshKeepsTheDefault()
    {
        const QString a = QStringLiteral("@a:example.org"), b = QStringLiteral("@b:example.org");
        CredentialStore().setUseFileStore(true); // saved the same way with or without a keychain
        for (const QString &user : {a, b})
            QVERIFY(saveNewAccount(QStringLiteral("https://example.org"), user, m_token));
        {
            QCOMPARE(CredentialStore::lastUsedAccount(), b);
            CredentialStore store;
            store.setAccount(a);
            QSignalSpy saved(&store, &CredentialStore::saved);
            store.saveSession(QStringLiteral("https://example.org"), a,
                              SessionTokens::pasted(QStringLiteral("syt_refreshed")), false);
            QVERIFY(saved.count() == 1 || saved.wait(20000));
            QVERIFY(saved.first().first().toBool());
            QCOMPARE(CredentialStore::lastUsedAccount(), b);
            QString token;
            QVERIFY(load(store, &token));
            QCOMPARE(token, QStringLiteral("syt_refreshed"));
        }
        for (const QString &user : {a, b})
            QVERIFY(forgetAccount(user));
        QVERIFY(CredentialStore::savedAccounts().isEmpty());
        CredentialStore().setUseFileStore(false);
    }

    // Signed out while the keychain was still writing the session: the account does not come
    // back when the write completes, and no secret is left under a key no account names.
    void forgottenWhileSavingStaysForgotten()
    {
        const QString user = QStringLiteral("@late:example.org");
        CredentialStore store;
        store.setAccount({});
        QSignalSpy saved(&store, &CredentialStore::saved);
        store.save(QStringLiteral("https://example.org"), user, m_token);
        store.forget(); // before the keychain answered
        QVERIFY(saved.count() == 1 || saved.wait(20000));
        QCOMPARE(saved.first().first().toBool(), false);
        QVERIFY(CredentialStore::savedAccounts().isEmpty());
        QCOMPARE(store.savedUserId(), QString());
        if (m_expectKeychain) {
            QKeychain::Error error = QKeychain::NoError;
            QString left;
            QTRY_VERIFY_WITH_TIMEOUT(
                keychainEntry(&error, &left) && error == QKeychain::EntryNotFound, 20000);
        }
    }

    // An account removed while its keychain entry is being deleted: the store goes away at once
    // (the app lets go of the account's services), the deletion still completes, nothing crashes
    // (the Secret Service backend answers into the job after the store is gone).
    void storeDeletedWhileTheKeychainWorks()
    {
        const QString user = QStringLiteral("@gone:example.org");
        {
            CredentialStore store;
            store.setAccount({});
            QSignalSpy saved(&store, &CredentialStore::saved);
            store.save(QStringLiteral("https://example.org"), user, m_token);
            QVERIFY(saved.count() == 1 || saved.wait(20000));
            if (m_expectKeychain)
                QVERIFY(saved.first().first().toBool());
        }
        auto *store = new CredentialStore;
        store->setAccount(user);
        store->forget();   // the keychain's delete is on its way…
        delete store;      // …when the account's services are deleted
        QTest::qWait(500); // the backend's answer arrives meanwhile
        QVERIFY(CredentialStore::savedAccounts().isEmpty());
        if (m_expectKeychain) {
            QKeychain::Error error = QKeychain::NoError;
            QString left;
            QVERIFY(keychainEntry(&error, &left));
            QCOMPARE(error, QKeychain::EntryNotFound);
        }
    }

    // The one account an earlier version remembered ("session/…" settings, the token under
    // "access-token") is the first of the list, and still signs in.
    void earlierVersionsAccountIsKept()
    {
        CredentialStore store;
        store.setUseFileStore(true);
        {
            QSettings settings;
            settings.setValue(QStringLiteral("session/homeserver"),
                              QStringLiteral("https://old.example"));
            settings.setValue(QStringLiteral("session/userId"), QStringLiteral("@old:old.example"));
        }
        QFile file(CredentialStore::tokenFilePath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(m_token.toUtf8());
        file.close();

        CredentialStore again;
        QCOMPARE(again.savedUserId(), QStringLiteral("@old:old.example"));
        QCOMPARE(again.savedHomeserver(), QStringLiteral("https://old.example"));
        QString token;
        QVERIFY(load(again, &token));
        QCOMPARE(token, m_token);
        const auto accounts = CredentialStore::savedAccounts();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.first().key, QStringLiteral("access-token"));
        QVERIFY(!QSettings().contains(QStringLiteral("session/userId"))); // moved, not copied
        again.forget();
        QVERIFY(!QFile::exists(CredentialStore::tokenFilePath()));
        QVERIFY(CredentialStore::savedAccounts().isEmpty());
        again.setUseFileStore(false);
    }
};

QTEST_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
