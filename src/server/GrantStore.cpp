// SPDX-License-Identifier: MIT
#include "server/GrantStore.h"

#include "core/Base64Url.h"
#include "crypto/SecureRandom.h"

namespace {
// RFC 8628 §6.1: consonants only (no vowels, so no words), case-insensitive, 20^8 ≈ 2^34.6 codes.
constexpr char kUserCodeAlphabet[] = "BCDFGHJKLMNPQRSTVWXZ";
constexpr int kUserCodeAlphabetSize = sizeof(kUserCodeAlphabet) - 1;
} // namespace

QString GrantStore::randomValue(int bytes)
{
    const auto random = SecureRandom::bytes(bytes);
    // RAND_bytes failing means the process has no entropy; nothing sensible can be issued then.
    Q_ASSERT_X(random.ok(), "GrantStore::randomValue", "RAND_bytes failed");
    return QString::fromLatin1(Base64Url::encode(random.ok() ? random.value() : QByteArray()));
}

QString GrantStore::addCode(const CodeGrant& grant)
{
    const QString code = randomValue();
    QMutexLocker locker(&m_mutex);
    m_codes.insert(code, CodeEntry{grant, false});
    noteInsertLocked();
    return code;
}

GrantStore::Redeem GrantStore::redeemCode(const QString& code, qint64 now, CodeGrant* grant)
{
    QMutexLocker locker(&m_mutex);
    noteNowLocked(now);
    const auto it = m_codes.find(code);
    if (it == m_codes.end()) {
        return Redeem::Unknown;
    }
    if (it->used) {
        // RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server MUST deny
        // the request and SHOULD revoke (when possible) all tokens previously issued based on that authorization
        // code."
        revokeFamilyLocked(it->grant.familyId);
        return Redeem::Reused;
    }
    it->used = true;
    if (now >= it->grant.expiresAt) {
        return Redeem::Expired;
    }
    *grant = it->grant;
    return Redeem::Ok;
}

QString GrantStore::addRefreshToken(const RefreshGrant& grant)
{
    const QString token = randomValue();
    QMutexLocker locker(&m_mutex);
    m_refresh.insert(token, RefreshEntry{grant, false});
    noteInsertLocked();
    return token;
}

GrantStore::Redeem GrantStore::redeemRefreshToken(const QString& token, qint64 now, RefreshGrant* grant)
{
    QMutexLocker locker(&m_mutex);
    noteNowLocked(now);
    const auto it = m_refresh.find(token);
    if (it == m_refresh.end()) {
        return Redeem::Unknown;
    }
    if (m_revokedFamilies.contains(it->grant.familyId)) {
        return Redeem::Revoked;
    }
    if (it->spent) {
        // RFC 9700 §4.14.2 (refresh token rotation): a rotated token used again means two parties hold it; the
        // server cannot tell which is legitimate, so the active token of the family is revoked too.
        revokeFamilyLocked(it->grant.familyId);
        return Redeem::Reused;
    }
    if (now >= it->grant.expiresAt) {
        return Redeem::Expired;
    }
    it->spent = true;
    *grant = it->grant;
    return Redeem::Ok;
}

std::optional<RefreshGrant> GrantStore::activeRefreshToken(const QString& token, qint64 now) const
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_refresh.constFind(token);
    if (it == m_refresh.cend() || it->spent || now >= it->grant.expiresAt ||
        m_revokedFamilies.contains(it->grant.familyId)) {
        return std::nullopt;
    }
    return it->grant;
}

bool GrantStore::revokeRefreshToken(const QString& token, const QString& clientId)
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_refresh.constFind(token);
    if (it == m_refresh.cend() || it->grant.clientId != clientId) {
        return false;
    }
    revokeFamilyLocked(it->grant.familyId);
    return true;
}

void GrantStore::recordAccessToken(const QString& jti, const QString& familyId)
{
    if (familyId.isEmpty()) {
        return;
    }
    QMutexLocker locker(&m_mutex);
    m_accessTokenFamily.insert(jti, familyId);
}

void GrantStore::revokeAccessToken(const QString& jti)
{
    QMutexLocker locker(&m_mutex);
    m_revokedAccessTokens.insert(jti);
}

bool GrantStore::isAccessTokenRevoked(const QString& jti) const
{
    QMutexLocker locker(&m_mutex);
    if (m_revokedAccessTokens.contains(jti)) {
        return true;
    }
    const auto family = m_accessTokenFamily.constFind(jti);
    return family != m_accessTokenFamily.cend() && m_revokedFamilies.contains(family.value());
}

void GrantStore::revokeFamily(const QString& familyId)
{
    QMutexLocker locker(&m_mutex);
    revokeFamilyLocked(familyId);
}

void GrantStore::noteInsertLocked()
{
    if (++m_insertsSincePurge < kPurgeInterval) {
        return;
    }
    m_insertsSincePurge = 0;
    const qint64 now = m_lastNow;
    m_codes.removeIf([now](const auto& e) { return now >= e.value().grant.expiresAt; });
    m_refresh.removeIf([now](const auto& e) { return now >= e.value().grant.expiresAt; });
    m_pushed.removeIf([now](const auto& e) { return now >= e.value().expiresAt; });
    m_transactions.removeIf([now](const auto& e) { return now >= e.value().expiresAt; });
    for (auto it = m_devices.begin(); it != m_devices.end();) {
        if (now >= it->expiresAt) {
            m_deviceByUserCode.remove(normaliseUserCode(it->userCode));
            it = m_devices.erase(it);
        } else {
            ++it;
        }
    }
}

