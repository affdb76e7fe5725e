// SPDX-License-Identifier: MIT
#pragma once

#include "server/KeySource.h"

/// A key set that never changes: --jwks-file or the embedded issuer's own public key.
class StaticKeySource final : public KeySource
{
public:
    explicit StaticKeySource(Jwks jwks);
    KeySnapshot current() const override { return m_snapshot; }

private:
    KeySnapshot m_snapshot;
};
