// SPDX-License-Identifier: MIT
#include "cli/DecodeCommand.h"

#include "cli/TokenReport.h"
#include "core/MockClock.h"
#include "core/SystemClock.h"
#include "jose/TokenLint.h"

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
    QByteArray input;
    if (args.isEmpty() || args.first() == QLatin1String("-")) {
        auto read = ctx.readInput(QStringLiteral("-"), CompactToken::kMaxLength * 4);
        if (!read) {
            return ctx.fail(read.error());
        }
        input = read.value();
    } else {
        input = args.first().toUtf8();
    }
    bool nowOk = true;
    const qint64 nowValue =
        parser.isSet(now) ? parser.value(now).toLongLong(&nowOk) : SystemClock::instance().nowSeconds();
    if (!nowOk) {
        return ctx.usage(QStringLiteral("--now needs a Unix time in seconds"));
    }
    const MockClock clock(nowValue);
    QStringList notes;
    const CompactToken token = CompactToken::parse(CompactToken::normalise(input, &notes));
    const LintFindings findings = TokenLint::lint(token, &clock);
    if (parser.isSet(json)) {
        ctx.outBytes(TokenReport::decodeJson(token, notes, findings, nowValue) + '\n');
    } else {
        ctx.outLine(TokenReport::decodeText(token, notes, findings, nowValue));
    }
    // A token that does not even decode is invalid input (exit 1); decoding never says "valid".
    return token.kind == CompactToken::Kind::Invalid || (token.error && token.segments.size() != 5) ? ExitInvalid
                                                                                                    : ExitOk;
}
