// TLS is never weakened: an untrusted or mismatched certificate is an error the user sees; a
// certificate from a CA the system trusts (here a private CA added the way an administrator
// would) works. Certificates are made fresh by openssl for each run.
#include "api/apiclient.h"
#include "api/endpoints.h"
#include "fakehomeserver.h"
#include "session/session.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QtTest>

// Runs a helper that verifies as it goes; stops the test where the helper failed.
#define CHECKED(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

class TestTls : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;

    bool openssl(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral("openssl"), args);
        return p.waitForFinished(30000) && p.exitCode() == 0;
    }
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    QSslConfiguration serverConfig(const char *cert, const char *key)
    {
        QFile c(path(cert)), k(path(key));
        if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly))
            return {};
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(c.readAll()));
        config.setPrivateKey(QSslKey(k.readAll(), QSsl::Rsa));
        config.setPeerVerifyMode(
            QSslSocket::VerifyNone); // the server does not ask for client certs
        return config;
    }

    // Signs in against `server`: *result is NoError on success, else the error with the text the
    // user sees as its message. The test fails if sign-in never ends.
    void signIn(FakeHomeserver &server, MatrixError *result, const QString &urlOverride = {})
    {
        server.script("/_matrix/client/versions", {{200, R"({"versions":["v1.11"]})"}});
        server.script("/_matrix/client/v3/account/whoami",
                      {{200, R"({"user_id":"@me:localhost"})"}});
        ApiClient api(&m_nam);
        Session session(&api);
        QSignalSpy ok(&session, &Session::signedIn);
        QSignalSpy failed(&session, &Session::signInFailed);
        session.signIn(urlOverride.isEmpty() ? server.baseUrl().toString() : urlOverride,
                       QStringLiteral("syt_tls_token"));
        QVERIFY(QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 15000));
        *result = {};
        if (!failed.isEmpty()) {
            *result = failed.first().first().value<MatrixError>();
            result->message = session.errorText();
        }
    }

    // The wire alone: /versions then whoami through the endpoint layer; *result as signIn().
    void callThrough(FakeHomeserver &server, MatrixError *result, const QString &urlOverride = {})
    {
        server.script("/_matrix/client/versions", {{200, R"({"versions":["v1.11"]})"}});
        server.script("/_matrix/client/v3/account/whoami",
                      {{200, R"({"user_id":"@me:localhost"})"}});
        ApiClient api(&m_nam);
        api.setHomeserver(urlOverride.isEmpty() ? server.baseUrl() : QUrl(urlOverride));
        api.setAccessToken(QStringLiteral("syt_tls_token"));
        CallRecorder versions(Endpoints::getVersions(&api));
        QVERIFY(versions.wait());
        *result = versions.error;
        if (result->isError())
            return;
        CallRecorder whoami(Endpoints::getTokenOwner(&api));
        QVERIFY(whoami.wait());
        *result = whoami.error;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString san = QStringLiteral("subjectAltName=DNS:localhost");
        QVERIFY(openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                         "/CN=Concierge Test CA", "-keyout", "ca.key", "-out", "ca.pem"}));
        QVERIFY(openssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                         "-keyout", "server.key", "-out", "server.csr"}));
        QFile ext(path("ext.cnf"));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write((san + QLatin1Char('\n')).toUtf8());
        ext.close();
        QVERIFY(openssl({"x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                         "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out",
                         "server.pem"}));
        QVERIFY(
            openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                     "/CN=localhost", "-addext", san, "-keyout", "self.key", "-out", "self.pem"}));
    }

    void untrustedCertificateIsRefused()
    {
        FakeHomeserver server(serverConfig("self.pem", "self.key"));
        MatrixError e;
        CHECKED(signIn(server, &e));
        QCOMPARE(e.kind, MatrixError::Tls);
        QVERIFY2(e.message.contains(QLatin1String("secure connection")), qPrintable(e.message));
        QCOMPARE(server.requests().size(), 0); // not even /versions went through
    }

    void untrustedCertificateFailsEveryCall()
    {
        // No exception for loopback, no retry that weakens anything: a TLS error, nothing sent.
        FakeHomeserver server(serverConfig("self.pem", "self.key"));
        MatrixError e;
        CHECKED(callThrough(server, &e));
        QCOMPARE(e.kind, MatrixError::Tls);
        QVERIFY(!e.isRetryable());
        QCOMPARE(server.requests().size(), 0);
    }

    void privateCaIsUntrustedUntilInstalled()
    {
        FakeHomeserver server(serverConfig("server.pem", "server.key"));
        MatrixError e;
        CHECKED(signIn(server, &e));
        QCOMPARE(e.kind, MatrixError::Tls);

        // An administrator installs the private CA: now the same server is accepted.
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        const auto previous = config;
        auto restore =
            qScopeGuard([previous] { QSslConfiguration::setDefaultConfiguration(previous); });
        QVERIFY(config.addCaCertificates(path("ca.pem")));
        QSslConfiguration::setDefaultConfiguration(config);
        m_nam.clearConnectionCache();
        CHECKED(signIn(server, &e));
        QVERIFY2(!e.isError(), qPrintable(e.summary()));
        server.clear();
        CHECKED(callThrough(server, &e));
        QVERIFY2(!e.isError(), qPrintable(e.summary()));
        const auto whoami = server.requestsTo("/_matrix/client/v3/account/whoami");
        QCOMPARE(whoami.size(), 1);
        QCOMPARE(whoami.first().authorization, QByteArray("Bearer syt_tls_token"));

        // The name must still match: the certificate is for "localhost", not 127.0.0.1.
        const QString byAddress = QStringLiteral("https://127.0.0.1:%1").arg(server.port());
        m_nam.clearConnectionCache();
        CHECKED(signIn(server, &e, byAddress));
        QCOMPARE(e.kind, MatrixError::Tls);
        m_nam.clearConnectionCache();
        CHECKED(callThrough(server, &e, byAddress));
        QCOMPARE(e.kind, MatrixError::Tls);
    }
};

QTEST_MAIN(TestTls)
#include "tst_tls.moc"
