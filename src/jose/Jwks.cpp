// SPDX-License-Identifier: MIT
#include "jose/Jwks.h"

#include "core/DisplayText.h"
#include "core/JsonText.h"

#include <QJsonArray>
#include <QSet>

Jwks::Jwks(QList<Jwk> keys)
    : m_keys(std::move(keys))
{
}

Result<Jwks> Jwks::fromJson(QByteArrayView text, const JwkImportOptions& options)
{
    auto object = JsonText::parseObject(text, false);
    if (!object) {
        return Error(ErrorCode::JwksInvalid, QStringLiteral("not a JWK Set: %1").arg(object.error().message));
    }
    return fromJsonObject(object.value(), options);
}

Result<Jwks> Jwks::fromJsonObject(const QJsonObject& object, const JwkImportOptions& options)
{
    const auto it = object.constFind(QLatin1String("keys"));
    if (it == object.constEnd()) {
        return Error(ErrorCode::JwksInvalid, QStringLiteral("no \"keys\" member (RFC 7517 §5.1)"));
    }
    if (!it->isArray()) {
        return Error(ErrorCode::JwksInvalid, QStringLiteral("\"keys\" must be an array (RFC 7517 §5.1)"));
    }
    const QJsonArray array = it->toArray();
    if (array.size() > kMaxKeys) {
        return Error(ErrorCode::JwksInvalid,
                     QStringLiteral("%1 keys; at most %2 are accepted").arg(array.size()).arg(kMaxKeys));
    }
    Jwks set;
    for (int i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        if (!v.isObject()) {
            set.m_rejected.append(
                RejectedJwk{i, QString(), Error(ErrorCode::JwkInvalid, QStringLiteral("not a JSON object"))});
            continue;
        }
        const QJsonObject o = v.toObject();
        auto jwk = Jwk::fromJson(o, options);
        if (jwk) {
            set.m_keys.append(jwk.value());
            continue;
        }
        const QString kty = o.value(QLatin1String("kty")).toString();
        const bool unknownKty = jwk.error().code == ErrorCode::NotSupported && !kty.isEmpty() &&
                                kty != QLatin1String("RSA") && kty != QLatin1String("EC") &&
                                kty != QLatin1String("OKP") && kty != QLatin1String("oct");
        if (unknownKty) {
            // RFC 7517 §5: "Implementations SHOULD ignore JWKs within a JWK Set that use "kty" values that are
            // not understood by them".
            set.m_ignored.append(QStringLiteral("key %1: unknown kty \"%2\" ignored (RFC 7517 §5)").arg(i).arg(kty));
            continue;
        }
        set.m_rejected.append(RejectedJwk{i, o.value(QLatin1String("kid")).toString(), jwk.error()});
    }
    return set;
}

QStringList Jwks::duplicateKids() const
{
    // Rejected keys count too: a set that names one kid twice is ambiguous even if one copy is unusable.
    QStringList kids;
    for (const auto& k : m_keys) {
        kids.append(k.kid());
    }
    for (const auto& r : m_rejected) {
        kids.append(r.kid);
    }
    QStringList dups;
    QSet<QString> seen;
    for (const auto& kid : std::as_const(kids)) {
        if (kid.isEmpty()) {
            continue;
        }
        if (seen.contains(kid)) {
            if (!dups.contains(kid)) {
                dups.append(kid);
            }
        } else {
            seen.insert(kid);
        }
    }
    return dups;
}

Result<void> Jwks::checkUsableForVerification() const
{
    bool symmetric = false, asymmetric = false, priv = false, pub = false;
    for (const auto& k : m_keys) {
        (k.isSymmetric() ? symmetric : asymmetric) = true;
        if (!k.isSymmetric()) {
            (k.isPrivate() ? priv : pub) = true;
        }
    }
    if (symmetric && asymmetric) {
        // Mixing lets an attacker choose HMAC with a public key's bytes (RFC 8725 §2.1).
        return Error(ErrorCode::JwksInvalid, QStringLiteral("the set mixes symmetric and asymmetric keys"));
    }
    if (priv) {
        return Error(ErrorCode::JwksInvalid,
                     pub ? QStringLiteral("the set mixes public and private keys")
                         : QStringLiteral("the set contains private keys; a verification set must be public"));
    }
    const QStringList dups = duplicateKids();
    if (!dups.isEmpty()) {
        return Error(ErrorCode::JwksInvalid, QStringLiteral("duplicate kid \"%1\" in the set").arg(dups.first()));
    }
    return {};
}

