#include "sync/membershiphistory.h"

#include "api/safetext.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace MembershipHistory {
namespace {
constexpr qsizetype MaxReasonLength = 1024;

void collect(const QJsonArray &events, const QString &ownUserId, bool stripped,
             const QString &roomId, qint64 nowMs, QList<AccountStore::HistoryEntry> *out)
{
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        if (event.value(QLatin1String("type")).toString() != QLatin1String("m.room.member") ||
            event.value(QLatin1String("state_key")).toString() != ownUserId)
            continue;
        const QJsonObject content = event.value(QLatin1String("content")).toObject();
        const auto membership =
            Membership::fromString(content.value(QLatin1String("membership")).toString());
        if (!membership)
            continue;
        AccountStore::HistoryEntry entry;
        entry.membership = *membership;
        entry.sender = SafeText::forDisplay(event.value(QLatin1String("sender")).toString(), 255);
        entry.reason = SafeText::forDisplay(content.value(QLatin1String("reason")).toString(),
                                            MaxReasonLength);
        if (stripped) {
            // The same invite is sent again in every initial sync: derive a stable identity.
            entry.eventId = QStringLiteral("stripped:") +
                            QString::fromLatin1(QCryptographicHash::hash(
                                                    (roomId + QLatin1Char('\n') + entry.sender +
                                                     QLatin1Char('\n') + entry.reason)
                                                        .toUtf8(),
                                                    QCryptographicHash::Sha256)
                                                    .toHex()
                                                    .left(32));
            entry.timestampMs = nowMs;
        } else {
            entry.eventId = event.value(QLatin1String("event_id")).toString();
            entry.timestampMs = qint64(event.value(QLatin1String("origin_server_ts")).toDouble());
            if (entry.eventId.isEmpty() || entry.timestampMs <= 0)
                continue;
        }
        out->append(entry);
    }
}
} // namespace

QList<AccountStore::HistoryEntry> ownChanges(const QString &roomId, const QJsonObject &roomJson,
                                             const QString &ownUserId, qint64 nowMs)
{
    QList<AccountStore::HistoryEntry> changes;
    if (ownUserId.isEmpty())
        return changes;
    auto events = [&roomJson](QLatin1String part) {
        return roomJson.value(part).toObject().value(QLatin1String("events")).toArray();
    };
    collect(events(QLatin1String("invite_state")), ownUserId, true, roomId, nowMs, &changes);
    collect(events(QLatin1String("state")), ownUserId, false, roomId, nowMs, &changes);
    collect(events(QLatin1String("timeline")), ownUserId, false, roomId, nowMs, &changes);
    std::stable_sort(changes.begin(), changes.end(),
                     [](const AccountStore::HistoryEntry &a, const AccountStore::HistoryEntry &b) {
                         return a.timestampMs < b.timestampMs;
                     });
    // State and timeline may carry the same event.
    QList<AccountStore::HistoryEntry> unique;
    for (const auto &change : changes) {
        const bool seen = std::any_of(unique.cbegin(), unique.cend(), [&](const auto &u) {
            return u.eventId == change.eventId;
        });
        if (!seen)
            unique.append(change);
    }
    return unique;
}
} // namespace MembershipHistory
