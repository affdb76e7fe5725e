// SPDX-License-Identifier: MIT
#include "cli/RunCommand.h"

#include "cli/CliWorkspace.h"
#include "formats/Importer.h"
#include "formats/IterationData.h"
#include "net/CollectionRunner.h"
#include "workspace/Workspace.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {

/// Containers called `name` below `node` (itself included), in collection order.
void findFolders(const CollectionNode* node, const QString& name, QList<const CollectionNode*>& out)
{
    if (!node->isContainer())
        return;
    if (node->kind() == CollectionNode::Kind::Folder && node->name() == name) {
        out.append(node);
        return;
    }
    for (int i = 0; i < node->childCount(); ++i)
        findFolders(node->child(i), name, out);
}

QString statusText(const RunRequestResult& r)
{
    return r.received && r.error.isEmpty() ? QString::number(r.status) : QStringLiteral("ERR");
}

Result<void> writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Result<void>::success();
}

} // namespace

int RunCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption workspaceOption = CliWorkspace::option();
    const QCommandLineOption folder(QStringLiteral("folder"),
                                    QStringLiteral("Run only the folder(s) called NAME (repeatable)."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption env(QStringLiteral("env"),
                                 QStringLiteral("The environment: of the workspace, or of --env-file."),
                                 QStringLiteral("NAME"));
    const QCommandLineOption envFile(QStringLiteral("env-file"),
                                     QStringLiteral("A Postman environment or an http-client.env.json."),
                                     QStringLiteral("F"));
    const QCommandLineOption envVar(QStringLiteral("env-var"),
                                    QStringLiteral("A variable over every layer (repeatable)."), QStringLiteral("K=V"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Iteration data: CSV with a header row or a "
                                                 "JSON array of objects."),
                                  QStringLiteral("F"));
    const QCommandLineOption iterations(QStringLiteral("iterations"),
                                        QStringLiteral("Iterations (default 1, or the rows of --data)."),
                                        QStringLiteral("N"));
    const QCommandLineOption bail(QStringLiteral("bail"), QStringLiteral("Stop at the first failure."));
    const QCommandLineOption delay(QStringLiteral("delay"), QStringLiteral("Wait between requests."),
                                   QStringLiteral("MS"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Per-request timeout."),
                                     QStringLiteral("MS"));
    const QCommandLineOption parallel(QStringLiteral("parallel"),
                                      QStringLiteral("Iterations run at once (requests within one stay in order)."),
                                      QStringLiteral("N"));
    const QCommandLineOption reporters(QStringLiteral("reporters"), QStringLiteral("cli, json, junit (default cli)."),
                                       QStringLiteral("LIST"));
    const QCommandLineOption jsonOut(QStringLiteral("json-out"), QStringLiteral("Write the JSON report to F."),
                                     QStringLiteral("F"));
    const QCommandLineOption junitOut(QStringLiteral("junit-out"), QStringLiteral("Write the JUnit XML report to F."),
                                      QStringLiteral("F"));
    const QCommandLineOption insecure(QStringList{QStringLiteral("k"), QStringLiteral("insecure")},
                                      QStringLiteral("Do not verify TLS certificates."));
    const QCommandLineOption cacert(QStringLiteral("cacert"), QStringLiteral("Extra trusted CA certificates (PEM)."),
                                    QStringLiteral("F"));
    parser.addOptions({workspaceOption, folder, env, envFile, envVar, data, iterations, bail, delay, timeout, parallel,
                       reporters, jsonOut, junitOut, insecure, cacert});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("A collection or folder of the workspace (\"Collection/Folder\"), or a "
                                                "Postman collection or .http file."));
    if (const int r = parse(parser, arguments, ctx,
                            QStringLiteral("run PATH [--workspace DIR] [--folder NAME]... [--env NAME] [--env-file F] "
                                           "[--env-var K=V]... [--data F] [--iterations N] [--bail] [--delay MS] "
                                           "[--timeout MS] [--parallel N] [--reporters cli,json,junit] [--json-out F] "
                                           "[--junit-out F] [-k] [--cacert F]"));
        r >= 0)
        return r;
    if (parser.positionalArguments().size() != 1)
        return ctx.usage(QStringLiteral("run needs one PATH"));
    const QString path = parser.positionalArguments().first();

    auto intOption = [&](const QCommandLineOption& o, int fallback, int minimum, int& out) {
        if (!parser.isSet(o)) {
            out = fallback;
            return true;
        }
        bool ok = false;
        out = parser.value(o).toInt(&ok);
        return ok && out >= minimum;
    };
    RunOptions options;
    int iterationCount = 0;
    if (!intOption(iterations, 0, 1, iterationCount) || !intOption(delay, 0, 0, options.delayMs) ||
        !intOption(timeout, 0, 0, options.timeoutMs) || !intOption(parallel, 1, 1, options.parallel))
        return ctx.usage(QStringLiteral("--iterations and --parallel need a number >= 1, --delay and --timeout >= 0"));
    QStringList reporterList = listValues(parser, reporters);
    if (reporterList.isEmpty())
        reporterList = {QStringLiteral("cli")};
    if (parser.isSet(jsonOut) && !reporterList.contains(QLatin1String("json")))
        reporterList.append(QStringLiteral("json"));
    if (parser.isSet(junitOut) && !reporterList.contains(QLatin1String("junit")))
        reporterList.append(QStringLiteral("junit"));
    for (const QString& r : std::as_const(reporterList)) {
        if (r != QLatin1String("cli") && r != QLatin1String("json") && r != QLatin1String("junit"))
            return ctx.usage(
                QStringLiteral("unknown reporter \"%1\" (cli, json, junit)").arg(CliWorkspace::printable(r)));
    }
    if (reporterList.contains(QLatin1String("junit")) && !parser.isSet(junitOut))
        return ctx.usage(QStringLiteral("the junit reporter needs --junit-out F"));
    const bool cliReporter = reporterList.contains(QLatin1String("cli"));
    const bool jsonToStdout = reporterList.contains(QLatin1String("json")) && !parser.isSet(jsonOut);
    if (cliReporter && jsonToStdout)
        return ctx.usage(QStringLiteral("the json reporter writes to stdout: give --json-out F to use it with cli"));

    for (const QString& pair : parser.values(envVar)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return ctx.usage(QStringLiteral("--env-var needs NAME=VALUE"));
        options.overrides.append({pair.left(eq), pair.mid(eq + 1), false, true});
    }
    if (parser.isSet(data)) {
        auto bytes = ctx.readInput(parser.value(data));
        if (!bytes)
            return ctx.fail(bytes.error());
        auto rows = IterationData::load(bytes.value(), parser.value(data));
        if (!rows)
            return ctx.fail(rows.error());
        options.data = rows.value();
    }
    options.iterations = iterationCount > 0 ? iterationCount : std::max<int>(1, int(options.data.size()));
    options.bail = parser.isSet(bail);
    options.insecure = parser.isSet(insecure);
    options.client.tls.caFile = parser.value(cacert);

    // The collection: a file imported in memory (nothing is written), or a collection/folder of the workspace.
    Workspace fileWorkspace;
    CliWorkspace cliWorkspace;
    const Workspace* workspace = nullptr;
    bool fromWorkspace = false;
    const CollectionNode* root = nullptr;
    const QFileInfo pathInfo(path);
    if (pathInfo.isFile()) {
        auto imported = Importer::importFile(path, Importer::Format::Auto);
        if (!imported)
            return ctx.fail(imported.error());
        ImportResult& result = imported.value();
        if (result.collections.empty())
            return ctx.usage(QStringLiteral("%1 holds no collection").arg(CliWorkspace::printable(path)));
        for (const auto& entry : result.report.entries()) {
            if (entry.outcome == ImportReport::Outcome::Dropped)
                ctx.errLine(CliWorkspace::printable(QStringLiteral("tokenscope-cli: warning: not imported: %1 %2: %3")
                                                        .arg(entry.kind, entry.path, entry.detail)));
        }
        fileWorkspace.environments = result.environments;
        fileWorkspace.authProfiles = result.authProfiles;
        root = fileWorkspace.insertCollection(0, std::move(result.collections.front()));
        workspace = &fileWorkspace;
    } else {
        if (auto ok = cliWorkspace.open(parser.value(workspaceOption), ctx, CliWorkspace::Access::ReadOnly); !ok)
            return ctx.fail(ok.error());
        workspace = &cliWorkspace.workspace();
        fromWorkspace = true;
        root = workspace->find(path);
        if (!root)
            return ctx.fail(
                Error(ErrorCode::NotFound,
                      QStringLiteral("no collection, folder or file \"%1\"").arg(CliWorkspace::printable(path))));
    }

    QList<const CollectionNode*> requests;
    if (parser.isSet(folder)) {
        for (const QString& name : parser.values(folder)) {
            QList<const CollectionNode*> folders;
            findFolders(root, name, folders);
            if (folders.isEmpty())
                return ctx.fail(
                    Error(ErrorCode::NotFound, QStringLiteral("no folder \"%1\"").arg(CliWorkspace::printable(name))));
            for (const CollectionNode* f : std::as_const(folders))
                requests += CollectionRunner::requestsBelow(*f);
        }
    } else {
        requests = CollectionRunner::requestsBelow(*root);
    }

    // The environment: from --env-file (Postman or http-client; --env picks one of several), or the workspace's.
    std::optional<Environment> environment;
    if (parser.isSet(envFile)) {
        auto loaded = Importer::loadEnvironment(parser.value(envFile), parser.value(env));
        if (!loaded) {
            if (loaded.error().code == ErrorCode::Usage)
                return ctx.usage(CliWorkspace::printable(QStringLiteral("--env-file: ") + loaded.error().message));
            return ctx.fail(loaded.error());
        }
        environment = std::move(loaded).value();
    } else if (parser.isSet(env)) {
        const Environment* e = workspace->environment(parser.value(env));
        if (!e)
            return ctx.fail(
                Error(ErrorCode::NotFound,
                      QStringLiteral("no environment \"%1\"").arg(CliWorkspace::printable(parser.value(env)))));
        environment = *e;
    } else if (fromWorkspace && !workspace->activeEnvironment.isEmpty()) {
        if (const Environment* e = workspace->environment(workspace->activeEnvironment))
            environment = *e;
    }

    CollectionRunner runner(*workspace, requests, environment ? &*environment : nullptr, options);
    const bool keep = reporterList.contains(QLatin1String("json")) || reporterList.contains(QLatin1String("junit"));
    const CollectionRunner::Sink sink = [&](const RunRequestResult& r) {
        if (!cliReporter)
            return;
        const QString prefix = options.iterations > 1 ? QStringLiteral("[%1] ").arg(r.iteration + 1) : QString();
        ctx.outLine(CliWorkspace::printable(
            QStringLiteral("%1%2 %3 %4 ms  %5").arg(prefix, r.method, statusText(r)).arg(r.elapsedMs).arg(r.label)));
        if (!r.error.isEmpty())
            ctx.outLine(CliWorkspace::printable(QStringLiteral("  ERROR %1").arg(r.error)));
        for (const auto& a : r.assertions) {
            switch (a.status) {
            case AssertionOutcome::Status::Passed:
                ctx.outLine(CliWorkspace::printable(QStringLiteral("  ok    %1").arg(a.name)));
                break;
            case AssertionOutcome::Status::Failed:
                ctx.outLine(CliWorkspace::printable(QStringLiteral("  FAIL  %1: %2").arg(a.name, a.message)));
                break;
            case AssertionOutcome::Status::Errored:
                ctx.outLine(CliWorkspace::printable(QStringLiteral("  ERROR %1: %2").arg(a.name, a.message)));
                break;
            }
        }
    };
    const RunReport report = runner.run(sink, keep);
    if (cliReporter)
        ctx.outLine(CliWorkspace::printable(report.summaryLine()));
    if (reporterList.contains(QLatin1String("json"))) {
        if (jsonToStdout) {
            ctx.outJson(report.toJson());
        } else if (auto ok = writeFile(parser.value(jsonOut), report.toJsonText()); !ok) {
            return ctx.fail(ok.error());
        }
    }
    if (reporterList.contains(QLatin1String("junit"))) {
        if (auto ok = writeFile(parser.value(junitOut), report.toJUnit()); !ok)
            return ctx.fail(ok.error());
    }
    return report.failed() ? ExitInvalid : ExitOk;
}
