#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

class QHttpServer;

// Where the system browser comes back at the end of a sign-in in the browser (single sign-on,
// OAuth 2.0): a web server on 127.0.0.1, at a port the system picks, that answers one random path
// only (another local page cannot finish the sign-in for us by guessing it). The browser gets a
// page saying it can close the tab; the sign-in gets the query of the request.
class LoopbackRedirect : public QObject
{
    Q_OBJECT

public:
    explicit LoopbackRedirect(QObject *parent = nullptr);
    ~LoopbackRedirect() override;

    // Starts listening; false (with *error) when no loopback port can be opened.
    bool listen(QString *error);
    // http://127.0.0.1:<port>/<random path>; empty before listen().
    QUrl url() const { return m_url; }
    // Stops listening, after the browser had time to read its page.
    void close();

signals:
    // Once: the browser came back with this query (loginToken=…, or code=…&state=…, or error=…).
    void received(const QUrlQuery &query);

private:
    QPointer<QHttpServer> m_server;
    QUrl m_url;
    bool m_received = false;
};
