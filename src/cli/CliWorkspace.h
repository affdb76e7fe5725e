// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"
#include "storage/SecretStore.h"
#include "workspace/WorkspaceStore.h"

#include <QCommandLineOption>

#include <memory>

/// The workspace a CLI command works on: `--workspace DIR`, or the data directory's default workspace, which is
/// created on first use and seeded with the demo "Quickstart API" collection (DemoWorkspace).
///
/// Secrets go to the OS keychain (KeychainSecretStore) when the build has one; `TOKENSCOPE_SECRET_STORE=memory`
/// keeps them for the process only (tests, CI). Damaged or newer files are reported on stderr and left alone.
class CliWorkspace
{
public:
    static QCommandLineOption option();
    /// The directory `--workspace` names, or the default workspace.
    static QString directoryFrom(const QString& optionValue);

    /// Loads the workspace (seeding the default one on first use). Errors: ERR_IO.
    enum class Access
    {
        ReadWrite,
        ReadOnly, // the command only reads: the store keeps no hashes of what it read (WorkspaceStore::setTrackChanges)
        PrintJson, // ReadOnly, and it only prints the normalised JSON (WorkspaceStore::setShowJsonOnly)
    };
    Result<void> open(const QString& optionValue, CliContext& ctx, Access access = Access::ReadWrite);

    Workspace& workspace() { return *m_workspace; }
    WorkspaceStore& store() { return *m_store; }
    QString directory() const { return m_directory; }
    /// False when secrets live only as long as this process (no keychain, or TOKENSCOPE_SECRET_STORE=memory).
    bool secretsPersistent() const { return m_secrets && m_secrets->isPersistent(); }

    /// Where OAuth tokens of this workspace's profiles are kept across runs (TokenManager::setSecretStore): the
    /// keychain when there is one, else (or with TOKENSCOPE_SECRET_STORE=memory) memory shared by the whole process,
    /// so in-process tests see one run's token in the next. Never a workspace file.
    static std::shared_ptr<SecretStore> tokenStore();
    /// "tokenscope/workspace/<id>/oauth/": the prefix of the tokens' secrets.
    QString tokenPrefix() const;
    /// The saved auth profile `name`; ERR_NOT_FOUND (naming the profile and the directory) when there is none.
    Result<AuthProfile> authProfile(const QString& name) const;

    /// Control characters (from files or tokens) escaped as \xNN, so a name cannot drive the terminal.
    static QString printable(const QString& text);

private:
    static std::unique_ptr<SecretStore> makeSecretStore();
    Result<void> seedDemo(CliContext& ctx);

    QString m_directory;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<WorkspaceStore> m_store;
    std::unique_ptr<Workspace> m_workspace;
};
