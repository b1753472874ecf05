#pragma once

#include <QByteArray>
#include <QHttpServer>
#include <QList>
#include <QUrl>
#include <memory>
#include <vector>

class QHttpServerResponder;
class QSslConfiguration;

// An in-process homeserver for what a real Synapse won't do on demand: scripted statuses
// (429, 5xx), odd headers, malformed bodies. Records every request it receives.
class FakeHomeserver
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray rawPath;  // as sent on the wire: still percent-encoded
        QByteArray rawQuery;
        QByteArray authorization;
        QByteArray body;
    };
    struct Reply
    {
        Reply(int status_ = 200, QByteArray body_ = "{}", QByteArray retryAfter_ = {},
              QByteArray contentType_ = "application/json")
            : status(status_), body(std::move(body_)), retryAfter(std::move(retryAfter_)),
              contentType(std::move(contentType_))
        {
        }
        static Reply stall()
        {
            Reply r;
            r.stalls = true;
            return r;
        }
        int status;
        bool stalls = false; // never answer (a stalled server)
        QByteArray body;
        QByteArray retryAfter; // Retry-After header value, if any
        QByteArray contentType;
    };

    FakeHomeserver();
    // An HTTPS server: baseUrl() is then https://localhost:<port>.
    explicit FakeHomeserver(const QSslConfiguration &tls);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;

    // Replies for requests whose path starts with pathPrefix, consumed in order; the last one
    // repeats. Paths with no script get 404 M_UNRECOGNIZED.
    void script(const QByteArray &pathPrefix, QList<Reply> replies);
    const QList<Request> &requests() const { return m_requests; }
    QList<Request> requestsTo(const QByteArray &pathPrefix) const;
    void clear() { m_requests.clear(); }

private:
    void install();
    bool m_tls = false;
    QHttpServer m_server;
    quint16 m_port = 0;
    QList<Request> m_requests;
    QList<std::pair<QByteArray, QList<Reply>>> m_scripts;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_stalled;
};
