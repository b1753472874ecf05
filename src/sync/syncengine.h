#pragma once

// Layer sync/: the /sync loop (SyncEngine) and the rooms it learns about (RoomStore). Uses api/
// only.

#include "api/apiclient.h"
#include "api/matrixerror.h"

#include <QObject>
#include <QPointer>
#include <QtQmlIntegration/qqmlintegration.h>

class RoomStore;
class QTimer;

// Long-polls /sync and feeds the RoomStore. After a failure it waits (exponential backoff, or
// the server's Retry-After) and reconnects; a rejected token stops it and is reported.
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

    // The filter sent with every /sync: lazy-loaded members, a 1-event timeline, left rooms.
    static QByteArray filterJson();

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
    void responseApplied(const QJsonObject &body);
    // An initial sync (the complete inventory) no longer mentioned these rooms: removed.
    void roomsDropped(const QStringList &roomIds);
    void tokenRejected(const MatrixError &error);

private:
    void request();
    void onResponse(const QJsonObject &body);
    void onError(const MatrixError &error);
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
    QTimer *m_retryTimer;
    QTimer *m_countdown;
    quint64 m_generation = 0;
};
