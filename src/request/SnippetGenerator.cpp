// SPDX-License-Identifier: MIT
#include "request/SnippetGenerator.h"

#include "request/CodeStringEscaper.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <QUrl>
#include <algorithm>
#include <functional>

namespace {

using Lang = CodeStringEscaper::Language;
using BodyKind = HttpRequestSpec::BodyKind;
using Part = HttpRequestSpec::MultipartPart;

struct LanguageInfo
{
    const char* id;
    const char* name;
};

constexpr LanguageInfo kLanguages[] = {
    {"curl", "cURL (POSIX shell)"},
    {"curl-windows", "cURL (Windows cmd.exe)"},
    {"csharp-httpclient", "C# (HttpClient)"},
    {"csharp-restsharp", "C# (RestSharp)"},
    {"go", "Go (net/http)"},
    {"java-httpclient", "Java (java.net.http)"},
    {"java-unirest", "Java (Unirest)"},
    {"js-fetch", "JavaScript (fetch)"},
    {"js-jquery", "JavaScript (jQuery.ajax)"},
    {"node-fetch", "Node.js (fetch)"},
    {"node-request", "Node.js (request)"},
    {"objc-nsurlsession", "Objective-C (NSURLSession)"},
    {"php-curl", "PHP (cURL)"},
    {"python-http-client", "Python (http.client)"},
    {"python-requests", "Python (requests)"},
    {"ruby-net-http", "Ruby (net/http)"},
    {"swift-urlsession", "Swift (URLSession)"},
    {"cpp-qt", "C++ (Qt QNetworkAccessManager)"},
};

QString nl()
{
    return QStringLiteral("\n");
}

bool hasBody(const HttpRequestSpec& r)
{
    return r.bodyKind != BodyKind::None;
}

/// Headers to send. For multipart bodies any Content-Type header is dropped: the client library (or our
/// hand-written body) supplies multipart/form-data with its boundary.
QList<HttpRequestSpec::HeaderRow> sendHeaders(const HttpRequestSpec& r)
{
    QList<HttpRequestSpec::HeaderRow> out;
    for (const auto& h : r.headers) {
        if (r.bodyKind == BodyKind::Multipart &&
            h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
            continue;
        out.append(h);
    }
    return out;
}

/// For map-based header APIs: same-named headers combined with ", " (RFC 9110 §5.3).
QList<HttpRequestSpec::HeaderRow> combinedHeaders(const HttpRequestSpec& r)
{
    QList<HttpRequestSpec::HeaderRow> out;
    for (const auto& h : sendHeaders(r)) {
        bool merged = false;
        for (auto& o : out) {
            if (o.name.compare(h.name, Qt::CaseInsensitive) == 0) {
                o.value += QString(QStringLiteral(", ") + h.value);
                merged = true;
                break;
            }
        }
        if (!merged)
            out.append(h);
    }
    return out;
}

QString contentTypeOf(const HttpRequestSpec& r)
{
    const QString ct = r.headerValue(QStringLiteral("Content-Type"));
    return ct.isNull() ? r.defaultContentType() : ct;
}

QString fileName(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    return name.isEmpty() ? path : name;
}

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 10);
}

/// Name/filename inside a Content-Disposition quoted string: " CR LF percent-encoded (WHATWG HTML form rule).
QString dispositionText(QString text)
{
    text.replace(QLatin1Char('"'), QLatin1String("%22"));
    text.replace(QLatin1Char('\r'), QLatin1String("%0D"));
    text.replace(QLatin1Char('\n'), QLatin1String("%0A"));
    return text;
}

struct Chunk
{
    bool isFile = false;
    QString text; // or path
};

/// A multipart/form-data body (RFC 7578) as text pieces and file contents, for languages without a form API.
QList<Chunk> multipartChunks(const HttpRequestSpec& r)
{
    const QString b = SnippetGenerator::multipartBoundary();
    QList<Chunk> chunks;
    const auto text = [&](const QString& t) {
        if (!chunks.isEmpty() && !chunks.last().isFile)
            chunks.last().text += t;
        else
            chunks.append(Chunk{false, t});
    };
    for (const Part& p : r.multipartParts) {
        QString head =
            QString(QStringLiteral("--") + b + QStringLiteral("\r\nContent-Disposition: form-data; name=\"") +
                    dispositionText(p.name) + QLatin1Char('"'));
        if (p.isFile)
            head += QString(QStringLiteral("; filename=\"") + dispositionText(fileName(p.filePath)) + QLatin1Char('"'));
        head += QStringLiteral("\r\n");
        const QString ct =
            p.contentType.isEmpty() && p.isFile ? QStringLiteral("application/octet-stream") : p.contentType;
        if (!ct.isEmpty())
            head += QString(QStringLiteral("Content-Type: ") + ct + QStringLiteral("\r\n"));
        head += QStringLiteral("\r\n");
        text(head);
        if (p.isFile)
            chunks.append(Chunk{true, p.filePath});
        else
            text(p.value);
        text(QStringLiteral("\r\n"));
    }
    text(QString(QStringLiteral("--") + b + QStringLiteral("--\r\n")));
    return chunks;
}

QString multipartContentType()
{
    return QString(QStringLiteral("multipart/form-data; boundary=") + SnippetGenerator::multipartBoundary());
}

// ---------------------------------------------------------------------------------------------------------------
// curl

/// `dataWritten`: the command has a data or form option, which makes curl send a POST. An empty form (no rows)
/// writes none: such a POST needs its --request like any other method.
QString curlMethodPart(const HttpRequestSpec& r, bool dataWritten, const std::function<QString(const QString&)>& quote)
{
    const QString& m = r.method;
    if (m == QLatin1String("HEAD") && !dataWritten)
        return QStringLiteral(" --head");
    if ((m == QLatin1String("GET") && !dataWritten) || (m == QLatin1String("POST") && dataWritten))
        return QString();
    const bool plain = std::all_of(m.cbegin(), m.cend(), [](QChar c) {
        return c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_');
    });
    return QString(QStringLiteral(" --request ") + (plain && !m.isEmpty() ? m : quote(m)));
}

bool isUnreservedName(const QString& name)
{
    if (name.isEmpty())
        return false;
    return QString::fromLatin1(QUrl::toPercentEncoding(name)) == name;
}

/// curl -F word: quoted when it contains what curl's form parser treats specially.
QString curlFormWord(const QString& word)
{
    if (!word.contains(QLatin1Char(';')) && !word.contains(QLatin1Char(',')) && !word.contains(QLatin1Char('"')) &&
        !word.startsWith(QLatin1Char(' ')) && !word.endsWith(QLatin1Char(' ')) && !word.contains(QLatin1Char('\\')))
        return word;
    QString escaped = word;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QString(QLatin1Char('"') + escaped + QLatin1Char('"'));
}

