// SPDX-License-Identifier: MIT
#include "cli/DecodeCommand.h"

#include "cli/TokenReport.h"
#include "core/MockClock.h"
#include "core/SystemClock.h"
#include "jose/TokenAnalysis.h"

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
    bool nowOk = true;
    const qint64 nowValue =
        parser.isSet(now) ? parser.value(now).toLongLong(&nowOk) : SystemClock::instance().nowSeconds();
    if (!nowOk) {
        return ctx.usage(QStringLiteral("--now needs a Unix time in seconds"));
    }
    const MockClock clock(nowValue);
    // The GUI's pipeline (normalise, size cap, parse, lint) without a key: decoding never verifies.
    const TokenAnalysis analysis = TokenAnalysis::analyse(ctx.readToken(args), std::nullopt, {}, clock);
    if (analysis.inputError) {
        return ctx.fail(*analysis.inputError);
    }
    // Empty input is not analysed further; parsing it gives the parser's "empty" error for the report.
    const CompactToken token = analysis.hasToken() ? analysis.token : CompactToken::parse(QByteArray());
    if (parser.isSet(json)) {
        ctx.outBytes(TokenReport::decodeJson(token, analysis.notes, analysis.lint, nowValue) + '\n');
    } else {
        ctx.outLine(TokenReport::decodeText(token, analysis.notes, analysis.lint, nowValue));
    }
    // A token that does not even decode is invalid input (exit 1); decoding never says "valid".
    return token.kind == CompactToken::Kind::Invalid || (token.error && token.segments.size() != 5) ? ExitInvalid
                                                                                                    : ExitOk;
}
