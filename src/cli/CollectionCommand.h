// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

class CliWorkspace;
class CollectionNode;

/// collection show|new|add|rm|mv|lint: scripted reads and edits of a workspace's collections (WorkspaceStore
/// writes only the files an edit concerns). Exit 0 ok, 1 not found or conflict (or secrets found by lint), 2 usage
/// or I/O. Values given on the command line are never secrets: a credential in argv is refused (it would be
/// visible in `ps` and the shell history); write a {{variable}} and keep the value in an environment.
class CollectionCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("collection"); }
    int run(const QStringList& arguments, CliContext& ctx) override;

private:
    int show(const QStringList& arguments, CliContext& ctx);
    int create(const QStringList& arguments, CliContext& ctx);
    int add(const QStringList& arguments, CliContext& ctx);
    int remove(const QStringList& arguments, CliContext& ctx);
    int move(const QStringList& arguments, CliContext& ctx);
    int lint(const QStringList& arguments, CliContext& ctx);
};