QString curl(const HttpRequestSpec& r, bool windows)
{
    const auto quote = [windows](const QString& s) {
        return windows ? CodeStringEscaper::windowsCmd(s) : CodeStringEscaper::posixShell(s);
    };
    QStringList args;
    for (const auto& h : sendHeaders(r)) {
        // "Name;" is curl's way of sending a header with an empty value ("Name:" would remove it).
        args.append(QString(QStringLiteral("--header ") +
                            quote(h.value.isEmpty() ? QString(h.name + QLatin1Char(';'))
                                                    : QString(h.name + QStringLiteral(": ") + h.value))));
    }
    switch (r.bodyKind) {
    case BodyKind::Raw:
        args.append(QString(QStringLiteral("--data-raw ") + quote(r.rawBody)));
        break;
    case BodyKind::FormUrlEncoded:
        for (const auto& row : r.formRows) {
            if (isUnreservedName(row.name))
                args.append(QString(QStringLiteral("--data-urlencode ") +
                                    quote(QString(row.name + QLatin1Char('=') + row.value))));
            else
                args.append(
                    QString(QStringLiteral("--data-raw ") +
                            quote(QString(QString::fromLatin1(QUrl::toPercentEncoding(row.name)) + QLatin1Char('=') +
                                          QString::fromLatin1(QUrl::toPercentEncoding(row.value))))));
        }
        break;
    case BodyKind::Multipart:
        for (const Part& p : r.multipartParts) {
            if (p.isFile) {
                QString spec = QString(p.name + QStringLiteral("=@") + curlFormWord(p.filePath));
                if (!p.contentType.isEmpty())
                    spec += QString(QStringLiteral(";type=") + p.contentType);
                args.append(QString(QStringLiteral("--form ") + quote(spec)));
            } else if (p.contentType.isEmpty()) {
                args.append(
                    QString(QStringLiteral("--form-string ") + quote(QString(p.name + QLatin1Char('=') + p.value))));
            } else {
                QString escaped = p.value;
                escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
                escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
                args.append(
                    QString(QStringLiteral("--form ") + quote(QString(p.name + QStringLiteral("=\"") + escaped +
                                                                      QStringLiteral("\";type=") + p.contentType))));
            }
        }
        break;
    case BodyKind::BinaryFile:
        args.append(QString(QStringLiteral("--data-binary ") + quote(QString(QLatin1Char('@') + r.binaryFilePath))));
        break;
    case BodyKind::None:
        break;
    }

    QString out = QStringLiteral("curl");
    if (r.followRedirects)
        out += QStringLiteral(" --location");
    if (!r.verifyTls)
        out += QStringLiteral(" --insecure");
    if (r.timeoutMs > 0)
        out += QString(QStringLiteral(" --max-time ") + seconds(r.timeoutMs));
    const qsizetype headerCount = sendHeaders(r).size();
    out += curlMethodPart(r, args.size() > headerCount, quote);
    out += QString(QLatin1Char(' ') + quote(r.url));
    const QString continuation = windows ? QStringLiteral(" ^\n  ") : QStringLiteral(" \\\n  ");
    for (const QString& a : std::as_const(args))
        out += QString(continuation + a);
    out += nl();
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Python

QString pythonRequests(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::Python); };
    QString out = QStringLiteral("import requests\n\n");
    out += QString(QStringLiteral("url = ") + L(r.url) + QStringLiteral("\n\n"));
    QStringList kwargs;
    const auto headers = combinedHeaders(r);
    if (!headers.isEmpty()) {
        out += QStringLiteral("headers = {\n");
        for (const auto& h : headers)
            out +=
                QString(QStringLiteral("    ") + L(h.name) + QStringLiteral(": ") + L(h.value) + QStringLiteral(",\n"));
        out += QStringLiteral("}\n\n");
        kwargs.append(QStringLiteral("headers=headers"));
    }
    switch (r.bodyKind) {
    case BodyKind::Raw:
        // A str body would be encoded as ISO-8859-1 by http.client; send UTF-8 bytes.
        out += QString(QStringLiteral("payload = ") + L(r.rawBody) + QStringLiteral(".encode(\"utf-8\")\n\n"));
        kwargs.append(QStringLiteral("data=payload"));
        break;
    case BodyKind::FormUrlEncoded:
        out += QStringLiteral("payload = [\n");
        for (const auto& row : r.formRows)
            out += QString(QStringLiteral("    (") + L(row.name) + QStringLiteral(", ") + L(row.value) +
                           QStringLiteral("),\n"));
        out += QStringLiteral("]\n\n");
        kwargs.append(QStringLiteral("data=payload"));
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("files = [\n");
        for (const Part& p : r.multipartParts) {
            QString tuple;
            if (p.isFile)
                tuple = QString(L(fileName(p.filePath)) + QStringLiteral(", open(") + L(p.filePath) +
                                QStringLiteral(", \"rb\")"));
            else
                tuple = QString(QStringLiteral("None, ") + L(p.value));
            if (!p.contentType.isEmpty())
                tuple += QString(QStringLiteral(", ") + L(p.contentType));
            out +=
                QString(QStringLiteral("    (") + L(p.name) + QStringLiteral(", (") + tuple + QStringLiteral(")),\n"));
        }
        out += QStringLiteral("]\n\n");
        kwargs.append(QStringLiteral("files=files"));
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("payload = open(") + L(r.binaryFilePath) + QStringLiteral(", \"rb\")\n\n"));
        kwargs.append(QStringLiteral("data=payload"));
        break;
    case BodyKind::None:
        break;
    }
    if (!r.followRedirects)
        kwargs.append(QStringLiteral("allow_redirects=False"));
    if (!r.verifyTls)
        kwargs.append(QStringLiteral("verify=False"));
    if (r.timeoutMs > 0)
        kwargs.append(QString(QStringLiteral("timeout=") + seconds(r.timeoutMs)));
    QString call = QString(QStringLiteral("response = requests.request(") + L(r.method) + QStringLiteral(", url"));
    for (const QString& k : std::as_const(kwargs))
        call += QString(QStringLiteral(", ") + k);
    out += QString(call + QStringLiteral(")\n\nprint(response.text)\n"));
    return out;
}

QString pythonHttpClient(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::Python); };
    const QUrl url(r.url);
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    QString out = QStringLiteral("import http.client\n");
    if (https && !r.verifyTls)
        out += QStringLiteral("import ssl\n");
    if (r.bodyKind == BodyKind::FormUrlEncoded)
        out += QStringLiteral("import urllib.parse\n");
    out += nl();
    QString connArgs = L(url.host(QUrl::FullyEncoded));
    if (url.port() > 0)
        connArgs += QString(QStringLiteral(", ") + QString::number(url.port()));
    if (https && !r.verifyTls)
        connArgs += QStringLiteral(", context=ssl._create_unverified_context()");
    if (r.timeoutMs > 0)
        connArgs += QString(QStringLiteral(", timeout=") + seconds(r.timeoutMs));
    out += QString(QStringLiteral("conn = http.client.") +
                   (https ? QStringLiteral("HTTPSConnection(") : QStringLiteral("HTTPConnection(")) + connArgs +
                   QStringLiteral(")\n"));
    if (r.followRedirects)
        out += QStringLiteral("# http.client does not follow redirects; handle 3xx responses yourself.\n");
    // Path and query exactly as written (QUrl would re-encode them).
    QString path = r.url.section(QLatin1Char('#'), 0, 0);
    const qsizetype schemeEnd = path.indexOf(QLatin1String("://"));
    const qsizetype pathStart =
        schemeEnd < 0 ? -1 : path.indexOf(QRegularExpression(QStringLiteral("[/?]")), schemeEnd + 3);
    path = pathStart < 0 ? QStringLiteral("/") : path.mid(pathStart);
    if (path.startsWith(QLatin1Char('?')))
        path.prepend(QLatin1Char('/'));
    QString payload = QStringLiteral("None");
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("payload = ") + L(r.rawBody) + QStringLiteral(".encode(\"utf-8\")\n"));
        payload = QStringLiteral("payload");
        break;
    case BodyKind::FormUrlEncoded:
        out += QStringLiteral("payload = urllib.parse.urlencode([\n");
        for (const auto& row : r.formRows)
            out += QString(QStringLiteral("    (") + L(row.name) + QStringLiteral(", ") + L(row.value) +
                           QStringLiteral("),\n"));
        out += QStringLiteral("])\n");
        payload = QStringLiteral("payload");
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("payload = b\"\"\n");
        for (const Chunk& c : multipartChunks(r)) {
            if (c.isFile)
                out += QString(QStringLiteral("with open(") + L(c.text) +
                               QStringLiteral(", \"rb\") as f:\n    payload += f.read()\n"));
            else
                out += QString(QStringLiteral("payload += ") + L(c.text) + QStringLiteral(".encode(\"utf-8\")\n"));
        }
        payload = QStringLiteral("payload");
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("with open(") + L(r.binaryFilePath) +
                       QStringLiteral(", \"rb\") as f:\n    payload = f.read()\n"));
        payload = QStringLiteral("payload");
        break;
    case BodyKind::None:
        break;
    }
    out += QStringLiteral("headers = {\n");
    for (const auto& h : combinedHeaders(r))
        out += QString(QStringLiteral("    ") + L(h.name) + QStringLiteral(": ") + L(h.value) + QStringLiteral(",\n"));
    if (r.bodyKind == BodyKind::Multipart)
        out += QString(QStringLiteral("    \"Content-Type\": ") + L(multipartContentType()) + QStringLiteral(",\n"));
    out += QStringLiteral("}\n");
    out += QString(QStringLiteral("conn.request(") + L(r.method) + QStringLiteral(", ") + L(path) +
                   QStringLiteral(", ") + payload + QStringLiteral(", headers)\n"));
    out += QStringLiteral("res = conn.getresponse()\ndata = res.read()\nprint(data.decode(\"utf-8\"))\n");
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// JavaScript / Node.js

QString jsHeadersObject(const HttpRequestSpec& r, const QString& indent)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::JavaScript); };
    QString out = QStringLiteral("{\n");
    for (const auto& h : combinedHeaders(r))
        out += QString(indent + QStringLiteral("  ") + L(h.name) + QStringLiteral(": ") + L(h.value) +
                       QStringLiteral(",\n"));
    out += QString(indent + QLatin1Char('}'));
    return out;
}

