// SPDX-License-Identifier: MIT
#include "cli/EnvironmentSecret.h"

Result<QByteArray> EnvironmentSecret::bytes(const QString& variable, const QString& option)
{
    const QByteArray name = variable.toLocal8Bit();
    if (name.isEmpty() || !qEnvironmentVariableIsSet(name.constData()))
        return Error(ErrorCode::Usage,
                     QStringLiteral("%1: the environment variable \"%2\" is not set").arg(option, variable));
    return qgetenv(name.constData());
}

Result<QString> EnvironmentSecret::text(const QString& variable, const QString& option)
{
    Result<QByteArray> value = bytes(variable, option);
    if (!value)
        return value.error();
    return QString::fromLocal8Bit(value.value());
}
