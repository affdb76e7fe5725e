// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// curl-import 'curl ...' (or - for stdin): the parsed request as JSON, with the flags it could not honour.
class CurlImportCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("curl-import"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
