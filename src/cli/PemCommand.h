// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// pem to-jwk FILE [--passphrase P] [--private] [--kid K] [--alg A] [--use U]
class PemCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("pem"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
