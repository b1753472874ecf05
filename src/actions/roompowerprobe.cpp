#include "actions/roompowerprobe.h"

#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"
#include "session/session.h"

#include <QJsonObject>

namespace {
const QLatin1String TypeKey("type");
const QLatin1String ContentKey("content");

// A state event the room does not have (or a member event of someone never in it): 404
// M_NOT_FOUND. A server that does not know the endpoint (404 M_UNRECOGNIZED) is an error.
bool isAbsent(const MatrixError &error)
{
    return error.kind == MatrixError::Server && error.httpStatus == 404 &&
           error.errcode != QLatin1String("M_UNRECOGNIZED");
}

// users_default as the event holds it: a number, or (before room version 10) a string of digits.
qint64 usersDefaultOf(const QJsonObject &powerLevelsContent)
{
    const QJsonValue value = powerLevelsContent.value(QLatin1String("users_default"));
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d >= -9007199254740991.0 && d <= 9007199254740991.0)
            return qint64(d);
        return 0;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 parsed = value.toString().trimmed().toLongLong(&ok);
        return ok ? parsed : 0;
    }
    return 0;
}
} // namespace

RoomPowerProbe::RoomPowerProbe(ApiClient *api, Session *session, QObject *parent)
    : QObject(parent), m_api(api), m_session(session)
{}

RoomPowerProbe::~RoomPowerProbe()
{
    ++m_generation;
    for (Slot &slot : m_slots)
        abortCalls(slot);
}

void RoomPowerProbe::start(const QStringList &roomIds, const Options &options)
{
    if (m_running)
        cancel();
    ++m_generation;
    m_options = options;
    m_options.concurrency = qMax(1, options.concurrency);
    m_slots.clear();
    m_next = 0;
    m_inFlight = 0;
    m_done = 0;
    m_running = true;

    const QString targetError = options.targetUserId.isEmpty()
                                    ? QString()
                                    : Identifiers::validateUserId(options.targetUserId);
    m_slots.reserve(roomIds.size());
    for (const QString &roomId : roomIds) {
        Slot slot;
        slot.facts.roomId = roomId;
        QString why = Identifiers::validateRoomId(roomId);
        if (why.isEmpty())
            why = targetError;
        if (!why.isEmpty())
            slot.facts.error = MatrixError::invalidInput(why);
        m_slots.append(slot);
    }
    // Everything, even a list of invalid IDs, ends from the event loop: the caller connects
    // after start() returns.
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_generation)
                pump();
        },
        Qt::QueuedConnection);
}

void RoomPowerProbe::cancel()
{
    if (!m_running)
        return;
    ++m_generation;
    for (Slot &slot : m_slots) {
        abortCalls(slot);
        if (!slot.done) {
            slot.done = true;
            slot.facts.error = MatrixError::cancelled();
        }
    }
    m_inFlight = 0;
    m_running = false;
    emit finished();
}

QList<RoomPowerFacts> RoomPowerProbe::results() const
{
    QList<RoomPowerFacts> list;
    list.reserve(m_slots.size());
    for (const Slot &slot : m_slots)
        list.append(slot.facts);
    return list;
}

RoomPowerFacts RoomPowerProbe::resultFor(const QString &roomId) const
{
    for (const Slot &slot : m_slots) {
        if (slot.facts.roomId == roomId)
            return slot.facts;
    }
    return {};
}

void RoomPowerProbe::pump()
{
    const quint64 generation = m_generation;
    while (m_running && generation == m_generation && m_next < m_slots.size() &&
           m_inFlight < m_options.concurrency) {
        const int index = m_next++;
        Slot &slot = m_slots[index];
        if (slot.facts.error.isError()) { // invalid input: nothing is sent for it
            finishRoom(index);
            continue;
        }
        startRoom(index);
    }
    if (m_running && generation == m_generation && m_done == m_slots.size())
        finishAll();
}

