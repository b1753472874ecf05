#include "models/userdirectory.h"

#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"
#include "models/roomlistmodel.h"

#include <QJsonArray>
#include <QTimer>

namespace {
constexpr int DebounceMs = 250;
constexpr int SearchLimit = 10;
} // namespace

UserDirectoryModel::UserDirectoryModel(ApiClient *api, QObject *parent)
    : QAbstractListModel(parent), m_api(api), m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &UserDirectoryModel::search);
}

void UserDirectoryModel::setSearchTerm(const QString &term)
{
    if (term == m_term)
        return;
    m_term = term;
    emit searchTermChanged();
    if (m_call)
        m_call->abort();
    // Show the typed ID at once; directory results follow after the debounce.
    QList<Row> rows;
    const QString trimmed = term.trimmed();
    if (Identifiers::validateUserId(trimmed).isEmpty())
        rows.append({trimmed, QString(), QString(), true});
    setRows(rows);
    if (trimmed.isEmpty()) {
        m_debounce->stop();
        return;
    }
    m_debounce->start();
}

void UserDirectoryModel::clear()
{
    setSearchTerm(QString());
}

void UserDirectoryModel::search()
{
    const QString term = m_term.trimmed();
    if (term.isEmpty() || !m_api->hasAccessToken())
        return;
    m_call = Endpoints::searchUserDirectory(m_api, term, SearchLimit);
    emit busyChanged();
    connect(m_call, &ApiCall::succeeded, this, [this, term](const QJsonObject &body) {
        m_call = nullptr;
        emit busyChanged();
        if (!m_errorText.isEmpty()) {
            m_errorText.clear();
            emit errorTextChanged();
        }
        QList<Row> rows;
        const QString typed = Identifiers::validateUserId(term).isEmpty() ? term : QString();
        if (!typed.isEmpty())
            rows.append({typed, QString(), QString(), true});
        for (const QJsonValue &v : body.value(QLatin1String("results")).toArray()) {
            const QJsonObject user = v.toObject();
            const QString userId = user.value(QLatin1String("user_id")).toString();
            if (!Identifiers::validateUserId(userId).isEmpty())
                continue;
            Row row{userId, user.value(QLatin1String("display_name")).toString().left(256),
                    user.value(QLatin1String("avatar_url")).toString(), false};
            if (!typed.isEmpty() && userId == typed) {
                rows[0] = row; // the directory knows the typed user: show their name
                continue;
            }
            rows.append(row);
        }
        setRows(rows);
    });
    connect(m_call, &ApiCall::failed, this, [this](const MatrixError &error) {
        m_call = nullptr;
        emit busyChanged();
        if (error.kind == MatrixError::Cancelled)
            return;
        m_errorText = tr("User search failed: %1").arg(error.summary());
        emit errorTextChanged();
    });
}

void UserDirectoryModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int UserDirectoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant UserDirectoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole: return row.displayName.isEmpty() ? row.userId : row.displayName;
    case UserIdRole: return row.userId;
    case AvatarSourceRole: return RoomListModel::avatarSourceFor(row.avatarMxc);
    case TypedRole: return row.typed;
    }
    return {};
}

QHash<int, QByteArray> UserDirectoryModel::roleNames() const
{
    return {{UserIdRole, "userId"},
            {DisplayNameRole, "displayName"},
            {AvatarSourceRole, "avatarSource"},
            {TypedRole, "typed"}};
}
