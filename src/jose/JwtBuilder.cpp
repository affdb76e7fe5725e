// SPDX-License-Identifier: MIT
#include "jose/JwtBuilder.h"

#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "crypto/Hmac.h"
#include "crypto/Signer.h"

Result<QByteArray> JwtBuilder::signCompact(const QByteArray& headerJson, const QByteArray& payload, const Jwk& key,
                                           bool detached)
{
    auto header = JsonText::parseObject(headerJson);
    if (!header) {
        return Error(ErrorCode::JsonInvalid, QStringLiteral("header: %1").arg(header.error().message));
    }
    const QString algName = header->value(QLatin1String("alg")).toString();
    const AlgorithmInfo* alg = AlgorithmTable::find(algName);
    if (!alg || alg->isNone()) {
        return Error(ErrorCode::AlgNotAllowed, algName.isEmpty()
                                                   ? QStringLiteral("the header needs an \"alg\"")
                                                   : QStringLiteral("cannot sign with \"%1\"").arg(algName));
    }
    if (auto fits = key.checkUsableFor(*alg, true); !fits) {
        return fits.error();
    }
    // RFC 7797 §3: with "b64": false the payload is used as is (and must not contain '.').
    const bool b64 = header->value(QLatin1String("b64")).toBool(true);
    if (!b64 && !detached && payload.contains('.')) {
        return Error(ErrorCode::JwsInvalid,
                     QStringLiteral("an unencoded payload must not contain '.' in compact form"));
    }
    const QByteArray input =
        QByteArray(Base64Url::encode(headerJson) + '.' + (b64 ? Base64Url::encode(payload) : payload));
    QByteArray signature;
    if (alg->isSymmetric()) {
        signature = Hmac::compute(alg->hash, key.secret(), input);
    } else {
        auto sig = Signer::sign(key.asymmetricKey(), alg->scheme(), input);
        if (!sig) {
            return sig.error();
        }
        signature = sig.value();
    }
    if (detached) {
        return QByteArray(Base64Url::encode(headerJson) + ".." + Base64Url::encode(signature));
    }
    return QByteArray(input + '.' + Base64Url::encode(signature));
}

Result<QByteArray> JwtBuilder::sign(const QString& alg, const QJsonObject& claims, const Jwk& key,
                                    const QJsonObject& extraHeader)
{
    QJsonObject header = extraHeader;
    header.insert(QStringLiteral("alg"), alg);
    if (!header.contains(QLatin1String("typ"))) {
        header.insert(QStringLiteral("typ"), QStringLiteral("JWT"));
    }
    if (!key.kid().isEmpty() && !header.contains(QLatin1String("kid"))) {
        header.insert(QStringLiteral("kid"), key.kid());
    }
    return signCompact(JsonText::compact(header), JsonText::compact(claims), key);
}
