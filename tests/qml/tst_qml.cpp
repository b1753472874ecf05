// Qt Quick Test runner for the Concierge.Ui pages, dialogs and delegates (tst_*.qml in this
// directory). The UI and core QML modules are static: import their plugins and add the qrc
// import path.
//
// Each test file's engine also gets the singleton TestBackend (import Concierge.Test): real
// AppServices (no keychain) talking to an in-process fake homeserver, so that pages and dialogs
// run real Operations through the real MembershipService, and rooms come from /sync JSON
// applied to the real RoomStore. The bulk queue (services.jobs) keeps its journal in a store file
// of the test's own (openJobs), so that the pages can submit real jobs to the fake server.
#include "accountmanager.h"
#include "appservices.h"
#include "fakehomeserver.h"
#include "platform/colorscheme.h"
#include "sync/roomstore.h"

#include <QJsonDocument>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Concierge_CorePlugin)
Q_IMPORT_QML_PLUGIN(Concierge_UiPlugin)

class TestBackend : public QObject
{
    Q_OBJECT
    Q_PROPERTY(AppServices *services READ services CONSTANT)
    Q_PROPERTY(QString userId READ userId CONSTANT)
    // Several accounts (the accounts overview): real AppServices per slot, signing in against
    // the fake server; made at the first use, with one slot not signed in.
    Q_PROPERTY(AccountManager *accounts READ accounts CONSTANT)

public:
    explicit TestBackend(QObject *parent = nullptr)
        : QObject(parent),
          m_services(new AppServices(
              AppServices::Options{.useKeychain = false, .syncAfterSignIn = false}, this))
    {}

    // The queue lets go of its journal's lock before the folder that holds it is removed.
    ~TestBackend() override { m_services->jobs()->close(); }

    AppServices *services() const { return m_services; }
    QString userId() const { return QStringLiteral("@me:example.org"); }
    AccountManager *accounts()
    {
        if (!m_accounts) {
            m_accounts = new AccountManager(
                AppServices::Options{.useKeychain = false, .syncAfterSignIn = false}, this);
            m_accounts->openUnsignedSlot();
        }
        return m_accounts;
    }

