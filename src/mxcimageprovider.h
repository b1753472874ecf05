#pragma once

#include <QQuickAsyncImageProvider>

class ApiClient;

// Serves "image://mxc/<server>/<mediaId>" from the authenticated media endpoint
// (/_matrix/client/v1/media/thumbnail/…, Bearer header), since QML Image cannot send headers.
// Only validated server names and media IDs are ever requested.
class MxcImageProvider : public QQuickAsyncImageProvider
{
public:
    explicit MxcImageProvider(ApiClient *api);
    QQuickImageResponse *requestImageResponse(const QString &id, const QSize &requestedSize) override;

private:
    ApiClient *m_api;
};
