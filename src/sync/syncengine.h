#pragma once

// Layer sync/: the /sync loop (SyncEngine) and the rooms it learns about (RoomStore). Uses api/
// only.

#include "api/apiclient.h"
#include "api/matrixerror.h"
#include "api/syncresponse.h"

#include <QObject>
#include <QPointer>
#include <QtQmlIntegration/qqmlintegration.h>

class RoomStore;
class SlidingSyncBootstrap;
class QTimer;

// Long-polls /sync and feeds the RoomStore. After a failure it waits (exponential backoff, or
// the server's Retry-After) and reconnects; a rejected token stops it and is reported.
// On a first launch (no saved position, nothing shown) it also asks for the most recent rooms by
// simplified sliding sync where the server offers it (SlidingSyncBootstrap), in parallel with the
// classic initial sync, which then replaces them with the complete inventory.
class SyncEngine : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SyncEngine is created by the application")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY stateChanged)
    Q_PROPERTY(MatrixError lastError READ lastError NOTIFY stateChanged)
    Q_PROPERTY(int retryInSeconds READ retryInSeconds NOTIFY stateChanged)

public:
    // Updating: continuing from a saved position (the list is shown, not yet caught up).
    enum State { Stopped, InitialSync, Updating, Synced, Reconnecting };
    Q_ENUM(State)

    static constexpr int DefaultLongPollMs = 30000;

    SyncEngine(ApiClient *api, RoomStore *store, QObject *parent = nullptr);

    State state() const { return m_state; }
    QString statusText() const;
    MatrixError lastError() const { return m_lastError; }
    int retryInSeconds() const { return m_retryInSeconds; }
    QString nextBatch() const { return m_since; }
    // Continue from a position saved earlier (the account store) at the next start().
    void resumeFrom(const QString &since) { m_since = since; }
    void setLongPollTimeout(int ms) { m_longPollMs = ms; }
    // Whether a first launch also asks for the most recent rooms by sliding sync (default: yes).
    void setFirstRoomsFromSlidingSync(bool enabled) { m_firstRoomsFromSlidingSync = enabled; }
    // During the initial sync: the rooms shown from sliding sync, and the account's total as the
    // server counted it (-1 each until known).
    int firstRoomsCount() const { return m_firstRoomsShown; }
    int firstRoomsTotal() const { return m_firstRoomsTotal; }
    // The sliding-sync request of a first launch (tests and diagnostics watch its outcome).
    SlidingSyncBootstrap *slidingSyncBootstrap() const { return m_bootstrap; }

    // The filter sent with every /sync: lazy-loaded members, a 1-event timeline, left rooms, and
    // the account data the app reads (m.direct among it).
    static QByteArray filterJson();
    // The filter of the inventory check: every room the account still has (left ones included),
    // with little else: one state event (the creation) and the latest event of each room (a
    // filter limit must be at least 1). No account data: the check only finds forgotten rooms;
    // m.direct and the space state come from the sync that runs beside it.
    static QByteArray inventoryFilterJson();

    Q_INVOKABLE void start();
    // Stops and forgets the sync position (sign-out, another account).
    Q_INVOKABLE void stop();
    // Stops but keeps the position, so start() continues where it left off (soft logout).
    void pause();
    // For tests: the margin added to the long-poll timeout to detect a stalled server.
    void setTimeoutMargin(int ms) { m_timeoutMarginMs = ms; }
    // Ends the current long poll and syncs now (e.g. right after a membership action).
    Q_INVOKABLE void syncNow();

signals:
    void stateChanged();
    void synced(); // after every successful /sync response was applied
    // The response that was just applied, for those that keep more of it (the store's history).
    void responseApplied(const SyncResponse &response);
    // An initial sync (the complete inventory) no longer mentioned these rooms: removed.
    void roomsDropped(const QStringList &roomIds);
    void tokenRejected(const MatrixError &error);
    // The first rooms from sliding sync are shown, before the initial sync answered.
    void firstRoomsShown();

private:
    void request();
    void onResponse(const SyncResponse &response);
    void onError(const MatrixError &error);
    // After resuming from a saved position: one initial /sync (no since) with the inventory
    // filter, in parallel with the long poll. Incremental syncs never report a room forgotten
    // from another client (Synapse sends its leave, never the forget); an initial sync leaves
    // it out. Only left and banned rooms can be forgotten, so only those are dropped — a room
    // joined or invited after the inventory was taken is never touched.
    void checkInventory();
    void setState(State state);

    ApiClient *m_api;
    RoomStore *m_store;
    State m_state = Stopped;
    QString m_since;
    int m_longPollMs = DefaultLongPollMs;
    int m_timeoutMarginMs = Timeouts::SyncMargin;
    int m_failures = 0;
    int m_retryInSeconds = 0;
    MatrixError m_lastError;
    QPointer<ApiCall> m_call;
    QPointer<ApiCall> m_inventoryCall;
    bool m_inventoryDue = false;
    QTimer *m_retryTimer;
    QTimer *m_countdown;
    SlidingSyncBootstrap *m_bootstrap;
    bool m_firstRoomsFromSlidingSync = true;
    int m_firstRoomsShown = -1;
    int m_firstRoomsTotal = -1;
    quint64 m_generation = 0;
};
