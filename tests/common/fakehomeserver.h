#pragma once

#include "api/apiclient.h"

#include <QByteArray>
#include <QHttpServer>
#include <QList>
#include <QPointer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>
#include <functional>
#include <memory>
#include <vector>

class QHttpServerResponder;
class QSslConfiguration;

// An in-process homeserver for what a real Synapse won't do on demand: scripted statuses
// (429, 5xx), odd headers, malformed bodies, answers that trickle in, grow without end or never
// come. Records every request it receives, as it arrived on the wire.
class FakeHomeserver
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray rawPath; // as sent on the wire: still percent-encoded
        QByteArray rawQuery;
        QByteArray authorization;
        QByteArray body;
        quint16 clientPort = 0; // tells connections apart: the same port = a kept-alive connection
    };
    struct Reply
    {
        enum class Mode {
            Answer,  // status, headers and body at once
            Stall,   // never a byte: a stalled server
            Trickle, // status and headers at once, then the body in pieces
            HangUp,  // read the request whole, then close the connection without a byte of answer
            Hold,    // the answer waits until the test calls release(): an order of answers
        };
        Reply(int status_ = 200, QByteArray body_ = "{}", QByteArray retryAfter_ = {},
              QByteArray contentType_ = "application/json")
            : status(status_), body(std::move(body_)), retryAfter(std::move(retryAfter_)),
              contentType(std::move(contentType_))
        {}
        static Reply stall()
        {
            Reply r;
            r.mode = Mode::Stall;
            return r;
        }
        // Answered (status, headers and body at once) when the test calls release().
        static Reply held(int status, QByteArray body)
        {
            Reply r(status, std::move(body));
            r.mode = Mode::Hold;
            return r;
        }
        static Reply hangUp()
        {
            Reply r;
            r.mode = Mode::HangUp;
            return r;
        }
        // The body in pieces of chunkBytes, one every intervalMs. With a Content-Length (the
        // body's size, or announcedLength when >= 0), or chunked transfer encoding (no length
        // known in advance) when `chunked`.
        static Reply trickle(int status, QByteArray body, int chunkBytes, int intervalMs,
                             bool chunked = false)
        {
            Reply r(status, std::move(body));
            r.mode = Mode::Trickle;
            r.chunkBytes = chunkBytes;
            r.intervalMs = intervalMs;
            r.chunked = chunked;
            return r;
        }
        int status;
        Mode mode = Mode::Answer;
        QByteArray body;
        QByteArray retryAfter; // Retry-After header value, if any
        QByteArray contentType;
        QList<std::pair<QByteArray, QByteArray>> headers; // more headers (e.g. Location)
        qint64 announcedLength = -1; // Trickle: a Content-Length other than the body's size
        int chunkBytes = 1;
        int intervalMs = 0;
        bool chunked = false;
    };

    FakeHomeserver();
    // An HTTPS server: baseUrl() is then https://localhost:<port>.
    explicit FakeHomeserver(const QSslConfiguration &tls);
    ~FakeHomeserver();
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;

    // Replies for requests whose path starts with pathPrefix (the longest matching prefix wins),
    // consumed in order; the last one repeats. Paths with no script get 404 M_UNRECOGNIZED.
    void script(const QByteArray &pathPrefix, QList<Reply> replies);
    const QList<Request> &requests() const { return m_requests; }
    QList<Request> requestsTo(const QByteArray &pathPrefix) const;
    void clear() { m_requests.clear(); }
    // Called with each request as it arrives, before it is answered (e.g. to read what the
    // client had stored by then).
    std::function<void(const Request &)> onRequest;
    // Sends the oldest held answer (Reply::held) to a request whose path starts with pathPrefix.
    // False if none is waiting.
    bool release(const QByteArray &pathPrefix);
    int heldCount() const { return int(m_held.size()); }

    // Trickled answers: how many were sent to their end, and how many the client cut short by
    // closing the connection (after how many body bytes in all).
    int tricklesCompleted() const { return m_counters->completed; }
    int tricklesCut() const { return m_counters->cut; }
    qint64 trickledBytes() const { return m_counters->bytes; }

private:
    void install();
    void startTrickle(QHttpServerResponder &responder, const Reply &reply);
    bool m_tls = false;
    QHttpServer m_server;
    quint16 m_port = 0;
    QList<Request> m_requests;
    QList<std::pair<QByteArray, QList<Reply>>> m_scripts;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_kept;
    struct Held
    {
        QByteArray rawPath;
        std::unique_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket; // gone when the client gave up waiting
        Reply reply;
    };
    std::vector<Held> m_held;
    struct Counters
    {
        int completed = 0;
        int cut = 0;
        qint64 bytes = 0;
    };
    // Shared with the timers that trickle, which live as long as their connection.
    std::shared_ptr<Counters> m_counters = std::make_shared<Counters>();
};

// Records the one outcome of an ApiCall (which deletes itself afterwards) and what led to it.
// Use as QVERIFY(recorder.wait()): a call that never ends fails the test.
class CallRecorder
{
public:
    explicit CallRecorder(ApiCall *call) : spec(call->spec())
    {
        QObject::connect(call, &ApiCall::sending, &m_context, [this](int) { ++sendings; });
        QObject::connect(call, &ApiCall::retrying, &m_context,
                         [this](int attempt, qint64 delayMs, const MatrixError &e) {
                             retries.append({attempt, delayMs});
                             retryErrors.append(e);
                         });
        QObject::connect(call, &ApiCall::succeeded, &m_context,
                         [this, call](const QJsonObject &body) {
                             json = body;
                             end(call);
                         });
        QObject::connect(call, &ApiCall::downloaded, &m_context,
                         [this, call](const QByteArray &data, const QByteArray &type) {
                             bytes = data;
                             contentType = type;
                             end(call);
                         });
        QObject::connect(call, &ApiCall::failed, &m_context, [this, call](const MatrixError &e) {
            error = e;
            end(call);
        });
    }
    CallRecorder(const CallRecorder &) = delete;
    CallRecorder &operator=(const CallRecorder &) = delete;

    bool wait(int timeoutMs = 15000)
    {
        return QTest::qWaitFor([this] { return outcomes > 0; }, timeoutMs);
    }

    const HttpRequest spec;
    int outcomes = 0;  // exactly one, ever
    MatrixError error; // NoError after succeeded() or downloaded()
    QJsonObject json;
    QByteArray bytes;
    QByteArray contentType;
    int attempts = 0;
    bool uncertain = false;
    int sendings = 0;
    QList<std::pair<int, qint64>> retries; // (attempt, delayMs)
    QList<MatrixError> retryErrors;

private:
    void end(ApiCall *call)
    {
        ++outcomes;
        attempts = call->attempts();
        uncertain = call->outcomeUncertain();
    }
    QObject m_context;
};
