// SPDX-License-Identifier: MIT
#include "formats/HttpFileImporter.h"

#include "formats/ImportText.h"
#include "workspace/SecretLint.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <utility>

namespace {

bool httpIsComment(const QString& trimmed)
{
    return trimmed.startsWith(QLatin1Char('#')) || trimmed.startsWith(QLatin1String("//"));
}

/// "@name = value" (a file variable of both dialects).
bool httpFileVariable(const QString& trimmed, EnvironmentVariable& out)
{
    static const QRegularExpression re(QStringLiteral("^@([A-Za-z0-9_.$-]+)\\s*=\\s?(.*)$"));
    const auto m = re.match(trimmed);
    if (!m.hasMatch())
        return false;
    out = {m.captured(1), m.captured(2).trimmed(), false, true};
    return true;
}

/// "METHOD URL [HTTP/x]" or a bare URL; false for anything else.
bool httpRequestLine(const QString& trimmed, QString& method, QString& url)
{
    static const QRegularExpression withMethod(QStringLiteral("^([A-Za-z]+)\\s+(\\S.*?)(?:\\s+HTTP/\\d(?:\\.\\d)?)?$"));
    static const QRegularExpression bare(QStringLiteral("^(?:https?://|\\{\\{|/|localhost)\\S*$"),
                                         QRegularExpression::CaseInsensitiveOption);
    if (const auto m = withMethod.match(trimmed); m.hasMatch()) {
        const QString word = m.captured(1);
        if (HttpRequestSpec::standardMethods().contains(word.toUpper()) || word == word.toUpper()) {
            method = word;
            url = m.captured(2).trimmed();
            return true;
        }
    }
    if (bare.match(trimmed).hasMatch()) {
        method = QStringLiteral("GET");
        url = trimmed;
        return true;
    }
    return false;
}

/// The text of a `{% ... %}` script starting at lines[i] after `prefix` ("> " or "< "); advances i past it.
QString httpScript(const QStringList& lines, qsizetype& i, qsizetype prefixLength)
{
    QString text = lines.at(i).trimmed().mid(prefixLength).trimmed();
    Q_ASSERT(text.startsWith(QLatin1String("{%")));
    text = text.mid(2);
    QStringList body;
    while (true) {
        const qsizetype end = text.indexOf(QLatin1String("%}"));
        if (end >= 0) {
            body << text.left(end);
            break;
        }
        body << text;
        if (++i >= lines.size())
            break;
        text = lines.at(i);
    }
    QString source = body.join(QLatin1Char('\n'));
    // The lines between the markers, as written (a leading/trailing empty line from the marker's own line dropped).
    if (source.startsWith(QLatin1Char('\n')))
        source = source.mid(1);
    while (source.endsWith(QLatin1Char('\n')) || source.endsWith(QLatin1Char(' ')))
        source.chop(1);
    return source;
}

/// httpyac's JavaScript block: a line `{{` (or `{{+`, `{{#`, `{{@event`) up to a line `}}` (httpyac's
/// JsHttpRegionParser); before the request line it runs before the request, after it once the response is in, with
/// httpyac's own globals (`$global`, `response`, `exports`), not the JetBrains `client` API our runner provides.
/// kulala.nvim, REST Client and JetBrains have no such block (a `{{` line is body text there). Returns the index of
/// the closing line (or the last line of the block), or -1 when lines[i] does not open one.
qsizetype httpyacScriptEnd(const QStringList& lines, qsizetype i, qsizetype end)
{
    static const QRegularExpression open(QStringLiteral("^\\{\\{(?:[+#]|@[A-Za-z]+)?$"));
    if (!open.match(lines.at(i).trimmed()).hasMatch())
        return -1;
    qsizetype close = i + 1;
    while (close < end && lines.at(close).trimmed() != QLatin1String("}}"))
        ++close;
    return std::min(close, end - 1);
}

std::pair<QString, QString> httpyacScriptDropped(qsizetype first, qsizetype last)
{
    return {QStringLiteral("script"), QStringLiteral("httpyac script block {{ … }} (lines %1-%2) not kept: httpyac "
                                                     "JavaScript ($global, response), not the JetBrains client API")
                                          .arg(first + 1)
                                          .arg(last + 1)};
}

/// An x-www-form-urlencoded body written over several lines, one pair a line: REST Client joins a line that starts
/// with "&" to the one above (vscode-restclient httpRequestParser.ts parseBody), kulala.nvim one above that ends with
/// "&" (its docs, "Sending Form Data"); either way the pairs are sent as one line. Other line breaks stay.
QString httpJoinedFormBody(const QStringList& lines)
{
    QString out = lines.first();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.startsWith(QLatin1Char('&')) || out.trimmed().endsWith(QLatin1Char('&')))
            out = out.trimmed() + line;
        else
            out += QLatin1Char('\n') + lines.at(i);
    }
    return out;
}
} // namespace

