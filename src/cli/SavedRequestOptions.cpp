// SPDX-License-Identifier: MIT
#include "cli/SavedRequestOptions.h"

#include "cli/CliWorkspace.h"
#include "workspace/Workspace.h"

SavedRequestOptions::SavedRequestOptions(const QString& itemHelp)
    : m_item(QStringLiteral("item"), itemHelp, QStringLiteral("PATH"))
    , m_env(QStringLiteral("env"),
            QStringLiteral("With --item: the environment (default: the workspace's active one)."),
            QStringLiteral("NAME"))
    , m_envVar(QStringLiteral("env-var"),
               QStringLiteral("With --item: a variable that overrides every layer (repeatable)."),
               QStringLiteral("K=V"))
    , m_workspace(CliWorkspace::option())
{
}

void SavedRequestOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({m_item, m_env, m_envVar, m_workspace});
}

bool SavedRequestOptions::itemOnlyOptionSet(const QCommandLineParser& parser) const
{
    return parser.isSet(m_env) || parser.isSet(m_envVar) || parser.isSet(m_workspace);
}

Result<SessionRequest> SavedRequestOptions::load(const QCommandLineParser& parser, CliWorkspace& workspace,
                                                 CliContext& ctx) const
{
    if (auto ok = workspace.open(parser.value(m_workspace), ctx); !ok)
        return ok.error();
    Workspace& ws = workspace.workspace();
    const QString path = parser.value(m_item);
    const CollectionNode* node = ws.find(path);
    if (!node || node->isContainer())
        return Error(ErrorCode::NotFound, QStringLiteral("no saved request \"%1\"").arg(CliWorkspace::printable(path)));
    auto environment = environmentOf(parser, ws);
    if (!environment)
        return environment.error();
    SessionRequest request = SessionRequest::fromItem(ws, *node, environment.value());
    if (auto added = addOverrides(parser, request); !added)
        return added.error();
    return request;
}

Result<const Environment*> SavedRequestOptions::environmentOf(const QCommandLineParser& parser,
                                                              const Workspace& workspace) const
{
    const QString envName = parser.isSet(m_env) ? parser.value(m_env) : workspace.activeEnvironment;
    const Environment* environment = envName.isEmpty() ? nullptr : workspace.environment(envName);
    if (!environment && parser.isSet(m_env))
        return Error(ErrorCode::NotFound,
                     QStringLiteral("no environment \"%1\"").arg(CliWorkspace::printable(envName)));
    return environment;
}

Result<void> SavedRequestOptions::addOverrides(const QCommandLineParser& parser, SessionRequest& request) const
{
    for (const QString& pair : parser.values(m_envVar)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return Error(ErrorCode::Usage, QStringLiteral("--env-var needs NAME=VALUE"));
        request.overrides.append({pair.left(eq), pair.mid(eq + 1), false, true});
    }
    return Result<void>::success();
}

Result<void> SavedRequestOptions::applyVariables(const QCommandLineParser& parser, const Workspace& workspace,
                                                 SessionRequest& request) const
{
    auto environment = environmentOf(parser, workspace);
    if (!environment)
        return environment.error();
    request.variableLayers = {Environment(QStringLiteral("globals"), workspace.globals)};
    if (environment.value())
        request.variableLayers.append(*environment.value());
    return addOverrides(parser, request);
}
