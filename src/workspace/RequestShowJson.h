// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

/// The line of `collection show --json` for one request file, written straight from the file's bytes: what
/// `JsonText::compact(RequestItem::fromJson(object).toJson(false))` prints after WorkspaceStore's checks of the file
/// (a JSON object, "version" 1, "type" "request"), without a QJsonDocument, a RequestItem or a QJsonObject in
/// between. A workspace of 10,000 requests spent most of `collection show --json` allocating and freeing those.
///
/// It reads only the plain shape the store writes and people edit: the members id, name, description, method, url,
/// headers, body (none, raw, urlencoded, file) and auth (inherit, none, bearer, basic, apikey, oauth2) with the
/// types RequestItem::fromJson() accepts. Anything else gives nullopt and the caller takes the full path, which
/// decides (and reports a damaged file): secrets listed under "keychain", "settings", "variables", "scripts",
/// "disabledQuery" or any other member, a JWT auth, a multipart body, an empty name, numbers other than the
/// version, `\u` or `\/` escapes, control characters or bytes that are not UTF-8 inside strings, duplicate keys, a
/// byte order mark, and every file the full path would reject. Strings are copied as written: without those escapes,
/// Qt's writer prints a string exactly as the strict JSON text it was read from.
class RequestShowJson
{
public:
    struct Rendered
    {
        QString id;
        QString name;
        QByteArray json; // compact, no newline
    };

    static std::optional<Rendered> render(QByteArrayView file);
};
