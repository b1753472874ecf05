// TLS is never weakened: an untrusted or mismatched certificate is an error the user sees; a
// certificate from a CA the system trusts (here a private CA added the way an administrator
// would) works. Certificates are made fresh by openssl for each run.
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "session/session.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QtTest>

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
        config.setPeerVerifyMode(QSslSocket::VerifyNone); // the server does not ask for client certs
        return config;
    }

    // Signs in against `server`; returns the error kind (NoError on success).
    MatrixError signIn(FakeHomeserver &server, const QString &urlOverride = {})
    {
        server.script("/_matrix/client/versions", {{200, R"({"versions":["v1.11"]})"}});
        server.script("/_matrix/client/v3/account/whoami", {{200, R"({"user_id":"@me:localhost"})"}});
        ApiClient api(&m_nam);
        Session session(&api);
        QSignalSpy ok(&session, &Session::signedIn);
        QSignalSpy failed(&session, &Session::signInFailed);
        session.signIn(urlOverride.isEmpty() ? server.baseUrl().toString() : urlOverride,
                       QStringLiteral("syt_tls_token"));
        if (!QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 15000))
            return MatrixError::invalidInput(QStringLiteral("no outcome"));
        if (!failed.isEmpty()) {
            MatrixError e = failed.first().first().value<MatrixError>();
            e.message = session.errorText();
            return e;
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString san = QStringLiteral("subjectAltName=DNS:localhost");
        QVERIFY(openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                         "-subj", "/CN=Concierge Test CA", "-keyout", "ca.key", "-out", "ca.pem"}));
        QVERIFY(openssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                         "-keyout", "server.key", "-out", "server.csr"}));
        QFile ext(path("ext.cnf"));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write((san + QLatin1Char('\n')).toUtf8());
        ext.close();
        QVERIFY(openssl({"x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                         "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "server.pem"}));
        QVERIFY(openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                         "/CN=localhost", "-addext", san, "-keyout", "self.key", "-out", "self.pem"}));
    }

    void untrustedCertificateIsRefused()
    {
        FakeHomeserver server(serverConfig("self.pem", "self.key"));
        const MatrixError e = signIn(server);
        QCOMPARE(e.kind, MatrixError::Tls);
        QVERIFY2(e.message.contains(QLatin1String("secure connection")), qPrintable(e.message));
        QCOMPARE(server.requests().size(), 0); // not even /versions went through
    }

    void privateCaIsUntrustedUntilInstalled()
    {
        FakeHomeserver server(serverConfig("server.pem", "server.key"));
        QCOMPARE(signIn(server).kind, MatrixError::Tls);

        // An administrator installs the private CA: now the same server is accepted.
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        const auto previous = config;
        QVERIFY(config.addCaCertificates(path("ca.pem")));
        QSslConfiguration::setDefaultConfiguration(config);
        m_nam.clearConnectionCache();
        const MatrixError ok = signIn(server);
        QVERIFY2(!ok.isError(), qPrintable(ok.summary()));

        // The name must still match: the certificate is for "localhost", not 127.0.0.1.
        m_nam.clearConnectionCache();
        const MatrixError mismatch =
            signIn(server, QStringLiteral("https://127.0.0.1:%1").arg(server.port()));
        QCOMPARE(mismatch.kind, MatrixError::Tls);
        QSslConfiguration::setDefaultConfiguration(previous);
    }
};

QTEST_MAIN(TestTls)
#include "tst_tls.moc"
