// SPDX-License-Identifier: MIT
#pragma once

#include "request/HttpClientResponse.h"

#include <QList>

/// A JWT found in a response.
struct FoundToken
{
    enum class Source
    {
        Body,
        Header,
        Cookie
    };
    Source source = Source::Body;
    /// Where: a JSON path ("$.access_token", "$.data.tokens[0]"), a form field ("access_token"), a header name
    /// ("Authorization") or a cookie name.
    QString location;
    QByteArray token;

    /// "body $.access_token", "header Authorization", "cookie session".
    QString describe() const;
    friend bool operator==(const FoundToken&, const FoundToken&) = default;
};

/// Finds JWTs in a response: every string of a JSON body at any depth (access_token, id_token, refresh_token and
/// anything else that is a JWT), fields of an x-www-form-urlencoded body (RFC 6749 §4.2.2 fragments included),
/// free text in other bodies, header values (Authorization, custom headers) and cookies. Each token once per
/// location, in document order.
class ResponseTokenFinder
{
public:
    /// JSON bodies larger than this are scanned as text (no paths) to stay fast.
    static constexpr qsizetype kMaxJsonTreeBytes = 8 * 1024 * 1024;

    static QList<FoundToken> find(const HttpClientResponse& response);
    static QList<FoundToken> findInBody(const QByteArray& body, const QString& contentType = {});
    static QList<FoundToken> findInHeaders(const QList<QPair<QByteArray, QByteArray>>& headers);
};
