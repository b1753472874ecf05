#pragma once

// Layer actions/: "Ban from all rooms where I can" (issue 12). Plans banning one person from the
// account's joined rooms: reads each room's power levels and the person's membership there
// (RoomPowerProbe), and sorts the rooms into those where the ban will apply (the account's level
// reaches the ban level and is above theirs: joined, invited, knocking, left or never a member —
// a ban stops them joining later) and those where it will not, with the reason (already banned,
// not enough power, could not be checked). submit() then runs the bans as one job of the bulk
// queue, with one reason for all. The members page's dialog and concierge-cli's `ban-everywhere`
// show the plan and submit it; the planning state lives here.

#include "actions/jobqueue.h"
#include "actions/roompowerprobe.h"
#include "api/matrixerror.h"
#include "api/membership.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>
#include <QtQmlIntegration/qqmlintegration.h>
#include <optional>

class ApiClient;
class RoomStore;
class Session;

class BanEverywhere : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("BanEverywhere is created by the application")
    // Whom the plan is about (empty before plan()).
    Q_PROPERTY(QString userId READ userId NOTIFY planChanged)
    // The rooms are being checked.
    Q_PROPERTY(bool probing READ isProbing NOTIFY probingChanged)
    // Every room was checked: the plan below is complete.
    Q_PROPERTY(bool ready READ isReady NOTIFY planChanged)
    Q_PROPERTY(int checked READ checked NOTIFY progressChanged)
    Q_PROPERTY(int total READ total NOTIFY progressChanged)
    // How many rooms the ban will apply to.
    Q_PROPERTY(int banCount READ banCount NOTIFY planChanged)
    // One map per room where the ban will apply, by room name: roomId, roomName, verdict,
    // membership ("join", …, or "" when never a member), membershipText, reason (empty).
    Q_PROPERTY(QVariantList banRooms READ banRooms NOTIFY planChanged)
    // The rooms where it will not, by room name: the same keys, reason saying why.
    Q_PROPERTY(QVariantList otherRooms READ otherRooms NOTIFY planChanged)
    // Why the plan could not be made or submitted (nothing was sent), or empty.
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    // The job submit() started, or null.
    Q_PROPERTY(Job *job READ job NOTIFY jobChanged)

public:
    enum Verdict {
        Unchecked,     // not read yet
        WillBan,       // the account may ban them there
        AlreadyBanned, // nothing to do
        NotAllowed,    // the account's power does not allow it (reason says why)
        CheckFailed,   // the room could not be read (reason: the error)
    };
    Q_ENUM(Verdict)

    struct Entry
    {
        QString roomId;
        QString roomName; // how the room list names it
        Verdict verdict = Unchecked;
        // Their membership there; std::nullopt: never a member (or unknown when CheckFailed).
        std::optional<Membership::Value> membership;
        QString reason;    // NotAllowed, AlreadyBanned, CheckFailed: why not, for the user
        MatrixError error; // CheckFailed: what the server answered
    };

    BanEverywhere(ApiClient *api, Session *session, RoomStore *store, JobQueue *jobs,
                  QObject *parent = nullptr);
    ~BanEverywhere() override;

    // Starts checking the account's joined rooms (RoomStore) for banning userId; a plan under
    // way is dropped. False (error set, nothing sent) for an invalid user ID, oneself, or no
    // signed-in account. planned() follows once every room was checked (also for no room).
    Q_INVOKABLE bool plan(const QString &userId);
    // As plan(), over the given rooms instead of the joined ones.
    bool planRooms(const QString &userId, const QStringList &roomIds);
    // Stops checking (the rooms not read yet are CheckFailed: cancelled); planned() follows.
    Q_INVOKABLE void cancel();
    // Drops the plan (the dialog closed); the job, if any, runs on.
    Q_INVOKABLE void clear();
    // Bans them from the rooms where it applies, as one job with one reason. Null (error set,
    // nothing sent) when the plan is not ready, applies nowhere, or the queue refused it.
    Q_INVOKABLE Job *submit(const QString &reason);

    QString userId() const { return m_userId; }
    bool isProbing() const;
    bool isReady() const { return m_ready; }
    int checked() const { return m_checked; }
    int total() const { return int(m_entries.size()); }
    int banCount() const;
    QVariantList banRooms() const;
    QVariantList otherRooms() const;
    QString error() const { return m_error; }
    Job *job() const;
    QList<Entry> entries() const { return m_entries; }
    // The rooms where the ban applies, in the plan's order.
    QStringList roomsToBan() const;
    // "Joined", "Invited", "Asking to join", "Left", "Banned", "Never a member".
    static QString membershipText(std::optional<Membership::Value> membership);
    // "ban", "already_banned", "not_allowed", "check_failed", "unchecked" (the CLI's JSON).
    static QString verdictName(Verdict verdict);

signals:
    void planChanged();
    void progressChanged();
    void probingChanged();
    void errorChanged();
    void jobChanged();
    // Every room of the plan was checked (or the check was cancelled): once per plan().
    void planned();

private:
    void setError(const QString &error);
    void onProbeFinished();
    QVariantList mapsOf(bool willBan) const;

    QPointer<Session> m_session;
    RoomStore *m_store;
    QPointer<JobQueue> m_jobs;
    RoomPowerProbe *m_probe;
    QString m_userId;
    QString m_ownUserId;
    QList<Entry> m_entries;
    int m_checked = 0;
    bool m_ready = false;
    QString m_error;
    QPointer<Job> m_job;
};
