#include "session/loopbackredirect.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QRandomGenerator>
#include <QTimer>

namespace {

QByteArray page(const QString &title, const QString &text)
{
    // Our own fixed text only (nothing from the request or the server), so nothing to escape
    // beyond what a translation might contain.
    return QStringLiteral("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<title>%1</title><style>body{font-family:sans-serif;margin:4em auto;"
                          "max-width:32em;line-height:1.5}</style></head><body><h1>%1</h1>"
                          "<p>%2</p></body></html>")
        .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
        .toUtf8();
}

} // namespace

LoopbackRedirect::LoopbackRedirect(QObject *parent) : QObject(parent) {}

LoopbackRedirect::~LoopbackRedirect() = default;

bool LoopbackRedirect::listen(QString *error)
{
    if (m_server)
        return true;
    auto *server = new QHttpServer(this); // its routes use this object
    // 128 random bits, hex: unguessable, and a plain path segment.
    QByteArray secret(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(secret.begin(), secret.end());
    const QString path = QString::fromLatin1(secret.toHex());
    server->route(QStringLiteral("/") + path, [this](const QHttpServerRequest &request) {
        const bool first = !m_received;
        m_received = true;
        const QUrlQuery query(request.url());
        const bool failed = query.hasQueryItem(QStringLiteral("error"));
        QHttpServerResponse response(
            QByteArrayLiteral("text/html; charset=utf-8"),
            failed ? page(tr("Sign-in did not finish"),
                          tr("Go back to Concierge to see why and try again. You can close this "
                             "tab."))
                   // Not "signed in" yet: the app still exchanges what came back, and says
                   // how that went.
                   : page(tr("Back to Concierge"),
                          tr("You can close this tab: Concierge finishes signing you in and "
                             "shows how it went.")));
        if (first) {
            // After the answer is on its way: the sign-in may close this server.
            QTimer::singleShot(0, this, [this, query] { emit received(query); });
        }
        return response;
    });
    const quint16 port = server->listen(QHostAddress::LocalHost, 0);
    if (port == 0) {
        delete server;
        *error = tr("Concierge could not open a local port for the browser to come back to.");
        return false;
    }
    m_server = server;
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1/%2").arg(port).arg(path));
    return true;
}

void LoopbackRedirect::close()
{
    if (QHttpServer *server = m_server) {
        m_server = nullptr;
        // The browser's page was answered just now: give it a moment to be sent in full.
        QTimer::singleShot(2000, server, &QObject::deleteLater);
    }
}
