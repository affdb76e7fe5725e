// SPDX-License-Identifier: MIT
#include "cli/CommandCatalog.h"

#include <algorithm>
#include <array>

std::span<const CommandCatalog::Entry> CommandCatalog::entries()
{
    static constexpr std::array kEntries{
        Entry{"decode", "Decode a token without verifying it; show lint findings."},
        Entry{"verify", "Verify a token's signature and claims. Exit 0 valid, 1 invalid, 2 usage or I/O error."},
        Entry{"sign", "Create a signed JWT (compact JWS)."},
        Entry{"decrypt", "Decrypt a JWE (and verify a nested JWT)."},
        Entry{"encrypt", "Encrypt a payload into a JWE."},
        Entry{"keys", "Generate keys: keys generate --kty RSA|EC|OKP|oct ..."},
        Entry{"jwk", "JWK tools: thumbprint (RFC 7638), to-pem."},
        Entry{"pem", "PEM tools: to-jwk (keys and X.509 certificates)."},
        Entry{"jwks", "JWK Set tools: show (with --lint), diff (key rotation)."},
        Entry{"request", "Send an HTTP request; print status, headers and body; explain 401/403."},
        Entry{"probe", "Replay a request with bad tokens; name those the API wrongly accepts."},
        Entry{"snippet", "Print a request as code (curl, Python, Go, ...)."},
        Entry{"curl-import", "Parse a curl command into a request (JSON)."},
        Entry{"import", "Import Postman, Insomnia, OpenAPI/Swagger, HAR, .http, http-client env files or curl commands "
                        "into a workspace."},
        Entry{"export", "Export a collection of a workspace as a Postman v2.1 collection."},
        Entry{"serve", "Run the local mock protected API and embedded issuer until SIGINT/SIGTERM."},
        Entry{"collection", "Show and edit the collections of a workspace; lint it for leaked secrets."},
        Entry{"run", "Run a collection, folder, Postman collection or .http file with its assertions and scripts (CLI, "
                     "JSON and JUnit reports)."},
        Entry{"oauth", "Get an OAuth 2.0 / OpenID Connect token."},
    };
    return kEntries;
}

const CommandCatalog::Entry* CommandCatalog::find(const QString& name)
{
    const auto all = entries();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Entry& e) { return name == QLatin1String(e.name); });
    return it == all.end() ? nullptr : &*it;
}
