// SPDX-License-Identifier: MIT
#include "net/TlsProblem.h"

#include <QSslCertificate>

QString TlsProblem::describe(const QSslError& error)
{
    const QSslCertificate& c = error.certificate();
    const QString issuer = c.isNull() ? QString() : c.issuerDisplayName();
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
        return QStringLiteral("the certificate is self-signed and not trusted");
    case QSslError::SelfSignedCertificateInChain: {
        // The server sent its CA along; the error's certificate is that CA (or the one it issued).
        const QString ca = c.isNull() ? QString() : (c.isSelfSigned() ? c.subjectDisplayName() : issuer);
        return ca.isEmpty() ? QStringLiteral("the certificate was issued by an unknown CA (a self-signed root that is "
                                             "not in the trusted store)")
                            : QStringLiteral("the certificate was issued by an unknown CA (\"%1\", a self-signed root, "
                                             "is not in the trusted store)")
                                  .arg(ca);
    }
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return issuer.isEmpty()
                   ? QStringLiteral("the certificate was issued by an unknown CA (not in the trusted store)")
                   : QStringLiteral("the certificate was issued by an unknown CA (\"%1\" is not in the trusted store)")
                         .arg(issuer);
    case QSslError::HostNameMismatch: {
        QStringList names;
        if (!c.isNull()) {
            const auto alternatives = c.subjectAlternativeNames();
            for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
                names.append(it.value());
            }
            if (names.isEmpty()) {
                names = c.subjectInfo(QSslCertificate::CommonName);
            }
        }
        return names.isEmpty() ? QStringLiteral("the certificate is for another host name")
                               : QStringLiteral("the certificate is for another host name (it names %1)")
                                     .arg(names.join(QLatin1String(", ")));
    }
    case QSslError::CertificateExpired:
        return c.isNull()
                   ? QStringLiteral("the certificate has expired")
                   : QStringLiteral("the certificate expired on %1").arg(c.expiryDate().toUTC().toString(Qt::ISODate));
    case QSslError::CertificateNotYetValid:
        return c.isNull() ? QStringLiteral("the certificate is not valid yet")
                          : QStringLiteral("the certificate is not valid before %1")
                                .arg(c.effectiveDate().toUTC().toString(Qt::ISODate));
    case QSslError::CertificateRevoked:
        return QStringLiteral("the certificate has been revoked");
    case QSslError::InvalidPurpose:
        return QStringLiteral("the certificate may not be used for a TLS server");
    default:
        break;
    }
    QString text = error.errorString();
    if (!text.isEmpty()) {
        text[0] = text[0].toLower();
    }
    return text;
}

QStringList TlsProblem::describeAll(const QList<QSslError>& errors)
{
    QStringList out;
    for (const QSslError& e : errors) {
        const QString text = describe(e);
        if (!out.contains(text)) {
            out.append(text);
        }
    }
    return out;
}
