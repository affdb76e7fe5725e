// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// decode [TOKEN|-]: segments, header, payload (exact literals), times, lint findings. Never verifies.
class DecodeCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("decode"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
