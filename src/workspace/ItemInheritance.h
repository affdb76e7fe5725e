// SPDX-License-Identifier: MIT
#pragma once

#include "request/Environment.h"
#include "workspace/Workspace.h"

/// What a request (or a folder's settings) takes from the levels above it, computed from the tree alone.
class ItemInheritance
{
public:
    /// The auth that applies to `node` and where it is set: the node itself when it does not inherit, else the
    /// nearest folder or collection above it that does not; `None` from the collection when nothing sets one.
    struct EffectiveAuth
    {
        AuthConfig auth;
        const CollectionNode* source = nullptr; // the node whose auth this is (null: nothing set it)
        bool inherited = false;                 // true when source != node
        /// "Quickstart API / Admin" style text of where it comes from, empty when not inherited.
        QString sourceText() const;
    };
    static EffectiveAuth effectiveAuth(const CollectionNode& node);
    /// The same for `node` edited to have `own` as its auth (an editor's unsaved state).
    static EffectiveAuth effectiveAuth(const CollectionNode& node, const AuthConfig& own);

    /// Headers of the collection, then each folder, then the request; a lower level replaces a header of the same
    /// name (case-insensitive) set above it. Switched-off rows of the request are kept (they are not sent).
    static QList<HttpRequestSpec::Row> effectiveHeaders(const CollectionNode& request);
    static QList<HttpRequestSpec::Row> effectiveHeaders(const CollectionNode& request,
                                                        const QList<HttpRequestSpec::Row>& own);

    /// The {{variable}} layers for `node`, lowest priority first: workspace globals, the collection, each folder
    /// down to the node's parent, the active environment (`environment`, may be null), the request's own.
    static QList<Environment> variableLayers(const Workspace& workspace, const CollectionNode& node,
                                             const Environment* environment);
    static QList<Environment> variableLayers(const Workspace& workspace, const CollectionNode& node,
                                             const Environment* environment, const QList<EnvironmentVariable>& own);
};
