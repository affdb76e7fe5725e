// SPDX-License-Identifier: MIT
#pragma once

#include "server/MockApiServer.h"
#include "storage/MemorySecretStore.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/WorkspaceStore.h"

#include <QFileInfo>
#include <QTemporaryDir>

namespace DemoWorkspaceFiles {

/// The demo workspace ("Quickstart API" against `server`) written to `dir`/demo-workspace once; its path, or empty
/// when it could not be written. The client secret is not in its files: a CLI run passes it as --env-var (with
/// TOKENSCOPE_SECRET_STORE=memory the CLI keeps secrets in memory).
inline QString write(const QTemporaryDir& dir, const MockApiServer& server)
{
    const QString path = dir.filePath(QStringLiteral("demo-workspace"));
    if (QFileInfo::exists(path))
        return path;
    MemorySecretStore secrets;
    WorkspaceStore store(path, &secrets);
    Workspace ws;
    DemoWorkspace::Options options;
    options.baseUrl = server.baseUrl();
    DemoWorkspace::addTo(ws, options);
    return store.saveAll(ws).ok() ? path : QString();
}

} // namespace DemoWorkspaceFiles
