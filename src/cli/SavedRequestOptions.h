// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"
#include "net/RequestSession.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

class CliWorkspace;
class Workspace;

/// The saved-request options of `request` and `probe`: --item PATH [--workspace DIR] [--env NAME] [--env-var K=V]...
/// and how they become a SessionRequest (the item with what it inherits, the environment, the overrides).
class SavedRequestOptions
{
public:
    /// `itemHelp`: the --item option's help ("Send the saved request at PATH ...").
    explicit SavedRequestOptions(const QString& itemHelp);
    void addTo(QCommandLineParser& parser) const;

    bool itemSet(const QCommandLineParser& parser) const { return parser.isSet(m_item); }
    /// --env, --env-var or --workspace given (they only go with --item).
    bool itemOnlyOptionSet(const QCommandLineParser& parser) const;

    /// Opens the workspace into `workspace` and builds the request. Errors: ERR_IO (workspace), ERR_NOT_FOUND (no
    /// such item or environment), ERR_USAGE (an --env-var without '=').
    Result<SessionRequest> load(const QCommandLineParser& parser, CliWorkspace& workspace, CliContext& ctx) const;
    /// For a request that is not a saved item (`request METHOD URL --auth-profile NAME`): the variable layers
    /// (globals, then --env or the active environment) and the --env-var overrides of the opened `workspace`.
    /// Errors: as load().
    Result<void> applyVariables(const QCommandLineParser& parser, const Workspace& workspace,
                                SessionRequest& request) const;

private:
    Result<const Environment*> environmentOf(const QCommandLineParser& parser, const Workspace& workspace) const;
    Result<void> addOverrides(const QCommandLineParser& parser, SessionRequest& request) const;

    QCommandLineOption m_item;
    QCommandLineOption m_env;
    QCommandLineOption m_envVar;
    QCommandLineOption m_workspace;
};
