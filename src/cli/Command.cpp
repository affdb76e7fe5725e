// SPDX-License-Identifier: MIT
#include "cli/Command.h"

#include "cli/CommandCatalog.h"

QString Command::summary() const
{
    const CommandCatalog::Entry* entry = CommandCatalog::find(name());
    Q_ASSERT(entry); // every command has its line in the catalog
    return entry ? QString::fromUtf8(entry->summary) : QString();
}

bool Command::needsNetwork(const QStringList& /*arguments*/) const
{
    return false;
}

QCommandLineOption Command::addHelp(QCommandLineParser& parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    return help;
}

int Command::parse(QCommandLineParser& parser, const QStringList& arguments, CliContext& ctx, const QString& usage)
{
    const QCommandLineOption help = addHelp(parser);
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

bool Command::parseQuietly(QCommandLineParser& parser, const QStringList& arguments)
{
    addHelp(parser);
    return parser.parse(arguments);
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
