// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QList>
#include <QString>

/// A script attached to a request, folder or collection, kept verbatim: a Postman `event[]` entry (`listen`
/// "prerequest" or "test", `script.type`, `script.exec`) or, later, a .http response handler. The runner runs
/// "prerequest" and "test" scripts in net/ScriptSandbox (a documented subset of the APIs).
struct ItemScript
{
    QString event;                                        // "prerequest", "test", ... (Postman `listen`), as written
    QString language = QStringLiteral("text/javascript"); // Postman `script.type`
    QString source;                                       // the lines of `script.exec` joined by '\n', unchanged
    bool enabled = true;                                  // Postman `disabled: true` -> false

    friend bool operator==(const ItemScript&, const ItemScript&) = default;

    /// `[{"event", "language", "source", "enabled"?}]` (`enabled` written only when false).
    static QJsonArray listToJson(const QList<ItemScript>& scripts);
    /// False when `value` is neither undefined nor an array of such objects.
    static bool listFromJson(const QJsonValue& value, QList<ItemScript>& scripts);
};
