// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwks.h"

#include <memory>

/// A key set as of one moment; `generation` changes whenever the set does (caches key on it).
struct KeySnapshot
{
    std::shared_ptr<const Jwks> jwks;
    quint64 generation = 0;
};

/// Where the verifier's keys come from: a fixed set (JWKS file, embedded issuer) or a JWKS URL.
/// Thread-safe: request threads call it concurrently.
class KeySource
{
public:
    virtual ~KeySource() = default;
    virtual KeySnapshot current() const = 0;
    /// A token named a kid the current set lacks. A source that can refetch may do so (rate-limited) and
    /// returns true when a newer set is now current. May block the caller up to the fetch timeout.
    virtual bool refreshForUnknownKid(const QString& kid)
    {
        Q_UNUSED(kid);
        return false;
    }
};
