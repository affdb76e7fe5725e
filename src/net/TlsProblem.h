// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QSslError>
#include <QStringList>

/// Certificate verification failures in words a user can act on. Qt's QSslError texts are OpenSSL's ("The issuer
/// certificate of a locally looked up certificate could not be found"); these name the problem instead: self-signed,
/// unknown CA, another host name, expired, not yet valid, revoked, wrong purpose. Other errors keep Qt's text.
class TlsProblem
{
public:
    /// One phrase, lower case, no final full stop: "the certificate was issued by an unknown CA (…)".
    static QString describe(const QSslError& error);
    /// The distinct phrases of `errors`, in order.
    static QStringList describeAll(const QList<QSslError>& errors);
};
