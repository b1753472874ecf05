#include "fakehomeserver.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTimer>

FakeHomeserver::FakeHomeserver()
{
    install();
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
}

FakeHomeserver::FakeHomeserver(const QSslConfiguration &tls) : m_tls(true)
{
    install();
    m_server.sslSetup(tls);
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
}

FakeHomeserver::~FakeHomeserver() = default;

void FakeHomeserver::install()
{
    m_server.setMissingHandler([this](const QHttpServerRequest &request,
                                      QHttpServerResponder &&responder) {
        Request r;
        switch (request.method()) {
        case QHttpServerRequest::Method::Get:
            r.method = "GET";
            break;
        case QHttpServerRequest::Method::Post:
            r.method = "POST";
            break;
        case QHttpServerRequest::Method::Put:
            r.method = "PUT";
            break;
        case QHttpServerRequest::Method::Delete:
            r.method = "DELETE";
            break;
        default:
            r.method = "OTHER";
        }
        r.rawPath = request.url().path(QUrl::FullyEncoded).toUtf8();
        r.rawQuery = request.url().query(QUrl::FullyEncoded).toUtf8();
        r.authorization = request.value("Authorization");
        r.body = request.body();
        r.clientPort = responder.socket() ? responder.socket()->peerPort() : 0;
        m_requests << r;
        if (onRequest)
            onRequest(r);

        Reply reply;
        reply.status = 404;
        reply.body = R"({"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"})";
        // The most specific script wins: "/" can be a fallback for whatever else is scripted.
        QList<Reply> *best = nullptr;
        qsizetype bestLength = -1;
        for (auto &[prefix, replies] : m_scripts) {
            if (r.rawPath.startsWith(prefix) && !replies.isEmpty() && prefix.size() > bestLength) {
                best = &replies;
                bestLength = prefix.size();
            }
        }
        if (best)
            reply = best->size() > 1 ? best->takeFirst() : best->first();
        switch (reply.mode) {
        case Reply::Mode::Stall:
            m_kept.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
            return;
        case Reply::Mode::HangUp:
            // The request has been read whole; not a byte of answer.
            responder.socket()->disconnectFromHost();
            return;
        case Reply::Mode::Trickle:
            startTrickle(responder, reply);
            return;
        case Reply::Mode::Hold:
            m_held.push_back({r.rawPath, nullptr, responder.socket(), reply});
            m_held.back().responder = std::make_unique<QHttpServerResponder>(std::move(responder));
            return;
        case Reply::Mode::Answer:
            break;
        }
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
        responder.writeHeader("Content-Type", reply.contentType);
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
        if (!reply.retryAfter.isEmpty())
            responder.writeHeader("Retry-After", reply.retryAfter);
        for (const auto &[name, value] : reply.headers)
            responder.writeHeader(name, value);
        responder.writeBody(reply.body);
    });
}

void FakeHomeserver::startTrickle(QHttpServerResponder &responder, const Reply &reply)
{
    QTcpSocket *socket = responder.socket();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " Trickle\r\n";
    head += "Content-Type: " + reply.contentType + "\r\n";
    if (reply.chunked)
        head += "Transfer-Encoding: chunked\r\n";
    else
        head += "Content-Length: " +
                QByteArray::number(reply.announcedLength >= 0 ? reply.announcedLength
                                                              : reply.body.size()) +
                "\r\n";
    socket->write(head + "\r\n");

    struct State
    {
        qint64 sent = 0;
        bool done = false;
    };
    auto state = std::make_shared<State>();
    auto counters = m_counters;
    // The client closing the connection before the end cuts the answer short.
    QObject::connect(socket, &QTcpSocket::disconnected, socket, [state, counters] {
        if (!state->done) {
            state->done = true;
            ++counters->cut;
        }
    });
    auto *timer = new QTimer(socket); // dies with the connection
    const QPointer<QTcpSocket> guard(socket);
    QObject::connect(timer, &QTimer::timeout, timer, [=] {
        if (state->done || !guard || guard->state() != QAbstractSocket::ConnectedState) {
            timer->stop();
            return;
        }
        const QByteArray piece = reply.body.mid(state->sent, reply.chunkBytes);
        if (reply.chunked)
            guard->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
        else
            guard->write(piece);
        state->sent += piece.size();
        counters->bytes += piece.size();
        if (state->sent >= reply.body.size()) {
            if (reply.chunked)
                guard->write("0\r\n\r\n");
            state->done = true;
            ++counters->completed;
            timer->stop();
        }
    });
    timer->start(reply.intervalMs);
}

QUrl FakeHomeserver::baseUrl() const
{
    return m_tls ? QUrl(QStringLiteral("https://localhost:%1").arg(m_port))
                 : QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void FakeHomeserver::script(const QByteArray &pathPrefix, QList<Reply> replies)
{
    for (auto &entry : m_scripts) {
        if (entry.first == pathPrefix) {
            entry.second = std::move(replies);
            return;
        }
    }
    m_scripts.append({pathPrefix, std::move(replies)});
}

QList<FakeHomeserver::Request> FakeHomeserver::requestsTo(const QByteArray &pathPrefix) const
{
    QList<Request> result;
    for (const Request &r : m_requests)
        if (r.rawPath.startsWith(pathPrefix))
            result << r;
    return result;
}

bool FakeHomeserver::release(const QByteArray &pathPrefix)
{
    for (auto it = m_held.begin(); it != m_held.end(); ++it) {
        if (!it->rawPath.startsWith(pathPrefix))
            continue;
        QHttpServerResponder &responder = *it->responder;
        const Reply &reply = it->reply;
        if (!it->socket || it->socket->state() != QAbstractSocket::ConnectedState) {
            m_held.erase(it); // the client is gone: nothing to answer
            return true;
        }
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
        responder.writeHeader("Content-Type", reply.contentType);
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
        responder.writeBody(reply.body);
        // Kept like a stalled one: the connection lives on for the next request.
        m_kept.push_back(std::move(it->responder));
        m_held.erase(it);
        return true;
    }
    return false;
}
