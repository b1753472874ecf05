#include "session/session.h"

#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"
#include "session/loopbackredirect.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QUrlQuery>

Session::Session(ApiClient *api, QObject *parent) : QObject(parent), m_api(api)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Session::refreshToken);
    // A request answered "token expired" (soft logout) while the token can be refreshed.
    connect(m_api, &ApiClient::tokenRefreshNeeded, this, &Session::refreshToken);
}

namespace {
// What the user typed, as it may be shown or remembered: a user name and password before the
// host ("https://user:pass@host", or "user:pass@host" without a scheme) are dropped. Such an
// address is refused anyway, and credentials are never echoed.
QString withoutCredentials(const QString &input)
{
    const qsizetype schemeEnd = input.indexOf(QLatin1String("://"));
    const qsizetype authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    qsizetype authorityEnd = input.size();
    for (const QChar delimiter : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = input.indexOf(delimiter, authorityStart);
        if (at >= 0 && at < authorityEnd)
            authorityEnd = at;
    }
    const qsizetype at = input.lastIndexOf(QLatin1Char('@'), authorityEnd - 1);
    // A bare "@user:server" is a Matrix ID typed by mistake, not credentials: left as it is
    // (and refused as a server name).
    if (at < authorityStart || (schemeEnd < 0 && at == 0))
        return input;
    return input.left(authorityStart) + input.mid(at + 1);
}

// A refresh that failed for a transient reason is tried again after this long.
constexpr int RefreshRetryMs = 10000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

QUrl Session::homeserver() const
{
    return m_api->homeserver();
}

QString Session::errorText() const
{
    return describe(m_error, m_expired);
}

QString Session::describe(const MatrixError &error, bool expired) const
{
    if (!error.isError())
        return {};
    switch (error.kind) {
    case MatrixError::Unreachable:
        return tr("Could not reach %1: %2").arg(m_homeserverInput, error.message);
    case MatrixError::Tls:
        return tr("The secure connection to %1 failed: %2").arg(m_homeserverInput, error.message);
    case MatrixError::Timeout:
        return tr("%1 did not answer in time.").arg(m_homeserverInput);
    case MatrixError::NotMatrix:
    case MatrixError::InvalidInput:
        return error.message;
    case MatrixError::Server:
        if (expired) {
            if (error.softLogout && m_createdDevice)
                return tr("Your session on %1 has expired (%2). Sign in again to continue where "
                          "you left off.")
                    .arg(m_homeserverInput, error.errcode);
            return error.softLogout
                       ? tr("Your session on %1 has expired (%2). Paste a new access token to "
                            "continue where you left off.")
                             .arg(m_homeserverInput, error.errcode)
                       : tr("%1 signed this session out (%2). Sign in again.")
                             .arg(m_homeserverInput, error.errcode);
        }
        [[fallthrough]];
    default:
        // A refused password login is the server's own words (M_FORBIDDEN "Invalid username or
        // password"); only a rejected token gets a sentence of ours.
        if (m_next != Next::Password && (error.httpStatus == 401 || error.isUnknownToken()))
            return tr("The access token was rejected by %1 (%2).")
                .arg(m_homeserverInput,
                     error.errcode.isEmpty() ? QStringLiteral("HTTP 401") : error.errcode);
        return error.summary();
    }
}

SessionTokens Session::tokens() const
{
    if (m_state != SignedIn)
        return {};
    return {m_accessToken,
            m_refreshToken,
            m_expiresAtMs,
            m_createdDevice,
            m_oauthClientId,
            QString::fromUtf8(m_oauthTokenEndpoint.toEncoded()),
            QString::fromUtf8(m_oauthRevocationEndpoint.toEncoded())};
}

QString Session::deviceDisplayName()
{
    QString host = QSysInfo::machineHostName().trimmed();
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    return tr("Concierge on %1").arg(host);
}

QUrl Session::parseHomeserverInput(const QString &input, bool *isBareServerName, QString *error)
{
    const QString text = input.trimmed();
    *isBareServerName = false;
    if (text.isEmpty()) {
        *error = tr("Enter your homeserver, for example matrix.org.");
        return {};
    }
    if (withoutCredentials(text) != text) {
        *error = tr("The homeserver address must not contain a user name or password.");
        return {};
    }
    if (text.contains(QLatin1String("://"))) {
        QUrl url(text, QUrl::StrictMode);
        if (const QString err = ApiClient::homeserverUrlError(url); !err.isEmpty()) {
            *error = err;
            return {};
        }
        url.setPath(url.path().endsWith(QLatin1Char('/')) ? url.path().chopped(1) : url.path());
        return url;
    }
    if (const QString err = Identifiers::validateServerName(text); !err.isEmpty()) {
        *error = err;
        return {};
    }
    *isBareServerName = true;
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setAuthority(text);
    return url;
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged();
}

void Session::fail(const MatrixError &error)
{
    stopWaitingForBrowser();
    m_pendingToken.clear();
    m_pendingPassword.clear();
    clearTokens();
    m_error = error;
    emit errorChanged();
    setState(SignedOut);
    emit signInFailed(error);
}

void Session::clearTokens()
{
    ++m_refreshGeneration; // a refresh under way is forgotten
    m_refreshTimer.stop();
    m_refreshing = false;
    m_accessToken.clear();
    m_refreshToken.clear();
    m_expiresAtMs = 0;
    m_oauthClientId.clear();
    m_oauthTokenEndpoint.clear();
    m_oauthRevocationEndpoint.clear();
    m_oauthState.clear();
    m_oauthVerifier.clear();
    m_api->setAccessToken({});
    m_api->setTokenRefreshable(false);
    // Calls waiting for a refresh fail now (they find no token).
    m_api->endTokenRefresh(MatrixError::cancelled());
}

bool Session::resolve(const QString &homeserver)
{
    bool bare = false;
    QString inputError;
    const QUrl candidate = parseHomeserverInput(homeserver, &bare, &inputError);
    if (!inputError.isEmpty()) {
        stepFailed(MatrixError::invalidInput(inputError));
        return false;
    }
    if (m_next != Next::Discover)
        setState(Resolving);
    if (!bare) {
        checkVersions(candidate);
        return true;
    }
    // A bare server name: the client-server API may live elsewhere (.well-known delegation).
    const quint64 attempt = m_attempt;
    ApiCall *call = Endpoints::getWellknown(m_api, candidate);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this, attempt, candidate](const QJsonObject &body) {
        if (attempt != m_attempt)
            return;
        const QString base = body.value(QLatin1String("m.homeserver"))
                                 .toObject()
                                 .value(QLatin1String("base_url"))
                                 .toString();
        QUrl url(base, QUrl::StrictMode);
        if (base.isEmpty() || !ApiClient::homeserverUrlError(url).isEmpty()) {
            stepFailed(MatrixError::notMatrix(
                tr("%1 publishes an invalid homeserver address in .well-known/matrix/client.")
                    .arg(m_homeserverInput)));
            return;
        }
        if (url.path().endsWith(QLatin1Char('/')))
            url.setPath(url.path().chopped(1));
        checkVersions(url);
    });
    connect(call, &ApiCall::failed, this, [this, attempt, candidate](const MatrixError &error) {
        if (attempt != m_attempt)
            return;
        // No delegation published (404, or not JSON): the server name is the homeserver.
        if (error.kind == MatrixError::Server || error.kind == MatrixError::MalformedResponse)
            checkVersions(candidate);
        else
            stepFailed(error);
    });
    return true;
}