QString jsFetch(const HttpRequestSpec& r, bool node)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::JavaScript); };
    QString out;
    const bool needsFs =
        node && (r.bodyKind == BodyKind::BinaryFile ||
                 (r.bodyKind == BodyKind::Multipart && std::any_of(r.multipartParts.cbegin(), r.multipartParts.cend(),
                                                                   [](const Part& p) { return p.isFile; })));
    if (node) {
        out += QStringLiteral("// Node.js 18 or later (global fetch, FormData and Blob).\n");
        if (needsFs)
            out += QStringLiteral("const fs = require(\"node:fs\");\n");
        if (!r.verifyTls)
            out += QStringLiteral(
                "// TLS verification is off for this request: run with NODE_TLS_REJECT_UNAUTHORIZED=0 (unsafe).\n");
        out += nl();
    } else if (!r.verifyTls) {
        out += QStringLiteral(
            "// Browsers always verify TLS certificates; the \"verify TLS\" setting does not apply.\n\n");
    }
    QString body;
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("const body = ") + L(r.rawBody) + QStringLiteral(";\n\n"));
        body = QStringLiteral("body");
        break;
    case BodyKind::FormUrlEncoded:
        out += QStringLiteral("const body = new URLSearchParams();\n");
        for (const auto& row : r.formRows)
            out += QString(QStringLiteral("body.append(") + L(row.name) + QStringLiteral(", ") + L(row.value) +
                           QStringLiteral(");\n"));
        out += nl();
        body = QStringLiteral("body");
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("const body = new FormData();\n");
        for (const Part& p : r.multipartParts) {
            if (p.isFile && node) {
                QString blobOptions =
                    p.contentType.isEmpty()
                        ? QString()
                        : QString(QStringLiteral(", { type: ") + L(p.contentType) + QStringLiteral(" }"));
                out += QString(QStringLiteral("body.append(") + L(p.name) +
                               QStringLiteral(", new Blob([fs.readFileSync(") + L(p.filePath) + QStringLiteral(")]") +
                               blobOptions + QStringLiteral("), ") + L(fileName(p.filePath)) + QStringLiteral(");\n"));
            } else if (p.isFile) {
                out += QString(QStringLiteral("// ") + L(p.filePath) +
                               QStringLiteral(": pick the file with an <input type=\"file\">\n"));
                out += QString(QStringLiteral("body.append(") + L(p.name) + QStringLiteral(", fileInput.files[0], ") +
                               L(fileName(p.filePath)) + QStringLiteral(");\n"));
            } else if (!p.contentType.isEmpty()) {
                out +=
                    QString(QStringLiteral("body.append(") + L(p.name) + QStringLiteral(", new Blob([") + L(p.value) +
                            QStringLiteral("], { type: ") + L(p.contentType) + QStringLiteral(" }));\n"));
            } else {
                out += QString(QStringLiteral("body.append(") + L(p.name) + QStringLiteral(", ") + L(p.value) +
                               QStringLiteral(");\n"));
            }
        }
        out += nl();
        body = QStringLiteral("body");
        break;
    case BodyKind::BinaryFile:
        if (node) {
            out += QString(QStringLiteral("const body = fs.readFileSync(") + L(r.binaryFilePath) +
                           QStringLiteral(");\n\n"));
        } else {
            out += QString(QStringLiteral("// ") + L(r.binaryFilePath) +
                           QStringLiteral(": pick the file with an <input type=\"file\">\n"));
            out += QStringLiteral("const body = fileInput.files[0];\n\n");
        }
        body = QStringLiteral("body");
        break;
    case BodyKind::None:
        break;
    }
    out += QString(QStringLiteral("fetch(") + L(r.url) + QStringLiteral(", {\n"));
    out += QString(QStringLiteral("  method: ") + L(r.method) + QStringLiteral(",\n"));
    out += QString(QStringLiteral("  headers: ") + jsHeadersObject(r, QStringLiteral("  ")) + QStringLiteral(",\n"));
    if (!body.isEmpty())
        out += QString(QStringLiteral("  body: ") + body + QStringLiteral(",\n"));
    if (!r.followRedirects)
        out += QStringLiteral("  redirect: \"manual\",\n");
    if (r.timeoutMs > 0)
        out += QString(QStringLiteral("  signal: AbortSignal.timeout(") + QString::number(r.timeoutMs) +
                       QStringLiteral("),\n"));
    out += QStringLiteral("})\n  .then((response) => response.text())\n  .then((text) => console.log(text))\n"
                          "  .catch((error) => console.error(error));\n");
    return out;
}

QString jsJquery(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::JavaScript); };
    QString out;
    QStringList settings;
    settings.append(QString(QStringLiteral("url: ") + L(r.url)));
    settings.append(QString(QStringLiteral("method: ") + L(r.method)));
    settings.append(QString(QStringLiteral("timeout: ") + QString::number(r.timeoutMs)));
    settings.append(QString(QStringLiteral("headers: ") + jsHeadersObject(r, QStringLiteral("  "))));
    if (!r.verifyTls || !r.followRedirects)
        out += QStringLiteral("// Browsers decide on TLS verification and redirects; those settings do not apply.\n");
    switch (r.bodyKind) {
    case BodyKind::Raw:
        settings.append(QString(QStringLiteral("data: ") + L(r.rawBody)));
        settings.append(QStringLiteral("processData: false"));
        break;
    case BodyKind::FormUrlEncoded:
        settings.append(QString(QStringLiteral("data: ") + L(r.formUrlEncodedBody())));
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("const form = new FormData();\n");
        for (const Part& p : r.multipartParts) {
            if (p.isFile) {
                out += QString(QStringLiteral("// ") + L(p.filePath) +
                               QStringLiteral(": pick the file with an <input type=\"file\">\n"));
                out += QString(QStringLiteral("form.append(") + L(p.name) + QStringLiteral(", fileInput.files[0], ") +
                               L(fileName(p.filePath)) + QStringLiteral(");\n"));
            } else {
                out += QString(QStringLiteral("form.append(") + L(p.name) + QStringLiteral(", ") + L(p.value) +
                               QStringLiteral(");\n"));
            }
        }
        out += nl();
        settings.append(QStringLiteral("data: form"));
        settings.append(QStringLiteral("processData: false"));
        settings.append(QStringLiteral("contentType: false"));
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("// ") + L(r.binaryFilePath) +
                       QStringLiteral(": pick the file with an <input type=\"file\">\n"));
        settings.append(QStringLiteral("data: fileInput.files[0]"));
        settings.append(QStringLiteral("processData: false"));
        break;
    case BodyKind::None:
        break;
    }
    if (hasBody(r) && r.bodyKind != BodyKind::Multipart)
        settings.append(QString(QStringLiteral("contentType: ") + L(contentTypeOf(r))));
    out += QStringLiteral("const settings = {\n");
    for (const QString& s : std::as_const(settings))
        out += QString(QStringLiteral("  ") + s + QStringLiteral(",\n"));
    out += QStringLiteral("};\n\n$.ajax(settings).done(function (response) {\n  console.log(response);\n});\n");
    return out;
}

QString nodeRequest(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::JavaScript); };
    const bool needsFs =
        r.bodyKind == BodyKind::BinaryFile ||
        (r.bodyKind == BodyKind::Multipart &&
         std::any_of(r.multipartParts.cbegin(), r.multipartParts.cend(), [](const Part& p) { return p.isFile; }));
    QString out = QStringLiteral("const request = require(\"request\");\n");
    if (needsFs)
        out += QStringLiteral("const fs = require(\"fs\");\n");
    out += nl();
    out += QStringLiteral("const options = {\n");
    out += QString(QStringLiteral("  method: ") + L(r.method) + QStringLiteral(",\n"));
    out += QString(QStringLiteral("  url: ") + L(r.url) + QStringLiteral(",\n"));
    out += QString(QStringLiteral("  headers: ") + jsHeadersObject(r, QStringLiteral("  ")) + QStringLiteral(",\n"));
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("  body: ") + L(r.rawBody) + QStringLiteral(",\n"));
        break;
    case BodyKind::FormUrlEncoded:
        out += QString(QStringLiteral("  body: ") + L(r.formUrlEncodedBody()) + QStringLiteral(",\n"));
        break;
    case BodyKind::Multipart: {
        // Same-named parts become an array, which request sends as repeated parts.
        QStringList names;
        for (const Part& p : r.multipartParts) {
            if (!names.contains(p.name))
                names.append(p.name);
        }
        out += QStringLiteral("  formData: {\n");
        for (const QString& name : std::as_const(names)) {
            QStringList values;
            for (const Part& p : r.multipartParts) {
                if (p.name != name)
                    continue;
                if (p.isFile || !p.contentType.isEmpty()) {
                    const QString value =
                        p.isFile ? QString(QStringLiteral("fs.createReadStream(") + L(p.filePath) + QLatin1Char(')'))
                                 : L(p.value);
                    QString opts;
                    if (p.isFile)
                        opts += QString(QStringLiteral("filename: ") + L(fileName(p.filePath)));
                    if (!p.contentType.isEmpty())
                        opts += QString((opts.isEmpty() ? QString() : QStringLiteral(", ")) +
                                        QStringLiteral("contentType: ") + L(p.contentType));
                    values.append(QString(QStringLiteral("{ value: ") + value + QStringLiteral(", options: { ") + opts +
                                          QStringLiteral(" } }")));
                } else {
                    values.append(L(p.value));
                }
            }
            out += QString(QStringLiteral("    ") + L(name) + QStringLiteral(": ") +
                           (values.size() == 1
                                ? values.first()
                                : QString(QLatin1Char('[') + values.join(QStringLiteral(", ")) + QLatin1Char(']'))) +
                           QStringLiteral(",\n"));
        }
        out += QStringLiteral("  },\n");
        break;
    }
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("  body: fs.readFileSync(") + L(r.binaryFilePath) + QStringLiteral("),\n"));
        break;
    case BodyKind::None:
        break;
    }
    if (!r.followRedirects)
        out += QStringLiteral("  followRedirect: false,\n");
    else if (r.method != QLatin1String("GET") && r.method != QLatin1String("HEAD"))
        out += QStringLiteral("  followAllRedirects: true,\n");
    if (!r.verifyTls)
        out += QStringLiteral("  strictSSL: false,\n");
    if (r.timeoutMs > 0)
        out += QString(QStringLiteral("  timeout: ") + QString::number(r.timeoutMs) + QStringLiteral(",\n"));
    out += QStringLiteral("};\n\nrequest(options, function (error, response) {\n  if (error) throw new Error(error);\n"
                          "  console.log(response.body);\n});\n");
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Go

