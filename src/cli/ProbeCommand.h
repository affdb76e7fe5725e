// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

/// probe METHOD URL --token T [-H 'K: V']... [--data D] | probe --item PATH [--workspace DIR] [--env NAME]
/// [--token T] [--signing-key FILE] [--public-key FILE | --jwks FILE|URL | --issuer URL] [--only ID,...]
/// [--skip ID,...] [--concurrency N] [--timeout MS] [--accept-status LIST] [--reject-body-match REGEX] [--json]
/// [--junit-out F] [--strict] | probe --list
///
/// The token probe (issue 13, ProbeRunner): sends the request with the valid token (the control), then once per
/// mutation of TokenMutator's catalogue, and names every mutated token the API accepts when it must not.
/// Exit 0 when no row is VULNERABLE or unexpected (weak rows are listed; --strict makes them fail too), 1 when one
/// is, 3 when the control was not accepted (inconclusive), 2 on usage and I/O errors.
class ProbeCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("probe"); }
    int run(const QStringList& arguments, CliContext& ctx) override;
};
