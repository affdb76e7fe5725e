// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"
#include "formats/UnkeptMembers.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

/// Reads an OpenAPI 3.0 / 3.1 (https://spec.openapis.org/oas/v3.1.0) or Swagger 2.0
/// (https://swagger.io/specification/v2/) description, JSON or YAML, into one collection named by `info.title`.
///
/// Mapping: a folder per tag (an operation goes into the folder of its first tag; untagged operations stay at the
/// top); one request per operation, named by its `summary`, else `operationId`, else "METHOD /path"; the URL is
/// `{{baseUrl}}` + the path with `{param}` written `{{param}}` and a request variable per path parameter (its
/// example, default or first enum value); query, header and cookie parameters become rows (enabled when required or
/// given a value); the request body is the first of JSON, form, multipart, XML/text of `requestBody.content`
/// (Swagger: the `body` / `formData` parameters and `consumes`), its example taken from `example`, the first of
/// `examples`, or made from the schema (properties, items, allOf merged, the first of oneOf/anyOf, formats, enums;
/// readOnly properties left out, OAS 3.1 §4.8.24.3), with its Content-Type header.
///
/// `servers[0]` (Swagger: the first scheme, preferring https, + host + basePath) is the collection variable
/// `baseUrl`, its `{variables}` set to their defaults; other servers are listed in the report. Security schemes
/// become auth: http bearer → bearer `{{bearerToken}}`, http basic → basic `{{username}}`/`{{password}}`, apiKey in a
/// header or the query → API key `{{apiKey}}`; oauth2 flows and openIdConnect become workspace auth profiles
/// (grant, URLs, scopes; client id and secret as `{{clientId}}`/`{{clientSecret}}` references). The top-level
/// `security` is the collection's auth, an operation's own `security` its request's.
///
/// `$ref`s inside the document (JSON pointers) are resolved with a guard against cycles (a recursive schema is
/// cut where it repeats, reported); external `$ref`s (other files, URLs) are not fetched and are reported. Response
/// definitions, callbacks, links and webhooks are not requests: each is reported as dropped.
class OpenApiImporter
{
public:
    static constexpr int kMaxSchemaDepth = 16;
    static constexpr int kMaxRefHops = 32;

    /// True for an object with `"openapi": "3.x"` or `"swagger": "2.0"`, and `paths` or `info`.
    static bool recognizes(const QJsonObject& root);
    /// JSON or YAML. Errors: ERR_JSON_INVALID (not JSON/YAML, not an OpenAPI object), ERR_NOT_SUPPORTED (OpenAPI
    /// versions other than 2.0 and 3.x).
    static Result<ImportResult> import(const QByteArray& data);
    static Result<ImportResult> import(const QJsonObject& root);

private:
    OpenApiImporter(const QJsonObject& root, ImportResult& result);

    void importDocument();
    void importServers(FolderSettings& settings, QStringList& notes);
    void importSecuritySchemes();
    void importOperation(const QString& path, const QString& method, const QJsonObject& operation,
                         const QJsonArray& pathParameters, const QJsonValue& pathServers);
    void parameters(const QJsonArray& merged, RequestItem& item, QString& url, const QString& itemPath,
                    QStringList& notes);
    void requestBody(const QJsonValue& body, RequestItem& item, QStringList& notes);
    void swaggerBody(const QJsonArray& merged, const QJsonObject& operation, RequestItem& item, QStringList& notes);
    /// The auth of a `security` requirement list (Inherit when absent); a scheme that cannot be applied gets a dropped
    /// line at `path`.
    AuthConfig securityAuth(const QJsonValue& requirements, const QString& path, QStringList& notes);
    void oauthProfiles(const QString& scheme, const QJsonObject& definition);

    /// `value` with its `$ref` chain followed (local refs only); `refName` gets the last ref followed.
    QJsonValue resolve(const QJsonValue& value, QStringList& notes, QString* refName = nullptr);
    QJsonValue pointer(const QString& ref) const;
    QJsonValue schemaExample(const QJsonValue& schema, int depth, QStringList& stack, QStringList& notes);
    QJsonValue parameterValue(const QJsonObject& parameter, QStringList& notes);
    QString childName(CollectionNode& parent, const QString& base, QStringList& notes);
    CollectionNode& folderFor(const QJsonObject& operation, QStringList& notes);
    void externalRef(const QString& ref, QStringList& notes);
    /// `{{name}}`, declaring the collection variable `name` (empty; secret when `secret`) once.
    QString authVariable(const QString& name, bool secret);
    /// Notes, for the file's one "docs" line, the members of `object` (at `where`; "" is the document)
    /// that are not in `known` and hold something: what a request collection has no place for.
    void noteUnkept(const QJsonObject& object, std::initializer_list<QLatin1String> known, const QString& where);
    /// noteUnkept for each server of `servers` and its variables (a server's description, a variable's choices).
    void noteServers(const QJsonValue& servers);

    QJsonObject m_root;
    bool m_swagger = false;
    ImportResult& m_result;
    ImportReport& m_report;
    CollectionNode* m_collection = nullptr;
    QHash<QString, CollectionNode*> m_folders;           // tag -> folder
    QHash<const CollectionNode*, QSet<QString>> m_taken; // case-folded child names
    QHash<QString, AuthConfig> m_schemeAuth;             // security scheme -> its auth
    QHash<QString, QString> m_schemeDropped;             // security scheme -> why it has no auth
    QList<EnvironmentVariable> m_authVariables;          // the {{variables}} the schemes' auth uses
    UnkeptMembers m_unkept;                              // documentation, reported once per file
};
