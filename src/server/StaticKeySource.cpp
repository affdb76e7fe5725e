// SPDX-License-Identifier: MIT
#include "server/StaticKeySource.h"

StaticKeySource::StaticKeySource(Jwks jwks)
{
    m_snapshot.jwks = std::make_shared<const Jwks>(std::move(jwks));
    m_snapshot.generation = 1;
}
