// SPDX-License-Identifier: MIT
#include "request/HttpRequestSpec.h"

#include <QJsonArray>
#include <QUrl>

namespace {

// Split `url` into base, query (without '?') and fragment (with '#'). hasQuery tells "x?" from "x".
struct UrlParts
{
    QString base;
    QString query;
    QString fragment;
    bool hasQuery = false;
};

UrlParts splitUrl(const QString& url)
{
    UrlParts parts;
    QString rest = url;
    const qsizetype hash = rest.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        parts.fragment = rest.mid(hash);
        rest.truncate(hash);
    }
    const qsizetype q = rest.indexOf(QLatin1Char('?'));
    if (q >= 0) {
        parts.hasQuery = true;
        parts.query = rest.mid(q + 1);
        rest.truncate(q);
    }
    parts.base = rest;
    return parts;
}

QString joinQuery(const QList<HttpRequestSpec::QueryRow>& rows)
{
    QStringList pieces;
    for (const auto& row : rows) {
        if (!row.enabled)
            continue;
        pieces.append(row.value.isEmpty() ? row.name : QString(row.name + QLatin1Char('=') + row.value));
    }
    return pieces.join(QLatin1Char('&'));
}

const QStringList& secretHeaderNames()
{
    static const QStringList names = {
        QStringLiteral("x-api-key"),     QStringLiteral("api-key"),        QStringLiteral("apikey"),
        QStringLiteral("x-auth-token"),  QStringLiteral("x-access-token"), QStringLiteral("x-amz-security-token"),
        QStringLiteral("private-token"), QStringLiteral("x-csrf-token"),
    };
    return names;
}

const QStringList& secretQueryNames()
{
    static const QStringList names = {
        QStringLiteral("api_key"),       QStringLiteral("apikey"),   QStringLiteral("api-key"),
        QStringLiteral("access_token"),  QStringLiteral("id_token"), QStringLiteral("refresh_token"),
        QStringLiteral("client_secret"), QStringLiteral("password"),
    };
    return names;
}

QString redactAuthorizationValue(const QString& value)
{
    const QString trimmed = value.trimmed();
    const qsizetype space = trimmed.indexOf(QLatin1Char(' '));
    if (space < 0)
        return QStringLiteral("<SECRET>");
    const QString scheme = trimmed.left(space);
    if (scheme.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0)
        return QString(scheme + QStringLiteral(" <TOKEN>"));
    if (scheme.compare(QLatin1String("Basic"), Qt::CaseInsensitive) == 0)
        return QString(scheme + QStringLiteral(" <CREDENTIALS>"));
    return QString(scheme + QStringLiteral(" <SECRET>"));
}

QString replaceAll(QString text, const QStringList& secrets)
{
    for (const QString& secret : secrets) {
        if (!secret.isEmpty())
            text.replace(secret, QStringLiteral("<SECRET>"));
    }
    return text;
}

QJsonArray rowsToJson(const QList<HttpRequestSpec::Row>& rows)
{
    QJsonArray array;
    for (const auto& row : rows) {
        array.append(QJsonObject{{QStringLiteral("name"), row.name},
                                 {QStringLiteral("value"), row.value},
                                 {QStringLiteral("enabled"), row.enabled}});
    }
    return array;
}

Error jsonError(const QString& what)
{
    return Error(ErrorCode::JsonInvalid, QString(QStringLiteral("request: ") + what));
}

// Type-checked readers: absent members keep the default, present members of the wrong type fail.
bool readString(const QJsonObject& o, const QString& key, QString& out)
{
    if (!o.contains(key))
        return true;
    if (!o.value(key).isString())
        return false;
    out = o.value(key).toString();
    return true;
}

bool readBool(const QJsonObject& o, const QString& key, bool& out)
{
    if (!o.contains(key))
        return true;
    if (!o.value(key).isBool())
        return false;
    out = o.value(key).toBool();
    return true;
}

bool readRows(const QJsonObject& o, const QString& key, QList<HttpRequestSpec::Row>& out)
{
    if (!o.contains(key))
        return true;
    if (!o.value(key).isArray())
        return false;
    out.clear();
    for (const auto& item : o.value(key).toArray()) {
        if (!item.isObject())
            return false;
        const QJsonObject r = item.toObject();
        HttpRequestSpec::Row row;
        if (!readString(r, QStringLiteral("name"), row.name) || !readString(r, QStringLiteral("value"), row.value) ||
            !readBool(r, QStringLiteral("enabled"), row.enabled))
            return false;
        out.append(row);
    }
    return true;
}

