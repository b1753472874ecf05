#include "actions/baneverywhere.h"

#include "actions/jobqueue.h"
#include "api/identifiers.h"
#include "session/session.h"
#include "sync/roomstore.h"

#include <QVariantMap>
#include <algorithm>

BanEverywhere::BanEverywhere(ApiClient *api, Session *session, RoomStore *store, JobQueue *jobs,
                             QObject *parent)
    : QObject(parent), m_session(session), m_store(store), m_jobs(jobs),
      m_probe(new RoomPowerProbe(api, session, this))
{
    connect(m_probe, &RoomPowerProbe::progress, this, [this](int done, int) {
        m_checked = done;
        emit progressChanged();
    });
    connect(m_probe, &RoomPowerProbe::finished, this, &BanEverywhere::onProbeFinished);
}

BanEverywhere::~BanEverywhere() = default;

bool BanEverywhere::isProbing() const
{
    return m_probe->isRunning();
}

Job *BanEverywhere::job() const
{
    return m_job;
}

void BanEverywhere::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    emit errorChanged();
}

bool BanEverywhere::plan(const QString &userId)
{
    QStringList roomIds;
    if (m_store) {
        QList<const RoomSummary *> rooms;
        for (int i = 0; i < m_store->size(); ++i) {
            const RoomSummary &room = m_store->at(i);
            if (room.membership == Membership::Join)
                rooms << &room;
        }
        std::sort(rooms.begin(), rooms.end(), [](const RoomSummary *a, const RoomSummary *b) {
            const int c = QString::compare(a->displayName(), b->displayName(), Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a->roomId < b->roomId;
        });
        for (const RoomSummary *room : std::as_const(rooms))
            roomIds << room->roomId;
    }
    return planRooms(userId, roomIds);
}

bool BanEverywhere::planRooms(const QString &userId, const QStringList &roomIds)
{
    const bool wasProbing = m_probe->isRunning();
    if (wasProbing) {
        // The old plan's finished() must not end the new one.
        disconnect(m_probe, &RoomPowerProbe::finished, this, &BanEverywhere::onProbeFinished);
        m_probe->cancel();
        connect(m_probe, &RoomPowerProbe::finished, this, &BanEverywhere::onProbeFinished);
    }
    m_userId = userId.trimmed();
    m_entries.clear();
    m_checked = 0;
    m_ready = false;
    m_job = nullptr;
    m_ownUserId = m_store ? m_store->ownUserId() : QString();
    if (m_ownUserId.isEmpty() && m_session)
        m_ownUserId = m_session->userId();
    QString why = Identifiers::validateUserId(m_userId);
    if (why.isEmpty() && m_ownUserId.isEmpty())
        why = tr("Not signed in.");
    if (why.isEmpty() && m_userId == m_ownUserId)
        why = tr("You cannot ban yourself.");
    setError(why);
    if (!why.isEmpty()) {
        emit planChanged();
        emit progressChanged();
        emit jobChanged();
        if (wasProbing)
            emit probingChanged();
        return false;
    }
    for (const QString &roomId : roomIds) {
        Entry entry;
        entry.roomId = roomId;
        const RoomSummary *room = m_store ? m_store->find(roomId) : nullptr;
        entry.roomName = room ? room->displayName() : roomId;
        m_entries.append(entry);
    }
    RoomPowerProbe::Options options;
    options.targetUserId = m_userId;
    m_probe->start(roomIds, options);
    emit planChanged();
    emit progressChanged();
    emit jobChanged();
    emit probingChanged();
    return true;
}

void BanEverywhere::onProbeFinished()
{
    const QList<RoomPowerFacts> facts = m_probe->results();
    for (int i = 0; i < m_entries.size() && i < facts.size(); ++i) {
        Entry &entry = m_entries[i];
        const RoomPowerFacts &f = facts.at(i);
        entry.membership = f.targetMembership;
        entry.error = f.error;
        if (f.error.isError()) {
            entry.verdict = CheckFailed;
            entry.membership.reset();
            entry.reason = tr("Could not be checked: %1").arg(f.error.summary());
        } else if (f.targetMembership == Membership::Ban) {
            entry.verdict = AlreadyBanned;
            entry.reason = tr("Already banned.");
        } else if (const QString whyNot = f.levels.whyNot(PowerLevels::Ban, m_ownUserId, m_userId);
                   !whyNot.isEmpty()) {
            entry.verdict = NotAllowed;
            entry.reason = whyNot;
        } else {
            entry.verdict = WillBan;
            entry.reason.clear();
        }
    }
    m_checked = int(facts.size());
    m_ready = true;
    emit progressChanged();
    emit planChanged();
    emit probingChanged();
    emit planned();
}

void BanEverywhere::cancel()
{
    m_probe->cancel(); // finished() → onProbeFinished(): the rooms not read are CheckFailed
}

void BanEverywhere::clear()
{
    if (m_probe->isRunning()) {
        disconnect(m_probe, &RoomPowerProbe::finished, this, &BanEverywhere::onProbeFinished);
        m_probe->cancel();
        connect(m_probe, &RoomPowerProbe::finished, this, &BanEverywhere::onProbeFinished);
    }
    m_userId.clear();
    m_entries.clear();
    m_checked = 0;
    m_ready = false;
    m_job = nullptr;
    setError({});
    emit planChanged();
    emit progressChanged();
    emit probingChanged();
    emit jobChanged();
}

Job *BanEverywhere::submit(const QString &reason)
{
    if (!m_ready) {
        setError(tr("The rooms are still being checked."));
        return nullptr;
    }
    const QStringList rooms = roomsToBan();
    if (rooms.isEmpty()) {
        setError(tr("There is no room where you can ban %1.").arg(m_userId));
        return nullptr;
    }
    if (reason.size() > Operation::MaxReasonLength) {
        setError(
            tr("The reason is too long (at most %1 characters).").arg(Operation::MaxReasonLength));
        return nullptr;
    }
    if (!m_jobs) {
        setError(tr("Bulk actions are not available."));
        return nullptr;
    }
    Job *job = m_jobs->banInRooms(rooms, m_userId, reason.trimmed());
    if (!job) {
        setError(m_jobs->lastError());
        return nullptr;
    }
    setError({});
    m_job = job;
    emit jobChanged();
    return job;
}

int BanEverywhere::banCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const Entry &e) { return e.verdict == WillBan; }));
}

