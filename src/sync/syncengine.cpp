#include "sync/syncengine.h"

#include "api/apiclient.h"
#include "api/endpoints.h"
#include "sync/roomstore.h"
#include "sync/slidingsync.h"

#include <QRandomGenerator>
#include <QTimer>
#include <algorithm>

SyncEngine::SyncEngine(ApiClient *api, RoomStore *store, QObject *parent)
    : QObject(parent), m_api(api), m_store(store), m_retryTimer(new QTimer(this)),
      m_countdown(new QTimer(this)), m_bootstrap(new SlidingSyncBootstrap(api, store, this))
{
    connect(m_bootstrap, &SlidingSyncBootstrap::roomsShown, this, [this](int, int total) {
        // Only the initial sync cancels the bootstrap, so this is still a first launch.
        m_firstRoomsShown = m_store->size();
        m_firstRoomsTotal = total < 0 ? -1 : qMax(total, m_firstRoomsShown);
        emit stateChanged();
        emit firstRoomsShown();
    });
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &SyncEngine::request);
    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, [this] {
        if (m_retryInSeconds > 0) {
            --m_retryInSeconds;
            emit stateChanged();
        }
    });
}

QByteArray SyncEngine::filterJson()
{
    // The account data the app acts on: the ignored users (their invites are hidden by the
    // server; the members page lists them), the invite permission setting (block invites) and
    // the direct chats (m.direct). Spaces need no more: m.room.create (the room type),
    // m.space.child and m.space.parent are state, which the filter does not narrow.
    return QByteArrayLiteral(
        R"({"presence":{"types":[]},)"
        R"("account_data":{"types":["m.ignored_user_list","m.invite_permission_config","m.direct"]},)"
        R"("room":{"include_leave":true,"account_data":{"types":[]},"ephemeral":{"types":[]},)"
        R"("state":{"lazy_load_members":true},"timeline":{"limit":1,"lazy_load_members":true}}})");
}

QByteArray SyncEngine::inventoryFilterJson()
{
    return QByteArrayLiteral(
        R"({"presence":{"types":[]},"account_data":{"types":[]},)"
        R"("room":{"include_leave":true,"account_data":{"types":[]},"ephemeral":{"types":[]},)"
        R"("state":{"types":["m.room.create"]},"timeline":{"limit":1}}})");
}

QString SyncEngine::statusText() const
{
    switch (m_state) {
    case Stopped:
        return tr("Not syncing");
    case InitialSync:
        if (m_firstRoomsShown >= 0 && m_firstRoomsTotal >= 0)
            return tr("Loading your rooms… %1 of %2 shown")
                .arg(m_firstRoomsShown)
                .arg(m_firstRoomsTotal);
        return tr("Loading your rooms…");
    case Updating:
        return tr("Updating…");
    case Synced:
        return tr("Synced");
    case Reconnecting:
        return tr("Reconnecting in %1 s (%2)").arg(m_retryInSeconds).arg(m_lastError.summary());
    }
    return {};
}

void SyncEngine::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged();
}

void SyncEngine::start()
{
    if (m_state != Stopped)
        return;
    ++m_generation;
    m_failures = 0;
    setState(m_since.isEmpty() ? InitialSync : Updating);
    m_inventoryDue = !m_since.isEmpty();
    request();
    // A first launch: the most recent rooms at once where the server offers sliding sync. Not
    // when rooms are shown already (from the store, or before a soft logout).
    if (m_since.isEmpty() && m_firstRoomsFromSlidingSync && m_store->size() == 0)
        m_bootstrap->start();
}

void SyncEngine::stop()
{
    pause();
    m_since.clear();
}

void SyncEngine::pause()
{
    ++m_generation;
    m_bootstrap->cancel();
    m_firstRoomsShown = m_firstRoomsTotal = -1;
    m_retryTimer->stop();
    m_countdown->stop();
    if (m_call)
        m_call->abort();
    if (m_inventoryCall)
        m_inventoryCall->abort();
    setState(Stopped);
}

void SyncEngine::syncNow()
{
    if (m_state == Stopped)
        return;
    ++m_generation; // the aborted call's failure is then ignored
    m_retryTimer->stop();
    if (m_call)
        m_call->abort();
    request();
}

