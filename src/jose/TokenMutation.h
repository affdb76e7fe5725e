// SPDX-License-Identifier: MIT
#pragma once

#include "jose/MutationInfo.h"

#include <QByteArray>
#include <QString>

/// One token the probe sends: a catalogue row applied to the user's token (see TokenMutator).
struct TokenMutation
{
    QString id;       // the catalogue id (MutationInfo::id)
    QString variant;  // "" or which variant: "NONE", "HS256/pem-no-newline", "HS384/der", "sql" ...
    QString changed;  // short text for the results table: "alg set to \"none\", signature removed"
    QByteArray token; // the compact token to send (empty only when skipped)
    TokenPlacement placement = TokenPlacement::BearerHeader;
    QString skippedReason; // non-empty: do not send ("needs signing key", "token is not ES256/ES384/ES512", ...)

    bool isSkipped() const { return !skippedReason.isEmpty(); }
};
