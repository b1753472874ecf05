#include "models/leavecheck.h"

#include "session/session.h"
#include "sync/roomstore.h"

#include <QSet>
#include <QVariantMap>

LeaveCheck::LeaveCheck(ApiClient *api, Session *session, RoomStore *store, QObject *parent)
    : QObject(parent), m_session(session), m_store(store),
      m_probe(new RoomPowerProbe(api, session, this))
{
    connect(m_probe, &RoomPowerProbe::finished, this, &LeaveCheck::onFinished);
}

QString LeaveCheck::ownUserId() const
{
    if (m_session && !m_session->userId().isEmpty())
        return m_session->userId();
    return m_store ? m_store->ownUserId() : QString();
}

void LeaveCheck::check(const QStringList &roomIds)
{
    m_probe->disconnect(this);
    m_probe->cancel(); // its finished() is not ours any more
    connect(m_probe, &RoomPowerProbe::finished, this, &LeaveCheck::onFinished);
    m_roomIds = roomIds;
    m_userId = ownUserId();
    m_soleAdmin.clear();
    m_failedIds.clear();
    m_failed.clear();
    m_state = Checking;
    RoomPowerProbe::Options options;
    options.joinedMembers = true;
    m_probe->start(roomIds, options);
    emit changed();
}

void LeaveCheck::clear()
{
    m_probe->disconnect(this);
    m_probe->cancel();
    connect(m_probe, &RoomPowerProbe::finished, this, &LeaveCheck::onFinished);
    m_roomIds.clear();
    m_soleAdmin.clear();
    m_failedIds.clear();
    m_failed.clear();
    m_state = Idle;
    emit changed();
}

bool LeaveCheck::isSoleAdmin(const RoomPowerFacts &facts, const QString &userId)
{
    if (facts.error.isError() || userId.isEmpty() || !facts.joinedMembers.contains(userId))
        return false;
    // Room version 12 creators rank above every level (PowerLevels::Creator): a creator with
    // another creator joined is not alone; a creator with none is.
    const qint64 mine = facts.levels.userLevel(userId);
    if (mine <= facts.usersDefault)
        return false; // no more power than anyone: nothing is lost when they leave
    for (const QString &other : facts.joinedMembers) {
        if (other != userId && facts.levels.userLevel(other) >= mine)
            return false;
    }
    return true;
}

void LeaveCheck::onFinished()
{
    const QList<RoomPowerFacts> results = m_probe->results();
    m_soleAdmin.clear();
    m_failedIds.clear();
    m_failed.clear();
    for (const RoomPowerFacts &facts : results) {
        if (facts.error.isError()) {
            if (!m_failed.contains(facts.roomId)) {
                m_failedIds.append(facts.roomId);
                m_failed.insert(facts.roomId, facts.error.summary());
            }
            continue;
        }
        if (isSoleAdmin(facts, m_userId) && !m_soleAdmin.contains(facts.roomId))
            m_soleAdmin.append(facts.roomId);
    }
    m_state = Checked;
    emit changed();
}

QString LeaveCheck::nameOf(const QString &roomId) const
{
    const RoomSummary *room = m_store ? m_store->find(roomId) : nullptr;
    return room ? room->displayName() : roomId;
}

QStringList LeaveCheck::namesOf(const QStringList &roomIds) const
{
    QStringList names;
    names.reserve(roomIds.size());
    for (const QString &id : roomIds)
        names.append(nameOf(id));
    return names;
}

QString LeaveCheck::warningFor(const QString &roomId) const
{
    return tr("You are the only admin of %1. Promote someone before you leave, or nobody will be "
              "able to change its settings.")
        .arg(nameOf(roomId));
}

QStringList LeaveCheck::soleAdminAmong(const QStringList &roomIds) const
{
    QStringList list;
    for (const QString &id : roomIds) {
        if (m_soleAdmin.contains(id) && !list.contains(id))
            list.append(id);
    }
    return list;
}

QStringList LeaveCheck::failedAmong(const QStringList &roomIds) const
{
    QStringList list;
    for (const QString &id : roomIds) {
        if (m_failed.contains(id) && !list.contains(id))
            list.append(id);
    }
    return list;
}

QString LeaveCheck::warningsFor(const QStringList &roomIds) const
{
    QStringList lines;
    for (const QString &id : soleAdminAmong(roomIds))
        lines.append(warningFor(id));
    return lines.join(QLatin1Char('\n'));
}

QVariantList LeaveCheck::soleAdminRooms() const
{
    QVariantList list;
    for (const QString &id : m_soleAdmin)
        list.append(QVariantMap{{QStringLiteral("roomId"), id},
                                {QStringLiteral("name"), nameOf(id)},
                                {QStringLiteral("warning"), warningFor(id)}});
    return list;
}

QVariantList LeaveCheck::failedRooms() const
{
    QVariantList list;
    for (const QString &id : m_failedIds)
        list.append(QVariantMap{{QStringLiteral("roomId"), id},
                                {QStringLiteral("name"), nameOf(id)},
                                {QStringLiteral("error"), m_failed.value(id)}});
    return list;
}

QStringList LeaveCheck::predecessorsOf(const QString &roomId) const
{
    QStringList chain;
    if (!m_store)
        return chain;
    QSet<QString> seen{roomId};
    QString current = roomId;
    for (;;) {
        const RoomSummary *room = m_store->find(current);
        if (!room || room->predecessor.isEmpty() || seen.contains(room->predecessor))
            break; // unknown, the first version, or a cycle
        const QString older = room->predecessor;
        // Only a link both rooms agree on: a room naming any room as its predecessor must not
        // make the user leave that room.
        if (m_store->successorOf(older) != current)
            break;
        seen.insert(older);
        const RoomSummary *old = m_store->find(older);
        if (old && old->membership == Membership::Join)
            chain.append(older);
        current = older;
    }
    return chain;
}
