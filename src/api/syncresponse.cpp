#include "api/syncresponse.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <algorithm>
#include <optional>
// Errors as values only: a simdjson result used as its value cannot throw (it does not compile).
#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>
#include <string_view>
#include <utility>

struct SyncResponse::Data
{
    QJsonObject rest; // the answer without its rooms
    QList<Room> rooms;
    bool hasRooms = false;
    // From text: the answer as received, and each room's text in it (offset, length).
    QByteArray text;
    QList<std::pair<qsizetype, qsizetype>> spans;
    // From an object: each room's object.
    QList<QJsonObject> objects;
};

namespace {
constexpr std::pair<std::string_view, Membership::Value> Sections[] = {
    {"join", Membership::Join},
    {"invite", Membership::Invite},
    {"knock", Membership::Knock},
    {"leave", Membership::Leave}};

QString notAnObject()
{
    return QCoreApplication::translate("MatrixError", "The server's response is not a JSON object");
}

// A value as Qt reads it (wrapped in an array: a document must be an object or an array).
std::optional<QJsonValue> qtValue(std::string_view json)
{
    QByteArray wrapped;
    wrapped.reserve(qsizetype(json.size()) + 2);
    wrapped.append('[').append(json.data(), qsizetype(json.size())).append(']');
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

// A field's key as Qt would unescape it. simdjson checked that the string is closed; Qt decides
// what its escapes mean (simdjson refuses escaped lone surrogates, which Qt accepts).
std::optional<QString> keyOf(simdjson::ondemand::field &field)
{
    const char *raw = field.key().raw(); // just after the opening quote
    qsizetype length = 0;
    bool escaped = false;
    while (raw[length] != '"') {
        if (raw[length] == '\\') {
            escaped = true;
            ++length;
        }
        ++length;
    }
    if (!escaped)
        return QString::fromUtf8(raw, length);
    const std::optional<QJsonValue> value =
        qtValue(std::string_view(raw - 1, std::size_t(length) + 2));
    if (!value || !value->isString())
        return std::nullopt;
    return value->toString();
}

// The next field of an object being walked, and its key (as keyOf() reads it).
bool readField(simdjson::simdjson_result<simdjson::ondemand::field> result,
               simdjson::ondemand::field &field, QString &key)
{
    if (std::move(result).get(field))
        return false;
    const std::optional<QString> read = keyOf(field);
    if (!read)
        return false;
    key = *read;
    return true;
}

// The whole text of a value, consumed (for a scalar: its token and the spaces after it).
simdjson::error_code rawValue(simdjson::ondemand::value value, std::string_view &out)
{
    simdjson::ondemand::json_type type{};
    if (auto error = value.type().get(type))
        return error;
    if (type == simdjson::ondemand::json_type::object) {
        simdjson::ondemand::object object;
        if (auto error = value.get_object().get(object))
            return error;
        return object.raw_json().get(out);
    }
    if (type == simdjson::ondemand::json_type::array) {
        simdjson::ondemand::array array;
        if (auto error = value.get_array().get(array))
            return error;
        return array.raw_json().get(out);
    }
    out = value.raw_json_token();
    // raw_json_token() does not consume the value: read it, or skipping it later would take a
    // string followed by ':' for a key and skip what follows unchecked.
    switch (type) {
    case simdjson::ondemand::json_type::string:
        return value.get_raw_json_string().error();
    case simdjson::ondemand::json_type::number:
        return value.get_double().error(); // beyond a double: an error, and Qt reads it all
    case simdjson::ondemand::json_type::boolean:
        return value.get_bool().error();
    case simdjson::ondemand::json_type::null: {
        bool isNull = false;
        if (auto error = value.is_null().get(isNull))
            return error;
        return isNull ? simdjson::SUCCESS : simdjson::INCORRECT_TYPE;
    }
    default:
        return simdjson::INCORRECT_TYPE;
    }
}

// The bytes allocated after the text's end (capacity() also counts the space before its start,
// which Qt 6 leaves free after a removal at the front; text from fromRawData() has none). Only
// read: whoever else shares the buffer cannot write there without detaching first.
qsizetype spaceAfter(const QByteArray &text)
{
    return const_cast<QByteArray &>(text).data_ptr().freeSpaceAtEnd();
}

// What the fast path found, or nothing when it could not read the text (the caller then lets
// Qt read the whole answer, which is the judge of what is valid).
struct Located
{
    qsizetype roomsBegin = -1, roomsEnd = -1; // the rooms object's text, when it is one
    QList<SyncResponse::Room> rooms;
    QList<std::pair<qsizetype, qsizetype>> spans;
};

std::optional<Located> locate(const QByteArray &text)
{
    Located found;
    const char *const base = text.constData();
    const auto offsetOf = [base](std::string_view s) { return qsizetype(s.data() - base); };
    std::string_view roomsText;
    {
        simdjson::ondemand::parser parser;
        simdjson::ondemand::document doc;
        if (parser
                .iterate(base, std::size_t(text.size()),
                         std::size_t(text.size() + spaceAfter(text)))
                .get(doc))
            return std::nullopt;
        simdjson::ondemand::object root;
        if (doc.get_object().get(root))
            return std::nullopt;
        for (auto result : root) {
            simdjson::ondemand::field field;
            QString key;
            if (!readField(std::move(result), field, key))
                return std::nullopt;
            if (key != QLatin1String("rooms"))
                continue; // skipped here; Qt reads it with the rest
            if (!roomsText.empty())
                return std::nullopt; // twice: Qt decides which one counts
            simdjson::ondemand::json_type type{};
            if (field.value().type().get(type))
                return std::nullopt;
            if (type != simdjson::ondemand::json_type::object)
                continue; // Qt reads it with the rest; no rooms
            if (rawValue(field.value(), roomsText))
                return std::nullopt;
        }
    }
    if (roomsText.empty())
        return found;
    found.roomsBegin = offsetOf(roomsText);
    found.roomsEnd = found.roomsBegin + qsizetype(roomsText.size());

    // The rooms object again, on its own: its sections and their rooms. The text after it is
    // the padding simdjson reads ahead into.
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document doc;
    if (parser
            .iterate(roomsText.data(), roomsText.size(),
                     std::size_t(text.size() + spaceAfter(text) - found.roomsBegin))
            .get(doc))
        return std::nullopt;
    simdjson::ondemand::object rooms;
    if (doc.get_object().get(rooms))
        return std::nullopt;
    // A key given twice counts once, the last time, as Qt reads it: a section's rooms are those
    // of its last object, and a room listed twice in it is read from its last text.
    struct Listed
    {
        SyncResponse::Room room;
        std::pair<qsizetype, qsizetype> span; // its text in `text`
    };
    QList<Listed> listed[std::size(Sections)];
    QHash<QString, qsizetype> listedAt[std::size(Sections)];
    // A room's text that a later one replaces is never read: Qt checks it now (it is rare).
    const auto textIsValid = [base](const Listed &entry) {
        return !entry.room.isObject ||
               qtValue(std::string_view(base + entry.span.first, std::size_t(entry.span.second)));
    };
    const auto dropSection = [&](int section) {
        if (!std::all_of(listed[section].cbegin(), listed[section].cend(), textIsValid))
            return false;
        listed[section].clear();
        listedAt[section].clear();
        return true;
    };
    for (auto result : rooms) {
        simdjson::ondemand::field sectionField;
        QString sectionKey;
        if (!readField(std::move(result), sectionField, sectionKey))
            return std::nullopt;
        int section = -1;
        for (int s = 0; s < int(std::size(Sections)); ++s)
            if (sectionKey == QLatin1String(Sections[s].first.data(), Sections[s].first.size()))
                section = s;
        simdjson::ondemand::json_type type{};
        if (sectionField.value().type().get(type))
            return std::nullopt;
        if (section < 0 || type != simdjson::ondemand::json_type::object) {
            // Not a section of rooms: nothing to list, but its text must still be valid JSON.
            std::string_view raw;
            if (rawValue(sectionField.value(), raw) || !qtValue(raw))
                return std::nullopt;
            // A section given again as something else: no rooms, as in Qt.
            if (section >= 0 && !dropSection(section))
                return std::nullopt;
            continue;
        }
        simdjson::ondemand::object byId;
        if (sectionField.value().get_object().get(byId))
            return std::nullopt;
        if (!dropSection(section))
            return std::nullopt;
        for (auto roomResult : byId) {
            simdjson::ondemand::field roomField;
            QString roomId;
            if (!readField(std::move(roomResult), roomField, roomId))
                return std::nullopt;
            if (roomField.value().type().get(type))
                return std::nullopt;
            std::string_view raw;
            if (rawValue(roomField.value(), raw))
                return std::nullopt;
            const bool isObject = type == simdjson::ondemand::json_type::object;
            // A room that is not an object is skipped by its readers; Qt checks its text now
            // (an object's text is checked when the room is read).
            if (!isObject && !qtValue(raw))
                return std::nullopt;
            Listed entry{{Sections[section].second, roomId, isObject},
                         {offsetOf(raw), qsizetype(raw.size())}};
            if (const auto seen = listedAt[section].constFind(roomId);
                seen != listedAt[section].cend()) {
                if (!textIsValid(listed[section].at(*seen)))
                    return std::nullopt;
                listed[section][*seen] = std::move(entry);
                continue;
            }
            listedAt[section].insert(roomId, listed[section].size());
            listed[section].append(std::move(entry));
        }
    }
    for (const QList<Listed> &section : listed)
        for (const Listed &entry : section) {
            found.rooms.append(entry.room);
            found.spans.append(entry.span);
        }
    return found;
}
} // namespace

SyncResponse::SyncResponse() : d(QSharedPointer<const Data>::create()) {}

SyncResponse SyncResponse::fromObject(const QJsonObject &body)
{
    auto data = QSharedPointer<Data>::create();
    data->rest = body;
    const QJsonValue roomsValue = body.value(QLatin1String("rooms"));
    data->hasRooms = roomsValue.isObject();
    const QJsonObject rooms = roomsValue.toObject();
    for (const auto &[key, membership] : Sections) {
        const QJsonObject byId =
            rooms.value(QLatin1String(key.data(), qsizetype(key.size()))).toObject();
        for (auto it = byId.begin(); it != byId.end(); ++it) {
            data->rooms.append({membership, it.key(), it.value().isObject()});
            data->objects.append(it.value().toObject());
        }
    }
    if (data->hasRooms)
        data->rest.insert(QLatin1String("rooms"), QJsonObject());
    SyncResponse response;
    response.d = data;
    return response;
}

SyncResponse SyncResponse::fromText(QByteArray text, QString *error)
{
    // simdjson reads ahead in blocks: it needs this much allocated after the text.
    if (spaceAfter(text) < qsizetype(simdjson::SIMDJSON_PADDING)) {
        QByteArray padded;
        padded.reserve(text.size() + qsizetype(simdjson::SIMDJSON_PADDING));
        padded.append(text);
        text = std::move(padded);
    }
    const std::optional<Located> located = locate(text);
    QJsonParseError parseError{};
    QJsonDocument rest;
    if (located) {
        // Everything but the rooms' objects, parsed (and so checked) by Qt.
        if (located->roomsBegin < 0) {
            rest = QJsonDocument::fromJson(text, &parseError);
        } else {
            QByteArray outside;
            outside.reserve(text.size() - (located->roomsEnd - located->roomsBegin) + 2);
            outside.append(text.constData(), located->roomsBegin)
                .append("{}")
                .append(text.constData() + located->roomsEnd, text.size() - located->roomsEnd);
            rest = QJsonDocument::fromJson(outside, &parseError);
        }
    }
    if (!located || parseError.error != QJsonParseError::NoError || !rest.isObject()) {
        // What the fast path could not read, Qt reads whole: the judge of what is valid JSON.
        const QJsonDocument whole = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError || !whole.isObject()) {
            if (error)
                *error = notAnObject();
            return SyncResponse();
        }
        return fromObject(whole.object());
    }
    auto data = QSharedPointer<Data>::create();
    data->rest = rest.object();
    data->hasRooms = located->roomsBegin >= 0;
    data->rooms = located->rooms;
    data->spans = located->spans;
    data->text = std::move(text);
    SyncResponse response;
    response.d = data;
    return response;
}

QString SyncResponse::nextBatch() const
{
    return d->rest.value(QLatin1String("next_batch")).toString();
}

const QJsonObject &SyncResponse::withoutRooms() const
{
    return d->rest;
}

bool SyncResponse::hasRooms() const
{
    return d->hasRooms;
}

const QList<SyncResponse::Room> &SyncResponse::rooms() const
{
    return d->rooms;
}

QJsonObject SyncResponse::roomObject(qsizetype i, bool *valid) const
{
    if (valid)
        *valid = true;
    if (!d->objects.isEmpty())
        return d->objects.at(i);
    if (!d->rooms.at(i).isObject)
        return {};
    const auto [offset, length] = d->spans.at(i);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(d->text.constData() + offset, length), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        if (valid)
            *valid = false;
        return {};
    }
    return doc.object();
}

QJsonObject SyncResponse::roomObject(const QString &roomId,
                                     std::initializer_list<Membership::Value> sections) const
{
    for (const Membership::Value section : sections)
        for (qsizetype i = 0; i < d->rooms.size(); ++i)
            if (d->rooms.at(i).section == section && d->rooms.at(i).roomId == roomId)
                return roomObject(i);
    return {};
}