void Session::stepFailed(const MatrixError &error)
{
    if (m_next == Next::Discover)
        finishDiscovery(error);
    else
        fail(error);
}

void Session::startSignIn()
{
    ++m_attempt;
    m_error = {};
    emit errorChanged();
    clearTokens();
    stopWaitingForBrowser();
    m_createdDevice = false;
    // A discovery still under way is superseded by this sign-in.
    if (m_discoveryState == Discovering) {
        m_discoveryState = NotDiscovered;
        emit loginMethodsChanged();
    }
}

void Session::signIn(const QString &homeserver, const QString &accessToken)
{
    restore(homeserver, SessionTokens::pasted(accessToken));
}

void Session::restore(const QString &homeserver, const SessionTokens &tokens)
{
    startSignIn();
    m_next = Next::Whoami;
    m_homeserverInput = withoutCredentials(homeserver.trimmed());
    const QString token = tokens.accessToken.trimmed();
    bool bare = false;
    QString inputError;
    parseHomeserverInput(homeserver, &bare, &inputError);
    if (!inputError.isEmpty()) {
        fail(MatrixError::invalidInput(inputError));
        return;
    }
    if (token.isEmpty()) {
        fail(MatrixError::invalidInput(tr("Paste your access token.")));
        return;
    }
    for (QChar c : token) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f) {
            fail(MatrixError::invalidInput(
                tr("The access token contains spaces or unexpected characters; copy it again.")));
            return;
        }
    }
    m_pendingToken = token;
    m_createdDevice = tokens.createdDevice;
    if (tokens.isOAuth()) {
        m_oauthClientId = tokens.oauthClientId;
        m_oauthTokenEndpoint = QUrl(tokens.oauthTokenEndpoint, QUrl::StrictMode);
        m_oauthRevocationEndpoint = QUrl(tokens.oauthRevocationEndpoint, QUrl::StrictMode);
    }
    m_refreshToken = tokens.refreshToken;
    m_expiresAtMs = m_refreshToken.isEmpty() ? 0 : tokens.expiresAtMs;
    resolve(homeserver);
}

