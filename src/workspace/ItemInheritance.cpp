// SPDX-License-Identifier: MIT
#include "workspace/ItemInheritance.h"

QString ItemInheritance::EffectiveAuth::sourceText() const
{
    if (!inherited || !source)
        return {};
    return source->path().join(QStringLiteral(" / "));
}

ItemInheritance::EffectiveAuth ItemInheritance::effectiveAuth(const CollectionNode& node)
{
    return effectiveAuth(node, node.isContainer() ? node.settings().auth : node.request().auth);
}

ItemInheritance::EffectiveAuth ItemInheritance::effectiveAuth(const CollectionNode& node, const AuthConfig& own)
{
    if (own.type != AuthConfig::Type::Inherit)
        return {own, &node, false};
    for (const CollectionNode* p = node.parent(); p; p = p->parent()) {
        if (p->settings().auth.type != AuthConfig::Type::Inherit)
            return {p->settings().auth, p, true};
    }
    AuthConfig none;
    none.type = AuthConfig::Type::None;
    return {none, nullptr, true};
}

QList<HttpRequestSpec::Row> ItemInheritance::effectiveHeaders(const CollectionNode& request)
{
    return effectiveHeaders(request,
                            request.isContainer() ? request.settings().headers : request.request().request.headers);
}

QList<HttpRequestSpec::Row> ItemInheritance::effectiveHeaders(const CollectionNode& request,
                                                              const QList<HttpRequestSpec::Row>& own)
{
    QList<HttpRequestSpec::Row> headers;
    auto apply = [&headers](const QList<HttpRequestSpec::Row>& level, bool keepDisabled) {
        for (const auto& row : level) {
            if (!row.enabled && !keepDisabled)
                continue;
            if (row.enabled) {
                headers.erase(std::remove_if(headers.begin(), headers.end(),
                                             [&row](const HttpRequestSpec::Row& h) {
                                                 return h.enabled && h.name.compare(row.name, Qt::CaseInsensitive) == 0;
                                             }),
                              headers.end());
            }
            headers.append(row);
        }
    };
    for (const CollectionNode* c : request.containerChain()) {
        if (c != &request)
            apply(c->settings().headers, false);
    }
    apply(own, !request.isContainer());
    return headers;
}

QList<Environment> ItemInheritance::variableLayers(const Workspace& workspace, const CollectionNode& node,
                                                   const Environment* environment)
{
    return variableLayers(workspace, node, environment,
                          node.isContainer() ? QList<EnvironmentVariable>() : node.request().variables);
}

QList<Environment> ItemInheritance::variableLayers(const Workspace& workspace, const CollectionNode& node,
                                                   const Environment* environment,
                                                   const QList<EnvironmentVariable>& own)
{
    QList<Environment> layers{Environment(QStringLiteral("globals"), workspace.globals)};
    for (const CollectionNode* c : node.containerChain())
        layers.append(Environment(c->name(), c->settings().variables));
    if (environment)
        layers.append(*environment);
    if (!node.isContainer())
        layers.append(Environment(node.name(), own));
    return layers;
}
