// SPDX-License-Identifier: MIT
#include "cli/ImportCommand.h"

#include "cli/CliWorkspace.h"
#include "formats/HttpEnvironmentImporter.h"
#include "formats/Importer.h"
#include "storage/AtomicFile.h"

#include <QDir>
#include <QJsonDocument>

int ImportCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files to import."), QStringLiteral("FILE..."));
    const QCommandLineOption into(QStringLiteral("into"),
                                  QStringLiteral("The workspace directory: empty or missing (a new workspace) or an "
                                                 "existing workspace."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("The files' format: %1 (default auto: by content).")
                                        .arg(Importer::formatNames().join(QLatin1Char('|'))),
                                    QStringLiteral("FORMAT"), QStringLiteral("auto"));
    const QCommandLineOption reportJson(QStringLiteral("report-json"),
                                        QStringLiteral("Also write the report as JSON to this file."),
                                        QStringLiteral("F"));
    parser.addOptions({into, format, reportJson});
    const QString usage = QStringLiteral("import FILE... --into DIR [--format %1] [--report-json F]")
                              .arg(Importer::formatNames().join(QLatin1Char('|')));
    if (const int r = parse(parser, arguments, ctx, usage); r >= 0)
        return r;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return ctx.usage(QStringLiteral("import needs at least one FILE"));
    if (!parser.isSet(into) || parser.value(into).isEmpty())
        return ctx.usage(QStringLiteral("import needs --into DIR"));
    const auto chosen = Importer::formatFromName(parser.value(format));
    if (!chosen)
        return ctx.usage(QStringLiteral("unknown --format \"%1\" (one of %2)")
                             .arg(CliWorkspace::printable(parser.value(format)),
                                  Importer::formatNames().join(QStringLiteral(", "))));

    // Everything is read first: a file that cannot be read or recognised stops the import before anything is written.
    std::vector<ImportResult> results;
    for (const QString& file : files) {
        // A private http-client env file given beside its public one is merged by the public file's import.
        const bool merged = (*chosen == Importer::Format::Auto || *chosen == Importer::Format::HttpEnvironment) &&
                            std::any_of(files.begin(), files.end(), [&](const QString& other) {
                                const QString sibling = HttpEnvironmentImporter::privateSibling(other);
                                return !sibling.isEmpty() &&
                                       QFileInfo(sibling).absoluteFilePath() == QFileInfo(file).absoluteFilePath();
                            });
        if (merged)
            continue;
        auto imported = Importer::importFile(file, *chosen);
        if (!imported) {
            Error e = imported.error();
            e.message = CliWorkspace::printable(QDir::toNativeSeparators(file)) + QStringLiteral(": ") +
                        CliWorkspace::printable(e.message);
            return ctx.fail(e, ExitUsage);
        }
        results.push_back(std::move(imported).value());
    }

    const QString directory = QDir(parser.value(into)).absolutePath();
    const QDir dir(directory);
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden) &&
        !QFileInfo::exists(dir.filePath(QStringLiteral("workspace.json"))))
        return ctx.usage(QStringLiteral("%1 is neither empty nor a workspace (it has no workspace.json)")
                             .arg(CliWorkspace::printable(QDir::toNativeSeparators(directory))));
    CliWorkspace ws;
    if (auto opened = ws.open(directory, ctx); !opened)
        return ctx.fail(opened.error());
    Workspace& workspace = ws.workspace();
    if (workspace.name.isEmpty())
        workspace.name = QFileInfo(directory).fileName();

    ImportReport report;
    for (ImportResult& result : results) {
        if (auto ok = result.addTo(workspace, ws.store()); !ok)
            return ctx.fail(ok.error());
        report.append(result.report);
    }

    for (const QString& line : report.toLines())
        ctx.outLine(line);
    const int secrets = report.count(ImportReport::Outcome::Secret);
    if (secrets > 0 && !ws.secretsPersistent())
        ctx.errLine(QStringLiteral("tokenscope-cli: warning: no keychain: the %1 secrets above are kept for this "
                                   "process only; the workspace files list them under \"keychain\" without values")
                        .arg(secrets));
    if (parser.isSet(reportJson)) {
        const QByteArray json = QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
        if (auto ok = AtomicFile::write(parser.value(reportJson), json); !ok)
            return ctx.fail(ok.error());
    }
    ctx.errLine(QStringLiteral("tokenscope-cli: imported into %1")
                    .arg(CliWorkspace::printable(QDir::toNativeSeparators(directory))));
    return report.hasDropped() ? ExitInvalid : ExitOk;
}
