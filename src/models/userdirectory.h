#pragma once

#include "api/apiclient.h"
#include "api/matrixerror.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QtQmlIntegration/qqmlintegration.h>

class QTimer;

// Suggestions for the invite dialog from POST /user_directory/search, debounced as the user
// types. A typed full user ID is always offered first even when the directory has no match.
//
// Roles: userId (string), displayName (string), avatarSource (url, image://mxc/… or empty),
//        typed (bool: the entry is the literal text the user typed, not a directory result)
class UserDirectoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("UserDirectoryModel is created by the application")
    Q_PROPERTY(QString searchTerm READ searchTerm WRITE setSearchTerm NOTIFY searchTermChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    enum Role { UserIdRole = Qt::UserRole + 1, DisplayNameRole, AvatarSourceRole, TypedRole };

    explicit UserDirectoryModel(ApiClient *api, QObject *parent = nullptr);

    QString searchTerm() const { return m_term; }
    void setSearchTerm(const QString &term);
    bool busy() const { return m_call != nullptr; }
    QString errorText() const { return m_errorText; }
    Q_INVOKABLE void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void searchTermChanged();
    void busyChanged();
    void errorTextChanged();

private:
    struct Row
    {
        QString userId;
        QString displayName;
        QString avatarMxc;
        bool typed = false;
    };
    void search();
    void setRows(QList<Row> rows);

    ApiClient *m_api;
    QString m_term;
    QString m_errorText;
    QList<Row> m_rows;
    QPointer<ApiCall> m_call;
    QTimer *m_debounce;
};
