// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/Jwk.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

/// One recipient of a JSON (general) serialisation.
struct JweRecipientSpec
{
    Jwk key;            // public key, symmetric key or (PBES2) password as an oct key
    QString alg;        // key management algorithm
    QJsonObject header; // extra per-recipient unprotected members (kid is added from the key)
};

/// What to produce.
struct EncryptOptions
{
    enum class Output
    {
        Compact,
        JsonFlattened,
        JsonGeneral,
    };
    QString alg;
    QString enc;
    bool zip = false;              // "zip": "DEF" (RFC 7516 §4.1.3), in the protected header
    QString cty;                   // "JWT" for a nested token (RFC 7519 §5.2)
    QJsonObject extraProtected;    // more protected members (typ, crit...)
    QJsonObject sharedUnprotected; // JSON only
    QByteArray aad;                // JSON only: "aad" (RFC 7516 §7.2.1)
    Output output = Output::Compact;
    int pbes2Count = 2048; // p2c (jose's default)
    QByteArray pbes2Salt;  // p2s input; empty = 16 random bytes
    QByteArray apu, apv;   // ECDH-ES PartyUInfo / PartyVInfo
};

/// JWE encryption with the same algorithm table as JweDecrypter: a random CEK and IV from OpenSSL's DRBG, every
/// key management and content algorithm except RSA1_5 (decrypt only). Errors: ERR_JOSE_ALG_NOT_ALLOWED (unknown or
/// RSA1_5), ERR_KEY_ALG_MISMATCH (key does not fit), ERR_JOSE_NOT_SUPPORTED (dir / ECDH-ES with several recipients).
class JweEncrypter
{
public:
    /// Compact or flattened JSON (options.output), one recipient with options.alg.
    static Result<QByteArray> encrypt(const Jwk& key, QByteArrayView plaintext, const EncryptOptions& options);
    /// General JSON serialisation: "enc" (and zip/cty) protected, each recipient's alg and parameters in its
    /// unprotected header.
    static Result<QByteArray> encryptGeneral(const QList<JweRecipientSpec>& recipients, QByteArrayView plaintext,
                                             const EncryptOptions& options);
};
