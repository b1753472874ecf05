// OAuth 2.0 sign-in (spec v1.15) against an in-process fake homeserver whose authorization server
// follows the spec: metadata discovery, dynamic client registration (RFC 7591), the authorization
// code grant with PKCE S256 (RFC 7636) through a browser and a loopback redirect, expiring access
// tokens, refresh with rotating refresh tokens, and revocation (RFC 7009). No real server offers
// OAuth 2.0 here (Synapse delegates it to MAS), hence the fake. The test's "browser" follows the
// redirects from the authorization page back to Concierge's loopback address.
#include "api/apiclient.h"
#include "api/endpoints.h"
#include "session/session.h"

#include <QCryptographicHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

namespace {

QUrlQuery formOf(const QByteArray &body)
{
    // application/x-www-form-urlencoded: '+' is a space.
    QByteArray text = body;
    text.replace('+', ' ');
    return QUrlQuery(QString::fromUtf8(text));
}
QString field(const QUrlQuery &q, const char *name)
{
    return q.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

// The homeserver (versions, auth_metadata, whoami) and its authorization server in one.
class FakeOAuthServer
{
public:
    enum class Consent { Grant, Deny, WrongState };
    Consent consent = Consent::Grant;
    int expiresInS = 300;
    bool offerS256 = true;
    QString tokenEndpointOverride; // a metadata entry to serve instead of ours

    struct Client
    {
        QStringList redirectUris;
    };
    struct Grant
    {
        QString clientId, redirectUri, challenge, deviceId;
    };
    struct Tokens
    {
        QString deviceId;
        qint64 expiresAtMs = 0;
        bool revoked = false;
    };
    QHash<QString, Client> clients;
    QHash<QString, Grant> codes;           // code → what it was issued for
    QHash<QString, Tokens> accessTokens;   // access token → its session
    QHash<QString, QString> refreshTokens; // refresh token → device
    QList<QJsonObject> registrations;
    QList<QUrlQuery> tokenRequests;
    QList<QUrlQuery> revocations;
    QList<QByteArray> whoamiTokens; // the bearer of each whoami

    bool start()
    {
        m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                handle(request, responder);
            });
        m_port = m_server.listen(QHostAddress::LocalHost, 0);
        return m_port != 0;
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    // Makes every access token issued so far expire now (as if time had passed).
    void expireAccessTokens()
    {
        for (Tokens &t : accessTokens)
            t.expiresAtMs = 0;
    }

private:
    static void json(QHttpServerResponder &r, const QJsonObject &o, int status = 200)
    {
        r.write(QJsonDocument(o).toJson(QJsonDocument::Compact),
                {{"Content-Type", "application/json"}}, QHttpServerResponder::StatusCode(status));
    }
    static void oauthError(QHttpServerResponder &r, const QString &error, const QString &why)
    {
        json(r, {{"error", error}, {"error_description", why}}, 400);
    }
    QString issue(const QString &deviceId, QJsonObject *answer)
    {
        const QString access = QStringLiteral("mat_%1").arg(++m_serial);
        const QString refresh = QStringLiteral("mar_%1").arg(m_serial);
        accessTokens.insert(
            access, {deviceId, QDateTime::currentMSecsSinceEpoch() + expiresInS * 1000LL, false});
        refreshTokens.insert(refresh, deviceId);
        *answer = {{"access_token", access},
                   {"token_type", "Bearer"},
                   {"expires_in", expiresInS},
                   {"refresh_token", refresh},
                   {"scope", "urn:matrix:client:api:* urn:matrix:client:device:" + deviceId}};
        return access;
    }

    void handle(const QHttpServerRequest &request, QHttpServerResponder &r)
    {
        const QString path = request.url().path();
        const bool post = request.method() == QHttpServerRequest::Method::Post;
        if (path == QLatin1String("/_matrix/client/versions"))
            return json(r, {{"versions", QJsonArray{"v1.15"}}});
        if (path == QLatin1String("/_matrix/client/v3/login"))
            return json(r, {{"flows", QJsonArray{QJsonObject{{"type", "m.login.sso"},
                                                             {"oauth_aware_preferred", true}}}}});
        if (path == QLatin1String("/_matrix/client/v1/auth_metadata")) {
            const QString b = base();
            return json(
                r, {{"issuer", b + "/"},
                    {"authorization_endpoint", b + "/oauth/authorize"},
                    {"token_endpoint",
                     tokenEndpointOverride.isEmpty() ? b + "/oauth/token" : tokenEndpointOverride},
                    {"registration_endpoint", b + "/oauth/register"},
                    {"revocation_endpoint", b + "/oauth/revoke"},
                    {"response_types_supported", QJsonArray{"code"}},
                    {"grant_types_supported", QJsonArray{"authorization_code", "refresh_token"}},
                    {"response_modes_supported", QJsonArray{"query", "fragment"}},
                    {"code_challenge_methods_supported",
                     offerS256 ? QJsonArray{"S256"} : QJsonArray{"plain"}}});
        }
        if (path == QLatin1String("/oauth/register") && post) {
            const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
            registrations << body;
            const QStringList uris = body.value("redirect_uris").toVariant().toStringList();
            if (body.value("token_endpoint_auth_method").toString() != QLatin1String("none") ||
                uris.isEmpty())
                return json(r, {{"error", "invalid_client_metadata"}}, 400);
            const QString id = QStringLiteral("client-%1").arg(clients.size() + 1);
            clients.insert(id, {uris});
            return json(r, {{"client_id", id}, {"client_id_issued_at", 0}}, 201);
        }
        if (path == QLatin1String("/oauth/authorize")) {
            const QUrlQuery q = request.query();
            const QString clientId = field(q, "client_id");
            const QString redirect = field(q, "redirect_uri");
            // Never redirect to an address the client did not register (RFC 6749 §3.1.2.4).
            if (!clients.contains(clientId) || !clients[clientId].redirectUris.contains(redirect))
                return oauthError(r, "invalid_request", "unknown client or redirect_uri");
            QUrl back(redirect);
            QUrlQuery answer;
            const QString scope = field(q, "scope");
            const QString devicePrefix = QStringLiteral("urn:matrix:client:device:");
            QString deviceId;
            for (const QString &s : scope.split(QLatin1Char(' ')))
                if (s.startsWith(devicePrefix))
                    deviceId = s.mid(devicePrefix.size());
            if (consent == Consent::Deny) {
                answer.addQueryItem("error", "access_denied");
                answer.addQueryItem("error_description", "The user said no");
            } else if (field(q, "response_type") != QLatin1String("code") ||
                       field(q, "code_challenge_method") != QLatin1String("S256") ||
                       field(q, "code_challenge").isEmpty() ||
                       !scope.split(' ').contains(QLatin1String("urn:matrix:client:api:*")) ||
                       deviceId.isEmpty()) {
                answer.addQueryItem("error", "invalid_request");
            } else {
                const QString code = QStringLiteral("code-%1").arg(++m_serial);
                codes.insert(code, {clientId, redirect, field(q, "code_challenge"), deviceId});
                answer.addQueryItem("code", code);
            }
            answer.addQueryItem("state", consent == Consent::WrongState
                                             ? QStringLiteral("someone-elses-state")
                                             : field(q, "state"));
            back.setQuery(answer);
            return r.write(QByteArray(), {{"Location", back.toEncoded()}},
                           QHttpServerResponder::StatusCode::Found);
        }
        if (path == QLatin1String("/oauth/token") && post) {
            const QUrlQuery form = formOf(request.body());
            tokenRequests << form;
            const QString grant = field(form, "grant_type");
            QJsonObject answer;
            if (grant == QLatin1String("authorization_code")) {
                const QString code = field(form, "code");
                if (!codes.contains(code))
                    return oauthError(r, "invalid_grant", "unknown or used code");
                const Grant g = codes.value(code);
                const QString expected = QString::fromLatin1(
                    QCryptographicHash::hash(field(form, "code_verifier").toLatin1(),
                                             QCryptographicHash::Sha256)
                        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
                if (g.clientId != field(form, "client_id") ||
                    g.redirectUri != field(form, "redirect_uri"))
                    return oauthError(r, "invalid_grant", "client or redirect_uri mismatch");
                if (expected != g.challenge)
                    return oauthError(r, "invalid_grant", "PKCE verification failed");
                codes.remove(code); // single use
                issue(g.deviceId, &answer);
                return json(r, answer);
            }
            if (grant == QLatin1String("refresh_token")) {
                const QString refresh = field(form, "refresh_token");
                if (!refreshTokens.contains(refresh))
                    return oauthError(r, "invalid_grant", "unknown refresh token");
                const QString device = refreshTokens.take(refresh); // rotated
                issue(device, &answer);
                return json(r, answer);
            }
            return oauthError(r, "unsupported_grant_type", grant);
        }
        if (path == QLatin1String("/oauth/revoke") && post) {
            const QUrlQuery form = formOf(request.body());
            revocations << form;
            const QString token = field(form, "token");
            if (accessTokens.contains(token)) {
                const QString device = accessTokens[token].deviceId;
                // Revoking a token ends its whole session: every token of that device.
                for (Tokens &t : accessTokens)
                    if (t.deviceId == device)
                        t.revoked = true;
                for (auto it = refreshTokens.begin(); it != refreshTokens.end();)
                    it = it.value() == device ? refreshTokens.erase(it) : std::next(it);
            }
            return r.write(QByteArray(), {}, QHttpServerResponder::StatusCode::Ok);
        }
        if (path == QLatin1String("/_matrix/client/v3/account/whoami")) {
            const QByteArray bearer = request.value("Authorization").mid(7);
            whoamiTokens << bearer;
            const auto it = accessTokens.constFind(QString::fromUtf8(bearer));
            if (it == accessTokens.cend() || it->revoked)
                return json(r, {{"errcode", "M_UNKNOWN_TOKEN"}, {"error", "Unknown token"}}, 401);
            if (it->expiresAtMs <= QDateTime::currentMSecsSinceEpoch())
                return json(r,
                            {{"errcode", "M_UNKNOWN_TOKEN"},
                             {"error", "Token expired"},
                             {"soft_logout", true}},
                            401);
            return json(r, {{"user_id", "@oauth:example.org"}, {"device_id", it->deviceId}});
        }
        json(r, {{"errcode", "M_UNRECOGNIZED"}, {"error", "Unrecognized request"}}, 404);
    }

    QHttpServer m_server;
    quint16 m_port = 0;
    int m_serial = 0;
};

// Follows the redirects from url like a browser; the status and body of the last page.
std::pair<int, QByteArray> browse(const QUrl &url)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(10000);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000)) {
        QTest::qFail("the browser's page did not load in time", __FILE__, __LINE__);
        return {0, {}};
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return {status, body};
}

} // namespace