QString goSnippet(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::Go); };
    QStringList imports = {QStringLiteral("fmt"), QStringLiteral("io"), QStringLiteral("net/http")};
    QString body;
    QString payload = QStringLiteral("nil");
    const QString fail = QStringLiteral("\tif err != nil {\n\t\tfmt.Println(err)\n\t\treturn\n\t}\n");
    bool multipartWriter = false;
    switch (r.bodyKind) {
    case BodyKind::Raw:
        imports.append(QStringLiteral("strings"));
        body += QString(QStringLiteral("\tpayload := strings.NewReader(") + L(r.rawBody) + QStringLiteral(")\n"));
        payload = QStringLiteral("payload");
        break;
    case BodyKind::FormUrlEncoded:
        imports.append(QStringLiteral("net/url"));
        imports.append(QStringLiteral("strings"));
        body += QStringLiteral("\tform := url.Values{}\n");
        for (const auto& row : r.formRows)
            body += QString(QStringLiteral("\tform.Add(") + L(row.name) + QStringLiteral(", ") + L(row.value) +
                            QStringLiteral(")\n"));
        body += QStringLiteral("\tpayload := strings.NewReader(form.Encode())\n");
        payload = QStringLiteral("payload");
        break;
    case BodyKind::Multipart:
        imports.append(QStringLiteral("bytes"));
        imports.append(QStringLiteral("mime/multipart"));
        body += QStringLiteral("\tpayload := &bytes.Buffer{}\n\twriter := multipart.NewWriter(payload)\n");
        for (const Part& p : r.multipartParts) {
            const QString ct =
                p.contentType.isEmpty() && p.isFile ? QStringLiteral("application/octet-stream") : p.contentType;
            if (!p.isFile && ct.isEmpty()) {
                body +=
                    QString(QStringLiteral("\tif err := writer.WriteField(") + L(p.name) + QStringLiteral(", ") +
                            L(p.value) + QStringLiteral("); err != nil {\n\t\tfmt.Println(err)\n\t\treturn\n\t}\n"));
                continue;
            }
            if (!imports.contains(QStringLiteral("net/textproto")))
                imports.append(QStringLiteral("net/textproto"));
            QString disposition =
                QString(QStringLiteral("form-data; name=\"") + dispositionText(p.name) + QLatin1Char('"'));
            if (p.isFile)
                disposition +=
                    QString(QStringLiteral("; filename=\"") + dispositionText(fileName(p.filePath)) + QLatin1Char('"'));
            body += QStringLiteral("\t{\n");
            body += QString(
                QStringLiteral("\t\tpart, err := writer.CreatePart(textproto.MIMEHeader{\"Content-Disposition\": {") +
                L(disposition) + QStringLiteral("}, \"Content-Type\": {") + L(ct) + QStringLiteral("}})\n"));
            body += QStringLiteral("\t\tif err != nil {\n\t\t\tfmt.Println(err)\n\t\t\treturn\n\t\t}\n");
            if (p.isFile) {
                if (!imports.contains(QStringLiteral("os")))
                    imports.append(QStringLiteral("os"));
                body += QString(QStringLiteral("\t\tfile, err := os.Open(") + L(p.filePath) + QStringLiteral(")\n"));
                body += QStringLiteral("\t\tif err != nil {\n\t\t\tfmt.Println(err)\n\t\t\treturn\n\t\t}\n");
                body += QStringLiteral("\t\t_, err = io.Copy(part, file)\n\t\tfile.Close()\n");
            } else {
                body +=
                    QString(QStringLiteral("\t\t_, err = io.WriteString(part, ") + L(p.value) + QStringLiteral(")\n"));
            }
            body += QStringLiteral("\t\tif err != nil {\n\t\t\tfmt.Println(err)\n\t\t\treturn\n\t\t}\n\t}\n");
        }
        body += QString(
            QStringLiteral("\tif err := writer.Close(); err != nil {\n\t\tfmt.Println(err)\n\t\treturn\n\t}\n"));
        payload = QStringLiteral("payload");
        multipartWriter = true;
        break;
    case BodyKind::BinaryFile:
        imports.append(QStringLiteral("os"));
        body +=
            QString(QStringLiteral("\tpayload, err := os.Open(") + L(r.binaryFilePath) + QStringLiteral(")\n") + fail);
        body += QStringLiteral("\tdefer payload.Close()\n");
        payload = QStringLiteral("payload");
        break;
    case BodyKind::None:
        break;
    }
    if (!r.verifyTls)
        imports.append(QStringLiteral("crypto/tls"));
    if (r.timeoutMs > 0)
        imports.append(QStringLiteral("time"));
    imports.sort();

    QString out = QStringLiteral("package main\n\nimport (\n");
    for (const QString& i : std::as_const(imports))
        out += QString(QStringLiteral("\t\"") + i + QStringLiteral("\"\n"));
    out += QStringLiteral(")\n\nfunc main() {\n");
    out += body;
    out += QString(QStringLiteral("\treq, err := http.NewRequest(") + L(r.method) + QStringLiteral(", ") + L(r.url) +
                   QStringLiteral(", ") + payload + QStringLiteral(")\n") + fail);
    for (const auto& h : sendHeaders(r))
        out += QString(QStringLiteral("\treq.Header.Add(") + L(h.name) + QStringLiteral(", ") + L(h.value) +
                       QStringLiteral(")\n"));
    if (multipartWriter)
        out += QStringLiteral("\treq.Header.Set(\"Content-Type\", writer.FormDataContentType())\n");
    QString clientFields;
    if (r.timeoutMs > 0)
        clientFields += QString(QStringLiteral("\t\tTimeout: ") + QString::number(r.timeoutMs) +
                                QStringLiteral(" * time.Millisecond,\n"));
    if (!r.verifyTls)
        clientFields +=
            QStringLiteral("\t\tTransport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},\n");
    if (!r.followRedirects)
        clientFields += QStringLiteral("\t\tCheckRedirect: func(req *http.Request, via []*http.Request) error {\n"
                                       "\t\t\treturn http.ErrUseLastResponse\n\t\t},\n");
    out += clientFields.isEmpty()
               ? QStringLiteral("\n\tclient := &http.Client{}\n")
               : QString(QStringLiteral("\n\tclient := &http.Client{\n") + clientFields + QStringLiteral("\t}\n"));
    out += QStringLiteral("\tres, err := client.Do(req)\n") + fail;
    out += QStringLiteral("\tdefer res.Body.Close()\n\n\tbody, err := io.ReadAll(res.Body)\n") + fail;
    out += QStringLiteral("\tfmt.Println(string(body))\n}\n");
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Java

