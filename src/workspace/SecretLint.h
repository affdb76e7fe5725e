// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

/// One secret that leaked into a file of a workspace.
struct SecretFinding
{
    QString path; // as given to scanDirectory() joined with the file's relative path, or as given to scanText()
    int line = 0; // 1-based
    int column = 0;
    QString kind;    // "JWT", "private key", "secret member", "Authorization header", "password in URL", ...
    QString where;   // the member or row name it sits in ("auth.token", "headers: Authorization"), may be empty
    QString preview; // redacted: never the secret itself (redact())
    /// "path:line:column: kind (where): preview".
    QString text() const;
};

/// Finds secrets in workspace files that should be in the keychain instead (`collection lint`, and the GUI before
/// a commit): JWTs (request/JwtPattern), PEM private keys, passwords in URLs, and, in JSON files, members and rows
/// named like credentials (client_secret, password, apiKey, token, ...), values of variables marked secret, and
/// Authorization header values with literal Bearer/Basic credentials. A value that is empty or only
/// `{{variable}}` references is not a finding: that is how a workspace refers to its secrets.
class SecretLint
{
public:
    static constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;

    /// Every regular file below `directory` (not `.git`), in path order.
    static QList<SecretFinding> scanDirectory(const QString& directory);
    /// One file's bytes; `isJson` adds the member and row checks.
    static QList<SecretFinding> scanText(const QByteArray& text, const QString& path, bool isJson);

    /// True when `name` (a member, header, form field or variable name) usually holds a credential.
    static bool isSecretName(const QString& name);
    /// `Authorization` or `Proxy-Authorization` (any case): its value is a scheme and credentials (RFC 9110 §11.6.2).
    static bool isAuthorizationHeader(const QString& name);
    /// Where the credentials stand in such a header's `value`, as [first, second): what follows the auth-scheme and
    /// its spaces (RFC 9110 §11.6.2: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]), trailing white
    /// space excluded. A value of one word is a bare key (some APIs take one there) unless it is a scheme name on its
    /// own ("Bearer"), which has none (first == second). The lint's finding and the import's move use this one rule.
    static std::pair<qsizetype, qsizetype> authorizationCredentials(const QString& value);
    /// A hint that cannot give the secret away: the length, and the first 4 characters of long values (printable
    /// ASCII only), e.g. "eyJh… (311 characters)".
    static QString redact(const QString& value);
};
