// SPDX-License-Identifier: MIT
#include "formats/HttpFileExporter.h"

#include "formats/SharedAuth.h"
#include "workspace/ItemInheritance.h"
#include "workspace/WorkspaceStore.h"

#include <QSet>

#include <algorithm>

namespace {
/// True for a line the importer reads as something other than body text (a separator, a handler, a reference).
bool specialBodyLine(const QString& line)
{
    const QString t = line.trimmed();
    return t.startsWith(QLatin1String("###")) || t.startsWith(QLatin1Char('>')) || t.startsWith(QLatin1String("<>")) ||
           t.startsWith(QLatin1String("< {%"));
}

/// A script that is .http handler code already (JavaScript without the Postman API: JetBrains `client.*` and
/// `request.variables`, or plain code such as kulala.nvim's `console.log` handlers): written as it is. Requiring
/// `client.` dropped real .http pre-request scripts (`request.variables.set(...)`) on export.
bool isHttpHandler(const ItemScript& script)
{
    const QString& s = script.source;
    const bool postman = s.contains(QLatin1String("pm.")) || s.contains(QLatin1String("postman.")) ||
                         s.contains(QLatin1String("tests[")) || s.contains(QLatin1String("responseBody"));
    return script.enabled && script.language.contains(QLatin1String("javascript")) && !postman &&
           !s.contains(QLatin1String("%}")) &&
           (script.event == QLatin1String("test") || script.event == QLatin1String("prerequest"));
}

class HttpFileWriter
{
public:
    HttpFileWriter(bool includeSecrets, ExportResult& result)
        : m_includeSecrets(includeSecrets)
        , m_result(result)
    {
    }

    void variables(const CollectionNode& container, bool top)
    {
        const QString path = Workspace::joinPath(container.path());
        for (const EnvironmentVariable& v : container.settings().variables) {
            if (!v.enabled) {
                report(ImportReport::Outcome::Dropped, QStringLiteral("variable"), path,
                       QStringLiteral("switched-off variable %1 not written").arg(v.name));
                continue;
            }
            if (m_variableNames.contains(v.name)) {
                report(ImportReport::Outcome::Dropped, QStringLiteral("variable"), path,
                       QStringLiteral("variable %1 already set above (a .http file has one scope)").arg(v.name));
                continue;
            }
            m_variableNames.insert(v.name);
            QString value = v.value;
            if (value.contains(QLatin1Char('\n'))) {
                report(ImportReport::Outcome::Dropped, QStringLiteral("variable"), path,
                       QStringLiteral("variable %1 spans lines, which a file variable cannot").arg(v.name));
                continue;
            }
            if (v.secret && !m_includeSecrets && !value.isEmpty() && !WorkspaceStore::isOnlyReferences(value)) {
                value.clear();
                report(ImportReport::Outcome::Converted, QStringLiteral("variable"), path,
                       QStringLiteral("secret variable %1 written without its value").arg(v.name));
            } else if (!top) {
                report(ImportReport::Outcome::Converted, QStringLiteral("variable"), path,
                       QStringLiteral("folder variable %1 became a file variable").arg(v.name));
            }
            m_out += QStringLiteral("@%1 = %2\n").arg(v.name, value);
        }
        for (int i = 0; i < container.childCount(); ++i) {
            if (container.child(i)->isContainer())
                variables(*container.child(i), false);
        }
    }

    void items(const CollectionNode& container)
    {
        const QString path = Workspace::joinPath(container.path());
        for (const ItemScript& s : container.settings().scripts)
            report(ImportReport::Outcome::Dropped, QStringLiteral("script"), path,
                   QStringLiteral("%1 script of a %2 not written (a .http file has scripts per request only)")
                       .arg(s.event, container.kindName()));
        if (container.kind() == CollectionNode::Kind::Folder)
            report(ImportReport::Outcome::Converted, QStringLiteral("folder"), path,
                   QStringLiteral("a .http file has no folders: its requests follow in order"));
        for (int i = 0; i < container.childCount(); ++i) {
            const CollectionNode& child = *container.child(i);
            if (child.isContainer())
                items(child);
            else
                request(child);
        }
    }

    QString text() const { return m_out; }
    /// A blank line after the file variables.
    void separate()
    {
        if (!m_out.isEmpty())
            m_out += QLatin1Char('\n');
    }

private:
    void report(ImportReport::Outcome outcome, const QString& kind, const QString& path, const QString& detail)
    {
        m_result.report.add(outcome, kind, path, detail);
    }

