// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

/// An RFC 7662 §2.2 introspection answer in words, the same for the GUI's tokens panel and
/// `tokenscope-cli oauth introspect` (which prints them beside the JSON): active or not, when it expires, what the
/// server says the token is for (scope, client, subject, audience, ...) and, for a DPoP-bound token, the key it is
/// bound to (RFC 9449 §6.2). Values come from the server: control characters are escaped (DisplayText).
class IntrospectionWords
{
    Q_DECLARE_TR_FUNCTIONS(IntrospectionWords)

public:
    /// One line per fact, the verdict first ("✓ Active, says <endpoint>." or "✗ Not active: ..."). `nowSeconds` for
    /// the time left until `exp`.
    static QStringList describe(const QJsonObject& answer, const QString& endpoint, qint64 nowSeconds);
};
