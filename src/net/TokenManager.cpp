// SPDX-License-Identifier: MIT
#include "net/TokenManager.h"

#include "core/SystemClock.h"
#include "crypto/AsymmetricKey.h"
#include "jose/CompactToken.h"
#include "net/TokenEndpointClient.h"
#include "storage/SecretStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace {
constexpr QChar kSeparator(0x1f); // a unit separator cannot occur in a profile name typed or read from JSON text

template <typename T> void removeKeysStartingWith(QHash<QString, T>& hash, const QString& prefix)
{
    for (auto it = hash.begin(); it != hash.end();) {
        if (it.key().startsWith(prefix))
            it = hash.erase(it);
        else
            ++it;
    }
}
} // namespace

TokenManager::TokenManager(const Clock* clock)
    : m_clock(clock)
{
}

TokenManager::~TokenManager() = default;

namespace {
QString profileOf(const QString& key)
{
    return key.section(kSeparator, 0, 0);
}
} // namespace

void TokenManager::setSecretStore(std::shared_ptr<SecretStore> store, const QString& prefix)
{
    m_store = std::move(store);
    m_storePrefix = prefix;
    m_restored.clear();
}

Result<void> TokenManager::restore(const QString& key)
{
    const QString profile = profileOf(key);
    if (!m_store || m_restored.value(profile))
        return Result<void>::success();
    auto secret = m_store->read(m_storePrefix + profile);
    if (!secret)
        return secret.error();
    m_restored.insert(profile, true);
    // {"tokens": [{"key", "accessToken", ..., "dpopKey": {private JWK}}], "dpopNonces": {origin: nonce}}; what
    // cannot be read is dropped.
    const QJsonObject root = QJsonDocument::fromJson(secret.value()).object();
    const QJsonArray entries = root.value(QStringLiteral("tokens")).toArray();
    const QJsonObject nonces = root.value(QStringLiteral("dpopNonces")).toObject();
    for (auto it = nonces.constBegin(); it != nonces.constEnd(); ++it) {
        if (!it.value().isString() || it.value().toString().isEmpty())
            continue;
        if (!m_dpopNonces.contains(it.key())) // one this process was given is newer
            m_dpopNonces.insert(it.key(), it.value().toString());
        if (!m_nonceOrigins[profile].contains(it.key()))
            m_nonceOrigins[profile].append(it.key());
    }
    for (const QJsonValue& v : entries) {
        const QJsonObject o = v.toObject();
        const QString k = o.value(QStringLiteral("key")).toString();
        if (profileOf(k) != profile || m_tokens.contains(k))
            continue;
        ManagedToken t;
        t.accessToken = o.value(QStringLiteral("accessToken")).toString();
        t.tokenType = o.value(QStringLiteral("tokenType")).toString();
        t.refreshToken = o.value(QStringLiteral("refreshToken")).toString();
        t.idToken = o.value(QStringLiteral("idToken")).toString();
        t.scope = o.value(QStringLiteral("scope")).toString();
        t.obtainedAtMs = o.value(QStringLiteral("obtainedAtMs")).toInteger();
        t.expiresAtMs = o.value(QStringLiteral("expiresAtMs")).toInteger();
        if (t.accessToken.isEmpty() && t.refreshToken.isEmpty())
            continue;
        if (o.contains(QStringLiteral("dpopKey"))) {
            auto jwk = Jwk::fromJson(o.value(QStringLiteral("dpopKey")).toObject());
            if (!jwk || !jwk->isPrivate())
                continue; // a DPoP-bound token without its key is of no use
            m_dpopKeys.insert(k, jwk.value());
        }
        m_tokens.insert(k, t);
    }
    return Result<void>::success();
}

