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
    MxcImageResponse(ThumbnailLoader *loader, const QString &id, const QSize &requestedSize)
    {
        const QSize size(requestedSize.width() > 0 ? requestedSize.width() : DefaultThumbnailSize,
                         requestedSize.height() > 0 ? requestedSize.height() : DefaultThumbnailSize);
        QMetaObject::invokeMethod(loader, [this, loader, id, size] {
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

MxcImageProvider::MxcImageProvider(ThumbnailLoader *loader) : m_loader(loader) {}

QQuickImageResponse *MxcImageProvider::requestImageResponse(const QString &id,
                                                            const QSize &requestedSize)
{
    return new MxcImageResponse(m_loader, id, requestedSize);
}
