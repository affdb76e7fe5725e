// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/HashAlg.h"

#include <QList>
#include <QString>
#include <QStringList>

/// One JWE key management algorithm (RFC 7518 §4.1; RSA-OAEP-384/512 as panva/jose offers them).
struct JweKeyAlgorithm
{
    enum class Family
    {
        Rsa1_5,   // RSAES-PKCS1-v1_5, decrypt only, off by default (RFC 7516 §11.5)
        RsaOaep,  // RSAES-OAEP
        AesKw,    // AES Key Wrap (RFC 3394)
        AesGcmKw, // AES-GCM key wrap, "iv" and "tag" in the header (RFC 7518 §4.7)
        Direct,   // "dir": the shared key is the CEK
        EcdhEs,   // ECDH-ES direct key agreement: the derived key is the CEK
        EcdhEsKw, // ECDH-ES + AES Key Wrap
        Pbes2,    // PBES2 (PBKDF2 + AES Key Wrap), RFC 7518 §4.8
    };
    QString name;                   // "RSA-OAEP-256"
    Family family = Family::Direct; //
    HashAlg hash = HashAlg::Sha256; // OAEP hash; PBKDF2 HMAC hash
    int kekBytes = 0;               // AES key size of the wrap (AES KW / GCM KW / ECDH-ES+KW / PBES2); 0 otherwise
    QString kty;                    // "RSA", "oct", or "EC" for ECDH (EC or OKP X25519/X448 keys)

    /// An "encrypted_key" is carried (all but dir and ECDH-ES direct, RFC 7518 §4.5, §4.6).
    bool hasEncryptedKey() const { return family != Family::Direct && family != Family::EcdhEs; }
    bool isEcdh() const { return family == Family::EcdhEs || family == Family::EcdhEsKw; }
};

/// One JWE content encryption algorithm (RFC 7518 §5.1).
struct JweContentAlgorithm
{
    enum class Family
    {
        AesCbcHmac, // RFC 7518 §5.2
        AesGcm,     // RFC 7518 §5.3
    };
    QString name; // "A256GCM"
    Family family = Family::AesGcm;
    int keyBytes = 0; // CEK size (CBC-HMAC: MAC key + encryption key)
    int ivBytes = 0;
    int tagBytes = 0;
};

/// The JWE algorithm table, beside AlgorithmTable (JWS): every place that needs to know about JWE algorithms
/// asks here. Lookups are case-sensitive (RFC 7516 §4.1.1, §4.1.2).
class JweAlgorithmTable
{
public:
    static const QList<JweKeyAlgorithm>& keyAlgorithms();
    static const QList<JweContentAlgorithm>& contentAlgorithms();
    static const JweKeyAlgorithm* findKey(QStringView name);
    static const JweContentAlgorithm* findContent(QStringView name);
    /// The same for a name as Latin-1 bytes (a header value read without making a QString).
    static const JweKeyAlgorithm* findKey(QLatin1StringView name);
    static const JweContentAlgorithm* findContent(QLatin1StringView name);
    static QStringList keyNames();
    static QStringList contentNames();
    /// The symmetric key size an oct JWK with this "alg" must have: the KEK size for AES KW / GCM KW, the CEK
    /// size for a content algorithm named as "alg" (RFC 7520 §5.6 "dir" keys carry "alg": "A128GCM"), 0 when
    /// any length works (PBES2 passwords) and -1 when `alg` is not a JWE algorithm.
    static int octKeyBytesFor(QStringView alg);
};
