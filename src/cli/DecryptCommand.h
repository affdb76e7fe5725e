// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// `decrypt`: JWE decryption (compact or JSON) with the fixed step list; nested JWTs verified with --verify-jwks.
/// `decrypt -` with one compact token per stdin line is batch mode (all cores, one result line per token).
class DecryptCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("decrypt"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
    /// --jwks URL or --verify-jwks URL.
    bool needsNetwork(const QStringList& arguments) const override;
};
