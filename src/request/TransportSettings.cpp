// SPDX-License-Identifier: MIT
#include "request/TransportSettings.h"

namespace {
const char* const kFileMembers[] = {"caFile", "clientCertFile", "clientKeyFile", "pkcs12File", "proxyUrl"};

QString* fileMember(TransportSettings& s, int i)
{
    QString* members[] = {&s.caFile, &s.clientCertFile, &s.clientKeyFile, &s.pkcs12File, &s.proxyUrl};
    return members[i];
}
} // namespace

QString TransportSettings::proxyModeName(ProxyMode mode)
{
    switch (mode) {
    case ProxyMode::System:
        return QStringLiteral("system");
    case ProxyMode::None:
        return QStringLiteral("none");
    case ProxyMode::Manual:
        return QStringLiteral("manual");
    }
    return QStringLiteral("system");
}

QJsonObject TransportSettings::toJson() const
{
    QJsonObject o;
    TransportSettings copy = *this;
    for (int i = 0; i < 5; ++i) {
        if (!fileMember(copy, i)->isEmpty())
            o.insert(QLatin1String(kFileMembers[i]), *fileMember(copy, i));
    }
    if (proxyMode != ProxyMode::System)
        o.insert(QStringLiteral("proxyMode"), proxyModeName(proxyMode));
    return o;
}

Result<TransportSettings> TransportSettings::fromJson(const QJsonObject& json)
{
    TransportSettings s;
    for (int i = 0; i < 5; ++i) {
        const QJsonValue v = json.value(QLatin1String(kFileMembers[i]));
        if (v.isUndefined())
            continue;
        if (!v.isString())
            return Error(ErrorCode::JsonInvalid,
                         QStringLiteral("\"%1\" must be a string").arg(QLatin1String(kFileMembers[i])));
        *fileMember(s, i) = v.toString();
    }
    const QJsonValue mode = json.value(QStringLiteral("proxyMode"));
    if (!mode.isUndefined()) {
        const QString name = mode.toString();
        if (name == QLatin1String("system"))
            s.proxyMode = ProxyMode::System;
        else if (name == QLatin1String("none"))
            s.proxyMode = ProxyMode::None;
        else if (name == QLatin1String("manual"))
            s.proxyMode = ProxyMode::Manual;
        else
            return Error(ErrorCode::JsonInvalid, QStringLiteral("unknown proxyMode \"%1\"").arg(name));
    }
    return s;
}
