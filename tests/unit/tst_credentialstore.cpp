// Remembering the session. Run twice by ctest: inside a private D-Bus session with an unlocked
// gnome-keyring (a real Secret Service), and with no keychain service at all.
#include "session/credentialstore.h"

#include <QElapsedTimer>
#include <QFile>
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
    static bool keychainEntry(QKeychain::Error *error, QString *text)
    {
        QKeychain::ReadPasswordJob job(QStringLiteral(CONCIERGE_APP_ID));
        job.setAutoDelete(false);
        job.setKey(QStringLiteral("access-token"));
        QSignalSpy done(&job, &QKeychain::Job::finished);
        job.start();
        if (!done.wait(20000))
            return false;
        *error = job.error();
        *text = job.textData();
        return true;
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
};

QTEST_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
