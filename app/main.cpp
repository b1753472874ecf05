// The desktop app's composition root: parses the command line, builds the services and hands
// them to the QML UI as initial properties. Everything else lives in the core (src/) and in the
// Concierge.Ui QML module (qml/).
#include "accountmanager.h"
#include "api/matrixuri.h"
#include "appservices.h"
#include "platform/colorscheme.h"
#include "platform/desktopnotifier.h"
#include "quick/mxcimageprovider.h"

#include "sync/roomstore.h"

#include <QCommandLineParser>
#include <QDesktopServices>
#include <QFile>
#include <QGuiApplication>
#include <QMutex>
#include <QPointer>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(Concierge_CorePlugin)
Q_IMPORT_QML_PLUGIN(Concierge_UiPlugin)

namespace {

// Milliseconds since the kernel started this process (/proc/self/stat field 22, in clock ticks
// since boot, against CLOCK_BOOTTIME): what a user waits for includes loading the libraries and
// QML before main() does anything. The tick is 10 ms and is rounded down, so figures overstate
// by up to one tick, never understate.
double msSinceProcessStart()
{
    static const double startMs = [] {
        QFile stat(QStringLiteral("/proc/self/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            return -1.0;
        const QByteArray text = stat.readAll();
        // Fields after the command name (which may hold spaces) start with field 3.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 20)
            return -1.0;
        return fields.at(19).toDouble() * 1000.0 / double(sysconf(_SC_CLK_TCK));
    }();
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6 - startMs;
}

double statusMb(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').first().toDouble() / 1024;
    return -1;
}

// --exit-when-loaded (and --frame-gaps): launch figures from process start, printed on one line,
// then quits. A frame "shows rooms" when the room list is visible with rows at the time Qt Quick
// synchronises it; its time is taken when that frame was swapped.
class LaunchProbe
{
public:
    LaunchProbe(double mainMs, double qmlStartMs, double qmlLoadedMs, AppServices *services,
                QQuickWindow *window, bool frameGaps)
        : m_mainMs(mainMs), m_qmlStartMs(qmlStartMs), m_qmlLoadedMs(qmlLoadedMs),
          m_services(services), m_window(window), m_frameGaps(frameGaps)
    {
        m_roomList = window->findChild<QQuickItem *>(QStringLiteral("roomList"));
        RoomFilterProxy *rooms = services->rooms();
        QObject::connect(rooms, &RoomFilterProxy::countChanged, &m_context,
                         [this] { checkRooms(); });
        RoomStore *store = services->store();
        // Connected after the services' own handlers: each marks the end of their work.
        QObject::connect(store, &RoomStore::roomsAboutToBeInserted, window,
                         [this] { mark(m_aboutToInsertMs); });
        QObject::connect(store, &RoomStore::roomsInserted, &m_context,
                         [this] { mark(m_insertedMs); });
        QObject::connect(services->sync(), &SyncEngine::responseApplied, window,
                         [this] { mark(m_appliedMs); });
        QObject::connect(services->sync(), &SyncEngine::synced, &m_context, [this] {
            if (m_syncedMs >= 0)
                return;
            m_syncedMs = msSinceProcessStart();
            m_responsesApplied = true;
            m_window->update(); // a frame that shows the list caught up
            if (m_frameGaps)
                waitForStore();
            finishIfDone();
        });
        // The state of the frame about to be drawn (GUI thread), handed to the render thread
        // while the GUI thread waits, and stamped when that frame reaches the screen.
        QObject::connect(window, &QQuickWindow::afterAnimating, &m_context, [this] {
            m_guiHasRooms =
                m_roomList && m_roomList->isVisible() && m_roomList->property("count").toInt() > 0;
            m_guiAfterSync = m_responsesApplied.load();
        });
        QObject::connect(
            window, &QQuickWindow::beforeSynchronizing, &m_context,
            [this] {
                m_frameHasRooms = m_guiHasRooms.load();
                m_frameAfterSync = m_guiAfterSync.load();
            },
            Qt::DirectConnection);
        QObject::connect(
            window, &QQuickWindow::frameSwapped, &m_context, [this] { onFrame(); },
            Qt::DirectConnection);
        if (m_frameGaps)
            window->update();
    }

    // restoreSession() or signIn() returned (a relaunch: the saved rooms are in the model).
    void sessionStarted() { m_sessionStartedMs = msSinceProcessStart(); }

    // The rooms may be there before the event loop runs (restored from the store).
    void checkRooms()
    {
        if (m_roomsLoadedMs >= 0 || m_services->rooms()->rowCount() == 0)
            return;
        m_roomsLoadedMs = msSinceProcessStart();
        if (m_services->sync()->state() != SyncEngine::InitialSync) {
            m_source = "store";
            return;
        }
        // Inserted while a /sync answer is applied (it says so once applied, in this same call)
        // or the first rooms of a first launch from sliding sync, before the full sync.
        QMetaObject::invokeMethod(
            &m_context, [this] { m_source = m_responsesApplied ? "sync" : "sliding"; },
            Qt::QueuedConnection);
    }

private:
    // The last one before the first /sync answer was applied: that answer's handling (a first
    // launch may have shown sliding-sync rooms before it).
    void mark(double &ms)
    {
        if (m_syncedMs < 0)
            ms = msSinceProcessStart();
    }

    // Render thread (threaded render loop) or GUI thread (basic, offscreen).
    void onFrame()
    {
        const double now = msSinceProcessStart();
        {
            QMutexLocker lock(&m_mutex);
            if (m_frameGaps)
                m_frames.append(now);
            if (m_anyFrameMs < 0)
                m_anyFrameMs = now;
            if (m_frameHasRooms && m_firstFrameMs < 0)
                m_firstFrameMs = now;
            if (m_frameAfterSync && m_syncedFrameMs < 0)
                m_syncedFrameMs = now;
        }
        QMetaObject::invokeMethod(
            &m_context,
            [this] {
                if (m_frameGaps)
                    m_window->update(); // a frame as often as the loop can draw one
                finishIfDone();
            },
            Qt::QueuedConnection);
    }

    // The writer thread's work queued so far is done when flushStore() returns; asked from a
    // thread of its own so that the GUI thread keeps drawing meanwhile.
    void waitForStore()
    {
        QThread *waiter = QThread::create([this] {
            m_services->flushStore();
            const double done = msSinceProcessStart();
            QMetaObject::invokeMethod(
                &m_context,
                [this, done] {
                    m_storeFlushedMs = done;
                    finishIfDone();
                },
                Qt::QueuedConnection);
        });
        QObject::connect(waiter, &QThread::finished, waiter, &QObject::deleteLater);
        waiter->start();
    }

    void finishIfDone()
    {
        if (m_printed)
            return;
        double anyFrame, firstFrame, syncedFrame, lastFrame;
        {
            QMutexLocker lock(&m_mutex);
            anyFrame = m_anyFrameMs;
            firstFrame = m_firstFrameMs;
            syncedFrame = m_syncedFrameMs;
            lastFrame = m_frames.isEmpty() ? -1 : m_frames.last();
        }
        if (firstFrame < 0 || syncedFrame < 0)
            return;
        if (m_frameGaps) {
            if (m_storeFlushedMs < 0)
                return;
            // Frames after the load for at least AfterLoadMs, however fast the store was.
            const double until = qMax(m_storeFlushedMs, syncedFrame + AfterLoadMs);
            if (lastFrame < until)
                return;
        }
        m_printed = true;
        std::printf("rooms_loaded_ms=%.0f first_frame_ms=%.0f caught_up_ms=%.0f "
                    "synced_frame_ms=%.0f main_ms=%.0f window_frame_ms=%.0f rooms=%d source=%s "
                    "peak_rss_mb=%.1f rss_mb=%.1f qml_start_ms=%.0f qml_loaded_ms=%.0f "
                    "session_started_ms=%.0f\n",
                    m_roomsLoadedMs, firstFrame, m_syncedMs, syncedFrame, m_mainMs, anyFrame,
                    m_services->rooms()->rowCount(), m_source, statusMb("VmHWM:"),
                    statusMb("VmRSS:"), m_qmlStartMs, m_qmlLoadedMs, m_sessionStartedMs);
        if (m_frameGaps)
            printFrameGaps();
        std::fflush(stdout);
        QCoreApplication::quit();
    }

    static double percentile(QList<double> values, double p)
    {
        if (values.isEmpty())
            return -1;
        std::sort(values.begin(), values.end());
        const qsizetype i =
            qMin(values.size() - 1, qsizetype(std::ceil(p * double(values.size())) - 1));
        return values.at(qMax<qsizetype>(0, i));
    }

    // The gaps between consecutive frames: before the first /sync answer (the idle cadence), the
    // one gap that holds the answer's handling (broken down by the marks above), and every gap
    // after it while the store writes (at least AfterLoadMs).
    void printFrameGaps()
    {
        QList<double> frames;
        {
            QMutexLocker lock(&m_mutex);
            frames = m_frames;
        }
        // The gap that holds the answer's handling: the frames either side of it.
        qsizetype load = 1;
        while (load < frames.size() && frames.at(load) < m_syncedMs)
            ++load;
        QList<double> idle, after;
        double loadGap = -1, frameBefore = -1, frameAfter = -1;
        if (load < frames.size()) {
            frameBefore = frames.at(load - 1);
            frameAfter = frames.at(load);
            loadGap = frameAfter - frameBefore;
        }
        const double until = qMax(m_storeFlushedMs, frameAfter + AfterLoadMs);
        for (qsizetype i = 1; i < frames.size(); ++i) {
            const double gap = frames.at(i) - frames.at(i - 1);
            if (i < load && frames.at(i - 1) >= frameBefore - 1000) // the second before
                idle << gap;
            else if (i > load && frames.at(i - 1) < until)
                after << gap;
        }
        const auto span = [](double from, double to) {
            return from < 0 || to < 0 ? -1 : to - from;
        };
        std::printf("frame_gaps frames=%lld idle_gap_p50_ms=%.1f idle_gap_max_ms=%.1f "
                    "load_gap_ms=%.1f parse_and_apply_ms=%.1f insert_and_sort_ms=%.1f "
                    "retain_and_save_ms=%.1f synced_handlers_ms=%.1f next_frame_ms=%.1f "
                    "store_flushed_after_ms=%.1f after_load_frames=%lld after_load_worst_ms=%.1f "
                    "after_load_p99_ms=%.1f after_load_p50_ms=%.1f\n",
                    qlonglong(frames.size()), percentile(idle, 0.5), percentile(idle, 1.0), loadGap,
                    span(frameBefore, m_aboutToInsertMs), span(m_aboutToInsertMs, m_insertedMs),
                    span(m_insertedMs, m_appliedMs), span(m_appliedMs, m_syncedMs),
                    span(m_syncedMs, frameAfter), span(m_syncedMs, m_storeFlushedMs),
                    qlonglong(after.size()), percentile(after, 1.0), percentile(after, 0.99),
                    percentile(after, 0.5));
    }

    static constexpr double AfterLoadMs = 1000;

    const double m_mainMs;                    // main() entered: after the dynamic loader
    const double m_qmlStartMs, m_qmlLoadedMs; // engine.load() called, returned (window built)
    AppServices *m_services;
    QQuickWindow *m_window;
    QPointer<QQuickItem> m_roomList;
    const bool m_frameGaps;
    // GUI thread.
    double m_sessionStartedMs = -1, m_roomsLoadedMs = -1, m_aboutToInsertMs = -1, m_insertedMs = -1,
           m_appliedMs = -1, m_syncedMs = -1, m_storeFlushedMs = -1;
    const char *m_source = "none";
    bool m_printed = false;
    std::atomic<bool> m_responsesApplied = false, m_guiHasRooms = false, m_guiAfterSync = false;
    // Render thread, written while the GUI thread waits in synchronisation.
    std::atomic<bool> m_frameHasRooms = false, m_frameAfterSync = false;
    QMutex m_mutex; // guards what follows
    double m_anyFrameMs = -1, m_firstFrameMs = -1, m_syncedFrameMs = -1;
    QList<double> m_frames;
    // The receiver of every connection and queued call; declared last, so destroyed first.
    QObject m_context;
};

} // namespace

int main(int argc, char *argv[])
{
    const double mainMs = msSinceProcessStart(); // also reads the process's start time once
    QGuiApplication::setApplicationName(QStringLiteral("concierge"));
    QGuiApplication::setOrganizationName(QStringLiteral("Concierge"));
    QGuiApplication::setApplicationVersion(QStringLiteral(CONCIERGE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral(CONCIERGE_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Manage the rooms of your Matrix account: accept invites, join, invite, leave and forget.\n"
        "With CONCIERGE_ACCESS_TOKEN set in the environment and --homeserver, signs in directly."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption homeserverOption(
        QStringLiteral("homeserver"),
        QStringLiteral("The homeserver to sign in to (a server name or an https:// URL)."),
        QStringLiteral("URL"));
    const QCommandLineOption noKeychainOption(
        QStringLiteral("no-keychain"),
        QStringLiteral("Never use the system keychain: the session is remembered only if you "
                       "choose a file instead on the sign-in page."));
    const QCommandLineOption exitWhenLoadedOption(
        QStringLiteral("exit-when-loaded"),
        QStringLiteral("Benchmarks: print the times from process start to the first frame that "
                       "shows rooms and to the first /sync answer applied, and the peak memory; "
                       "then quit."));
    const QCommandLineOption frameGapsOption(
        QStringLiteral("frame-gaps"),
        QStringLiteral("Benchmarks (with --exit-when-loaded): draw frames continuously and print "
                       "the gaps between them while the first /sync is handled and stored."));
    const QCommandLineOption noStoreOption(
        QStringLiteral("no-store"),
        QStringLiteral("Benchmarks: keep nothing on disk (the baseline of --frame-gaps)."));
    parser.addOption(homeserverOption);
    parser.addOption(noKeychainOption);
    parser.addOption(exitWhenLoadedOption);
    parser.addOption(frameGapsOption);
    parser.addOption(noStoreOption);
    const QCommandLineOption colorSchemeOption(
        QStringLiteral("color-scheme"),
        QStringLiteral("light, dark or system (the default: the desktop's choice). Also read from "
                       "CONCIERGE_COLOR_SCHEME."),
        QStringLiteral("scheme"));
    parser.addOption(colorSchemeOption);
    parser.addPositionalArgument(
        QStringLiteral("link"),
        QStringLiteral("A room to join after signing in, asked first: matrix:r/alias:server, "
                       "matrix:roomid/id:server?via=server or https://matrix.to/#/#alias:server."),
        QStringLiteral("[link]"));
    // --help and --version work without a display: answer them before the GUI starts (a core
    // application gives the usage line its program name).
    {
        QStringList args;
        for (int i = 0; i < argc; ++i)
            args << QString::fromLocal8Bit(argv[i]);
        if (parser.parse(args) &&
            (parser.isSet(QStringLiteral("version")) || parser.isSet(QStringLiteral("help")))) {
            QCoreApplication core(argc, argv);
            parser.process(core); // prints and exits
        }
    }

    QGuiApplication app(argc, argv);
    AppServices::installTranslations(&app);
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Concierge"));
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fprintf(stderr, "concierge: at most one link may be given\n");
        return 2;
    }
    const QString link = positional.value(0);
    if (!link.isEmpty()) {
        // Still handed to the join dialog, which shows the same explanation.
        const MatrixLink parsed = MatrixLink::parse(link);
        if (!parsed.isValid())
            std::fprintf(stderr, "concierge: %s\n", qPrintable(parsed.error));
    }
    const QString homeserver = parser.value(homeserverOption);
    const QString envToken = qEnvironmentVariable("CONCIERGE_ACCESS_TOKEN");
    qunsetenv("CONCIERGE_ACCESS_TOKEN"); // not inherited by anything we might start
    if (!envToken.isEmpty() && homeserver.isEmpty()) {
        std::fprintf(stderr, "concierge: CONCIERGE_ACCESS_TOKEN needs --homeserver\n");
        return 2;
    }

    // The style the user chose (QT_QUICK_CONTROLS_STYLE, qtquickcontrols2.conf) if any.
    if (ColorScheme::userQuickStyle().isEmpty())
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
    // Light or dark as the desktop says (or the user), in one palette that the controls and the
    // app's own colours share; set before the QML loads, followed live.
    ColorScheme colorScheme;
    if (parser.isSet(colorSchemeOption)) {
        const auto choice = ColorScheme::parseChoice(parser.value(colorSchemeOption));
        if (!choice) {
            std::fprintf(stderr, "concierge: --color-scheme is light, dark or system\n");
            return 2;
        }
        colorScheme.setChoice(*choice);
    } else if (qEnvironmentVariableIsSet("CONCIERGE_COLOR_SCHEME")) {
        const auto choice =
            ColorScheme::parseChoice(qEnvironmentVariable("CONCIERGE_COLOR_SCHEME"));
        if (choice)
            colorScheme.setChoice(*choice);
        else
            std::fprintf(stderr, "concierge: CONCIERGE_COLOR_SCHEME is light, dark or system\n");
    }
    colorScheme.start();

    AppServices::Options options;
    options.useKeychain = !parser.isSet(noKeychainOption);
    // The list is shown from disk at the next launch.
    options.keepRoomsOnDisk = !parser.isSet(noStoreOption);
    // Bulk jobs survive quitting and crashes, and resume at the next launch.
    options.keepJobs = options.keepRoomsOnDisk;
    // Every remembered account, each with its own services syncing in the background; the
    // window shows one (a token from the environment: that one account, for this run only).
    AccountManager accounts(options);
    DesktopNotifier notifier;
    QObject::connect(&accounts, &AccountManager::accountOpened, &accounts,
                     [&notifier, &accounts](AppServices *services) {
                         // Whose job it was, once there are several accounts.
                         notifier.watch(services->jobs(), 60000, [services, &accounts] {
                             return accounts.count() > 1 ? services->session()->userId()
                                                         : QString();
                         });
                         // Single sign-on pages open in the user's own browser.
                         QObject::connect(services->session(), &Session::browserRequested, services,
                                          [](const QUrl &url) { QDesktopServices::openUrl(url); });
                     });
    if (envToken.isEmpty())
        accounts.openSaved();
    else
        accounts.openUnsignedSlot();
    AppServices *services = accounts.current();
    // The shown account's saved rooms are read while the window's QML loads.
    if (envToken.isEmpty())
        services->preloadSavedRooms();
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    // Avatars are fetched with the session of the account shown.
    engine.addImageProvider(QStringLiteral("mxc"), new MxcImageProvider(&accounts, [&accounts] {
                                return accounts.mediaLoader();
                            }));
    engine.setInitialProperties({
        {QStringLiteral("services"), QVariant::fromValue(services)},
        {QStringLiteral("accounts"), QVariant::fromValue(&accounts)},
        {QStringLiteral("initialLink"), link},
        {QStringLiteral("initialHomeserver"), homeserver},
        // The remembered sessions are asked back right after the window is built: until then
        // the window does not build its sign-in page, which a relaunch does not show.
        {QStringLiteral("restorePending"), envToken.isEmpty()},
    });
    const double qmlStartMs = msSinceProcessStart();
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Concierge/Ui/Main.qml")));
    const double qmlLoadedMs = msSinceProcessStart();
    if (engine.rootObjects().isEmpty())
        return 1;
    QObject *root = engine.rootObjects().constFirst();

    std::unique_ptr<LaunchProbe> probe;
    if (parser.isSet(exitWhenLoadedOption)) {
        auto *window = qobject_cast<QQuickWindow *>(root);
        if (!window)
            return 1;
        probe = std::make_unique<LaunchProbe>(mainMs, qmlStartMs, qmlLoadedMs, services, window,
                                              parser.isSet(frameGapsOption));
    }
    if (!envToken.isEmpty()) {
        // A token from the environment (demo, scripts) is used for this run only.
        services->setRememberSession(false);
        services->signIn(homeserver, envToken);
    } else {
        accounts.restoreSessions();
    }
    root->setProperty("restorePending", false);
    if (probe) {
        probe->sessionStarted();
        probe->checkRooms(); // shown from the store already
    }
    return QGuiApplication::exec();
}
