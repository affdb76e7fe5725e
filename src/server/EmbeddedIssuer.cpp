// SPDX-License-Identifier: MIT
#include "server/EmbeddedIssuer.h"

#include "core/Base64Url.h"
#include "core/SystemClock.h"
#include "crypto/SecureRandom.h"
#include "jose/JwtBuilder.h"
#include "storage/AtomicFile.h"
#include "storage/DataDirectory.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

Result<QByteArray> readPrivateFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::Io, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    }
    // Tighten a key file someone made readable by others.
    if ((file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) != 0) {
        file.setPermissions(kOwnerOnly);
    }
    return file.readAll();
}

} // namespace

QString EmbeddedIssuer::defaultDirectory()
{
    return DataDirectory::issuerDirectory();
}

QString EmbeddedIssuer::keyPath() const
{
    return QDir(m_directory).filePath(QLatin1String(kKeyFileName));
}

QString EmbeddedIssuer::secretPath() const
{
    return QDir(m_directory).filePath(QLatin1String(kSecretFileName));
}

Result<EmbeddedIssuer> EmbeddedIssuer::openOrCreate(const QString& directory, const QString& clientId,
                                                    const QByteArray& clientSecret)
{
    EmbeddedIssuer issuer;
    issuer.m_directory = directory.isEmpty() ? defaultDirectory() : directory;
    issuer.m_clientId = clientId.isEmpty() ? QLatin1String(kDefaultClientId) : clientId;
    QDir dir(issuer.m_directory);
    if (!dir.exists() && !QDir().mkpath(issuer.m_directory)) {
        return Error(ErrorCode::Io, QStringLiteral("Cannot create directory %1").arg(issuer.m_directory));
    }
    QFile(issuer.m_directory).setPermissions(kOwnerOnly | QFileDevice::ExeOwner);

    const QString keyFile = issuer.keyPath();
    if (!QFile::exists(keyFile)) {
        const auto generated = AsymmetricKey::generateRsa(2048);
        if (!generated) {
            return generated.error();
        }
        const auto pem = generated->toPem(PemFormat::Pkcs8);
        if (!pem) {
            return pem.error();
        }
        // createNew: two servers starting at once must not overwrite each other's key, and the loser must not read
        // a half-written one.
        const auto written = AtomicFile::createNew(keyFile, pem.value(), AtomicFile::Mode::Private);
        if (!written && !QFile::exists(keyFile)) {
            return written.error();
        }
    }
    const auto pem = readPrivateFile(keyFile);
    if (!pem) {
        return pem.error();
    }
    const auto key = AsymmetricKey::fromPem(pem.value());
    if (!key) {
        return Error(ErrorCode::PemInvalid, QStringLiteral("%1: %2").arg(keyFile, key.error().message));
    }
    if (key->type() != AsymmetricKey::Type::Rsa || !key->isPrivate() || key->bits() < 2048) {
        return Error(ErrorCode::KeyTooWeak,
                     QStringLiteral("%1 is not an RSA private key of at least 2048 bits").arg(keyFile));
    }
    Jwk jwk = Jwk::fromKey(key.value());
    issuer.m_key = jwk.withKid(jwk.thumbprint()).withAlg(QStringLiteral("RS256")).withUse(QStringLiteral("sig"));

    if (!clientSecret.isEmpty()) {
        issuer.m_clientSecret = clientSecret;
    } else {
        const QString secretFile = issuer.secretPath();
        if (!QFile::exists(secretFile)) {
            const auto random = SecureRandom::bytes(24);
            if (!random) {
                return random.error();
            }
            const auto written =
                AtomicFile::createNew(secretFile, Base64Url::encode(random.value()) + '\n', AtomicFile::Mode::Private);
            if (!written && !QFile::exists(secretFile)) {
                return written.error();
            }
        }
        const auto secret = readPrivateFile(secretFile);
        if (!secret) {
            return secret.error();
        }
        issuer.m_clientSecret = secret->trimmed();
        if (issuer.m_clientSecret.isEmpty()) {
            return Error(ErrorCode::Io, QStringLiteral("%1 is empty").arg(secretFile));
        }
    }
    return issuer;
}

