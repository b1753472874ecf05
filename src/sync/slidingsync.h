#pragma once

// Layer sync/: the first rooms of a first launch, from simplified sliding sync (MSC4186), while
// the classic initial /sync (the complete inventory) is being prepared. Uses api/ only.
//
// Why: Synapse prepares a classic initial /sync in ~4 ms a room (seconds for 1,000 rooms), but
// answers a sliding-sync page of the 20 most recent rooms in ~0.15 s (bench/results.md). Sliding
// sync never lists rooms left in earlier sessions and gives no classic `since`, so it only paints
// the list early; the classic initial sync stays the source of truth and replaces what it showed.

#include "api/endpoints.h"
#include "api/matrixerror.h"

#include <QObject>
#include <QPointer>

class ApiCall;
class ApiClient;
class RoomStore;

// One sliding-sync request for the most recent rooms (and pending invites), put into the
// RoomStore as they come. Support is detected, never required: a server without it (404/400/405
// M_UNRECOGNIZED), an error, a malformed answer — nothing changes and nothing is shown.
class SlidingSyncBootstrap : public QObject
{
    Q_OBJECT
public:
    static constexpr int FirstPageSize = 20;
    static inline const QString RecentList = QStringLiteral("recent");
    static inline const QString InvitesList = QStringLiteral("invites");

    SlidingSyncBootstrap(ApiClient *api, RoomStore *store, QObject *parent = nullptr);

    // The request: the FirstPageSize most recent rooms and as many invites, each with the state
    // the list shows (name, alias, avatar, topic, our own membership, create and tombstone for
    // upgrade links, join rules), no timeline.
    static Endpoints::SlidingSyncParams firstPageParams();

    // Sends the request; does nothing while one is running.
    void start();
    // The classic initial sync answered (or sync stopped): an answer still to come is dropped.
    void cancel();
    bool isRunning() const { return !m_call.isNull(); }

signals:
    // The answer is in the store: `added` rooms were new to it; `total` is the number of rooms
    // of the account's recent list (joined, invited, kicked or banned), -1 when not told.
    void roomsShown(int added, int total);
    // No first rooms this time: the server does not offer sliding sync, or the request failed.
    void unavailable(const MatrixError &error);

private:
    ApiClient *m_api;
    RoomStore *m_store;
    QPointer<ApiCall> m_call;
    quint64 m_generation = 0;
};
