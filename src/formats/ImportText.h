// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QString>

class QThread;

/// Small helpers every importer needs for untrusted files.
class ImportText
{
public:
    /// `data` without a leading UTF-8 byte order mark (Postman and Windows editors write one; QJsonDocument
    /// rejects it); text that starts with a UTF-16 (LE or BE) byte order mark is transcoded to UTF-8 (Windows
    /// PowerShell writes UTF-16 LE). Text without a BOM is returned as it is.
    static QByteArray withoutBom(const QByteArray& data);
    /// The JSON document in `data` (BOM allowed). Errors: ERR_JSON_INVALID with "line L, column C: reason".
    static Result<QJsonDocument> parseJson(const QByteArray& data);
    /// A Postman "description" (a string, or `{"content", "type"}`) or any scalar as text; "" for anything else.
    static QString description(const QJsonValue& value);
    /// A scalar as the text a variable would hold: strings as they are, numbers without a trailing ".0",
    /// booleans as "true"/"false", null and undefined as "". Objects and arrays as compact JSON.
    static QString scalarText(const QJsonValue& value);

    /// True when the thread running the import was asked to stop (QThread::requestInterruption(): the GUI's
    /// Cancel). The importers check it once per item (request, entry, operation, resource, .http block) and return
    /// cancelled() instead of converting the rest, so that a cancelled read of a big file does not keep a core busy.
    /// The parse of the whole document (QJsonDocument, yaml-cpp) before that is not interruptible.
    static bool interrupted();
    /// Makes interrupted() on the calling thread ask `thread` instead of the calling thread itself (nullptr: itself
    /// again). A helper thread that imports part of a file for the reading thread follows that thread's Cancel.
    static void followInterruptionOf(const QThread* thread);
    /// ERR_CANCELLED, what an interrupted import returns.
    static Error cancelled();
};
