// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/Curve.h"
#include "crypto/HashAlg.h"
#include "crypto/SigScheme.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// One JWS algorithm (RFC 7518 §3.1, RFC 8037 §3.1, RFC 8812 §3.2).
struct AlgorithmInfo
{
    enum class Family
    {
        None,
        Hmac,
        Rsa,
        RsaPss,
        Ecdsa,
        EdDsa
    };
    QString name; // "RS256"
    Family family = Family::None;
    HashAlg hash = HashAlg::Sha256;
    QString kty;                // "oct", "RSA", "EC", "OKP"; empty for none
    std::optional<Curve> curve; // ES256 -> P-256, ES256K -> secp256k1; EdDSA: Ed25519 or Ed448 (unset)
    int signatureSize = 0;      // fixed size in bytes (HMAC, ECDSA, EdDSA); 0 when it depends on the key (RSA)

    bool isNone() const { return family == Family::None; }
    bool isSymmetric() const { return family == Family::Hmac; }
    SigScheme scheme() const; // asserts !isNone() && !isSymmetric()
};

/// The single algorithm table (as panva/jose): every place that needs to know about algorithms asks here.
class AlgorithmTable
{
public:
    static const QList<AlgorithmInfo>& all();
    /// Case-sensitive lookup (RFC 7515 §4.1.1: "alg" values are case-sensitive). "none" is found too.
    static const AlgorithmInfo* find(QStringView name);
    /// All signing algorithm names, never "none".
    static QStringList signingNames();
    /// Algorithms a key of this kty/curve can be used with (curve ignored for RSA/oct).
    static QStringList namesForKey(const QString& kty, std::optional<Curve> curve);
};
