// Fuzzes room references typed or pasted by the user (MatrixLink::parse: matrix: URIs, matrix.to
// links, bare IDs and aliases) and the mxc:// -> image:// mapping of room avatars
// (RoomListModel::avatarSourceFor), which decides where an authenticated media request goes.

#include "fuzzcommon.h"
#include "api/identifiers.h"
#include "api/matrixuri.h"
#include "models/roomlistmodel.h"

#include <QRegularExpression>
#include <QUrl>

namespace {

void checkLink(const QString &text)
{
    const MatrixLink link = MatrixLink::parse(text);
    // Exactly one of: a usable target, or a reason why not.
    FUZZ_CHECK(link.isValid() != !link.error.isEmpty(), text);
    if (!link.isValid())
        return;
    FUZZ_CHECK(Identifiers::validateRoomIdOrAlias(link.target).isEmpty(),
               QStringLiteral("invalid target %1 from %2").arg(link.target, text));
    for (const QString &server : link.via)
        FUZZ_CHECK(Identifiers::validateServerName(server).isEmpty(),
                   QStringLiteral("invalid via %1 from %2").arg(server, text));
    QStringList distinct = link.via;
    FUZZ_CHECK(distinct.removeDuplicates() == 0, text);
    if (!link.isLink) {
        // A bare ID or alias is taken as typed (trimmed), with nothing added.
        FUZZ_CHECK(link.target == text.trimmed() && link.via.isEmpty() && link.action.isEmpty(), text);
    }

    // Round trip: the target (and via servers) written as a matrix: URI and as a matrix.to link,
    // percent-encoded, must parse back to the same room.
    const QString sigil = link.target.left(1);
    const QString encoded = QString::fromLatin1(Identifiers::encodePathSegment(link.target.mid(1)));
    QString query;
    for (const QString &server : link.via)
        query += (query.isEmpty() ? QStringLiteral("?via=") : QStringLiteral("&via=")) +
                 QString::fromLatin1(QUrl::toPercentEncoding(server));
    const QString uri = QStringLiteral("matrix:%1/%2%3")
                            .arg(sigil == QLatin1String("#") ? QStringLiteral("r") : QStringLiteral("roomid"),
                                 encoded, query);
    const MatrixLink fromUri = MatrixLink::parse(uri);
    FUZZ_CHECK(fromUri.isValid() && fromUri.target == link.target && fromUri.via == link.via,
               QStringLiteral("%1 -> %2 -> %3 %4").arg(text, uri, fromUri.target, fromUri.error));
    const QString matrixTo = QStringLiteral("https://matrix.to/#/") +
                             QString::fromLatin1(QUrl::toPercentEncoding(link.target)) + query;
    const MatrixLink fromMatrixTo = MatrixLink::parse(matrixTo);
    FUZZ_CHECK(fromMatrixTo.isValid() && fromMatrixTo.target == link.target &&
                   fromMatrixTo.via == link.via,
               QStringLiteral("%1 -> %2 -> %3 %4").arg(text, matrixTo, fromMatrixTo.target, fromMatrixTo.error));
}

void checkAvatar(const QString &mxc)
{
    static const QRegularExpression allowed(
        QStringLiteral("\\Aimage://mxc/[A-Za-z0-9.:\\[\\]\\-]+/[A-Za-z0-9_\\-]+\\z"));
    const QString source = RoomListModel::avatarSourceFor(mxc);
    if (source.isEmpty())
        return;
    FUZZ_CHECK(allowed.match(source).hasMatch(),
               QStringLiteral("avatar %1 -> %2").arg(mxc, source));
    // Only an mxc URI maps, and only to its own server and media ID.
    FUZZ_CHECK(mxc.startsWith(QLatin1String("mxc://")), mxc);
    FUZZ_CHECK(mxc.contains(source.mid(12)), QStringLiteral("avatar %1 -> %2").arg(mxc, source));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192)
        return -1; // links are cut at 2048 characters; longer inputs only cost time
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    checkLink(text);
    checkAvatar(text);
    // Every link is also tried as an avatar URL with the scheme swapped, and vice versa, so both
    // parsers see the other corpus's shapes.
    if (text.startsWith(QLatin1String("matrix:")))
        checkAvatar(QStringLiteral("mxc://") + text.mid(7));
    else if (text.startsWith(QLatin1String("mxc://")))
        checkLink(QStringLiteral("matrix:r/") + text.mid(6));
    return 0;
}
