// SPDX-License-Identifier: MIT
#include "crypto/Ecdh.h"

#include "crypto/EcdhAgreement.h"

Result<QByteArray> Ecdh::sharedSecret(const AsymmetricKey& privateKey, const AsymmetricKey& peerPublic)
{
    // One agreement with a pool of one context: the same checks as many agreements with one key.
    return EcdhAgreement(privateKey).sharedSecret(peerPublic);
}
