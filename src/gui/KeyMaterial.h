// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/Jwk.h"
#include "jose/Jwks.h"

#include <QByteArray>

/// Turns what the user pasted into keys: secrets through Jwk::fromSecret (UTF-8 or base64url), everything else
/// through the engine's KeyText::parse. No parsing of its own.
class KeyMaterial
{
public:
    enum class Kind
    {
        Secret, // HMAC secret
        Pem,    // PEM public/private key or certificate
        Jwk,    // one JSON Web Key
        Jwks,   // a JSON Web Key Set
    };
    enum class SecretEncoding
    {
        Utf8,
        Base64Url,
    };
    /// What a JWE key box holds (the Decrypt page and the Encoder's JWE mode).
    enum class JweKeyKind
    {
        Key,          // a JWK, a JWK Set or PEM (public or private)
        SymmetricKey, // base64url: AES KW / AES GCM KW key or the "dir" CEK
        Password,     // PBES2, the UTF-8 bytes as typed
    };

    /// A key set for verification. Private keys are reduced to their public half.
    static Result<Jwks> verificationKeys(Kind kind, const QByteArray& text, SecretEncoding encoding);
    /// One key for signing (secret, private PEM or private JWK).
    static Result<Jwk> signingKey(Kind kind, const QByteArray& text, SecretEncoding encoding);
    /// Keys for JWE. RSA >= 2048 and the JWE key sizes are checked by JweDecrypter / JweEncrypter for the chosen
    /// algorithm, so the JWS import minimums do not apply here. `single` = the text was one key, not a set.
    static Result<Jwks> jweKeys(JweKeyKind kind, const QByteArray& text, bool* single = nullptr);
    /// The one key to encrypt to (public or private; JweEncrypter uses the public half).
    static Result<Jwk> jweEncryptionKey(JweKeyKind kind, const QByteArray& text);
    /// A best guess from the text's first characters (PEM armour, JSON with "keys", JSON, anything else).
    static Kind guessKind(const QByteArray& text);
    /// "RSA 2048 bit, kid=abc, alg=RS256"
    static QString describe(const Jwk& key);
};
