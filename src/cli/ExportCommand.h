// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// export PATH [--workspace DIR] --format postman [--out F]: a collection (or a folder, as a collection of its own
/// name) of the workspace as a Postman Collection v2.1 (PostmanExporter; import → export → import keeps the model).
/// Written to F (atomically) or printed. The values the workspace keeps in the keychain are written into the file as
/// they are, as Postman does; stderr says how many there are. `http` and `curl` are not written yet (exit 2).
class ExportCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("export"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