bool Session::beginSignIn(const QString &homeserver, Next next)
{
    startSignIn();
    m_next = next;
    m_homeserverInput = withoutCredentials(homeserver.trimmed());
    bool bare = false;
    QString inputError;
    parseHomeserverInput(homeserver, &bare, &inputError);
    if (!inputError.isEmpty()) {
        fail(MatrixError::invalidInput(inputError));
        return false;
    }
    return true;
}

void Session::signInWithPassword(const QString &homeserver, const QString &user,
                                 const QString &password)
{
    if (!beginSignIn(homeserver, Next::Password))
        return;
    const QString name = user.trimmed();
    if (name.isEmpty()) {
        fail(MatrixError::invalidInput(tr("Enter your user name.")));
        return;
    }
    if (name.startsWith(QLatin1Char('@'))) {
        if (const QString why = Identifiers::validateUserId(name); !why.isEmpty()) {
            fail(MatrixError::invalidInput(why));
            return;
        }
    } else if (name.contains(QLatin1Char(':')) || name.contains(QLatin1Char(' '))) {
        fail(MatrixError::invalidInput(
            tr("Enter your user name (like alice) or your full Matrix ID (like @alice:%1).")
                .arg(m_homeserverInput)));
        return;
    }
    if (password.isEmpty()) {
        fail(MatrixError::invalidInput(tr("Enter your password.")));
        return;
    }
    m_pendingUser = name;
    m_pendingPassword = password;
    resolve(homeserver);
}

void Session::signInWithSso(const QString &homeserver, const QString &idpId)
{
    if (!beginSignIn(homeserver, Next::Sso))
        return;
    m_pendingIdp = idpId;
    resolve(homeserver);
}

QUrl Session::listenForBrowser(const std::function<void(const QUrlQuery &)> &onReturn)
{
    auto *redirect = new LoopbackRedirect(this);
    QString error;
    if (!redirect->listen(&error)) {
        delete redirect;
        fail(MatrixError::invalidInput(error));
        return {};
    }
    m_redirect = redirect;
    const quint64 attempt = m_attempt;
    connect(redirect, &LoopbackRedirect::received, this,
            [this, attempt, onReturn](const QUrlQuery &query) {
                if (attempt == m_attempt)
                    onReturn(query);
            });
    return redirect->url();
}

void Session::openBrowser(const QUrl &url)
{
    m_browserUrl = url;
    m_waitingForBrowser = true;
    emit waitingForBrowserChanged();
    emit browserRequested(url);
}

