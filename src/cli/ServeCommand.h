// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// serve: the local mock protected API (Auth0's API quickstart routes) with, unless a JWKS is given, the embedded
/// issuer as a local OpenID provider (authorization code + PKCE, PAR, device grant, refresh rotation, introspection,
/// revocation, userinfo, DPoP; --users, --clients, --auto-approve, --dpop). Prints the start-up banner, then one line
/// per request on stdout (RequestLogFormatter; never a whole token). Stops cleanly on SIGINT/SIGTERM (exit 0); start-up
/// problems (bad option, port in use, unreadable JWKS or TLS files) are one line on stderr and exit 2.
class ServeCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("serve"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
