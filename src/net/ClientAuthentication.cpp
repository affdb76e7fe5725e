// SPDX-License-Identifier: MIT
#include "net/ClientAuthentication.h"

#include "core/Base64Url.h"
#include "crypto/SecureRandom.h"
#include "jose/JwtBuilder.h"
#include "jose/KeyText.h"

#include <QUrl>

namespace {

/// application/x-www-form-urlencoded serialisation of one value (WHATWG URL §5.2: space as '+'), as RFC 6749
/// §2.3.1 requires for the client id and secret before they go into the Basic credentials.
QString formEncodeCredential(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value, "*-._ ").replace(' ', '+'));
}

} // namespace

Result<QByteArray> ClientAuthentication::assertion(const QString& endpoint, qint64 nowSeconds) const
{
    Jwk key;
    QString alg = assertionAlg;
    if (method == AuthProfile::ClientAuth::ClientSecretJwt) {
        if (clientSecret.isEmpty())
            return Error(ErrorCode::Usage, QStringLiteral("client_secret_jwt needs the client secret"));
        key = Jwk::fromSecret(clientSecret.toUtf8());
        if (alg.isEmpty())
            alg = QStringLiteral("HS256");
    } else {
        if (privateKey.isEmpty())
            return Error(ErrorCode::Usage, QStringLiteral("private_key_jwt needs the client's private key"));
        auto parsed = KeyText::parse(privateKey, keyPassphrase);
        if (!parsed)
            return Error(parsed.error().code,
                         QStringLiteral("the client's private key: %1").arg(parsed.error().message));
        if (parsed->keys.keys().isEmpty())
            return Error(ErrorCode::JwkInvalid, QStringLiteral("the client's private key text holds no key"));
        key = parsed->keys.keys().constFirst();
        if (alg.isEmpty()) {
            const QStringList usable = key.usableAlgorithms();
            if (usable.isEmpty())
                return Error(ErrorCode::KeyAlgMismatch,
                             QStringLiteral("the client's private key fits no signing algorithm"));
            alg = usable.constFirst();
        }
    }
    auto jti = SecureRandom::bytes(16);
    if (!jti)
        return jti.error();
    // RFC 7523 §3: iss and sub are the client id, aud identifies the authorization server (the endpoint URL is
    // what OpenID Connect Core §9 asks for), exp limits the assertion's life, jti makes it single-use.
    QJsonObject claims;
    claims.insert(QStringLiteral("iss"), clientId);
    claims.insert(QStringLiteral("sub"), clientId);
    claims.insert(QStringLiteral("aud"), assertionAudience.isEmpty() ? endpoint : assertionAudience);
    claims.insert(QStringLiteral("jti"), QString::fromLatin1(Base64Url::encode(jti.value())));
    claims.insert(QStringLiteral("iat"), nowSeconds);
    claims.insert(QStringLiteral("exp"), nowSeconds + kAssertionLifetimeSeconds);
    return JwtBuilder::sign(alg, claims, key);
}

Result<void> ClientAuthentication::apply(HttpRequestSpec& spec, const QString& endpoint, qint64 nowSeconds) const
{
    if (clientId.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("the client id is empty"));
    switch (method) {
    case AuthProfile::ClientAuth::Basic:
        spec.auth.kind = HttpRequestSpec::AuthKind::Basic;
        spec.auth.username = formEncodeCredential(clientId);
        spec.auth.password = formEncodeCredential(clientSecret);
        break;
    case AuthProfile::ClientAuth::Post:
        spec.formRows.append({QStringLiteral("client_id"), clientId, true});
        spec.formRows.append({QStringLiteral("client_secret"), clientSecret, true});
        break;
    case AuthProfile::ClientAuth::ClientSecretJwt:
    case AuthProfile::ClientAuth::PrivateKeyJwt: {
        auto jwt = assertion(endpoint, nowSeconds);
        if (!jwt)
            return jwt.error();
        // RFC 7523 §2.2; client_id too, which RFC 7521 §4.2 allows and some servers need to find the client.
        spec.formRows.append({QStringLiteral("client_id"), clientId, true});
        spec.formRows.append({QStringLiteral("client_assertion_type"), QString::fromLatin1(kAssertionType), true});
        spec.formRows.append({QStringLiteral("client_assertion"), QString::fromLatin1(jwt.value()), true});
        break;
    }
    case AuthProfile::ClientAuth::None:
        spec.auth.kind = HttpRequestSpec::AuthKind::None;
        spec.formRows.append({QStringLiteral("client_id"), clientId, true});
        break;
    }
    return Result<void>::success();
}