void GrantStore::revokeFamilyLocked(const QString& familyId)
{
    if (!familyId.isEmpty()) {
        m_revokedFamilies.insert(familyId);
    }
}

QString GrantStore::normaliseUserCode(const QString& userCode)
{
    // RFC 8628 §6.1: compare case-insensitively and ignore the dash (and other punctuation) users type.
    QString out;
    for (QChar c : userCode) {
        if (c.isLetterOrNumber()) {
            out.append(c.toUpper());
        }
    }
    return out;
}

QString GrantStore::addDeviceGrant(DeviceGrant* grant)
{
    const QString deviceCode = randomValue();
    QMutexLocker locker(&m_mutex);
    QString userCode;
    do {
        const auto random = SecureRandom::bytes(8);
        userCode.clear();
        for (int i = 0; i < 8; ++i) {
            const auto byte = static_cast<unsigned char>(random.ok() ? random.value().at(i) : 0);
            // 256 = 12 × 20 + 16: reject the top 16 values so every letter is equally likely.
            if (byte >= 240) {
                userCode.clear();
                break;
            }
            userCode.append(QLatin1Char(kUserCodeAlphabet[byte % kUserCodeAlphabetSize]));
        }
    } while (userCode.size() != 8 || m_deviceByUserCode.contains(userCode));
    m_deviceByUserCode.insert(userCode, deviceCode);
    grant->userCode = userCode.left(4) + QLatin1Char('-') + userCode.mid(4);
    m_devices.insert(deviceCode, *grant);
    noteInsertLocked();
    return deviceCode;
}

std::optional<DeviceGrant> GrantStore::deviceGrantByUserCode(const QString& userCode, qint64 now) const
{
    QMutexLocker locker(&m_mutex);
    const QString deviceCode = m_deviceByUserCode.value(normaliseUserCode(userCode));
    const auto it = m_devices.constFind(deviceCode);
    if (deviceCode.isEmpty() || it == m_devices.cend() || now >= it->expiresAt) {
        return std::nullopt;
    }
    return it.value();
}

bool GrantStore::decideDeviceGrant(const QString& userCode, bool approve, const QString& username, qint64 now)
{
    QMutexLocker locker(&m_mutex);
    noteNowLocked(now);
    const auto it = m_devices.find(m_deviceByUserCode.value(normaliseUserCode(userCode)));
    if (it == m_devices.end() || now >= it->expiresAt || it->status != DeviceGrant::Status::Pending) {
        return false;
    }
    it->status = approve ? DeviceGrant::Status::Approved : DeviceGrant::Status::Denied;
    it->username = username;
    it->authTime = now;
    return true;
}

GrantStore::Poll GrantStore::pollDeviceGrant(const QString& deviceCode, const QString& clientId, qint64 now,
                                             DeviceGrant* grant)
{
    QMutexLocker locker(&m_mutex);
    noteNowLocked(now);
    const auto it = m_devices.find(deviceCode);
    if (it == m_devices.end() || it->clientId != clientId) {
        return Poll::Unknown;
    }
    if (now >= it->expiresAt) {
        return Poll::Expired;
    }
    // RFC 8628 §3.5 slow_down: "the interval MUST be increased by 5 seconds for this and all subsequent requests".
    const bool tooSoon = it->lastPollAt != 0 && now - it->lastPollAt < it->interval;
    it->lastPollAt = now;
    if (tooSoon && it->status == DeviceGrant::Status::Pending) {
        it->interval += 5;
        return Poll::SlowDown;
    }
    switch (it->status) {
    case DeviceGrant::Status::Pending:
        return Poll::Pending;
    case DeviceGrant::Status::Denied:
        return Poll::Denied;
    case DeviceGrant::Status::Approved:
        break;
    }
    *grant = it.value();
    // Handed out once: a second poll with this device code finds nothing.
    m_deviceByUserCode.remove(normaliseUserCode(it->userCode));
    m_devices.erase(it);
    return Poll::Issued;
}

QString GrantStore::addPushedRequest(const AuthorizationRequest& request, qint64 expiresAt)
{
    const QString uri = QStringLiteral("urn:ietf:params:oauth:request_uri:") + randomValue();
    QMutexLocker locker(&m_mutex);
    m_pushed.insert(uri, PushedEntry{request, expiresAt});
    noteInsertLocked();
    return uri;
}

std::optional<AuthorizationRequest> GrantStore::takePushedRequest(const QString& requestUri, const QString& clientId,
                                                                  qint64 now)
{
    QMutexLocker locker(&m_mutex);
    noteNowLocked(now);
    const auto it = m_pushed.find(requestUri);
    if (it == m_pushed.end() || it->request.clientId != clientId) {
        return std::nullopt;
    }
    // RFC 9126 §4: "the request_uri value MUST be bound to the client" and is one-time use (§7.3).
    const PushedEntry entry = it.value();
    m_pushed.erase(it);
    if (now >= entry.expiresAt) {
        return std::nullopt;
    }
    return entry.request;
}

QString GrantStore::addTransaction(const LoginTransaction& transaction)
{
    const QString id = randomValue();
    QMutexLocker locker(&m_mutex);
    m_transactions.insert(id, transaction);
    noteInsertLocked();
    return id;
}

std::optional<LoginTransaction> GrantStore::transaction(const QString& id, qint64 now) const
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_transactions.constFind(id);
    if (it == m_transactions.cend() || now >= it->expiresAt) {
        return std::nullopt;
    }
    return it.value();
}

void GrantStore::finishTransaction(const QString& id)
{
    QMutexLocker locker(&m_mutex);
    m_transactions.remove(id);
}
