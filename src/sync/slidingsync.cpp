#include "sync/slidingsync.h"

#include "api/apiclient.h"
#include "sync/roomstore.h"

#include <QJsonObject>
#include <limits>

SlidingSyncBootstrap::SlidingSyncBootstrap(ApiClient *api, RoomStore *store, QObject *parent)
    : QObject(parent), m_api(api), m_store(store)
{}

Endpoints::SlidingSyncParams SlidingSyncBootstrap::firstPageParams()
{
    const QString none;
    const QList<std::pair<QString, QString>> state{
        {QStringLiteral("m.room.name"), none},
        {QStringLiteral("m.room.canonical_alias"), none},
        {QStringLiteral("m.room.avatar"), none},
        {QStringLiteral("m.room.topic"), none},
        // Our own membership: joined, or kicked/banned (invites carry stripped state instead).
        {QStringLiteral("m.room.member"), QStringLiteral("$ME")},
        {QStringLiteral("m.room.create"), none},
        {QStringLiteral("m.room.tombstone"), none},
        {QStringLiteral("m.room.join_rules"), none},
    };
    Endpoints::SlidingSyncList recent;
    recent.name = RecentList;
    recent.ranges = {{0, FirstPageSize - 1}};
    recent.requiredState = state;
    recent.timelineLimit = 0;
    // Pending invites are what a membership manager is opened for: the most recent ones too,
    // even when twenty busier rooms push them out of the first page.
    Endpoints::SlidingSyncList invites = recent;
    invites.name = InvitesList;
    invites.isInvite = true;
    Endpoints::SlidingSyncParams params;
    params.lists = {recent, invites};
    params.timeoutMs = 0; // a first page, at once; no long poll, no `pos` kept
    return params;
}

void SlidingSyncBootstrap::start()
{
    if (m_call)
        return;
    const quint64 generation = ++m_generation;
    m_call = Endpoints::slidingSync(m_api, firstPageParams());
    connect(m_call, &ApiCall::succeeded, this, [this, generation](const QJsonObject &body) {
        if (generation != m_generation)
            return;
        m_call.clear();
        const int added = m_store->addFromSlidingSync(body);
        const QJsonValue count = body.value(QLatin1String("lists"))
                                     .toObject()
                                     .value(RecentList)
                                     .toObject()
                                     .value(QLatin1String("count"));
        const double n = count.toDouble(-1);
        const int total =
            count.isDouble() && n >= 0 && n <= std::numeric_limits<int>::max() ? int(n) : -1;
        emit roomsShown(added, total);
    });
    connect(m_call, &ApiCall::failed, this, [this, generation](const MatrixError &error) {
        if (generation != m_generation)
            return;
        m_call.clear();
        emit unavailable(error);
    });
}

void SlidingSyncBootstrap::cancel()
{
    ++m_generation;
    if (m_call)
        m_call->abort(); // it deletes itself later: forget it now
    m_call.clear();
}
