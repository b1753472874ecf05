#include "platform/desktopnotifier.h"

#include "actions/jobqueue.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDateTime>
#include <QVariantMap>

namespace {
const QString Service = QStringLiteral("org.freedesktop.Notifications");
const QString Path = QStringLiteral("/org/freedesktop/Notifications");
const QString Interface = QStringLiteral("org.freedesktop.Notifications");
// The icon and desktop entry the .desktop file names (resources/concierge.desktop.in).
const QString AppId = QStringLiteral(CONCIERGE_APP_ID);
} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent) : QObject(parent) {}

void DesktopNotifier::watch(JobQueue *queue, qint64 minimumRunMs,
                            std::function<QString()> accountOf)
{
    if (!queue)
        return;
    connect(queue, &JobQueue::jobFinished, this, [this, minimumRunMs, accountOf](Job *job) {
        onJobFinished(job, minimumRunMs, accountOf ? accountOf() : QString());
    });
}

void DesktopNotifier::onJobFinished(Job *job, qint64 minimumRunMs, const QString &account)
{
    if (!job || !job->startedAt().isValid())
        return;
    const qint64 ranMs = job->startedAt().msecsTo(QDateTime::currentDateTimeUtc());
    if (ranMs < minimumRunMs)
        return;
    // The summary is plain text for the notification server: the user ID goes there.
    notify(account.isEmpty() ? summaryFor(job) : tr("%1: %2").arg(account, summaryFor(job)),
           bodyFor(job));
}

QString DesktopNotifier::summaryFor(const Job *job)
{
    const int failures = job->failed() + job->unknown();
    if (job->state() == Job::Cancelled)
        return tr("%1: cancelled").arg(job->title());
    if (failures > 0)
        return tr("%1: %n failed", nullptr, failures).arg(job->title());
    const int done = job->done();
    const QString kind = job->kind();
    if (kind == QLatin1String("leave"))
        return tr("Left %n room(s)", nullptr, done);
    if (kind == QLatin1String("leave_and_forget"))
        return tr("Left and forgot %n room(s)", nullptr, done);
    if (kind == QLatin1String("forget"))
        return tr("Forgot %n room(s)", nullptr, done);
    if (kind == QLatin1String("join"))
        return tr("Joined %n room(s)", nullptr, done);
    if (kind == QLatin1String("invite"))
        return tr("Sent %n invite(s)", nullptr, done);
    return tr("%1: done").arg(job->title());
}

QString DesktopNotifier::bodyFor(const Job *job)
{
    // Numbers only: the body may be read as markup by the notification server, the summary not.
    return tr("%1 done, %2 failed, %3 cancelled")
        .arg(job->done())
        .arg(job->failed() + job->unknown())
        .arg(job->cancelledCount());
}

void DesktopNotifier::notify(const QString &summary, const QString &body)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qInfo("Desktop notification not shown: no session D-Bus");
        emit notificationFinished(false);
        return;
    }
    QDBusMessage message =
        QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("Notify"));
    const QVariantMap hints{{QStringLiteral("desktop-entry"), AppId}};
    message << QStringLiteral("Concierge")      // app_name
            << uint(0)                          // replaces_id
            << AppId                            // app_icon
            << summary << body << QStringList() // actions
            << hints << int(-1);                // expire_timeout: the server's default
    // Asynchronous: a slow or absent notification service never holds up the GUI thread.
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *call) {
                call->deleteLater();
                const QDBusPendingReply<uint> reply = *call;
                if (reply.isError()) {
                    qInfo("Desktop notification not shown: %s", qPrintable(reply.error().name()));
                    emit notificationFinished(false);
                    return;
                }
                emit notificationFinished(true);
            });
}
