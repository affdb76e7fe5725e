// SPDX-License-Identifier: MIT
#include "net/UnauthorizedDiagnosis.h"

#include "core/SystemClock.h"
#include "core/TimeText.h"
#include "jose/CompactToken.h"
#include "jose/JwtVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

using Cause = Diagnosis::Cause;

bool isTokenChar(QChar c)
{
    // RFC 9110 §5.6.2 tchar.
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    return c.isLetterOrNumber() || extra.contains(c);
}

bool isToken68Char(QChar c)
{
    return c.isLetterOrNumber() || QStringLiteral("-._~+/").contains(c);
}

struct Scanner
{
    const QString& s;
    qsizetype i = 0;
    void skipSpace()
    {
        while (i < s.size() && s.at(i).isSpace()) // obs-fold newlines included
            ++i;
    }
    void skipSpaceAndCommas()
    {
        while (i < s.size() && (s.at(i).isSpace() || s.at(i) == QLatin1Char(',')))
            ++i;
    }
    QString token()
    {
        const qsizetype start = i;
        while (i < s.size() && isTokenChar(s.at(i)))
            ++i;
        return s.mid(start, i - start);
    }
    QString quoted()
    {
        QString out;
        ++i; // opening quote
        while (i < s.size() && s.at(i) != QLatin1Char('"')) {
            if (s.at(i) == QLatin1Char('\\') && i + 1 < s.size())
                ++i; // quoted-pair
            out += s.at(i++);
        }
        if (i < s.size())
            ++i;
        return out;
    }
    /// At a position where "name =" follows?
    bool atParam() const
    {
        qsizetype j = i;
        while (j < s.size() && isTokenChar(s.at(j)))
            ++j;
        if (j == i)
            return false;
        while (j < s.size() && s.at(j).isSpace())
            ++j;
        if (j >= s.size() || s.at(j) != QLatin1Char('='))
            return false;
        // token68 padding "abc==" is not a parameter.
        return !(j + 1 < s.size() && s.at(j + 1) == QLatin1Char('='));
    }
};

QStringList scopesOf(const QJsonObject& claims)
{
    // "scope" is space-separated (RFC 8693 §4.2); "scp" is a string or an array (Entra ID, Okta).
    QStringList scopes;
    for (const QString& name : {QStringLiteral("scope"), QStringLiteral("scp")}) {
        const QJsonValue v = claims.value(name);
        if (v.isString())
            scopes += v.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        else if (v.isArray())
            for (const auto& item : v.toArray())
                scopes.append(item.toString());
    }
    scopes.removeDuplicates();
    return scopes;
}

QStringList audiencesOf(const QJsonObject& claims)
{
    const QJsonValue aud = claims.value(QStringLiteral("aud"));
    if (aud.isString())
        return {aud.toString()};
    QStringList out;
    for (const auto& item : aud.toArray())
        out.append(item.toString());
    return out;
}

QString withoutTrailingSlash(QString s)
{
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}

/// Which cause the server's own words point at (RFC 6750 §3.1 error codes, quickstart codes, descriptions).
std::optional<Cause> serverHint(const QString& error, const QString& description, int status)
{
    const QString text = QString(error + QLatin1Char(' ') + description).toLower();
    if (error == QLatin1String("insufficient_scope") || text.contains(QLatin1String("scope")))
        return Cause::MissingScope;
    if (text.contains(QLatin1String("expired")))
        return Cause::Expired;
    if (text.contains(QLatin1String("audience")) || text.contains(QLatin1String("\"aud\"")) ||
        text.contains(QLatin1String(" aud ")))
        return Cause::AudienceMismatch;
    if (text.contains(QLatin1String("issuer")) || text.contains(QLatin1String("\"iss\"")))
        return Cause::IssuerMismatch;
    if (text.contains(QLatin1String("kid")) || text.contains(QLatin1String("no matching key")) ||
        text.contains(QLatin1String("signing key")))
        return Cause::UnknownKid;
    if (text.contains(QLatin1String("algorithm")) || text.contains(QLatin1String(" alg")))
        return Cause::AlgorithmNotAllowed;
    if (text.contains(QLatin1String("signature")))
        return Cause::SignatureInvalid;
    if (text.contains(QLatin1String("not yet valid")) || text.contains(QLatin1String("nbf")))
        return Cause::NotYetValid;
    if (text.contains(QLatin1String("malformed")) || text.contains(QLatin1String("invalid_header")) ||
        text.contains(QLatin1String("invalid_request")))
        return Cause::TokenMalformed;
    Q_UNUSED(status);
    return std::nullopt;
}