void SyncEngine::request()
{
    m_countdown->stop();
    // The first sync returns at once; afterwards long-poll.
    Endpoints::SyncParams params;
    params.filter = filterJson();
    params.since = m_since;
    // The first request (initial, or catching up from a saved position) answers at once.
    params.timeoutMs = m_since.isEmpty() || m_state == Updating ? 0 : m_longPollMs;
    params.stallMarginMs = m_timeoutMarginMs;
    // Read room by room: an initial sync's rooms are never all parsed at once (memory).
    params.asText = true;
    m_call = Endpoints::sync(m_api, params);
    const quint64 generation = m_generation;
    connect(m_call, &ApiCall::downloaded, this, [this, generation](const QByteArray &text) {
        if (generation != m_generation)
            return;
        QString problem;
        const SyncResponse response = SyncResponse::fromText(text, &problem);
        if (!problem.isEmpty())
            onError(MatrixError::malformed(problem, 200));
        else
            onResponse(response);
    });
    connect(m_call, &ApiCall::failed, this, [this, generation](const MatrixError &error) {
        if (generation == m_generation)
            onError(error);
    });
}

void SyncEngine::onResponse(const SyncResponse &response)
{
    const QString next = response.nextBatch();
    if (next.isEmpty()) {
        onError(MatrixError::malformed(tr("The /sync response has no next_batch.")));
        return;
    }
    const bool complete = m_since.isEmpty();
    if (m_store->applySync(response) < 0) {
        // A room's text is not valid JSON: none of the answer was applied (and a first
        // launch's sliding-sync rooms keep coming meanwhile).
        onError(MatrixError::malformed(
            tr("The /sync response holds a room that is not valid JSON."), 200));
        return;
    }
    if (complete) {
        // The complete inventory is here: a sliding-sync answer still to come would only be
        // older, and what it showed is replaced (retainOnly below drops what it no longer lists).
        m_bootstrap->cancel();
        m_firstRoomsShown = m_firstRoomsTotal = -1;
    }
    // Rooms shown from the account store that an initial sync no longer lists were forgotten
    // (or belong to a server that was reset): only an initial sync can tell.
    const QStringList dropped = complete ? m_store->retainOnly(response) : QStringList();
    m_since = next;
    emit responseApplied(response);
    if (!dropped.isEmpty())
        emit roomsDropped(dropped);
    m_failures = 0;
    m_retryInSeconds = 0;
    m_lastError = {};
    // One notification for the state and the fields that changed with it.
    m_state = Synced;
    emit stateChanged();
    emit synced();
    request();
    if (m_inventoryDue) {
        m_inventoryDue = false;
        checkInventory();
    }
}

void SyncEngine::checkInventory()
{
    Endpoints::SyncParams params;
    params.filter = inventoryFilterJson();
    params.timeoutMs = 0;
    params.stallMarginMs = m_timeoutMarginMs;
    m_inventoryCall = Endpoints::sync(m_api, params);
    // A failure is not retried: the next launch checks again.
    connect(m_inventoryCall, &ApiCall::succeeded, this, [this](const QJsonObject &body) {
        if (m_state == Stopped)
            return;
        const QStringList dropped = m_store->dropForgotten(SyncResponse::fromObject(body));
        if (!dropped.isEmpty())
            emit roomsDropped(dropped);
    });
}

void SyncEngine::onError(const MatrixError &error)
{
    m_lastError = error;
    if (error.isAuthFailure()) {
        pause(); // the position stays valid for a soft logout
        emit tokenRejected(error);
        return;
    }
    if (!m_since.isEmpty() && error.kind == MatrixError::Server && error.httpStatus >= 400 &&
        error.httpStatus < 500 && !error.isRateLimited()) {
        // The server no longer accepts the saved position (expired, or from a reset server):
        // start over with a full sync. The rooms on screen stay; the full sync refreshes them.
        m_since.clear();
        m_inventoryDue = false; // the full sync is the inventory
        setState(InitialSync);
        request();
        return;
    }
    ++m_failures;
    qint64 delay;
    if (error.retryAfterMs >= 0)
        delay = error.retryAfterMs;
    else {
        const qint64 base = qMin<qint64>(60000, 1000LL << qMin(m_failures - 1, 6));
        delay = base / 2 + QRandomGenerator::global()->bounded(base / 2 + 1);
    }
    // A hint beyond an hour is not honoured as such (QTimer takes an int of milliseconds, and no
    // one waits that long): retry within the hour and show it.
    delay = std::clamp<qint64>(delay, 0, 3600 * 1000);
    m_retryInSeconds = int((delay + 999) / 1000);
    // One notification for the state and the fields that changed with it.
    m_state = Reconnecting;
    emit stateChanged();
    m_countdown->start();
    m_retryTimer->start(int(delay));
}
