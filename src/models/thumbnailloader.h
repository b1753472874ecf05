#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <functional>

class ApiClient;

// Fetches avatar thumbnails through the endpoint layer (authenticated media, the same call,
// error and size-cap machinery as every other request), and remembers failures for a while so
// that a missing avatar is not requested again each time a row scrolls into view. Requests for
// the same thumbnail that overlap share one request.
// Lives in the thread of the ApiClient; load() must be called there.
class ThumbnailLoader : public QObject
{
    Q_OBJECT
public:
    // How long a failure is answered from memory: a missing or refused avatar (404, 403, …) for
    // long; one that may work again soon (a 5xx, a rate limit, a timeout) only briefly.
    static constexpr int FailureMemoryMs = 10 * 60 * 1000;
    static constexpr int TransientFailureMemoryMs = 30 * 1000;
    // A monotonic clock in milliseconds; tests replace it to let time pass without waiting.
    using Clock = std::function<qint64()>;
    using Done = std::function<void(const QByteArray &, const QString &)>;

    explicit ThumbnailLoader(ApiClient *api, QObject *parent = nullptr);

    // mxcId: "server/mediaId" as in image://mxc/<server>/<mediaId>. done(bytes, error) is called
    // exactly once, with bytes on success or an error sentence; never after context is gone.
    // Before the session has a token (a remembered session still being read back, whose saved
    // rooms are already shown), the request waits for one: media needs it, and a failure now
    // would be remembered.
    void load(const QString &mxcId, QSize size, QObject *context, Done done);

    // Answers every load still waiting for a token with error (not remembered: the avatar is
    // asked again once signed in). For a session that ended or failed without one.
    void failHeld(const QString &error);
    ~ThumbnailLoader() override;

    // Whether load(mxcId, …) would now answer with the remembered failure, without a request.
    bool remembersFailure(const QString &mxcId) const;
    void setClock(Clock clock) { m_clock = std::move(clock); }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Done done;
    };
    struct Held
    {
        QString mxcId;
        QSize size;
        Waiter waiter;
    };
    struct Failure
    {
        qint64 until;
        QString why;
    };
    void answer(const QString &key, const QByteArray &bytes, const QString &error);

    ApiClient *m_api;
    Clock m_clock;
    QHash<QString, Failure> m_failures;       // mxcId -> until when, and why
    QHash<QString, QList<Waiter>> m_inFlight; // mxcId + size -> who waits for it
    QList<Held> m_held;                       // asked before the session had a token
};
