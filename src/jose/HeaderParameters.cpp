// SPDX-License-Identifier: MIT
#include "jose/HeaderParameters.h"

#include <QStringList>

bool HeaderParameters::isRegistered(const QString& name)
{
    static const QStringList registered = {
        QStringLiteral("alg"), QStringLiteral("jku"), QStringLiteral("jwk"),  QStringLiteral("kid"),
        QStringLiteral("x5u"), QStringLiteral("x5c"), QStringLiteral("x5t"),  QStringLiteral("x5t#S256"),
        QStringLiteral("typ"), QStringLiteral("cty"), QStringLiteral("crit"), QStringLiteral("enc"),
        QStringLiteral("zip"), QStringLiteral("epk"), QStringLiteral("apu"),  QStringLiteral("apv"),
        QStringLiteral("iv"),  QStringLiteral("tag"), QStringLiteral("p2s"),  QStringLiteral("p2c")};
    return registered.contains(name);
}
