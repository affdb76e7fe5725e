// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// snippet --lang L METHOD URL [request options] [--mask-secrets]: the request as code (SnippetGenerator);
/// snippet --list: the language ids.
class SnippetCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("snippet"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