Jwks EmbeddedIssuer::publicJwks() const
{
    return Jwks({m_key.publicJwk()});
}

QJsonObject EmbeddedIssuer::jwksDocument() const
{
    return publicJwks().toJson(false);
}

QJsonObject EmbeddedIssuer::openIdConfiguration() const
{
    QString base = m_issuer;
    if (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    return QJsonObject{
        {QStringLiteral("issuer"), m_issuer},
        {QStringLiteral("jwks_uri"), QString(base + QStringLiteral("/.well-known/jwks.json"))},
        {QStringLiteral("token_endpoint"), QString(base + QStringLiteral("/oauth/token"))},
        {QStringLiteral("grant_types_supported"), QJsonArray{QStringLiteral("client_credentials")}},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         QJsonArray{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post")}},
        {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("token")}},
        {QStringLiteral("subject_types_supported"), QJsonArray{QStringLiteral("public")}},
        {QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray{QStringLiteral("RS256")}},
        {QStringLiteral("token_endpoint_auth_signing_alg_values_supported"), QJsonArray{QStringLiteral("RS256")}},
    };
}

Result<QByteArray> EmbeddedIssuer::mint(const MintOptions& options, const Clock* clock) const
{
    const qint64 now = (clock ? clock : &SystemClock::instance())->nowSeconds();
    const qint64 iat = now + options.issuedAtOffsetSeconds;
    QJsonObject claims{
        {QStringLiteral("iss"), m_issuer},
        {QStringLiteral("sub"),
         options.subject.isEmpty() ? QString(m_clientId + QStringLiteral("@clients")) : options.subject},
        {QStringLiteral("iat"), iat},
        {QStringLiteral("exp"), iat + options.lifetimeSeconds},
        {QStringLiteral("azp"), options.clientId.isEmpty() ? m_clientId : options.clientId},
    };
    if (!options.grantType.isEmpty()) {
        claims.insert(QStringLiteral("gty"), options.grantType);
    }
    if (options.audiences.size() == 1) {
        claims.insert(QStringLiteral("aud"), options.audiences.first());
    } else if (!options.audiences.isEmpty()) {
        claims.insert(QStringLiteral("aud"), QJsonArray::fromStringList(options.audiences));
    }
    if (!options.scope.isEmpty()) {
        claims.insert(QStringLiteral("scope"), options.scope);
    }
    if (options.notBeforeOffsetSeconds) {
        claims.insert(QStringLiteral("nbf"), now + *options.notBeforeOffsetSeconds);
    }
    const auto jti = SecureRandom::bytes(12);
    if (jti) {
        claims.insert(QStringLiteral("jti"), QString::fromLatin1(Base64Url::encode(jti.value())));
    }
    for (auto it = options.extraClaims.begin(); it != options.extraClaims.end(); ++it) {
        claims.insert(it.key(), it.value());
    }
    // RFC 9068 §2.1: access tokens are typed "at+jwt"; the quickstart middleware does not require it, and
    // "JWT" keeps tokens usable with verifiers that check typ strictly.
    return JwtBuilder::sign(QStringLiteral("RS256"), claims, m_key);
}

MintOptions EmbeddedIssuer::preset(MintPreset preset, const QString& audience, const QString& requiredScope) const
{
    MintOptions o;
    o.audiences = {audience};
    o.scope = requiredScope;
    switch (preset) {
    case MintPreset::Valid:
        break;
    case MintPreset::Expired:
        o.issuedAtOffsetSeconds = -7200;
        o.lifetimeSeconds = 3600;
        break;
    case MintPreset::WrongAudience:
        o.audiences = {QStringLiteral("https://wrong-audience.invalid/")};
        break;
    case MintPreset::MissingScope:
        o.scope.clear();
        break;
    }
    return o;
}
