// SPDX-License-Identifier: MIT
#include "jose/JwkSummary.h"

#include "crypto/Certificate.h"

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
