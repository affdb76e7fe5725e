// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <optional>

/// Reads a Postman Collection v2.0 or v2.1 (https://schema.postman.com/collection/json/v2.1.0/draft-07/docs/index.html)
/// into one collection of the workspace model, with a report line for every request and for everything not kept.
///
/// Both shapes of each construct are accepted whatever `info.schema` says (exports mix them, and some have no
/// schema at all): auth parameters as v2.1 `[{key, value}]` arrays or v2.0 objects; `request` as an object or a bare
/// URL string; `url` as a string or an object (`raw` preferred, else put together from its parts); headers as an
/// array or as raw "Name: value" lines; descriptions as a string or `{content, type}`.
///
/// Mapping: folders nest to any depth (up to kMaxDepth); `variable[]` at collection, folder and request level become
/// that level's variables (`type: "secret"` and credential-like names are secret); `event[]` scripts are kept
/// verbatim (ItemScript; whitespace-only scripts, which do nothing, are skipped); auth `noauth` is None and an absent
/// auth Inherit; bearer, basic, apikey and jwt map to AuthConfig; oauth2 becomes an AuthProfile of the result (or a
/// bearer token when it has only a saved access token); other auth types (digest, hawk, awsv4, ntlm, oauth1,
/// edgegrid, asap) are dropped with a line. Path variables (`:id` with `url.variable[]`) become `{{id}}` and a
/// request variable. Body modes raw (with its language), urlencoded, formdata (text and file parts, several files
/// per part split), file, and graphql (as a JSON body) are kept. Saved example responses are not kept (reported).
/// Lower-case standard methods are upper-cased; other methods are kept as written. Duplicate sibling names get
/// " 2", " 3" (reported), because workspace paths name items.
class PostmanImporter
{
public:
    static constexpr int kMaxDepth = 64;

    /// True when `root` has the shape of a Postman v2 collection: an "item" array and an "info" object, or a top-level
    /// "name" instead of "info" (accepted by Postman's collection SDK, hence by newman).
    static bool recognizes(const QJsonObject& root);
    /// Errors: ERR_JSON_INVALID (not JSON, or not a collection object), ERR_NOT_SUPPORTED (a v1 collection).
    static Result<ImportResult> import(const QByteArray& data);
    static Result<ImportResult> import(const QJsonObject& root);
    /// The same import of a large collection on several threads: the top-level "item" array is cut at its elements
    /// (a byte scan), each element parsed and converted on its own; the collection, its top-level names and the
    /// report's order are put together on the calling thread, so the result is the one import(data) gives (the
    /// requests' random ids aside). std::nullopt when the text does not qualify: not a Postman collection object
    /// with at least two top-level items, a top-level "item" member written twice or with an escape in a member
    /// name, nesting deeper than 512, or any part that does not parse (import(data) then says why); also when the
    /// conversion made OAuth 2.0 auth profiles (their names depend on the order of the whole file). Follows the
    /// calling thread's interruption (ImportText::interrupted()).
    static std::optional<Result<ImportResult>> importSplit(const QByteArray& data, int threads);

private:
    explicit PostmanImporter(ImportResult& result);

    void importCollection(const QJsonObject& root);
    void importItems(const QJsonArray& items, CollectionNode& parent, int depth);
    void importFolder(const QJsonObject& item, CollectionNode& parent, int depth);
    /// The folder of `item`, named and inserted into `parent`; nullptr (and a line) when it is nested too deep.
    CollectionNode* addFolder(const QJsonObject& item, CollectionNode& parent, int depth, QStringList& notes);
    /// importFolder() after the folder is named and inserted: its settings, its line and its items.
    void fillFolder(const QJsonObject& item, CollectionNode& folder, QStringList notes, int depth);
    /// The collection node and its line (the start of importCollection()).
    std::unique_ptr<CollectionNode> makeCollection(const QJsonObject& root);
    void importRequest(const QJsonObject& item, CollectionNode& parent);
    /// A free name for a child of `parent` (case-insensitive, as CollectionNode::uniqueName; notes the renaming).
    /// Kept per container here: asking the tree each time is quadratic in a folder's size.
    QString childName(const CollectionNode& parent, const QJsonValue& name, const QString& fallback,
                      QStringList& notes);
    QList<EnvironmentVariable> variables(const QJsonValue& value, const QString& path, QStringList& notes);
    QList<ItemScript> scripts(const QJsonValue& events, const QString& path);
    AuthConfig auth(const QJsonValue& value, const QString& path, QStringList& notes);
    AuthConfig oauth2(const QHash<QString, QJsonValue>& params, const QString& path, QStringList& notes);
    static void url(const QJsonValue& value, RequestItem& item, QStringList& notes);
    static QList<HttpRequestSpec::Row> headers(const QJsonValue& value, QStringList& notes);
    void body(const QJsonValue& value, RequestItem& item, const QString& path, QStringList& notes);
    static void behaviour(const QJsonValue& value, RequestItem& item, QStringList& notes);
    void examples(const QJsonValue& responses, const QString& path);
    /// A `secret` line when `value` is a real secret (not empty, not only {{variable}} references).
    void secret(const QString& kind, const QString& path, const QString& what, const QString& value);
    /// The entry of an item: imported, or converted with the notes.
    void itemEntry(const QString& kind, const QString& path, const QStringList& notes);

    struct TakenNames
    {
        QSet<QString> names;      // case-folded
        QHash<QString, int> next; // case-folded base -> the next suffix to try
    };

    ImportResult& m_result;
    ImportReport* m_report; // m_result.report, or a part of it while importSplit() puts the report together
    QHash<const CollectionNode*, TakenNames> m_taken;
};
