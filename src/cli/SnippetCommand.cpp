// SPDX-License-Identifier: MIT
#include "cli/SnippetCommand.h"

#include "cli/RequestOptions.h"
#include "request/SnippetGenerator.h"

int SnippetCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const RequestOptions requestOptions;
    requestOptions.addTo(parser);
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Language id (see --list)."),
                                  QStringLiteral("L"));
    const QCommandLineOption list(QStringLiteral("list"), QStringLiteral("List the language ids."));
    const QCommandLineOption mask(QStringLiteral("mask-secrets"),
                                  QStringLiteral("Replace tokens, passwords and API keys with placeholders."));
    parser.addOptions({lang, list, mask});
    if (const int r = parse(parser, arguments, ctx,
                            QString(QStringLiteral("snippet --lang L ") + RequestOptions::usage() +
                                    QStringLiteral(" [--mask-secrets] | snippet --list")));
        r >= 0)
        return r;
    if (parser.isSet(list)) {
        for (const QString& id : SnippetGenerator::languages())
            ctx.outLine(QStringLiteral("%1  %2").arg(id, -20).arg(SnippetGenerator::displayName(id)));
        return ExitOk;
    }
    if (!parser.isSet(lang))
        return ctx.usage(QStringLiteral("snippet needs --lang (see snippet --list)"));
    auto spec = requestOptions.build(parser, parser.positionalArguments(), ctx);
    if (!spec)
        return ctx.fail(spec.error());
    SnippetOptions options;
    options.maskSecrets = parser.isSet(mask);
    const auto code = SnippetGenerator::generate(parser.value(lang), spec.value(), options);
    if (!code)
        return ctx.fail(code.error());
    ctx.out(code.value());
    if (!code.value().endsWith(QLatin1Char('\n')))
        ctx.out(QStringLiteral("\n"));
    return ExitOk;
}
