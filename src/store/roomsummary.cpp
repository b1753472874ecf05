#include "store/roomsummary.h"

#include <QCoreApplication>

QString RoomSummary::memberDisplayName(const QString &userId) const
{
    for (const auto &[id, memberName] : memberNames)
        if (id == userId)
            return memberName.isEmpty() ? userId : memberName;
    return userId;
}

QString RoomSummary::displayName() const
{
    if (!name.trimmed().isEmpty())
        return name;
    if (!canonicalAlias.isEmpty())
        return canonicalAlias;
    QStringList names;
    for (const QString &hero : heroes)
        names << memberDisplayName(hero);
    const qint64 members = qint64(qMax(0, joinedMemberCount)) + qMax(0, invitedMemberCount);
    if (!names.isEmpty()) {
        const qint64 others = members - 1 - names.size();
        if (others > 0)
            return QCoreApplication::translate("RoomSummary", "%1 and %2 others")
                .arg(names.join(QStringLiteral(", ")))
                .arg(others);
        if (names.size() == 1)
            return names.first();
        const QString last = names.takeLast();
        return QCoreApplication::translate("RoomSummary", "%1 and %2")
            .arg(names.join(QStringLiteral(", ")), last);
    }
    if (membership == Membership::Invite && !inviterId.isEmpty())
        return QCoreApplication::translate("RoomSummary", "Invite from %1")
            .arg(memberDisplayName(inviterId));
    return QCoreApplication::translate("RoomSummary", "Empty room");
}

void RoomSummary::updateDerived()
{
    sortKey = displayName().toCaseFolded();
    searchText = sortKey + QLatin1Char('\n') + canonicalAlias.toCaseFolded() + QLatin1Char('\n') +
                 roomId.toCaseFolded();
}

void RoomSummary::setMemberName(const QString &userId, const QString &displayName)
{
    for (auto &entry : memberNames) {
        if (entry.first == userId) {
            entry.second = displayName;
            return;
        }
    }
    memberNames.append({userId, displayName});
}
