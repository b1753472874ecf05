#pragma once

// Layer models/: what the user should know before leaving rooms (issue 12).
// - The last-admin warning: the rooms where the user is the only joined member with the highest
//   power level (and more than users_default; in room version 12 a creator with no other creator
//   joined). Read from the server by RoomPowerProbe (power levels, create event, joined members)
//   when a leave is being confirmed; a room that cannot be read is reported as such and never
//   blocks the leave.
// - The older versions of an upgraded room the user is still joined to (predecessorsOf), from the
//   RoomStore: only links both rooms agree on (RoomStore::successorOf), a cycle followed once.
// The dialogs bind to the properties; they only ask for a check and emit the user's intent.

#include "actions/roompowerprobe.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiClient;
class RoomStore;
class Session;

class LeaveCheck : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("LeaveCheck is created by the application")
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(bool checking READ isChecking NOTIFY changed)
    // The rooms of the last check(), in order.
    Q_PROPERTY(QStringList roomIds READ roomIds NOTIFY changed)
    // The rooms where the user is the only admin, in the order asked: their IDs, and for the
    // views {roomId, name, warning} (name: the room's display name; warning: the sentence).
    Q_PROPERTY(QStringList soleAdminRoomIds READ soleAdminRoomIds NOTIFY changed)
    Q_PROPERTY(QVariantList soleAdminRooms READ soleAdminRooms NOTIFY changed)
    // The rooms that could not be checked: {roomId, name, error}.
    Q_PROPERTY(QStringList failedRoomIds READ failedRoomIds NOTIFY changed)
    Q_PROPERTY(QVariantList failedRooms READ failedRooms NOTIFY changed)

public:
    enum State { Idle, Checking, Checked };
    Q_ENUM(State)

    LeaveCheck(ApiClient *api, Session *session, RoomStore *store, QObject *parent = nullptr);

    State state() const { return m_state; }
    bool isChecking() const { return m_state == Checking; }
    QStringList roomIds() const { return m_roomIds; }
    QStringList soleAdminRoomIds() const { return m_soleAdmin; }
    QVariantList soleAdminRooms() const;
    QStringList failedRoomIds() const { return m_failedIds; }
    QVariantList failedRooms() const;

    // Reads the rooms from the server (a check under way is replaced). Emits changed() now
    // (Checking) and when done (Checked). No rooms: Checked at once, nothing sent.
    Q_INVOKABLE void check(const QStringList &roomIds);
    // Stops a check and forgets its result (Idle).
    Q_INVOKABLE void clear();
    Q_INVOKABLE bool isSoleAdmin(const QString &roomId) const
    {
        return m_soleAdmin.contains(roomId);
    }
    // Whether the last check() was asked about roomId.
    Q_INVOKABLE bool covers(const QString &roomId) const { return m_roomIds.contains(roomId); }
    // Of roomIds, those where the user is the only admin / that could not be checked (in the
    // order given). For views that act on part of what was checked.
    Q_INVOKABLE QStringList soleAdminAmong(const QStringList &roomIds) const;
    Q_INVOKABLE QStringList failedAmong(const QStringList &roomIds) const;
    // warningFor() of each of roomIds where the user is the only admin, one a line (the others
    // are left out, so a view can pass every room it is about to leave).
    Q_INVOKABLE QString warningsFor(const QStringList &roomIds) const;
    // Why roomId could not be checked (the server's error, for display); empty if it was.
    Q_INVOKABLE QString errorFor(const QString &roomId) const { return m_failed.value(roomId); }
    // "You are the only admin of X. Promote someone before you leave, or nobody will be able to
    // change its settings."
    Q_INVOKABLE QString warningFor(const QString &roomId) const;

    // The older versions of roomId that the user is still joined to, newest first: the rooms
    // it replaced (create predecessor, confirmed by the old room's tombstone), and theirs.
    Q_INVOKABLE QStringList predecessorsOf(const QString &roomId) const;
    // The rooms' display names as the list shows them (an unknown room: its ID).
    Q_INVOKABLE QStringList namesOf(const QStringList &roomIds) const;

    // The rule itself, for one room's facts: the user is the only joined member with the highest
    // power level, and has more than users_default. False for a room that could not be read.
    static bool isSoleAdmin(const RoomPowerFacts &facts, const QString &userId);

    RoomPowerProbe *probe() const { return m_probe; }

signals:
    void changed();

private:
    void onFinished();
    QString ownUserId() const;
    QString nameOf(const QString &roomId) const;

    Session *m_session;
    RoomStore *m_store;
    RoomPowerProbe *m_probe;
    State m_state = Idle;
    QStringList m_roomIds;
    QString m_userId; // whose power the check is about
    QStringList m_soleAdmin;
    QStringList m_failedIds;          // in the order asked
    QHash<QString, QString> m_failed; // roomId -> error summary
};
