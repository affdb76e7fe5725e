// SPDX-License-Identifier: MIT
#pragma once

#include "formats/ImportResult.h"

/// Literal credentials in form bodies and headers — a `client_secret` or `password` field of a token request, an
/// `X-API-Key` header, as real Postman collections and OpenAPI examples carry them — would be written into the
/// workspace files; issue 11 wants every secret found in an imported file in the keychain. Each such field's value
/// becomes a secret variable of its request (which the workspace store keeps in the SecretStore) and the field refers
/// to it as `{{name}}`, so the request sends the same bytes. Names are SecretLint::isSecretName's; empty values and
/// `{{…}}`-only values are left alone. In a raw JSON or urlencoded body the value's text is replaced where it stands
/// (nothing else reformatted) and the variable holds it as written — JSON escapes and percent-encoding kept — because
/// VariableResolver substitutes into body text verbatim: a decoded `"` or `&` would change the bytes sent. A raw value
/// already containing `{{` is left alone. An `Authorization` (or `Proxy-Authorization`) header keeps its scheme and
/// moves its credentials (`Bearer {{Authorization}}`); a URL's `user:password@` keeps the user name.
class BodySecrets
{
public:
    /// Every request of every collection of `result`: urlencoded rows, multipart text parts, header rows and string
    /// members or pairs of raw JSON and urlencoded bodies (edited in place, the secret kept as written); one
    /// `secret` report line per moved value.
    static void moveToVariables(ImportResult& result);
};
