#include "fakehomeserver.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSslConfiguration>

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

void FakeHomeserver::install()
{
    m_server.setMissingHandler([this](const QHttpServerRequest &request,
                                      QHttpServerResponder &&responder) {
        Request r;
        switch (request.method()) {
        case QHttpServerRequest::Method::Get: r.method = "GET"; break;
        case QHttpServerRequest::Method::Post: r.method = "POST"; break;
        case QHttpServerRequest::Method::Put: r.method = "PUT"; break;
        case QHttpServerRequest::Method::Delete: r.method = "DELETE"; break;
        default: r.method = "OTHER";
        }
        r.rawPath = request.url().path(QUrl::FullyEncoded).toUtf8();
        r.rawQuery = request.url().query(QUrl::FullyEncoded).toUtf8();
        r.authorization = request.value("Authorization");
        r.body = request.body();
        m_requests << r;

        Reply reply;
        reply.status = 404;
        reply.body = R"({"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"})";
        for (auto &[prefix, replies] : m_scripts) {
            if (r.rawPath.startsWith(prefix) && !replies.isEmpty()) {
                reply = replies.size() > 1 ? replies.takeFirst() : replies.first();
                break;
            }
        }
        if (reply.stalls) {
            m_stalled.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
            return;
        }
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
        responder.writeHeader("Content-Type", reply.contentType);
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
        if (!reply.retryAfter.isEmpty())
            responder.writeHeader("Retry-After", reply.retryAfter);
        responder.writeBody(reply.body);
    });
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
