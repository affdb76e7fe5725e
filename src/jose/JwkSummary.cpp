// SPDX-License-Identifier: MIT
#include "jose/JwkSummary.h"

#include "crypto/Certificate.h"
#include "jose/AlgorithmTable.h"
#include "jose/JweAlgorithmTable.h"

#include <QJsonArray>

JwkSummary JwkSummary::of(const Jwk& key)
{
    JwkSummary s;
    s.kid = key.kid();
    s.kty = key.ktyName();
    s.alg = key.alg();
    s.use = key.use();
    s.keyOps = key.keyOps();
    s.size = sizeText(key);
    s.thumbprint = key.thumbprint();
    s.isPrivate = key.isPrivate();
    s.purpose = purposeOf(key, &s.purposeReason);
    if (!key.x5c().isEmpty()) {
        if (auto cert = Certificate::fromDer(key.x5c().first())) {
            s.hasCertificate = true;
            s.certSubject = cert->subject();
            s.certIssuer = cert->issuer();
            s.certNotBefore = cert->notBefore();
            s.certNotAfter = cert->notAfter();
        }
    }
    return s;
}

QString JwkSummary::sizeText(const Jwk& key)
{
    return key.curve() ? curveName(*key.curve()) : QStringLiteral("%1 bits").arg(key.bits());
}

JwkSummary::Purpose JwkSummary::purposeOf(const Jwk& key, QString* reason)
{
    bool signature = false;
    bool encryption = false;
    QStringList why;
    // RFC 7517 §4.2: "sig" or "enc".
    if (key.use() == QLatin1String("sig") || key.use() == QLatin1String("enc")) {
        (key.use() == QLatin1String("enc") ? encryption : signature) = true;
        why << QStringLiteral("use: %1").arg(key.use());
    }
    // RFC 7517 §4.3: the operations name the purpose; deriveKey/deriveBits are ECDH-ES (key agreement).
    static const QStringList encryptionOps{QStringLiteral("encrypt"),   QStringLiteral("decrypt"),
                                           QStringLiteral("wrapKey"),   QStringLiteral("unwrapKey"),
                                           QStringLiteral("deriveKey"), QStringLiteral("deriveBits")};
    static const QStringList signatureOps{QStringLiteral("sign"), QStringLiteral("verify")};
    QStringList ops;
    for (const QString& op : key.keyOps()) {
        if (encryptionOps.contains(op)) {
            encryption = true;
            ops << op;
        } else if (signatureOps.contains(op)) {
            signature = true;
            ops << op;
        }
    }
    if (!ops.isEmpty()) {
        why << QStringLiteral("key_ops: %1").arg(ops.join(QStringLiteral(", ")));
    }
    // "alg" names a JWS or a JWE algorithm (an oct "dir" key may carry the content algorithm, RFC 7520 §5.6).
    if (!key.alg().isEmpty()) {
        if (JweAlgorithmTable::findKey(key.alg()) || JweAlgorithmTable::findContent(key.alg())) {
            encryption = true;
            why << QStringLiteral("alg: %1 (JWE)").arg(key.alg());
        } else if (AlgorithmTable::find(key.alg())) {
            signature = true;
            why << QStringLiteral("alg: %1 (JWS)").arg(key.alg());
        }
    }
    if (!signature && !encryption && key.curve() && curveIsKeyAgreementOnly(*key.curve())) {
        encryption = true;
        why << QStringLiteral("crv: %1 (key agreement only)").arg(curveName(*key.curve()));
    }
    if (reason) {
        *reason = why.join(QStringLiteral("; "));
    }
    return signature && encryption ? Purpose::Both
           : encryption            ? Purpose::Encryption
           : signature             ? Purpose::Signature
                                   : Purpose::Unspecified;
}

QJsonObject JwkSummary::toJson() const
{
    QJsonObject o{
        {QStringLiteral("kid"), kid},           {QStringLiteral("kty"), kty},
        {QStringLiteral("alg"), alg},           {QStringLiteral("use"), use},
        {QStringLiteral("size"), size},         {QStringLiteral("thumbprint"), thumbprint},
        {QStringLiteral("private"), isPrivate}, {QStringLiteral("key_ops"), QJsonArray::fromStringList(keyOps)}};
    if (hasCertificate) {
        o.insert(QStringLiteral("x5c"), QJsonObject{{QStringLiteral("subject"), certSubject},
                                                    {QStringLiteral("issuer"), certIssuer},
                                                    {QStringLiteral("notBefore"), certNotBefore.toString(Qt::ISODate)},
                                                    {QStringLiteral("notAfter"), certNotAfter.toString(Qt::ISODate)}});
    }
    return o;
}
