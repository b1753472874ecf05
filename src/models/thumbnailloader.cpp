#include "models/thumbnailloader.h"

#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"

#include <QPointer>
#include <QTimer>

ThumbnailLoader::ThumbnailLoader(ApiClient *api, QObject *parent) : QObject(parent), m_api(api) {}

void ThumbnailLoader::load(const QString &mxcId, QSize size, QObject *context,
                           std::function<void(const QByteArray &, const QString &)> done)
{
    QPointer<QObject> guard(context);
    auto reply = [guard, done](const QByteArray &bytes, const QString &error) {
        if (guard)
            done(bytes, error);
    };
    QString server;
    QString mediaId;
    // Re-validated here as the model did, so no other path can ever be requested.
    if (!Identifiers::parseMxcUri(QStringLiteral("mxc://") + mxcId, &server, &mediaId)) {
        QTimer::singleShot(0, this, [reply] { reply({}, tr("Invalid media ID")); });
        return;
    }
    if (auto it = m_failures.constFind(mxcId); it != m_failures.cend()) {
        if (!it->first.hasExpired()) {
            const QString why = it->second;
            QTimer::singleShot(0, this, [reply, why] { reply({}, why); });
            return;
        }
        m_failures.erase(it);
    }
    ApiCall *call = Endpoints::getContentThumbnailAuthed(m_api, server, mediaId, size);
    connect(call, &ApiCall::downloaded, this, [reply](const QByteArray &bytes, const QByteArray &) {
        reply(bytes, {});
    });
    connect(call, &ApiCall::failed, this, [this, reply, mxcId](const MatrixError &error) {
        const QString why = tr("Could not load the avatar: %1").arg(error.summary());
        // Transient failures (a server briefly away) are worth a new try soon; a 404 is not.
        const int memoryMs = error.isRetryable() ? 30 * 1000 : FailureMemoryMs;
        m_failures.insert(mxcId, {QDeadlineTimer(memoryMs), why});
        reply({}, why);
    });
}
