// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

class SavedRequestOptions;
struct SessionRequest;

/// request METHOD URL [options] [--diagnose]: sends the request, prints status line, headers and body.
/// Exit 0 for 2xx/3xx, 1 for other statuses, 2 for usage and network errors. --diagnose adds the
/// "Why 401/403?" diagnosis (UnauthorizedDiagnosis) for 401/403 answers.
///
/// request --item PATH [--env NAME] [--env-var K=V]... [--workspace DIR]: sends a saved request of a workspace
/// through RequestSession (inherited headers and auth, variable layers, OAuth tokens from auth profiles, secrets
/// from the secret store); same output and exit codes.
///
/// request METHOD URL --auth-profile NAME [--workspace DIR]: the request authorized with an OAuth token of the
/// workspace's auth profile NAME (fetched, refreshed and retried by RequestSession's TokenManager, headless).
class RequestCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("request"); }
    int run(const QStringList& arguments, CliContext& ctx) override;

private:
    struct ItemOutput
    {
        bool diagnose = false;
        bool pretty = false;
        bool bodyOnly = false;
    };
    int runItem(const QCommandLineParser& parser, const SavedRequestOptions& saved, const ItemOutput& output,
                CliContext& ctx);
    /// Sends through RequestSession and prints (the saved request, or METHOD URL with --auth-profile).
    /// `tokenPrefix` non-empty: OAuth tokens are kept across runs under it (CliWorkspace::tokenStore()).
    int runSession(const SessionRequest& request, const ItemOutput& output, CliContext& ctx,
                   const QString& tokenPrefix = {});
};
