// SPDX-License-Identifier: MIT
#include "formats/BodySecrets.h"

#include "core/JsonText.h"
#include "request/VariableResolver.h"
#include "workspace/CollectionNode.h"
#include "workspace/SecretLint.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace {
bool isLiteral(const QString& value)
{
    return !value.isEmpty() && !WorkspaceStore::isOnlyReferences(value);
}

/// Whether anything `item` sends refers to `name`: such a reference means a variable from elsewhere (an environment,
/// the collection) that a new request variable of that name would silently replace.
bool referenced(const RequestItem& item, const QString& name)
{
    const auto in = [&name](const QString& text) {
        return text.contains(QLatin1String("{{")) && VariableResolver::referencedNames(text).contains(name);
    };
    const HttpRequestSpec& r = item.request;
    return in(r.url) || in(r.rawBody) ||
           std::any_of(r.headers.cbegin(), r.headers.cend(), [&in](const auto& row) { return in(row.value); }) ||
           std::any_of(r.formRows.cbegin(), r.formRows.cend(), [&in](const auto& row) { return in(row.value); }) ||
           std::any_of(r.multipartParts.cbegin(), r.multipartParts.cend(),
                       [&in](const auto& part) { return in(part.value); });
}

/// A variable name for field `field` that the request neither has nor refers to yet: the field's own name when it is
/// a plain identifier, else "body_secret"; " 2", " 3"… would not be valid in `{{…}}`, so "_2", "_3".
QString freeName(const RequestItem& item, const QString& field)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    const QString base = plain.match(field).hasMatch() ? field : QStringLiteral("body_secret");
    const auto taken = [&item](const QString& name) {
        return referenced(item, name) || std::any_of(item.variables.cbegin(), item.variables.cend(),
                                                     [&name](const EnvironmentVariable& v) { return v.name == name; });
    };
    QString name = base;
    for (int n = 2; taken(name); ++n)
        name = base + QLatin1Char('_') + QString::number(n);
    return name;
}

/// Adds `value` as a secret variable of `item` under a free name for `field` and reports it; returns the name.
QString addSecret(RequestItem& item, const char* what, const QString& field, const QString& value,
                  const CollectionNode& node, ImportReport& report, const QString& note = {})
{
    const QString name = freeName(item, field);
    item.variables.append({name, value, true, true});
    report.add(ImportReport::Outcome::Secret, QStringLiteral("body"), Workspace::joinPath(node.path()),
               QStringLiteral("the value of %1 \"%2\" goes to the keychain as the request's secret variable "
                              "{{%3}}, not into the workspace files%4")
                   .arg(QLatin1String(what), field, name, note));
    return name;
}

void moveValue(RequestItem& item, const char* what, const QString& field, QString& value, const CollectionNode& node,
               ImportReport& report)
{
    value = QStringLiteral("{{") + addSecret(item, what, field, value, node, report) + QStringLiteral("}}");
}

/// A credential's value inside a raw body: [begin, end) of the text as written, and the field's (decoded) name.
struct RawSpan
{
    qsizetype begin = 0;
    qsizetype end = 0;
    QString name;
};

enum class RawKind
{
    Other,
    Json,
    Form
};

/// What the raw body is as sent: the Content-Type header says (RFC 8259 application/json and the +json suffix of
/// RFC 6839 both contain "json"); without one, text that starts like a JSON object or array is taken for JSON.
RawKind rawKind(const HttpRequestSpec& request)
{
    const QString type = request.headerValue(QStringLiteral("Content-Type")).toLower();
    if (type.contains(QLatin1String("json")))
        return RawKind::Json;
    if (type.contains(QLatin1String("application/x-www-form-urlencoded")))
        return RawKind::Form;
    if (!type.isEmpty())
        return RawKind::Other;
    const QString text = request.rawBody.trimmed();
    return text.startsWith(QLatin1Char('{')) || text.startsWith(QLatin1Char('[')) ? RawKind::Json : RawKind::Other;
}

