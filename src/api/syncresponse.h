#pragma once

// A /sync answer (GET /_matrix/client/v3/sync), read one room at a time.
//
// A 5,000-room initial sync is ~14 MB of text, and Qt's JSON document of it ~82 MB, all alive at
// once: most of a first launch's peak memory. Read from its text, the answer is only checked and
// its rooms located (simdjson's on-demand parser walks the text without building a document);
// each room's object is parsed by Qt when asked for and let go by whoever asked. What lies
// outside "rooms" (account data, next_batch, …: small) is parsed at once.
//
// Checking: everything outside the rooms' objects is parsed by Qt here, so the answer is refused
// exactly when Qt would refuse that part; the structure of "rooms" (sections, room IDs) is walked
// here; a room's own text is parsed by Qt when roomObject() is called, which says when it is not
// valid JSON (the room store then refuses the whole answer and applies none of it). Qt, not
// simdjson, decides what a value may hold: numbers beyond 64 bits and escaped lone surrogates,
// which Qt accepts and servers do send in old rooms, do not make the answer unreadable.
//
// Read from an object (a sliding-sync answer turned into /sync's shape, the CLI, tests), it hands
// out that object's parts.

#include "api/membership.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSharedPointer>
#include <QString>
#include <initializer_list>

class SyncResponse
{
public:
    struct Room
    {
        Membership::Value section; // Join, Invite, Knock or Leave (rooms.join, …)
        QString roomId;            // the key, unescaped; not validated here
        bool isObject = true;      // its value is an object (what a room must be)
    };

    SyncResponse();
    static SyncResponse fromObject(const QJsonObject &body);
    // The text as received. On failure (not a JSON object, broken structure) returns an empty
    // response and sets `error`.
    static SyncResponse fromText(QByteArray text, QString *error);

    QString nextBatch() const;
    // The answer without its rooms ("rooms" is then {} when it was an object).
    const QJsonObject &withoutRooms() const;
    // The answer has a "rooms" object (an inventory without one says nothing about rooms).
    bool hasRooms() const;
    // The rooms of rooms.join, .invite, .knock and .leave, in that order, each section in the
    // answer's order. Other sections are not listed.
    const QList<Room> &rooms() const;
    // Room i's object, parsed now. Safe to call from several threads at once. `valid` is false
    // when its text is not valid JSON; a value that is valid but not an object gives an empty
    // object (rooms().at(i).isObject says so).
    QJsonObject roomObject(qsizetype i, bool *valid = nullptr) const;
    // The first listed room of that ID among `sections`, or an empty object.
    QJsonObject roomObject(const QString &roomId,
                           std::initializer_list<Membership::Value> sections) const;

private:
    struct Data;
    QSharedPointer<const Data> d;
};
