// Single sign-on against a real Synapse configured for CAS (harness.py start --cas-url), with a
// small CAS server run by this test (a login page that hands out tickets at once, and ticket
// validation). The "browser" is the test's own: it follows every redirect from the address the
// session asks to open (Synapse → CAS → Synapse → Concierge's loopback address), as a browser
// would. Checked: the providers the server lists, the whole redirect and loginToken exchange,
// the session that results (on the server: a new device with Concierge's name), a loopback
// address that only answers its own path, a browser coming back without a token, a forged token,
// cancelling, and concierge-cli login --sso.
#include "appservices.h"
#include "clirun.h"
#include "synapsefixture.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

namespace {

// A CAS server (protocol 2.0/3.0, the part Synapse uses): /login sends the browser back to the
// service with a ticket for `user`; /proxyValidate accepts each ticket once, for its service.
class CasServer
{
public:
    QString user = QStringLiteral("casuser");
    // Tickets accepted: each once. (Requests to proxyValidate are not counted: a client may
    // repeat one whose answer it lost, and the repeat is refused since the ticket is used.)
    int accepted = 0;
    int validationRequests = 0; // for the failure message
    int issued() const { return m_issued; }

    bool start()
    {
        m_server.route(QStringLiteral("/cas/login"), [this](const QHttpServerRequest &request) {
            const QString service =
                request.query().queryItemValue(QStringLiteral("service"), QUrl::FullyDecoded);
            const QString ticket = QStringLiteral("ST-%1").arg(++m_issued);
            m_tickets.insert(ticket, {user, service});
            // Appended as text: the service URL is Synapse's own, to be given back as it was.
            const QString back =
                service +
                (service.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                QStringLiteral("ticket=") + ticket;
            QHttpServerResponse response(QHttpServerResponse::StatusCode::Found);
            response.setHeader("Location", back.toUtf8());
            return response;
        });
        m_server.route(
            QStringLiteral("/cas/proxyValidate"), [this](const QHttpServerRequest &request) {
                ++validationRequests;
                const QUrlQuery q = request.query();
                const QString ticket =
                    q.queryItemValue(QStringLiteral("ticket"), QUrl::FullyDecoded);
                const QString service =
                    q.queryItemValue(QStringLiteral("service"), QUrl::FullyDecoded);
                const auto issued = m_tickets.take(ticket); // single use
                const bool valid = !issued.first.isEmpty() && issued.second == service;
                accepted += valid ? 1 : 0;
                const QByteArray xml =
                    valid ? "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\">"
                            "<cas:authenticationSuccess><cas:user>" +
                                issued.first.toUtf8() +
                                "</cas:user><cas:attributes/></cas:authenticationSuccess>"
                                "</cas:serviceResponse>"
                          : QByteArray(
                                "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\">"
                                "<cas:authenticationFailure code=\"INVALID_TICKET\">unknown "
                                "ticket</cas:authenticationFailure></cas:serviceResponse>");
                return QHttpServerResponse(QByteArrayLiteral("text/xml"), xml);
            });
        m_port = m_server.listen(QHostAddress::LocalHost, 0);
        return m_port != 0;
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/cas").arg(m_port); }

private:
    QHttpServer m_server;
    quint16 m_port = 0;
    int m_issued = 0;
    QHash<QString, std::pair<QString, QString>> m_tickets; // ticket → (user, service)
};

// What the test's browser saw at the end of the redirects.
struct Visit
{
    int status = 0;
    QByteArray body;
    QList<QUrl> hops; // every address it was sent to, in order
};

Visit browse(const QUrl &start)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(start);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(10);
    request.setTransferTimeout(30000);
    Visit visit;
    visit.hops << start;
    QNetworkReply *reply = nam.get(request);
    QObject::connect(reply, &QNetworkReply::redirected, reply,
                     [&visit](const QUrl &to) { visit.hops << to; });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(30000)) {
        QTest::qFail("the browser's page did not load in time", __FILE__, __LINE__);
        return visit;
    }
    visit.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    visit.body = reply->readAll();
    reply->deleteLater();
    return visit;
}

} // namespace

class TestSsoSynapse : public QObject
{
    Q_OBJECT

    CasServer m_cas;
    SynapseFixture m_server;
    const QString m_instance = QStringLiteral("sso");