int rank(Cause cause)
{
    static const QList<Cause> order = {Cause::NoTokenSent, Cause::TokenMalformed,   Cause::AlgorithmNotAllowed,
                                       Cause::UnknownKid,  Cause::SignatureInvalid, Cause::Expired,
                                       Cause::NotYetValid, Cause::IssuerMismatch,   Cause::AudienceMismatch,
                                       Cause::MissingScope};
    const qsizetype at = order.indexOf(cause);
    return at < 0 ? 100 : int(at);
}

QString summaryFor(const Diagnosis& d)
{
    if (d.findings.isEmpty()) {
        if (d.cause == Cause::NotAnAuthFailure)
            return QStringLiteral("HTTP %1 is not an authentication or authorization failure.").arg(d.status);
        return QStringLiteral("The token looks valid; the server disagrees for a reason not visible here "
                              "(check the expected issuer/audience, the key set and the server log).");
    }
    return d.findings.first().message;
}

} // namespace

DiagnosisInput UnauthorizedDiagnosis::inputFor(const HttpRequestSpec& sent, const HttpClientResponse& response)
{
    DiagnosisInput input;
    input.status = response.status;
    input.wwwAuthenticate = QString::fromLatin1(response.headerValues("WWW-Authenticate").join(", "));
    input.body = response.body;
    // RFC 6750 §2.1: "Bearer" is case-insensitive; the token follows one space.
    const QString authorization = sent.effective().headerValue(QStringLiteral("Authorization")).trimmed();
    if (authorization.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
        input.sentToken = authorization.mid(7).trimmed().toUtf8();
    return input;
}

QList<AuthChallenge> UnauthorizedDiagnosis::parseWwwAuthenticate(const QString& header)
{
    QList<AuthChallenge> out;
    Scanner sc{header};
    while (true) {
        sc.skipSpaceAndCommas();
        if (sc.i >= header.size())
            break;
        AuthChallenge challenge;
        challenge.scheme = sc.token();
        if (challenge.scheme.isEmpty()) {
            ++sc.i; // skip garbage
            continue;
        }
        sc.skipSpace();
        if (!sc.atParam() && sc.i < header.size() && isToken68Char(header.at(sc.i))) {
            const qsizetype start = sc.i;
            while (sc.i < header.size() && (isToken68Char(header.at(sc.i)) || header.at(sc.i) == QLatin1Char('=')))
                ++sc.i;
            challenge.token68 = header.mid(start, sc.i - start);
        }
        while (sc.atParam()) {
            const QString name = sc.token().toLower();
            sc.skipSpace();
            ++sc.i; // '='
            sc.skipSpace();
            const QString value =
                (sc.i < header.size() && header.at(sc.i) == QLatin1Char('"')) ? sc.quoted() : sc.token();
            challenge.params.insert(name, value);
            sc.skipSpace();
            if (sc.i < header.size() && header.at(sc.i) == QLatin1Char(',')) {
                ++sc.i;
                sc.skipSpace();
            }
        }
        out.append(challenge);
    }
    return out;
}

Diagnosis UnauthorizedDiagnosis::diagnose(const DiagnosisInput& input)
{
    Diagnosis d;
    d.status = input.status;
    const Clock& clock = input.clock ? *input.clock : SystemClock::instance();
    const qint64 now = clock.nowSeconds();

    // --- what the server said -------------------------------------------------------------------------------
    d.challenges = parseWwwAuthenticate(input.wwwAuthenticate);
    for (const auto& c : std::as_const(d.challenges)) {
        if (c.scheme.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0 &&
            c.scheme.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) != 0)
            continue;
        d.serverError = c.params.value(QStringLiteral("error"));
        d.serverErrorDescription = c.params.value(QStringLiteral("error_description"));
        d.requiredScope = c.params.value(QStringLiteral("scope")); // RFC 6750 §3
        break;
    }
    const QJsonDocument bodyDoc = QJsonDocument::fromJson(input.body);
    if (bodyDoc.isObject()) {
        const QJsonObject b = bodyDoc.object();
        auto first = [&b](std::initializer_list<const char*> names) {
            for (const char* name : names) {
                const QJsonValue v = b.value(QLatin1String(name));
                if (v.isString() && !v.toString().isEmpty())
                    return v.toString();
            }
            return QString();
        };
        if (d.serverError.isEmpty())
            d.serverError = first({"error", "code", "error_code"});
        if (d.serverErrorDescription.isEmpty())
            d.serverErrorDescription = first({"error_description", "description", "message", "detail"});
        if (d.requiredScope.isEmpty())
            d.requiredScope = first({"required_scope", "scope"});
    }
    if (d.requiredScope.isEmpty())
        d.requiredScope = input.requiredScope;

    if (input.status != 401 && input.status != 403)
        d.cause = Cause::NotAnAuthFailure;

    auto add = [&d](Cause cause, const QString& message) { d.findings.append({cause, message}); };

    // --- the token ------------------------------------------------------------------------------------------
    const QByteArray normalised = CompactToken::normalise(input.sentToken);
    if (normalised.isEmpty()) {
        if (d.cause != Cause::NotAnAuthFailure)
            add(Cause::NoTokenSent, QStringLiteral("No bearer token was sent: add an Authorization: Bearer header "
                                                   "(RFC 6750 §2.1)."));
    } else {
        const CompactToken token = CompactToken::parse(normalised);
        const auto payload = token.payloadObject();
        if (token.kind != CompactToken::Kind::Jws || token.error || !token.headerOk || !payload) {
            const QString why = token.error ? token.error->message
                                : !payload  ? payload.error().message
                                            : QStringLiteral("not a signed JWT (JWS)");
            add(Cause::TokenMalformed, QStringLiteral("The token sent is malformed: %1.").arg(why));
        } else {
            const QJsonObject claims = payload.value();
            d.tokenFacts.append(QStringLiteral("alg: %1").arg(token.alg()));
            if (token.hasKid())
                d.tokenFacts.append(QStringLiteral("kid: %1").arg(token.kid()));
            const QString iss = claims.value(QStringLiteral("iss")).toString();
            const QStringList auds = audiencesOf(claims);
            d.tokenFacts.append(QStringLiteral("iss: %1").arg(iss.isEmpty() ? QStringLiteral("(none)") : iss));
            d.tokenFacts.append(QStringLiteral("aud: %1").arg(auds.isEmpty() ? QStringLiteral("(none)")
                                                                             : auds.join(QStringLiteral(", "))));
            if (claims.contains(QStringLiteral("sub")))
                d.tokenFacts.append(QStringLiteral("sub: %1").arg(claims.value(QStringLiteral("sub")).toString()));
            d.tokenScopes = scopesOf(claims);
            d.tokenFacts.append(
                QStringLiteral("scope: %1")
                    .arg(d.tokenScopes.isEmpty() ? QStringLiteral("(none)") : d.tokenScopes.join(QLatin1Char(' '))));
            for (const char* name : {"iat", "nbf", "exp"}) {
                const QJsonValue v = claims.value(QLatin1String(name));
                if (v.isDouble()) {
                    const qint64 t = qint64(v.toDouble());
                    d.tokenFacts.append(
                        QStringLiteral("%1: %2 (%3)")
                            .arg(QLatin1String(name), TimeText::utc(double(t)), TimeText::relative(t, now)));
                }
            }

            // Algorithm: HS* against an asymmetric key set is the classic confusion (RFC 8725 §2.1, §3.1).
            QStringList allowed = input.allowedAlgorithms;
            if (allowed.isEmpty() && input.keys) {
                for (const Jwk& key : input.keys->keys())
                    allowed += key.usableAlgorithms();
                allowed.removeDuplicates();
            }
            const QString alg = token.alg();
            if (alg.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
                add(Cause::AlgorithmNotAllowed, QStringLiteral("The token is unsigned (alg \"none\"); no server should "
                                                               "accept it (RFC 8725 §3.1)."));
            } else if (!allowed.isEmpty() && !allowed.contains(alg)) {
                add(Cause::AlgorithmNotAllowed,
                    QStringLiteral("The token is signed with %1 but the server accepts %2%3.")
                        .arg(alg, allowed.join(QStringLiteral(", ")),
                             alg.startsWith(QLatin1String("HS"))
                                 ? QStringLiteral(" (a shared-secret token sent to an API that expects the issuer's "
                                                  "public-key signatures)")
                                 : QString()));
            }

            // Key id.
            if (input.keys) {
                QStringList kids;
                for (const Jwk& key : input.keys->keys())
                    if (!key.kid().isEmpty())
                        kids.append(key.kid());
                if (token.hasKid() && !kids.isEmpty() && !kids.contains(token.kid()))
                    add(Cause::UnknownKid,
                        QStringLiteral("The token's kid \"%1\" is not in the issuer's key set (known: %2): signed by "
                                       "another issuer or tenant, or with a rotated key.")
                            .arg(token.kid(), kids.join(QStringLiteral(", "))));
            }

            // Times (RFC 7519 §4.1.4, §4.1.5).
            const QJsonValue exp = claims.value(QStringLiteral("exp"));
            if (exp.isDouble() && qint64(exp.toDouble()) <= now) {
                d.expiredBySeconds = now - qint64(exp.toDouble());
                d.clockSkewExplains = d.expiredBySeconds <= kSkewSeconds;
                add(Cause::Expired,
                    QStringLiteral("The token expired %1 ago (exp %2).%3")
                        .arg(TimeText::duration(d.expiredBySeconds), TimeText::utc(exp.toDouble()),
                             d.clockSkewExplains
                                 ? QStringLiteral(" That is within %1 minutes: a clock skew between client and "
                                                  "server would explain it; fetch a new token and check the clocks.")
                                       .arg(kSkewSeconds / 60)
                                 : QStringLiteral(" Far beyond any clock skew: fetch a new token.")));
            }
            const QJsonValue nbf = claims.value(QStringLiteral("nbf"));
            if (nbf.isDouble() && qint64(nbf.toDouble()) > now) {
                const qint64 early = qint64(nbf.toDouble()) - now;
                d.clockSkewExplains = early <= kSkewSeconds;
                add(Cause::NotYetValid,
                    QStringLiteral("The token is not valid yet for another %1 (nbf).%2")
                        .arg(TimeText::duration(early), d.clockSkewExplains
                                                            ? QStringLiteral(" The issuer's clock is probably ahead.")
                                                            : QString()));
            }

            // Issuer and audience (RFC 7519 §4.1.1, §4.1.3): exact string comparison.
            if (!input.expectedIssuer.isEmpty() && iss != input.expectedIssuer) {
                const bool slashOnly = withoutTrailingSlash(iss) == withoutTrailingSlash(input.expectedIssuer);
                add(Cause::IssuerMismatch,
                    slashOnly ? QStringLiteral("Issuer mismatch by a trailing slash only: the token has \"%1\", the "
                                               "server expects \"%2\". Issuers are compared as exact strings.")
                                    .arg(iss, input.expectedIssuer)
                              : QStringLiteral("Issuer mismatch: the token has \"%1\", the server expects \"%2\".")
                                    .arg(iss, input.expectedIssuer));
            }
            if (!input.expectedAudience.isEmpty() && !auds.contains(input.expectedAudience)) {
                QString hint;
                for (const QString& a : auds)
                    if (withoutTrailingSlash(a) == withoutTrailingSlash(input.expectedAudience))
                        hint = QStringLiteral(" (they differ only by a trailing slash)");
                add(Cause::AudienceMismatch,
                    QStringLiteral("Audience mismatch: the token is for %1, the API expects \"%2\"%3. Request the "
                                   "token with audience=%2.")
                        .arg(auds.isEmpty()
                                 ? QStringLiteral("no audience")
                                 : QString(QLatin1Char('"') + auds.join(QStringLiteral("\", \"")) + QLatin1Char('"')),
                             input.expectedAudience, hint));
            }

            // Scope (RFC 6750 §3.1 insufficient_scope).
            if (!d.requiredScope.isEmpty()) {
                for (const QString& s : d.requiredScope.split(QLatin1Char(' '), Qt::SkipEmptyParts))
                    if (!d.tokenScopes.contains(s))
                        d.missingScopes.append(s);
                if (!d.missingScopes.isEmpty())
                    add(Cause::MissingScope,
                        QStringLiteral("Missing scope: the API requires \"%1\"; the token grants %2.")
                            .arg(d.missingScopes.join(QLatin1Char(' ')),
                                 d.tokenScopes.isEmpty()
                                     ? QStringLiteral("no scope")
                                     : QString(QLatin1Char('"') + d.tokenScopes.join(QLatin1Char(' ')) +
                                               QLatin1Char('"'))));
            }

            // Full verification when the keys are known.
            if (input.keys) {
                VerifyOptions options;
                options.allowedAlgorithms = input.allowedAlgorithms;
                if (!input.expectedIssuer.isEmpty())
                    options.claims.issuers = {input.expectedIssuer};
                if (!input.expectedAudience.isEmpty())
                    options.claims.audiences = {input.expectedAudience};
                options.claims.clock = &clock;
                const JwtVerifier verifier(*input.keys, options);
                const VerificationResult result = verifier.verify(token);
                d.verified = true;
                d.steps = result.steps;
                if (result.error && result.error->code == ErrorCode::JwsSignatureVerificationFailed)
                    add(Cause::SignatureInvalid, QStringLiteral("The signature does not verify with the issuer's key "
                                                                "(%1): the token was altered or signed by another key.")
                                                     .arg(result.keyDescription));
                if (result.error && result.error->code == ErrorCode::JwksNoMatchingKey &&
                    std::none_of(d.findings.begin(), d.findings.end(), [](const Diagnosis::Finding& f) {
                        return f.cause == Cause::UnknownKid || f.cause == Cause::AlgorithmNotAllowed;
                    }))
                    add(Cause::UnknownKid,
                        QStringLiteral("No key of the issuer's set fits the token: %1.").arg(result.error->message));
            }
        }
    }

    // --- the most likely cause ------------------------------------------------------------------------------
    std::stable_sort(
        d.findings.begin(), d.findings.end(),
        [](const Diagnosis::Finding& a, const Diagnosis::Finding& b) { return rank(a.cause) < rank(b.cause); });
    if (const auto hint = serverHint(d.serverError, d.serverErrorDescription, d.status)) {
        const auto it = std::find_if(d.findings.begin(), d.findings.end(),
                                     [&](const Diagnosis::Finding& f) { return f.cause == *hint; });
        if (it != d.findings.end() && it != d.findings.begin())
            std::rotate(d.findings.begin(), it, it + 1);
        if (d.findings.isEmpty() && d.cause != Cause::NotAnAuthFailure)
            add(*hint, QStringLiteral("The server reports \"%1\"; not confirmed from the token alone (give the "
                                      "issuer's keys and the expected issuer/audience to check).")
                           .arg(d.serverErrorDescription.isEmpty() ? d.serverError : d.serverErrorDescription));
    }
    if (!d.findings.isEmpty())
        d.cause = d.findings.first().cause;
    d.summary = summaryFor(d);
    return d;
}

