// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// JOSE Header Parameter names registered by RFC 7515 §4.1, RFC 7516 §4.1 and RFC 7518 §4.6-4.8: "crit" must not
/// name them (RFC 7515 §4.1.11, RFC 7516 §4.1.13). One list for JwtVerifier and JweDecrypter.
class HeaderParameters
{
public:
    static bool isRegistered(const QString& name);
};
