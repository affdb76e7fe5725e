// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "request/HttpRequestSpec.h"

#include <QStringList>

struct SnippetOptions
{
    /// Replace bearer tokens, Basic credentials, passwords, API keys and cookies with placeholders
    /// (<TOKEN>, <CREDENTIALS>, <PASSWORD>, <API_KEY>, <COOKIE>, <SECRET>); see HttpRequestSpec::redacted().
    bool maskSecrets = false;
    /// Further literal values to replace with <SECRET> when masking (values of secret variables).
    QStringList extraSecrets;
};

/// "Copy as code": the request as a snippet in one of languages(). The request is made effective first
/// (auth applied, switched-off rows dropped, Content-Type defaulted), so passing either the edited or the
/// effective request gives the same code. Every string is escaped for its target language (see
/// CodeStringEscaper); `curl` is for POSIX shells, `curl-windows` for cmd.exe (not PowerShell).
///
/// Multipart bodies use the language's own API where there is one; java-httpclient, objc-nsurlsession,
/// swift-urlsession and python-http-client build the multipart body by hand with a fixed boundary.
/// Options a client cannot express simply (TLS verification off, redirects) become a comment.
class SnippetGenerator
{
public:
    static QStringList languages();
    /// "cURL (POSIX shell)", "Python (requests)", ...; empty for an unknown id.
    static QString displayName(const QString& languageId);
    /// ERR_USAGE for an unknown language id.
    static Result<QString> generate(const QString& languageId, const HttpRequestSpec& request,
                                    const SnippetOptions& options = {});

    /// Boundary used where the multipart body is written out by hand.
    static QString multipartBoundary();
};