QString javaHttpClient(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::Java); };
    static const QStringList restricted = {QStringLiteral("connection"), QStringLiteral("content-length"),
                                           QStringLiteral("expect"), QStringLiteral("host"), QStringLiteral("upgrade")};
    QStringList imports = {QStringLiteral("java.net.URI"), QStringLiteral("java.net.http.HttpClient"),
                           QStringLiteral("java.net.http.HttpRequest"), QStringLiteral("java.net.http.HttpResponse")};
    QString pre;
    QString publisher = QStringLiteral("HttpRequest.BodyPublishers.noBody()");
    switch (r.bodyKind) {
    case BodyKind::Raw:
        publisher = QString(QStringLiteral("HttpRequest.BodyPublishers.ofString(") + L(r.rawBody) + QLatin1Char(')'));
        break;
    case BodyKind::FormUrlEncoded:
        publisher = QString(QStringLiteral("HttpRequest.BodyPublishers.ofString(") + L(r.formUrlEncodedBody()) +
                            QLatin1Char(')'));
        break;
    case BodyKind::Multipart:
        imports << QStringLiteral("java.nio.charset.StandardCharsets") << QStringLiteral("java.nio.file.Files")
                << QStringLiteral("java.nio.file.Path") << QStringLiteral("java.util.ArrayList")
                << QStringLiteral("java.util.List");
        pre += QStringLiteral("        // multipart/form-data written out by hand (java.net.http has no form API).\n");
        pre += QStringLiteral("        List<byte[]> parts = new ArrayList<>();\n");
        for (const Chunk& c : multipartChunks(r)) {
            if (c.isFile)
                pre += QString(QStringLiteral("        parts.add(Files.readAllBytes(Path.of(") + L(c.text) +
                               QStringLiteral(")));\n"));
            else
                pre += QString(QStringLiteral("        parts.add(") + L(c.text) +
                               QStringLiteral(".getBytes(StandardCharsets.UTF_8));\n"));
        }
        publisher = QStringLiteral("HttpRequest.BodyPublishers.ofByteArrays(parts)");
        break;
    case BodyKind::BinaryFile:
        imports << QStringLiteral("java.nio.file.Path");
        publisher = QString(QStringLiteral("HttpRequest.BodyPublishers.ofFile(Path.of(") + L(r.binaryFilePath) +
                            QStringLiteral("))"));
        break;
    case BodyKind::None:
        break;
    }
    if (r.timeoutMs > 0)
        imports << QStringLiteral("java.time.Duration");
    imports.sort();
    QString out;
    for (const QString& i : std::as_const(imports))
        out += QString(QStringLiteral("import ") + i + QStringLiteral(";\n"));
    out += QStringLiteral("\npublic class Main {\n    public static void main(String[] args) throws Exception {\n");
    out += pre;
    if (!r.verifyTls)
        out += QStringLiteral("        // TLS verification off: pass an SSLContext that trusts all certificates to "
                              "HttpClient.newBuilder().sslContext(...).\n");
    out += QStringLiteral("        HttpClient client = HttpClient.newBuilder()\n");
    out += QString(QStringLiteral("            .followRedirects(HttpClient.Redirect.") +
                   (r.followRedirects ? QStringLiteral("NORMAL") : QStringLiteral("NEVER")) +
                   QStringLiteral(")\n            .build();\n"));
    out += QStringLiteral("        HttpRequest request = HttpRequest.newBuilder()\n");
    out += QString(QStringLiteral("            .uri(URI.create(") + L(r.url) + QStringLiteral("))\n"));
    for (const auto& h : sendHeaders(r)) {
        if (restricted.contains(h.name.toLower()))
            out += QString(QStringLiteral("            // header not allowed by java.net.http: ") + L(h.name) +
                           QStringLiteral("\n"));
        else
            out += QString(QStringLiteral("            .header(") + L(h.name) + QStringLiteral(", ") + L(h.value) +
                           QStringLiteral(")\n"));
    }
    if (r.bodyKind == BodyKind::Multipart)
        out += QString(QStringLiteral("            .header(\"Content-Type\", ") + L(multipartContentType()) +
                       QStringLiteral(")\n"));
    if (r.timeoutMs > 0)
        out += QString(QStringLiteral("            .timeout(Duration.ofMillis(") + QString::number(r.timeoutMs) +
                       QStringLiteral("))\n"));
    out += QString(QStringLiteral("            .method(") + L(r.method) + QStringLiteral(", ") + publisher +
                   QStringLiteral(")\n            .build();\n"));
    out += QStringLiteral(
        "        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());\n"
        "        System.out.println(response.body());\n    }\n}\n");
    return out;
}

QString javaUnirest(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::Java); };
    QString out;
    if (!r.verifyTls)
        out += QStringLiteral("Unirest.config().verifySsl(false);\n");
    if (!r.followRedirects)
        out += QStringLiteral("Unirest.config().followRedirects(false);\n");
    if (r.timeoutMs > 0)
        out += QString(QStringLiteral("Unirest.config().connectTimeout(") + QString::number(r.timeoutMs) +
                       QStringLiteral(").requestTimeout(") + QString::number(r.timeoutMs) + QStringLiteral(");\n"));
    static const QStringList bodyless = {QStringLiteral("GET"), QStringLiteral("HEAD")};
    static const QStringList withBody = {QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"),
                                         QStringLiteral("DELETE"), QStringLiteral("OPTIONS")};
    QString start;
    if ((bodyless.contains(r.method) && !hasBody(r)) || withBody.contains(r.method))
        start =
            QString(QStringLiteral("Unirest.") + r.method.toLower() + QLatin1Char('(') + L(r.url) + QLatin1Char(')'));
    else
        start = QString(QStringLiteral("Unirest.request(") + L(r.method) + QStringLiteral(", ") + L(r.url) +
                        QLatin1Char(')'));
    out += QString(QStringLiteral("HttpResponse<String> response = ") + start + nl());
    const bool fields = r.bodyKind == BodyKind::FormUrlEncoded || r.bodyKind == BodyKind::Multipart;
    for (const auto& h : sendHeaders(r)) {
        // Unirest sets Content-Type itself for form fields.
        if (fields && h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
            continue;
        out += QString(QStringLiteral("    .header(") + L(h.name) + QStringLiteral(", ") + L(h.value) +
                       QStringLiteral(")\n"));
    }
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("    .body(") + L(r.rawBody) + QStringLiteral(")\n"));
        break;
    case BodyKind::FormUrlEncoded:
        for (const auto& row : r.formRows)
            out += QString(QStringLiteral("    .field(") + L(row.name) + QStringLiteral(", ") + L(row.value) +
                           QStringLiteral(")\n"));
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("    .multiPartContent()\n");
        for (const Part& p : r.multipartParts) {
            if (p.isFile)
                out +=
                    QString(QStringLiteral("    .field(") + L(p.name) + QStringLiteral(", new java.io.File(") +
                            L(p.filePath) + QLatin1Char(')') +
                            (p.contentType.isEmpty() ? QString() : QString(QStringLiteral(", ") + L(p.contentType))) +
                            QStringLiteral(")\n"));
            else
                out += QString(QStringLiteral("    .field(") + L(p.name) + QStringLiteral(", ") + L(p.value) +
                               QStringLiteral(")\n"));
        }
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("    .body(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(") +
                       L(r.binaryFilePath) + QStringLiteral(")))\n"));
        break;
    case BodyKind::None:
        break;
    }
    out += QStringLiteral("    .asString();\nSystem.out.println(response.getBody());\n");
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// C#

bool isContentHeader(const QString& name)
{
    return name.startsWith(QLatin1String("Content-"), Qt::CaseInsensitive) ||
           name.compare(QLatin1String("Expires"), Qt::CaseInsensitive) == 0 ||
           name.compare(QLatin1String("Last-Modified"), Qt::CaseInsensitive) == 0 ||
           name.compare(QLatin1String("Allow"), Qt::CaseInsensitive) == 0;
}

