#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QSize>
#include <functional>

class ApiClient;

// Fetches avatar thumbnails through the endpoint layer (authenticated media, the same call,
// error and size-cap machinery as every other request), and remembers failures for a while so
// that a missing avatar is not requested again each time a row scrolls into view.
// Lives in the thread of the ApiClient; load() must be called there.
class ThumbnailLoader : public QObject
{
    Q_OBJECT
public:
    static constexpr int FailureMemoryMs = 10 * 60 * 1000;

    explicit ThumbnailLoader(ApiClient *api, QObject *parent = nullptr);

    // mxcId: "server/mediaId" as in image://mxc/<server>/<mediaId>. done(bytes, error) is called
    // exactly once, with bytes on success or an error sentence; never after context is gone.
    void load(const QString &mxcId, QSize size, QObject *context,
              std::function<void(const QByteArray &, const QString &)> done);

private:
    ApiClient *m_api;
    QHash<QString, std::pair<QDeadlineTimer, QString>> m_failures; // mxcId -> until, why
};
