#pragma once

// Layer actions/: reads who holds power in a set of rooms before acting on them (the last-admin
// warning before a leave, "ban everywhere"): each room's m.room.power_levels and m.room.create
// (room version 12 creators), optionally its joined members and one user's membership. A few
// rooms at a time; one room that cannot be read carries its error and the others are still read.

#include "api/matrixerror.h"
#include "api/membership.h"
#include "api/powerlevels.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <optional>

class ApiCall;
class ApiClient;
class Session;

struct RoomPowerFacts
{
    QString roomId;
    PowerLevels levels;        // m.room.power_levels + m.room.create (v12 creators)
    QStringList joinedMembers; // filled only when Options::joinedMembers
    // The target's membership when Options::targetUserId is set; std::nullopt = never a member
    std::optional<Membership::Value> targetMembership;
    MatrixError error; // isError() when the room could not be read

    // The room's version from its m.room.create ("1" when the event names none; empty when the
    // create event could not be read).
    QString roomVersion;
    // users_default of the power levels (0 without a power-levels event): the level of everyone
    // without one of their own.
    qint64 usersDefault = 0;
};

class RoomPowerProbe : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool joinedMembers = false; // also GET /rooms/{roomId}/joined_members
        QString targetUserId;       // also GET state m.room.member/{targetUserId}
        int concurrency = 4;        // rooms read at the same time (at least 1)
    };

    RoomPowerProbe(ApiClient *api, Session *session, QObject *parent = nullptr);
    ~RoomPowerProbe() override;

    // Reads every room (a probe under way is cancelled first, with its finished()). A room ID
    // that is not valid, or an invalid targetUserId, gives that room an InvalidInput error and
    // sends nothing for it. finished() always comes from the event loop, never from start().
    void start(const QStringList &roomIds, const Options &options);
    // Stops: nothing more is sent, the rooms not read yet get a Cancelled error, finished() is
    // emitted (at once). No effect when not running.
    void cancel();
    bool isRunning() const { return m_running; }
    QList<RoomPowerFacts> results() const; // in the order of roomIds

    // The facts of one room of the last start() (the first entry when it was listed twice);
    // a default RoomPowerFacts when it was not listed.
    RoomPowerFacts resultFor(const QString &roomId) const;
    Options options() const { return m_options; }
    Session *session() const { return m_session; }

signals:
    void progress(int done, int total);
    void finished(); // exactly once per start(), also after cancel()

private:
    enum Part { LevelsPart, CreatePart, MembersPart, TargetPart };
    struct Slot
    {
        RoomPowerFacts facts;
        bool started = false;
        bool done = false;
        QList<Part> pending;
        QList<QPointer<ApiCall>> calls;
        QJsonObject levelsContent;
        QJsonObject createEvent;
    };
    void pump();
    void startRoom(int index);
    void onPart(int index, Part part, const QJsonObject &body);
    void onPartFailed(int index, Part part, const MatrixError &error);
    void finishRoom(int index);
    void abortCalls(Slot &slot);
    void finishAll();

    QPointer<ApiClient> m_api;
    QPointer<Session> m_session;
    Options m_options;
    QList<Slot> m_slots;
    int m_next = 0;     // the next slot to start
    int m_inFlight = 0; // rooms being read
    int m_done = 0;
    bool m_running = false;
    quint64 m_generation = 0; // answers of an earlier start() are ignored
};