void TokenManager::persist(const QString& profile)
{
    if (!m_store)
        return;
    QJsonArray entries;
    for (auto it = m_tokens.constBegin(); it != m_tokens.constEnd(); ++it) {
        if (profileOf(it.key()) != profile)
            continue;
        const ManagedToken& t = it.value();
        QJsonObject o{{QStringLiteral("key"), it.key()},
                      {QStringLiteral("accessToken"), t.accessToken},
                      {QStringLiteral("tokenType"), t.tokenType},
                      {QStringLiteral("refreshToken"), t.refreshToken},
                      {QStringLiteral("idToken"), t.idToken},
                      {QStringLiteral("scope"), t.scope},
                      {QStringLiteral("obtainedAtMs"), t.obtainedAtMs},
                      {QStringLiteral("expiresAtMs"), t.expiresAtMs}};
        if (const auto key = m_dpopKeys.constFind(it.key()); key != m_dpopKeys.constEnd())
            o.insert(QStringLiteral("dpopKey"), key->toJson(true));
        entries.append(o);
    }
    // A store failure leaves the token in memory: this send works, the next process fetches again.
    if (entries.isEmpty()) {
        (void)m_store->remove(m_storePrefix + profile);
        return;
    }
    QJsonObject root{{QStringLiteral("tokens"), entries}};
    QJsonObject nonces;
    for (const QString& origin : m_nonceOrigins.value(profile)) {
        if (const QString nonce = m_dpopNonces.value(origin); !nonce.isEmpty())
            nonces.insert(origin, nonce);
    }
    if (!nonces.isEmpty())
        root.insert(QStringLiteral("dpopNonces"), nonces);
    (void)m_store->write(m_storePrefix + profile, QJsonDocument(root).toJson(QJsonDocument::Compact));
}

qint64 TokenManager::nowMs() const
{
    return (m_clock ? m_clock : &SystemClock::instance())->nowMilliseconds();
}

QString TokenManager::keyFor(const AuthProfile& profile, const QString& environment)
{
    return QStringList{profile.name,
                       environment,
                       profile.issuer.isEmpty() ? profile.tokenUrl : profile.issuer,
                       profile.clientId,
                       profile.scope.simplified(),
                       profile.audience.trimmed(),
                       profile.resource.trimmed(),
                       AuthProfile::grantName(profile.grant)}
        .join(kSeparator);
}

QString TokenManager::profileOfKey(const QString& key)
{
    return key.section(kSeparator, 0, 0);
}

QString TokenManager::grantOfKey(const QString& key)
{
    return key.section(kSeparator, -1);
}

QString TokenManager::redacted(const QString& token)
{
    if (token.isEmpty())
        return {};
    return QStringLiteral("%1…(%2 chars)").arg(token.left(6)).arg(token.size());
}

std::optional<ManagedToken> TokenManager::usable(const QString& key) const
{
    const auto it = m_tokens.constFind(key);
    if (it == m_tokens.constEnd() || it->accessToken.isEmpty())
        return std::nullopt;
    if (it->expiresAtMs != 0 && it->expiresAtMs - kRefreshMarginMs <= nowMs())
        return std::nullopt;
    return *it;
}

std::optional<ManagedToken> TokenManager::stored(const QString& key) const
{
    const auto it = m_tokens.constFind(key);
    if (it == m_tokens.constEnd())
        return std::nullopt;
    return *it;
}

ManagedToken TokenManager::store(const QString& key, const QString& profile, const QString& grantName,
                                 const QString& endpoint, const TokenGrant& grant)
{
    ManagedToken t;
    t.accessToken = grant.accessToken;
    t.tokenType = grant.tokenType;
    t.refreshToken = grant.refreshToken;
    t.idToken = grant.idToken;
    t.scope = grant.scope;
    t.obtainedAtMs = nowMs();
    if (t.refreshToken.isEmpty()) {
        if (const auto old = stored(key))
            t.refreshToken = old->refreshToken;
    }
    // Expiry: expires_in and, for a JWT access token, its exp; the earlier wins.
    t.expiresAtMs = grant.expiresIn >= 0 ? t.obtainedAtMs + grant.expiresIn * 1000 : 0;
    const CompactToken jwt = CompactToken::parse(grant.accessToken.toLatin1());
    if (const auto claims = jwt.payloadObject(); claims) {
        const QJsonValue exp = claims->value(QStringLiteral("exp"));
        if (exp.isDouble()) {
            const qint64 expMs = qint64(exp.toDouble()) * 1000;
            t.expiresAtMs = t.expiresAtMs == 0 ? expMs : std::min(t.expiresAtMs, expMs);
        }
    }
    m_tokens.insert(key, t);
    persist(profileOf(key));
    append({t.obtainedAtMs, profile, grantName, endpoint, QStringLiteral("ok"), t.scope, t.expiresAtMs,
            redacted(t.accessToken), redacted(grant.refreshToken), key});
    return t;
}

