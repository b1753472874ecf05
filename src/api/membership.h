#pragma once

// The membership states of the spec's m.room.member event, one enum for C++, QML
// (Membership.Join, …) and the CLI's JSON ("join", …) through the one string table below.

#include <QObject>
#include <QString>
#include <QtQmlIntegration/qqmlintegration.h>
#include <optional>

namespace Membership {
Q_NAMESPACE
QML_ELEMENT

enum Value { Join, Invite, Leave, Knock, Ban };
Q_ENUM_NS(Value)

// "join", "invite", "leave", "knock", "ban": the spec's wire names.
QString toString(Value membership);
std::optional<Value> fromString(QStringView text);
} // namespace Membership
