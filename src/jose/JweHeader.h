// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

#include <utility>

/// The JOSE Header of a decryption (DecryptionResult::header): a QJsonObject, or a compact token's protected header
/// kept as its JSON text and turned into an object only when someone reads it. The batch `decrypt -` never reads it,
/// and Qt's parse of the header was ~12,000 instructions a token (docs/PERFORMANCE.md, "JWE round 7").
class JweHeader
{
public:
    JweHeader() = default;
    /// A header given as an object (implicit, so a QJsonObject can be assigned where a header is expected).
    JweHeader(QJsonObject object) // NOLINT(google-explicit-constructor)
        : m_object(std::move(object))
    {
    }
    /// `json`: a protected header that the strict scan accepted as an object without duplicate names
    /// (JweToken::protectedHeaderDeferred); object() parses it.
    static JweHeader deferred(QByteArray json);

    QJsonObject object() const;
    QJsonValue value(QLatin1String name) const { return object().value(name); }
    QJsonValue value(const QString& name) const { return object().value(name); }
    bool isEmpty() const { return object().isEmpty(); }
    bool operator==(const JweHeader& other) const { return object() == other.object(); }
    bool operator!=(const JweHeader& other) const { return !(*this == other); }

private:
    QJsonObject m_object;
    QByteArray m_json; // non-empty: deferred, m_object unused
};
