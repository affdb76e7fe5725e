// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwks.h"

/// What a pasted or loaded key text turned out to be.
struct ParsedKeyText
{
    enum class Format
    {
        JwkSet,
        Jwk,
        PemKey,
        PemCertificate
    };
    Format format = Format::Jwk;
    Jwks keys; // one key unless format == JwkSet
};

/// Recognises key material by its syntax, never by guessing from content semantics: a JSON object with "keys"
/// is a JWK Set (RFC 7517 §5), another JSON object a JWK (RFC 7517 §4), "-----BEGIN CERTIFICATE-----" an X.509
/// certificate (its public key), any other PEM block a key (SPKI, PKCS#1, PKCS#8, encrypted PKCS#8, SEC1).
/// The CLI's --jwk/--jwks/--pem, the GUI's key box and the Keys workspace all use this one function.
class KeyText
{
public:
    static constexpr qsizetype kMaxSize = 16 * 1024 * 1024;
    static Result<ParsedKeyText> parse(const QByteArray& text, const QByteArray& passphrase = {},
                                       const JwkImportOptions& options = {});
};
