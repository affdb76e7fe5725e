// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// keys generate --kty RSA|EC|OKP|oct [--size N] [--crv C] [--kid K] [--alg A] [--use U] [--format jwk|pem]
///                [--out-private F] [--out-public F]
class KeysCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("keys"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