void Session::startSso()
{
    setState(Verifying);
    const QUrl redirect = listenForBrowser([this](const QUrlQuery &query) { finishSso(query); });
    if (redirect.isEmpty())
        return;
    const QUrl url = Endpoints::ssoRedirectUrl(m_api, redirect, m_pendingIdp);
    if (url.isEmpty()) {
        fail(MatrixError::invalidInput(
            tr("“%1” is not an identity provider this server can use.").arg(m_pendingIdp)));
        return;
    }
    openBrowser(url);
}

void Session::finishSso(const QUrlQuery &query)
{
    const QString token = query.queryItemValue(QStringLiteral("loginToken"), QUrl::FullyDecoded);
    stopWaitingForBrowser();
    if (token.isEmpty()) {
        fail(MatrixError::malformed(
            tr("The browser came back from the server's sign-in page without a login token.")));
        return;
    }
    loginWith(Endpoints::loginWithToken(m_api, {token, deviceDisplayName(), true}));
}

void Session::stopWaitingForBrowser()
{
    if (LoopbackRedirect *redirect = m_redirect) {
        m_redirect = nullptr;
        redirect->close();
        // Deleted with the server it owns, once the browser had its page.
        QTimer::singleShot(2500, redirect, &QObject::deleteLater);
    }
    if (m_waitingForBrowser) {
        m_waitingForBrowser = false;
        m_browserUrl.clear();
        emit waitingForBrowserChanged();
    }
}

namespace {
// Base64url without padding (RFC 7636 appendix A).
QString base64Url(const QByteArray &bytes)
{
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes;
}
// An address from the authorization server's metadata: https (http only to loopback).
QUrl metadataUrl(const QJsonObject &metadata, const char *key, QString *problem)
{
    const QString text = metadata.value(QLatin1String(key)).toString();
    const QUrl url(text, QUrl::StrictMode);
    if (problem->isEmpty() &&
        (text.isEmpty() || !url.isValid() || !ApiClient::homeserverUrlError(url).isEmpty()))
        *problem = QString::fromLatin1(key);
    return url;
}
bool listsValue(const QJsonObject &metadata, const char *key, const char *value)
{
    return metadata.value(QLatin1String(key)).toArray().contains(QLatin1String(value));
}
} // namespace

void Session::signInWithOAuth(const QString &homeserver)
{
    if (!beginSignIn(homeserver, Next::OAuth))
        return;
    resolve(homeserver);
}

void Session::startOAuth()
{
    setState(Verifying);
    const quint64 attempt = m_attempt;
    ApiCall *call = Endpoints::getAuthMetadata(m_api);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this, attempt](const QJsonObject &metadata) {
        if (attempt == m_attempt)
            registerOAuthClient(metadata);
    });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &error) {
        if (attempt != m_attempt)
            return;
        if (error.kind == MatrixError::Server && error.httpStatus == 404)
            fail(MatrixError::invalidInput(
                tr("%1 does not offer OAuth 2.0 sign-in.").arg(m_homeserverInput)));
        else
            fail(error);
    });
}

