// SPDX-License-Identifier: MIT
#include "cli/VerifyCommand.h"

#include "cli/KeyOptions.h"
#include "cli/LineReader.h"
#include "cli/ParallelSlices.h"
#include "cli/TokenReport.h"
#include "core/JsonText.h"
#include "core/MockClock.h"
#include "core/SystemClock.h"
#include "jose/TokenAnalysis.h"
#include "jose/TokenLint.h"

#include <QThread>

#include <vector>

namespace {
QByteArray batchLine(const VerificationResult& r, bool json)
{
    if (json) {
        QJsonObject o{{QStringLiteral("valid"), r.valid}};
        if (r.error) {
            o.insert(QStringLiteral("code"), r.error->codeString());
            o.insert(QStringLiteral("message"), r.error->message);
            if (!r.error->claim.isEmpty()) {
                o.insert(QStringLiteral("claim"), r.error->claim);
            }
        }
        return JsonText::compact(o) + '\n';
    }
    if (r.valid) {
        return QByteArrayLiteral("valid\n");
    }
    return QByteArray("invalid " + r.error->codeString().toUtf8() + ' ' + r.error->message.toUtf8() + '\n');
}

// Verifies many tokens on all cores; results keep the input order.
int runBatch(const JwtVerifier& verifier, CliContext& ctx, bool json, int threads)
{
    LineReader in(ctx.stdinFile(), CompactToken::kMaxLength);
    bool allValid = true;
    int count = 0;
    constexpr int kChunk = 8192;
    for (;;) {
        std::vector<QByteArray> tokens;
        tokens.reserve(kChunk);
        while (int(tokens.size()) < kChunk) {
            std::optional<QByteArray> next = in.next();
            if (!next) {
                break;
            }
            QByteArray line = next->trimmed();
            if (!line.isEmpty()) {
                tokens.push_back(std::move(line));
            }
        }
        if (tokens.empty()) {
            break;
        }
        std::vector<QByteArray> lines(tokens.size());
        std::vector<char> valid(tokens.size(), 0);
        const size_t n = tokens.size();
        ParallelSlices::run(n, size_t(threads), 256, [&](size_t begin, size_t end) {
            for (size_t i = begin; i < end; ++i) {
                const VerificationResult r = verifier.verify(tokens[i]);
                valid[i] = r.valid ? 1 : 0;
                lines[i] = batchLine(r, json);
            }
        });
        for (size_t i = 0; i < n; ++i) {
            ctx.outBytes(lines[i]);
            allValid = allValid && valid[i];
        }
        count += int(n);
    }
    ctx.flush();
    if (count == 0) {
        return ctx.usage(QStringLiteral("no tokens on stdin"));
    }
    return allValid ? ExitOk : ExitInvalid;
}
} // namespace

int VerifyCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    KeyOptions keyOptions;
    keyOptions.addTo(parser);
    const QCommandLineOption alg(QStringLiteral("alg"),
                                 QStringLiteral("Allowed algorithms, comma-separated (default: the key's alg, or what "
                                                "its type supports; never none)."),
                                 QStringLiteral("LIST"));
    const QCommandLineOption iss(QStringLiteral("iss"), QStringLiteral("Expected issuer (repeatable: any of)."),
                                 QStringLiteral("ISSUER"));
    const QCommandLineOption aud(QStringLiteral("aud"), QStringLiteral("Expected audience (repeatable: any of)."),
                                 QStringLiteral("AUDIENCE"));
    const QCommandLineOption sub(QStringLiteral("sub"), QStringLiteral("Expected subject."), QStringLiteral("SUBJECT"));
    const QCommandLineOption typ(QStringLiteral("typ"), QStringLiteral("Expected typ header, e.g. at+jwt."),
                                 QStringLiteral("TYP"));
    const QCommandLineOption leeway(QStringLiteral("leeway"), QStringLiteral("Clock tolerance for exp/nbf/iat."),
                                    QStringLiteral("SECONDS"), QStringLiteral("0"));
    const QCommandLineOption maxAge(QStringLiteral("max-age"), QStringLiteral("Maximum age since iat."),
                                    QStringLiteral("SECONDS"));
    const QCommandLineOption now(QStringLiteral("now"), QStringLiteral("Verify as if it were this Unix time."),
                                 QStringLiteral("EPOCH"));
    const QCommandLineOption require(QStringLiteral("require"),
                                     QStringLiteral("A claim that must be present (repeatable)."),
                                     QStringLiteral("CLAIM"));
    const QCommandLineOption signatureOnly(QStringLiteral("signature-only"),
                                           QStringLiteral("JWS only: check the signature, not the payload or claims."));
    const QCommandLineOption detached(QStringLiteral("detached-payload"),
                                      QStringLiteral("File with the out-of-band payload (RFC 7515 F, RFC 7797)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Machine-readable output."));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Batch mode: worker threads (default: one per core)."),
                                     QStringLiteral("N"));
    parser.addOptions({alg, iss, aud, sub, typ, leeway, maxAge, now, require, signatureOnly, detached, json, threads});
    parser.addPositionalArgument(QStringLiteral("token"),
                                 QStringLiteral("The token, or - for one token per stdin line."));
    if (const int r = parse(parser, arguments, ctx,
                            QStringLiteral("verify (--secret S | --secret-base64url S | --jwk FILE | --jwks FILE|URL | "
                                           "--issuer URL | --pem FILE) [--cacert FILE] [policy options] [TOKEN|-]"));
        r >= 0) {
        return r;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1) {
        return ctx.usage(QStringLiteral("verify takes one token (or - for batch mode)"));
    }
    auto keys = keyOptions.load(parser, ctx);
    if (!keys) {
        return ctx.fail(keys.error());
    }

    VerifyOptions options;
    options.allowedAlgorithms = listValues(parser, alg);
    for (const auto& a : std::as_const(options.allowedAlgorithms)) {
        if (!AlgorithmTable::find(a) || a == QLatin1String("none")) {
            return ctx.usage(QStringLiteral("--alg: \"%1\" is not a signing algorithm (%2)")
                                 .arg(a, AlgorithmTable::signingNames().join(QLatin1String(", "))));
        }
    }
    options.claims.issuers = parser.values(iss);
    options.claims.audiences = parser.values(aud);
    options.claims.subject = parser.value(sub);
    options.claims.typ = parser.value(typ);
    options.claims.requiredClaims = listValues(parser, require);
    bool ok = true;
    options.claims.leewaySeconds = parser.value(leeway).toLongLong(&ok);
    if (!ok || options.claims.leewaySeconds < 0) {
        return ctx.usage(QStringLiteral("--leeway needs a non-negative number of seconds"));
    }
    if (parser.isSet(maxAge)) {
        options.claims.maxAgeSeconds = parser.value(maxAge).toLongLong(&ok);
        if (!ok || *options.claims.maxAgeSeconds < 0) {
            return ctx.usage(QStringLiteral("--max-age needs a non-negative number of seconds"));
        }
    }
    MockClock fixed(0);
    if (parser.isSet(now)) {
        fixed.setSeconds(parser.value(now).toLongLong(&ok));
        if (!ok) {
            return ctx.usage(QStringLiteral("--now needs a Unix time in seconds"));
        }
        options.claims.clock = &fixed;
    }
    options.signatureOnly = parser.isSet(signatureOnly);
    if (parser.isSet(detached)) {
        auto payload = ctx.readInput(parser.value(detached));
        if (!payload) {
            return ctx.fail(payload.error());
        }
        options.detachedPayload = payload.value();
    }
    const bool batch = !args.isEmpty() && args.first() == QLatin1String("-");
    options.claims.describePassed = !batch;
    const JwtVerifier verifier =
        keys->single ? JwtVerifier(keys->keys.keys().first(), options) : JwtVerifier(keys->keys, options);
    if (verifier.allowedAlgorithms().isEmpty()) {
        return ctx.usage(QStringLiteral("no algorithm is allowed for this key; give --alg"));
    }
    if (batch) {
        const int workers = parser.isSet(threads) ? parser.value(threads).toInt(&ok) : QThread::idealThreadCount();
        if (!ok || workers < 1 || workers > 256) {
            return ctx.usage(QStringLiteral("--threads needs a number from 1 to 256"));
        }
        return runBatch(verifier, ctx, parser.isSet(json), workers);
    }

    // One token: the GUI's pipeline (normalise, size cap, parse, lint, verify) with the same key selection.
    const Clock& clock = options.claims.clock ? *options.claims.clock : SystemClock::instance();
    const TokenAnalysis analysis =
        TokenAnalysis::analyse(ctx.readToken(args), Result<Jwks>(keys->keys), options, clock, keys->single);
    if (analysis.inputError) {
        return ctx.fail(*analysis.inputError);
    }
    // Empty input is not analysed further; the verifier still reports why it fails (the first step).
    const CompactToken token = analysis.hasToken() ? analysis.token : CompactToken::parse(QByteArray());
    const VerificationResult result = analysis.verification ? *analysis.verification : verifier.verify(token);
    const QStringList& notes = analysis.notes;
    LintFindings findings = analysis.lint;
    if (keys->single && keys->keys.keys().first().isSymmetric()) {
        findings.append(TokenLint::lintSecret(keys->keys.keys().first().secret(), token.alg()));
    }
    if (parser.isSet(json)) {
        QJsonObject o{{QStringLiteral("valid"), result.valid},
                      {QStringLiteral("steps"), TokenReport::stepsJson(result.steps)},
                      {QStringLiteral("findings"), TokenReport::findingsJson(findings)},
                      {QStringLiteral("key"), result.keyDescription},
                      {QStringLiteral("allowedAlgorithms"), QJsonArray::fromStringList(verifier.allowedAlgorithms())}};
        if (result.error) {
            o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), result.error->codeString()},
                                                          {QStringLiteral("message"), result.error->message},
                                                          {QStringLiteral("claim"), result.error->claim},
                                                          {QStringLiteral("reason"), result.error->reason}});
        }
        if (result.valid && !options.signatureOnly) {
            o.insert(QStringLiteral("claims"), result.claims);
        }
        ctx.outJson(o);
    } else {
        for (const auto& n : std::as_const(notes)) {
            ctx.outLine(QStringLiteral("Note: %1").arg(n));
        }
        ctx.outLine(QStringLiteral("Key: %1; allowed: %2")
                        .arg(keys->description, verifier.allowedAlgorithms().join(QLatin1String(", "))));
        ctx.outLine(TokenReport::stepsText(result));
        if (!findings.isEmpty()) {
            ctx.outLine(QStringLiteral("Findings:"));
            ctx.outLine(TokenReport::findingsText(findings));
        }
        ctx.outLine(result.valid ? QStringLiteral("Result: VALID")
                                 : QStringLiteral("Result: INVALID — %1").arg(result.error->toString()));
    }
    return result.valid ? ExitOk : ExitInvalid;
}