    // Requests go to the fake server with a token, as after a sign-in (without the sign-in page).
    Q_INVOKABLE void connectToServer()
    {
        m_services->api()->setHomeserver(m_server.baseUrl());
        m_services->api()->setAccessToken(QStringLiteral("test-token"));
        m_services->store()->setOwnUserId(userId());
        m_services->history()->setOwnUserId(userId());
        m_services->members()->setOwnUserId(userId());
    }
    // The bulk queue's journal in a fresh store file: no jobs. False if it cannot be opened.
    Q_INVOKABLE bool openJobs()
    {
        m_services->jobs()->close();
        if (!m_jobsDir.isValid())
            return false;
        const QString path =
            m_jobsDir.filePath(QStringLiteral("store-%1.sqlite").arg(++m_jobsFiles));
        return m_services->jobs()->open(path);
    }
    // Closes the queue: every job is refused (JobQueue.lastError says why).
    Q_INVOKABLE void closeJobs() { m_services->jobs()->close(); }
    // The app's light/dark palettes as main.cpp applies them ("light", "dark", "system"); no
    // D-Bus here, so "system" is the platform palette's own scheme.
    Q_INVOKABLE bool setColorScheme(const QString &name)
    {
        const auto choice = ColorScheme::parseChoice(name);
        if (!choice)
            return false;
        m_colorScheme.setChoice(*choice);
        if (!m_colorSchemeStarted) {
            m_colorScheme.start(QDBusConnection(QStringLiteral("no-bus")));
            m_colorSchemeStarted = true;
        }
        return true;
    }
    // The paths of the requests received so far that start with pathPrefix, in order.
    Q_INVOKABLE QStringList requestPaths(const QString &pathPrefix) const
    {
        QStringList paths;
        const auto requests = m_server.requestsTo(pathPrefix.toUtf8());
        for (const auto &request : requests)
            paths << QString::fromUtf8(request.rawPath);
        return paths;
    }
    // The bodies of the requests received so far that start with pathPrefix, in order.
    Q_INVOKABLE QStringList requestBodies(const QString &pathPrefix) const
    {
        QStringList bodies;
        const auto requests = m_server.requestsTo(pathPrefix.toUtf8());
        for (const auto &request : requests)
            bodies << QString::fromUtf8(request.body);
        return bodies;
    }
    // The query strings (still percent-encoded, without "?") of the requests received so far
    // that start with pathPrefix, in order: e.g. GET /publicRooms' since and server.
    Q_INVOKABLE QStringList requestQueries(const QString &pathPrefix) const
    {
        QStringList queries;
        const auto requests = m_server.requestsTo(pathPrefix.toUtf8());
        for (const auto &request : requests)
            queries << QString::fromUtf8(request.rawQuery);
        return queries;
    }
    // The methods ("GET", "POST", …) of the requests received so far that start with
    // pathPrefix, in order.
    Q_INVOKABLE QStringList requestMethods(const QString &pathPrefix) const
    {
        QStringList methods;
        const auto requests = m_server.requestsTo(pathPrefix.toUtf8());
        for (const auto &request : requests)
            methods << QString::fromUtf8(request.method);
        return methods;
    }
    // No rooms, no requests recorded; the scripts stay (each test scripts what it needs).
    Q_INVOKABLE void reset()
    {
        // Nothing of the test before runs on: a request it left stalled would hold the account's
        // one membership request at a time.
        m_services->membership()->cancelAll(QStringLiteral("test reset"));
        // Nor does an error it left on a room (a row and its menu would show it).
        for (int row = 0; row < m_services->store()->size(); ++row)
            m_services->membership()->dismissError(m_services->store()->at(row).roomId);
        m_services->selection()->clear();
        m_services->rooms()->setFilterText({});
        m_services->rooms()->setShowLeft(true);
        m_services->rooms()->setSpaceScope({}); // --- Spaces (list side) ---
        m_services->store()->clear();
        m_services->history()->setStore(nullptr); // no history either
        m_services->history()->setRoomId({});
        m_services->members()->setRoomId({});
        m_services->members()->setFilterText({});
        m_services->leaveCheck()->clear(); // --- Last admin warning ---
        m_server.clear();
    }
    // Membership changes of a room, as a sync hands them to the store (shown at once):
    // each {ts (ms since the epoch), membership (Membership.Value), sender, reason, eventId}.
    Q_INVOKABLE void addHistory(const QString &roomId, const QVariantList &entries)
    {
        QList<AccountStore::HistoryEntry> list;
        for (const QVariant &v : entries) {
            const QVariantMap map = v.toMap();
            list.append({map.value(QStringLiteral("ts")).toLongLong(),
                         Membership::Value(map.value(QStringLiteral("membership")).toInt()),
                         map.value(QStringLiteral("sender")).toString(),
                         map.value(QStringLiteral("reason")).toString(),
                         map.value(QStringLiteral("eventId")).toString()});
        }
        m_services->history()->addEntries(roomId, list);
    }
    // The "rooms" part of a /sync response, as JSON text.
    Q_INVOKABLE bool applySync(const QString &json)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            return false;
        m_services->store()->applySync(doc.object());
        return true;
    }
    // The same for the rooms of another account's services (the accounts overview).
    Q_INVOKABLE bool applySyncTo(AppServices *services, const QString &json)
    {
        const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
        if (!services || !doc.isObject())
            return false;
        services->store()->applySync(doc.object());
        return true;
    }
    // Rooms as the account's store file gives them back at start (RoomStore::restore), into an
    // empty list (after reset()): each {roomId, name, membership (Membership.Value)}. A sync
    // cannot make a Membership.Ban room (banned rooms come in its "leave" section); a store can.
    Q_INVOKABLE void restoreRooms(const QVariantList &rooms)
    {
        QList<RoomSummary> list;
        for (const QVariant &v : rooms) {
            const QVariantMap map = v.toMap();
            RoomSummary room;
            room.roomId = map.value(QStringLiteral("roomId")).toString();
            room.name = map.value(QStringLiteral("name")).toString();
            room.membership = Membership::Value(map.value(QStringLiteral("membership")).toInt());
            room.updateDerived();
            list.append(room);
        }
        m_services->store()->restore(list);
    }
    // Replies to requests whose path starts with pathPrefix, in order (the last repeats):
    // each {status, body, retryAfter, stall, hold}. hold: answered (status, body) only when
    // release() is called, e.g. by the test's cleanup, so that nothing stays in flight after it.
    Q_INVOKABLE void script(const QString &pathPrefix, const QVariantList &replies)
    {
        QList<FakeHomeserver::Reply> list;
        for (const QVariant &v : replies) {
            const QVariantMap map = v.toMap();
            if (map.value(QStringLiteral("stall")).toBool()) {
                list << FakeHomeserver::Reply::stall();
                continue;
            }
            if (map.value(QStringLiteral("hold")).toBool()) {
                list << FakeHomeserver::Reply::held(
                    map.value(QStringLiteral("status"), 200).toInt(),
                    map.value(QStringLiteral("body"), QStringLiteral("{}")).toString().toUtf8());
                continue;
            }
            list << FakeHomeserver::Reply(
                map.value(QStringLiteral("status"), 200).toInt(),
                map.value(QStringLiteral("body"), QStringLiteral("{}")).toString().toUtf8(),
                map.value(QStringLiteral("retryAfter")).toString().toUtf8());
        }
        m_server.script(pathPrefix.toUtf8(), list);
    }
    // Answers every held request of pathPrefix; how many there were.
    Q_INVOKABLE int release(const QString &pathPrefix)
    {
        int released = 0;
        while (m_server.release(pathPrefix.toUtf8()))
            ++released;
        return released;
    }
    Q_INVOKABLE QString baseUrl() const { return m_server.baseUrl().toString(); }
    Q_INVOKABLE int requestCount(const QString &pathPrefix) const
    {
        return int(m_server.requestsTo(pathPrefix.toUtf8()).size());
    }
    Q_INVOKABLE QString lastRequestBody(const QString &pathPrefix) const
    {
        const auto requests = m_server.requestsTo(pathPrefix.toUtf8());
        return requests.isEmpty() ? QString() : QString::fromUtf8(requests.last().body);
    }

private:
    FakeHomeserver m_server;
    ColorScheme m_colorScheme;
    bool m_colorSchemeStarted = false;
    AppServices *m_services;
    AccountManager *m_accounts = nullptr;
    QTemporaryDir m_jobsDir;
    int m_jobsFiles = 0;
};

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        QStandardPaths::setTestModeEnabled(true); // settings of our own, not the user's
        // The English plural forms ("1 room", "2 rooms"), as the app shows them.
        AppServices::installTranslations(QCoreApplication::instance());
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
        qmlRegisterSingletonType<TestBackend>(
            "Concierge.Test", 1, 0, "TestBackend",
            [](QQmlEngine *, QJSEngine *) -> QObject * { return new TestBackend; });
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(concierge_ui, Setup)

#include "tst_qml.moc"
