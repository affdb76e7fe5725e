// SPDX-License-Identifier: MIT
#include "formats/HarImporter.h"

#include "formats/ImportText.h"
#include "formats/UnkeptMembers.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace {

QString harText(const QJsonObject& o, const char* key)
{
    return ImportText::scalarText(o.value(QString::fromLatin1(key)));
}

/// A header's value; Polly.JS records node's header arrays (`"value": ["*/*"]`) where HAR 1.2 has a string: the
/// elements are joined with ", " as field lines of one name combine (RFC 9110 §5.3), and `joined` is set.
QString harHeaderValue(const QJsonObject& o, bool& joined)
{
    const QJsonValue value = o.value(QStringLiteral("value"));
    if (!value.isArray())
        return ImportText::scalarText(value);
    QStringList parts;
    for (const auto& v : value.toArray())
        parts << ImportText::scalarText(v);
    joined = true;
    return parts.join(QStringLiteral(", "));
}

/// Headers the transport writes itself: copying them would send stale or duplicate values.
bool harComputedHeader(const QString& name)
{
    static const QSet<QString> computed{QStringLiteral("content-length"),   QStringLiteral("host"),
                                        QStringLiteral("connection"),       QStringLiteral("transfer-encoding"),
                                        QStringLiteral("keep-alive"),       QStringLiteral("upgrade"),
                                        QStringLiteral("proxy-connection"), QStringLiteral("te")};
    return computed.contains(name.toLower());
}

/// Notes the members of `o` that describe the recorded exchange rather than the request (HAR 1.2 §4: timings, cache,
/// connection, sizes, ...): a request sent again has its own.
void harRecording(const QJsonObject& o, std::initializer_list<QLatin1String> members, UnkeptMembers& unkept)
{
    for (QLatin1String m : members) {
        if (!UnkeptMembers::holdsNothing(o.value(m)))
            unkept.note(QStringLiteral("recording"), m);
    }
}

/// The `comment` of a name/value row (header, query parameter, cookie, form param) and its unknown members.
void harRow(const QJsonObject& o, const QString& what, std::initializer_list<QLatin1String> known,
            UnkeptMembers& unkept)
{
    if (!harText(o, "comment").isEmpty())
        unkept.note(QStringLiteral("comment"), what);
    unkept.noteUnknown(o, known, what);
}
} // namespace

bool HarImporter::recognizes(const QJsonObject& root)
{
    // A whole log, or (as Insomnia also accepts) one entry or one bare request object of a log.
    return root.value(QStringLiteral("log")).toObject().value(QStringLiteral("entries")).isArray() ||
           (root.value(QStringLiteral("request")).toObject().value(QStringLiteral("httpVersion")).isString()) ||
           (root.value(QStringLiteral("httpVersion")).isString() && root.value(QStringLiteral("url")).isString() &&
            root.value(QStringLiteral("method")).isString());
}

Result<ImportResult> HarImporter::import(const QByteArray& data, const QString& name)
{
    auto doc = ImportText::parseJson(data);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("a HAR file is a JSON object"));
    return import(doc->object(), name);
}

