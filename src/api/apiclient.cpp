#include "api/apiclient.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

#include <cstring>
#include <utility>

namespace {

// The body of a request that Qt must not send twice by itself. When a connection closes before
// any answer, Qt 6.4's QHttpNetworkConnectionChannel re-sends the current request on a new
// connection (reconnectAttempts, up to 3 times, for any verb) after resetting its upload
// device. This device refuses the reset, so Qt fails the reply with ContentReSendError instead,
// and the ApiCall's RetryPolicy decides, knowing the outcome is uncertain.
// Random access (not sequential) so that Qt neither buffers it nor needs a Content-Length from us.
class SendOnceBody : public QIODevice
{
public:
    SendOnceBody(QByteArray data, QObject *parent) : QIODevice(parent), m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    qint64 size() const override { return m_data.size(); }
    bool reset() override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, m_data.size() - pos());
        if (n <= 0)
            return n == 0 ? 0 : -1;
        memcpy(data, m_data.constData() + pos(), static_cast<size_t>(n));
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    const QByteArray m_data;
};

} // namespace

ApiCall::ApiCall(QNetworkAccessManager *nam, const QNetworkRequest &request, HttpRequest spec,
                 QObject *parent)
    : QObject(parent), m_nam(nam), m_request(request), m_spec(std::move(spec)),
      m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, &ApiCall::onDeadline);
}

ApiCall::~ApiCall()
{
    // Destroyed with a request in flight (its owner went away): nobody wants the answer.
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiCall::send()
{
    if (m_done)
        return;
    auto *client = qobject_cast<ApiClient *>(parent());
    if (client && client->isRefreshingToken() && usesAccessToken()) {
        // Never sent with a token that is being replaced: it goes out with the new one.
        waitForTokenRefresh({});
        return;
    }
    if (client && !m_spec.rateLimitBucket.isEmpty()) {
        // The server told this client to wait (a 429 on this bucket, maybe to another call):
        // nothing is sent before the time is up.
        if (const qint64 hold = client->holdRemainingMs(m_spec.rateLimitBucket); hold > 0) {
            emit held(hold, client->holdReason(m_spec.rateLimitBucket));
            if (m_done) // a receiver aborted the call
                return;
            startRetryTimer(hold);
            return;
        }
    }
    ++m_attempt;
    m_deadlinePassed = false;
    m_tooLarge = false;
    m_received.clear();
    if (m_spec.idempotent) {
        m_reply = m_spec.body.isEmpty()
                      ? m_nam->sendCustomRequest(m_request, m_spec.verb)
                      : m_nam->sendCustomRequest(m_request, m_spec.verb, m_spec.body);
    } else {
        // One per attempt, owned by the reply: Qt may read it as long as the reply exists.
        auto *body = new SendOnceBody(m_spec.body, nullptr);
        m_reply = m_nam->sendCustomRequest(m_request, m_spec.verb, body);
        body->setParent(m_reply);
    }
    // The body is read as it arrives, so that a response larger than the endpoint may return is
    // stopped at the cap: memory stays bounded by the cap, not by what the server sends. A
    // bounded read buffer makes Qt's HTTP thread stop reading the socket until we caught up.
    m_reply->setReadBufferSize(qMin<qint64>(m_spec.maxResponseBytes + 1, 1024 * 1024));
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &ApiCall::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onFinished);
    // The deadline covers the whole attempt: a server trickling one byte every few seconds
    // cannot hold a call open (a transfer timeout would restart with every byte).
    m_deadline->start(m_spec.deadlineMs);
    if (client) {
        m_sentAtMs = client->clockMs();
        if (!m_spec.rateLimitBucket.isEmpty())
            client->noteSent(m_spec.rateLimitBucket, m_sentAtMs);
    }
    emit sending(m_attempt);
}

void ApiCall::onMetaData()
{
    // A response that announces more than the endpoint may return is not read at all.
    if (!m_reply || m_tooLarge)
        return;
    bool ok = false;
    const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
    if (ok && announced > m_spec.maxResponseBytes)
        stopTooLarge();
    else if (ok && announced > 0 && m_received.isEmpty())
        // One buffer of the announced size: growing by appends would reallocate it about twenty
        // times for a 13 MB /sync, old and new copies side by side at each step. The 64 bytes
        // more are what a parser reading ahead in blocks needs after the text (SyncResponse's
        // simdjson), so that it reads the answer where it is instead of copying it.
        m_received.reserve(announced + 64);
}

