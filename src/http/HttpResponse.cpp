// SPDX-License-Identifier: MIT
#include "http/HttpResponse.h"

#include <QJsonDocument>

#include <cstring>

HttpResponse::HttpResponse(int statusCode, QByteArray contentType, QByteArray content)
    : status(statusCode)
    , body(std::move(content))
{
    if (!contentType.isEmpty()) {
        headers.append({QByteArrayLiteral("Content-Type"), std::move(contentType)});
    }
}

HttpResponse HttpResponse::json(int statusCode, const QJsonObject& object)
{
    return HttpResponse(statusCode, QByteArrayLiteral("application/json"),
                        QJsonDocument(object).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::text(int statusCode, QByteArray content)
{
    return HttpResponse(statusCode, QByteArrayLiteral("text/plain; charset=utf-8"), std::move(content));
}

HttpResponse HttpResponse::jsonError(int statusCode, const QString& code, const QString& description)
{
    return json(statusCode, QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("description"), description}});
}

HttpResponse HttpResponse::empty(int statusCode)
{
    return HttpResponse(statusCode, QByteArray(), QByteArray());
}

void HttpResponse::setHeader(QByteArrayView name, QByteArray value)
{
    headers.removeIf([&](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name.toByteArray(), std::move(value)});
}

void HttpResponse::addHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}

bool HttpResponse::hasHeader(QByteArrayView name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QByteArray HttpResponse::reasonPhrase(int statusCode)
{
    switch (statusCode) {
    case 200:
        return QByteArrayLiteral("OK");
    case 204:
        return QByteArrayLiteral("No Content");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Unknown");
    }
}

QByteArray HttpResponse::serialize(int versionMinor, bool keepAlive, bool headRequest, QByteArrayView date) const
{
    // Sized exactly, then filled with memcpy: appending piece by piece (QByteArray::append → insert, with its
    // checks per call) was 12 % of a cached /api/private request's instructions (docs/PERFORMANCE.md).
    const QByteArray statusText = QByteArray::number(status);
    const QByteArray reason = reasonPhrase(status);
    // RFC 9110 §8.6: no Content-Length in 204 responses.
    const bool withLength = status != 204 && !(status >= 100 && status < 200);
    const QByteArray length = withLength ? QByteArray::number(body.size()) : QByteArray();
    const QByteArrayView connection = !keepAlive          ? QByteArrayView("Connection: close\r\n")
                                      : versionMinor == 0 ? QByteArrayView("Connection: keep-alive\r\n")
                                                          : QByteArrayView();
    const bool withBody = !headRequest && status != 204;
    const QByteArrayView version = versionMinor >= 1 ? QByteArrayView("HTTP/1.1 ") : QByteArrayView("HTTP/1.0 ");
    constexpr QByteArrayView server("\r\nServer: tokenscope\r\nDate: ");
    constexpr QByteArrayView lengthName("Content-Length: ");

    qsizetype size = version.size() + statusText.size() + 1 + reason.size() + server.size() + date.size() + 2 +
                     connection.size() + 2 + (withBody ? body.size() : 0);
    for (const auto& h : headers) {
        size += h.first.size() + h.second.size() + 4;
    }
    if (withLength) {
        size += lengthName.size() + length.size() + 2;
    }
    QByteArray out(size, Qt::Uninitialized);
    char* cursor = out.data();
    const auto put = [&cursor](QByteArrayView piece) {
        if (!piece.isEmpty()) {
            std::memcpy(cursor, piece.data(), static_cast<size_t>(piece.size()));
            cursor += piece.size();
        }
    };
    put(version);
    put(statusText);
    put(" ");
    put(reason);
    put(server);
    put(date);
    put("\r\n");
    for (const auto& h : headers) {
        put(h.first);
        put(": ");
        put(h.second);
        put("\r\n");
    }
    if (withLength) {
        put(lengthName);
        put(length);
        put("\r\n");
    }
    put(connection);
    put("\r\n");
    if (withBody) {
        put(body);
    }
    Q_ASSERT(cursor == out.constData() + out.size());
    return out;
}
