#include "models/invitelist.h"

#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"
#include "api/safetext.h"
#include "session/session.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStringDecoder>

namespace {
// What the preview shows of an entry that is not a user ID (it may be anything a file held).
constexpr qsizetype MaxShownLength = 300;

bool isSeparator(QChar c)
{
    return c == QLatin1Char(',') || c == QLatin1Char(';') || c == QLatin1Char('\t');
}

// Splits a CSV line at ',', ';' and tabs alike (only the field that holds a user ID matters),
// keeping separators inside double quotes ("Smith, John") and reading "" as one quote.
QStringList splitFields(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('"')) {
            if (quoted && i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else {
                quoted = !quoted;
            }
        } else if (!quoted && isSeparator(c)) {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    fields << field;
    return fields;
}

// One field as the person wrote it -> the user ID it means: whitespace, quotes and <> around it
// trimmed; "Name <@user:server>" and links to a user understood.
QString cleanField(const QString &field)
{
    // "@alice:example.org  # from the meetup": a user ID never contains a space, so a '#'
    // after one starts a comment.
    static const QRegularExpression trailingComment(QStringLiteral("\\s+#.*\\z"));
    QString s = field.trimmed();
    s.remove(trailingComment);
    for (bool changed = true; changed && s.size() >= 2;) {
        changed = false;
        const QChar first = s.front();
        const QChar last = s.back();
        if ((first == QLatin1Char('"') && last == QLatin1Char('"')) ||
            (first == QLatin1Char('\'') && last == QLatin1Char('\'')) ||
            (first == QChar(0x201C) && last == QChar(0x201D)) ||
            (first == QLatin1Char('<') && last == QLatin1Char('>'))) {
            s = s.mid(1, s.size() - 2).trimmed();
            changed = true;
        }
    }
    // "Alice <@alice:example.org>": the part in angle brackets.
    if (!s.startsWith(QLatin1Char('@')) && s.endsWith(QLatin1Char('>'))) {
        const qsizetype open = s.lastIndexOf(QLatin1String("<@"));
        if (open >= 0)
            s = s.mid(open + 1, s.size() - open - 2).trimmed();
    }
    // https://matrix.to/#/@alice:example.org (possibly percent-encoded, possibly ?via=…).
    static const QRegularExpression matrixTo(
        QStringLiteral("^https?://matrix\\.to/#/(%40|@)([^?]*)(\\?.*)?\\z"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = matrixTo.match(s); m.hasMatch())
        return QLatin1Char('@') + QUrl::fromPercentEncoding(m.captured(2).toUtf8());
    // matrix:u/alice:example.org (RFC 9xxx-style Matrix URI), possibly with ?action=chat.
    static const QRegularExpression matrixUri(QStringLiteral("^matrix:u/([^?]*)(\\?.*)?\\z"),
                                              QRegularExpression::CaseInsensitiveOption);
    if (const auto m = matrixUri.match(s); m.hasMatch())
        return QLatin1Char('@') + QUrl::fromPercentEncoding(m.captured(1).toUtf8());
    return s;
}

QString shown(const QString &text)
{
    return SafeText::forDisplay(text, MaxShownLength);
}
} // namespace

InviteListModel::InviteListModel(QObject *parent) : QAbstractListModel(parent) {}

InviteListModel::InviteListModel(ApiClient *api, const QString &ownUserId, QObject *parent)
    : QAbstractListModel(parent), m_api(api), m_ownUserId(ownUserId)
{}

InviteListModel::~InviteListModel()
{
    stopFetch();
}

QList<InviteListModel::Entry> InviteListModel::parse(const QString &text)
{
    static const QRegularExpression lineBreak(QStringLiteral("\r\n|\r|\n"));
    QString body = text;
    if (body.startsWith(QChar(0xFEFF))) // a byte order mark left by an editor
        body.remove(0, 1);
    const QStringList lines = body.split(lineBreak);
    QList<Entry> entries;
    QHash<QString, int> firstLine; // valid user ID -> the line it was first listed on
    bool firstContentLine = true;

    auto add = [&](const QString &candidate, int lineNumber) {
        Entry entry;
        entry.userId = candidate;
        entry.line = lineNumber;
        if (const QString error = Identifiers::validateUserId(candidate); !error.isEmpty()) {
            entry.userId = shown(candidate);
            entry.status = Invalid;
            entry.reason = shown(error);
        } else if (const auto seen = firstLine.constFind(candidate); seen != firstLine.cend()) {
            entry.status = Duplicate;
            entry.reason = tr("Already listed on line %1.").arg(*seen);
        } else {
            firstLine.insert(candidate, lineNumber);
        }
        entries.append(entry);
    };

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNumber = int(i + 1);
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const bool header = firstContentLine && !line.contains(QLatin1Char('@')) &&
                            !line.contains(QLatin1Char(':'));
        firstContentLine = false;
        if (header) // "user_id,name": column titles, not a person
            continue;

        // The whole line as one user ID first: historical IDs may contain ',' or ';'.
        const QString whole = cleanField(line);
        if (Identifiers::validateUserId(whole).isEmpty()) {
            add(whole, lineNumber);
            continue;
        }
        QStringList candidates;
        QString firstField;
        for (const QString &field : splitFields(line)) {
            const QString cleaned = cleanField(field);
            if (cleaned.isEmpty())
                continue;
            if (firstField.isEmpty())
                firstField = cleaned;
            if (cleaned.startsWith(QLatin1Char('@')))
                candidates << cleaned;
        }
        // No field looks like a user ID: the first one says what is wrong with it.
        if (candidates.isEmpty())
            candidates << (firstField.isEmpty() ? whole : firstField);
        for (const QString &candidate : std::as_const(candidates))
            add(candidate, lineNumber);
    }
    return entries;
}

QString InviteListModel::readListFile(const QUrl &url, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QString();
    };
    QString path;
    if (url.isLocalFile())
        path = url.toLocalFile();
    else if (url.scheme().isEmpty())
        path = url.path();
    if (path.isEmpty())
        return fail(tr("Only a file on this computer can be loaded."));
    const QFileInfo info(path);
    const QString name = shown(info.fileName());
    if (!info.exists())
        return fail(tr("“%1” does not exist.").arg(name));
    if (!info.isFile())
        return fail(tr("“%1” is not a file.").arg(name));
    const qint64 maxKb = MaxFileBytes / 1024;
    if (info.size() > MaxFileBytes)
        return fail(tr("“%1” is too large (%2 KB): a list can be at most %3 KB.")
                        .arg(name)
                        .arg((info.size() + 1023) / 1024)
                        .arg(maxKb));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("“%1” could not be read: %2").arg(name, file.errorString()));
    const QByteArray bytes = file.read(MaxFileBytes + 1);
    if (bytes.size() > MaxFileBytes) // it grew since it was measured
        return fail(tr("“%1” is too large: a list can be at most %2 KB.").arg(name).arg(maxKb));
    if (file.error() != QFileDevice::NoError)
        return fail(tr("“%1” could not be read: %2").arg(name, file.errorString()));
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (bytes.contains('\0') || decoder.hasError())
        return fail(tr("“%1” is not a text file: save the list as plain text (UTF-8), one user "
                       "ID per line or CSV.")
                        .arg(name));
    if (error)
        error->clear();
    return text.isNull() ? QStringLiteral("") : text;
}