/// Index of the quote closing the JSON string that opens at `text[open]`, or -1.
qsizetype jsonStringEnd(const QString& text, qsizetype open)
{
    const QChar* data = text.constData();
    for (qsizetype i = open + 1; i < text.size(); ++i) {
        if (data[i] == QLatin1Char('\\'))
            ++i;
        else if (data[i] == QLatin1Char('"'))
            return i;
    }
    return -1;
}

qsizetype skipSpace(const QString& text, qsizetype i)
{
    while (i < text.size() && text.at(i).isSpace())
        ++i;
    return i;
}

/// A member name as JSON defines it (RFC 8259 §7: escapes decoded); the text as written when it does not decode.
QString jsonDecoded(const QString& written)
{
    if (!written.contains(QLatin1Char('\\')))
        return written; // the common case, without a scan
    return JsonText::stringValue(QByteArray('"' + written.toUtf8() + '"')).value_or(written);
}

/// String members with a credential's name at any depth, found lexically so that a body that is JSON only once its
/// `{{variables}}` are substituted (`"n": {{count}}`) is searched too; values of other types are not secrets here.
QList<RawSpan> jsonSecretSpans(const QString& text)
{
    QList<RawSpan> spans;
    qsizetype i = 0;
    while ((i = text.indexOf(QLatin1Char('"'), i)) >= 0) {
        const qsizetype close = jsonStringEnd(text, i);
        if (close < 0)
            break;
        qsizetype next = skipSpace(text, close + 1);
        if (next < text.size() && text.at(next) == QLatin1Char(':')) {
            next = skipSpace(text, next + 1);
            if (next < text.size() && text.at(next) == QLatin1Char('"')) {
                const qsizetype valueEnd = jsonStringEnd(text, next);
                if (valueEnd < 0)
                    break;
                const QString name = jsonDecoded(text.mid(i + 1, close - i - 1));
                if (SecretLint::isSecretName(name))
                    spans.append({next + 1, valueEnd, name});
                i = valueEnd + 1;
                continue;
            }
        }
        i = close + 1;
    }
    return spans;
}

/// `name=value` pairs split at "&" (WHATWG URL "application/x-www-form-urlencoded parsing": names decoded, "+" a
/// space); the value's span stops before trailing white space (a line break the .http importer kept).
QList<RawSpan> formSecretSpans(const QString& text)
{
    QList<RawSpan> spans;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('&'), start);
        if (end < 0)
            end = text.size();
        const qsizetype equals = text.indexOf(QLatin1Char('='), start);
        if (equals >= 0 && equals < end) {
            QString name = text.mid(start, equals - start).trimmed();
            name.replace(QLatin1Char('+'), QLatin1Char(' '));
            name = QUrl::fromPercentEncoding(name.toUtf8());
            qsizetype valueEnd = end;
            while (valueEnd > equals + 1 && text.at(valueEnd - 1).isSpace())
                --valueEnd;
            if (SecretLint::isSecretName(name))
                spans.append({equals + 1, valueEnd, name});
        }
        start = end + 1;
    }
    return spans;
}

/// Raw JSON and urlencoded bodies: each literal credential's text becomes `{{name}}` in place (the rest of the body
/// is not reformatted) and the variable holds that text *as written* — JSON escapes, percent-encoding — because
/// VariableResolver substitutes into the body text verbatim: the resolved body is byte-identical to the original.
void moveRawValues(RequestItem& item, const CollectionNode& node, ImportReport& report)
{
    HttpRequestSpec& request = item.request;
    const RawKind kind = request.bodyKind == HttpRequestSpec::BodyKind::Raw ? rawKind(request) : RawKind::Other;
    if (kind == RawKind::Other)
        return;
    QList<RawSpan> spans = kind == RawKind::Json ? jsonSecretSpans(request.rawBody) : formSecretSpans(request.rawBody);
    spans.removeIf([&request](const RawSpan& span) {
        const QString value = request.rawBody.mid(span.begin, span.end - span.begin);
        return value.isEmpty() || value.contains(QLatin1String("{{"));
    });
    QStringList names;
    for (const RawSpan& span : std::as_const(spans)) {
        const QString value = request.rawBody.mid(span.begin, span.end - span.begin);
        const bool encoded = kind == RawKind::Json
                                 ? value.contains(QLatin1Char('\\'))
                                 : value.contains(QLatin1Char('%')) || value.contains(QLatin1Char('+'));
        const QString note = !encoded                ? QString()
                             : kind == RawKind::Json ? QStringLiteral(" (JSON escapes kept as written)")
                                                     : QStringLiteral(" (percent-encoded as written)");
        names << addSecret(item, kind == RawKind::Json ? "JSON member" : "form field", span.name, value, node, report,
                           note);
    }
    // From the end, so that the spans before stay where they are.
    for (qsizetype k = spans.size() - 1; k >= 0; --k)
        request.rawBody.replace(spans.at(k).begin, spans.at(k).end - spans.at(k).begin,
                                QStringLiteral("{{") + names.at(k) + QStringLiteral("}}"));
}

