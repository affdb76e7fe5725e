// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"
#include "jose/Jwks.h"

/// Reads key material for the key options of verify/sign (KeyOptions) and decrypt/encrypt (JweKeyOptions): a file
/// ("-" = stdin) or, for a key set, an http(s) URL or an issuer's discovery (CliContext::fetchKeySet: RemoteJwksFetcher
/// in the command module, TLS against the system store plus `caFile`); parsed by KeyText; checked against the form the
/// option promised (one key or a set); described; keys a set had to skip are reported as warnings on stderr.
class KeySource
{
public:
    struct Request
    {
        QString location;      // FILE, "-", or (a set) an http(s) URL or an issuer URL
        bool wantSet = false;  // --jwks / --issuer: a JWK Set; otherwise exactly one key
        bool issuer = false;   // `location` is an issuer: OIDC discovery names the jwks_uri
        QString caFile;        // more trusted CA certificates for URLs
        QByteArray passphrase; // an encrypted PKCS#8 key
        JwkImportOptions importOptions;
        QString setAdvice = QStringLiteral("use --jwks"); // the error's advice when a set comes where one key belongs
    };
    struct Loaded
    {
        Jwks keys;
        bool single = true; // one key given directly (no kid matching), not a set
        QString description;
    };

    /// Errors: ERR_IO, the fetcher's errors, key parse errors, ERR_JWKS_INVALID / ERR_JWK_INVALID for the wrong form.
    static Result<Loaded> load(const Request& request, CliContext& ctx);
};