QString Diagnosis::causeCode(Cause cause)
{
    switch (cause) {
    case Cause::NotAnAuthFailure:
        return QStringLiteral("not_an_auth_failure");
    case Cause::NoTokenSent:
        return QStringLiteral("no_token");
    case Cause::TokenMalformed:
        return QStringLiteral("token_malformed");
    case Cause::Expired:
        return QStringLiteral("expired");
    case Cause::NotYetValid:
        return QStringLiteral("not_yet_valid");
    case Cause::AudienceMismatch:
        return QStringLiteral("audience_mismatch");
    case Cause::IssuerMismatch:
        return QStringLiteral("issuer_mismatch");
    case Cause::UnknownKid:
        return QStringLiteral("unknown_kid");
    case Cause::AlgorithmNotAllowed:
        return QStringLiteral("algorithm_not_allowed");
    case Cause::SignatureInvalid:
        return QStringLiteral("signature_invalid");
    case Cause::MissingScope:
        return QStringLiteral("missing_scope");
    case Cause::LooksValid:
        break;
    }
    return QStringLiteral("looks_valid");
}

QString Diagnosis::toText() const
{
    QStringList lines;
    lines << QStringLiteral("Why %1? %2 [%3]").arg(QString::number(status), summary, causeCode(cause));
    if (!serverError.isEmpty() || !serverErrorDescription.isEmpty())
        lines << QStringLiteral("Server said: %1%2")
                     .arg(serverError, serverErrorDescription.isEmpty()
                                           ? QString()
                                           : QString(QStringLiteral(": ") + serverErrorDescription));
    for (const auto& c : challenges) {
        QStringList params;
        for (auto it = c.params.begin(); it != c.params.end(); ++it)
            params << QStringLiteral("%1=\"%2\"").arg(it.key(), it.value());
        lines << QStringLiteral("Challenge: %1 %2").arg(c.scheme, params.join(QStringLiteral(", ")));
    }
    if (!tokenFacts.isEmpty()) {
        lines << QStringLiteral("Token sent:");
        for (const QString& fact : tokenFacts)
            lines << QString(QStringLiteral("  ") + fact);
    }
    if (findings.size() > 1) {
        lines << QStringLiteral("Also found:");
        for (qsizetype i = 1; i < findings.size(); ++i)
            lines << QString(QStringLiteral("  - ") + findings.at(i).message);
    }
    if (verified) {
        lines << QStringLiteral("Verification with the issuer's keys:");
        for (const auto& s : steps)
            lines << QStringLiteral("  [%1] %2: %3").arg(VerificationStep::statusName(s.status), s.title, s.message);
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonObject Diagnosis::toJson() const
{
    QJsonArray findingArray;
    for (const auto& f : findings)
        findingArray.append(
            QJsonObject{{QStringLiteral("code"), causeCode(f.cause)}, {QStringLiteral("message"), f.message}});
    QJsonArray stepArray;
    for (const auto& s : steps)
        stepArray.append(QJsonObject{{QStringLiteral("id"), s.id},
                                     {QStringLiteral("status"), VerificationStep::statusName(s.status)},
                                     {QStringLiteral("message"), s.message}});
    return QJsonObject{{QStringLiteral("status"), status},
                       {QStringLiteral("cause"), causeCode(cause)},
                       {QStringLiteral("summary"), summary},
                       {QStringLiteral("findings"), findingArray},
                       {QStringLiteral("serverError"), serverError},
                       {QStringLiteral("serverErrorDescription"), serverErrorDescription},
                       {QStringLiteral("token"), QJsonArray::fromStringList(tokenFacts)},
                       {QStringLiteral("expiredBySeconds"), expiredBySeconds},
                       {QStringLiteral("clockSkewExplains"), clockSkewExplains},
                       {QStringLiteral("requiredScope"), requiredScope},
                       {QStringLiteral("missingScopes"), QJsonArray::fromStringList(missingScopes)},
                       {QStringLiteral("verified"), verified},
                       {QStringLiteral("steps"), stepArray}};
}
