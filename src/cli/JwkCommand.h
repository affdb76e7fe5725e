// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// jwk thumbprint FILE [--hash H] | jwk to-pem FILE [--private] [--format F] [--passphrase P]
class JwkCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("jwk"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
