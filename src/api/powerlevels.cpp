#include "api/powerlevels.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {
// A level as the event holds it: a JSON number, or (before room version 10) a string of digits.
// Anything else is the default.
qint64 levelOf(const QJsonValue &value, qint64 fallback)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d >= -9007199254740991.0 && d <= 9007199254740991.0)
            return qint64(d);
        return fallback;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 parsed = value.toString().trimmed().toLongLong(&ok);
        return ok ? parsed : fallback;
    }
    return fallback;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("PowerLevels", text);
}
} // namespace

bool PowerLevels::creatorsRankHighest(const QString &roomVersion)
{
    // Room version 12 (and the MSC's unstable identifier) introduced creators above all levels.
    if (roomVersion == QLatin1String("org.matrix.hydra.11"))
        return true;
    bool ok = false;
    const int version = roomVersion.toInt(&ok);
    return ok && version >= 12;
}

PowerLevels PowerLevels::fromState(const QJsonObject &createEvent,
                                   const QJsonObject &powerLevelsContent)
{
    PowerLevels levels;
    const QString creator = createEvent.value(QLatin1String("sender")).toString();
    const QJsonObject createContent = createEvent.value(QLatin1String("content")).toObject();
    QString roomVersion = createContent.value(QLatin1String("room_version")).toString();
    if (roomVersion.isEmpty())
        roomVersion = QStringLiteral("1");
    if (creatorsRankHighest(roomVersion)) {
        if (!creator.isEmpty())
            levels.m_creators.append(creator);
        for (const QJsonValue &extra :
             createContent.value(QLatin1String("additional_creators")).toArray()) {
            const QString id = extra.toString();
            if (!id.isEmpty() && !levels.m_creators.contains(id))
                levels.m_creators.append(id);
        }
    }
    if (powerLevelsContent.isEmpty()) {
        // No power levels event: the creator has 100, the rest 0 (kick and ban still need 50).
        if (!creator.isEmpty() && levels.m_creators.isEmpty())
            levels.m_users.insert(creator, 100);
        return levels;
    }
    levels.m_ban = levelOf(powerLevelsContent.value(QLatin1String("ban")), 50);
    levels.m_kick = levelOf(powerLevelsContent.value(QLatin1String("kick")), 50);
    levels.m_invite = levelOf(powerLevelsContent.value(QLatin1String("invite")), 0);
    levels.m_usersDefault = levelOf(powerLevelsContent.value(QLatin1String("users_default")), 0);
    const QJsonObject users = powerLevelsContent.value(QLatin1String("users")).toObject();
    for (auto it = users.constBegin(); it != users.constEnd(); ++it) {
        if (!levels.m_creators.contains(it.key()))
            levels.m_users.insert(it.key(), levelOf(it.value(), levels.m_usersDefault));
    }
    return levels;
}

qint64 PowerLevels::userLevel(const QString &userId) const
{
    if (m_creators.contains(userId))
        return Creator;
    return m_users.value(userId, m_usersDefault);
}

qint64 PowerLevels::levelFor(Action action) const
{
    switch (action) {
    case Kick:
        return m_kick;
    case Ban:
        return m_ban;
    case Unban:
        return qMax(m_ban, m_kick);
    case Invite:
        return m_invite;
    }
    return m_ban;
}

QString PowerLevels::levelText(qint64 level)
{
    return level == Creator ? tr("Creator") : QString::number(level);
}

QString PowerLevels::whyNot(Action action, const QString &actor, const QString &target) const
{
    const qint64 mine = userLevel(actor);
    const qint64 needed = levelFor(action);
    if (mine < needed)
        return tr("Needs power level %1; you have %2.").arg(levelText(needed), levelText(mine));
    if (action == Invite)
        return {};
    const qint64 theirs = userLevel(target);
    if (theirs >= mine) {
        if (theirs == Creator)
            return tr("They created the room: no one can remove them.");
        return tr("Their power level (%1) is not below yours (%2).")
            .arg(levelText(theirs), levelText(mine));
    }
    return {};
}
