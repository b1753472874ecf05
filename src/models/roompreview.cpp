#include "models/roompreview.h"

#include "api/endpoints.h"
#include "api/identifiers.h"
#include "api/safetext.h"
#include "models/directorymodel.h"
#include "models/roomlistmodel.h"
#include "sync/roomstore.h"

#include <QJsonObject>
#include <QTimer>

namespace {
constexpr qsizetype MaxTextLength = 1024;

constexpr std::pair<JoinRule::Value, QStringView> JoinRuleNames[] = {
    {JoinRule::Public, u"public"},
    {JoinRule::Knock, u"knock"},
    {JoinRule::KnockRestricted, u"knock_restricted"},
    {JoinRule::Invite, u"invite"},
    {JoinRule::Restricted, u"restricted"},
    {JoinRule::Private, u"private"},
};

QString cleanText(const QJsonValue &value)
{
    return SafeText::forDisplay(value.toString(), MaxTextLength);
}

// The server answered, and it is about the room, not the server: the room is private (or
// gone), or the server has no summary endpoint (an older server).
bool isNoSummary(const MatrixError &e)
{
    return e.kind == MatrixError::Server &&
           (e.httpStatus == 404 || e.httpStatus == 403 || e.httpStatus == 405 ||
            e.errcode == QLatin1String("M_UNRECOGNIZED") ||
            e.errcode == QLatin1String("M_NOT_FOUND") || e.errcode == QLatin1String("M_FORBIDDEN"));
}
} // namespace

JoinRule::Value JoinRule::fromString(QStringView rule)
{
    for (const auto &[value, name] : JoinRuleNames)
        if (name == rule)
            return value;
    return UnknownRule;
}

QString JoinRule::toString(Value rule)
{
    for (const auto &[value, name] : JoinRuleNames)
        if (value == rule)
            return name.toString();
    return {};
}

bool JoinRule::allowsKnock(Value rule)
{
    return rule == Knock || rule == KnockRestricted;
}

RoomPreview::Info RoomPreview::parseInfo(const QJsonObject &json)
{
    Info info;
    const QString roomId = json.value(QLatin1String("room_id")).toString();
    info.roomId = Identifiers::validateRoomId(roomId).isEmpty() ? roomId : QString();
    info.name = cleanText(json.value(QLatin1String("name")));
    // An alias with hidden characters is not shown at all (it would name another room).
    const QString alias = json.value(QLatin1String("canonical_alias")).toString();
    info.canonicalAlias = Identifiers::validateRoomAlias(alias).isEmpty() &&
                                  SafeText::forDisplay(alias, MaxTextLength) == alias
                              ? alias
                              : QString();
    info.topic = cleanText(json.value(QLatin1String("topic")));
    info.avatarMxc = json.value(QLatin1String("avatar_url")).toString().left(MaxTextLength);
    if (const QJsonValue n = json.value(QLatin1String("num_joined_members")); n.isDouble())
        info.memberCount = qMax(0, n.toInt());
    info.worldReadable = json.value(QLatin1String("world_readable")).toBool();
    info.guestCanJoin = json.value(QLatin1String("guest_can_join")).toBool();
    const QJsonValue rule = json.value(QLatin1String("join_rule"));
    // The spec's default when a directory entry leaves it out.
    info.joinRule = rule.isString() ? JoinRule::fromString(rule.toString()) : JoinRule::Public;
    info.roomType = SafeText::forDisplay(json.value(QLatin1String("room_type")).toString(), 255);
    info.encrypted = json.value(QLatin1String("encryption")).isString();
    info.roomVersion =
        SafeText::forDisplay(json.value(QLatin1String("room_version")).toString(), 64);
    if (const auto m = Membership::fromString(json.value(QLatin1String("membership")).toString()))
        info.membership = int(*m);
    return info;
}

RoomPreview::RoomPreview(ApiClient *api, const RoomStore *store, const DirectoryModel *directory,
                         QObject *parent)
    : QObject(parent), m_api(api), m_store(store), m_directory(directory),
      m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &RoomPreview::start);
}

