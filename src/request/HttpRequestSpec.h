// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/// One request of the Request workspace as plain data: what the user edits, what is persisted and what the
/// snippet generator and curl importer exchange. Nothing here sends anything.
///
/// URL and query rows: `url` is the source of truth for the *enabled* query parameters; `queryRows` mirrors it
/// for the table and additionally keeps switched-off rows. Query names and values are kept exactly as written in
/// the URL (percent-encoding is neither decoded nor added), so URL -> rows -> URL is lossless except that a
/// parameter written as `a=` comes back as `a`.
///
/// Form rows (x-www-form-urlencoded) hold *decoded* text; they are percent-encoded when the body is built.
/// `{{variables}}` may appear in any text field; VariableResolver substitutes them.
struct HttpRequestSpec
{
    enum class BodyKind
    {
        None,
        Raw,
        FormUrlEncoded,
        Multipart,
        BinaryFile
    };
    enum class RawType
    {
        Json,
        Text,
        Xml
    };
    enum class AuthKind
    {
        None,
        Bearer,
        Basic,
        ApiKey
    };

    /// A header, query or form row; switched-off rows are kept for the editor but never sent.
    struct Row
    {
        QString name;
        QString value;
        bool enabled = true;
        friend bool operator==(const Row&, const Row&) = default;
    };
    using HeaderRow = Row;
    using QueryRow = Row;
    using FormRow = Row;

    struct MultipartPart
    {
        QString name;
        QString value; // text parts
        bool isFile = false;
        QString filePath; // file parts
        QString contentType;
        bool enabled = true;
        friend bool operator==(const MultipartPart&, const MultipartPart&) = default;
    };

    struct Auth
    {
        AuthKind kind = AuthKind::None;
        QString token; // Bearer
        QString username;
        QString password;
        QString apiKeyName;
        QString apiKeyValue;
        bool apiKeyInQuery = false;
        friend bool operator==(const Auth&, const Auth&) = default;
    };

    QString method = QStringLiteral("GET");
    QString url;
    QList<HeaderRow> headers;
    QList<QueryRow> queryRows;
    BodyKind bodyKind = BodyKind::None;
    QString rawBody;
    RawType rawType = RawType::Json;
    QList<FormRow> formRows;
    QList<MultipartPart> multipartParts;
    QString binaryFilePath;
    Auth auth;
    bool followRedirects = true;
    bool verifyTls = true;
    int timeoutMs = 0; // 0: no explicit timeout

    friend bool operator==(const HttpRequestSpec&, const HttpRequestSpec&) = default;

    /// Method as sent: trimmed; the standard verbs upper-cased, custom methods kept as typed.
    QString normalizedMethod() const;
    static QStringList standardMethods();

    // --- URL <-> query rows ---------------------------------------------------------------------------------
    /// Rows for the query of `url` (text between '?' and '#'), split on '&' and the first '='; empty pieces skipped.
    static QList<QueryRow> parseQuery(const QString& url);
    /// `url` without its query and fragment.
    static QString urlWithoutQuery(const QString& url);
    /// Replaces the enabled rows with the URL's query; switched-off rows are kept after them.
    void syncQueryFromUrl();
    /// Rewrites the query part of `url` from the enabled rows (fragment kept).
    void syncUrlFromQuery();
    /// Sets the first enabled query parameter called `name` (exact match) or appends one; URL and rows both.
    void setQueryParameter(const QString& name, const QString& valueAsWritten);

    // --- headers --------------------------------------------------------------------------------------------
    /// Value of the first enabled header called `name` (case-insensitive), or a null QString.
    QString headerValue(const QString& name) const;
    bool hasHeader(const QString& name) const { return !headerValue(name).isNull(); }
    /// Replaces the value of the first enabled header called `name` (case-insensitive; later duplicates are
    /// removed) or appends it.
    void setHeader(const QString& name, const QString& value);
    void removeHeader(const QString& name);

    /// Default Content-Type for the body kind / raw type (empty for None and Multipart: the multipart boundary
    /// is chosen by whoever builds the body).
    QString defaultContentType() const;
    static QString rawTypeContentType(RawType type);

    /// The request as it goes on the wire: switched-off rows dropped, auth applied (Authorization: Bearer /
    /// Basic base64(UTF-8 "user:password"), or the API key as header or query parameter), Content-Type
    /// defaulted when the body needs one and none is set, method normalised. `auth` is left as is so that
    /// redacted() still knows which values are secret; effective() is idempotent.
    HttpRequestSpec effective() const;

    /// Secrets replaced by placeholders: bearer token `<TOKEN>`, Basic credentials `<CREDENTIALS>`, passwords
    /// `<PASSWORD>`, API keys `<API_KEY>`, other Authorization/Cookie values `<SECRET>`/`<COOKIE>`, common
    /// secret-carrying headers (X-API-Key, ...) and query parameters (api_key, access_token, ...), the password of
    /// URL user info, and every occurrence of `extraSecrets` (e.g. values of secret environment variables).
    /// Works before and after effective(); idempotent.
    HttpRequestSpec redacted(const QStringList& extraSecrets = {}) const;

    /// Enabled form rows as application/x-www-form-urlencoded text (RFC 3986 unreserved kept, rest %XX).
    QString formUrlEncodedBody() const;

    QJsonObject toJson() const;
    /// Unknown members are ignored; wrong types are an error (ERR_JSON_INVALID).
    static Result<HttpRequestSpec> fromJson(const QJsonObject& json);

    static QString bodyKindName(BodyKind kind);
    static QString rawTypeName(RawType type);
    static QString authKindName(AuthKind kind);
};
