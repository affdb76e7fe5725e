// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// sign --alg A (--secret S | --key FILE) [--kid K] [--header JSON] (--claims JSON | --claims @FILE) [--exp 1h] [--iat]
class SignCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sign"); }
    int run(const QStringList& arguments, CliContext& ctx) override;

    /// "90", "90s", "15m", "1h", "2d" → seconds; nullopt when malformed.
    static std::optional<qint64> parseDuration(const QString& text);
};