    void request(const CollectionNode& node)
    {
        const RequestItem& item = node.request();
        const HttpRequestSpec& r = item.request;
        const QString path = Workspace::joinPath(node.path());
        QStringList notes;
        QStringList block;

        QString name = item.name;
        if (name.contains(QLatin1Char('\n')) || name.contains(QLatin1Char('\r'))) {
            name.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
            notes << QStringLiteral("line breaks in the name became spaces");
        }
        block << QStringLiteral("### ") + name;
        if (!item.description.isEmpty()) {
            for (const QString& line : item.description.split(QLatin1Char('\n')))
                block << (line.isEmpty() ? QStringLiteral("#") : QStringLiteral("# ") + line);
        }
        for (const EnvironmentVariable& v : item.variables)
            report(ImportReport::Outcome::Dropped, QStringLiteral("variable"), path,
                   QStringLiteral("request variable %1 not written (a .http file has one scope)").arg(v.name));
        for (const ItemScript& s : item.scripts) {
            if (s.event == QLatin1String("prerequest") && isHttpHandler(s))
                block << QStringLiteral("< {%") << s.source << QStringLiteral("%}");
        }
        if (!r.followRedirects)
            block << QStringLiteral("# @no-redirect");
        if (!r.verifyTls)
            report(ImportReport::Outcome::Dropped, QStringLiteral("setting"), path,
                   QStringLiteral("TLS verification off cannot be written in a .http file"));
        if (r.timeoutMs > 0)
            report(ImportReport::Outcome::Dropped, QStringLiteral("setting"), path,
                   QStringLiteral("timeout %1 ms cannot be written in a .http file").arg(r.timeoutMs));

        // Auth first: an API key in the query changes the URL.
        QStringList authNotes;
        const AuthConfig auth =
            SharedAuth::withPlaceholders(ItemInheritance::effectiveAuth(node).auth, m_includeSecrets, authNotes);
        QString url = r.url;
        QList<HttpRequestSpec::Row> headers;
        for (const auto& h : ItemInheritance::effectiveHeaders(node)) {
            if (!h.enabled) {
                notes << QStringLiteral("switched-off header %1 not written").arg(h.name);
                continue;
            }
            headers.append(h);
        }
        for (const auto& q : r.queryRows) {
            if (!q.enabled)
                notes << QStringLiteral("switched-off query parameter %1 not written").arg(q.name);
        }
        const auto setHeader = [&headers](const QString& headerName, const QString& value) {
            for (auto& h : headers) {
                if (h.name.compare(headerName, Qt::CaseInsensitive) == 0) {
                    h.value = value;
                    return;
                }
            }
            headers.append({headerName, value, true});
        };
        switch (auth.type) {
        case AuthConfig::Type::Bearer:
            setHeader(QStringLiteral("Authorization"), QStringLiteral("Bearer ") + auth.token);
            notes << QStringLiteral("bearer auth written as an Authorization header");
            break;
        case AuthConfig::Type::Basic:
            // Both clients encode "Basic user password" themselves (JetBrains HTTP Client docs, REST Client README).
            setHeader(QStringLiteral("Authorization"), QStringLiteral("Basic %1 %2").arg(auth.username, auth.password));
            notes << QStringLiteral("Basic auth written as an Authorization header");
            if (auth.username.contains(QLatin1Char(' ')))
                notes << QStringLiteral("a Basic user name with a space is read back differently");
            break;
        case AuthConfig::Type::ApiKey:
            if (auth.apiKeyInQuery) {
                url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + auth.apiKeyName +
                       QLatin1Char('=') + auth.apiKeyValue;
                notes << QStringLiteral("API key written as a query parameter");
            } else {
                setHeader(auth.apiKeyName, auth.apiKeyValue);
                notes << QStringLiteral("API key written as a header");
            }
            break;
        case AuthConfig::Type::OAuth2:
            setHeader(QStringLiteral("Authorization"),
                      QStringLiteral("Bearer {{$auth.token(\"%1\")}}").arg(auth.profile));
            notes << QStringLiteral("OAuth 2 profile %1 written as {{$auth.token(\"%1\")}} (JetBrains HTTP Client; "
                                    "define it under Security.Auth in http-client.env.json)")
                         .arg(auth.profile);
            break;
        default:
            break;
        }
        notes << authNotes;

        const QString method = r.normalizedMethod();
        if (url.contains(QLatin1Char('\n')) || url.trimmed().isEmpty()) {
            report(ImportReport::Outcome::Dropped, QStringLiteral("request"), path,
                   QStringLiteral("the URL is empty or spans lines, which a request line cannot hold"));
            return;
        }
        if (method != method.toUpper() && !HttpRequestSpec::standardMethods().contains(method.toUpper())) {
            report(ImportReport::Outcome::Dropped, QStringLiteral("request"), path,
                   QStringLiteral("method \"%1\" is not upper case, which a request line needs").arg(method));
            return;
        }
        block << method + QLatin1Char(' ') + url;
        for (const auto& h : std::as_const(headers)) {
            if (h.value.contains(QLatin1Char('\n')) || h.name.trimmed().isEmpty() ||
                h.name.startsWith(QLatin1Char('#')) || h.name.startsWith(QLatin1String("//"))) {
                report(ImportReport::Outcome::Dropped, QStringLiteral("header"), path,
                       QStringLiteral("header %1 cannot be written as a header line").arg(h.name.left(40)));
                continue;
            }
            block << h.name + QStringLiteral(": ") + h.value;
        }
        QString body;
        switch (r.bodyKind) {
        case HttpRequestSpec::BodyKind::None:
            break;
        case HttpRequestSpec::BodyKind::Raw:
            body = r.rawBody;
            if (r.rawType != HttpRequestSpec::RawType::Text && r.headerValue(QStringLiteral("Content-Type")).isNull() &&
                !std::any_of(headers.cbegin(), headers.cend(), [](const HttpRequestSpec::Row& h) {
                    return h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0;
                })) {
                // The importer takes the body's type from Content-Type.
                block << QStringLiteral("Content-Type: ") + HttpRequestSpec::rawTypeContentType(r.rawType);
                notes << QStringLiteral("the body's type written as a Content-Type header");
            }
            break;
        case HttpRequestSpec::BodyKind::FormUrlEncoded:
            body = r.formUrlEncodedBody();
            if (r.headerValue(QStringLiteral("Content-Type")).isNull())
                block << QStringLiteral("Content-Type: application/x-www-form-urlencoded");
            notes << QStringLiteral("urlencoded form written as its encoded text");
            break;
        case HttpRequestSpec::BodyKind::Multipart:
            report(ImportReport::Outcome::Dropped, QStringLiteral("body"), path,
                   QStringLiteral("multipart body not written (its parts and files have no exact .http form here)"));
            break;
        case HttpRequestSpec::BodyKind::BinaryFile:
            body = QStringLiteral("< ") + r.binaryFilePath;
            break;
        }
        const QStringList bodyLines = body.split(QLatin1Char('\n'));
        if (!body.isEmpty() && std::any_of(bodyLines.cbegin(), bodyLines.cend(), specialBodyLine)) {
            report(ImportReport::Outcome::Dropped, QStringLiteral("body"), path,
                   QStringLiteral("a body line starts with ###, > or <>, which a .http file reads as syntax"));
            body.clear();
        } else if (!body.isEmpty() && (body.trimmed().isEmpty() || bodyLines.first().trimmed().isEmpty() ||
                                       bodyLines.last().trimmed().isEmpty())) {
            notes << QStringLiteral("blank lines around the body are not kept by a .http file");
        }
        if (!body.isEmpty())
            block << QString() << body;
        for (const ItemScript& s : item.scripts) {
            if (s.event == QLatin1String("test") && isHttpHandler(s))
                block << QString() << QStringLiteral("> {%") << s.source << QStringLiteral("%}");
            else if (!isHttpHandler(s))
                report(ImportReport::Outcome::Dropped, QStringLiteral("script"), path,
                       QStringLiteral("%1 script not written (Postman API code has no .http equivalent)").arg(s.event));
        }
        for (const ItemAssertion& a : item.assertions)
            report(ImportReport::Outcome::Dropped, QStringLiteral("assertion"), path,
                   QStringLiteral("assertion not written: %1").arg(a.describe()));
        if (!item.captures.isEmpty())
            report(ImportReport::Outcome::Dropped, QStringLiteral("capture"), path,
                   QStringLiteral("%1 capture(s) not written").arg(item.captures.size()));
        if (!item.transport.isDefault())
            report(ImportReport::Outcome::Dropped, QStringLiteral("setting"), path,
                   QStringLiteral("transport settings (proxy, certificates) not written"));

        m_out += block.join(QLatin1Char('\n')) + QStringLiteral("\n\n");
        if (notes.isEmpty())
            report(ImportReport::Outcome::Imported, QStringLiteral("request"), path, QString());
        else
            report(ImportReport::Outcome::Converted, QStringLiteral("request"), path, notes.join(QStringLiteral("; ")));
    }

    bool m_includeSecrets;
    ExportResult& m_result;
    QSet<QString> m_variableNames;
    QString m_out;
};
} // namespace

ExportResult HttpFileExporter::exportNode(const CollectionNode& container, bool includeSecrets)
{
    Q_ASSERT(container.isContainer());
    ExportResult result;
    HttpFileWriter writer(includeSecrets, result);
    QString head;
    for (const QString& line : container.settings().description.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        head += QStringLiteral("# ") + line + QLatin1Char('\n');
    if (!head.isEmpty())
        head += QLatin1Char('\n');
    writer.variables(container, true);
    writer.separate();
    writer.items(container);
    const QString text = head + writer.text();
    result.text = text.toUtf8();
    return result;
}
