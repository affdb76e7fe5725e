// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// import FILE... --into DIR [--format auto|postman|postman-env|curl|http|http-env|openapi|insomnia|har]
/// [--report-json F]: other tools' files into a workspace (a new one when DIR is empty or missing). Every file is read
/// and imported before anything is written, so an unreadable or unrecognised file (exit 2) leaves DIR untouched. The
/// report is printed (control characters escaped); exit 1 when it lists something dropped, 0 otherwise. Secrets go to
/// the keychain (the report says which). A private http-client env file given beside its public one is merged by the
/// public file's import.
class ImportCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("import"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
