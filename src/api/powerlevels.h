#pragma once

// Who may do what in a room, from its m.room.power_levels and m.room.create state, as the spec's
// authorization rules decide it for membership changes. Used to offer only the actions the user
// may take (and say why the others are not offered); the server's verdict still wins.

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <limits>

class PowerLevels
{
public:
    // Room creators in room version 12 rank above every power level (they are never in `users`).
    static constexpr qint64 Creator = std::numeric_limits<qint64>::max();

    enum Action { Kick, Ban, Unban, Invite };

    PowerLevels() = default;
    // createEvent: the room's whole m.room.create event (its sender and content are used).
    // powerLevelsContent: the content of m.room.power_levels; an empty object when the room has
    // none (then its creator has 100 and everyone else 0, and every action needs 0 or 50 as the
    // spec's defaults say). Values written as strings ("50", older room versions) are read.
    static PowerLevels fromState(const QJsonObject &createEvent,
                                 const QJsonObject &powerLevelsContent);
    // Whether the room version gives its creators unlimited power (version 12 and later).
    static bool creatorsRankHighest(const QString &roomVersion);

    // The user's level: `users`, else users_default; Creator for a creator (room version 12+).
    qint64 userLevel(const QString &userId) const;
    // The level the action needs: kick, ban, invite; unban needs both ban and kick.
    qint64 levelFor(Action action) const;
    bool isCreator(const QString &userId) const { return m_creators.contains(userId); }
    QStringList creators() const { return m_creators; }
    // The users with their own level (the `users` map), highest first; creators are not in it.
    QHash<QString, qint64> users() const { return m_users; }

    // Empty when `actor` may do `action` to `target`; otherwise why not, for the user: "Needs
    // power level 50; you have 0." / "Their power level (100) is not below yours (50)."
    // For Invite the target's level does not matter.
    QString whyNot(Action action, const QString &actor, const QString &target) const;
    bool allows(Action action, const QString &actor, const QString &target) const
    {
        return whyNot(action, actor, target).isEmpty();
    }
    // A level as the user reads it: "100", or "Creator".
    static QString levelText(qint64 level);

private:
    qint64 m_ban = 50;
    qint64 m_kick = 50;
    qint64 m_invite = 0;
    qint64 m_usersDefault = 0;
    QHash<QString, qint64> m_users;
    QStringList m_creators; // ranked above every level (room version 12+)
};
