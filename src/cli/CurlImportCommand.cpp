// SPDX-License-Identifier: MIT
#include "cli/CurlImportCommand.h"

#include "formats/CurlImporter.h"

#include <QJsonArray>

int CurlImportCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("The curl command as one argument, or - to read it from stdin."));
    // Everything after the subcommand is the curl line: stop option parsing so curl's own flags pass through.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    if (const int r = parse(parser, arguments, ctx, QStringLiteral("curl-import 'curl ...' | -")); r >= 0)
        return r;
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return ctx.usage(QStringLiteral("curl-import needs the curl command (quoted as one argument) or -"));
    QString command;
    if (args.size() == 1 && args.first() == QLatin1String("-")) {
        auto read = ctx.readInput(QStringLiteral("-"), 1024 * 1024);
        if (!read)
            return ctx.fail(read.error());
        command = QString::fromUtf8(read.value());
    } else {
        command = args.join(QLatin1Char(' '));
    }
    const auto parsed = CurlImporter::parse(command);
    if (!parsed)
        return ctx.fail(parsed.error());
    const CurlImport& import = parsed.value();
    ctx.outJson(QJsonObject{{QStringLiteral("request"), import.request.toJson()},
                            {QStringLiteral("insecure"), import.insecure},
                            {QStringLiteral("location"), import.location},
                            {QStringLiteral("compressed"), import.compressed},
                            {QStringLiteral("unsupportedFlags"), QJsonArray::fromStringList(import.unsupportedFlags)},
                            {QStringLiteral("notes"), QJsonArray::fromStringList(import.notes)}});
    for (const QString& flag : import.unsupportedFlags)
        ctx.errLine(QStringLiteral("tokenscope-cli: unsupported curl option %1 (not applied)").arg(flag));
    return ExitOk;
}
