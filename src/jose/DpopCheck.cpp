// SPDX-License-Identifier: MIT
#include "jose/DpopCheck.h"

#include "core/DisplayText.h"
#include "core/SystemClock.h"
#include "jose/AlgorithmTable.h"
#include "jose/CompactToken.h"
#include "jose/DpopProof.h"
#include "jose/Jwk.h"
#include "jose/JwtVerifier.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <optional>

namespace {

using Status = VerificationStep::Status;

// RFC 9449 §4.3's numbered list, item by item.
QString section(int item)
{
    return QStringLiteral("RFC 9449 §4.3 (%1)").arg(item);
}

class Rows
{
public:
    explicit Rows(QList<DpopCheckRow>& rows)
        : m_rows(rows)
    {
    }
    void add(const char* id, const QString& title, const QString& where, Status status, const QString& message)
    {
        m_rows.append({QLatin1String(id), title, where, status, DisplayText::escapeControls(message)});
    }

private:
    QList<DpopCheckRow>& m_rows;
};

} // namespace

bool DpopCheckReport::hasFailure() const
{
    const auto failed = [](const DpopCheckRow& r) { return r.status == Status::Failed; };
    return std::any_of(proofRows.begin(), proofRows.end(), failed) ||
           std::any_of(tokenRows.begin(), tokenRows.end(), failed);
}

bool DpopCheck::isProof(QByteArrayView token)
{
    const CompactToken parsed = CompactToken::parse(token);
    return parsed.headerOk && parsed.typ().compare(QLatin1String("dpop+jwt"), Qt::CaseInsensitive) == 0;
}

QString DpopCheck::boundThumbprint(QByteArrayView accessToken)
{
    const auto claims = CompactToken::parse(accessToken).payloadObject();
    if (!claims)
        return {};
    return claims->value(QLatin1String("cnf")).toObject().value(QLatin1String("jkt")).toString();
}

