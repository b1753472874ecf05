#pragma once

// Layer api/: the wire. ApiClient sends what an endpoint function (endpoints.h) described and
// turns every answer into exactly one outcome: a JSON object, raw bytes, or a MatrixError.

#include "api/matrixerror.h"
#include "api/wirelimits.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

// How a call reacts to transient failures (rate limits, 5xx, lost connections). Whether a request
// that is not idempotent is sent again is decided here and only here: Qt's own network layer is
// kept from re-sending it (see HttpRequest::idempotent).
struct RetryPolicy
{
    int maxAttempts = 1; // 1 = no retry; 0 = until the call succeeds, fails for good or is aborted
    qint64 initialBackoffMs = 1000;
    qint64 maxBackoffMs = 30000;
    qint64 maxRateLimitWaitMs = 120000; // a longer server-requested wait is reported, not slept
    static RetryPolicy none() { return {}; }
    // A bounded budget (about 15 s of backoff): scripts get an answer.
    static RetryPolicy bounded() { return {5, 1000, 8000, 120000}; }
    // Waits for the server to come back, however long it takes: the GUI, where the user sees the
    // wait and can cancel it.
    static RetryPolicy untilCancelled() { return {0, 1000, 30000, 3600 * 1000}; }
};

// What one endpoint asks of the wire. Only endpoints.cpp builds these.
struct HttpRequest
{
    QByteArray verb = "GET";
    QByteArray pathAndQuery; // percent-encoded, relative to the homeserver
    QUrl absoluteUrl;        // instead of pathAndQuery: another origin, never authenticated
    QByteArray body;         // compact JSON (or contentType), or empty for GET
    // The body's type when it is not JSON (an OAuth 2.0 token endpoint's form).
    QByteArray contentType;
    bool authenticated = true;
    bool expectJson = true; // false: the body comes back as bytes (downloaded())
    // Sending it twice has the effect of sending it once (GET; a search). Only then may Qt's
    // HTTP layer re-send it by itself when a connection closes before the answer (Qt 6.4 does,
    // outside any policy, ~20 ms later). Otherwise exactly one copy goes out per attempt: a lost
    // answer fails the attempt (outcomeUncertain() for a POST) and `retry` alone decides.
    bool idempotent = false;
    int deadlineMs = Timeouts::Default;
    qint64 maxResponseBytes = Limits::DefaultResponseBytes;
    RetryPolicy retry;
    // The server's rate-limit bucket the request counts against (ApiClient::MembershipBucket),
    // or empty. A 429 on a request of a bucket holds every request of that bucket, from any
    // caller, until the server's wait is over (ApiClient::holdRemainingMs).
    QByteArray rateLimitBucket;
    // Set by the endpoint when an argument cannot be sent; the call then fails with InvalidInput
    // on the next event-loop turn and nothing reaches the network.
    QString invalidReason;
};

// One request to the homeserver (possibly several attempts). Nothing is sent before control
// returns to the event loop, so connect right after ApiClient::send(). Emits exactly one of
// succeeded(), downloaded() or failed(), then deletes itself.
class ApiCall : public QObject
{
    Q_OBJECT
public:
    ~ApiCall() override;
    // Ends the call with a Cancelled error (synchronously); nothing else is emitted after it.
    void abort();
    QUrl url() const { return m_request.url(); }
    // What the endpoint asked for (deadline, size cap, retry policy), for tests and diagnostics.
    const HttpRequest &spec() const { return m_spec; }
    int attempts() const { return m_attempt; }
    // True when an attempt of this call may have reached the server and changed something
    // although no answer came back (the connection dropped or the deadline passed after the
    // request was written). The caller then has to find out before claiming failure.
    bool outcomeUncertain() const { return m_uncertain; }
    // Puts the call in a rate-limit bucket (see HttpRequest::rateLimitBucket). Call right after
    // ApiClient::send(), before control returns to the event loop.
    void setRateLimitBucket(const QByteArray &bucket) { m_spec.rateLimitBucket = bucket; }

signals:
    void succeeded(const QJsonObject &body);
    void downloaded(const QByteArray &bytes, const QByteArray &contentType);
    void failed(const MatrixError &error);
    // An attempt is being sent (1 for the first).
    void sending(int attempt);
    // A transient failure; the call tries again after delayMs.
    void retrying(int attempt, qint64 delayMs, const MatrixError &error);
    // The next attempt is held back delayMs because the server told this client to slow down
    // (a 429 on a request of the same bucket, see ApiClient::holdRemainingMs); reason is that 429.
    void held(qint64 delayMs, const MatrixError &reason);

private:
    friend class ApiClient;
    ApiCall(QNetworkAccessManager *nam, const QNetworkRequest &request, HttpRequest spec,
            QObject *parent);
    void send();
    void onMetaData();
    void onReadyRead();
    bool takeAvailable(QNetworkReply *reply);
    void onFinished();
    void onDeadline();
    void stopTooLarge();
    void scheduleRetry(const MatrixError &error);
    qint64 backoffMs() const;
    void startRetryTimer(qint64 delayMs);
    void finish(const MatrixError &error, const QJsonObject &body = {},
                const QByteArray &bytes = {}, const QByteArray &contentType = {});
    bool usesAccessToken() const;
    // Waits for ApiClient's token refresh to end; then sends again with the new token, or fails
    // with failure (or the refresh's own error when failure is none).
    void waitForTokenRefresh(const MatrixError &failure);
    void onTokenRefreshEnded(const MatrixError &refreshError);

