// SPDX-License-Identifier: MIT
#include "net/TokenManager.h"

#include "core/SystemClock.h"
#include "jose/CompactToken.h"

namespace {
constexpr QChar kSeparator(0x1f); // a unit separator cannot occur in a profile name typed or read from JSON text
} // namespace

TokenManager::TokenManager(const Clock* clock)
    : m_clock(clock)
{
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
    append({t.obtainedAtMs, profile, grantName, endpoint, QStringLiteral("ok"), t.scope, t.expiresAtMs,
            redacted(t.accessToken), redacted(grant.refreshToken)});
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
}

void TokenManager::forget(const QString& profileName)
{
    if (profileName.isEmpty()) {
        m_tokens.clear();
        return;
    }
    const QString prefix = profileName + kSeparator;
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        if (it.key().startsWith(prefix))
            it = m_tokens.erase(it);
        else
            ++it;
    }
}

void TokenManager::append(TokenLogEntry entry)
{
    m_log.append(std::move(entry));
    if (m_log.size() > kMaxLogEntries)
        m_log.removeFirst();
}