RoomPreview::~RoomPreview()
{
    stopCall();
}

void RoomPreview::setDebounceMs(int ms)
{
    m_debounce->setInterval(ms);
}

void RoomPreview::setRoomIdOrAlias(const QString &target)
{
    const QString trimmed = target.trimmed();
    if (trimmed == m_target)
        return;
    m_target = trimmed;
    emit roomIdOrAliasChanged();
    schedule();
}

void RoomPreview::setVia(const QStringList &via)
{
    if (via == m_via)
        return;
    m_via = via;
    emit viaChanged();
    schedule();
}

void RoomPreview::load(const QString &roomIdOrAlias, const QStringList &via)
{
    const QString trimmed = roomIdOrAlias.trimmed();
    const bool targetChanged = trimmed != m_target;
    const bool viaChanged_ = via != m_via;
    m_target = trimmed;
    m_via = via;
    if (targetChanged)
        emit roomIdOrAliasChanged();
    if (viaChanged_)
        emit viaChanged();
    refresh();
}

void RoomPreview::refresh()
{
    m_debounce->stop();
    start();
}

void RoomPreview::schedule()
{
    stopCall(); // an answer about the previous address is of no use now
    if (Identifiers::validateRoomIdOrAlias(m_target).isEmpty()) {
        finish(Loading, NoSource, {}, {});
        m_debounce->start();
    } else {
        m_debounce->stop();
        finish(Idle, NoSource, {}, {});
    }
}

void RoomPreview::stopCall()
{
    if (ApiCall *call = m_call) {
        m_call = nullptr;
        QObject::disconnect(call, nullptr, this, nullptr);
        call->abort();
    }
}

QString RoomPreview::avatarSource() const
{
    return RoomListModel::avatarSourceFor(m_info.avatarMxc);
}

bool RoomPreview::canKnock() const
{
    return JoinRule::allowsKnock(m_info.joinRule) &&
           (m_info.membership < 0 || m_info.membership == Membership::Leave);
}

void RoomPreview::start()
{
    stopCall();
    if (m_target.isEmpty()) {
        finish(Idle, NoSource, {}, {});
        return;
    }
    if (const QString why = Identifiers::validateRoomIdOrAlias(m_target); !why.isEmpty()) {
        finish(Failed, NoSource, {}, MatrixError::invalidInput(why));
        return;
    }
    QStringList via;
    if (const QString why = Identifiers::validateViaServers(m_via, &via); !why.isEmpty()) {
        finish(Failed, NoSource, {}, MatrixError::invalidInput(why));
        return;
    }
    ApiCall *call = Endpoints::getRoomSummary(m_api, m_target, via);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject &json) {
        m_call = nullptr;
        onSummary(json);
    });
    connect(call, &ApiCall::failed, this, [this](const MatrixError &error) {
        m_call = nullptr;
        onSummaryFailed(error);
    });
    finish(Loading, NoSource, {}, {});
}

void RoomPreview::onSummary(const QJsonObject &json)
{
    Info info = parseInfo(json);
    if (info.roomId.isEmpty()) {
        onSummaryFailed(MatrixError::malformed(tr("The room summary names no valid room ID.")));
        return;
    }
    // The room list knows the account's membership best (the summary's is optional).
    if (const RoomSummary *room = m_store ? m_store->find(info.roomId) : nullptr)
        info.membership = int(room->membership);
    else if (info.membership == int(Membership::Leave))
        info.membership = -1; // Synapse says "leave" for a room the account was never in
    finish(Known, Summary, info, {});
}

void RoomPreview::onSummaryFailed(const MatrixError &error)
{
    if (error.kind == MatrixError::Cancelled)
        return;
    const bool isAlias = m_target.startsWith(QLatin1Char('#'));
    // The room list or the directory may know the room by this address.
    if (fallBack(m_target, error))
        return;
    if (!isNoSummary(error)) {
        finish(Failed, NoSource, {}, error);
        return;
    }
    if (isAlias) {
        resolveAlias(error);
        return;
    }
    finish(Unknown, NoSource, {}, error,
           tr("Nothing is known about this room before you join it: its server does not share "
              "a preview (%1).")
               .arg(error.summary()));
}