void ApiCall::onReadyRead()
{
    if (m_reply && !m_tooLarge && !takeAvailable(m_reply))
        stopTooLarge();
}

bool ApiCall::takeAvailable(QNetworkReply *reply)
{
    // A reply that was aborted or failed is closed: reading it would only print "QIODevice::read
    // (QNetworkReplyHttpImpl): device not open" on stderr.
    if (!reply->isOpen())
        return true;
    const qint64 room = m_spec.maxResponseBytes - m_received.size();
    // One byte more than the cap allows tells "exactly the cap" from "too large".
    m_received += reply->read(room + 1);
    return m_received.size() <= m_spec.maxResponseBytes;
}

void ApiCall::stopTooLarge()
{
    m_tooLarge = true;
    m_received.clear();
    m_reply->abort(); // finishes synchronously through onFinished()
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
        // What onReadyRead() has not taken yet.
        if (!takeAvailable(reply)) {
            finish(MatrixError::tooLarge(m_spec.maxResponseBytes));
            return;
        }
        bytes = std::exchange(m_received, {});
        error = MatrixError::fromReply(reply, bytes, m_spec.expectJson ? &json : nullptr,
                                       m_spec.expectJson);
    }
    if (error.isUnknownToken() && error.softLogout && !m_resentWithNewToken && usesAccessToken()) {
        auto *client = qobject_cast<ApiClient *>(parent());
        if (client && client->isTokenRefreshable()) {
            // The server did not act on a request it refused with 401: safe to send again.
            m_resentWithNewToken = true;
            const QByteArray current = client->authorizationHeader();
            if (!current.isEmpty() && current != m_request.rawHeader("Authorization") &&
                !client->isRefreshingToken()) {
                // Refreshed while this call was under way: send it with the new token now.
                m_request.setRawHeader("Authorization", current);
                send();
                return;
            }
            waitForTokenRefresh(error);
            client->requestTokenRefresh();
            return;
        }
    }
    if (!error.isError()) {
        if (m_spec.expectJson) {
            // The parsed object is all that is needed: the text (13 MB for a 5,000-room /sync)
            // is not kept alive while the receivers work with the object.
            bytes = QByteArray();
            finish(error, json);
        } else
            finish(error, {}, bytes,
                   reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
        return;
    }
    // No answer after the request went out: the server may have acted on it. Only a request
    // that changes something can be affected, and only the caller knows how to check.
    if ((error.kind == MatrixError::Unreachable || error.kind == MatrixError::Timeout) &&
        requestWritten && m_spec.verb != "GET")
        m_uncertain = true;
    if (error.isRateLimited() && !m_spec.rateLimitBucket.isEmpty()) {
        if (auto *client = qobject_cast<ApiClient *>(parent()))
            client->noteRateLimited(m_spec.rateLimitBucket, m_sentAtMs,
                                    error.retryAfterMs >= 0 ? error.retryAfterMs : backoffMs(),
                                    error);
    }
    if ((m_spec.retry.maxAttempts == 0 || m_attempt < m_spec.retry.maxAttempts) &&
        error.isRetryable()) {
        scheduleRetry(error);
        return;
    }
    finish(error);
}

bool ApiCall::usesAccessToken() const
{
    return m_spec.authenticated && m_spec.absoluteUrl.isEmpty() &&
           m_request.hasRawHeader("Authorization");
}

void ApiCall::waitForTokenRefresh(const MatrixError &failure)
{
    auto *client = qobject_cast<ApiClient *>(parent());
    if (failure.isError())
        m_tokenFailure = failure;
    connect(client, &ApiClient::tokenRefreshEnded, this, &ApiCall::onTokenRefreshEnded,
            Qt::UniqueConnection);
}

void ApiCall::onTokenRefreshEnded(const MatrixError &refreshError)
{
    auto *client = qobject_cast<ApiClient *>(parent());
    disconnect(client, &ApiClient::tokenRefreshEnded, this, &ApiCall::onTokenRefreshEnded);
    if (m_done)
        return;
    const QByteArray header = client->authorizationHeader();
    if (refreshError.isError() || header.isEmpty()) {
        finish(m_tokenFailure.isError() ? m_tokenFailure
               : refreshError.isError() ? refreshError
                                        : MatrixError::cancelled());
        return;
    }
    m_request.setRawHeader("Authorization", header);
    send();
}