QString csharpHttpClient(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::CSharp); };
    QString out = QStringLiteral(
        "using System;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Net.Http;\n\n");
    out += QStringLiteral("var handler = new HttpClientHandler();\n");
    if (!r.followRedirects)
        out += QStringLiteral("handler.AllowAutoRedirect = false;\n");
    if (!r.verifyTls)
        out += QStringLiteral("handler.ServerCertificateCustomValidationCallback = "
                              "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;\n");
    out += QStringLiteral("using var client = new HttpClient(handler);\n");
    if (r.timeoutMs > 0)
        out += QString(QStringLiteral("client.Timeout = TimeSpan.FromMilliseconds(") + QString::number(r.timeoutMs) +
                       QStringLiteral(");\n"));
    out += QString(QStringLiteral("var request = new HttpRequestMessage(new HttpMethod(") + L(r.method) +
                   QStringLiteral("), ") + L(r.url) + QStringLiteral(");\n"));
    bool content = true;
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("request.Content = new StringContent(") + L(r.rawBody) + QStringLiteral(");\n"));
        out += QStringLiteral("request.Content.Headers.Remove(\"Content-Type\");\n");
        break;
    case BodyKind::FormUrlEncoded:
        out += QStringLiteral("request.Content = new FormUrlEncodedContent(new[]\n{\n");
        for (const auto& row : r.formRows)
            out += QString(QStringLiteral("    new KeyValuePair<string, string>(") + L(row.name) +
                           QStringLiteral(", ") + L(row.value) + QStringLiteral("),\n"));
        out += QStringLiteral("});\nrequest.Content.Headers.Remove(\"Content-Type\");\n");
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("var form = new MultipartFormDataContent();\n");
        for (const Part& p : r.multipartParts) {
            const QString content2 =
                p.isFile
                    ? QString(QStringLiteral("new StreamContent(File.OpenRead(") + L(p.filePath) + QStringLiteral("))"))
                    : QString(QStringLiteral("new StringContent(") + L(p.value) + QLatin1Char(')'));
            out += QStringLiteral("{\n");
            out += QString(QStringLiteral("    var part = ") + content2 + QStringLiteral(";\n"));
            if (!p.contentType.isEmpty())
                out += QString(QStringLiteral("    part.Headers.Remove(\"Content-Type\");\n    "
                                              "part.Headers.TryAddWithoutValidation(\"Content-Type\", ") +
                               L(p.contentType) + QStringLiteral(");\n"));
            else if (!p.isFile)
                out += QStringLiteral("    part.Headers.Remove(\"Content-Type\");\n");
            out += QString(QStringLiteral("    form.Add(part, ") + L(p.name) +
                           (p.isFile ? QString(QStringLiteral(", ") + L(fileName(p.filePath))) : QString()) +
                           QStringLiteral(");\n}\n"));
        }
        out += QStringLiteral("request.Content = form;\n");
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("request.Content = new StreamContent(File.OpenRead(") + L(r.binaryFilePath) +
                       QStringLiteral("));\n"));
        break;
    case BodyKind::None:
        content = false;
        break;
    }
    for (const auto& h : sendHeaders(r)) {
        const bool onContent = content && isContentHeader(h.name);
        out += QString((onContent ? QStringLiteral("request.Content.Headers") : QStringLiteral("request.Headers")) +
                       QStringLiteral(".TryAddWithoutValidation(") + L(h.name) + QStringLiteral(", ") + L(h.value) +
                       QStringLiteral(");\n"));
    }
    out += QStringLiteral("var response = await client.SendAsync(request);\nConsole.WriteLine(await "
                          "response.Content.ReadAsStringAsync());\n");
    return out;
}

QString csharpRestSharp(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::CSharp); };
    static const QStringList methods = {QStringLiteral("GET"),    QStringLiteral("POST"),  QStringLiteral("PUT"),
                                        QStringLiteral("DELETE"), QStringLiteral("HEAD"),  QStringLiteral("OPTIONS"),
                                        QStringLiteral("PATCH"),  QStringLiteral("MERGE"), QStringLiteral("COPY"),
                                        QStringLiteral("SEARCH")};
    QString out = QStringLiteral("// RestSharp 107 or later.\nusing RestSharp;\n\n");
    out += QString(QStringLiteral("var options = new RestClientOptions(") + L(r.url) + QStringLiteral(")\n{\n"));
    out += QString(QStringLiteral("    FollowRedirects = ") +
                   (r.followRedirects ? QStringLiteral("true") : QStringLiteral("false")) + QStringLiteral(",\n"));
    if (r.timeoutMs > 0)
        out += QString(QStringLiteral("    MaxTimeout = ") + QString::number(r.timeoutMs) + QStringLiteral(",\n"));
    if (!r.verifyTls)
        out +=
            QStringLiteral("    RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true,\n");
    out += QStringLiteral("};\nvar client = new RestClient(options);\n");
    if (methods.contains(r.method)) {
        const QString name = QString(r.method.left(1) + r.method.mid(1).toLower());
        out += QString(QStringLiteral("var request = new RestRequest(\"\", Method.") + name + QStringLiteral(");\n"));
    } else {
        out += QString(QStringLiteral("// RestSharp has no custom methods; ") + L(r.method) +
                       QStringLiteral(" needs HttpClient.\n"));
        out += QStringLiteral("var request = new RestRequest(\"\", Method.Get);\n");
    }
    const QString ct = contentTypeOf(r);
    for (const auto& h : sendHeaders(r)) {
        if (hasBody(r) && h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
            continue; // given with the body below
        out += QString(QStringLiteral("request.AddHeader(") + L(h.name) + QStringLiteral(", ") + L(h.value) +
                       QStringLiteral(");\n"));
    }
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("request.AddStringBody(") + L(r.rawBody) + QStringLiteral(", ") + L(ct) +
                       QStringLiteral(");\n"));
        break;
    case BodyKind::FormUrlEncoded:
        for (const auto& row : r.formRows)
            out += QString(QStringLiteral("request.AddParameter(") + L(row.name) + QStringLiteral(", ") + L(row.value) +
                           QStringLiteral(");\n"));
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("request.AlwaysMultipartFormData = true;\n");
        for (const Part& p : r.multipartParts) {
            if (p.isFile)
                out +=
                    QString(QStringLiteral("request.AddFile(") + L(p.name) + QStringLiteral(", ") + L(p.filePath) +
                            (p.contentType.isEmpty() ? QString() : QString(QStringLiteral(", ") + L(p.contentType))) +
                            QStringLiteral(");\n"));
            else
                out += QString(QStringLiteral("request.AddParameter(") + L(p.name) + QStringLiteral(", ") + L(p.value) +
                               QStringLiteral(");\n"));
        }
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("request.AddParameter(") + L(ct) + QStringLiteral(", File.ReadAllBytes(") +
                       L(r.binaryFilePath) + QStringLiteral("), ParameterType.RequestBody);\n"));
        break;
    case BodyKind::None:
        break;
    }
    out += QStringLiteral(
        "RestResponse response = await client.ExecuteAsync(request);\nConsole.WriteLine(response.Content);\n");
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Objective-C, Swift

QString objc(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::ObjC); };
    QString out = QStringLiteral("#import <Foundation/Foundation.h>\n\n");
    if (!r.verifyTls || !r.followRedirects)
        out += QStringLiteral("// TLS verification off / not following redirects needs an NSURLSessionDelegate "
                              "(URLSession:didReceiveChallenge:... / willPerformHTTPRedirection:...).\n");
    out += QStringLiteral("dispatch_semaphore_t sema = dispatch_semaphore_create(0);\n\n");
    out += QString(
        QStringLiteral("NSMutableURLRequest *request = [NSMutableURLRequest requestWithURL:[NSURL URLWithString:") +
        L(r.url) + QStringLiteral("]\n    cachePolicy:NSURLRequestUseProtocolCachePolicy\n    timeoutInterval:") +
        (r.timeoutMs > 0 ? seconds(r.timeoutMs) : QStringLiteral("60")) + QStringLiteral("];\n"));
    out += QString(QStringLiteral("[request setHTTPMethod:") + L(r.method) + QStringLiteral("];\n"));
    for (const auto& h : sendHeaders(r))
        out += QString(QStringLiteral("[request addValue:") + L(h.value) + QStringLiteral(" forHTTPHeaderField:") +
                       L(h.name) + QStringLiteral("];\n"));
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("[request setHTTPBody:[") + L(r.rawBody) +
                       QStringLiteral(" dataUsingEncoding:NSUTF8StringEncoding]];\n"));
        break;
    case BodyKind::FormUrlEncoded:
        out += QString(QStringLiteral("[request setHTTPBody:[") + L(r.formUrlEncodedBody()) +
                       QStringLiteral(" dataUsingEncoding:NSUTF8StringEncoding]];\n"));
        break;
    case BodyKind::Multipart:
        out += QStringLiteral(
            "// multipart/form-data written out by hand.\nNSMutableData *body = [NSMutableData data];\n");
        for (const Chunk& c : multipartChunks(r)) {
            if (c.isFile)
                out += QString(QStringLiteral("[body appendData:[NSData dataWithContentsOfFile:") + L(c.text) +
                               QStringLiteral("]];\n"));
            else
                out += QString(QStringLiteral("[body appendData:[") + L(c.text) +
                               QStringLiteral(" dataUsingEncoding:NSUTF8StringEncoding]];\n"));
        }
        out += QString(QStringLiteral("[request setValue:") + L(multipartContentType()) +
                       QStringLiteral(" forHTTPHeaderField:@\"Content-Type\"];\n"));
        out += QStringLiteral("[request setHTTPBody:body];\n");
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("[request setHTTPBody:[NSData dataWithContentsOfFile:") + L(r.binaryFilePath) +
                       QStringLiteral("]];\n"));
        break;
    case BodyKind::None:
        break;
    }
    out += QStringLiteral(
        "\nNSURLSession *session = [NSURLSession sharedSession];\n"
        "NSURLSessionDataTask *dataTask = [session dataTaskWithRequest:request\n"
        "    completionHandler:^(NSData *data, NSURLResponse *response, NSError *error) {\n"
        "        if (error) {\n            NSLog(@\"%@\", error);\n        } else {\n"
        "            NSLog(@\"%@\", [[NSString alloc] initWithData:data encoding:NSUTF8StringEncoding]);\n        }\n"
        "        dispatch_semaphore_signal(sema);\n    }];\n"
        "[dataTask resume];\ndispatch_semaphore_wait(sema, DISPATCH_TIME_FOREVER);\n");
    return out;
}

