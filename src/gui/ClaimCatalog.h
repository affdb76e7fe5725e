// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

/// Plain-language explanations of registered (RFC 7519 §4.1) and common OpenID Connect / OAuth claims and
/// JOSE header parameters, for the claims table. Presentation only: nothing here validates anything.
class ClaimCatalog
{
    Q_DECLARE_TR_FUNCTIONS(ClaimCatalog)

public:
    /// Translated one-line explanation; a generic sentence for unknown names.
    static QString explainClaim(const QString& name);
    static QString explainHeader(const QString& name);
    /// True for claims that are NumericDates (seconds since the epoch).
    static bool isTimeClaim(const QString& name);
    /// True when the name is registered or well known (so the table can set unknown ones apart).
    static bool isKnownClaim(const QString& name);
};