Result<ImportResult> HarImporter::import(const QJsonObject& root, const QString& nameIn)
{
    using Outcome = ImportReport::Outcome;
    if (!recognizes(root))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("not a HAR file: it needs {\"log\": {\"entries\": [...]}}"));
    ImportResult result;
    ImportReport& report = result.report;
    const QString name = nameIn.trimmed().isEmpty() ? QStringLiteral("HAR") : nameIn.trimmed();
    auto collection = CollectionNode::makeCollection(name);
    collection->settings().auth.type = AuthConfig::Type::None;
    QJsonObject log = root.value(QStringLiteral("log")).toObject();
    collection->settings().description = harText(log, "comment");
    // What no model field holds, reported once per kind for the whole file (issue 11: nothing lost silently).
    UnkeptMembers unkept;
    for (const char* tool : {"creator", "browser"}) {
        const QJsonObject o = log.value(QLatin1String(tool)).toObject();
        if (!o.isEmpty())
            unkept.note(QStringLiteral("recording"),
                        QStringLiteral("%1 %2")
                            .arg(QLatin1String(tool), harText(o, "name") + QLatin1Char(' ') + harText(o, "version"))
                            .trimmed());
    }
    unkept.noteUnknown(log,
                       {QLatin1String("version"), QLatin1String("creator"), QLatin1String("browser"),
                        QLatin1String("pages"), QLatin1String("entries"), QLatin1String("comment")},
                       QStringLiteral("log"));
    QStringList collectionNotes;
    if (!root.contains(QStringLiteral("log"))) {
        const QJsonObject entry =
            root.contains(QStringLiteral("request")) ? root : QJsonObject{{QStringLiteral("request"), root}};
        log.insert(QStringLiteral("entries"), QJsonArray{entry});
        collectionNotes << QStringLiteral("a single HAR %1, not a whole log")
                               .arg(root.contains(QStringLiteral("request")) ? QStringLiteral("entry")
                                                                             : QStringLiteral("request"));
    }
    const QString version = harText(log, "version");
    if (!version.isEmpty() && version != QLatin1String("1.2") && version != QLatin1String("1.1"))
        collectionNotes << QStringLiteral("HAR version %1 read as 1.2").arg(version);
    // Pages group a browser's requests by the document that made them; a collection has no such level and their
    // titles and timings are not requests.
    if (const qsizetype pages = log.value(QStringLiteral("pages")).toArray().size(); pages > 0)
        collectionNotes << QStringLiteral("%1 page(s) (titles and load timings) not kept: requests are listed in file "
                                          "order without them")
                               .arg(pages);
    report.add(collectionNotes.isEmpty() ? Outcome::Imported : Outcome::Converted, QStringLiteral("collection"),
               Workspace::joinPath({name}), collectionNotes.join(QStringLiteral("; ")));
    QSet<QString> taken;
    int index = 0;
    for (const auto& entryValue : log.value(QStringLiteral("entries")).toArray()) {
        if (ImportText::interrupted())
            return ImportText::cancelled();
        ++index;
        const QJsonObject entry = entryValue.toObject();
        const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
        QStringList notes;
        harRecording(entry,
                     {QLatin1String("pageref"), QLatin1String("startedDateTime"), QLatin1String("time"),
                      QLatin1String("timings"), QLatin1String("cache"), QLatin1String("serverIPAddress"),
                      QLatin1String("connection")},
                     unkept);
        harRecording(request, {QLatin1String("httpVersion"), QLatin1String("headersSize"), QLatin1String("bodySize")},
                     unkept);
        unkept.noteUnknown(entry,
                           {QLatin1String("request"), QLatin1String("response"), QLatin1String("comment"),
                            QLatin1String("_webSocketMessages"), QLatin1String("pageref"),
                            QLatin1String("startedDateTime"), QLatin1String("time"), QLatin1String("timings"),
                            QLatin1String("cache"), QLatin1String("serverIPAddress"), QLatin1String("connection")},
                           QStringLiteral("entry"));
        unkept.noteUnknown(request,
                           {QLatin1String("method"), QLatin1String("url"), QLatin1String("httpVersion"),
                            QLatin1String("cookies"), QLatin1String("headers"), QLatin1String("queryString"),
                            QLatin1String("postData"), QLatin1String("headersSize"), QLatin1String("bodySize"),
                            QLatin1String("comment")},
                           QStringLiteral("request"));
        const QString url = harText(request, "url").trimmed();
        QString method = harText(request, "method").trimmed();
        const QUrl parsed(url);
        QString base = (method.isEmpty() ? QStringLiteral("GET") : method.toUpper()) + QLatin1Char(' ') +
                       (parsed.path().isEmpty() ? QStringLiteral("/") : parsed.path());
        base.replace(QLatin1Char('/'), QStringLiteral("∕")); // '/' separates workspace path names
        QString itemName = base;
        for (int n = 2; taken.contains(itemName.toCaseFolded()); ++n)
            itemName = QStringLiteral("%1 %2").arg(base).arg(n);
        taken.insert(itemName.toCaseFolded());
        const QString path = Workspace::joinPath({name, itemName});
        if (request.isEmpty() || url.isEmpty()) {
            report.add(Outcome::Dropped, QStringLiteral("request"), path,
                       QStringLiteral("entry %1 has no request URL").arg(index));
            continue;
        }
        RequestItem item;
        item.id = RequestItem::newId();
        item.name = itemName;
        item.auth.type = AuthConfig::Type::Inherit;
        item.request.method = method.isEmpty() ? QStringLiteral("GET") : method;
        item.request.method = item.request.normalizedMethod();
        item.request.url = url;
        item.request.syncQueryFromUrl();
        item.description =
            QString(harText(entry, "comment") + QLatin1Char('\n') + harText(request, "comment")).trimmed();
        // HAR 1.2 says `queryString` is parsed from the URL, but hand-written logs (Insomnia's fixtures) put
        // parameters only there: those not in the URL are added to it rather than lost.
        // Compared by decoded name: browsers write the URL percent-encoded and queryString decoded (or not).
        auto plainQuery = [](const QString& text) {
            return QUrl::fromPercentEncoding(text.toUtf8().replace('+', ' '));
        };
        QSet<QString> inUrl;
        for (const auto& row : std::as_const(item.request.queryRows))
            inUrl.insert(plainQuery(row.name));
        QStringList addedQuery;
        for (const auto& q : request.value(QStringLiteral("queryString")).toArray()) {
            harRow(q.toObject(), QStringLiteral("queryString"),
                   {QLatin1String("name"), QLatin1String("value"), QLatin1String("comment")}, unkept);
            const QString qName = harText(q.toObject(), "name");
            if (qName.isEmpty() || inUrl.contains(plainQuery(qName)))
                continue;
            item.request.setQueryParameter(
                QString::fromLatin1(QUrl::toPercentEncoding(qName)),
                QString::fromLatin1(QUrl::toPercentEncoding(harText(q.toObject(), "value"))));
            inUrl.insert(plainQuery(qName));
            addedQuery << qName;
        }
        if (!addedQuery.isEmpty())
            notes << QStringLiteral("query parameters %1 from queryString added to the URL (not in it)")
                         .arg(addedQuery.join(QStringLiteral(", ")));
        QStringList pseudo;
        QStringList computed;
        QStringList joinedLists;
        QStringList repeated;
        for (const auto& h : request.value(QStringLiteral("headers")).toArray()) {
            const QJsonObject o = h.toObject();
            harRow(o, QStringLiteral("header"),
                   {QLatin1String("name"), QLatin1String("value"), QLatin1String("comment")}, unkept);
            const QString headerName = harText(o, "name");
            bool joined = false;
            const QString value = harHeaderValue(o, joined);
            if (headerName.isEmpty())
                continue;
            if (joined)
                joinedLists << headerName;
            // Chrome (chrome-har, browsertime) lists an HTTP/2 request's headers twice: the provisional ones
            // ("User-Agent") and those sent ("user-agent"). Sending both would repeat the field.
            const bool same = std::any_of(item.request.headers.begin(), item.request.headers.end(), [&](const auto& k) {
                return k.name.compare(headerName, Qt::CaseInsensitive) == 0 && k.value == value;
            });
            if (same) {
                repeated << headerName;
                continue;
            }
            if (headerName.startsWith(QLatin1Char(':'))) {
                pseudo << headerName; // RFC 9113 §8.3: HTTP/2 pseudo-headers belong to the transport
                continue;
            }
            if (harComputedHeader(headerName)) {
                computed << headerName;
                continue;
            }
            if (headerName.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0 &&
                item.auth.type == AuthConfig::Type::Inherit) {
                if (value.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive)) {
                    item.auth.type = AuthConfig::Type::Bearer;
                    item.auth.token = value.mid(7).trimmed();
                    notes << QStringLiteral("Authorization header became bearer auth");
                    if (!WorkspaceStore::isOnlyReferences(item.auth.token))
                        report.add(
                            Outcome::Secret, QStringLiteral("auth"), path,
                            QStringLiteral("the bearer token goes to the keychain, not into the workspace files"));
                    continue;
                }
                if (value.startsWith(QLatin1String("Basic "), Qt::CaseInsensitive)) {
                    const QByteArray decoded = QByteArray::fromBase64(value.mid(6).trimmed().toLatin1());
                    const qsizetype colon = decoded.indexOf(':');
                    if (colon >= 0) {
                        item.auth.type = AuthConfig::Type::Basic;
                        item.auth.username = QString::fromUtf8(decoded.left(colon));
                        item.auth.password = QString::fromUtf8(decoded.mid(colon + 1));
                        notes << QStringLiteral("Authorization header became Basic auth");
                        report.add(Outcome::Secret, QStringLiteral("auth"), path,
                                   QStringLiteral("the Basic auth password goes to the keychain, not into the "
                                                  "workspace files"));
                        continue;
                    }
                }
            }
            if (headerName.compare(QLatin1String("Cookie"), Qt::CaseInsensitive) == 0 && !value.isEmpty())
                report.add(Outcome::Converted, QStringLiteral("cookies"), path,
                           QStringLiteral("the recorded Cookie header is kept as a header: it may hold a session"));
            item.request.headers.append({headerName, value, true});
        }
        if (!pseudo.isEmpty())
            notes << QStringLiteral("HTTP/2 pseudo-headers %1 left to the transport")
                         .arg(pseudo.join(QStringLiteral(", ")));
        if (!computed.isEmpty())
            notes << QStringLiteral("headers %1 left to the transport").arg(computed.join(QStringLiteral(", ")));
        if (!joinedLists.isEmpty())
            notes << QStringLiteral("header values given as lists joined with \", \": %1")
                         .arg(joinedLists.join(QStringLiteral(", ")));
        if (!repeated.isEmpty())
            notes << QStringLiteral("headers listed twice with the same value kept once: %1")
                         .arg(repeated.join(QStringLiteral(", ")));
        if (item.auth.type == AuthConfig::Type::Inherit)
            item.auth.type = AuthConfig::Type::None; // a recorded request carries its own credentials or none
        const QJsonArray cookies = request.value(QStringLiteral("cookies")).toArray();
        for (const auto& c : cookies) {
            const QJsonObject o = c.toObject();
            harRow(o, QStringLiteral("cookie"),
                   {QLatin1String("name"), QLatin1String("value"), QLatin1String("comment"), QLatin1String("path"),
                    QLatin1String("domain"), QLatin1String("expires"), QLatin1String("httpOnly"),
                    QLatin1String("secure"), QLatin1String("sameSite")},
                   unkept);
            for (const char* attribute : {"path", "domain", "expires", "httpOnly", "secure", "sameSite"}) {
                if (!UnkeptMembers::holdsNothing(o.value(QLatin1String(attribute))))
                    unkept.note(QStringLiteral("cookies"), QLatin1String(attribute));
            }
        }
        if (!cookies.isEmpty() && !item.request.hasHeader(QStringLiteral("Cookie"))) {
            QStringList pairs;
            for (const auto& c : cookies)
                pairs << harText(c.toObject(), "name") + QLatin1Char('=') + harText(c.toObject(), "value");
            item.request.headers.append({QStringLiteral("Cookie"), pairs.join(QStringLiteral("; ")), true});
            notes << QStringLiteral("%1 cookies sent as a Cookie header").arg(cookies.size());
        }
        const QJsonObject post = request.value(QStringLiteral("postData")).toObject();
        if (!harText(post, "comment").isEmpty())
            unkept.note(QStringLiteral("comment"), QStringLiteral("postData"));
        unkept.noteUnknown(post,
                           {QLatin1String("mimeType"), QLatin1String("params"), QLatin1String("text"),
                            QLatin1String("comment"), QLatin1String("encoding")},
                           QStringLiteral("postData"));
        for (const auto& p : post.value(QStringLiteral("params")).toArray())
            harRow(p.toObject(), QStringLiteral("postData param"),
                   {QLatin1String("name"), QLatin1String("value"), QLatin1String("fileName"),
                    QLatin1String("contentType"), QLatin1String("comment")},
                   unkept);
        // Firefox writes `{"mimeType": "", "params": [], "text": ""}` for a GET, Polly.JS `{"mimeType": "text/plain"}`:
        // no body was sent, and a Content-Type for none would be made up.
        const bool noBody = post.value(QStringLiteral("params")).toArray().isEmpty() && harText(post, "text").isEmpty();
        if (noBody && !harText(post, "mimeType").isEmpty())
            notes
                << QStringLiteral("postData of type %1 without text or params: no body").arg(harText(post, "mimeType"));
        if (!post.isEmpty() && !noBody) {
            const QString mime = harText(post, "mimeType").trimmed();
            const QString lower = mime.toLower();
            const QJsonArray params = post.value(QStringLiteral("params")).toArray();
            const bool fileParams = std::any_of(params.begin(), params.end(), [](const QJsonValue& p) {
                return !harText(p.toObject(), "fileName").isEmpty();
            });
            if (!params.isEmpty() && !lower.startsWith(QLatin1String("multipart/")) &&
                !lower.startsWith(QLatin1String("application/x-www-form-urlencoded")))
                notes << QStringLiteral("form params without a form mime type: sent as %1")
                             .arg(fileParams ? QStringLiteral("multipart") : QStringLiteral("urlencoded"));
            if (!params.isEmpty() && (lower.startsWith(QLatin1String("multipart/")) || fileParams)) {
                item.request.bodyKind = HttpRequestSpec::BodyKind::Multipart;
                bool files = false;
                for (const auto& p : params) {
                    const QJsonObject o = p.toObject();
                    HttpRequestSpec::MultipartPart part;
                    part.name = harText(o, "name");
                    part.contentType = harText(o, "contentType");
                    if (!harText(o, "fileName").isEmpty()) {
                        part.isFile = true;
                        part.filePath = harText(o, "fileName");
                        files = true;
                    } else {
                        part.value = harText(o, "value");
                    }
                    item.request.multipartParts.append(part);
                }
                if (files)
                    notes << QStringLiteral("file parts name the browser's file, not a path here: choose the files");
                item.request.removeHeader(QStringLiteral("Content-Type")); // its boundary is the recording's
            } else if (!params.isEmpty()) {
                item.request.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
                for (const auto& p : params) {
                    const QJsonObject o = p.toObject();
                    // HAR params hold the text as sent (percent-encoded); form rows hold decoded text.
                    item.request.formRows.append(
                        {QUrl::fromPercentEncoding(harText(o, "name").toUtf8().replace('+', ' ')),
                         QUrl::fromPercentEncoding(harText(o, "value").toUtf8().replace('+', ' ')), true});
                }
            } else {
                item.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
                item.request.rawBody = harText(post, "text");
                item.request.rawType = lower.contains(QLatin1String("json"))  ? HttpRequestSpec::RawType::Json
                                       : lower.contains(QLatin1String("xml")) ? HttpRequestSpec::RawType::Xml
                                                                              : HttpRequestSpec::RawType::Text;
                if (!mime.isEmpty() && !item.request.hasHeader(QStringLiteral("Content-Type")))
                    item.request.headers.append({QStringLiteral("Content-Type"), mime, true});
                if (post.value(QStringLiteral("encoding")).toString() == QLatin1String("base64"))
                    notes << QStringLiteral("the body is base64 in the HAR: kept as written");
            }
        }
        collection->insertChild(collection->childCount(), CollectionNode::makeRequest(item));
        report.add(notes.isEmpty() ? Outcome::Imported : Outcome::Converted, QStringLiteral("request"), path,
                   notes.join(QStringLiteral("; ")));
        // Chrome's and mitmproxy's WebSocket frames: the model sends HTTP requests, not WebSocket conversations.
        if (const qsizetype frames = entry.value(QStringLiteral("_webSocketMessages")).toArray().size(); frames > 0)
            report.add(Outcome::Dropped, QStringLiteral("websocket"), path,
                       QStringLiteral("%1 WebSocket message(s) not kept: only the opening request is").arg(frames));
        const QJsonObject response = entry.value(QStringLiteral("response")).toObject();
        if (!response.isEmpty())
            report.add(Outcome::Dropped, QStringLiteral("response"), path,
                       QStringLiteral("the recorded response (%1) not kept: the model has no saved responses")
                           .arg(ImportText::scalarText(response.value(QStringLiteral("status")))));
    }
    const QString collectionPath = Workspace::joinPath({name});
    unkept.report(report, QStringLiteral("recording"), collectionPath,
                  QStringLiteral("recording details not kept (they describe the recorded exchange, not a request to "
                                 "send)"));
    unkept.report(report, QStringLiteral("comment"), collectionPath,
                  QStringLiteral("comments not kept (only the log's, an entry's and a request's have a place: the "
                                 "descriptions)"));
    unkept.report(report, QStringLiteral("cookies"), collectionPath,
                  QStringLiteral("cookie attributes not kept (the cookies are sent as a Cookie header)"));
    unkept.report(report, QStringLiteral("field"), collectionPath,
                  QStringLiteral("members HAR 1.2 does not define (tool-specific) not kept"));
    result.collections.push_back(std::move(collection));
    return result;
}