void Session::registerOAuthClient(const QJsonObject &metadata)
{
    QString problem;
    const QUrl authorization = metadataUrl(metadata, "authorization_endpoint", &problem);
    const QUrl token = metadataUrl(metadata, "token_endpoint", &problem);
    const QUrl registration = metadataUrl(metadata, "registration_endpoint", &problem);
    const QUrl revocation = metadataUrl(metadata, "revocation_endpoint", &problem);
    if (problem.isEmpty() && !listsValue(metadata, "code_challenge_methods_supported", "S256"))
        problem = QStringLiteral("code_challenge_methods_supported");
    if (problem.isEmpty() && !listsValue(metadata, "response_types_supported", "code"))
        problem = QStringLiteral("response_types_supported");
    if (!problem.isEmpty()) {
        fail(MatrixError::malformed(
            tr("The server's OAuth 2.0 metadata cannot be used (%1 is missing, not https, or "
               "lacks what Concierge needs).")
                .arg(problem)));
        return;
    }
    m_oauthTokenEndpoint = token;
    m_oauthRevocationEndpoint = revocation;
    const QUrl redirect = listenForBrowser([this](const QUrlQuery &query) { finishOAuth(query); });
    if (redirect.isEmpty())
        return;
    m_oauthRedirectUri = redirect;
    // Registered for this sign-in: a public client (PKCE, no secret) whose only redirect is this
    // one-time loopback address. The browser is sent once the server knows it.
    const quint64 attempt = m_attempt;
    ApiCall *call = Endpoints::registerOAuthClient(m_api, registration,
                                                   {QString::fromUtf8(redirect.toEncoded())});
    m_call = call;
    connect(
        call, &ApiCall::succeeded, this, [this, attempt, authorization](const QJsonObject &body) {
            if (attempt != m_attempt)
                return;
            m_oauthClientId = body.value(QLatin1String("client_id")).toString();
            if (m_oauthClientId.isEmpty()) {
                fail(MatrixError::malformed(
                    tr("The authorization server registered no client_id.")));
                return;
            }
            m_oauthState = base64Url(randomBytes(16));
            m_oauthVerifier = base64Url(randomBytes(32));
            const QString challenge = base64Url(
                QCryptographicHash::hash(m_oauthVerifier.toLatin1(), QCryptographicHash::Sha256));
            // The device this session will be: ten random letters, as servers make them.
            QString deviceId;
            for (int i = 0; i < 10; ++i)
                deviceId += QChar(u'A' + QRandomGenerator::system()->bounded(26));
            openBrowser(Endpoints::oauthAuthorizationUrl(
                authorization,
                {m_oauthClientId, m_oauthRedirectUri, deviceId, m_oauthState, challenge}));
        });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &error) {
        if (attempt == m_attempt)
            fail(error);
    });
}

void Session::finishOAuth(const QUrlQuery &query)
{
    stopWaitingForBrowser();
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (m_oauthState.isEmpty() || state != m_oauthState) {
        // Not the answer to our request (another page, an old tab): nothing is sent.
        fail(MatrixError::invalidInput(
            tr("The browser came back with an answer to another sign-in (its state does not "
               "match); nothing was sent. Try again.")));
        return;
    }
    m_oauthState.clear();
    if (const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
        !error.isEmpty()) {
        const QString why =
            query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        MatrixError e;
        e.kind = MatrixError::Server;
        e.errcode = error;
        e.message =
            why.isEmpty() ? tr("The authorization server did not authorize Concierge.") : why;
        fail(e);
        return;
    }
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty()) {
        fail(MatrixError::malformed(
            tr("The browser came back from the authorization page without a code.")));
        return;
    }
    const QString verifier = m_oauthVerifier;
    m_oauthVerifier.clear();
    const quint64 attempt = m_attempt;
    ApiCall *call = Endpoints::exchangeOAuthCode(m_api, m_oauthTokenEndpoint, m_oauthClientId, code,
                                                 m_oauthRedirectUri, verifier);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this, attempt](const QJsonObject &body) {
        if (attempt != m_attempt)
            return;
        const QString token = body.value(QLatin1String("access_token")).toString();
        if (token.isEmpty()) {
            fail(MatrixError::malformed(tr("The authorization server's answer has no access "
                                           "token.")));
            return;
        }
        m_pendingToken = token;
        m_refreshToken = body.value(QLatin1String("refresh_token")).toString();
        const double expiresIn = body.value(QLatin1String("expires_in")).toDouble();
        m_expiresAtMs =
            m_refreshToken.isEmpty() || expiresIn <= 0 ? 0 : nowMs() + qint64(expiresIn * 1000);
        m_createdDevice = true; // signing out revokes it
        whoami();
    });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &error) {
        if (attempt == m_attempt)
            fail(error);
    });
}

void Session::reopenBrowser()
{
    if (m_waitingForBrowser)
        emit browserRequested(m_browserUrl);
}

void Session::discoverLoginMethods(const QString &homeserver)
{
    if (m_state != SignedOut)
        return;
    ++m_attempt;
    m_next = Next::Discover;
    m_homeserverInput = withoutCredentials(homeserver.trimmed());
    m_discoveredFor = homeserver.trimmed();
    m_loginFlows.clear();
    m_ssoProviders.clear();
    m_oauth = false;
    m_discoveryError.clear();
    m_discoveryState = Discovering;
    emit loginMethodsChanged();
    resolve(homeserver);
}

