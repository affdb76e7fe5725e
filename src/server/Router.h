// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "server/CorsPolicy.h"
#include "server/RequestContext.h"

#include <QHash>
#include <QList>

#include <functional>
#include <optional>

/// Maps (method, exact path) to handlers. Paths are compared raw (no percent-decoding, query ignored).
/// Every response gets the CORS headers, errors included; OPTIONS on every route is a 204 preflight answer
/// (Fetch Standard CORS-preflight); HEAD is served by the GET handler (RFC 9110 §9.3.2); an unknown path is
/// a 404 JSON error and a known path with another method a 405 with Allow (RFC 9110 §15.5.6).
/// Build it completely before serving; route() is then const and thread-safe.
class Router
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest&, RequestContext&)>;
    /// Looks at a request head before its body is read: a final response to refuse it with, or nullopt.
    using HeadCheck = std::function<std::optional<HttpResponse>(const HttpRequest&, RequestContext&)>;

    void setCorsPolicy(const CorsPolicy& policy) { m_cors = policy; }
    const CorsPolicy& corsPolicy() const { return m_cors; }
    void addRoute(const QByteArray& method, const QByteArray& path, Handler handler, HeadCheck headCheck = {});

    HttpResponse route(const HttpRequest& request, RequestContext& context) const;
    /// For "Expect: 100-continue" (RFC 9110 §10.1.1): the final response for a head whose answer does not depend
    /// on the body (404, 405, OPTIONS, or what the route's HeadCheck refuses, e.g. a 401), with the CORS headers;
    /// nullopt when the body should be sent.
    std::optional<HttpResponse> checkHead(const HttpRequest& head, RequestContext& context) const;
    /// "GET, HEAD, OPTIONS" for a path; empty when there is no such route.
    QByteArray allowedMethods(const QByteArray& path) const;
    QList<QByteArray> paths() const { return m_order; }

private:
    struct Route
    {
        QByteArray method;
        Handler handler;
        HeadCheck headCheck;
    };
    const Route* find(const HttpRequest& request) const;
    void addCorsHeaders(HttpResponse& response) const;

    CorsPolicy m_cors;
    QHash<QByteArray, QList<Route>> m_routes;
    QList<QByteArray> m_order;
};
