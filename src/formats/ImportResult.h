// SPDX-License-Identifier: MIT
#pragma once

#include "formats/ImportReport.h"
#include "request/Environment.h"
#include "workspace/AuthProfile.h"
#include "workspace/CollectionNode.h"
#include "workspace/Workspace.h"

class WorkspaceStore;

#include <memory>
#include <vector>

/// What an importer produced from one or more files: collections (trees of the workspace model), environments,
/// auth profiles referenced by `oauth2` auth in those collections, and the report. Values are as in the file
/// (`{{variables}}` unresolved); secrets are in memory here and reach the SecretStore when a WorkspaceStore writes
/// them. Move-only (the collections are owned).
struct ImportResult
{
    std::vector<std::unique_ptr<CollectionNode>> collections;
    QList<Environment> environments;
    QList<AuthProfile> authProfiles;
    ImportReport report;

    /// Moves everything of `other` in (report entries appended).
    void append(ImportResult&& other);

    /// Renames what would clash with `workspace` or with each other: collections, environments and auth profiles
    /// whose name is taken (case-insensitive) get " 2", " 3", ... (oauth2 auth that names a renamed profile follows),
    /// each with a `converted` line. Afterwards everything can be added to `workspace` as it is. Call it for the
    /// result of one file at a time (adding each before the next): profile references are followed by name.
    void fitInto(const Workspace& workspace);

    /// What `tokenscope-cli import --into` and the GUI's File → Import… both do with a result: fitInto(), then the
    /// environments and auth profiles appended to `workspace`, each collection added at the end through `store`
    /// (its files written; secrets to the store's SecretStore), and the environments and workspace file saved.
    /// The collections are moved out. Errors: those of the store (nothing is rolled back: what was written stays).
    Result<void> addTo(Workspace& workspace, WorkspaceStore& store);
};
