// SPDX-License-Identifier: MIT
#include "server/DpopVerifier.h"

#include "core/Base64Url.h"
#include "core/SystemClock.h"
#include "crypto/Hmac.h"
#include "crypto/SecureRandom.h"

DpopVerifier::DpopVerifier(DpopMode mode, QString baseUrl, const Clock* clock, bool requireNonce)
    : m_mode(mode)
    , m_requireNonce(requireNonce && mode != DpopMode::Off)
    , m_baseUrl(std::move(baseUrl))
    , m_clock(clock)
{
    if (m_baseUrl.endsWith(QLatin1Char('/'))) {
        m_baseUrl.chop(1);
    }
    if (m_requireNonce) {
        auto secret = SecureRandom::bytes(32);
        Q_ASSERT(secret.ok()); // the CSPRNG failing is not a condition this server can work around
        m_nonceSecret = secret.ok() ? secret.value() : QByteArray();
    }
}

QString DpopVerifier::nonceForWindow(qint64 window) const
{
    // 128 bits of the MAC, base64url: 22 characters of NQCHAR (§8.1).
    return QString::fromLatin1(
        Base64Url::encode(Hmac::compute(HashAlg::Sha256, m_nonceSecret, QByteArray::number(window)).left(16)));
}

QString DpopVerifier::currentNonce() const
{
    if (!m_requireNonce) {
        return {};
    }
    const qint64 now = (m_clock ? m_clock : &SystemClock::instance())->nowSeconds();
    return nonceForWindow(now / kNonceLifetimeSeconds);
}

DpopVerifier::Outcome DpopVerifier::check(const HttpRequest& request, const QByteArray& accessToken) const
{
    Outcome outcome;
    const QList<QByteArray> headers = request.headerValues("DPoP");
    if (headers.isEmpty() || m_mode == DpopMode::Off) {
        return outcome;
    }
    outcome.present = true;
    if (headers.size() > 1) {
        outcome.error = Error(ErrorCode::JwsInvalid, QStringLiteral("more than one DPoP header"));
        return outcome;
    }
    DpopValidationOptions options;
    options.htm = QString::fromLatin1(request.method);
    options.htu = m_baseUrl + QString::fromLatin1(request.path);
    options.accessToken = accessToken;
    options.clock = m_clock;
    options.replayCache = &m_replay;
    auto info = DpopProof::validate(headers.first().trimmed(), options);
    if (!info) {
        outcome.error = info.error();
        return outcome;
    }
    if (m_requireNonce) {
        // The jti is already recorded: the client's retry is a new proof with a new jti anyway.
        const QString nonce = info->claims.value(QStringLiteral("nonce")).toString();
        const qint64 window = (m_clock ? m_clock : &SystemClock::instance())->nowSeconds() / kNonceLifetimeSeconds;
        if (nonce.isEmpty() || (nonce != nonceForWindow(window) && nonce != nonceForWindow(window - 1))) {
            outcome.useNonce = true;
            outcome.error = Error(
                ErrorCode::JwtClaimValidationFailed,
                nonce.isEmpty() ? QStringLiteral("the DPoP proof has no nonce; use the DPoP-Nonce given")
                                : QStringLiteral("the DPoP proof's nonce is not current; use the "
                                                 "DPoP-Nonce given"),
                QStringLiteral("nonce"), nonce.isEmpty() ? QStringLiteral("missing") : QStringLiteral("mismatch"));
            return outcome;
        }
    }
    outcome.info = std::move(info).value();
    return outcome;
}