qint64 ApiCall::backoffMs() const
{
    const RetryPolicy &policy = m_spec.retry;
    return qMin(policy.maxBackoffMs, policy.initialBackoffMs << qMin(qMax(m_attempt - 1, 0), 16));
}

void ApiCall::startRetryTimer(qint64 delayMs)
{
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        // Precise: a coarse timer may fire up to 5 % early, before the server's Retry-After.
        m_retryTimer->setTimerType(Qt::PreciseTimer);
        connect(m_retryTimer, &QTimer::timeout, this, &ApiCall::send);
    }
    m_retryTimer->start(static_cast<int>(qMin<qint64>(delayMs, 3600 * 1000)));
}

void ApiCall::scheduleRetry(const MatrixError &error)
{
    const RetryPolicy &policy = m_spec.retry;
    const qint64 backoff = backoffMs();
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
    startRetryTimer(delay);
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
    m_clock.start();
}

qint64 ApiClient::clockMs() const
{
    return m_clock.elapsed();
}

QByteArray ApiClient::authorizationHeader() const
{
    return m_accessToken.isEmpty() ? QByteArray() : "Bearer " + m_accessToken.toUtf8();
}

void ApiClient::requestTokenRefresh()
{
    if (m_refreshingToken)
        return; // one refresh for every call that needs it
    m_refreshingToken = true;
    emit tokenRefreshNeeded();
}

void ApiClient::beginTokenRefresh()
{
    m_refreshingToken = true;
}

void ApiClient::endTokenRefresh(const MatrixError &error)
{
    if (!m_refreshingToken)
        return;
    m_refreshingToken = false;
    emit tokenRefreshEnded(error);
}

qint64 ApiClient::holdRemainingMs(const QByteArray &bucket) const
{
    const auto it = m_holds.constFind(bucket);
    return it == m_holds.cend() ? 0 : qMax<qint64>(0, it->untilMs - clockMs());
}

MatrixError ApiClient::holdReason(const QByteArray &bucket) const
{
    return m_holds.value(bucket).reason;
}

void ApiClient::noteSent(const QByteArray &bucket, qint64 atMs)
{
    emit bucketRequestSent(bucket, atMs);
}

void ApiClient::noteRateLimited(const QByteArray &bucket, qint64 sentAtMs, qint64 waitMs,
                                const MatrixError &error)
{
    // Counted from the answer's arrival, like the retry of the call that got it: "exactly as
    // told", never earlier. A later, longer wait extends the hold; a shorter one does not cut it.
    Hold &hold = m_holds[bucket];
    const qint64 until = clockMs() + qMax<qint64>(0, waitMs);
    if (until > hold.untilMs) {
        hold.untilMs = until;
        hold.reason = error;
    }
    emit bucketRateLimited(bucket, sentAtMs, waitMs);
}

void ApiClient::setAccessToken(const QString &token)
{
    const bool had = hasAccessToken();
    m_accessToken = token;
    if (!had && hasAccessToken())
        emit accessTokenSet();
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
        return QCoreApplication::translate("ApiClient",
                                           "Unencrypted http:// is only allowed for this computer "
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
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          spec.contentType.isEmpty() ? QByteArrayLiteral("application/json")
                                                     : spec.contentType);
    request.setRawHeader("Accept", spec.expectJson ? "application/json" : "*/*");
    // Never follow a redirect to another origin with our Authorization header.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    if (spec.authenticated && spec.absoluteUrl.isEmpty() && !m_accessToken.isEmpty())
        request.setRawHeader("Authorization", authorizationHeader());
    return request;
}

ApiCall *ApiClient::send(const HttpRequest &spec)
{
    const QNetworkRequest request = buildRequest(spec);
    HttpRequest capped = spec;
    if (m_deadlineCapMs > 0)
        capped.deadlineMs = qMin(capped.deadlineMs, m_deadlineCapMs);
    auto *call = new ApiCall(m_nam, request, capped, this);
    QString refusal = spec.invalidReason;
    if (refusal.isEmpty())
        refusal = homeserverUrlError(request.url());
    if (!refusal.isEmpty()) {
        // Fail on the next event-loop turn so the caller can connect first; nothing is sent.
        QTimer::singleShot(0, call,
                           [call, refusal] { call->finish(MatrixError::invalidInput(refusal)); });
        return call;
    }
    // The first attempt goes out on the next event-loop turn, so that the caller has connected
    // to every signal (sending(1) included) before anything happens.
    QTimer::singleShot(0, call, &ApiCall::send);
    return call;
}
