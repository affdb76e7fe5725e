// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"
#include "formats/UnkeptMembers.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

/// Reads an Insomnia export into the workspace model: the v4 export (`_type: export`, `__export_format: 4`, JSON
/// or YAML; a flat `resources` list linked by `parentId`) and the v5 YAML (`type: collection.insomnia.rest/5.0` or
/// `spec.insomnia.rest/5.0`; a nested `collection` tree with `children`).
///
/// One collection per workspace (named by it), folders (`request_group`, v5 items with `children`) nested as in
/// Insomnia and ordered by `metaSortKey`/`sortKey`. The workspace's base environment becomes the collection's
/// variables (the base environment's own name has no place: reported) and each sub-environment a workspace environment
/// (values of a private one are secret; nested objects flattened to `a.b` names, which is how Insomnia's `{{ _.a.b }}`
/// reads them). `{{ _.name }}` and `{{ name }}` become `{{name}}`; template tags (`{% uuid %}`, `{% response ... %}`)
/// are kept as written and reported. Auth: none, basic, bearer, apikey (header or query) map to AuthConfig, `{}`
/// inherits; oauth2 becomes an auth profile; digest, ntlm, hawk, iam, netrc, asap, oauth1 are dropped with a line. Body
/// modes: JSON/text/XML raw, form-urlencoded, multipart (text and file parts), a file, GraphQL (as its JSON body).
/// Pre-request and after-response scripts are kept verbatim (they use Insomnia's `insomnia.*` API). gRPC and WebSocket
/// requests, cookie jars, design documents, unit tests and mock servers are not imported: each gets a dropped line.
class InsomniaImporter
{
public:
    static constexpr int kMaxDepth = 64;

    /// True for `{"_type": "export", "resources": [...]}` or a `type` of `collection.insomnia.rest/5.x` /
    /// `spec.insomnia.rest/5.x`.
    static bool recognizes(const QJsonObject& root);
    /// JSON or YAML. Errors: ERR_JSON_INVALID (not JSON/YAML, not an export), ERR_NOT_SUPPORTED (export formats
    /// before 3).
    static Result<ImportResult> import(const QByteArray& data);
    static Result<ImportResult> import(const QJsonObject& root);

    /// Insomnia's `{{ _.name }}` / `{{ name }}` as `{{name}}`; other text unchanged.
    static QString variables(const QString& text);

private:
    explicit InsomniaImporter(ImportResult& result);

    void importV4(const QJsonObject& root);
    void importV5(const QJsonObject& root);
    void importV4Children(const QList<QJsonObject>& resources, CollectionNode& parent, int depth);
    void importV5Items(const QJsonArray& items, CollectionNode& parent, int depth);
    /// Notes what a v5 request or folder holds that the model does not keep (unknown members, header and parameter
    /// descriptions, request settings other than Insomnia's defaults).
    void v5Unkept(const QJsonObject& item);
    /// Notes what a v4 resource holds beyond what the import maps (as v5Unkept): row descriptions, request settings
    /// other than Insomnia's defaults, members not known here.
    void v4Unkept(const QJsonObject& resource);
    /// The lines for what was noted, once per kind, on `path`.
    void reportUnkept(const QString& path);
    /// The folder for `group` below `parent` (nullptr, with a dropped line, when nested deeper than kMaxDepth).
    CollectionNode* importFolder(const QJsonObject& group, CollectionNode& parent, int depth);
    void folderSettings(const QJsonObject& group, FolderSettings& settings, const QString& path, QStringList& notes);
    void importRequest(const QJsonObject& request, CollectionNode& parent);
    void dropResource(const QJsonObject& resource, const QString& where);
    QString childName(CollectionNode& parent, const QString& written, const QString& fallback, QStringList& notes);
    AuthConfig auth(const QJsonValue& value, const QString& path, QStringList& notes);
    void body(const QJsonObject& body, RequestItem& item, QStringList& notes);
    QList<ItemScript> scripts(const QJsonObject& owner);
    QList<EnvironmentVariable> environmentData(const QJsonValue& data, bool isPrivate, const QString& where);
    QString text(const QJsonValue& value, QStringList& notes);
    void secret(const QString& path, const QString& what, const QString& value);

    ImportResult& m_result;
    ImportReport& m_report;
    QHash<QString, QList<QJsonObject>> m_children; // v4: parentId -> resources, in metaSortKey order
    QSet<QString> m_visited;                       // v4: resource ids already imported (a parentId loop stops)
    QHash<const CollectionNode*, QSet<QString>> m_taken;
    UnkeptMembers m_unkept; // reported once per kind at the end of the file
};
