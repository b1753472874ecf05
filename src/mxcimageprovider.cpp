#include "mxcimageprovider.h"

#include "apiclient.h"
#include "roomlistmodel.h"

#include <QImage>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QQuickTextureFactory>

namespace {
constexpr int DefaultThumbnailSize = 96;
constexpr qint64 MaxThumbnailBytes = 4 * 1024 * 1024;

// Lives in the image reader thread; the network work happens in the ApiClient's thread. The
// engine keeps the response alive until finished() is emitted, which happens exactly once.
class MxcImageResponse : public QQuickImageResponse
{
public:
    MxcImageResponse(ApiClient *api, const QString &id, const QSize &requestedSize)
    {
        // id is "server/mediaId"; re-validate it as the model did, so no other path is reachable.
        const QString source = RoomListModel::avatarSourceFor(QStringLiteral("mxc://") + id);
        if (source.isEmpty()) {
            m_error = QStringLiteral("Invalid media ID");
            emit finished();
            return;
        }
        const qsizetype slash = id.indexOf(QLatin1Char('/'));
        const QString server = id.left(slash);
        const QString mediaId = id.mid(slash + 1);
        const int w = requestedSize.width() > 0 ? requestedSize.width() : DefaultThumbnailSize;
        const int h = requestedSize.height() > 0 ? requestedSize.height() : DefaultThumbnailSize;
        QMetaObject::invokeMethod(api, [this, api, server, mediaId, w, h] {
            const QByteArray path = ApiClient::withQuery(
                ApiClient::encodePath("/_matrix/client/v1/media/thumbnail", {server, mediaId}),
                {{QStringLiteral("width"), QString::number(w)},
                 {QStringLiteral("height"), QString::number(h)},
                 {QStringLiteral("method"), QStringLiteral("crop")}});
            const QNetworkRequest request = api->buildRequest(path, 20000, true);
            if (!ApiClient::homeserverUrlError(request.url()).isEmpty()) {
                m_error = QStringLiteral("No homeserver");
                emit finished();
                return;
            }
            QNetworkReply *reply = api->networkAccessManager()->get(request);
            QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply] {
                reply->deleteLater();
                const QByteArray bytes = reply->read(MaxThumbnailBytes);
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (reply->error() == QNetworkReply::NoError && status == 200)
                    m_image = QImage::fromData(bytes);
                if (m_image.isNull())
                    m_error = QStringLiteral("Could not load the avatar (HTTP %1)").arg(status);
                emit finished();
            });
        });
    }

    QQuickTextureFactory *textureFactory() const override
    {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return m_error; }

private:
    QImage m_image;
    QString m_error;
};
} // namespace

MxcImageProvider::MxcImageProvider(ApiClient *api) : m_api(api) {}

QQuickImageResponse *MxcImageProvider::requestImageResponse(const QString &id,
                                                            const QSize &requestedSize)
{
    return new MxcImageResponse(m_api, id, requestedSize);
}
