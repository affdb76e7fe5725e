// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// verify [TOKEN|-] with one key source and a policy. Prints the ordered checklist. With "-", verifies one token per
/// stdin line on all cores and prints one result line per token, in input order (batch mode).
class VerifyCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("verify"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