    QNetworkAccessManager *m_nam;
    QNetworkRequest m_request;
    HttpRequest m_spec;
    int m_attempt = 0;
    qint64 m_sentAtMs = 0; // ApiClient::clockMs() when the current attempt went out
    bool m_done = false;
    bool m_aborted = false;
    bool m_deadlinePassed = false;
    bool m_tooLarge = false;
    bool m_uncertain = false;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_received; // the body of the current attempt so far, at most the cap
    QTimer *m_retryTimer = nullptr;
    QTimer *m_deadline = nullptr;
    bool m_resentWithNewToken = false; // a 401 after a refresh is final
    MatrixError m_tokenFailure;        // the 401 that made this call wait for a refresh
};

// The connection to one homeserver: base URL, client API version, access token. It knows
// headers, authentication, TLS and error mapping; what to ask (paths, queries, bodies) is
// endpoints.h's business.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(QNetworkAccessManager *nam, QObject *parent = nullptr);

    void setHomeserver(const QUrl &baseUrl) { m_homeserver = baseUrl; }
    QUrl homeserver() const { return m_homeserver; }
    // The token goes into the Authorization header only; it is never logged or put in a URL.
    void setAccessToken(const QString &token);
    bool hasAccessToken() const { return !m_accessToken.isEmpty(); }
    // "v3" normally; "r0" for servers whose /versions lists no v1.x.
    void setClientApiVersion(const QString &version) { m_clientVersion = version; }
    QString clientApiVersion() const { return m_clientVersion; }

    // "https://" anywhere; "http://" only to loopback hosts; never a user name or password in
    // the address. Returns why not (without echoing any credentials), or empty.
    static QString homeserverUrlError(const QUrl &url);

    ApiCall *send(const HttpRequest &request);

    // --- Token refresh ---
    // Set by the session while it holds a refresh token. Then a call that the server answers
    // 401 M_UNKNOWN_TOKEN with soft_logout asks for a refresh (tokenRefreshNeeded(), once for
    // all such calls) and waits; when the session ends the refresh (endTokenRefresh) the call is
    // sent again, once, with the new token. A 401 after that, or a failed refresh, fails it.
    void setTokenRefreshable(bool refreshable) { m_tokenRefreshable = refreshable; }
    bool isTokenRefreshable() const { return m_tokenRefreshable; }
    // A refresh is under way: every call that carries the access token waits for its end before
    // it is sent (it is never sent with a token that is being replaced).
    bool isRefreshingToken() const { return m_refreshingToken; }
    // The session starts a refresh of its own (before the token expires).
    void beginTokenRefresh();
    // The refresh ended: error none = the new token is set (setAccessToken) and the waiting calls
    // go out with it; else they fail (a call that had its own 401 with that 401).
    void endTokenRefresh(const MatrixError &error = {});

    // Tests: no attempt waits longer than this for an answer (0: each endpoint's own deadline).
    void setDeadlineCap(int ms) { m_deadlineCapMs = ms; }

    // The bucket of every membership change (join, leave, invite, forget, kick, ban…): Synapse
    // counts them against one limit (rc_message), so a 429 on one holds all of them.
    static constexpr const char *MembershipBucket = "membership";
    // How long requests of bucket must still wait because the server answered one of them with
    // a 429 (Retry-After, else retry_after_ms, else the retry backoff): 0 when free. Nothing of
    // that bucket is sent meanwhile, by any caller.
    qint64 holdRemainingMs(const QByteArray &bucket) const;
    // A steady clock (ms) shared by the signals below; never goes back.
    qint64 clockMs() const;

signals:
    // An attempt of a request in bucket went out.
    void bucketRequestSent(const QByteArray &bucket, qint64 atMs);
    // The server answered a request of bucket, sent at sentAtMs, with a 429: nothing of the
    // bucket goes out before clockMs() + waitMs (the answer's arrival plus the wait it asked).
    void bucketRateLimited(const QByteArray &bucket, qint64 sentAtMs, qint64 waitMs);
    // A call got 401 M_UNKNOWN_TOKEN (soft logout) while the token is refreshable: the session
    // refreshes it and calls endTokenRefresh(). Calls wait meanwhile.
    void tokenRefreshNeeded();
    // endTokenRefresh() was called (for the waiting calls).
    void tokenRefreshEnded(const MatrixError &error);
    // A token was set where there was none (signed in, or a remembered session being checked):
    // what waited for one can be sent.
    void accessTokenSet();

private:
    friend class ApiCall;
    QNetworkRequest buildRequest(const HttpRequest &spec) const;
    void noteSent(const QByteArray &bucket, qint64 atMs);
    void noteRateLimited(const QByteArray &bucket, qint64 sentAtMs, qint64 waitMs,
                         const MatrixError &error);
    MatrixError holdReason(const QByteArray &bucket) const;
    void requestTokenRefresh();
    QByteArray authorizationHeader() const;

    QNetworkAccessManager *m_nam;
    QUrl m_homeserver;
    QString m_accessToken;
    QString m_clientVersion = QStringLiteral("v3");
    int m_deadlineCapMs = 0;
    bool m_tokenRefreshable = false;
    bool m_refreshingToken = false;
    QElapsedTimer m_clock;
    struct Hold
    {
        qint64 untilMs = 0;
        MatrixError reason;
    };
    QHash<QByteArray, Hold> m_holds;
};
