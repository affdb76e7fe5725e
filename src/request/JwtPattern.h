// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

/// Finds JWTs in free text: compact JWS (3 segments, RFC 7515 §7.1) and JWE (5 segments, RFC 7516 §7.1) whose
/// first segment is base64url JSON starting with '{' (so "eyJ"). The header must decode to a JSON object with
/// "alg", which keeps version strings and hashes from matching.
class JwtPattern
{
public:
    struct Match
    {
        qsizetype offset = 0;
        qsizetype length = 0;
    };

    static QList<Match> findAll(QByteArrayView text);
    /// True when the whole (trimmed) text is one token.
    static bool isJwt(QByteArrayView text);
    /// Every token replaced by `replacement`.
    static QByteArray scrub(QByteArrayView text, QByteArrayView replacement = "<JWT>");
    static QString scrubText(const QString& text, const QString& replacement = QStringLiteral("<JWT>"));
};
