#include "appservices.h"
#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("concierge-cli"));
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
