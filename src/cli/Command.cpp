// SPDX-License-Identifier: MIT
#include "cli/Command.h"

int Command::parse(QCommandLineParser& parser, const QStringList& arguments, CliContext& ctx, const QString& usage)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.setApplicationDescription(summary());
    if (!parser.parse(arguments)) {
        return ctx.usage(parser.errorText() + QStringLiteral(" (see: tokenscope-cli %1 --help)").arg(name()));
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        const qsizetype cut = text.indexOf(QLatin1Char('\n'));
        ctx.out(QStringLiteral("Usage: tokenscope-cli %1\n").arg(usage) + text.mid(cut + 1));
        return ExitOk;
    }
    return -1;
}

QStringList Command::listValues(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    QStringList out;
    for (const auto& v : parser.values(option)) {
        for (const auto& part : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            out.append(part.trimmed());
        }
    }
    return out;
}