QList<int> Jwks::candidates(const KeySelector& selector) const
{
    QList<int> out;
    const AlgorithmInfo* alg = AlgorithmTable::find(selector.alg);
    if (!alg || alg->isNone()) {
        return out;
    }
    for (int i = 0; i < m_keys.size(); ++i) {
        const Jwk& k = m_keys[i];
        if (selector.hasKid && k.kid() != selector.kid) {
            continue;
        }
        if (k.ktyName() != alg->kty) {
            continue;
        }
        if (!k.alg().isEmpty() && k.alg() != alg->name) {
            continue;
        }
        if (!k.use().isEmpty() && k.use() != QLatin1String("sig")) {
            continue;
        }
        if (!k.keyOps().isEmpty() && !k.keyOps().contains(QLatin1String("verify"))) {
            continue;
        }
        if (alg->family == AlgorithmInfo::Family::Ecdsa && k.curve() != alg->curve) {
            continue;
        }
        if (alg->family == AlgorithmInfo::Family::EdDsa && !(k.curve() && curveIsOkp(*k.curve()))) {
            continue;
        }
        out.append(i);
    }
    return out;
}

Result<Jwk> Jwks::select(const KeySelector& selector) const
{
    const QList<int> found = candidates(selector);
    const QString kidText =
        selector.hasKid ? QStringLiteral(" with kid \"%1\"").arg(DisplayText::escapeControls(selector.kid)) : QString();
    if (found.isEmpty()) {
        return Error(ErrorCode::JwksNoMatchingKey,
                     QStringLiteral("no key in the set matches alg %1%2").arg(selector.alg, kidText));
    }
    if (found.size() > 1) {
        return Error(ErrorCode::JwksMultipleMatchingKeys,
                     QStringLiteral("%1 keys match alg %2%3; add a kid to the token or the keys")
                         .arg(found.size())
                         .arg(selector.alg, kidText));
    }
    return m_keys.at(found.first());
}

QJsonObject Jwks::toJson(bool includePrivate) const
{
    QJsonArray array;
    for (const auto& k : m_keys) {
        array.append(k.toJson(includePrivate));
    }
    return QJsonObject{{QStringLiteral("keys"), array}};
}

LintFindings Jwks::lint() const
{
    using S = LintFinding::Severity;
    LintFindings out;
    for (const auto& r : m_rejected) {
        // Jwk::fromJson() names the rejections a viewer should show by their own code (Error::reason).
        const QString code = r.error.reason.isEmpty() ? QStringLiteral("key-invalid") : r.error.reason;
        const bool minor = code == QLatin1String("crv-unknown") || code == QLatin1String("kty-unknown") ||
                           code == QLatin1String("x5t-mismatch");
        out.append(LintFinding{code, minor ? S::Warning : S::Critical,
                               QStringLiteral("key %1 is unusable: %2").arg(r.index).arg(r.error.message), r.kid});
    }
    for (const auto& note : m_ignored) {
        out.append(LintFinding{QStringLiteral("kty-unknown"), S::Info, note, QString()});
    }
    bool symmetric = false, asymmetric = false, priv = false, pub = false;
    for (const auto& k : m_keys) {
        const QString who = k.kid().isEmpty() ? QStringLiteral("(no kid)") : k.kid();
        (k.isSymmetric() ? symmetric : asymmetric) = true;
        if (k.isSymmetric()) {
            out.append(LintFinding{QStringLiteral("private-members"), S::Critical,
                                   QStringLiteral("a symmetric key (\"k\") is published in the set: anyone can sign"),
                                   who});
        } else if (k.isPrivate()) {
            priv = true;
            out.append(LintFinding{QStringLiteral("private-members"), S::Critical,
                                   QStringLiteral("private key members (d, p, q, ...) are published in the set"), who});
        } else {
            pub = true;
        }
        if (k.use() == QLatin1String("enc")) {
            out.append(LintFinding{QStringLiteral("use-enc"), S::Info,
                                   QStringLiteral("\"use\":\"enc\": an encryption key; it will not verify signatures"),
                                   who});
        }
        out.append(k.lint());
    }
    for (const auto& kid : duplicateKids()) {
        out.append(LintFinding{QStringLiteral("kid-duplicate"), S::Critical,
                               QStringLiteral("kid \"%1\" appears more than once: key selection is ambiguous").arg(kid),
                               kid});
    }
    if (symmetric && asymmetric) {
        out.append(LintFinding{QStringLiteral("mixed-symmetric"), S::Critical,
                               QStringLiteral("the set mixes symmetric and asymmetric keys"), QString()});
    }
    if (priv && pub) {
        out.append(LintFinding{QStringLiteral("mixed-private"), S::Critical,
                               QStringLiteral("the set mixes public and private keys"), QString()});
    }
    return out;
}
