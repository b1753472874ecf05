// Remembering the session. Run twice by ctest: inside a private D-Bus session with an unlocked
// gnome-keyring (a real Secret Service), and with no keychain service at all.
#include "session/credentialstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

class TestCredentialStore : public QObject
{
    Q_OBJECT
    const bool m_expectKeychain = qEnvironmentVariableIntValue("CONCIERGE_EXPECT_KEYCHAIN") == 1;
    const QString m_token = QStringLiteral("syt_credential_store_test_token");

    QString load(CredentialStore &store)
    {
        QSignalSpy loaded(&store, &CredentialStore::loaded);
        store.load();
        if (loaded.isEmpty() && !loaded.wait(20000))
            return QStringLiteral("<no answer>");
        return loaded.first().at(1).toString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ConciergeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_credentialstore"));
        CredentialStore().forget();
        CredentialStore().setUseFileStore(false);
    }

    void keychainRoundTrip()
    {
        CredentialStore store;
        QSignalSpy saved(&store, &CredentialStore::saved);
        QElapsedTimer timer;
        timer.start();
        store.save(QStringLiteral("https://matrix.example.org"), QStringLiteral("@me:example.org"), m_token);
        QVERIFY(saved.wait(20000));
        if (m_expectKeychain) {
            QVERIFY2(saved.first().first().toBool(), qPrintable(store.lastError()));
            QVERIFY(store.keychainAvailable());
            CredentialStore again; // a new run of the app
            QCOMPARE(again.savedHomeserver(), QStringLiteral("https://matrix.example.org"));
            QCOMPARE(again.savedUserId(), QStringLiteral("@me:example.org"));
            QCOMPARE(load(again), m_token);
            again.forget();
            QTest::qWait(500);
            QCOMPARE(load(again), QString());
        } else {
            // No Secret Service: the user is told, nothing is written anywhere, and it fails
            // quickly rather than hanging the sign-in.
            QCOMPARE(saved.first().first().toBool(), false);
            QVERIFY(!store.keychainAvailable());
            QVERIFY2(store.lastError().contains(QLatin1String("keychain")), qPrintable(store.lastError()));
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
        store.save(QStringLiteral("https://matrix.example.org"), QStringLiteral("@me:example.org"), m_token);
        QCOMPARE(saved.count(), 1);
        QVERIFY(saved.first().first().toBool());
        QFile file(CredentialStore::tokenFilePath());
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        CredentialStore again;
        QVERIFY(again.useFileStore());
        QCOMPARE(load(again), m_token);
        again.forget();
        QVERIFY(!QFile::exists(CredentialStore::tokenFilePath()));
        again.setUseFileStore(false);
    }
};

QTEST_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
