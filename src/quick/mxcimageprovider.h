#pragma once

// Layer quick/: what needs Qt Quick. concierge-cli links none of it.

#include <QPointer>
#include <QQuickAsyncImageProvider>
#include <functional>

class ThumbnailLoader;

// Serves "image://mxc/<server>/<mediaId>" through ThumbnailLoader (the authenticated media
// endpoint with the Bearer header), since a QML Image cannot send headers.
class MxcImageProvider : public QQuickAsyncImageProvider
{
public:
    explicit MxcImageProvider(ThumbnailLoader *loader);
    // With several accounts: the loader of the account shown, asked on context's thread (the GUI
    // thread) for each image, so an avatar is fetched with that account's session.
    MxcImageProvider(QObject *context, std::function<ThumbnailLoader *()> currentLoader);
    QQuickImageResponse *requestImageResponse(const QString &id,
                                              const QSize &requestedSize) override;

private:
    QPointer<QObject> m_context;
    std::function<ThumbnailLoader *()> m_currentLoader;
};