QString swift(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::Swift); };
    QString out = QStringLiteral(
        "import Foundation\n#if canImport(FoundationNetworking)\nimport FoundationNetworking\n#endif\n\n");
    if (!r.verifyTls || !r.followRedirects)
        out += QStringLiteral("// TLS verification off / not following redirects needs a URLSessionDelegate.\n");
    out += QString(QStringLiteral("var request = URLRequest(url: URL(string: ") + L(r.url) +
                   QStringLiteral(")!, timeoutInterval: ") +
                   (r.timeoutMs > 0 ? seconds(r.timeoutMs) : QStringLiteral("60")) + QStringLiteral(")\n"));
    out += QString(QStringLiteral("request.httpMethod = ") + L(r.method) + nl());
    for (const auto& h : sendHeaders(r))
        out += QString(QStringLiteral("request.addValue(") + L(h.value) + QStringLiteral(", forHTTPHeaderField: ") +
                       L(h.name) + QStringLiteral(")\n"));
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("request.httpBody = Data(") + L(r.rawBody) + QStringLiteral(".utf8)\n"));
        break;
    case BodyKind::FormUrlEncoded:
        out += QString(QStringLiteral("request.httpBody = Data(") + L(r.formUrlEncodedBody()) +
                       QStringLiteral(".utf8)\n"));
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("// multipart/form-data written out by hand.\nvar body = Data()\n");
        for (const Chunk& c : multipartChunks(r)) {
            if (c.isFile)
                out += QString(QStringLiteral("body.append(try! Data(contentsOf: URL(fileURLWithPath: ") + L(c.text) +
                               QStringLiteral(")))\n"));
            else
                out += QString(QStringLiteral("body.append(Data(") + L(c.text) + QStringLiteral(".utf8))\n"));
        }
        out += QString(QStringLiteral("request.setValue(") + L(multipartContentType()) +
                       QStringLiteral(", forHTTPHeaderField: \"Content-Type\")\n"));
        out += QStringLiteral("request.httpBody = body\n");
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("request.httpBody = try! Data(contentsOf: URL(fileURLWithPath: ") +
                       L(r.binaryFilePath) + QStringLiteral("))\n"));
        break;
    case BodyKind::None:
        break;
    }
    out += QStringLiteral(
        "\nlet semaphore = DispatchSemaphore(value: 0)\n"
        "let task = URLSession.shared.dataTask(with: request) { data, response, error in\n"
        "    defer { semaphore.signal() }\n"
        "    guard let data = data else {\n        print(String(describing: error))\n        return\n    }\n"
        "    print(String(decoding: data, as: UTF8.self))\n}\n"
        "task.resume()\nsemaphore.wait()\n");
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// PHP, Ruby

QString php(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::Php); };
    QString out = QStringLiteral("<?php\n\n$curl = curl_init();\n\ncurl_setopt_array($curl, [\n");
    const auto opt = [&](const QString& name, const QString& value) {
        out += QString(QStringLiteral("    ") + name + QStringLiteral(" => ") + value + QStringLiteral(",\n"));
    };
    opt(QStringLiteral("CURLOPT_URL"), L(r.url));
    opt(QStringLiteral("CURLOPT_RETURNTRANSFER"), QStringLiteral("true"));
    if (r.followRedirects)
        opt(QStringLiteral("CURLOPT_FOLLOWLOCATION"), QStringLiteral("true"));
    if (!r.verifyTls) {
        opt(QStringLiteral("CURLOPT_SSL_VERIFYPEER"), QStringLiteral("false"));
        opt(QStringLiteral("CURLOPT_SSL_VERIFYHOST"), QStringLiteral("0"));
    }
    if (r.timeoutMs > 0)
        opt(QStringLiteral("CURLOPT_TIMEOUT_MS"), QString::number(r.timeoutMs));
    if (r.method == QLatin1String("HEAD") && !hasBody(r))
        opt(QStringLiteral("CURLOPT_NOBODY"), QStringLiteral("true"));
    else
        opt(QStringLiteral("CURLOPT_CUSTOMREQUEST"), L(r.method));
    switch (r.bodyKind) {
    case BodyKind::Raw:
        opt(QStringLiteral("CURLOPT_POSTFIELDS"), L(r.rawBody));
        break;
    case BodyKind::FormUrlEncoded:
        opt(QStringLiteral("CURLOPT_POSTFIELDS"), L(r.formUrlEncodedBody()));
        break;
    case BodyKind::Multipart: {
        QString fields = QStringLiteral("[\n");
        for (const Part& p : r.multipartParts) {
            const QString value =
                p.isFile
                    ? QString(QStringLiteral("new CURLFile(") + L(p.filePath) + QStringLiteral(", ") +
                              L(p.contentType.isEmpty() ? QStringLiteral("application/octet-stream") : p.contentType) +
                              QStringLiteral(", ") + L(fileName(p.filePath)) + QLatin1Char(')'))
                    : L(p.value);
            fields += QString(QStringLiteral("        ") + L(p.name) + QStringLiteral(" => ") + value +
                              QStringLiteral(",\n"));
        }
        fields += QStringLiteral("    ]");
        out += QStringLiteral("    // Array keys are unique: repeated part names keep only the last part.\n");
        opt(QStringLiteral("CURLOPT_POSTFIELDS"), fields);
        break;
    }
    case BodyKind::BinaryFile:
        opt(QStringLiteral("CURLOPT_POSTFIELDS"),
            QString(QStringLiteral("file_get_contents(") + L(r.binaryFilePath) + QLatin1Char(')')));
        break;
    case BodyKind::None:
        break;
    }
    const auto headers = sendHeaders(r);
    if (!headers.isEmpty()) {
        QString list = QStringLiteral("[\n");
        for (const auto& h : headers)
            list += QString(QStringLiteral("        ") +
                            L(h.value.isEmpty() ? QString(h.name + QLatin1Char(';'))
                                                : QString(h.name + QStringLiteral(": ") + h.value)) +
                            QStringLiteral(",\n"));
        list += QStringLiteral("    ]");
        opt(QStringLiteral("CURLOPT_HTTPHEADER"), list);
    }
    out += QStringLiteral("]);\n\n$response = curl_exec($curl);\nif ($response === false) {\n    echo \"cURL error: \" "
                          ". curl_error($curl);\n"
                          "} else {\n    echo $response;\n}\ncurl_close($curl);\n");
    return out;
}

QString ruby(const HttpRequestSpec& r)
{
    const auto L = [](const QString& s) { return CodeStringEscaper::literal(s, Lang::Ruby); };
    static const QStringList classes = {QStringLiteral("GET"),     QStringLiteral("POST"),   QStringLiteral("PUT"),
                                        QStringLiteral("PATCH"),   QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                                        QStringLiteral("OPTIONS"), QStringLiteral("TRACE")};
    QString out = QStringLiteral("require \"uri\"\nrequire \"net/http\"\n");
    if (!r.verifyTls)
        out += QStringLiteral("require \"openssl\"\n");
    out += QString(QStringLiteral("\nurl = URI(") + L(r.url) +
                   QStringLiteral(")\n\nhttp = Net::HTTP.new(url.host, url.port)\n"
                                  "http.use_ssl = url.scheme == \"https\"\n"));
    if (!r.verifyTls)
        out += QStringLiteral("http.verify_mode = OpenSSL::SSL::VERIFY_NONE\n");
    if (r.timeoutMs > 0)
        out += QString(QStringLiteral("http.open_timeout = ") + seconds(r.timeoutMs) +
                       QStringLiteral("\nhttp.read_timeout = ") + seconds(r.timeoutMs) + nl());
    if (r.followRedirects)
        out += QStringLiteral("# net/http does not follow redirects; handle Net::HTTPRedirection yourself.\n");
    out += nl();
    if (classes.contains(r.method))
        out += QString(QStringLiteral("request = Net::HTTP::") + r.method.left(1) + r.method.mid(1).toLower() +
                       QStringLiteral(".new(url)\n"));
    else
        out += QString(QStringLiteral("request = Net::HTTPGenericRequest.new(") + L(r.method) +
                       QStringLiteral(", true, true, url)\n"));
    for (const auto& h : combinedHeaders(r))
        out += QString(QStringLiteral("request[") + L(h.name) + QStringLiteral("] = ") + L(h.value) + nl());
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("request.body = ") + L(r.rawBody) + nl());
        break;
    case BodyKind::FormUrlEncoded:
        out += QString(QStringLiteral("request.body = ") + L(r.formUrlEncodedBody()) + nl());
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("form = [\n");
        for (const Part& p : r.multipartParts) {
            QString opts;
            if (p.isFile)
                opts += QString(QStringLiteral("filename: ") + L(fileName(p.filePath)));
            if (!p.contentType.isEmpty())
                opts += QString((opts.isEmpty() ? QString() : QStringLiteral(", ")) + QStringLiteral("content_type: ") +
                                L(p.contentType));
            out += QString(
                QStringLiteral("  [") + L(p.name) + QStringLiteral(", ") +
                (p.isFile ? QString(QStringLiteral("File.open(") + L(p.filePath) + QLatin1Char(')')) : L(p.value)) +
                (opts.isEmpty() ? QString() : QString(QStringLiteral(", { ") + opts + QStringLiteral(" }"))) +
                QStringLiteral("],\n"));
        }
        out += QStringLiteral("]\nrequest.set_form(form, \"multipart/form-data\")\n");
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("request.body = File.binread(") + L(r.binaryFilePath) + QStringLiteral(")\n"));
        break;
    case BodyKind::None:
        break;
    }
    out += QStringLiteral("\nresponse = http.request(request)\nputs response.read_body\n");
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// C++ Qt