template <typename E> bool readEnum(const QJsonObject& o, const QString& key, E& out, QString (*name)(E), int count)
{
    if (!o.contains(key))
        return true;
    const QString text = o.value(key).toString();
    for (int i = 0; i < count; ++i) {
        if (name(E(i)) == text) {
            out = E(i);
            return true;
        }
    }
    return false;
}

} // namespace

QStringList HttpRequestSpec::standardMethods()
{
    return {QStringLiteral("GET"),     QStringLiteral("POST"),   QStringLiteral("PUT"),
            QStringLiteral("PATCH"),   QStringLiteral("DELETE"), QStringLiteral("HEAD"),
            QStringLiteral("OPTIONS"), QStringLiteral("TRACE"),  QStringLiteral("CONNECT")};
}

QString HttpRequestSpec::normalizedMethod() const
{
    const QString m = method.trimmed();
    if (m.isEmpty())
        return QStringLiteral("GET");
    const QString upper = m.toUpper();
    return standardMethods().contains(upper) ? upper : m;
}

QList<HttpRequestSpec::QueryRow> HttpRequestSpec::parseQuery(const QString& url)
{
    QList<QueryRow> rows;
    const UrlParts parts = splitUrl(url);
    if (!parts.hasQuery)
        return rows;
    const QStringList pieces = parts.query.split(QLatin1Char('&'));
    for (const QString& piece : pieces) {
        if (piece.isEmpty())
            continue;
        const qsizetype eq = piece.indexOf(QLatin1Char('='));
        QueryRow row;
        row.name = eq < 0 ? piece : piece.left(eq);
        row.value = eq < 0 ? QString() : piece.mid(eq + 1);
        rows.append(row);
    }
    return rows;
}

QString HttpRequestSpec::urlWithoutQuery(const QString& url)
{
    return splitUrl(url).base;
}

void HttpRequestSpec::syncQueryFromUrl()
{
    QList<QueryRow> rows = parseQuery(url);
    for (const auto& row : std::as_const(queryRows)) {
        if (!row.enabled)
            rows.append(row);
    }
    queryRows = rows;
}

void HttpRequestSpec::syncUrlFromQuery()
{
    const UrlParts parts = splitUrl(url);
    const QString query = joinQuery(queryRows);
    url = query.isEmpty() ? QString(parts.base + parts.fragment)
                          : QString(parts.base + QLatin1Char('?') + query + parts.fragment);
}

void HttpRequestSpec::setQueryParameter(const QString& name, const QString& valueAsWritten)
{
    for (auto& row : queryRows) {
        if (row.enabled && row.name == name) {
            row.value = valueAsWritten;
            syncUrlFromQuery();
            return;
        }
    }
    // Append to the URL text rather than rebuilding, so untouched parameters keep their spelling.
    const UrlParts parts = splitUrl(url);
    const QString piece = QString(name + QLatin1Char('=') + valueAsWritten);
    QString query = parts.query;
    if (!query.isEmpty() && !query.endsWith(QLatin1Char('&')))
        query += QLatin1Char('&');
    query += piece;
    url = QString(parts.base + QLatin1Char('?') + query + parts.fragment);
    syncQueryFromUrl();
}

