#pragma once

// Layer quick/: what needs Qt Quick. concierge-cli links none of it.

#include <QQuickAsyncImageProvider>

class ThumbnailLoader;

// Serves "image://mxc/<server>/<mediaId>" through ThumbnailLoader (the authenticated media
// endpoint with the Bearer header), since a QML Image cannot send headers.
class MxcImageProvider : public QQuickAsyncImageProvider
{
public:
    explicit MxcImageProvider(ThumbnailLoader *loader);
    QQuickImageResponse *requestImageResponse(const QString &id, const QSize &requestedSize) override;

private:
    ThumbnailLoader *m_loader;
};
