#include "api/apiclient.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

ApiCall::ApiCall(QNetworkAccessManager *nam, const QNetworkRequest &request, HttpRequest spec,
                 QObject *parent)
    : QObject(parent), m_nam(nam), m_request(request), m_spec(std::move(spec)),
      m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, &ApiCall::onDeadline);
}

void ApiCall::send()
{
    ++m_attempt;
    m_deadlinePassed = false;
    m_tooLarge = false;
    m_reply = m_nam->sendCustomRequest(m_request, m_spec.verb, m_spec.body);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onFinished);
    const qint64 cap = m_spec.maxResponseBytes;
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this, cap](qint64 received, qint64 total) {
        // Stop a response as soon as it announces or reaches more than the endpoint may return:
        // memory stays bounded by the cap, not by what the server sends.
        if ((received > cap || total > cap) && m_reply && !m_tooLarge) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    // The deadline covers the whole attempt: a server trickling one byte every few seconds
    // cannot hold a call open (a transfer timeout would restart with every byte).
    m_deadline->start(m_spec.deadlineMs);
    emit sending(m_attempt);
}

void ApiCall::abort()
{
    if (m_done)
        return;
    m_aborted = true;
    if (m_retryTimer)
        m_retryTimer->stop();
    m_deadline->stop();
    if (m_reply) {
        m_reply->abort(); // finishes synchronously through onFinished()
        return;
    }
    finish(MatrixError::cancelled());
}

void ApiCall::onDeadline()
{
    if (!m_reply)
        return;
    m_deadlinePassed = true;
    m_reply->abort();
}

void ApiCall::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    m_deadline->stop();
    reply->deleteLater();
    if (m_aborted) { // an aborted reply is closed: nothing to read
        finish(MatrixError::cancelled());
        return;
    }
    const bool requestWritten = reply->error() != QNetworkReply::ConnectionRefusedError &&
                                reply->error() != QNetworkReply::HostNotFoundError &&
                                reply->error() != QNetworkReply::SslHandshakeFailedError;
    if (m_tooLarge) {
        finish(MatrixError::tooLarge(m_spec.maxResponseBytes));
        return;
    }
    MatrixError error;
    QJsonObject json;
    QByteArray bytes;
    if (m_deadlinePassed) {
        error = MatrixError::timeout(m_spec.deadlineMs);
    } else {
        // A reply Qt closed after a network error has nothing to read (and says so on stderr).
        bytes = reply->isOpen() ? reply->readAll() : QByteArray();
        error = MatrixError::fromReply(reply, bytes, m_spec.expectJson ? &json : nullptr,
                                       m_spec.expectJson);
    }
    if (!error.isError()) {
        if (m_spec.expectJson)
            finish(error, json);
        else
            finish(error, {}, bytes, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
        return;
    }
    // No answer after the request went out: the server may have acted on it. Only a request
    // that changes something can be affected, and only the caller knows how to check.
    if ((error.kind == MatrixError::Unreachable || error.kind == MatrixError::Timeout) &&
        requestWritten && m_spec.verb != "GET")
        m_uncertain = true;
    if ((m_spec.retry.maxAttempts == 0 || m_attempt < m_spec.retry.maxAttempts) &&
        error.isRetryable()) {
        scheduleRetry(error);
        return;
    }
    finish(error);
}

void ApiCall::scheduleRetry(const MatrixError &error)
{
    const RetryPolicy &policy = m_spec.retry;
    const qint64 backoff =
        qMin(policy.maxBackoffMs, policy.initialBackoffMs << qMin(m_attempt - 1, 16));
    qint64 delay;
    if (error.isRateLimited()) {
        // Wait exactly as told; without a hint fall back to the backoff schedule.
        delay = error.retryAfterMs >= 0 ? error.retryAfterMs : backoff;
        if (delay > policy.maxRateLimitWaitMs) {
            finish(error);
            return;
        }
    } else {
        // +-25 % jitter so that many clients don't retry in lockstep.
        const qint64 jitter = backoff / 4;
        delay = backoff - jitter +
                static_cast<qint64>(QRandomGenerator::global()->bounded(2 * jitter + 1));
    }
    emit retrying(m_attempt, delay, error);
    if (m_done) // a receiver aborted the call
        return;
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        // Precise: a coarse timer may fire up to 5 % early, before the server's Retry-After.
        m_retryTimer->setTimerType(Qt::PreciseTimer);
        connect(m_retryTimer, &QTimer::timeout, this, &ApiCall::send);
    }
    m_retryTimer->start(static_cast<int>(qMin<qint64>(delay, 3600 * 1000)));
}

void ApiCall::finish(const MatrixError &error, const QJsonObject &body, const QByteArray &bytes,
                     const QByteArray &contentType)
{
    if (m_done)
        return;
    m_done = true;
    m_deadline->stop();
    if (m_retryTimer)
        m_retryTimer->stop();
    if (error.isError())
        emit failed(error);
    else if (m_spec.expectJson)
        emit succeeded(body);
    else
        emit downloaded(bytes, contentType);
    deleteLater();
}

ApiClient::ApiClient(QNetworkAccessManager *nam, QObject *parent) : QObject(parent), m_nam(nam)
{
}

QString ApiClient::homeserverUrlError(const QUrl &url)
{
    // Never echo a URL that carries credentials: the message names only the host.
    if (!url.userInfo().isEmpty())
        return QCoreApplication::translate(
            "ApiClient", "The homeserver address must not contain a user name or password.");
    if (!url.isValid() || url.host().isEmpty())
        return QCoreApplication::translate("ApiClient", "“%1” is not a valid homeserver address.")
            .arg(url.toDisplayString(QUrl::RemoveUserInfo));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        const QString host = url.host();
        const QHostAddress address(host);
        if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
            (!address.isNull() && address.isLoopback()))
            return {};
        return QCoreApplication::translate(
                   "ApiClient", "Unencrypted http:// is only allowed for this computer "
                                "(localhost); use https://%1.")
            .arg(host);
    }
    return QCoreApplication::translate("ApiClient",
                                       "The homeserver address must start with https://.");
}

QNetworkRequest ApiClient::buildRequest(const HttpRequest &spec) const
{
    QUrl url = spec.absoluteUrl;
    if (url.isEmpty()) {
        const QByteArray base = m_homeserver.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment |
                                                       QUrl::StripTrailingSlash);
        url = QUrl::fromEncoded(base + spec.pathAndQuery, QUrl::StrictMode);
    }
    QNetworkRequest request(url);
    if (!spec.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", spec.expectJson ? "application/json" : "*/*");
    // Never follow a redirect to another origin with our Authorization header.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    if (spec.authenticated && spec.absoluteUrl.isEmpty() && !m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken.toUtf8());
    return request;
}

ApiCall *ApiClient::send(const HttpRequest &spec)
{
    const QNetworkRequest request = buildRequest(spec);
    auto *call = new ApiCall(m_nam, request, spec, this);
    QString refusal = spec.invalidReason;
    if (refusal.isEmpty())
        refusal = homeserverUrlError(request.url());
    if (!refusal.isEmpty()) {
        // Fail on the next event-loop turn so the caller can connect first; nothing is sent.
        QTimer::singleShot(0, call, [call, refusal] { call->finish(MatrixError::invalidInput(refusal)); });
        return call;
    }
    call->send();
    return call;
}
