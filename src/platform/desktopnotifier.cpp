#include "platform/desktopnotifier.h"

// Skeleton: implemented with issue 11's notifications.
DesktopNotifier::DesktopNotifier(QObject *parent) : QObject(parent) {}
void DesktopNotifier::watch(JobQueue *, qint64) {}