void Session::checkVersions(const QUrl &baseUrl)
{
    m_api->setHomeserver(baseUrl);
    m_api->setAccessToken({});
    const quint64 attempt = m_attempt;
    ApiCall *call = Endpoints::getVersions(m_api);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this, attempt](const QJsonObject &body) {
        if (attempt != m_attempt)
            return;
        const QJsonValue versions = body.value(QLatin1String("versions"));
        if (!versions.isArray()) {
            stepFailed(MatrixError::notMatrix(tr("%1 does not look like a Matrix homeserver (no "
                                                 "versions in /_matrix/client/versions).")
                                                  .arg(m_homeserverInput)));
            return;
        }
        bool hasV1 = false;
        for (const QJsonValue &v : versions.toArray())
            hasV1 |= v.toString().startsWith(QLatin1String("v1."));
        m_api->setClientApiVersion(hasV1 ? QStringLiteral("v3") : QStringLiteral("r0"));
        afterVersions();
    });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &error) {
        if (attempt != m_attempt)
            return;
        if (error.kind == MatrixError::Server || error.kind == MatrixError::MalformedResponse)
            stepFailed(MatrixError::notMatrix(tr("%1 does not look like a Matrix homeserver (%2).")
                                                  .arg(m_homeserverInput, error.summary())));
        else
            stepFailed(error);
    });
}

void Session::afterVersions()
{
    switch (m_next) {
    case Next::Whoami:
        whoami();
        break;
    case Next::Password:
        loginWithPassword();
        break;
    case Next::Discover:
        discoverFlows();
        break;
    case Next::Sso:
        startSso();
        break;
    case Next::OAuth:
        startOAuth();
        break;
    }
}

void Session::whoami()
{
    setState(Verifying);
    m_accessToken = m_pendingToken;
    m_api->setAccessToken(m_pendingToken);
    m_pendingToken.clear();
    // A remembered session whose token expired meanwhile is refreshed by the answer's 401.
    m_api->setTokenRefreshable(!m_refreshToken.isEmpty());
    const quint64 attempt = m_attempt;
    ApiCall *call = Endpoints::getTokenOwner(m_api);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this, attempt](const QJsonObject &body) {
        if (attempt != m_attempt)
            return;
        const QString userId = body.value(QLatin1String("user_id")).toString();
        if (!Identifiers::validateUserId(userId).isEmpty()) {
            fail(MatrixError::malformed(tr("The server's whoami answer has no valid user_id.")));
            return;
        }
        m_userId = userId;
        m_deviceId = body.value(QLatin1String("device_id")).toString();
        m_expired = false;
        if (!m_refreshToken.isEmpty() && m_expiresAtMs > 0 && !m_refreshing)
            setRefreshState(m_refreshToken, qMax<qint64>(1, m_expiresAtMs - nowMs()));
        setState(SignedIn);
        emit signedIn();
    });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &error) {
        if (attempt != m_attempt)
            return;
        fail(error);
    });
}

void Session::loginWithPassword()
{
    setState(Verifying);
    Endpoints::PasswordLogin login{m_pendingUser, m_pendingPassword, deviceDisplayName(), true};
    // The password is in the request now and nowhere else.
    m_pendingPassword.clear();
    ApiCall *call = Endpoints::loginWithPassword(m_api, login);
    login.password.clear();
    loginWith(call);
}

// A POST /login under way (password, login token): its answer is the new session.
void Session::loginWith(ApiCall *call)
{
    setState(Verifying);
    const quint64 attempt = m_attempt;
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this, attempt](const QJsonObject &body) {
        if (attempt != m_attempt)
            return;
        acceptLogin(body);
    });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &error) {
        if (attempt != m_attempt)
            return;
        fail(error);
    });
}