/// An Authorization header written out (`Bearer eyJ…`, `Basic dXNl…`, a bare key): the scheme stays readable in the
/// header and its credentials (SecretLint::authorizationCredentials, the lint's rule) become the secret, every other
/// character of the value kept, so the same bytes are sent.
void moveCredentials(RequestItem& item, HttpRequestSpec::Row& row, const CollectionNode& node, ImportReport& report)
{
    const auto [begin, end] = SecretLint::authorizationCredentials(row.value);
    const QString secret = row.value.mid(begin, end - begin);
    if (!isLiteral(secret))
        return;
    const QString name = addSecret(item, "header", row.name, secret, node, report);
    row.value.replace(begin, end - begin, QStringLiteral("{{") + name + QStringLiteral("}}"));
}

/// A password written into the URL (`https://user:pass@host/…`, and Postman's `url.auth`, which the importer writes
/// there): userinfo's "user:password" form is deprecated by RFC 3986 §3.2.1 and a secret like any other. The user name
/// stays; the password as written (percent-encoded) becomes the secret, so the resolved URL is the same text.
void moveUrlPassword(RequestItem& item, const CollectionNode& node, ImportReport& report)
{
    QString& url = item.request.url;
    const qsizetype scheme = url.indexOf(QLatin1String("://"));
    if (scheme < 0)
        return;
    const qsizetype authority = scheme + 3;
    qsizetype end = authority;
    while (end < url.size() && url.at(end) != QLatin1Char('/') && url.at(end) != QLatin1Char('?') &&
           url.at(end) != QLatin1Char('#'))
        ++end;
    if (end == authority)
        return;
    const qsizetype at = url.lastIndexOf(QLatin1Char('@'), end - 1);
    const qsizetype colon = url.indexOf(QLatin1Char(':'), authority);
    if (at < authority || colon < 0 || colon > at)
        return;
    const QString password = url.mid(colon + 1, at - colon - 1);
    if (!isLiteral(password))
        return;
    const QString name = addSecret(item, "URL userinfo", QStringLiteral("password"), password, node, report);
    url.replace(colon + 1, at - colon - 1, QStringLiteral("{{") + name + QStringLiteral("}}"));
}

void visit(CollectionNode& node, ImportReport& report)
{
    if (node.isContainer()) {
        for (int i = 0; i < node.childCount(); ++i)
            visit(*node.child(i), report);
        return;
    }
    RequestItem& item = node.request();
    for (auto& row : item.request.formRows) {
        if (SecretLint::isSecretName(row.name) && isLiteral(row.value))
            moveValue(item, "form field", row.name, row.value, node, report);
    }
    for (auto& row : item.request.headers) {
        if (SecretLint::isAuthorizationHeader(row.name))
            moveCredentials(item, row, node, report);
        else if (SecretLint::isSecretName(row.name) && isLiteral(row.value))
            moveValue(item, "header", row.name, row.value, node, report);
    }
    for (auto& part : item.request.multipartParts) {
        if (!part.isFile && SecretLint::isSecretName(part.name) && isLiteral(part.value))
            moveValue(item, "form field", part.name, part.value, node, report);
    }
    moveRawValues(item, node, report);
    moveUrlPassword(item, node, report);
}
} // namespace

void BodySecrets::moveToVariables(ImportResult& result)
{
    for (const auto& collection : result.collections)
        visit(*collection, result.report);
}