QString InviteListModel::statusText(Status status)
{
    switch (status) {
    case WillInvite:
        return tr("Will be invited");
    case Invalid:
        return tr("Invalid");
    case Duplicate:
        return tr("Listed twice");
    case AlreadyMember:
        return tr("Already in the room");
    case AlreadyInvited:
        return tr("Already invited");
    case Banned:
        return tr("Banned");
    case Self:
        return tr("You");
    }
    return {};
}

void InviteListModel::setSession(Session *session)
{
    if (session == m_session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        connect(session, &Session::stateChanged, this, [this] {
            if (m_session)
                setOwnUserId(m_session->userId());
        });
        setOwnUserId(session->userId());
    }
    emit sessionChanged();
    setApi(session ? session->api() : nullptr);
}

void InviteListModel::setApi(ApiClient *api)
{
    if (api == m_api)
        return;
    stopFetch();
    m_api = api;
    fetchMembers();
}

void InviteListModel::setOwnUserId(const QString &userId)
{
    if (userId == m_ownUserId)
        return;
    m_ownUserId = userId;
    rebuild();
}

void InviteListModel::setRoomId(const QString &roomId)
{
    if (roomId == m_roomId)
        return;
    m_roomId = roomId;
    emit roomIdChanged();
    fetchMembers();
}

void InviteListModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    emit textChanged();
    m_parsed = parse(text);
    rebuild();
}

QString InviteListModel::summary() const
{
    if (m_rows.isEmpty())
        return {};
    QStringList parts;
    parts << tr("%n will be invited", nullptr, willInviteCount());
    if (const int n = alreadyMemberCount())
        parts << tr("%n already in the room", nullptr, n);
    if (const int n = alreadyInvitedCount())
        parts << tr("%n already invited", nullptr, n);
    if (const int n = bannedCount())
        parts << tr("%n banned", nullptr, n);
    if (const int n = invalidCount())
        parts << tr("%n invalid", nullptr, n);
    if (const int n = duplicateCount())
        parts << tr("%n listed twice", nullptr, n);
    if (selfCount() > 0)
        parts << tr("you are skipped");
    return parts.join(QStringLiteral(" · "));
}

