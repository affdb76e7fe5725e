// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/Workspace.h"

/// The "Quickstart API" collection: the local mock API's six endpoints (Auth0's API quickstart and the seed
/// tutorial's ping routes) and the client-credentials token request to the embedded issuer, with the environment
/// "Local mock API" that points them at `tokenscope-cli serve` (or the Server tab).
///
/// Requests hold only {{variables}}: baseUrl, tokenUrl, clientId, audience and the secret clientSecret (kept in
/// the keychain by WorkspaceStore). The collection authenticates with the `oauth2` auth profile "Local mock API"
/// (client credentials, scope read:messages), which RequestSession fetches and caches on the first Send, as the
/// quickstart does with its access token. What Send shows: 200 on every public and protected route and on the
/// token request, 401 on "No token" and 403 on "Wrong scope" (a token with write:messages only).
class DemoWorkspace
{
public:
    struct Options
    {
        QString baseUrl = QStringLiteral("http://127.0.0.1:8000"); // ServerConfig's default port
        QString clientId = QStringLiteral("tokenscope-demo");
        QString clientSecret; // the embedded issuer's (random per data directory); empty: the user pastes it
        QString audience = QStringLiteral("https://tokenscope.local/api");
    };

    /// The defaults, with the embedded issuer's client secret when `tokenscope-cli serve` or the Server workspace
    /// ran before (it is kept in DataDirectory::issuerDirectory()).
    static Options optionsFromDataDirectory();

    static QString collectionName() { return QStringLiteral("Quickstart API"); }
    static QString environmentName() { return QStringLiteral("Local mock API"); }

    static std::unique_ptr<CollectionNode> collection();
    static Environment environment(const Options& options);
    /// "Local mock API" (scope read:messages) and "Local mock API (write:messages only)".
    static QList<AuthProfile> authProfiles();
    /// Adds the collection (name made unique), the environment (unless one of that name exists; made active when
    /// none is) and the profiles (unless they exist) to `workspace`. Returns the collection.
    static CollectionNode* addTo(Workspace& workspace, const Options& options);
};
