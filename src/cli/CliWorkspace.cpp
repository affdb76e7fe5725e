// SPDX-License-Identifier: MIT
#include "cli/CliWorkspace.h"

#include "storage/DataDirectory.h"
#include "storage/MemorySecretStore.h"
#include "storage/SecretStores.h"
#include "workspace/DemoWorkspace.h"
#ifdef TOKENSCOPE_HAVE_KEYCHAIN
#include "storage/KeychainSecretStore.h"
#endif

#include <QDir>
#include <QFile>

QCommandLineOption CliWorkspace::option()
{
    return QCommandLineOption(QStringLiteral("workspace"),
                              QStringLiteral("The workspace directory (default: %1).")
                                  .arg(QDir::toNativeSeparators(DataDirectory::defaultWorkspace())),
                              QStringLiteral("DIR"));
}

QString CliWorkspace::directoryFrom(const QString& optionValue)
{
    return optionValue.isEmpty() ? DataDirectory::defaultWorkspace() : QDir(optionValue).absolutePath();
}

std::unique_ptr<SecretStore> CliWorkspace::makeSecretStore()
{
#ifdef TOKENSCOPE_HAVE_KEYCHAIN
    if (qEnvironmentVariable("TOKENSCOPE_SECRET_STORE") != QLatin1String("memory"))
        return std::make_unique<KeychainSecretStore>();
#endif
    return std::make_unique<MemorySecretStore>();
}

std::shared_ptr<SecretStore> CliWorkspace::tokenStore()
{
    if (qEnvironmentVariable("TOKENSCOPE_SECRET_STORE") == QLatin1String("memory")) {
        static const std::shared_ptr<SecretStore> memory = std::make_shared<MemorySecretStore>();
        return memory;
    }
    return SecretStores::shared();
}

QString CliWorkspace::tokenPrefix() const
{
    return WorkspaceStore::secretKey(m_workspace->id, {QStringLiteral("oauth")}) + QLatin1Char('/');
}

Result<AuthProfile> CliWorkspace::authProfile(const QString& name) const
{
    if (const AuthProfile* saved = m_workspace->authProfile(name))
        return *saved;
    return Error(ErrorCode::NotFound,
                 QStringLiteral("no auth profile named \"%1\" in %2").arg(printable(name), m_directory));
}

QString CliWorkspace::printable(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

Result<void> CliWorkspace::seedDemo(CliContext& ctx)
{
    // When `tokenscope-cli serve` ran before, the demo environment gets the issuer's client secret (into the
    // secret store, not the files).
    const DemoWorkspace::Options options = DemoWorkspace::optionsFromDataDirectory();
    m_workspace->name = QStringLiteral("Default workspace");
    DemoWorkspace::addTo(*m_workspace, options);
    if (auto ok = m_store->saveAll(*m_workspace); !ok)
        return ok;
    ctx.errLine(QStringLiteral("tokenscope-cli: created the default workspace %1 with the \"%2\" collection")
                    .arg(printable(QDir::toNativeSeparators(m_directory)), DemoWorkspace::collectionName()));
    return Result<void>::success();
}

Result<void> CliWorkspace::open(const QString& optionValue, CliContext& ctx, Access access)
{
    m_directory = directoryFrom(optionValue);
    m_secrets = makeSecretStore();
    m_store = std::make_unique<WorkspaceStore>(m_directory, m_secrets.get());
    const bool firstUse = optionValue.isEmpty() && !QDir(m_directory).exists();
    // The first use writes the demo workspace: that is not a read-only open.
    m_store->setTrackChanges(access == Access::ReadWrite || firstUse);
    m_store->setShowJsonOnly(access == Access::PrintJson);
    auto loaded = m_store->load();
    if (!loaded)
        return loaded.error();
    m_workspace = std::move(loaded).value();
    for (const WorkspaceProblem& p : m_store->problems()) {
        // Without a persistent keychain every secret is "missing" in a new process: not worth a warning each time.
        if (p.error.code == ErrorCode::Io && p.line == 0 && !m_secrets->isPersistent())
            continue;
        ctx.errLine(QStringLiteral("tokenscope-cli: warning: ") + printable(p.text()));
    }
    if (firstUse)
        return seedDemo(ctx);
    return Result<void>::success();
}
