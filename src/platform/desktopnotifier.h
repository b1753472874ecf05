#pragma once

// Layer platform/: desktop glue for the GUI. Tells the desktop (freedesktop Notifications over
// the session D-Bus) when a bulk job that ran a long time ends.

#include <QObject>

class JobQueue;

class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    explicit DesktopNotifier(QObject *parent = nullptr);
    // Notifies when a job of queue that ran at least minimumRunMs ends.
    void watch(JobQueue *queue, qint64 minimumRunMs = 60000);
};
