// SPDX-License-Identifier: MIT
#include "jose/AlgorithmTable.h"

SigScheme AlgorithmInfo::scheme() const
{
    Q_ASSERT(!isNone() && !isSymmetric());
    SigScheme s;
    s.hash = hash;
    switch (family) {
    case Family::Rsa:
        s.kind = SigScheme::Kind::RsaPkcs1;
        break;
    case Family::RsaPss:
        s.kind = SigScheme::Kind::RsaPss;
        break;
    case Family::Ecdsa:
        s.kind = SigScheme::Kind::Ecdsa;
        break;
    case Family::EdDsa:
        s.kind = SigScheme::Kind::EdDsa;
        break;
    case Family::None:
    case Family::Hmac:
        break;
    }
    return s;
}

namespace {
using F = AlgorithmInfo::Family;
QList<AlgorithmInfo> makeTable()
{
    const QString oct = QStringLiteral("oct");
    const QString rsa = QStringLiteral("RSA");
    const QString ec = QStringLiteral("EC");
    const QString okp = QStringLiteral("OKP");
    return {
        // RFC 7518 §3.2: HMAC with SHA-2; the MAC is the full hash output.
        {QStringLiteral("HS256"), F::Hmac, HashAlg::Sha256, oct, std::nullopt, 32},
        {QStringLiteral("HS384"), F::Hmac, HashAlg::Sha384, oct, std::nullopt, 48},
        {QStringLiteral("HS512"), F::Hmac, HashAlg::Sha512, oct, std::nullopt, 64},
        // RFC 7518 §3.3: RSASSA-PKCS1-v1_5.
        {QStringLiteral("RS256"), F::Rsa, HashAlg::Sha256, rsa, std::nullopt, 0},
        {QStringLiteral("RS384"), F::Rsa, HashAlg::Sha384, rsa, std::nullopt, 0},
        {QStringLiteral("RS512"), F::Rsa, HashAlg::Sha512, rsa, std::nullopt, 0},
        // RFC 7518 §3.5: RSASSA-PSS, MGF1 with the same hash, salt = hash length.
        {QStringLiteral("PS256"), F::RsaPss, HashAlg::Sha256, rsa, std::nullopt, 0},
        {QStringLiteral("PS384"), F::RsaPss, HashAlg::Sha384, rsa, std::nullopt, 0},
        {QStringLiteral("PS512"), F::RsaPss, HashAlg::Sha512, rsa, std::nullopt, 0},
        // RFC 7518 §3.4: ECDSA, signature R||S of 2x the coordinate size.
        {QStringLiteral("ES256"), F::Ecdsa, HashAlg::Sha256, ec, Curve::P256, 64},
        {QStringLiteral("ES384"), F::Ecdsa, HashAlg::Sha384, ec, Curve::P384, 96},
        {QStringLiteral("ES512"), F::Ecdsa, HashAlg::Sha512, ec, Curve::P521, 132},
        // RFC 8812 §3.2.
        {QStringLiteral("ES256K"), F::Ecdsa, HashAlg::Sha256, ec, Curve::Secp256k1, 64},
        // RFC 8037 §3.1: the curve comes from the key (Ed25519: 64-byte, Ed448: 114-byte signatures).
        {QStringLiteral("EdDSA"), F::EdDsa, HashAlg::Sha512, okp, std::nullopt, 0},
        // RFC 7518 §3.6: listed so it can be recognised and refused, never accepted.
        {QStringLiteral("none"), F::None, HashAlg::Sha256, QString(), std::nullopt, 0},
    };
}
} // namespace

const QList<AlgorithmInfo>& AlgorithmTable::all()
{
    static const QList<AlgorithmInfo> table = makeTable();
    return table;
}

const AlgorithmInfo* AlgorithmTable::find(QStringView name)
{
    for (const auto& a : all()) {
        if (a.name == name) {
            return &a;
        }
    }
    return nullptr;
}

QStringList AlgorithmTable::signingNames()
{
    QStringList names;
    for (const auto& a : all()) {
        if (!a.isNone()) {
            names.append(a.name);
        }
    }
    return names;
}

QStringList AlgorithmTable::namesForKey(const QString& kty, std::optional<Curve> curve)
{
    QStringList names;
    for (const auto& a : all()) {
        if (a.isNone() || a.kty != kty) {
            continue;
        }
        if (a.family == F::Ecdsa && a.curve != curve) {
            continue;
        }
        if (a.family == F::EdDsa && curve && (!curveIsOkp(*curve) || curveIsKeyAgreementOnly(*curve))) {
            continue;
        }
        names.append(a.name);
    }
    return names;
}