QStringList InviteListModel::userIdsToInvite() const
{
    QStringList ids;
    for (const Entry &entry : m_rows)
        if (entry.status == WillInvite)
            ids << entry.userId;
    return ids;
}

bool InviteListModel::loadFile(const QUrl &url)
{
    QString error;
    const QString text = readListFile(url, &error);
    setFileError(error);
    if (!error.isEmpty())
        return false;
    setText(text);
    return true;
}

void InviteListModel::refreshMembers()
{
    fetchMembers();
}

void InviteListModel::clear()
{
    setText({});
    setRoomId({});
    setFileError({});
}

int InviteListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant InviteListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case UserIdRole:
        return entry.userId;
    case LineRole:
        return entry.line;
    case StatusRole:
        return entry.status;
    case StatusTextRole:
        return statusText(entry.status);
    case ReasonRole:
        return entry.reason;
    default:
        return {};
    }
}

QHash<int, QByteArray> InviteListModel::roleNames() const
{
    return {{UserIdRole, "userId"},
            {LineRole, "line"},
            {StatusRole, "status"},
            {StatusTextRole, "statusText"},
            {ReasonRole, "reason"}};
}

int InviteListModel::countOf(Status status) const
{
    int n = 0;
    for (const Entry &entry : m_rows)
        n += entry.status == status ? 1 : 0;
    return n;
}

void InviteListModel::stopFetch()
{
    if (!m_call)
        return;
    ApiCall *call = m_call;
    m_call = nullptr;
    disconnect(call, nullptr, this, nullptr);
    call->abort();
}

void InviteListModel::fetchMembers()
{
    stopFetch();
    m_memberships.clear();
    m_membersKnown = false;
    m_membersError.clear();
    if (m_api && !m_roomId.isEmpty()) {
        ApiCall *call = Endpoints::getMembersByRoom(m_api, m_roomId, QStringLiteral("leave"));
        m_call = call;
        connect(call, &ApiCall::succeeded, this, [this](const QJsonObject &body) {
            m_call = nullptr;
            const QJsonValue chunk = body.value(QLatin1String("chunk"));
            if (!chunk.isArray()) {
                m_membersError =
                    MatrixError::malformed(tr("The server's member list has no \"chunk\"."))
                        .summary();
            } else {
                for (const QJsonValue &v : chunk.toArray()) {
                    const QJsonObject event = v.toObject();
                    if (event.value(QLatin1String("type")).toString() !=
                        QLatin1String("m.room.member"))
                        continue;
                    const QString userId = event.value(QLatin1String("state_key")).toString();
                    const QString membership = event.value(QLatin1String("content"))
                                                   .toObject()
                                                   .value(QLatin1String("membership"))
                                                   .toString();
                    if (!userId.isEmpty() && (membership == QLatin1String("join") ||
                                              membership == QLatin1String("invite") ||
                                              membership == QLatin1String("ban")))
                        m_memberships.insert(userId, membership);
                }
                m_membersKnown = true;
            }
            emit membersChanged();
            rebuild();
        });
        connect(call, &ApiCall::failed, this, [this](const MatrixError &error) {
            m_call = nullptr;
            m_membersError = error.summary();
            emit membersChanged();
        });
    }
    emit membersChanged();
    rebuild();
}

void InviteListModel::setFileError(const QString &error)
{
    if (error == m_fileError)
        return;
    m_fileError = error;
    emit fileErrorChanged();
}

void InviteListModel::rebuild()
{
    beginResetModel();
    m_rows = m_parsed;
    for (Entry &entry : m_rows) {
        if (entry.status != WillInvite)
            continue;
        if (!m_ownUserId.isEmpty() && entry.userId == m_ownUserId) {
            entry.status = Self;
            entry.reason = tr("This is your own account.");
            continue;
        }
        const QString membership = m_memberships.value(entry.userId);
        if (membership == QLatin1String("join")) {
            entry.status = AlreadyMember;
        } else if (membership == QLatin1String("invite")) {
            entry.status = AlreadyInvited;
        } else if (membership == QLatin1String("ban")) {
            entry.status = Banned;
            entry.reason = tr("Banned from this room: they cannot be invited unless unbanned.");
        }
    }
    endResetModel();
    emit countsChanged();
}
