#pragma once

#include "matrixerror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

// How a call reacts to transient failures. Membership actions are idempotent on the server
// (joining twice or leaving twice has one effect), so they may be retried; see ApiCall.
struct RetryPolicy
{
    int maxAttempts = 1;          // 1 = no retry
    qint64 initialBackoffMs = 1000;
    qint64 maxBackoffMs = 30000;
    qint64 maxRateLimitWaitMs = 120000; // a longer server-requested wait is reported, not slept
    static RetryPolicy none() { return {}; }
    static RetryPolicy membership() { return {5, 1000, 30000, 120000}; }
};

// One HTTP exchange with the homeserver (possibly several attempts). Emits exactly one of
// succeeded() or failed(), then deletes itself.
class ApiCall : public QObject
{
    Q_OBJECT
public:
    void abort();
    QNetworkRequest request() const { return m_request; }

signals:
    void succeeded(const QJsonObject &body);
    void failed(const MatrixError &error);
    // A transient failure; the call tries again after delayMs.
    void retrying(int attempt, qint64 delayMs, const MatrixError &error);

private:
    friend class ApiClient;
    ApiCall(QNetworkAccessManager *nam, const QNetworkRequest &request, QByteArray verb,
            QByteArray body, RetryPolicy policy, QObject *parent);
    void send();
    void onFinished();
    void finish(const MatrixError &error, const QJsonObject &body);

    QNetworkAccessManager *m_nam;
    QNetworkRequest m_request;
    QByteArray m_verb;
    QByteArray m_body;
    RetryPolicy m_policy;
    int m_attempt = 0;
    bool m_done = false;
    bool m_aborted = false;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
};

// The only place that knows the wire: URL layout, identifier encoding, authentication, JSON
// bodies, timeouts and error mapping. Everything above it speaks in path segments and JSON.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 30000;

    explicit ApiClient(QNetworkAccessManager *nam, QObject *parent = nullptr);

    QNetworkAccessManager *networkAccessManager() const { return m_nam; }

    void setHomeserver(const QUrl &baseUrl) { m_homeserver = baseUrl; }
    QUrl homeserver() const { return m_homeserver; }
    // The token goes into the Authorization header only; it is never logged or put in a URL.
    void setAccessToken(const QString &token) { m_accessToken = token; }
    bool hasAccessToken() const { return !m_accessToken.isEmpty(); }
    // "v3" normally; "r0" for servers whose /versions lists no v1.x.
    void setClientApiVersion(const QString &version) { m_clientVersion = version; }
    QString clientApiVersion() const { return m_clientVersion; }

    // "https://" anywhere; "http://" only to loopback hosts. Returns why not, or empty.
    static QString homeserverUrlError(const QUrl &url);
    // "/_matrix/client/v3/rooms/%21a%3Ab/join"; every segment is percent-encoded as one segment.
    QByteArray clientPath(const QStringList &segments) const;
    static QByteArray encodePath(const QByteArray &prefix, const QStringList &segments);
    // Appends "?k=v&k=v", keys and values percent-encoded (a key may repeat, e.g. via).
    static QByteArray withQuery(const QByteArray &encodedPath,
                                const QList<std::pair<QString, QString>> &items);
    QNetworkRequest buildRequest(const QByteArray &encodedPathAndQuery, int timeoutMs,
                                 bool authenticated) const;

    ApiCall *get(const QByteArray &encodedPathAndQuery, int timeoutMs = DefaultTimeoutMs,
                 bool authenticated = true);
    ApiCall *post(const QByteArray &encodedPath, const QJsonObject &body = {},
                  RetryPolicy policy = RetryPolicy::none(), int timeoutMs = DefaultTimeoutMs);
    ApiCall *put(const QByteArray &encodedPath, const QJsonObject &body = {},
                 RetryPolicy policy = RetryPolicy::none(), int timeoutMs = DefaultTimeoutMs);
    // An absolute URL (e.g. .well-known on another host), unauthenticated.
    ApiCall *getUrl(const QUrl &url, int timeoutMs = DefaultTimeoutMs);

private:
    ApiCall *start(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body,
                   RetryPolicy policy);

    QNetworkAccessManager *m_nam;
    QUrl m_homeserver;
    QString m_accessToken;
    QString m_clientVersion = QStringLiteral("v3");
};
