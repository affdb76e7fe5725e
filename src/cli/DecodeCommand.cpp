// SPDX-License-Identifier: MIT
#include "cli/DecodeCommand.h"

#include "cli/TokenReport.h"
#include "core/JsonText.h"
#include "core/MockClock.h"
#include "core/SystemClock.h"
#include "crypto/CryptoInit.h"
#include "jose/DpopCheck.h"
#include "jose/JweToken.h"
#include "jose/TokenAnalysis.h"

#include <QJsonArray>

namespace {

/// A JWE in the JSON serialisation (RFC 7516 §7.2): its headers can be shown, its content cannot.
int decodeJsonJwe(const QByteArray& input, bool json, CliContext& ctx)
{
    const auto token = JweToken::parse(input);
    if (!token) {
        if (json) {
            ctx.outJson(QJsonObject{
                {QStringLiteral("kind"), QStringLiteral("JWE")},
                {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), token.error().codeString()},
                                                      {QStringLiteral("message"), token.error().message}}}});
        } else {
            ctx.outLine(QStringLiteral("Token: JWE (JSON serialisation) — %1").arg(token.error().toString()));
        }
        return ExitInvalid;
    }
    const JweToken& t = token.value();
    const QString form = t.serialization == JweToken::Serialization::JsonGeneral ? QStringLiteral("general JSON")
                                                                                 : QStringLiteral("flattened JSON");
    if (json) {
        QJsonArray recipients;
        for (int i = 0; i < t.recipients.size(); ++i) {
            recipients.append(t.joseHeader(i));
        }
        ctx.outJson(QJsonObject{{QStringLiteral("kind"), QStringLiteral("JWE")},
                                {QStringLiteral("serialization"), form},
                                {QStringLiteral("header"), t.protectedHeader},
                                {QStringLiteral("unprotected"), t.sharedUnprotected},
                                {QStringLiteral("recipients"), recipients},
                                {QStringLiteral("encrypted"), true}});
        return ExitOk;
    }
    ctx.outLine(QStringLiteral("Token: JWE, %1 serialisation, %2 recipient(s) — decoded, NOT decrypted")
                    .arg(form)
                    .arg(t.recipients.size()));
    ctx.outLine(QStringLiteral("Protected header:"));
    ctx.outLine(QString::fromUtf8(JsonText::pretty(JsonText::compact(t.protectedHeader))));
    for (int i = 0; i < t.recipients.size(); ++i) {
        ctx.outLine(QStringLiteral("Recipient %1 header: %2")
                        .arg(i)
                        .arg(QString::fromUtf8(JsonText::compact(t.joseHeader(i)))));
    }
    ctx.outLine(QStringLiteral("Payload: the content is encrypted — decrypt it with `tokenscope-cli decrypt`"));
    return ExitOk;
}

/// RFC 9449 for a DPoP proof (its §4.3 checklist, without the request it came with) or a token bound with cnf.jkt.
QStringList dpopLines(const QByteArray& token, const Clock& clock)
{
    DpopCheckOptions options;
    options.clock = &clock;
    const bool proof = DpopCheck::isProof(token);
    if (!proof)
        options.accessToken = token;
    const DpopCheckReport report = DpopCheck::check(proof ? QByteArrayView(token) : QByteArrayView(), options);
    if (!proof && report.tokenJkt.isEmpty())
        return {};
    QStringList lines{proof ? QStringLiteral("DPoP proof (RFC 9449 §4.3), without the request it came with (htm, htu, "
                                             "ath and nonce need it: tokenscope-cli does not check them here):")
                            : QStringLiteral("DPoP-bound access token (RFC 9449 §6.1):")};
    for (const DpopCheckRow& row : report.tokenRows + report.proofRows)
        lines.append(QStringLiteral("  %1 %2 — %3: %4")
                         .arg(VerificationStep::statusName(row.status), -7)
                         .arg(row.title, row.section, row.message));
    return lines;
}

} // namespace

int DecodeCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Machine-readable output."));
    const QCommandLineOption now(QStringLiteral("now"), QStringLiteral("Evaluate times at this Unix time."),
                                 QStringLiteral("EPOCH"));
    parser.addOptions({json, now});
    parser.addPositionalArgument(QStringLiteral("token"), QStringLiteral("The token, or - to read it from stdin."));
    if (const int r = parse(parser, arguments, ctx, QStringLiteral("decode [--json] [--now EPOCH] [TOKEN|-]"));
        r >= 0) {
        return r;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1) {
        return ctx.usage(QStringLiteral("decode takes one token"));
    }
    // A DPoP proof's signature is verified (dpopLines): the signature self-test first (CliApplication::SelfTests).
    if (auto ok = CryptoInit::init(); !ok) {
        return ctx.fail(ok.error());
    }
    bool nowOk = true;
    const qint64 nowValue =
        parser.isSet(now) ? parser.value(now).toLongLong(&nowOk) : SystemClock::instance().nowSeconds();
    if (!nowOk) {
        return ctx.usage(QStringLiteral("--now needs a Unix time in seconds"));
    }
    const QByteArray input = ctx.readToken(args);
    // A JWE in the JSON serialisation has no compact form to analyse: its headers are shown as they are.
    if (input.trimmed().startsWith('{') && JweToken::looksLikeJwe(input)) {
        return decodeJsonJwe(input, parser.isSet(json), ctx);
    }
    const MockClock clock(nowValue);
    // The GUI's pipeline (normalise, size cap, parse, lint) without a key: decoding never verifies.
    const TokenAnalysis analysis = TokenAnalysis::analyse(input, std::nullopt, {}, clock);
    if (analysis.inputError) {
        return ctx.fail(*analysis.inputError);
    }
    // Empty input is not analysed further; parsing it gives the parser's "empty" error for the report.
    const CompactToken token = analysis.hasToken() ? analysis.token : CompactToken::parse(QByteArray());
    if (parser.isSet(json)) {
        ctx.outBytes(TokenReport::decodeJson(token, analysis.notes, analysis.lint, nowValue) + '\n');
    } else {
        ctx.outLine(TokenReport::decodeText(token, analysis.notes, analysis.lint, nowValue));
        if (analysis.hasToken()) {
            for (const QString& line : dpopLines(analysis.normalised, clock))
                ctx.outLine(line);
        }
    }
    // A token that does not even decode is invalid input (exit 1); decoding never says "valid".
    return token.kind == CompactToken::Kind::Invalid || (token.error && token.segments.size() != 5) ? ExitInvalid
                                                                                                    : ExitOk;
}
