#include "api/membership.h"

namespace Membership {
namespace {
constexpr std::pair<Value, QStringView> Names[] = {
    {Join, u"join"}, {Invite, u"invite"}, {Leave, u"leave"}, {Knock, u"knock"}, {Ban, u"ban"}};
} // namespace

QString toString(Value membership)
{
    for (const auto &[value, name] : Names)
        if (value == membership)
            return name.toString();
    return {};
}

std::optional<Value> fromString(QStringView text)
{
    for (const auto &[value, name] : Names)
        if (name == text)
            return value;
    return std::nullopt;
}
} // namespace Membership
