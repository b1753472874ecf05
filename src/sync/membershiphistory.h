#pragma once

#include "store/accountstore.h"

#include <QJsonObject>

// The account's own membership changes found in one room of a /sync response: joined, invited by
// X, left, kicked by X with a reason, banned by X with a reason. They become the room's history in
// the account store, so that a left room keeps its story after the server stops sending it.
namespace MembershipHistory {
// roomJson: the room's object from rooms.join/invite/leave. Changes from the timeline and state
// (full events), or for an invite from invite_state (stripped events: no ID or time, so the ID is
// derived from the invite and the time is nowMs). Oldest first; malformed events are skipped.
QList<AccountStore::HistoryEntry> ownChanges(const QString &roomId, const QJsonObject &roomJson,
                                             const QString &ownUserId, qint64 nowMs);
} // namespace MembershipHistory
