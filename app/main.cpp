// The desktop app's composition root: parses the command line, builds the services and hands
// them to the QML UI as initial properties. Everything else lives in the core (src/) and in the
// Concierge.Ui QML module (qml/).
#include "appservices.h"
#include "api/matrixuri.h"
#include "quick/mxcimageprovider.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Concierge_CorePlugin)
Q_IMPORT_QML_PLUGIN(Concierge_UiPlugin)

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
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
        QStringLiteral("Benchmarks: print the time from start to a populated room list, then quit."));
    parser.addOption(homeserverOption);
    parser.addOption(noKeychainOption);
    parser.addOption(exitWhenLoadedOption);
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

    QQuickStyle::setStyle(QStringLiteral("Fusion"));

    AppServices::Options options;
    options.useKeychain = !parser.isSet(noKeychainOption);
    options.keepRoomsOnDisk = true; // the list is shown from disk at the next launch
    AppServices services(options);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.addImageProvider(QStringLiteral("mxc"), new MxcImageProvider(services.thumbnails()));
    engine.setInitialProperties({
        {QStringLiteral("services"), QVariant::fromValue(&services)},
        {QStringLiteral("initialLink"), link},
        {QStringLiteral("initialHomeserver"), homeserver},
    });
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Concierge/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;

    if (parser.isSet(exitWhenLoadedOption)) {
        QObject::connect(services.sync(), &SyncEngine::synced, &app, [&] {
            const qint64 loadedMs = sinceStart.elapsed();
            // Let the list render its first frame before reading the resident memory.
            QTimer::singleShot(500, &app, [&, loadedMs] {
                double rssMb = -1;
                QFile status(QStringLiteral("/proc/self/status"));
                if (status.open(QIODevice::ReadOnly))
                    for (const QByteArray &line : status.readAll().split('\n'))
                        if (line.startsWith("VmRSS:"))
                            rssMb = line.mid(6).trimmed().split(' ').first().toDouble() / 1024;
                std::printf("rooms_loaded_ms=%lld rooms=%d rss_mb=%.1f\n", loadedMs,
                            services.rooms()->rowCount(), rssMb);
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }, Qt::SingleShotConnection);
    }
    if (!envToken.isEmpty()) {
        // A token from the environment (demo, scripts) is used for this run only.
        services.setRememberSession(false);
        services.signIn(homeserver, envToken);
    } else {
        services.restoreSession();
    }
    return QGuiApplication::exec();
}
