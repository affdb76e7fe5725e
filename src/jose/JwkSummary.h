// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwk.h"

#include <QDateTime>
#include <QJsonObject>

/// One key as a viewer lists it (Keys workspace table, `jwks show`): metadata, size or curve, the RFC 7638
/// thumbprint and, when the key has an x5c chain, the leaf certificate's subject and validity. The
/// certificate is parsed, not path-validated.
struct JwkSummary
{
    QString kid;
    QString kty;
    QString alg;
    QString use;
    QStringList keyOps;
    QString size;       // "2048 bits", "P-256", "Ed25519"
    QString thumbprint; // RFC 7638 §3, SHA-256, base64url
    bool isPrivate = false;
    bool hasCertificate = false;
    QString certSubject;
    QString certIssuer;
    QDateTime certNotBefore;
    QDateTime certNotAfter;

    static JwkSummary of(const Jwk& key);
    /// "2048 bits" or the curve name.
    static QString sizeText(const Jwk& key);
    /// kid, kty, alg, use, size, thumbprint, private, key_ops and, with a certificate, x5c{subject, issuer,
    /// notBefore, notAfter}.
    QJsonObject toJson() const;
};
