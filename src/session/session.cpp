#include "session/session.h"

#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"

#include <QJsonArray>

Session::Session(ApiClient *api, QObject *parent) : QObject(parent), m_api(api) {}

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
} // namespace

QUrl Session::homeserver() const
{
    return m_api->homeserver();
}

QString Session::errorText() const
{
    if (!m_error.isError())
        return {};
    switch (m_error.kind) {
    case MatrixError::Unreachable:
        return tr("Could not reach %1: %2").arg(m_homeserverInput, m_error.message);
    case MatrixError::Tls:
        return tr("The secure connection to %1 failed: %2").arg(m_homeserverInput, m_error.message);
    case MatrixError::Timeout:
        return tr("%1 did not answer in time.").arg(m_homeserverInput);
    case MatrixError::NotMatrix:
    case MatrixError::InvalidInput:
        return m_error.message;
    case MatrixError::Server:
        if (m_expired)
            return m_error.softLogout
                       ? tr("Your session on %1 has expired (%2). Paste a new access token to "
                            "continue where you left off.")
                             .arg(m_homeserverInput, m_error.errcode)
                       : tr("%1 signed this session out (%2). Sign in again.")
                             .arg(m_homeserverInput, m_error.errcode);
        [[fallthrough]];
    default:
        if (m_error.httpStatus == 401 || m_error.isUnknownToken())
            return tr("The access token was rejected by %1 (%2).")
                .arg(m_homeserverInput,
                     m_error.errcode.isEmpty() ? QStringLiteral("HTTP 401") : m_error.errcode);
        return m_error.summary();
    }
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
    m_pendingToken.clear();
    m_api->setAccessToken({});
    m_error = error;
    emit errorChanged();
    setState(SignedOut);
    emit signInFailed(error);
}

void Session::signIn(const QString &homeserver, const QString &accessToken)
{
    ++m_attempt;
    m_homeserverInput = withoutCredentials(homeserver.trimmed());
    m_error = {};
    emit errorChanged();
    const QString token = accessToken.trimmed();
    bool bare = false;
    QString inputError;
    const QUrl candidate = parseHomeserverInput(homeserver, &bare, &inputError);
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
    setState(Resolving);
    if (!bare) {
        checkVersions(candidate);
        return;
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
            fail(MatrixError::notMatrix(
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
            fail(error);
    });
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
            fail(MatrixError::notMatrix(tr("%1 does not look like a Matrix homeserver (no "
                                           "versions in /_matrix/client/versions).")
                                            .arg(m_homeserverInput)));
            return;
        }
        bool hasV1 = false;
        for (const QJsonValue &v : versions.toArray())
            hasV1 |= v.toString().startsWith(QLatin1String("v1."));
        m_api->setClientApiVersion(hasV1 ? QStringLiteral("v3") : QStringLiteral("r0"));
        whoami();
    });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &error) {
        if (attempt != m_attempt)
            return;
        if (error.kind == MatrixError::Server || error.kind == MatrixError::MalformedResponse)
            fail(MatrixError::notMatrix(tr("%1 does not look like a Matrix homeserver (%2).")
                                            .arg(m_homeserverInput, error.summary())));
        else
            fail(error);
    });
}

void Session::whoami()
{
    setState(Verifying);
    m_api->setAccessToken(m_pendingToken);
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
        m_pendingToken.clear();
        m_expired = false;
        setState(SignedIn);
        emit signedIn();
    });
    connect(call, &ApiCall::failed, this, [this, attempt](const MatrixError &error) {
        if (attempt != m_attempt)
            return;
        fail(error);
    });
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

void Session::signOut()
{
    ++m_attempt;
    const bool wasSignedIn = m_state == SignedIn;
    m_api->setAccessToken({});
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
    m_api->setAccessToken({});
    m_expired = true;
    m_error = error;
    emit errorChanged();
    setState(SignedOut);
}