QStringList BanEverywhere::roomsToBan() const
{
    QStringList rooms;
    for (const Entry &entry : m_entries)
        if (entry.verdict == WillBan)
            rooms << entry.roomId;
    return rooms;
}

QVariantList BanEverywhere::mapsOf(bool willBan) const
{
    QVariantList list;
    if (!m_ready)
        return list;
    for (const Entry &entry : m_entries) {
        if ((entry.verdict == WillBan) != willBan)
            continue;
        list.append(QVariantMap{
            {QStringLiteral("roomId"), entry.roomId},
            {QStringLiteral("roomName"), entry.roomName},
            {QStringLiteral("verdict"), int(entry.verdict)},
            {QStringLiteral("membership"),
             entry.membership ? Membership::toString(*entry.membership) : QString()},
            {QStringLiteral("membershipText"),
             entry.verdict == CheckFailed ? QString() : membershipText(entry.membership)},
            {QStringLiteral("reason"), entry.reason},
        });
    }
    return list;
}

QVariantList BanEverywhere::banRooms() const
{
    return mapsOf(true);
}

QVariantList BanEverywhere::otherRooms() const
{
    return mapsOf(false);
}

QString BanEverywhere::membershipText(std::optional<Membership::Value> membership)
{
    if (!membership)
        return tr("Never a member");
    switch (*membership) {
    case Membership::Join:
        return tr("Joined");
    case Membership::Invite:
        return tr("Invited");
    case Membership::Knock:
        return tr("Asking to join");
    case Membership::Leave:
        return tr("Left");
    case Membership::Ban:
        return tr("Banned");
    }
    return {};
}

QString BanEverywhere::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Unchecked:
        return QStringLiteral("unchecked");
    case WillBan:
        return QStringLiteral("ban");
    case AlreadyBanned:
        return QStringLiteral("already_banned");
    case NotAllowed:
        return QStringLiteral("not_allowed");
    case CheckFailed:
        return QStringLiteral("check_failed");
    }
    return {};
}
