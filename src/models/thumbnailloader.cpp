#include "models/thumbnailloader.h"

#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"

#include <QDeadlineTimer>
#include <QTimer>
#include <utility>

ThumbnailLoader::ThumbnailLoader(ApiClient *api, QObject *parent)
    : QObject(parent), m_api(api), m_clock([] { return QDeadlineTimer::current().deadline(); })
{
    connect(m_api, &ApiClient::accessTokenSet, this, [this] {
        const QList<Held> held = std::exchange(m_held, {});
        for (const Held &request : held)
            if (request.waiter.context)
                load(request.mxcId, request.size, request.waiter.context, request.waiter.done);
    });
}

ThumbnailLoader::~ThumbnailLoader()
{
    failHeld(tr("The account was closed"));
}

void ThumbnailLoader::failHeld(const QString &error)
{
    const QList<Held> held = std::exchange(m_held, {});
    for (const Held &request : held)
        if (request.waiter.context)
            request.waiter.done({}, error);
}

bool ThumbnailLoader::remembersFailure(const QString &mxcId) const
{
    const auto it = m_failures.constFind(mxcId);
    return it != m_failures.cend() && m_clock() < it->until;
}

void ThumbnailLoader::load(const QString &mxcId, QSize size, QObject *context, Done done)
{
    Waiter waiter{context, std::move(done)};
    auto later = [this, waiter](const QString &error) {
        QTimer::singleShot(0, this, [waiter, error] {
            if (waiter.context)
                waiter.done({}, error);
        });
    };
    QString server;
    QString mediaId;
    // Re-validated here as the model did, so no other path can ever be requested.
    if (!Identifiers::parseMxcUri(QStringLiteral("mxc://") + mxcId, &server, &mediaId)) {
        later(tr("Invalid media ID"));
        return;
    }
    if (auto it = m_failures.constFind(mxcId); it != m_failures.cend()) {
        if (m_clock() < it->until) {
            later(it->why);
            return;
        }
        m_failures.erase(it);
    }
    if (!m_api->hasAccessToken()) {
        m_held.append({mxcId, size, waiter});
        return;
    }
    const QString key = mxcId + QLatin1Char('@') + QString::number(size.width()) +
                        QLatin1Char('x') + QString::number(size.height());
    if (auto it = m_inFlight.find(key); it != m_inFlight.end()) {
        it->append(waiter); // the same thumbnail is on its way already
        return;
    }
    m_inFlight.insert(key, {waiter});
    ApiCall *call = Endpoints::getContentThumbnailAuthed(m_api, server, mediaId, size);
    connect(call, &ApiCall::downloaded, this,
            [this, key](const QByteArray &bytes, const QByteArray &) { answer(key, bytes, {}); });
    connect(call, &ApiCall::failed, this, [this, key, mxcId](const MatrixError &error) {
        const QString why = tr("Could not load the avatar: %1").arg(error.summary());
        if (error.kind != MatrixError::Cancelled) {
            // Transient failures (a server briefly away) are worth a new try soon; a 404 is not.
            const int memoryMs = error.isRetryable() ? TransientFailureMemoryMs : FailureMemoryMs;
            m_failures.insert(mxcId, {m_clock() + memoryMs, why});
        }
        answer(key, {}, why);
    });
}

void ThumbnailLoader::answer(const QString &key, const QByteArray &bytes, const QString &error)
{
    const QList<Waiter> waiters = m_inFlight.take(key);
    for (const Waiter &waiter : waiters)
        if (waiter.context)
            waiter.done(bytes, error);
}
