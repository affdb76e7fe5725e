// SPDX-License-Identifier: MIT
#include "server/Router.h"

void Router::addRoute(const QByteArray& method, const QByteArray& path, Handler handler, HeadCheck headCheck)
{
    if (!m_routes.contains(path)) {
        m_order.append(path);
    }
    m_routes[path].append(Route{method, std::move(handler), std::move(headCheck)});
}

const Router::Route* Router::find(const HttpRequest& request) const
{
    const auto it = m_routes.constFind(request.path);
    if (it == m_routes.cend()) {
        return nullptr;
    }
    const QByteArrayView method = request.method == "HEAD" ? QByteArrayView("GET") : QByteArrayView(request.method);
    for (const Route& r : *it) {
        if (r.method == method) {
            return &r;
        }
    }
    return nullptr;
}

std::optional<HttpResponse> Router::checkHead(const HttpRequest& head, RequestContext& context) const
{
    const Route* match = find(head);
    if (!match) {
        return route(head, context); // 404, 405 and OPTIONS never look at the body
    }
    if (!match->headCheck) {
        return std::nullopt;
    }
    std::optional<HttpResponse> response = match->headCheck(head, context);
    if (response) {
        addCorsHeaders(*response);
    }
    return response;
}

QByteArray Router::allowedMethods(const QByteArray& path) const
{
    const auto it = m_routes.constFind(path);
    if (it == m_routes.cend()) {
        return {};
    }
    QByteArray allow;
    bool hasGet = false;
    for (const Route& r : *it) {
        allow += r.method + ", ";
        hasGet = hasGet || r.method == "GET";
    }
    if (hasGet) {
        allow += "HEAD, ";
    }
    allow += "OPTIONS";
    return allow;
}

void Router::addCorsHeaders(HttpResponse& response) const
{
    response.addHeader(QByteArrayLiteral("Access-Control-Allow-Origin"), m_cors.allowOrigin);
    if (m_cors.allowOrigin != "*") {
        response.addHeader(QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin"));
    }
    if (!m_cors.exposeHeaders.isEmpty()) {
        response.addHeader(QByteArrayLiteral("Access-Control-Expose-Headers"), m_cors.exposeHeaders);
    }
}

HttpResponse Router::route(const HttpRequest& request, RequestContext& context) const
{
    HttpResponse response;
    const auto it = m_routes.constFind(request.path);
    if (it == m_routes.cend()) {
        if (request.method == "OPTIONS" && request.target == "*") {
            response = HttpResponse::empty(204);
            response.addHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD, POST, OPTIONS"));
        } else {
            context.errorCode = QStringLiteral("not_found");
            context.errorDescription = QStringLiteral("No route for %1").arg(QString::fromLatin1(request.path));
            response = HttpResponse::jsonError(404, context.errorCode, context.errorDescription);
        }
        addCorsHeaders(response);
        return response;
    }
    if (const Route* match = find(request)) {
        response = match->handler(request, context);
        addCorsHeaders(response);
        return response;
    }
    const QByteArray allow = allowedMethods(request.path);
    if (request.method == "OPTIONS") {
        // CORS preflight (and plain OPTIONS, RFC 9110 §9.3.7): the methods and headers a browser may use.
        response = HttpResponse::empty(204);
        response.addHeader(QByteArrayLiteral("Allow"), allow);
        response.addHeader(QByteArrayLiteral("Access-Control-Allow-Methods"), allow);
        response.addHeader(QByteArrayLiteral("Access-Control-Allow-Headers"), m_cors.allowHeaders);
        response.addHeader(QByteArrayLiteral("Access-Control-Max-Age"), QByteArray::number(m_cors.maxAgeSeconds));
    } else {
        context.errorCode = QStringLiteral("method_not_allowed");
        context.errorDescription = QStringLiteral("%1 is not allowed on %2")
                                       .arg(QString::fromLatin1(request.method), QString::fromLatin1(request.path));
        response = HttpResponse::jsonError(405, context.errorCode, context.errorDescription);
        response.addHeader(QByteArrayLiteral("Allow"), allow);
    }
    addCorsHeaders(response);
    return response;
}