void Session::acceptLogin(const QJsonObject &body)
{
    const QString userId = body.value(QLatin1String("user_id")).toString();
    const QString token = body.value(QLatin1String("access_token")).toString();
    if (!Identifiers::validateUserId(userId).isEmpty() || token.isEmpty()) {
        fail(MatrixError::malformed(tr("The server's login answer has no valid user_id or "
                                       "access token.")));
        return;
    }
    m_pendingUser.clear();
    m_userId = userId;
    m_deviceId = body.value(QLatin1String("device_id")).toString();
    m_accessToken = token;
    m_api->setAccessToken(token);
    m_createdDevice = true;
    setRefreshState(body.value(QLatin1String("refresh_token")).toString(),
                    qint64(body.value(QLatin1String("expires_in_ms")).toDouble()));
    m_expired = false;
    setState(SignedIn);
    emit signedIn();
}

void Session::setRefreshState(const QString &refreshToken, qint64 expiresInMs)
{
    m_refreshToken = refreshToken;
    const bool expires = !refreshToken.isEmpty() && expiresInMs > 0;
    m_expiresAtMs = expires ? nowMs() + expiresInMs : 0;
    m_api->setTokenRefreshable(!refreshToken.isEmpty());
    if (!expires) {
        m_refreshTimer.stop();
        return;
    }
    // Well before it expires: a fifth of its lifetime, at most a minute, ahead.
    const qint64 margin = qMin<qint64>(60000, expiresInMs / 5);
    m_refreshTimer.start(int(qBound<qint64>(0, expiresInMs - margin, 24LL * 3600 * 1000)));
}

void Session::refreshToken()
{
    if (m_refreshing)
        return;
    if (m_refreshToken.isEmpty()) {
        m_api->endTokenRefresh(MatrixError::cancelled());
        return;
    }
    m_refreshing = true;
    m_refreshTimer.stop();
    m_api->beginTokenRefresh(); // requests wait for the new token from now on
    const quint64 generation = m_refreshGeneration;
    ApiCall *call = m_oauthClientId.isEmpty()
                        ? Endpoints::refreshAccessToken(m_api, m_refreshToken)
                        : Endpoints::refreshOAuthToken(m_api, m_oauthTokenEndpoint, m_oauthClientId,
                                                       m_refreshToken);
    connect(call, &ApiCall::succeeded, this, [this, generation](const QJsonObject &body) {
        if (generation != m_refreshGeneration)
            return;
        m_refreshing = false;
        const QString token = body.value(QLatin1String("access_token")).toString();
        if (token.isEmpty()) {
            m_refreshTimer.start(RefreshRetryMs);
            m_api->endTokenRefresh(
                MatrixError::malformed(tr("The server's refresh answer has no access token.")));
            return;
        }
        m_accessToken = token;
        m_api->setAccessToken(token);
        // Without a new refresh token the old one stays valid.
        const QString refresh = body.value(QLatin1String("refresh_token")).toString();
        // /refresh answers expires_in_ms; an OAuth 2.0 token endpoint expires_in (seconds).
        const qint64 expiresInMs =
            body.contains(QLatin1String("expires_in_ms"))
                ? qint64(body.value(QLatin1String("expires_in_ms")).toDouble())
                : qint64(body.value(QLatin1String("expires_in")).toDouble() * 1000);
        setRefreshState(refresh.isEmpty() ? m_refreshToken : refresh, expiresInMs);
        m_api->endTokenRefresh();
        emit tokensChanged();
    });
    connect(call, &ApiCall::failed, this, [this, generation](const MatrixError &error) {
        if (generation != m_refreshGeneration)
            return;
        m_refreshing = false;
        if (error.isAuthFailure() || error.httpStatus == 400 || error.httpStatus == 403) {
            // The refresh token is no longer valid: the next 401 ends the session.
            m_refreshToken.clear();
            m_expiresAtMs = 0;
            m_api->setTokenRefreshable(false);
        } else {
            m_refreshTimer.start(RefreshRetryMs);
        }
        m_api->endTokenRefresh(error);
    });
}

