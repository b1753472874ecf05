#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>

// A room reference taken from a link: "matrix:r/alias:server", "matrix:roomid/id:server?via=x",
// "https://matrix.to/#/#alias:server", or a bare "#alias:server" / "!id:server".
struct MatrixLink
{
    Q_GADGET
    QML_VALUE_TYPE(matrixLink)
    Q_PROPERTY(bool valid READ isValid CONSTANT)
    Q_PROPERTY(QString target MEMBER target CONSTANT)
    Q_PROPERTY(QStringList via MEMBER via CONSTANT)
    Q_PROPERTY(QString action MEMBER action CONSTANT)
    Q_PROPERTY(QString error MEMBER error CONSTANT)
    Q_PROPERTY(bool isLink MEMBER isLink CONSTANT)

public:
    QString target;  // "#alias:server" or "!id:server", validated
    QStringList via; // validated server names
    QString action;  // "join" when the link asked for it (the UI still asks the user)
    QString error;   // why the text is not a usable room reference
    bool isLink = false; // a matrix: or matrix.to link, not a bare ID
    bool isValid() const { return !target.isEmpty() && error.isEmpty(); }

    static MatrixLink parse(const QString &text);
};

class MatrixLinkParser : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    using QObject::QObject;
    Q_INVOKABLE MatrixLink parse(const QString &text) const { return MatrixLink::parse(text); }
};
