#include "appservices.h"
#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The app's name: the CLI shares its settings, its saved session (keychain) and its account
    // stores (so a job started here shows in the app, and only one of them runs it at a time).
    QCoreApplication::setApplicationName(QStringLiteral("concierge"));
    QCoreApplication::setOrganizationName(QStringLiteral("Concierge"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONCIERGE_VERSION));
    AppServices::installTranslations(&app);

    Cli cli;
    QObject::connect(&cli, &Cli::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    const int immediate = cli.start(QCoreApplication::arguments());
    if (immediate >= 0)
        return immediate;
    return QCoreApplication::exec();
}