DpopCheckReport DpopCheck::check(QByteArrayView proof, const DpopCheckOptions& options)
{
    DpopCheckReport report;
    const QString bindingSection = QStringLiteral("RFC 9449 §6.1");
    if (!options.accessToken.isEmpty()) {
        Rows token(report.tokenRows);
        report.tokenJkt = boundThumbprint(options.accessToken);
        if (report.tokenJkt.isEmpty())
            token.add("cnf", QStringLiteral("Access token binding (cnf.jkt)"), bindingSection, Status::Info,
                      QStringLiteral("the access token has no cnf.jkt: it is not bound to a DPoP key (a Bearer token, "
                                     "or an opaque one whose binding only introspection tells)"));
        else
            token.add("cnf", QStringLiteral("Access token binding (cnf.jkt)"), bindingSection, Status::Info,
                      QStringLiteral("bound to the key with the RFC 7638 thumbprint %1: only proofs signed by that key "
                                     "may come with it")
                          .arg(report.tokenJkt));
    }
    if (proof.isEmpty())
        return report;

    Rows rows(report.proofRows);
    const CompactToken token = CompactToken::parse(proof);
    report.isProof = token.headerOk && token.typ().compare(QLatin1String("dpop+jwt"), Qt::CaseInsensitive) == 0;
    // (2) a well-formed JWS; nothing else can be checked without it.
    if (token.kind != CompactToken::Kind::Jws || !token.isStructurallyValid() || !token.headerOk) {
        rows.add("dpop-jwt", QStringLiteral("A well-formed JWT"), section(2), Status::Failed,
                 QStringLiteral("not a compact JWS with a JSON header"));
        return report;
    }
    rows.add("dpop-jwt", QStringLiteral("A well-formed JWT"), section(2), Status::Passed,
             QStringLiteral("a compact JWS"));
    // (4) typ.
    rows.add("typ", QStringLiteral("typ is dpop+jwt"), section(4), report.isProof ? Status::Passed : Status::Failed,
             QStringLiteral("typ is \"%1\"").arg(token.typ()));
    // (5) alg: asymmetric, not none, one a server supports.
    const QString alg = token.alg();
    const AlgorithmInfo* algInfo = AlgorithmTable::find(alg);
    const bool algOk = algInfo && !algInfo->isNone() && !algInfo->isSymmetric() &&
                       DpopValidationOptions::defaultAlgorithms().contains(alg);
    rows.add(
        "alg", QStringLiteral("Asymmetric algorithm"), section(5), algOk ? Status::Passed : Status::Failed,
        algOk ? QStringLiteral("%1").arg(alg)
              : QStringLiteral("\"%1\" is not an asymmetric JWS algorithm (none and HS* are never allowed)").arg(alg));
    // (7) jwk: present, public, no private members.
    std::optional<Jwk> key;
    const QJsonValue jwkValue = token.header.value(QLatin1String("jwk"));
    if (!jwkValue.isObject()) {
        rows.add("jwk", QStringLiteral("jwk is a public key"), section(7), Status::Failed,
                 QStringLiteral("the header has no jwk"));
    } else if (DpopProof::hasPrivateMembers(jwkValue.toObject())) {
        rows.add("jwk", QStringLiteral("jwk is a public key"), section(7), Status::Failed,
                 QStringLiteral("the jwk has private or symmetric members (d, k, ...): the proof leaks its key"));
    } else if (auto parsed = Jwk::fromJson(jwkValue.toObject()); !parsed) {
        rows.add("jwk", QStringLiteral("jwk is a public key"), section(7), Status::Failed,
                 QStringLiteral("the jwk cannot be read: %1").arg(parsed.error().message));
    } else {
        key = parsed.value();
        report.proofJkt = key->thumbprint();
        rows.add("jwk", QStringLiteral("jwk is a public key"), section(7), Status::Passed,
                 QStringLiteral("%1 key, RFC 7638 thumbprint %2").arg(key->ktyName(), report.proofJkt));
    }
    // (6) the signature, with that key.
    if (!key || !algOk) {
        rows.add("signature", QStringLiteral("Signature with the jwk"), section(6), Status::Skipped,
                 QStringLiteral("not checked: no usable jwk or algorithm"));
    } else {
        VerifyOptions verify;
        verify.allowedAlgorithms = {alg};
        verify.signatureOnly = true;
        const VerificationResult verified = JwtVerifier(*key, verify).verify(token);
        rows.add(
            "signature", QStringLiteral("Signature with the jwk"), section(6),
            verified.valid ? Status::Passed : Status::Failed,
            verified.valid
                ? QStringLiteral("%1 signature verifies with the embedded jwk (the signer holds that key; who it is, "
                                 "only a cnf.jkt binding says)")
                      .arg(alg)
                : (verified.error ? verified.error->message : QStringLiteral("does not verify")));
    }
    // (3) the claims of §4.2.
    const auto claims = token.payloadObject();
    const QJsonObject payload = claims ? claims.value() : QJsonObject();
    QStringList missing;
    for (const char* name : {"jti", "htm", "htu"}) {
        const QJsonValue v = payload.value(QLatin1String(name));
        if (!v.isString() || v.toString().isEmpty())
            missing.append(QLatin1String(name));
    }
    const QJsonValue iatValue = payload.value(QLatin1String("iat"));
    const bool iatOk = iatValue.isDouble() && std::isfinite(iatValue.toDouble());
    if (!iatOk)
        missing.append(QStringLiteral("iat"));
    if (!claims)
        rows.add("claims", QStringLiteral("Required claims"), section(3), Status::Failed,
                 QStringLiteral("the payload is not a JSON object"));
    else
        rows.add("claims", QStringLiteral("Required claims"), section(3),
                 missing.isEmpty() ? Status::Passed : Status::Failed,
                 missing.isEmpty() ? QStringLiteral("jti, htm, htu and iat are there (§4.2)")
                                   : QStringLiteral("missing or not of their type: %1").arg(missing.join(u", ")));
    // (8) htm, (9) htu.
    const QString htm = payload.value(QLatin1String("htm")).toString();
    if (options.htm.isEmpty())
        rows.add("htm", QStringLiteral("htm is the request's method"), section(8), Status::Skipped,
                 QStringLiteral("htm is \"%1\"; give the request's method to compare").arg(htm));
    else
        rows.add("htm", QStringLiteral("htm is the request's method"), section(8),
                 htm == options.htm ? Status::Passed : Status::Failed,
                 QStringLiteral("htm \"%1\", request %2").arg(htm, options.htm));
    const QString htu = payload.value(QLatin1String("htu")).toString();
    if (options.htu.isEmpty()) {
        rows.add("htu", QStringLiteral("htu is the request's URL"), section(9), Status::Skipped,
                 QStringLiteral("htu is \"%1\"; give the request's URL to compare").arg(htu));
    } else {
        const QString normalised = DpopProof::normaliseHtu(htu);
        const bool same = !normalised.isEmpty() && normalised == DpopProof::normaliseHtu(options.htu);
        rows.add("htu", QStringLiteral("htu is the request's URL"), section(9), same ? Status::Passed : Status::Failed,
                 QStringLiteral("htu \"%1\", request %2 (compared without query and fragment, RFC 3986 §6.2.2-6.2.3)")
                     .arg(htu, options.htu));
    }
    // (11) iat within the window.
    if (!iatOk) {
        rows.add("iat", QStringLiteral("iat is recent"), section(11), Status::Failed, QStringLiteral("no numeric iat"));
    } else {
        const qint64 now = (options.clock ? *options.clock : SystemClock::instance()).nowSeconds();
        const auto iat = static_cast<qint64>(std::floor(iatValue.toDouble()));
        const bool future = iat > now + options.leewaySeconds;
        const bool old = iat < now - options.maxAgeSeconds;
        rows.add(
            "iat", QStringLiteral("iat is recent"), section(11), future || old ? Status::Failed : Status::Passed,
            future ? QStringLiteral("issued %1 s in the future (leeway %2 s)").arg(iat - now).arg(options.leewaySeconds)
            : old  ? QStringLiteral("issued %1 s ago, more than %2 s").arg(now - iat).arg(options.maxAgeSeconds)
                   : QStringLiteral("issued %1 s ago (window %2 s)").arg(now - iat).arg(options.maxAgeSeconds));
    }
    // jti: present (§4.2); whether it was used before only the server's replay cache knows (§11.1).
    const QString jti = payload.value(QLatin1String("jti")).toString();
    rows.add("jti", QStringLiteral("jti present (replay)"), QStringLiteral("RFC 9449 §4.2, §11.1"),
             jti.isEmpty() ? Status::Failed : Status::Info,
             jti.isEmpty() ? QStringLiteral("no jti: a server cannot detect a replayed proof")
                           : QStringLiteral("jti \"%1\"; a server rejects it if it saw it before").arg(jti));
    // (12) ath and the key binding, when the proof came with an access token.
    const QJsonValue ath = payload.value(QLatin1String("ath"));
    if (options.accessToken.isEmpty()) {
        rows.add("ath", QStringLiteral("ath is the access token's hash"), section(12), Status::Skipped,
                 ath.isString() ? QStringLiteral("ath is present; give the access token to compare")
                                : QStringLiteral("no ath: a proof for a token request"));
    } else {
        const QString expected = DpopProof::accessTokenHash(options.accessToken);
        rows.add("ath", QStringLiteral("ath is the access token's hash"), section(12),
                 ath.toString() == expected ? Status::Passed : Status::Failed,
                 !ath.isString() ? QStringLiteral("no ath, but the proof comes with an access token")
                 : ath.toString() == expected
                     ? QStringLiteral("base64url(SHA-256(access token)) = %1").arg(expected)
                     : QStringLiteral("ath %1, the access token's hash is %2").arg(ath.toString(), expected));
    }
    // (10) nonce.
    const QJsonValue nonce = payload.value(QLatin1String("nonce"));
    if (options.nonce.isEmpty())
        rows.add("nonce", QStringLiteral("nonce is the server's"), section(10), Status::Skipped,
                 nonce.isString()
                     ? QStringLiteral("nonce \"%1\"; give the server's DPoP-Nonce to compare").arg(nonce.toString())
                     : QStringLiteral("no nonce (needed only when the server sent a DPoP-Nonce, §8)"));
    else
        rows.add("nonce", QStringLiteral("nonce is the server's"), section(10),
                 nonce.toString() == options.nonce ? Status::Passed : Status::Failed,
                 nonce.isString() ? QStringLiteral("nonce \"%1\", server's \"%2\"").arg(nonce.toString(), options.nonce)
                                  : QStringLiteral("no nonce, but the server asks for \"%1\"").arg(options.nonce));
    if (!report.tokenJkt.isEmpty()) {
        const bool match = !report.proofJkt.isEmpty() && report.proofJkt == report.tokenJkt;
        rows.add(
            "binding", QStringLiteral("Proof key is the token's key"), bindingSection,
            match ? Status::Passed : Status::Failed,
            match ? QStringLiteral("the jwk's thumbprint is the access token's cnf.jkt")
                  : QStringLiteral("the jwk's thumbprint %1 is not the access token's cnf.jkt %2")
                        .arg(report.proofJkt.isEmpty() ? QStringLiteral("(none)") : report.proofJkt, report.tokenJkt));
    }
    report.proofValid = std::none_of(report.proofRows.begin(), report.proofRows.end(),
                                     [](const DpopCheckRow& r) { return r.status == Status::Failed; });
    return report;
}
