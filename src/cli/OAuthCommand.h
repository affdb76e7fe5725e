// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// `tokenscope-cli oauth token|forget|introspect|revoke|userinfo`: `token` gets a token from an authorization server
/// with the net layer's OAuth client (TokenEndpointClient, AuthServerMetadata), from flags or a saved auth profile.
/// Secrets only from environment variables, files or the workspace's keychain, never from argv. Exit 0 with a token, 1
/// when the server refused (its RFC 6749 §5.2 error printed), 2 on usage, network or I/O errors.
class OAuthCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("oauth"); }
    int run(const QStringList& arguments, CliContext& ctx) override;

private:
    int runToken(const QStringList& arguments, CliContext& ctx);
    int runForget(const QStringList& arguments, CliContext& ctx);
    /// introspect (RFC 7662), revoke (RFC 7009), userinfo (OIDC Core §5.3).
    int runAction(const QString& action, const QStringList& arguments, CliContext& ctx);
};