void TokenManager::logFailure(const QString& profile, const QString& grantName, const QString& endpoint,
                              const Error& error)
{
    append({nowMs(),
            profile,
            grantName,
            endpoint,
            error.code == ErrorCode::OAuthError && !error.reason.isEmpty() ? error.reason : error.codeString(),
            {},
            0,
            {},
            {},
            {}});
}

void TokenManager::invalidate(const QString& key)
{
    const auto it = m_tokens.find(key);
    if (it == m_tokens.end())
        return;
    it->accessToken.clear();
    it->expiresAtMs = 0;
    if (it->refreshToken.isEmpty())
        m_tokens.erase(it);
    persist(profileOf(key));
}

void TokenManager::forget(const QString& profileName)
{
    if (profileName.isEmpty()) {
        QStringList profiles;
        for (auto it = m_tokens.constBegin(); it != m_tokens.constEnd(); ++it)
            profiles.append(profileOf(it.key()));
        m_tokens.clear();
        m_dpopKeys.clear();
        m_nonceOrigins.clear();
        profiles.removeDuplicates();
        for (const QString& p : profiles)
            persist(p);
        return;
    }
    const QString prefix = profileName + kSeparator;
    m_nonceOrigins.remove(profileName);
    removeKeysStartingWith(m_tokens, prefix);
    removeKeysStartingWith(m_dpopKeys, prefix);
    // Also what another process kept, when this one never read it.
    if (m_store)
        (void)m_store->remove(m_storePrefix + profileName);
    m_restored.insert(profileName, true);
}

Result<Jwk> TokenManager::dpopKey(const QString& key)
{
    if (const auto it = m_dpopKeys.constFind(key); it != m_dpopKeys.constEnd())
        return *it;
    // ES256: the algorithm every DPoP server supports (RFC 9449 §5.1 servers list theirs; oidc-provider and ours
    // both take ES256).
    auto generated = AsymmetricKey::generateCurve(Curve::P256);
    if (!generated)
        return generated.error();
    const Jwk jwk = Jwk::fromKey(generated.value());
    m_dpopKeys.insert(key, jwk);
    return jwk;
}

Result<void> TokenManager::bindDpop(TokenEndpointRequest& request, const QString& key)
{
    auto jwk = dpopKey(key);
    if (!jwk)
        return jwk.error();
    request.dpopKey = jwk.value();
    request.dpopNonce = dpopNonce(originOf(request.tokenUrl));
    return Result<void>::success();
}

QString TokenManager::dpopThumbprint(const QString& key) const
{
    const auto it = m_dpopKeys.constFind(key);
    return it == m_dpopKeys.constEnd() ? QString() : it->thumbprint();
}

void TokenManager::setDpopNonce(const QString& origin, const QString& nonce, const QString& tokenKey)
{
    if (origin.isEmpty() || nonce.isEmpty())
        return;
    const bool changed = m_dpopNonces.value(origin) != nonce;
    m_dpopNonces.insert(origin, nonce);
    if (tokenKey.isEmpty())
        return;
    const QString profile = profileOf(tokenKey);
    QStringList& origins = m_nonceOrigins[profile];
    const bool newOrigin = !origins.contains(origin);
    if (newOrigin)
        origins.append(origin);
    // Every response may carry the header (§8.2): the keychain is written only when the nonce kept changed, and
    // only beside a token (store() writes it with the first one).
    const QString prefix = profile + kSeparator;
    const bool hasToken = std::any_of(m_tokens.keyBegin(), m_tokens.keyEnd(),
                                      [&prefix](const QString& k) { return k.startsWith(prefix); });
    if ((changed || newOrigin) && hasToken)
        persist(profile);
}

QString TokenManager::originOf(const QString& url)
{
    const QUrl u(url);
    if (!u.isValid() || u.host().isEmpty())
        return {};
    return QStringLiteral("%1://%2:%3")
        .arg(u.scheme().toLower(), u.host().toLower())
        .arg(u.port(u.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80));
}

void TokenManager::append(TokenLogEntry entry)
{
    m_log.append(std::move(entry));
    if (m_log.size() > kMaxLogEntries)
        m_log.removeFirst();
}
