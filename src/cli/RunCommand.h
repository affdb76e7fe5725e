// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// run PATH [--workspace DIR] [--folder NAME]... [--env NAME] [--env-file F] [--env-var K=V]... [--data F.csv|F.json]
/// [--iterations N] [--bail] [--delay MS] [--timeout MS] [--parallel N] [--reporters cli,json,junit] [--json-out F]
/// [--junit-out F] [-k] [--cacert F]: runs a collection (or folder) of the workspace, or a Postman collection or
/// .http file directly (as `newman run FILE`), through CollectionRunner. Exit 0 when every assertion passed, 1 when
/// one failed or errored or a request got no response, 2 on usage or unreadable input.
class RunCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("run"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