QString cppQt(const HttpRequestSpec& r)
{
    const auto B = [](const QString& s) {
        return QString(QStringLiteral("QByteArrayLiteral(") + CodeStringEscaper::literal(s, Lang::CppBytes) +
                       QLatin1Char(')'));
    };
    const bool multipart = r.bodyKind == BodyKind::Multipart;
    const bool file = r.bodyKind == BodyKind::BinaryFile ||
                      (multipart && std::any_of(r.multipartParts.cbegin(), r.multipartParts.cend(),
                                                [](const Part& p) { return p.isFile; }));
    QString out = QStringLiteral("#include <QCoreApplication>\n");
    if (file)
        out += QStringLiteral("#include <QFile>\n");
    if (multipart)
        out += QStringLiteral("#include <QHttpMultiPart>\n");
    out += QStringLiteral(
        "#include <QNetworkAccessManager>\n#include <QNetworkReply>\n#include <QNetworkRequest>\n#include <QUrl>\n\n");
    out += QStringLiteral("int main(int argc, char* argv[])\n{\n    QCoreApplication app(argc, argv);\n    "
                          "QNetworkAccessManager manager;\n");
    out += QString(QStringLiteral("    QNetworkRequest request(QUrl(QString::fromUtf8(") + B(r.url) +
                   QStringLiteral(")));\n"));
    for (const auto& h : sendHeaders(r))
        out += QString(QStringLiteral("    request.setRawHeader(") + B(h.name) + QStringLiteral(", ") + B(h.value) +
                       QStringLiteral(");\n"));
    if (!r.followRedirects)
        out += QStringLiteral("    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, "
                              "QNetworkRequest::ManualRedirectPolicy);\n");
    if (r.timeoutMs > 0)
        out += QString(QStringLiteral("    request.setTransferTimeout(") + QString::number(r.timeoutMs) +
                       QStringLiteral(");\n"));
    QString send = QString(QStringLiteral("manager.sendCustomRequest(request, ") + B(r.method));
    switch (r.bodyKind) {
    case BodyKind::Raw:
        out += QString(QStringLiteral("    const QByteArray body = ") + B(r.rawBody) + QStringLiteral(";\n"));
        send += QStringLiteral(", body");
        break;
    case BodyKind::FormUrlEncoded:
        out +=
            QString(QStringLiteral("    const QByteArray body = ") + B(r.formUrlEncodedBody()) + QStringLiteral(";\n"));
        send += QStringLiteral(", body");
        break;
    case BodyKind::Multipart:
        out += QStringLiteral("    auto* multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);\n");
        for (const Part& p : r.multipartParts) {
            QString disposition =
                QString(QStringLiteral("form-data; name=\"") + dispositionText(p.name) + QLatin1Char('"'));
            if (p.isFile)
                disposition +=
                    QString(QStringLiteral("; filename=\"") + dispositionText(fileName(p.filePath)) + QLatin1Char('"'));
            out += QStringLiteral("    {\n        QHttpPart part;\n");
            out += QString(QStringLiteral("        part.setRawHeader(\"Content-Disposition\", ") + B(disposition) +
                           QStringLiteral(");\n"));
            if (!p.contentType.isEmpty())
                out += QString(QStringLiteral("        part.setRawHeader(\"Content-Type\", ") + B(p.contentType) +
                               QStringLiteral(");\n"));
            if (p.isFile) {
                out += QString(QStringLiteral("        auto* file = new QFile(QString::fromUtf8(") + B(p.filePath) +
                               QStringLiteral("), multiPart);\n"));
                out += QStringLiteral("        file->open(QIODevice::ReadOnly);\n        part.setBodyDevice(file);\n");
            } else {
                out += QString(QStringLiteral("        part.setBody(") + B(p.value) + QStringLiteral(");\n"));
            }
            out += QStringLiteral("        multiPart->append(part);\n    }\n");
        }
        send += QStringLiteral(", multiPart");
        break;
    case BodyKind::BinaryFile:
        out += QString(QStringLiteral("    auto* file = new QFile(QString::fromUtf8(") + B(r.binaryFilePath) +
                       QStringLiteral("), &manager);\n"));
        out += QStringLiteral("    file->open(QIODevice::ReadOnly);\n");
        send += QStringLiteral(", file");
        break;
    case BodyKind::None:
        break;
    }
    out += QString(QStringLiteral("    QNetworkReply* reply = ") + send + QStringLiteral(");\n"));
    if (multipart)
        out += QStringLiteral("    multiPart->setParent(reply);\n");
    if (!r.verifyTls)
        out += QStringLiteral(
            "    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });\n");
    out += QStringLiteral("    QObject::connect(reply, &QNetworkReply::finished, &app, [reply] {\n"
                          "        if (reply->error() != QNetworkReply::NoError)\n"
                          "            qWarning(\"%s\", qPrintable(reply->errorString()));\n"
                          "        qInfo(\"%s\", reply->readAll().constData());\n"
                          "        reply->deleteLater();\n"
                          "        QCoreApplication::quit();\n    });\n"
                          "    return app.exec();\n}\n");
    return out;
}

} // namespace

QStringList SnippetGenerator::languages()
{
    QStringList ids;
    for (const auto& l : kLanguages)
        ids.append(QLatin1String(l.id));
    return ids;
}

QString SnippetGenerator::displayName(const QString& languageId)
{
    for (const auto& l : kLanguages) {
        if (languageId == QLatin1String(l.id))
            return QLatin1String(l.name);
    }
    return QString();
}

QString SnippetGenerator::multipartBoundary()
{
    return QStringLiteral("----TokenscopeFormBoundary7MA4YWxkTrZu0gW");
}

Result<QString> SnippetGenerator::generate(const QString& languageId, const HttpRequestSpec& request,
                                           const SnippetOptions& options)
{
    // Mask before effective() so that auth values turn into placeholders, and after it so that the headers it
    // built (Basic base64) are replaced too.
    HttpRequestSpec r = options.maskSecrets ? request.redacted(options.extraSecrets) : request;
    r = r.effective();
    if (options.maskSecrets)
        r = r.redacted(options.extraSecrets);

    const QString& id = languageId;
    if (id == QLatin1String("curl"))
        return curl(r, false);
    if (id == QLatin1String("curl-windows"))
        return curl(r, true);
    if (id == QLatin1String("csharp-httpclient"))
        return csharpHttpClient(r);
    if (id == QLatin1String("csharp-restsharp"))
        return csharpRestSharp(r);
    if (id == QLatin1String("go"))
        return goSnippet(r);
    if (id == QLatin1String("java-httpclient"))
        return javaHttpClient(r);
    if (id == QLatin1String("java-unirest"))
        return javaUnirest(r);
    if (id == QLatin1String("js-fetch"))
        return jsFetch(r, false);
    if (id == QLatin1String("js-jquery"))
        return jsJquery(r);
    if (id == QLatin1String("node-fetch"))
        return jsFetch(r, true);
    if (id == QLatin1String("node-request"))
        return nodeRequest(r);
    if (id == QLatin1String("objc-nsurlsession"))
        return objc(r);
    if (id == QLatin1String("php-curl"))
        return php(r);
    if (id == QLatin1String("python-http-client"))
        return pythonHttpClient(r);
    if (id == QLatin1String("python-requests"))
        return pythonRequests(r);
    if (id == QLatin1String("ruby-net-http"))
        return ruby(r);
    if (id == QLatin1String("swift-urlsession"))
        return swift(r);
    if (id == QLatin1String("cpp-qt"))
        return cppQt(r);
    return Error(ErrorCode::Usage, QString(QStringLiteral("unknown snippet language: ") + languageId));
}