    std::unique_ptr<AppServices> newApp()
    {
        return std::make_unique<AppServices>(AppServices::Options{
            .useKeychain = false, .interactive = false, .syncAfterSignIn = false});
    }
    // Starts a single sign-on on app and returns the address the session asked to open.
    QUrl startSso(AppServices *app, const QString &idp)
    {
        QSignalSpy browser(app->session(), &Session::browserRequested);
        app->signInWithSso(m_server.baseUrl().toString(), idp);
        if (!browser.wait(30000)) {
            QTest::qFail("the session never asked for the browser", __FILE__, __LINE__);
            return {};
        }
        return browser.first().first().toUrl();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_cas.start());
        QString error;
        QVERIFY2(m_server.startDedicated(m_instance, false, &error,
                                         {QStringLiteral("--cas-url"), m_cas.url()}),
                 qPrintable(error));
    }
    void cleanupTestCase() { SynapseFixture::stopDedicated(m_instance); }

    // GET /login lists m.login.sso with the CAS identity provider; the sign-in page offers it.
    void discoveryListsTheIdentityProviders()
    {
        auto app = newApp();
        Session *session = app->session();
        QSignalSpy changed(session, &Session::loginMethodsChanged);
        session->discoverLoginMethods(m_server.baseUrl().toString());
        QVERIFY(QTest::qWaitFor([&] { return session->discoveryState() == Session::Discovered; },
                                30000));
        QVERIFY(session->ssoLogin());
        const QVariantList providers = session->ssoProviders();
        QCOMPARE(providers.size(), 1);
        QCOMPARE(providers.first().toMap().value(QStringLiteral("id")).toString(),
                 QStringLiteral("cas"));
        QCOMPARE(providers.first().toMap().value(QStringLiteral("name")).toString(),
                 QStringLiteral("CAS"));
    }

    // The whole flow, with the provider named and with the server's choice: the browser goes
    // through Synapse and CAS back to the loopback address, which tells it to close the tab; the
    // login token becomes a session for the CAS user, on a new device named like a password
    // login's.
    void signInThroughTheBrowser_data()
    {
        QTest::addColumn<QString>("idp");
        QTest::addColumn<QString>("casUser");
        QTest::newRow("provider cas") << QStringLiteral("cas") << QStringLiteral("ssoalice");
        QTest::newRow("server's choice") << QString() << QStringLiteral("ssobob");
    }
    void signInThroughTheBrowser()
    {
        QFETCH(QString, idp);
        QFETCH(QString, casUser);
        m_cas.user = casUser;
        const int acceptedBefore = m_cas.accepted;
        auto app = newApp();
        Session *session = app->session();
        QSignalSpy signedIn(session, &Session::signedIn);
        const QUrl url = startSso(app.get(), idp);
        QVERIFY(session->waitingForBrowser());
        QCOMPARE(session->state(), Session::Verifying);
        QVERIFY2(url.toString().startsWith(m_server.baseUrl().toString() +
                                           QStringLiteral("/_matrix/client/v3/login/sso/redirect")),
                 qPrintable(url.toString()));
        const QUrl redirect(
            QUrlQuery(url).queryItemValue(QStringLiteral("redirectUrl"), QUrl::FullyDecoded));
        QCOMPARE(redirect.scheme(), QStringLiteral("http"));
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(redirect.path().size(), 33); // "/" + 128 random bits in hex

        const Visit visit = browse(url);
        QCOMPARE(visit.status, 200);
        QVERIFY2(visit.body.contains("You can close this tab"), visit.body.constData());
        QVERIFY(visit.hops.size() >= 4); // Synapse, CAS, Synapse's ticket page, Concierge
        QCOMPARE(visit.hops.last().port(), redirect.port());
        QVERIFY(visit.hops.last().query().startsWith(QStringLiteral("loginToken=")));
        QVERIFY2(m_cas.accepted == acceptedBefore + 1,
                 qPrintable(QStringLiteral("tickets accepted %1 (before %2), issued %3, "
                                           "validation requests %4")
                                .arg(m_cas.accepted)
                                .arg(acceptedBefore)
                                .arg(m_cas.issued())
                                .arg(m_cas.validationRequests)));

        QVERIFY(QTest::qWaitFor([&] { return !signedIn.isEmpty(); }, 30000));
        QCOMPARE(session->userId(), QStringLiteral("@%1:localhost").arg(casUser));
        QVERIFY(session->createdDevice());
        QVERIFY(!session->waitingForBrowser());
        const QString token = session->tokens().accessToken;
        const auto whoami = m_server.request("GET", "/_matrix/client/v3/account/whoami", token);
        QCOMPARE(whoami.status, 200);
        QCOMPARE(whoami.body.value(QStringLiteral("user_id")).toString(), session->userId());
        const auto device = m_server.request(
            "GET", "/_matrix/client/v3/devices/" + SynapseFixture::seg(session->deviceId()), token);
        QCOMPARE(device.body.value(QStringLiteral("display_name")).toString(),
                 Session::deviceDisplayName());
        // Refresh tokens were asked for, as with a password.
        QVERIFY(!session->tokens().refreshToken.isEmpty());
    }

    // The loopback address answers only its random path: another page on this machine cannot
    // finish (or disturb) the sign-in by guessing the port.
    void theLoopbackAddressOnlyAnswersItsOwnPath()
    {
        m_cas.user = QStringLiteral("ssocarol");
        auto app = newApp();
        Session *session = app->session();
        const QUrl url = startSso(app.get(), QStringLiteral("cas"));
        QUrl redirect(
            QUrlQuery(url).queryItemValue(QStringLiteral("redirectUrl"), QUrl::FullyDecoded));
        QUrl guessed = redirect;
        guessed.setPath(QStringLiteral("/"));
        guessed.setQuery(QStringLiteral("loginToken=forged"));
        QCOMPARE(browse(guessed).status, 404);
        QVERIFY(session->waitingForBrowser());
        QCOMPARE(session->state(), Session::Verifying);
        // The real one still works afterwards.
        QSignalSpy signedIn(session, &Session::signedIn);
        QCOMPARE(browse(url).status, 200);
        QVERIFY(QTest::qWaitFor([&] { return !signedIn.isEmpty(); }, 30000));
        QCOMPARE(session->userId(), QStringLiteral("@ssocarol:localhost"));
    }

    // The browser coming back without a login token (the provider refused): a clear failure, and
    // the browser is told to go back to Concierge. With a token the server never issued: Synapse's
    // own refusal is what the user sees.
    void aBrowserComingBackWithoutAValidTokenFails_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("page");
        QTest::addColumn<QString>("errcode");
        QTest::addColumn<QString>("text");
        QTest::newRow("no token") << QStringLiteral("error=access_denied")
                                  << QByteArray("Sign-in did not finish") << QString()
                                  << QStringLiteral("without a login token");
        QTest::newRow("forged token")
            << QStringLiteral("loginToken=syl_forged_0000") << QByteArray("You can close this tab")
            << QStringLiteral("M_FORBIDDEN") << QStringLiteral("403");
    }
    void aBrowserComingBackWithoutAValidTokenFails()
    {
        QFETCH(QString, query);
        QFETCH(QByteArray, page);
        QFETCH(QString, errcode);
        QFETCH(QString, text);
        auto app = newApp();
        Session *session = app->session();
        QSignalSpy failed(session, &Session::signInFailed);
        const QUrl url = startSso(app.get(), QStringLiteral("cas"));
        QUrl redirect(
            QUrlQuery(url).queryItemValue(QStringLiteral("redirectUrl"), QUrl::FullyDecoded));
        redirect.setQuery(query);
        const Visit visit = browse(redirect);
        QCOMPARE(visit.status, 200);
        QVERIFY2(visit.body.contains(page), visit.body.constData());
        QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 30000));
        QCOMPARE(session->state(), Session::SignedOut);
        QVERIFY(!session->waitingForBrowser());
        QCOMPARE(failed.first().first().value<MatrixError>().errcode, errcode);
        QVERIFY2(session->errorText().contains(text), qPrintable(session->errorText()));
    }

    // Cancelling while the browser is open: signed out, and the browser coming back later
    // changes nothing.
    void cancellingStopsWaitingForTheBrowser()
    {
        m_cas.user = QStringLiteral("ssodave");
        auto app = newApp();
        Session *session = app->session();
        QSignalSpy signedIn(session, &Session::signedIn);
        const QUrl url = startSso(app.get(), QStringLiteral("cas"));
        session->cancelSignIn();
        QCOMPARE(session->state(), Session::SignedOut);
        QVERIFY(!session->waitingForBrowser());
        QCOMPARE(session->error().kind, MatrixError::Cancelled);
        browse(url); // the loopback server may still answer its page for a moment, or be gone
        QTest::qWait(300);
        QVERIFY(signedIn.isEmpty());
        QCOMPARE(session->state(), Session::SignedOut);
    }

    // concierge-cli login --sso --no-browser: prints the address (and never a token), waits for
    // the browser, then saves the session for later commands.
    void cliLoginWithSso()
    {
        m_cas.user = QStringLiteral("ssoerin");
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QDir().mkpath(home.path() + QStringLiteral("/config/Concierge"));
        {
            QFile conf(home.path() + QStringLiteral("/config/Concierge/concierge.conf"));
            QVERIFY(conf.open(QIODevice::WriteOnly));
            conf.write("[session]\nuseFileStore=true\n");
        }
        QProcessEnvironment env = cliEnvironment(QUrl(), QString(), QString());
        env.remove(QStringLiteral("CONCIERGE_HOMESERVER"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + home.path() + QStringLiteral("/no-bus"));

        QProcess cli;
        cli.setProcessEnvironment(env);
        QSignalSpy finished(&cli, &QProcess::finished);
        cli.start(QStringLiteral(CONCIERGE_CLI_PATH),
                  {QStringLiteral("--homeserver"), m_server.baseUrl().toString(),
                   QStringLiteral("login"), QStringLiteral("--sso"), QStringLiteral("--idp"),
                   QStringLiteral("cas"), QStringLiteral("--no-browser"),
                   QStringLiteral("--json")});
        QByteArray err;
        const QRegularExpression address(
            QStringLiteral("(http://\\S+/login/sso/redirect/cas\\S*)"));
        QRegularExpressionMatch match;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         err += cli.readAllStandardError();
                         match = address.match(QString::fromUtf8(err));
                         return match.hasMatch() || cli.state() == QProcess::NotRunning;
                     },
                     30000),
                 err.constData());
        QVERIFY2(match.hasMatch(), err.constData());
        const Visit visit = browse(QUrl(match.captured(1)));
        QCOMPARE(visit.status, 200);
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000));
        err += cli.readAllStandardError();
        const QByteArray out = cli.readAllStandardOutput();
        QVERIFY2(cli.exitCode() == 0, err.constData());
        const QJsonObject answer = QJsonDocument::fromJson(out).object();
        QCOMPARE(answer.value(QStringLiteral("user_id")).toString(),
                 QStringLiteral("@ssoerin:localhost"));
        QCOMPARE(answer.value(QStringLiteral("saved")).toBool(), true);

        // The saved session is used by the next command, without any token.
        const CliRun again = runCli(env, {QStringLiteral("login")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(again.out.contains("@ssoerin:localhost"));
        // No token was ever printed.
        QFile file(home.path() + QStringLiteral("/config/Concierge/concierge/access-token"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject secret = QJsonDocument::fromJson(file.readAll()).object();
        const QString token = secret.value(QStringLiteral("access_token")).toString();
        QVERIFY(!token.isEmpty());
        QVERIFY(!out.contains(token.toUtf8()) && !err.contains(token.toUtf8()));
        QVERIFY(!again.out.contains(token.toUtf8()) && !again.err.contains(token.toUtf8()));
    }

    // Options are checked before anything is sent.
    void cliSsoOptionsAreCheckedFirst()
    {
        const QProcessEnvironment env = cliEnvironment(m_server.baseUrl(), QString(), QString());
        const QList<QStringList> bad{
            {QStringLiteral("rooms"), QStringLiteral("--sso")},
            {QStringLiteral("login"), QStringLiteral("--idp"), QStringLiteral("cas")},
            {QStringLiteral("login"), QStringLiteral("--sso"), QStringLiteral("--password"),
             QStringLiteral("--user"), QStringLiteral("a")},
            {QStringLiteral("login"), QStringLiteral("--sso"), QStringLiteral("--idp"),
             QStringLiteral(" ")},
        };
        for (const QStringList &args : bad) {
            const CliRun run = runCli(env, args);
            QVERIFY2(run.exitCode == 2, qPrintable(args.join(QLatin1Char(' '))));
        }
    }
};

QTEST_GUILESS_MAIN(TestSsoSynapse)
#include "tst_sso_synapse.moc"
