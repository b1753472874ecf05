#pragma once

// The members of ONE room (roomId), for the members page: who is joined, invited, knocking or
// banned, with their power level and, for each moderation action, whether the signed-in user may
// take it and why not.

#include "api/matrixerror.h"
#include "api/membership.h"
#include "api/powerlevels.h"
#include "api/syncresponse.h"

#include <QAbstractListModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiCall;
class ApiClient;
class Session;
class SyncEngine;

// Setting roomId loads the room's whole member list with GET /rooms/{roomId}/members (the
// members /sync hands out are lazy-loaded: only those who spoke lately), and its
// m.room.power_levels and m.room.create state (GET /rooms/{roomId}/state/…) for PowerLevels. From
// then on every /sync response (SyncEngine::responseApplied) that carries m.room.member or
// m.room.power_levels events of the room, in its state or timeline, updates the rows in place (a
// member moves between sections, the flags follow a new power level). Sync responses that arrive
// while the load is on its way are applied once it has arrived (they are newer than what it
// answers, or the same).
//
// Rows: joined, then invited, then knocking, then banned members (`section`); within a section
// the highest power level first, then by name. Members who left are not listed. `filterText`
// keeps the members whose display name or user ID contains it (case-insensitive).
//
// Roles (QML names):
//   userId          string
//   displayName     string  the member's display name, else their user ID (plain text)
//   avatarUrl       string  "mxc://server/mediaId" as the member event has it, or ""
//   avatarSource    url     "image://mxc/<server>/<mediaId>" (validated), or ""
//   membership      int     Membership.Join | .Invite | .Knock | .Ban
//   section         int     the section's place: 0 joined, 1 invited, 2 knocking, 3 banned
//   powerLevel      number  the member's level; Infinity for a creator (room version 12+)
//   powerLevelText  string  "100", or "Creator"
//   reason          string  the reason given with the member's last change (a ban, a kick, a
//                           knock), or ""
//   sender          string  who made that change (who banned or invited them), or ""
//   isSelf          bool    the signed-in user
//   canKick / kickReason       kick (joined) or revoke the invitation (invited)
//   canBan / banReason
//   canUnban / unbanReason     (banned members)
//   canAccept / acceptReason   accept a knock: invite them
//   canDeny / denyReason       deny a knock: kick them
// Each reason is empty when the action is allowed, else a sentence for the user ("Needs power
// level 50; you have 0."). The flags are the app's guess from the room's state: the server's
// verdict still wins.
class RoomMembersModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RoomMembersModel is created by the application")
    Q_PROPERTY(QString roomId READ roomId WRITE setRoomId NOTIFY roomIdChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    // Why the members could not be loaded (a sentence with the server's words), or empty.
    Q_PROPERTY(QString error READ errorText NOTIFY errorChanged)
    Q_PROPERTY(MatrixError matrixError READ error NOTIFY errorChanged)
    // Rows shown (after the filter).
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // Members of the room (joined, invited, knocking and banned), whatever the filter.
    Q_PROPERTY(int total READ total NOTIFY countChanged)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    // The signed-in user's level in the room; Infinity for a creator.
    Q_PROPERTY(double ownPowerLevel READ ownPowerLevel NOTIFY powerLevelsChanged)
    Q_PROPERTY(QString ownPowerLevelText READ ownPowerLevelText NOTIFY powerLevelsChanged)
    // Why you cannot invite people to the room, or empty.
    Q_PROPERTY(QString inviteReason READ inviteReason NOTIFY powerLevelsChanged)
    // The order of the sections: [Membership.Join, .Invite, .Knock, .Ban].
    Q_PROPERTY(QList<int> sectionOrder READ sectionOrder CONSTANT)

public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        DisplayNameRole,
        AvatarUrlRole,
        AvatarSourceRole,
        MembershipRole,
        SectionRole,
        PowerLevelRole,
        PowerLevelTextRole,
        ReasonRole,
        SenderRole,
        IsSelfRole,
        CanKickRole,
        KickReasonRole,
        CanBanRole,
        BanReasonRole,
        CanUnbanRole,
        UnbanReasonRole,
        CanAcceptRole,
        AcceptReasonRole,
        CanDenyRole,
        DenyReasonRole,
    };
    Q_ENUM(Role)

    // Connects to session (cleared at sign-out) and sync (kept live); either may be null.
    RoomMembersModel(ApiClient *api, Session *session, SyncEngine *sync, QObject *parent = nullptr);
    ~RoomMembersModel() override;

    QString roomId() const { return m_roomId; }
    // Loads the room's members (an empty ID empties the model).
    void setRoomId(const QString &roomId);
    bool loading() const { return !m_pending.isEmpty(); }
    QString errorText() const { return m_errorText; }
    MatrixError error() const { return m_error; }
    int count() const { return int(m_rows.size()); }
    int total() const;
    QString filterText() const { return m_filter; }
    void setFilterText(const QString &text);
    double ownPowerLevel() const;
    QString ownPowerLevelText() const;
    QString inviteReason() const;
    static QList<int> sectionOrder();
    const PowerLevels &powerLevels() const { return m_levels; }
    // The signed-in user: Session::userId(), unless set here (tests, or a caller without a
    // Session).
    QString ownUserId() const;
    void setOwnUserId(const QString &userId);

    // Loads the current room again.
    Q_INVOKABLE void reload();
    // Members in a section (Membership.Join, …), whatever the filter.
    Q_INVOKABLE int countOf(int membership) const;
    // The row as a map of role names, or an empty map.
    Q_INVOKABLE QVariantMap get(int row) const;
    // The member's display name (else their user ID), filtered out or not; the user ID when not
    // a member.
    Q_INVOKABLE QString displayNameOf(const QString &userId) const;
    // The row of a user, or -1 (not listed, or filtered out).
    Q_INVOKABLE int rowOf(const QString &userId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void roomIdChanged();
    void loadingChanged();
    void errorChanged();
    void countChanged();
    void filterTextChanged();
    void powerLevelsChanged();
    // The load of the room's members ended (successfully or not: see error).
    void loaded();

private:
    struct Member
    {
        QString userId;
        QString displayName;
        QString avatarUrl;
        Membership::Value membership = Membership::Leave;
        QString reason;
        QString sender;
    };

    void clear();
    void stopCalls();
    void startLoad();
    void onLoadPart(int part, const QJsonObject &body);
    void onLoadFailed(int part, const MatrixError &error);
    void finishLoad();
    void setError(const MatrixError &error, const QString &text);
    void onSyncResponse(const SyncResponse &response);
    // One m.room.member or m.room.power_levels event; returns whether anything changed.
    bool applyEvent(const QJsonObject &event);
    bool applyMember(const QString &userId, const QJsonObject &content, const QString &sender);
    void rebuild(bool reset);
    QList<int> order() const;
    bool lessThan(int a, int b) const;
    bool passesFilter(const Member &member) const;
    QString whyNot(PowerLevels::Action action, const Member &member) const;

    ApiClient *m_api;
    QPointer<Session> m_session;
    QPointer<SyncEngine> m_sync;
    QString m_roomId;
    QString m_ownUserId;
    QString m_filter;
    QList<Member> m_members;       // everyone ever seen in the room (left members stay here)
    QHash<QString, int> m_indexOf; // user ID -> index in m_members
    QList<int> m_rows;             // indexes into m_members, in the order shown
    PowerLevels m_levels;
    QJsonObject m_createEvent; // {"sender", "content"} of m.room.create
    QJsonObject m_powerLevelsContent;
    MatrixError m_error;
    QString m_errorText;
    // The load's three requests (members, power levels, create) while on their way.
    QList<QPointer<ApiCall>> m_calls;
    QList<int> m_pending;          // the parts not answered yet
    QList<QJsonObject> m_deferred; // sync events that arrived during the load
    QJsonObject m_loadedMembers;
    quint64 m_generation = 0;
};
