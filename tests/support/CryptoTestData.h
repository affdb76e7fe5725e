// SPDX-License-Identifier: MIT
#pragma once

// Test-only helpers for reading tests/data/crypto (see tests/data/README.md for provenance).

#include "core/Base64Url.h"
#include "crypto/AsymmetricKey.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace testdata {

inline QByteArray read(const char* name)
{
    QFile file(QString(QStringLiteral(TOKENSCOPE_TEST_DATA "/crypto/") + QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline QByteArray b64u(const QString& text)
{
    const auto decoded = Base64Url::decode(text.toLatin1());
    return decoded.ok() ? decoded.value() : QByteArray();
}

/// The DER inside a one-block PEM text.
inline QByteArray pemBody(const QByteArray& pem)
{
    QByteArray body;
    for (const QByteArray& line : pem.split('\n')) {
        if (!line.startsWith("-----"))
            body.append(line.trimmed());
    }
    const auto der = Base64Url::decodeStandard(body);
    return der.ok() ? der.value() : QByteArray();
}

/// The entries of rfc-signature-vectors.json (RFC 7515 A, RFC 7520 §4, RFC 8037 A).
inline QJsonArray signatureVectors()
{
    return QJsonDocument::fromJson(read("rfc-signature-vectors.json"))
        .object()
        .value(QLatin1String("vectors"))
        .toArray();
}

inline QJsonObject signatureVector(const QString& id)
{
    for (const QJsonValue& v : signatureVectors()) {
        if (v.toObject().value(QLatin1String("id")).toString() == id)
            return v.toObject();
    }
    return {};
}

inline RsaComponents rsaFromJwk(const QJsonObject& jwk)
{
    RsaComponents c;
    auto get = [&jwk](const char* name) { return b64u(jwk.value(QLatin1String(name)).toString()); };
    c.n = get("n");
    c.e = get("e");
    c.d = get("d");
    c.p = get("p");
    c.q = get("q");
    c.dp = get("dp");
    c.dq = get("dq");
    c.qi = get("qi");
    return c;
}

inline CurveComponents curveFromJwk(const QJsonObject& jwk)
{
    CurveComponents c;
    c.curve = curveFromName(jwk.value(QLatin1String("crv")).toString()).value_or(Curve::P256);
    c.x = b64u(jwk.value(QLatin1String("x")).toString());
    c.y = b64u(jwk.value(QLatin1String("y")).toString());
    c.d = b64u(jwk.value(QLatin1String("d")).toString());
    return c;
}

inline RsaComponents publicPart(const RsaComponents& c)
{
    RsaComponents out;
    out.n = c.n;
    out.e = c.e;
    return out;
}

} // namespace testdata
