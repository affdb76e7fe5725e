// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QString>

/// Small helpers every importer needs for untrusted files.
class ImportText
{
public:
    /// `data` without a leading UTF-8 byte order mark (Postman and Windows editors write one; QJsonDocument
    /// rejects it).
    static QByteArray withoutBom(const QByteArray& data);
    /// The JSON document in `data` (BOM allowed). Errors: ERR_JSON_INVALID with "line L, column C: reason".
    static Result<QJsonDocument> parseJson(const QByteArray& data);
    /// A Postman "description" (a string, or `{"content", "type"}`) or any scalar as text; "" for anything else.
    static QString description(const QJsonValue& value);
    /// A scalar as the text a variable would hold: strings as they are, numbers without a trailing ".0",
    /// booleans as "true"/"false", null and undefined as "". Objects and arrays as compact JSON.
    static QString scalarText(const QJsonValue& value);
};
