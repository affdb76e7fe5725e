// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

/// An HTTP response as a handler builds it. The transport adds Content-Length, Date, Server and Connection;
/// handlers must not set those.
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    /// Close the connection after this response (the transport also closes on "Connection: close").
    bool closeConnection = false;

    HttpResponse() = default;
    HttpResponse(int statusCode, QByteArray contentType, QByteArray content);

    static HttpResponse json(int statusCode, const QJsonObject& object);
    static HttpResponse text(int statusCode, QByteArray content);
    /// {"code": code, "description": description} (the quickstart's error body).
    static HttpResponse jsonError(int statusCode, const QString& code, const QString& description);
    static HttpResponse empty(int statusCode);

    void setHeader(QByteArrayView name, QByteArray value); // replaces every header of that name
    void addHeader(QByteArray name, QByteArray value);
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;

    /// "OK", "Not Found", ... (RFC 9110 §15); "Unknown" for others.
    static QByteArray reasonPhrase(int statusCode);

    /// Status line, headers and (unless `headRequest`) the body. `date` is an IMF-fixdate (RFC 9110 §5.6.7).
    QByteArray serialize(int versionMinor, bool keepAlive, bool headRequest, QByteArrayView date) const;
};
