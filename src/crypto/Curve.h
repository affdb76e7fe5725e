// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

/// Curves of EC (RFC 7518 §6.2.1.1, RFC 8812 §3.1) and OKP (RFC 8037 §2) keys. X25519/X448 are key-agreement
/// curves (ECDH-ES only, RFC 8037 §3.2), never used for signatures.
enum class Curve
{
    P256,
    P384,
    P521,
    Secp256k1,
    Ed25519,
    Ed448,
    X25519, // appended: RFC 8037 §3.2 ECDH-ES
    X448,
};

/// JOSE name: "P-256", "P-384", "P-521", "secp256k1", "Ed25519", "Ed448", "X25519", "X448".
QString curveName(Curve curve);
std::optional<Curve> curveFromName(const QString& name);
/// Coordinate (or, for OKP, public key) size in bytes: 32, 48, 66, 32, 32, 57, 32, 56.
int curveCoordinateSize(Curve curve);
bool curveIsOkp(Curve curve);
/// X25519 and X448: OKP curves for key agreement only (RFC 8037 §3.2).
bool curveIsKeyAgreementOnly(Curve curve);