QString HttpRequestSpec::headerValue(const QString& name) const
{
    for (const auto& row : headers) {
        if (row.enabled && row.name.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return row.value.isNull() ? QStringLiteral("") : row.value;
    }
    return QString();
}

void HttpRequestSpec::setHeader(const QString& name, const QString& value)
{
    bool set = false;
    for (qsizetype i = 0; i < headers.size();) {
        auto& row = headers[i];
        if (row.enabled && row.name.trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            if (set) {
                headers.removeAt(i);
                continue;
            }
            row.value = value;
            set = true;
        }
        ++i;
    }
    if (!set)
        headers.append(HeaderRow{name, value, true});
}

void HttpRequestSpec::removeHeader(const QString& name)
{
    headers.removeIf([&](const HeaderRow& row) { return row.name.trimmed().compare(name, Qt::CaseInsensitive) == 0; });
}

QString HttpRequestSpec::rawTypeContentType(RawType type)
{
    switch (type) {
    case RawType::Json:
        return QStringLiteral("application/json");
    case RawType::Xml:
        return QStringLiteral("application/xml");
    case RawType::Text:
        break;
    }
    return QStringLiteral("text/plain");
}

QString HttpRequestSpec::defaultContentType() const
{
    switch (bodyKind) {
    case BodyKind::Raw:
        return rawTypeContentType(rawType);
    case BodyKind::FormUrlEncoded:
        return QStringLiteral("application/x-www-form-urlencoded");
    case BodyKind::BinaryFile:
        return QStringLiteral("application/octet-stream");
    case BodyKind::None:
    case BodyKind::Multipart:
        break;
    }
    return QString();
}

HttpRequestSpec HttpRequestSpec::effective() const
{
    HttpRequestSpec out = *this;
    out.method = normalizedMethod();
    out.headers.removeIf([](const HeaderRow& row) { return !row.enabled || row.name.trimmed().isEmpty(); });
    for (auto& row : out.headers)
        row.name = row.name.trimmed();
    out.queryRows = parseQuery(out.url);
    out.formRows.removeIf([](const FormRow& row) { return !row.enabled; });
    out.multipartParts.removeIf([](const MultipartPart& part) { return !part.enabled; });

    switch (auth.kind) {
    case AuthKind::Bearer:
        out.setHeader(QStringLiteral("Authorization"), QString(QStringLiteral("Bearer ") + auth.token));
        break;
    case AuthKind::Basic: {
        const QByteArray credentials = QString(auth.username + QLatin1Char(':') + auth.password).toUtf8();
        out.setHeader(QStringLiteral("Authorization"),
                      QString(QStringLiteral("Basic ") + QString::fromLatin1(credentials.toBase64())));
        break;
    }
    case AuthKind::ApiKey:
        if (auth.apiKeyName.isEmpty())
            break;
        if (auth.apiKeyInQuery) {
            // '<' and '>' stay readable so that a redacted "<API_KEY>" placeholder survives.
            out.setQueryParameter(QString::fromLatin1(QUrl::toPercentEncoding(auth.apiKeyName)),
                                  QString::fromLatin1(QUrl::toPercentEncoding(auth.apiKeyValue, "<>")));
        } else {
            out.setHeader(auth.apiKeyName, auth.apiKeyValue);
        }
        break;
    case AuthKind::None:
        break;
    }

    const QString contentType = out.defaultContentType();
    if (!contentType.isEmpty() && !out.hasHeader(QStringLiteral("Content-Type")))
        out.headers.append(HeaderRow{QStringLiteral("Content-Type"), contentType, true});
    return out;
}

HttpRequestSpec HttpRequestSpec::redacted(const QStringList& extraSecrets) const
{
    HttpRequestSpec out = *this;
    if (!out.auth.token.isEmpty())
        out.auth.token = QStringLiteral("<TOKEN>");
    if (!out.auth.password.isEmpty())
        out.auth.password = QStringLiteral("<PASSWORD>");
    if (!out.auth.apiKeyValue.isEmpty())
        out.auth.apiKeyValue = QStringLiteral("<API_KEY>");

    const bool apiKeyHeader = auth.kind == AuthKind::ApiKey && !auth.apiKeyInQuery && !auth.apiKeyName.isEmpty();
    const bool apiKeyQuery = auth.kind == AuthKind::ApiKey && auth.apiKeyInQuery && !auth.apiKeyName.isEmpty();
    for (auto& row : out.headers) {
        const QString name = row.name.trimmed().toLower();
        if (name == QLatin1String("authorization") || name == QLatin1String("proxy-authorization")) {
            row.value = redactAuthorizationValue(row.value);
        } else if (name == QLatin1String("cookie")) {
            row.value = QStringLiteral("<COOKIE>");
        } else if (secretHeaderNames().contains(name) ||
                   (apiKeyHeader && name == auth.apiKeyName.trimmed().toLower())) {
            row.value = QStringLiteral("<API_KEY>");
        } else {
            row.value = replaceAll(row.value, extraSecrets);
        }
    }

    // Query: the enabled parameters live in the URL, so rewrite it when a secret one is found.
    bool queryChanged = false;
    QList<QueryRow> rows = parseQuery(out.url);
    for (auto& row : rows) {
        const QString name = QUrl::fromPercentEncoding(row.name.toUtf8()).toLower();
        if ((secretQueryNames().contains(name) || (apiKeyQuery && name == auth.apiKeyName.toLower())) &&
            row.value != QLatin1String("<API_KEY>")) {
            row.value = QStringLiteral("<API_KEY>");
            queryChanged = true;
        }
    }
    if (queryChanged) {
        for (const auto& row : std::as_const(out.queryRows)) {
            if (!row.enabled)
                rows.append(row);
        }
        out.queryRows = rows;
        out.syncUrlFromQuery();
    }

    // user:password@ in the authority.
    const qsizetype schemeEnd = out.url.indexOf(QLatin1String("://"));
    if (schemeEnd >= 0) {
        const qsizetype authorityStart = schemeEnd + 3;
        qsizetype authorityEnd = out.url.size();
        for (const QChar c : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
            const qsizetype at = out.url.indexOf(c, authorityStart);
            if (at >= 0 && at < authorityEnd)
                authorityEnd = at;
        }
        const qsizetype atSign = out.url.lastIndexOf(QLatin1Char('@'), authorityEnd - 1);
        if (atSign >= authorityStart) {
            const qsizetype colon = out.url.indexOf(QLatin1Char(':'), authorityStart);
            if (colon >= 0 && colon < atSign)
                out.url.replace(colon + 1, atSign - colon - 1, QStringLiteral("<PASSWORD>"));
        }
    }

    out.url = replaceAll(out.url, extraSecrets);
    out.rawBody = replaceAll(out.rawBody, extraSecrets);
    for (auto& row : out.formRows)
        row.value = replaceAll(row.value, extraSecrets);
    for (auto& part : out.multipartParts)
        part.value = replaceAll(part.value, extraSecrets);
    for (auto& row : out.queryRows)
        row.value = replaceAll(row.value, extraSecrets);
    return out;
}

QString HttpRequestSpec::formUrlEncodedBody() const
{
    QStringList pieces;
    for (const auto& row : formRows) {
        if (!row.enabled)
            continue;
        pieces.append(QString(QString::fromLatin1(QUrl::toPercentEncoding(row.name)) + QLatin1Char('=') +
                              QString::fromLatin1(QUrl::toPercentEncoding(row.value))));
    }
    return pieces.join(QLatin1Char('&'));
}

QString HttpRequestSpec::bodyKindName(BodyKind kind)
{
    switch (kind) {
    case BodyKind::Raw:
        return QStringLiteral("raw");
    case BodyKind::FormUrlEncoded:
        return QStringLiteral("urlencoded");
    case BodyKind::Multipart:
        return QStringLiteral("multipart");
    case BodyKind::BinaryFile:
        return QStringLiteral("binary");
    case BodyKind::None:
        break;
    }
    return QStringLiteral("none");
}

QString HttpRequestSpec::rawTypeName(RawType type)
{
    switch (type) {
    case RawType::Text:
        return QStringLiteral("text");
    case RawType::Xml:
        return QStringLiteral("xml");
    case RawType::Json:
        break;
    }
    return QStringLiteral("json");
}

QString HttpRequestSpec::authKindName(AuthKind kind)
{
    switch (kind) {
    case AuthKind::Bearer:
        return QStringLiteral("bearer");
    case AuthKind::Basic:
        return QStringLiteral("basic");
    case AuthKind::ApiKey:
        return QStringLiteral("apikey");
    case AuthKind::None:
        break;
    }
    return QStringLiteral("none");
}

QJsonObject HttpRequestSpec::toJson() const
{
    QJsonArray parts;
    for (const auto& part : multipartParts) {
        parts.append(QJsonObject{{QStringLiteral("name"), part.name},
                                 {QStringLiteral("value"), part.value},
                                 {QStringLiteral("isFile"), part.isFile},
                                 {QStringLiteral("filePath"), part.filePath},
                                 {QStringLiteral("contentType"), part.contentType},
                                 {QStringLiteral("enabled"), part.enabled}});
    }
    const QJsonObject body{{QStringLiteral("kind"), bodyKindName(bodyKind)},
                           {QStringLiteral("raw"), rawBody},
                           {QStringLiteral("rawType"), rawTypeName(rawType)},
                           {QStringLiteral("form"), rowsToJson(formRows)},
                           {QStringLiteral("multipart"), parts},
                           {QStringLiteral("binaryFile"), binaryFilePath}};
    const QJsonObject authJson{
        {QStringLiteral("kind"), authKindName(auth.kind)},    {QStringLiteral("token"), auth.token},
        {QStringLiteral("username"), auth.username},          {QStringLiteral("password"), auth.password},
        {QStringLiteral("apiKeyName"), auth.apiKeyName},      {QStringLiteral("apiKeyValue"), auth.apiKeyValue},
        {QStringLiteral("apiKeyInQuery"), auth.apiKeyInQuery}};
    return QJsonObject{{QStringLiteral("method"), method},
                       {QStringLiteral("url"), url},
                       {QStringLiteral("headers"), rowsToJson(headers)},
                       {QStringLiteral("query"), rowsToJson(queryRows)},
                       {QStringLiteral("body"), body},
                       {QStringLiteral("auth"), authJson},
                       {QStringLiteral("followRedirects"), followRedirects},
                       {QStringLiteral("verifyTls"), verifyTls},
                       {QStringLiteral("timeoutMs"), timeoutMs}};
}

Result<HttpRequestSpec> HttpRequestSpec::fromJson(const QJsonObject& json)
{
    HttpRequestSpec spec;
    if (!readString(json, QStringLiteral("method"), spec.method) || !readString(json, QStringLiteral("url"), spec.url))
        return jsonError(QStringLiteral("\"method\" and \"url\" must be strings"));
    if (!readRows(json, QStringLiteral("headers"), spec.headers) ||
        !readRows(json, QStringLiteral("query"), spec.queryRows))
        return jsonError(QStringLiteral("\"headers\" and \"query\" must be arrays of {name, value, enabled}"));
    if (!readBool(json, QStringLiteral("followRedirects"), spec.followRedirects) ||
        !readBool(json, QStringLiteral("verifyTls"), spec.verifyTls))
        return jsonError(QStringLiteral("\"followRedirects\" and \"verifyTls\" must be booleans"));
    if (json.contains(QStringLiteral("timeoutMs"))) {
        const QJsonValue t = json.value(QStringLiteral("timeoutMs"));
        if (!t.isDouble() || t.toDouble() < 0 || t.toDouble() > 2147483647.0)
            return jsonError(QStringLiteral("\"timeoutMs\" must be a non-negative integer"));
        spec.timeoutMs = int(t.toDouble());
    }

    if (json.contains(QStringLiteral("body"))) {
        if (!json.value(QStringLiteral("body")).isObject())
            return jsonError(QStringLiteral("\"body\" must be an object"));
        const QJsonObject body = json.value(QStringLiteral("body")).toObject();
        if (!readEnum(body, QStringLiteral("kind"), spec.bodyKind, &bodyKindName, 5))
            return jsonError(QStringLiteral("unknown body kind"));
        if (!readEnum(body, QStringLiteral("rawType"), spec.rawType, &rawTypeName, 3))
            return jsonError(QStringLiteral("unknown raw body type"));
        if (!readString(body, QStringLiteral("raw"), spec.rawBody) ||
            !readString(body, QStringLiteral("binaryFile"), spec.binaryFilePath) ||
            !readRows(body, QStringLiteral("form"), spec.formRows))
            return jsonError(QStringLiteral("malformed body"));
        if (body.contains(QStringLiteral("multipart"))) {
            if (!body.value(QStringLiteral("multipart")).isArray())
                return jsonError(QStringLiteral("\"multipart\" must be an array"));
            for (const auto& item : body.value(QStringLiteral("multipart")).toArray()) {
                const QJsonObject p = item.toObject();
                MultipartPart part;
                if (!item.isObject() || !readString(p, QStringLiteral("name"), part.name) ||
                    !readString(p, QStringLiteral("value"), part.value) ||
                    !readBool(p, QStringLiteral("isFile"), part.isFile) ||
                    !readString(p, QStringLiteral("filePath"), part.filePath) ||
                    !readString(p, QStringLiteral("contentType"), part.contentType) ||
                    !readBool(p, QStringLiteral("enabled"), part.enabled))
                    return jsonError(QStringLiteral("malformed multipart part"));
                spec.multipartParts.append(part);
            }
        }
    }

    if (json.contains(QStringLiteral("auth"))) {
        if (!json.value(QStringLiteral("auth")).isObject())
            return jsonError(QStringLiteral("\"auth\" must be an object"));
        const QJsonObject a = json.value(QStringLiteral("auth")).toObject();
        if (!readEnum(a, QStringLiteral("kind"), spec.auth.kind, &authKindName, 4))
            return jsonError(QStringLiteral("unknown auth kind"));
        if (!readString(a, QStringLiteral("token"), spec.auth.token) ||
            !readString(a, QStringLiteral("username"), spec.auth.username) ||
            !readString(a, QStringLiteral("password"), spec.auth.password) ||
            !readString(a, QStringLiteral("apiKeyName"), spec.auth.apiKeyName) ||
            !readString(a, QStringLiteral("apiKeyValue"), spec.auth.apiKeyValue) ||
            !readBool(a, QStringLiteral("apiKeyInQuery"), spec.auth.apiKeyInQuery))
            return jsonError(QStringLiteral("malformed auth"));
    }
    return spec;
}