void Session::discoverFlows()
{
    const quint64 attempt = m_attempt;
    ApiCall *call = Endpoints::getLoginFlows(m_api);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this, attempt](const QJsonObject &body) {
        if (attempt != m_attempt)
            return;
        QStringList flows;
        QVariantList providers;
        for (const QJsonValue &flow : body.value(QLatin1String("flows")).toArray()) {
            const QString type = flow.toObject().value(QLatin1String("type")).toString();
            if (!type.isEmpty() && !flows.contains(type))
                flows.append(type);
            if (type != QLatin1String("m.login.sso"))
                continue;
            for (const QJsonValue &idp :
                 flow.toObject().value(QLatin1String("identity_providers")).toArray()) {
                const QString id = idp.toObject().value(QLatin1String("id")).toString();
                const QString name = idp.toObject().value(QLatin1String("name")).toString();
                if (!id.isEmpty())
                    providers.append(
                        QVariantMap{{QStringLiteral("id"), id},
                                    {QStringLiteral("name"), name.isEmpty() ? id : name}});
            }
        }
        m_loginFlows = flows;
        m_ssoProviders = providers;
        discoverOAuth();
    });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &error) {
        if (attempt != m_attempt)
            return;
        // A server answering /versions but not GET /login: only a token can be used.
        if (error.kind == MatrixError::Server || error.kind == MatrixError::MalformedResponse)
            discoverOAuth();
        else
            finishDiscovery(error);
    });
}

void Session::discoverOAuth()
{
    const quint64 attempt = m_attempt;
    ApiCall *call = Endpoints::getAuthMetadata(m_api);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this, attempt](const QJsonObject &body) {
        if (attempt != m_attempt)
            return;
        m_oauth = body.value(QLatin1String("issuer")).isString() &&
                  body.value(QLatin1String("authorization_endpoint")).isString();
        finishDiscovery({});
    });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &) {
        if (attempt != m_attempt)
            return;
        finishDiscovery({}); // 404 M_UNRECOGNIZED: no OAuth 2.0
    });
}

void Session::finishDiscovery(const MatrixError &error)
{
    m_discoveryState = error.isError() ? DiscoveryFailed : Discovered;
    m_discoveryError = describe(error, false);
    emit loginMethodsChanged();
}

void Session::cancelSignIn()
{
    if (m_state != Resolving && m_state != Verifying)
        return;
    ++m_attempt; // whatever still arrives for this attempt is ignored
    if (ApiCall *call = m_call) {
        m_call = nullptr;
        call->abort();
    }
    fail(MatrixError::cancelled(tr("Sign-in cancelled.")));
}

void Session::signOut(bool invalidatePastedToken)
{
    ++m_attempt;
    stopWaitingForBrowser();
    const bool wasSignedIn = m_state == SignedIn;
    if (wasSignedIn && (m_createdDevice || invalidatePastedToken) && m_api->hasAccessToken() &&
        !m_api->isRefreshingToken()) {
        // The token goes into the request now; it is forgotten locally right after. An OAuth 2.0
        // session is revoked at its authorization server (which ends the device too).
        ApiCall *call =
            m_oauthClientId.isEmpty()
                ? Endpoints::logout(m_api)
                : Endpoints::revokeOAuthToken(m_api, m_oauthRevocationEndpoint, m_oauthClientId,
                                              m_accessToken, QStringLiteral("access_token"));
        connect(call, &ApiCall::succeeded, this, [this] { emit serverSignOutFinished({}); });
        connect(call, &ApiCall::downloaded, this, [this] { emit serverSignOutFinished({}); });
        connect(call, &ApiCall::failed, this,
                [this](const MatrixError &error) { emit serverSignOutFinished(error); });
    }
    clearTokens();
    m_createdDevice = false;
    m_userId.clear();
    m_deviceId.clear();
    m_expired = false;
    m_error = {};
    emit errorChanged();
    setState(SignedOut);
    if (wasSignedIn)
        emit signedOut();
}

void Session::tokenRejected(const MatrixError &error)
{
    if (m_state != SignedIn)
        return;
    ++m_attempt;
    clearTokens();
    m_expired = true;
    m_error = error;
    emit errorChanged();
    setState(SignedOut);
}
