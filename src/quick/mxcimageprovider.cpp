#include "quick/mxcimageprovider.h"

#include "models/thumbnailloader.h"

#include <QImage>
#include <QQuickTextureFactory>

namespace {
constexpr int DefaultThumbnailSize = 96;

// Created in the image reader thread; the loading happens in the loader's thread. The engine
// keeps the response alive until finished() is emitted, which happens exactly once.
class MxcImageResponse : public QQuickImageResponse
{
public:
    MxcImageResponse(QObject *context, const std::function<ThumbnailLoader *()> &currentLoader,
                     const QString &id, const QSize &requestedSize)
    {
        const QSize size(requestedSize.width() > 0 ? requestedSize.width() : DefaultThumbnailSize,
                         requestedSize.height() > 0 ? requestedSize.height()
                                                    : DefaultThumbnailSize);
        if (!context) {
            m_error = QStringLiteral("The application is closing");
            QMetaObject::invokeMethod(this, &QQuickImageResponse::finished, Qt::QueuedConnection);
            return;
        }
        QMetaObject::invokeMethod(context, [this, currentLoader, id, size] {
            ThumbnailLoader *loader = currentLoader();
            if (!loader) {
                m_error = QStringLiteral("No account is open");
                emit finished();
                return;
            }
            loader->load(id, size, loader, [this](const QByteArray &bytes, const QString &error) {
                if (error.isEmpty()) {
                    m_image = QImage::fromData(bytes);
                    if (m_image.isNull())
                        m_error = QStringLiteral("The avatar is not an image");
                } else {
                    m_error = error;
                }
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

MxcImageProvider::MxcImageProvider(ThumbnailLoader *loader)
    : MxcImageProvider(loader, [loader] { return loader; })
{}

MxcImageProvider::MxcImageProvider(QObject *context,
                                   std::function<ThumbnailLoader *()> currentLoader)
    : m_context(context), m_currentLoader(std::move(currentLoader))
{}

QQuickImageResponse *MxcImageProvider::requestImageResponse(const QString &id,
                                                            const QSize &requestedSize)
{
    return new MxcImageResponse(m_context, m_currentLoader, id, requestedSize);
}
