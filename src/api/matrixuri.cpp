#include "api/matrixuri.h"

#include "api/identifiers.h"

#include <QUrl>
#include <QUrlQuery>

namespace {
constexpr qsizetype MaxLinkLength = 2048;

MatrixLink failure(const QString &error, bool isLink = true)
{
    MatrixLink link;
    link.error = error;
    link.isLink = isLink;
    return link;
}

// Fills via/action from a query string ("via=a.org&via=b.org&action=join"), validating servers.
QString readQuery(const QString &query, MatrixLink *link)
{
    const QUrlQuery q(query);
    for (const auto &[key, value] : q.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("via")) {
            if (const QString err = Identifiers::validateServerName(value); !err.isEmpty())
                return QStringLiteral("The link's via server is invalid: %1").arg(err);
            if (!link->via.contains(value))
                link->via << value;
        } else if (key == QLatin1String("action")) {
            link->action = value;
        }
    }
    return {};
}

MatrixLink finish(MatrixLink link, const QString &target)
{
    const QString err = Identifiers::validateRoomIdOrAlias(target);
    if (!err.isEmpty()) {
        link.error = err;
        return link;
    }
    link.target = target;
    return link;
}
} // namespace

MatrixLink MatrixLink::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return failure(QStringLiteral("Enter a room alias, room ID or link."), false);
    if (text.size() > MaxLinkLength)
        return failure(QStringLiteral("The text is too long to be a room address."), false);

    if (text.startsWith(QLatin1String("matrix:"), Qt::CaseInsensitive)) {
        MatrixLink link;
        link.isLink = true;
        QString rest = text.mid(7);
        const qsizetype hash = rest.indexOf(QLatin1Char('#'));
        if (hash >= 0)
            rest.truncate(hash);
        const qsizetype question = rest.indexOf(QLatin1Char('?'));
        const QString path = question >= 0 ? rest.left(question) : rest;
        if (question >= 0)
            if (const QString err = readQuery(rest.mid(question + 1), &link); !err.isEmpty())
                return failure(err);
        const QStringList segments = path.split(QLatin1Char('/'));
        if (segments.size() < 2 || segments.at(1).isEmpty())
            return failure(QStringLiteral("This matrix: link names no room."));
        const QString kind = segments.at(0);
        const QString id = QUrl::fromPercentEncoding(segments.at(1).toUtf8());
        if (kind == QLatin1String("r"))
            return finish(link, QLatin1Char('#') + id);
        if (kind == QLatin1String("roomid"))
            return finish(link, QLatin1Char('!') + id);
        if (kind == QLatin1String("u"))
            return failure(QStringLiteral("This link points to a user, not a room."));
        return failure(QStringLiteral("Unknown kind of matrix: link (“%1”).").arg(kind));
    }

    if (text.startsWith(QLatin1String("https://matrix.to/"), Qt::CaseInsensitive) ||
        text.startsWith(QLatin1String("http://matrix.to/"), Qt::CaseInsensitive)) {
        MatrixLink link;
        link.isLink = true;
        const qsizetype start = text.indexOf(QLatin1String("#/"));
        if (start < 0)
            return failure(QStringLiteral("This matrix.to link names no room."));
        QString fragment = text.mid(start + 2);
        const qsizetype question = fragment.indexOf(QLatin1Char('?'));
        if (question >= 0) {
            if (const QString err = readQuery(fragment.mid(question + 1), &link); !err.isEmpty())
                return failure(err);
            fragment.truncate(question);
        }
        // "#/!room:server/$event": the room is the first segment.
        const QString first = fragment.section(QLatin1Char('/'), 0, 0);
        const QString id = QUrl::fromPercentEncoding(first.toUtf8());
        if (id.startsWith(QLatin1Char('@')))
            return failure(QStringLiteral("This link points to a user, not a room."));
        return finish(link, id);
    }

    MatrixLink link;
    return finish(link, text);
}
