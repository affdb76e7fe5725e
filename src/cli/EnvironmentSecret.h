// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

/// Secrets come from environment variables (never argv); one reader for every command's `--…-env VAR` option.
class EnvironmentSecret
{
public:
    /// The variable's bytes; ERR_USAGE naming `option` when it is not set, so a typo is not an empty secret.
    static Result<QByteArray> bytes(const QString& variable, const QString& option);
    /// The same, decoded as the locale's text (what qEnvironmentVariable returns).
    static Result<QString> text(const QString& variable, const QString& option);
};
