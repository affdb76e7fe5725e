// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwks.h"

/// Key rotation between two JWK Sets. Keys are matched by kid (by RFC 7638 thumbprint when they have none);
/// a key is "changed" when the same kid now has other key material or metadata (alg, use, key_ops, x5c).
struct JwksDiff
{
    struct Change
    {
        QString kid;
        QString oldThumbprint;
        QString newThumbprint;
        QStringList what; // "key material", "alg", "use", "key_ops", "x5c"
    };
    QList<Jwk> added;
    QList<Jwk> removed;
    QList<Change> changed;
    int unchanged = 0;

    bool isEmpty() const { return added.isEmpty() && removed.isEmpty() && changed.isEmpty(); }
    static JwksDiff compare(const Jwks& before, const Jwks& after);
};
