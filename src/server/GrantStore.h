// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <optional>

/// The parameters of one authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1), as
/// validated at /authorize or /par.
struct AuthorizationRequest
{
    QString clientId;
    QString redirectUri;          // the effective redirect URI
    bool redirectUriGiven = true; // RFC 6749 §4.1.3: /token must then repeat it
    QStringList scopes;
    QString state;
    QString nonce;
    QString codeChallenge;
    QString codeChallengeMethod; // "S256" or "plain"; empty without PKCE
    bool implicit = false;       // response_type=token (RFC 6749 §4.2, legacy): the answer goes in the fragment
};

/// What an authorization code stands for.
struct CodeGrant
{
    AuthorizationRequest request;
    QString username;
    qint64 authTime = 0;
    qint64 expiresAt = 0;
    QString familyId; // the tokens issued for this code, revoked together
};

/// One refresh token of a rotation family (RFC 9700 §4.14.2).
struct RefreshGrant
{
    QString clientId;
    QString username;
    QStringList scopes;
    qint64 authTime = 0;
    qint64 expiresAt = 0;
    QString familyId;
    QString jkt; // DPoP key the token is bound to (RFC 9449 §5, public clients); empty when not bound
};

/// One device authorization (RFC 8628 §3.2).
struct DeviceGrant
{
    enum class Status
    {
        Pending,
        Approved,
        Denied
    };
    QString clientId;
    QStringList scopes;
    QString userCode;
    qint64 expiresAt = 0;
    qint64 interval = 5;
    qint64 lastPollAt = 0; // 0 = never polled
    Status status = Status::Pending;
    QString username;
    qint64 authTime = 0;
};

/// An interactive sign-in in progress (the login and consent page): what it will authorize, and the CSRF value its
/// form and cookie must both carry.
struct LoginTransaction
{
    std::optional<AuthorizationRequest> authorization; // /authorize
    QString userCode;                                  // or the device page
    QString csrf;
    qint64 expiresAt = 0;
};

/// The provider's short-lived state: codes, refresh-token families, device grants, pushed requests, sign-ins in
/// progress and revoked access tokens. Every value handed out is 256 random bits, base64url. All methods are
/// thread-safe and take "now" from the caller (the injected Clock).
class GrantStore
{
public:
    enum class Redeem
    {
        Ok,
        Unknown,
        Expired,
        Reused, // a second use: the whole family is revoked (RFC 6749 §4.1.2, RFC 9700 §4.14.2)
        Revoked
    };

    static QString randomValue(int bytes = 32);

    QString addCode(const CodeGrant& grant);
    /// Single use: the first call returns the grant; a later one revokes the family and says Reused.
    Redeem redeemCode(const QString& code, qint64 now, CodeGrant* grant);

    QString addRefreshToken(const RefreshGrant& grant);
    /// Rotation: the token is spent by this call. A spent token presented again revokes its family.
    Redeem redeemRefreshToken(const QString& token, qint64 now, RefreshGrant* grant);
    /// For introspection: the grant of an unspent, unexpired token of a live family.
    std::optional<RefreshGrant> activeRefreshToken(const QString& token, qint64 now) const;
    /// RFC 7009: revoking a refresh token revokes its family (and the access tokens issued in it).
    bool revokeRefreshToken(const QString& token, const QString& clientId);

    void recordAccessToken(const QString& jti, const QString& familyId);
    void revokeAccessToken(const QString& jti);
    bool isAccessTokenRevoked(const QString& jti) const;
    void revokeFamily(const QString& familyId);

    /// RFC 8628 §6.1: sets grant->userCode to 8 characters of "BCDFGHJKLMNPQRSTVWXZ" shown as XXXX-XXXX; returns
    /// the device code.
    QString addDeviceGrant(DeviceGrant* grant);
    std::optional<DeviceGrant> deviceGrantByUserCode(const QString& userCode, qint64 now) const;
    bool decideDeviceGrant(const QString& userCode, bool approve, const QString& username, qint64 now);
    enum class Poll
    {
        Issued,
        Pending,
        SlowDown,
        Denied,
        Expired,
        Unknown
    };
    /// One poll of the token endpoint (RFC 8628 §3.5): the interval is enforced (slow_down adds 5 s), an approved
    /// grant is handed out once.
    Poll pollDeviceGrant(const QString& deviceCode, const QString& clientId, qint64 now, DeviceGrant* grant);

    /// RFC 9126 §2.2: "urn:ietf:params:oauth:request_uri:<random>".
    QString addPushedRequest(const AuthorizationRequest& request, qint64 expiresAt);
    /// Single use, for the client that pushed it.
    std::optional<AuthorizationRequest> takePushedRequest(const QString& requestUri, const QString& clientId,
                                                          qint64 now);

    QString addTransaction(const LoginTransaction& transaction);
    std::optional<LoginTransaction> transaction(const QString& id, qint64 now) const;
    void finishTransaction(const QString& id);

private:
    struct RefreshEntry
    {
        RefreshGrant grant;
        bool spent = false;
    };
    struct CodeEntry
    {
        CodeGrant grant;
        bool used = false;
    };
    struct PushedEntry
    {
        AuthorizationRequest request;
        qint64 expiresAt = 0;
    };
    void revokeFamilyLocked(const QString& familyId);
    /// Every kPurgeInterval insertions, drops what expired before the latest "now" a caller gave, so a long-running
    /// server does not grow without bound. Spent codes and refresh tokens stay until they expire: reuse detection
    /// needs them.
    void noteInsertLocked();
    void noteNowLocked(qint64 now) { m_lastNow = std::max(m_lastNow, now); }
    static QString normaliseUserCode(const QString& userCode);

    mutable QMutex m_mutex;
    QHash<QString, CodeEntry> m_codes;
    QHash<QString, RefreshEntry> m_refresh;
    QSet<QString> m_revokedFamilies;
    QHash<QString, QString> m_accessTokenFamily; // jti → family
    QSet<QString> m_revokedAccessTokens;
    QHash<QString, DeviceGrant> m_devices;      // device code → grant
    QHash<QString, QString> m_deviceByUserCode; // normalised user code → device code
    QHash<QString, PushedEntry> m_pushed;
    QHash<QString, LoginTransaction> m_transactions;
    qint64 m_lastNow = 0;
    int m_insertsSincePurge = 0;
    static constexpr int kPurgeInterval = 1024;
};
