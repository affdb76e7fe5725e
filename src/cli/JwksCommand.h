// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// jwks show FILE|URL|--issuer URL [--lint] [--json]; jwks diff OLD NEW. `show --lint` exits 1 when a critical
/// finding exists, so it can guard a CI pipeline.
class JwksCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("jwks"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
