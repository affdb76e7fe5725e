// SPDX-License-Identifier: MIT
#include "crypto/Curve.h"

QString curveName(Curve curve)
{
    switch (curve) {
    case Curve::P256:
        return QStringLiteral("P-256");
    case Curve::P384:
        return QStringLiteral("P-384");
    case Curve::P521:
        return QStringLiteral("P-521");
    case Curve::Secp256k1:
        return QStringLiteral("secp256k1");
    case Curve::Ed25519:
        return QStringLiteral("Ed25519");
    case Curve::Ed448:
        return QStringLiteral("Ed448");
    case Curve::X25519:
        return QStringLiteral("X25519");
    case Curve::X448:
        return QStringLiteral("X448");
    }
    return {};
}

std::optional<Curve> curveFromName(const QString& name)
{
    // JOSE names are case-sensitive (RFC 7518 §6.2.1.1, RFC 8037 §2, RFC 8812 §3.1).
    for (Curve c : {Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1, Curve::Ed25519, Curve::Ed448,
                    Curve::X25519, Curve::X448}) {
        if (name == curveName(c))
            return c;
    }
    return std::nullopt;
}

int curveCoordinateSize(Curve curve)
{
    switch (curve) {
    case Curve::P256:
    case Curve::Secp256k1:
    case Curve::Ed25519:
    case Curve::X25519:
        return 32;
    case Curve::P384:
        return 48;
    case Curve::P521:
        return 66; // ceil(521 / 8), RFC 7518 §6.2.1.2
    case Curve::Ed448:
        return 57; // RFC 8032 §5.2.2
    case Curve::X448:
        return 56; // RFC 7748 §5
    }
    return 0;
}

bool curveIsOkp(Curve curve)
{
    return curve == Curve::Ed25519 || curve == Curve::Ed448 || curveIsKeyAgreementOnly(curve);
}

bool curveIsKeyAgreementOnly(Curve curve)
{
    return curve == Curve::X25519 || curve == Curve::X448;
}
