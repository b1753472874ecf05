#pragma once

// What is known about a room before joining it: the room summary (GET room_summary, spec
// v1.15), else a directory entry or what the room list holds (an invite's stripped state, a
// pending knock, a room left earlier), else — said plainly — nothing.

#include "api/matrixerror.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiCall;
class ApiClient;
class DirectoryModel;
class QJsonObject;
class QTimer;
class RoomStore;

// m.room.join_rules' join_rule, for QML (JoinRule.Public, …) and the CLI's JSON ("public", …).
namespace JoinRule {
Q_NAMESPACE
QML_ELEMENT
enum Value { UnknownRule, Public, Knock, KnockRestricted, Invite, Restricted, Private };
Q_ENUM_NS(Value)
Value fromString(QStringView rule);
// "public", "knock", …; empty for UnknownRule.
QString toString(Value rule);
// knock and knock_restricted: a knock may be sent.
bool allowsKnock(Value rule);
} // namespace JoinRule

// One room's preview. Set roomIdOrAlias (and via); the preview fetches after a short pause
// (debounceMs, so typing an address does not send a request per key), or at once on refresh().
// A newer target drops the answer of an older one.
class RoomPreview : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Create previews with services.createPreview()")
    Q_PROPERTY(
        QString roomIdOrAlias READ roomIdOrAlias WRITE setRoomIdOrAlias NOTIFY roomIdOrAliasChanged)
    Q_PROPERTY(QStringList via READ via WRITE setVia NOTIFY viaChanged)
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(Source source READ source NOTIFY changed)
    Q_PROPERTY(QString roomId READ roomId NOTIFY changed)
    // Server text, cleaned for display (one line, no hidden characters): show as plain text.
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(QString canonicalAlias READ canonicalAlias NOTIFY changed)
    Q_PROPERTY(QString topic READ topic NOTIFY changed)
    Q_PROPERTY(QString avatarSource READ avatarSource NOTIFY changed) // image://mxc/… or ""
    Q_PROPERTY(int memberCount READ memberCount NOTIFY changed)       // -1: unknown
    Q_PROPERTY(bool worldReadable READ worldReadable NOTIFY changed)
    Q_PROPERTY(bool guestCanJoin READ guestCanJoin NOTIFY changed)
    Q_PROPERTY(JoinRule::Value joinRule READ joinRule NOTIFY changed)
    Q_PROPERTY(QString roomType READ roomType NOTIFY changed) // "m.space", or "" for a room
    Q_PROPERTY(bool isSpace READ isSpace NOTIFY changed)
    Q_PROPERTY(bool encrypted READ encrypted NOTIFY changed)
    Q_PROPERTY(QString roomVersion READ roomVersion NOTIFY changed)
    // The account's membership (Membership.Join, …), or -1 when it has none.
    Q_PROPERTY(int membership READ membership NOTIFY changed)
    // The join rule says knock (knock, knock_restricted) and the account is not in the room,
    // invited, banned or knocking already: "Ask to join" applies.
    Q_PROPERTY(bool canKnock READ canKnock NOTIFY changed)
    // The failure (Failed), or why the summary was unavailable (PartiallyKnown, Unknown).
    Q_PROPERTY(MatrixError error READ error NOTIFY changed)
    // One plain sentence for the state: "Nothing is known about this room before you join it.",
    // "No room has the address #x:y.", "Shown from the room directory; …". Empty when Known.
    Q_PROPERTY(QString statusText READ statusText NOTIFY changed)

public:
    enum State {
        Idle,           // no (valid) address yet: nothing asked
        Loading,        // asking the server
        Known,          // the server's room summary
        PartiallyKnown, // no summary; what a directory entry or the room list says (see source)
        Unknown,        // nothing is known (a private room, or no such room: statusText says)
        Failed,         // the server could not be asked (unreachable, 5xx, invalid address)
    };
    Q_ENUM(State)
    enum Source {
        NoSource,
        Summary,        // GET room_summary
        DirectoryEntry, // a public room directory entry (services.directory)
        RoomList,       // the account's room list: an invite's stripped state, a knock, …
    };
    Q_ENUM(Source)

    RoomPreview(ApiClient *api, const RoomStore *store, const DirectoryModel *directory,
                QObject *parent = nullptr);
    ~RoomPreview() override;

    QString roomIdOrAlias() const { return m_target; }
    void setRoomIdOrAlias(const QString &target);
    QStringList via() const { return m_via; }
    void setVia(const QStringList &via);
    // The pause after a change before the request goes out (default 300 ms).
    void setDebounceMs(int ms);

    State state() const { return m_state; }
    Source source() const { return m_source; }
    QString roomId() const { return m_info.roomId; }
    QString name() const { return m_info.name; }
    QString canonicalAlias() const { return m_info.canonicalAlias; }
    QString topic() const { return m_info.topic; }
    QString avatarSource() const;
    int memberCount() const { return m_info.memberCount; }
    bool worldReadable() const { return m_info.worldReadable; }
    bool guestCanJoin() const { return m_info.guestCanJoin; }
    JoinRule::Value joinRule() const { return m_info.joinRule; }
    QString roomType() const { return m_info.roomType; }
    bool isSpace() const { return m_info.roomType == QLatin1String("m.space"); }
    bool encrypted() const { return m_info.encrypted; }
    QString roomVersion() const { return m_info.roomVersion; }
    int membership() const { return m_info.membership; }
    bool canKnock() const;
    MatrixError error() const { return m_error; }
    QString statusText() const;

    // Fetches now (no pause), also for the same address again.
    Q_INVOKABLE void refresh();
    // Sets both at once and fetches now.
    Q_INVOKABLE void load(const QString &roomIdOrAlias, const QStringList &via = {});

    // What a room summary or a directory entry (the same field names) says, cleaned.
    struct Info
    {
        QString roomId;
        QString name;
        QString canonicalAlias;
        QString topic;
        QString avatarMxc;
        int memberCount = -1;
        bool worldReadable = false;
        bool guestCanJoin = false;
        JoinRule::Value joinRule = JoinRule::UnknownRule;
        QString roomType;
        bool encrypted = false;
        QString roomVersion;
        int membership = -1;
    };
    static Info parseInfo(const QJsonObject &json);

signals:
    void roomIdOrAliasChanged();
    void viaChanged();
    // Any of the read-only properties changed.
    void changed();

private:
    void schedule();
    void start();
    void onSummary(const QJsonObject &json);
    void onSummaryFailed(const MatrixError &error);
    void resolveAlias(const MatrixError &summaryError);
    // A directory entry or the room list's row for roomId (or the alias): true when found.
    bool fallBack(const QString &roomId, const MatrixError &why);
    void finish(State state, Source source, const Info &info, const MatrixError &error,
                const QString &unknownText = {});
    void stopCall();

    ApiClient *m_api;
    QPointer<const RoomStore> m_store;
    QPointer<const DirectoryModel> m_directory;
    QString m_target;
    QStringList m_via;
    State m_state = Idle;
    Source m_source = NoSource;
    Info m_info;
    MatrixError m_error;
    QString m_unknownText;
    QPointer<ApiCall> m_call;
    QTimer *m_debounce;
};
