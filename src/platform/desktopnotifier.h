#pragma once

// Layer platform/: desktop glue for the GUI. Tells the desktop (freedesktop Notifications over
// the session D-Bus) when a bulk job that ran a long time ends.

#include <QObject>
#include <QString>
#include <functional>

class Job;
class JobQueue;

// Sends org.freedesktop.Notifications.Notify when a job of a watched queue ends after running at
// least a minimum time (from Job::startedAt). The call is asynchronous: the GUI thread never
// waits for the notification service. Without a session bus or a notification service nothing
// is shown (one qInfo line says why).
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    explicit DesktopNotifier(QObject *parent = nullptr);
    // Notifies when a job of queue that ran at least minimumRunMs ends (tests pass a short time).
    // accountOf: whose queue it is, said before the summary when not empty (several accounts).
    void watch(JobQueue *queue, qint64 minimumRunMs = 60000,
               std::function<QString()> accountOf = {});

    // What the notification of an ended job says (the summary is its title line).
    static QString summaryFor(const Job *job);
    static QString bodyFor(const Job *job);

signals:
    // After the notification service answered a Notify (delivered), or the call failed (no
    // service, no bus): for tests and diagnostics.
    void notificationFinished(bool delivered);

private:
    void onJobFinished(Job *job, qint64 minimumRunMs, const QString &account);
    void notify(const QString &summary, const QString &body);
};