class TestOAuth : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeOAuthServer> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<Session> m_session;

    // Starts the OAuth sign-in and returns the authorization page's address.
    QUrl start()
    {
        QSignalSpy browser(m_session.get(), &Session::browserRequested);
        m_session->signInWithOAuth(m_fake->base());
        if (!QTest::qWaitFor([&] { return !browser.isEmpty(); }, 10000)) {
            QTest::qFail(
                qPrintable(QStringLiteral("no browser asked for: %1").arg(m_session->errorText())),
                __FILE__, __LINE__);
            return {};
        }
        return browser.first().first().toUrl();
    }
    bool signIn()
    {
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        const QUrl url = start();
        if (url.isEmpty() || browse(url).first != 200)
            return false;
        return QTest::qWaitFor([&] { return !ok.isEmpty(); }, 10000);
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeOAuthServer>();
        QVERIFY(m_fake->start());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_session = std::make_unique<Session>(m_api.get());
    }
    void cleanup()
    {
        m_session.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    // Discovery says the server uses OAuth 2.0.
    void discoveryFindsOAuth()
    {
        m_session->discoverLoginMethods(m_fake->base());
        QVERIFY(QTest::qWaitFor([&] { return m_session->discoveryState() == Session::Discovered; },
                                10000));
        QVERIFY(m_session->oauthLogin());
    }

    // The whole flow: registration as a native public client with the loopback redirect, the
    // authorization page with PKCE S256, state, the Matrix scopes; the code exchanged with the
    // verifier; whoami with the new token; the session remembers its client and endpoints.
    void signInWithAuthorizationCodeAndPkce()
    {
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        const QUrl url = start();
        QCOMPARE(m_fake->registrations.size(), 1);
        const QJsonObject reg = m_fake->registrations.first();
        QCOMPARE(reg.value("application_type").toString(), QStringLiteral("native"));
        QCOMPARE(reg.value("token_endpoint_auth_method").toString(), QStringLiteral("none"));
        QCOMPARE(reg.value("client_name").toString(), QStringLiteral("Concierge"));
        QVERIFY(reg.value("client_uri").toString().startsWith(QStringLiteral("https://")));
        const QStringList redirects = reg.value("redirect_uris").toVariant().toStringList();
        QCOMPARE(redirects.size(), 1);
        QVERIFY(redirects.first().startsWith(QStringLiteral("http://127.0.0.1:")));

        QCOMPARE(url.path(), QStringLiteral("/oauth/authorize"));
        const QUrlQuery q(url);
        QCOMPARE(field(q, "client_id"), QStringLiteral("client-1"));
        QCOMPARE(field(q, "redirect_uri"), redirects.first());
        QCOMPARE(field(q, "response_type"), QStringLiteral("code"));
        QCOMPARE(field(q, "code_challenge_method"), QStringLiteral("S256"));
        QCOMPARE(field(q, "code_challenge").size(), 43); // base64url of 32 bytes, no padding
        QVERIFY(field(q, "state").size() >= 16);
        const QStringList scope = field(q, "scope").split(QLatin1Char(' '));
        QVERIFY(scope.contains(QStringLiteral("urn:matrix:client:api:*")));
        QVERIFY(m_session->waitingForBrowser());

        const auto [status, page] = browse(url);
        QCOMPARE(status, 200);
        QVERIFY(page.contains("You can close this tab"));
        QVERIFY(QTest::qWaitFor([&] { return !ok.isEmpty(); }, 10000));
        QCOMPARE(m_session->userId(), QStringLiteral("@oauth:example.org"));
        QVERIFY(
            scope.contains(QStringLiteral("urn:matrix:client:device:") + m_session->deviceId()));
        QCOMPARE(m_fake->tokenRequests.size(), 1);
        QCOMPARE(field(m_fake->tokenRequests.first(), "grant_type"),
                 QStringLiteral("authorization_code"));
        QCOMPARE(field(m_fake->tokenRequests.first(), "code_verifier").size(), 43);
        const SessionTokens tokens = m_session->tokens();
        QVERIFY(tokens.isOAuth());
        QCOMPARE(tokens.oauthClientId, QStringLiteral("client-1"));
        QCOMPARE(tokens.oauthTokenEndpoint, m_fake->base() + QStringLiteral("/oauth/token"));
        QVERIFY(!tokens.refreshToken.isEmpty());
        QVERIFY(tokens.expiresAtMs > QDateTime::currentMSecsSinceEpoch());
        QVERIFY(m_session->createdDevice());
        // The token was only ever sent as a bearer to whoami, never in a URL.
        QCOMPARE(m_fake->whoamiTokens.last(), tokens.accessToken.toUtf8());
    }

    // A code for a verifier other than the one challenged is refused by the server (PKCE), and
    // an answer with a state that is not ours is refused by Concierge before anything is sent.
    void aWrongVerifierIsRefusedByTheServer()
    {
        const QUrl url = start();
        // The authorization server's answer, captured instead of delivered.
        QNetworkAccessManager nam;
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = nam.get(req);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        const QUrl back = reply->header(QNetworkRequest::LocationHeader).toUrl();
        reply->deleteLater();
        const QString code = QUrlQuery(back).queryItemValue(QStringLiteral("code"));
        QVERIFY(!code.isEmpty());
        QUrl loopback = back;
        loopback.setQuery(QString());
        ApiCall *call = Endpoints::exchangeOAuthCode(
            m_api.get(), QUrl(m_fake->base() + QStringLiteral("/oauth/token")),
            QStringLiteral("client-1"), code, loopback,
            QStringLiteral("a-verifier-that-was-never-challenged-0123456789"));
        QSignalSpy failed(call, &ApiCall::failed);
        QVERIFY(failed.wait(10000));
        const MatrixError error = failed.first().first().value<MatrixError>();
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.errcode, QStringLiteral("invalid_grant"));
        QCOMPARE(error.message, QStringLiteral("PKCE verification failed"));
        // The real answer, delivered: Concierge's own verifier works.
        QSignalSpy ok(m_session.get(), &Session::signedIn);
        QCOMPARE(browse(back).first, 200);
        QVERIFY(QTest::qWaitFor([&] { return !ok.isEmpty(); }, 10000));
    }
    void aWrongStateIsRefused()
    {
        m_fake->consent = FakeOAuthServer::Consent::WrongState;
        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        const QUrl url = start();
        QCOMPARE(browse(url).first, 200);
        QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 10000));
        QVERIFY2(m_session->errorText().contains(QStringLiteral("state does not match")),
                 qPrintable(m_session->errorText()));
        QVERIFY(m_fake->tokenRequests.isEmpty()); // the code was never sent
        QCOMPARE(m_session->state(), Session::SignedOut);
    }

    // The user refuses on the authorization page: the server's words.
    void aDeniedAuthorizationSaysSo()
    {
        m_fake->consent = FakeOAuthServer::Consent::Deny;
        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        const QUrl url = start();
        const auto [status, page] = browse(url);
        QCOMPARE(status, 200);
        QVERIFY(page.contains("Sign-in did not finish"));
        QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 10000));
        QCOMPARE(m_session->error().errcode, QStringLiteral("access_denied"));
        QVERIFY(m_session->errorText().contains(QStringLiteral("The user said no")));
        QVERIFY(m_fake->tokenRequests.isEmpty());
    }

    // Metadata Concierge cannot use safely: no S256, or an endpoint over plain http elsewhere
    // than loopback. Refused before any registration.
    void unusableMetadataIsRefused_data()
    {
        QTest::addColumn<bool>("s256");
        QTest::addColumn<QString>("tokenEndpoint");
        QTest::newRow("no S256") << false << QString();
        QTest::newRow("plain http") << true << QStringLiteral("http://auth.example.org/token");
    }
    void unusableMetadataIsRefused()
    {
        QFETCH(bool, s256);
        QFETCH(QString, tokenEndpoint);
        m_fake->offerS256 = s256;
        m_fake->tokenEndpointOverride = tokenEndpoint;
        QSignalSpy failed(m_session.get(), &Session::signInFailed);
        QSignalSpy browser(m_session.get(), &Session::browserRequested);
        m_session->signInWithOAuth(m_fake->base());
        QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 10000));
        QVERIFY2(m_session->errorText().contains(QStringLiteral("cannot be used")),
                 qPrintable(m_session->errorText()));
        QVERIFY(browser.isEmpty());
        QVERIFY(m_fake->registrations.isEmpty());
    }

    // An access token that expires is refreshed at the token endpoint before it does (a fifth
    // of its lifetime ahead), with the rotating refresh token.
    void refreshedBeforeItExpires()
    {
        m_fake->expiresInS = 2;
        QVERIFY(signIn());
        const SessionTokens first = m_session->tokens();
        QSignalSpy changed(m_session.get(), &Session::tokensChanged);
        QVERIFY(changed.wait(5000));
        const SessionTokens second = m_session->tokens();
        QVERIFY(second.accessToken != first.accessToken);
        QVERIFY(second.refreshToken != first.refreshToken);
        const QUrlQuery refresh = m_fake->tokenRequests.last();
        QCOMPARE(field(refresh, "grant_type"), QStringLiteral("refresh_token"));
        QCOMPARE(field(refresh, "refresh_token"), first.refreshToken);
        QCOMPARE(field(refresh, "client_id"), QStringLiteral("client-1"));
        QVERIFY(second.expiresAtMs > QDateTime::currentMSecsSinceEpoch());
    }

    // A request that meets an expired token (M_UNKNOWN_TOKEN, soft logout) waits for the refresh
    // and is sent once more, with the new token; it succeeds.
    void aRequestMeetingAnExpiredTokenIsSentOnceMoreAfterTheRefresh()
    {
        QVERIFY(signIn());
        const QString old = m_session->tokens().accessToken;
        m_fake->expireAccessTokens();
        const int whoamisBefore = m_fake->whoamiTokens.size();
        ApiCall *call = Endpoints::getTokenOwner(m_api.get());
        QSignalSpy ok(call, &ApiCall::succeeded);
        QSignalSpy failed(call, &ApiCall::failed);
        QVERIFY(QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 10000));
        QVERIFY(failed.isEmpty());
        const QList<QByteArray> sent = m_fake->whoamiTokens.mid(whoamisBefore);
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent.first(), old.toUtf8());
        QCOMPARE(sent.last(), m_session->tokens().accessToken.toUtf8());
        QVERIFY(sent.last() != sent.first());
        QCOMPARE(m_session->state(), Session::SignedIn);
    }

    // A remembered OAuth 2.0 session comes back (whoami) and still refreshes at its endpoint.
    void restoredSessionKeepsRefreshing()
    {
        QVERIFY(signIn());
        const SessionTokens saved = SessionTokens::fromSecret(m_session->tokens().toSecret());
        Session again(m_api.get());
        m_session.reset();
        QSignalSpy ok(&again, &Session::signedIn);
        again.restore(m_fake->base(), saved);
        QVERIFY(QTest::qWaitFor([&] { return !ok.isEmpty(); }, 10000));
        QVERIFY(again.tokens().isOAuth());
        const int before = m_fake->tokenRequests.size();
        again.refreshToken();
        QVERIFY(QTest::qWaitFor([&] { return m_fake->tokenRequests.size() > before; }, 10000));
        QCOMPARE(field(m_fake->tokenRequests.last(), "grant_type"),
                 QStringLiteral("refresh_token"));
        QVERIFY(QTest::qWaitFor([&] { return again.tokens().accessToken != saved.accessToken; },
                                10000));
    }

    // Signing out revokes the session at the authorization server; its token no longer works.
    void signOutRevokes()
    {
        QVERIFY(signIn());
        const QString token = m_session->tokens().accessToken;
        QSignalSpy done(m_session.get(), &Session::serverSignOutFinished);
        m_session->signOut();
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 10000));
        QVERIFY(!done.first().first().value<MatrixError>().isError());
        QCOMPARE(m_fake->revocations.size(), 1);
        QCOMPARE(field(m_fake->revocations.first(), "token"), token);
        QCOMPARE(field(m_fake->revocations.first(), "client_id"), QStringLiteral("client-1"));
        QVERIFY(m_fake->accessTokens.value(token).revoked);
        QVERIFY(m_fake->refreshTokens.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOAuth)
#include "tst_oauth.moc"
