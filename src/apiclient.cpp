#include "apiclient.h"

#include "identifiers.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

ApiCall::ApiCall(QNetworkAccessManager *nam, const QNetworkRequest &request, QByteArray verb,
                 QByteArray body, RetryPolicy policy, QObject *parent)
    : QObject(parent), m_nam(nam), m_request(request), m_verb(std::move(verb)),
      m_body(std::move(body)), m_policy(policy)
{
}

void ApiCall::send()
{
    ++m_attempt;
    m_reply = m_nam->sendCustomRequest(m_request, m_verb, m_body);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onFinished);
}

void ApiCall::abort()
{
    if (m_done)
        return;
    m_aborted = true;
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_reply) {
        m_reply->abort(); // finishes synchronously through onFinished()
        return;
    }
    MatrixError e;
    e.kind = MatrixError::Cancelled;
    e.message = QStringLiteral("Cancelled");
    finish(e, {});
}

void ApiCall::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    if (m_aborted) { // an aborted reply is closed: nothing to read
        MatrixError cancelled;
        cancelled.kind = MatrixError::Cancelled;
        cancelled.message = QStringLiteral("Cancelled");
        finish(cancelled, {});
        return;
    }
    const QByteArray body = reply->readAll();
    QJsonObject json;
    const MatrixError error = MatrixError::fromReply(reply, body, &json);
    if (!error.isError()) {
        finish(error, json);
        return;
    }
    if (m_attempt < m_policy.maxAttempts && error.isRetryable()) {
        qint64 delay;
        if (error.httpStatus == 429 || error.errcode == QLatin1String("M_LIMIT_EXCEEDED")) {
            // Wait exactly as told; without a hint fall back to the backoff schedule.
            delay = error.retryAfterMs >= 0
                        ? error.retryAfterMs
                        : qMin(m_policy.maxBackoffMs, m_policy.initialBackoffMs << (m_attempt - 1));
            if (delay > m_policy.maxRateLimitWaitMs) {
                finish(error, {});
                return;
            }
        } else {
            const qint64 base =
                qMin(m_policy.maxBackoffMs, m_policy.initialBackoffMs << (m_attempt - 1));
            // +-25 % jitter so that many clients don't retry in lockstep.
            const qint64 jitter = base / 4;
            delay = base - jitter +
                    static_cast<qint64>(QRandomGenerator::global()->bounded(2 * jitter + 1));
        }
        emit retrying(m_attempt, delay, error);
        if (!m_retryTimer) {
            m_retryTimer = new QTimer(this);
            m_retryTimer->setSingleShot(true);
            // Precise: a coarse timer may fire up to 5 % early, before the server's Retry-After.
            m_retryTimer->setTimerType(Qt::PreciseTimer);
            connect(m_retryTimer, &QTimer::timeout, this, &ApiCall::send);
        }
        m_retryTimer->start(static_cast<int>(delay));
        return;
    }
    finish(error, {});
}

void ApiCall::finish(const MatrixError &error, const QJsonObject &body)
{
    if (m_done)
        return;
    m_done = true;
    if (error.isError())
        emit failed(error);
    else
        emit succeeded(body);
    deleteLater();
}

ApiClient::ApiClient(QNetworkAccessManager *nam, QObject *parent) : QObject(parent), m_nam(nam)
{
}

QString ApiClient::homeserverUrlError(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("“%1” is not a valid homeserver address.")
            .arg(url.toDisplayString());
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        const QString host = url.host();
        const QHostAddress address(host);
        if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
            (!address.isNull() && address.isLoopback()))
            return {};
        return QStringLiteral("Unencrypted http:// is only allowed for this computer (localhost); "
                              "use https://%1.")
            .arg(host);
    }
    return QStringLiteral("The homeserver address must start with https://.");
}

QByteArray ApiClient::encodePath(const QByteArray &prefix, const QStringList &segments)
{
    QByteArray path = prefix;
    for (const QString &segment : segments) {
        path += '/';
        path += Identifiers::encodePathSegment(segment);
    }
    return path;
}

QByteArray ApiClient::clientPath(const QStringList &segments) const
{
    return encodePath("/_matrix/client/" + m_clientVersion.toLatin1(), segments);
}

QByteArray ApiClient::withQuery(const QByteArray &encodedPath,
                               const QList<std::pair<QString, QString>> &items)
{
    QByteArray result = encodedPath;
    char separator = encodedPath.contains('?') ? '&' : '?';
    for (const auto &[key, value] : items) {
        result += separator + QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
        separator = '&';
    }
    return result;
}

QNetworkRequest ApiClient::buildRequest(const QByteArray &encodedPathAndQuery, int timeoutMs,
                                        bool authenticated) const
{
    const QByteArray base = m_homeserver.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment |
                                                   QUrl::StripTrailingSlash);
    const QUrl url = QUrl::fromEncoded(base + encodedPathAndQuery, QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    // Never follow a redirect to another origin with our Authorization header.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    if (authenticated && !m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken.toUtf8());
    return request;
}

ApiCall *ApiClient::start(const QNetworkRequest &request, const QByteArray &verb,
                          const QByteArray &body, RetryPolicy policy)
{
    auto *call = new ApiCall(m_nam, request, verb, body, policy, this);
    if (const QString err = homeserverUrlError(request.url()); !err.isEmpty()) {
        // Fail on the next event-loop turn so the caller can connect first; nothing is sent.
        QTimer::singleShot(0, call, [call, err] { call->finish(MatrixError::invalidInput(err), {}); });
        return call;
    }
    call->send();
    return call;
}

ApiCall *ApiClient::get(const QByteArray &encodedPathAndQuery, int timeoutMs, bool authenticated)
{
    return start(buildRequest(encodedPathAndQuery, timeoutMs, authenticated), "GET", {},
                 RetryPolicy::none());
}

ApiCall *ApiClient::post(const QByteArray &encodedPath, const QJsonObject &body, RetryPolicy policy,
                         int timeoutMs)
{
    return start(buildRequest(encodedPath, timeoutMs, true), "POST",
                 QJsonDocument(body).toJson(QJsonDocument::Compact), policy);
}

ApiCall *ApiClient::put(const QByteArray &encodedPath, const QJsonObject &body, RetryPolicy policy,
                        int timeoutMs)
{
    return start(buildRequest(encodedPath, timeoutMs, true), "PUT",
                 QJsonDocument(body).toJson(QJsonDocument::Compact), policy);
}

ApiCall *ApiClient::getUrl(const QUrl &url, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader("Accept", "application/json");
    return start(request, "GET", {}, RetryPolicy::none());
}