bool HttpFileImporter::recognizes(const QByteArray& data)
{
    const QStringList lines = QString::fromUtf8(ImportText::withoutBom(data).left(64 * 1024)).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const QString t = line.trimmed();
        if (t.isEmpty())
            continue;
        if (t.startsWith(QLatin1String("###")))
            return true;
        if (httpIsComment(t))
            continue;
        EnvironmentVariable v;
        QString method;
        QString url;
        return httpFileVariable(t, v) || httpRequestLine(t, method, url);
    }
    return false;
}

Result<ImportResult> HttpFileImporter::import(const QByteArray& data, const QString& collectionName)
{
    QStringList lines = QString::fromUtf8(ImportText::withoutBom(data)).split(QLatin1Char('\n'));
    for (QString& line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    ImportResult result;
    ImportReport& report = result.report;
    auto collection = CollectionNode::makeCollection(collectionName);
    collection->settings().auth.type = AuthConfig::Type::None;
    const QString collectionPath = Workspace::joinPath({collectionName});
    QSet<QString> taken;

    qsizetype i = 0;
    while (i < lines.size()) {
        if (ImportText::interrupted())
            return ImportText::cancelled();
        // One block: up to the next "###" line.
        QString blockName;
        if (lines.at(i).trimmed().startsWith(QLatin1String("###"))) {
            blockName = lines.at(i).trimmed().mid(3).trimmed();
            ++i;
        }
        qsizetype end = i;
        while (end < lines.size() && !lines.at(end).trimmed().startsWith(QLatin1String("###")))
            ++end;

        RequestItem item;
        item.id = RequestItem::newId();
        item.auth.type = AuthConfig::Type::Inherit;
        QStringList notes;
        QStringList comments;
        QString name = blockName;
        bool haveRequest = false;
        QList<std::pair<QString, QString>> dropped; // kind, why
        // Preamble: comments, directives, variables, pre-request scripts; then the request line.
        for (; i < end && !haveRequest; ++i) {
            const QString t = lines.at(i).trimmed();
            EnvironmentVariable variable;
            if (t.isEmpty())
                continue;
            if (httpIsComment(t)) {
                const QString text = t.startsWith(QLatin1Char('#')) ? t.mid(1).trimmed() : t.mid(2).trimmed();
                if (text.startsWith(QLatin1String("@name"))) {
                    name = text.mid(5).trimmed();
                    if (name.startsWith(QLatin1Char('=')))
                        name = name.mid(1).trimmed();
                } else if (text == QLatin1String("@no-redirect")) {
                    item.request.followRedirects = false;
                } else if (text.startsWith(QLatin1Char('@'))) {
                    dropped.append({QStringLiteral("setting"),
                                    QStringLiteral("directive %1 not kept").arg(text.section(QLatin1Char(' '), 0, 0))});
                } else {
                    comments << text;
                }
            } else if (httpFileVariable(t, variable)) {
                // As the other importers do: a literal value under a credential's name (`@password = ...`,
                // `@token = eyJ...`, ASP.NET's and Tractus-X's .http files) goes to the keychain, not the files.
                if (!variable.value.isEmpty() && !WorkspaceStore::isOnlyReferences(variable.value) &&
                    SecretLint::isSecretName(variable.name)) {
                    variable.secret = true;
                    report.add(ImportReport::Outcome::Secret, QStringLiteral("variable"), collectionPath,
                               QStringLiteral("the value of file variable \"%1\" goes to the keychain, not into the "
                                              "workspace files")
                                   .arg(variable.name));
                }
                collection->settings().variables.append(variable);
            } else if (t.startsWith(QLatin1String("< {%"))) {
                item.scripts.append(
                    {QStringLiteral("prerequest"), QStringLiteral("text/javascript"), httpScript(lines, i, 1), true});
            } else if (t.startsWith(QLatin1String("< "))) {
                // JetBrains: `< path/to/script.js` before the request line is a pre-request script file.
                dropped.append({QStringLiteral("script"),
                                QStringLiteral("pre-request script file %1 not read (only inline scripts are kept)")
                                    .arg(t.mid(1).trimmed())});
            } else if (const qsizetype close = httpyacScriptEnd(lines, i, end); close >= 0) {
                dropped.append(httpyacScriptDropped(i, close));
                i = close;
            } else if (httpRequestLine(t, item.request.method, item.request.url)) {
                haveRequest = true;
            } else {
                dropped.append({QStringLiteral("line"),
                                QStringLiteral("line %1 is not a request line: %2").arg(i + 1).arg(t.left(80))});
            }
        }
        if (!haveRequest) {
            // Only variables and comments: not a request. Lines that were neither are reported, and so is a
            // pre-request script with no request after it in its block (kulala.nvim's demos put one in a block of
            // its own, above a `### name` block holding the request): it has nothing to run before.
            for (const ItemScript& s : std::as_const(item.scripts))
                dropped.append({QStringLiteral("script"),
                                QStringLiteral("%1 script of %2 lines in a block without a request line not kept")
                                    .arg(s.event, QString::number(s.source.count(QLatin1Char('\n')) + 1))});
            for (const auto& d : dropped)
                report.add(ImportReport::Outcome::Dropped, d.first,
                           blockName.isEmpty() ? collectionPath : Workspace::joinPath({collectionName, blockName}),
                           d.second);
            i = end;
            continue;
        }
        // URL continuation lines ("?a=1", "&b=2"), then headers up to the first blank line.
        while (i < end && (lines.at(i).trimmed().startsWith(QLatin1Char('?')) ||
                           lines.at(i).trimmed().startsWith(QLatin1Char('&')))) {
            item.request.url += lines.at(i).trimmed();
            ++i;
        }
        for (; i < end && !lines.at(i).trimmed().isEmpty(); ++i) {
            const QString t = lines.at(i).trimmed();
            if (httpIsComment(t)) {
                // A directive among the headers (kulala.nvim's `# @env-json-key`) is as lost as one above the
                // request line: say so. A plain comment is not data.
                const QString text = t.startsWith(QLatin1Char('#')) ? t.mid(1).trimmed() : t.mid(2).trimmed();
                if (text.startsWith(QLatin1Char('@')))
                    dropped.append({QStringLiteral("setting"),
                                    QStringLiteral("directive %1 not kept").arg(text.section(QLatin1Char(' '), 0, 0))});
                continue;
            }
            const qsizetype colon = t.indexOf(QLatin1Char(':'));
            item.request.headers.append(
                {(colon < 0 ? t : t.left(colon)).trimmed(), colon < 0 ? QString() : t.mid(colon + 1).trimmed(), true});
        }
        // Body, with response handlers and references taken out.
        QStringList body;
        bool bodyStarted = false;
        for (; i < end; ++i) {
            const QString t = lines.at(i).trimmed();
            if (t.startsWith(QLatin1String("> {%"))) {
                item.scripts.append(
                    {QStringLiteral("test"), QStringLiteral("text/javascript"), httpScript(lines, i, 1), true});
            } else if (t.startsWith(QLatin1String(">")) && !t.startsWith(QLatin1String(">>"))) {
                dropped.append({QStringLiteral("script"),
                                QStringLiteral("response handler file %1 not read (only inline handlers are kept)")
                                    .arg(t.mid(1).trimmed())});
            } else if (t.startsWith(QLatin1String("<>"))) {
                dropped.append({QStringLiteral("example"),
                                QStringLiteral("response reference %1 not kept").arg(t.mid(2).trimmed())});
            } else if (t.startsWith(QLatin1String(">>"))) {
                dropped.append({QStringLiteral("setting"),
                                QStringLiteral("response output redirection %1 not kept").arg(t.mid(2).trimmed())});
            } else if (const qsizetype close = httpyacScriptEnd(lines, i, end); close >= 0) {
                dropped.append(httpyacScriptDropped(i, close));
                i = close;
            } else if (httpIsComment(t)) {
                // A comment line inside the body is not sent: JetBrains' spec §2.4 ("Comments can be used ... within
                // the request body", from the start of a line with or without indent), REST Client (Selector drops
                // every comment line of the request) and kulala.nvim (document.lua skips `#`/`//` lines before it
                // looks at the body). Its text joins the request's description; a directive is reported as above.
                const QString text = t.startsWith(QLatin1Char('#')) ? t.mid(1).trimmed() : t.mid(2).trimmed();
                if (text.startsWith(QLatin1Char('@')))
                    dropped.append({QStringLiteral("setting"),
                                    QStringLiteral("directive %1 not kept").arg(text.section(QLatin1Char(' '), 0, 0))});
                else
                    comments << text;
            } else if (bodyStarted || !t.isEmpty()) {
                bodyStarted = true;
                body << lines.at(i);
            }
        }
        while (!body.isEmpty() && body.last().trimmed().isEmpty())
            body.removeLast();
        if (body.size() == 1 && body.first().trimmed().startsWith(QLatin1String("< "))) {
            item.request.bodyKind = HttpRequestSpec::BodyKind::BinaryFile;
            item.request.binaryFilePath = body.first().trimmed().mid(2).trimmed();
        } else if (!body.isEmpty()) {
            item.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
            const QString type = item.request.headerValue(QStringLiteral("Content-Type")).toLower();
            if (type.contains(QLatin1String("application/x-www-form-urlencoded")) && body.size() > 1) {
                item.request.rawBody = httpJoinedFormBody(body);
                if (item.request.rawBody.count(QLatin1Char('\n')) < body.size() - 1)
                    notes << QStringLiteral("form body lines joined at \"&\" (sent as one line)");
            } else {
                item.request.rawBody = body.join(QLatin1Char('\n'));
            }
            item.request.rawType = type.contains(QLatin1String("json"))  ? HttpRequestSpec::RawType::Json
                                   : type.contains(QLatin1String("xml")) ? HttpRequestSpec::RawType::Xml
                                                                         : HttpRequestSpec::RawType::Text;
            for (const QString& line : std::as_const(body)) {
                if (line.trimmed().startsWith(QLatin1String("< "))) {
                    notes << QStringLiteral("file references (< path) inside the body are sent as text, not read");
                    break;
                }
            }
        }
        const QString written = item.request.method;
        item.request.method = item.request.normalizedMethod();
        if (written != item.request.method)
            notes << QStringLiteral("method \"%1\" sent as %2").arg(written, item.request.method);
        item.request.syncQueryFromUrl();
        item.description = comments.join(QLatin1Char('\n'));
        if (name.isEmpty()) {
            name = item.request.method + QLatin1Char(' ') + HttpRequestSpec::urlWithoutQuery(item.request.url);
        }
        const QString base = name;
        for (int n = 2; taken.contains(name.toCaseFolded()); ++n)
            name = QStringLiteral("%1 %2").arg(base).arg(n);
        if (name != base)
            notes << QStringLiteral("renamed from \"%1\": a request above has that name").arg(base);
        taken.insert(name.toCaseFolded());
        item.name = name;
        CollectionNode* node = collection->insertChild(collection->childCount(), CollectionNode::makeRequest(item));
        const QString path = Workspace::joinPath(node->path());
        if (notes.isEmpty())
            report.add(ImportReport::Outcome::Imported, QStringLiteral("request"), path);
        else
            report.add(ImportReport::Outcome::Converted, QStringLiteral("request"), path,
                       notes.join(QStringLiteral("; ")));
        for (const auto& d : dropped)
            report.add(ImportReport::Outcome::Dropped, d.first, path, d.second);
        i = end;
    }
    if (collection->childCount() == 0)
        return Error(ErrorCode::Usage, QStringLiteral("no request found in the .http file"));
    report.add(
        collection->settings().variables.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
        QStringLiteral("collection"), collectionPath,
        collection->settings().variables.isEmpty() ? QString()
                                                   : QStringLiteral("%1 file variables became collection variables")
                                                         .arg(collection->settings().variables.size()));
    result.collections.push_back(std::move(collection));
    return result;
}
