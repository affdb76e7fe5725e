// SPDX-License-Identifier: MIT
#include "jose/JwksDiff.h"

#include <QHash>

namespace {
QString identity(const Jwk& k)
{
    return k.kid().isEmpty() ? QStringLiteral("#") + k.thumbprint() : k.kid();
}
} // namespace

JwksDiff JwksDiff::compare(const Jwks& before, const Jwks& after)
{
    JwksDiff d;
    QHash<QString, Jwk> old;
    for (const auto& k : before.keys()) {
        old.insert(identity(k), k);
    }
    QSet<QString> seen;
    for (const auto& k : after.keys()) {
        const QString id = identity(k);
        seen.insert(id);
        const auto it = old.constFind(id);
        if (it == old.constEnd()) {
            d.added.append(k);
            continue;
        }
        QStringList what;
        if (it->thumbprint() != k.thumbprint()) {
            what.append(QStringLiteral("key material"));
        }
        if (it->alg() != k.alg()) {
            what.append(QStringLiteral("alg"));
        }
        if (it->use() != k.use()) {
            what.append(QStringLiteral("use"));
        }
        if (it->keyOps() != k.keyOps()) {
            what.append(QStringLiteral("key_ops"));
        }
        if (it->x5c() != k.x5c()) {
            what.append(QStringLiteral("x5c"));
        }
        if (what.isEmpty()) {
            ++d.unchanged;
        } else {
            d.changed.append(Change{k.kid(), it->thumbprint(), k.thumbprint(), what});
        }
    }
    for (const auto& k : before.keys()) {
        if (!seen.contains(identity(k))) {
            d.removed.append(k);
        }
    }
    return d;
}