void RoomPreview::resolveAlias(const MatrixError &summaryError)
{
    // Whether the address names a room at all: "no such room" and "a private room" read alike
    // from the summary.
    ApiCall *call = Endpoints::getRoomIdByAlias(m_api, m_target);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this, summaryError](const QJsonObject &json) {
        m_call = nullptr;
        const QString roomId = json.value(QLatin1String("room_id")).toString();
        if (Identifiers::validateRoomId(roomId).isEmpty() && fallBack(roomId, summaryError))
            return;
        Info info;
        info.roomId = Identifiers::validateRoomId(roomId).isEmpty() ? roomId : QString();
        finish(Unknown, NoSource, info, summaryError,
               tr("%1 is a room, but nothing more is known about it before you join it: its "
                  "server does not share a preview.")
                   .arg(m_target));
    });
    connect(call, &ApiCall::failed, this, [this, summaryError](const MatrixError &error) {
        m_call = nullptr;
        if (error.kind == MatrixError::Server && error.httpStatus == 404 &&
            error.errcode != QLatin1String("M_UNRECOGNIZED")) {
            finish(Unknown, NoSource, {}, error, tr("No room has the address %1.").arg(m_target));
            return;
        }
        finish(Unknown, NoSource, {}, summaryError,
               tr("Nothing is known about %1 before you join it (%2).")
                   .arg(m_target, error.summary()));
    });
}

bool RoomPreview::fallBack(const QString &roomIdOrAlias, const MatrixError &why)
{
    Info info;
    if (m_directory && m_directory->findEntry(roomIdOrAlias, &info)) {
        if (const RoomSummary *room = m_store ? m_store->find(info.roomId) : nullptr)
            info.membership = int(room->membership);
        finish(PartiallyKnown, DirectoryEntry, info, why);
        return true;
    }
    if (!m_store)
        return false;
    const RoomSummary *room = m_store->find(roomIdOrAlias);
    if (!room && roomIdOrAlias.startsWith(QLatin1Char('#'))) {
        for (int row = 0; row < m_store->size() && !room; ++row)
            if (m_store->at(row).canonicalAlias == roomIdOrAlias)
                room = &m_store->at(row);
    }
    if (!room)
        return false;
    info.roomId = room->roomId;
    info.name = room->displayName();
    info.canonicalAlias = room->canonicalAlias;
    info.topic = room->topic;
    info.avatarMxc = room->avatarMxc;
    info.memberCount = room->joinedMemberCount;
    info.membership = int(room->membership);
    finish(PartiallyKnown, RoomList, info, why);
    return true;
}

void RoomPreview::finish(State state, Source source, const Info &info, const MatrixError &error,
                         const QString &unknownText)
{
    m_state = state;
    m_source = source;
    m_info = info;
    m_error = error;
    m_unknownText = unknownText;
    emit changed();
}

QString RoomPreview::statusText() const
{
    switch (m_state) {
    case Idle:
    case Known:
        return {};
    case Loading:
        return tr("Looking the room up…");
    case PartiallyKnown:
        if (m_source == DirectoryEntry)
            return tr("Shown from the room directory: the server gave no preview of this room.");
        switch (m_info.membership) {
        case Membership::Invite:
            return tr("Shown from your invite: the server gave no preview of this room.");
        case Membership::Knock:
            return tr("Shown from your request to join: the server gave no preview of this "
                      "room.");
        default:
            return tr("Shown from your room list: the server gave no preview of this room.");
        }
    case Unknown:
        return m_unknownText.isEmpty() ? tr("Nothing is known about this room before you join it.")
                                       : m_unknownText;
    case Failed:
        return m_error.kind == MatrixError::InvalidInput
                   ? m_error.message
                   : tr("The room could not be looked up: %1").arg(m_error.summary());
    }
    return {};
}
