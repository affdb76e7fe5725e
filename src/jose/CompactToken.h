// SPDX-License-Identifier: MIT
#pragma once

#include "core/JsonText.h"
#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

/// One dot-separated part of a compact serialisation.
struct TokenSegment
{
    QByteArray text;      // the base64url text exactly as received
    qsizetype offset = 0; // of text in the (normalised) token
    QByteArray decoded;   // empty when decoding failed
    bool decodedOk = false;
};

/// Where parsing failed, for the GUI to point at.
struct TokenDiagnostic
{
    int segment = -1;      // 0 header, 1 payload, 2 signature (JWE: 0..4)
    qsizetype offset = -1; // absolute offset in the normalised token, -1 when not positional
};

/// A compact JWS (RFC 7515 §7.1), an unsecured JWT (RFC 7519 §6) or a JWE (RFC 7516 §7.1, header only),
/// decoded but NOT verified: nothing here says the content is authentic.
///
/// parse() never throws away what it could decode: a token with a bad signature segment still shows its
/// header and payload. `error` holds the first structural problem (ERR_JWS_INVALID / ERR_JWE_INVALID /
/// ERR_INPUT_TOO_LARGE) with `diagnostic` pointing at it.
class CompactToken
{
public:
    enum class Kind
    {
        Invalid,
        Jws,
        Unsecured,
        Jwe
    };
    static constexpr qsizetype kMaxLength = 1024 * 1024;

    /// Trims surrounding whitespace and a leading "Bearer " (case-insensitive) and says so in notes.
    static QByteArray normalise(QByteArrayView input, QStringList* notes = nullptr);
    /// Parses an already normalised token.
    static CompactToken parse(QByteArrayView token);

    Kind kind = Kind::Invalid;
    QList<TokenSegment> segments;
    std::optional<Error> error;
    TokenDiagnostic diagnostic;

    QByteArray headerText; // decoded protected header bytes, exactly as signed
    QJsonObject header;    // valid only when headerOk
    bool headerOk = false;
    QStringList headerDuplicates; // duplicate member names in the header
    QByteArray payload;           // decoded payload bytes (raw payload when b64 is false)
    bool b64 = true;              // RFC 7797 §3
    QByteArray signature;

    bool isStructurallyValid() const { return !error.has_value(); }
    QString alg() const;
    QString kid() const;
    bool hasKid() const;
    QString typ() const;
    /// ASCII(BASE64URL(header)) || '.' || payload segment, exactly as received (RFC 7515 §5.2 step 8).
    QByteArray signingInput() const;
    /// The payload as a JSON object, when it is one; error otherwise (ERR_JWT_INVALID).
    Result<QJsonObject> payloadObject() const;
};