void RoomPowerProbe::startRoom(int index)
{
    Slot &slot = m_slots[index];
    slot.started = true;
    ++m_inFlight;
    const QString roomId = slot.facts.roomId;
    if (!m_api) {
        slot.facts.error = MatrixError::invalidInput(tr("Not signed in."));
        finishRoom(index);
        return;
    }
    QList<std::pair<Part, ApiCall *>> calls;
    calls.append({LevelsPart, Endpoints::getRoomStateWithKey(m_api, roomId,
                                                             QStringLiteral("m.room.power_levels"),
                                                             QString())});
    calls.append(
        {CreatePart, Endpoints::getRoomStateWithKey(m_api, roomId, QStringLiteral("m.room.create"),
                                                    QString(), Endpoints::StateFormat::Event)});
    if (m_options.joinedMembers)
        calls.append({MembersPart, Endpoints::getJoinedMembersByRoom(m_api, roomId)});
    if (!m_options.targetUserId.isEmpty())
        calls.append({TargetPart,
                      Endpoints::getRoomStateWithKey(m_api, roomId, QStringLiteral("m.room.member"),
                                                     m_options.targetUserId)});
    const quint64 generation = m_generation;
    for (const auto &[part, call] : calls) {
        slot.pending.append(part);
        slot.calls.append(call);
        const Part which = part;
        connect(call, &ApiCall::succeeded, this,
                [this, generation, index, which](const QJsonObject &body) {
                    if (generation == m_generation)
                        onPart(index, which, body);
                });
        connect(call, &ApiCall::failed, this,
                [this, generation, index, which](const MatrixError &error) {
                    if (generation == m_generation)
                        onPartFailed(index, which, error);
                });
    }
}

void RoomPowerProbe::onPart(int index, Part part, const QJsonObject &body)
{
    Slot &slot = m_slots[index];
    if (slot.done)
        return;
    switch (part) {
    case LevelsPart:
        slot.levelsContent = body;
        break;
    case CreatePart:
        // Asked for as the whole event (its sender is the creator). A server that predates
        // ?format=event answers the content: up to room version 10 its `creator` names them.
        if (body.value(TypeKey).isString() && body.value(ContentKey).isObject()) {
            slot.createEvent = body;
        } else {
            QJsonObject event{{QString(ContentKey), body}};
            const QString creator = body.value(QLatin1String("creator")).toString();
            if (!creator.isEmpty())
                event.insert(QStringLiteral("sender"), creator);
            slot.createEvent = event;
        }
        break;
    case MembersPart: {
        const QJsonObject joined = body.value(QLatin1String("joined")).toObject();
        slot.facts.joinedMembers = joined.keys();
        break;
    }
    case TargetPart: {
        const auto membership =
            Membership::fromString(body.value(QLatin1String("membership")).toString());
        if (!membership) {
            slot.facts.error = MatrixError::malformed(
                tr("The server reported no membership for %1.").arg(m_options.targetUserId));
            abortCalls(slot);
            finishRoom(index);
            return;
        }
        slot.facts.targetMembership = membership;
        break;
    }
    }
    slot.pending.removeAll(part);
    if (slot.pending.isEmpty()) {
        slot.calls.clear();
        finishRoom(index);
    }
}

void RoomPowerProbe::onPartFailed(int index, Part part, const MatrixError &error)
{
    Slot &slot = m_slots[index];
    if (slot.done)
        return;
    if (isAbsent(error)) {
        // No power levels: the spec's defaults. No create event readable as such: no creator
        // known. No member event: the target was never in the room.
        if (part == TargetPart) {
            slot.pending.removeAll(part);
            slot.facts.targetMembership.reset();
            if (slot.pending.isEmpty()) {
                slot.calls.clear();
                finishRoom(index);
            }
            return;
        }
        if (part == LevelsPart || part == CreatePart) {
            onPart(index, part, {});
            return;
        }
    }
    slot.facts.error = error;
    abortCalls(slot);
    finishRoom(index);
}

void RoomPowerProbe::abortCalls(Slot &slot)
{
    const auto calls = slot.calls;
    slot.calls.clear();
    for (const QPointer<ApiCall> &call : calls) {
        if (call) {
            disconnect(call, nullptr, this, nullptr);
            call->abort();
        }
    }
}

void RoomPowerProbe::finishRoom(int index)
{
    Slot &slot = m_slots[index];
    if (slot.done)
        return;
    slot.done = true;
    slot.pending.clear();
    if (!slot.facts.error.isError()) {
        slot.facts.levels = PowerLevels::fromState(slot.createEvent, slot.levelsContent);
        slot.facts.usersDefault = usersDefaultOf(slot.levelsContent);
        if (!slot.createEvent.isEmpty()) {
            const QString version = slot.createEvent.value(ContentKey)
                                        .toObject()
                                        .value(QLatin1String("room_version"))
                                        .toString();
            slot.facts.roomVersion = version.isEmpty() ? QStringLiteral("1") : version;
        }
    }
    if (slot.started)
        --m_inFlight;
    ++m_done;
    const quint64 generation = m_generation;
    emit progress(m_done, int(m_slots.size()));
    if (generation != m_generation || !m_running)
        return; // the receiver cancelled or restarted
    // Started from an answer: read the next room (pump() itself loops over its own calls).
    if (slot.started)
        pump();
}

void RoomPowerProbe::finishAll()
{
    m_running = false;
    ++m_generation;
    emit finished();
}
