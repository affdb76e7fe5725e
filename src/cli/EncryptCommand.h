// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// `encrypt`: produce a JWE (compact, or flattened JSON with --json-serialization).
class EncryptCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("encrypt"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
