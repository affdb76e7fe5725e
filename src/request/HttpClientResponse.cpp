// SPDX-License-Identifier: MIT
#include "request/HttpClientResponse.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QSslCertificate>

PeerCertificateSummary PeerCertificateSummary::of(const QSslCertificate& certificate)
{
    PeerCertificateSummary s;
    s.subject = certificate.subjectDisplayName();
    const QStringList cn = certificate.subjectInfo(QSslCertificate::CommonName);
    if (s.subject.isEmpty() && !cn.isEmpty())
        s.subject = cn.first();
    s.issuer = certificate.issuerDisplayName();
    s.notBefore = certificate.effectiveDate().toUTC().toString(Qt::ISODate);
    s.notAfter = certificate.expiryDate().toUTC().toString(Qt::ISODate);
    s.expired = certificate.expiryDate() < QDateTime::currentDateTimeUtc();
    s.selfSigned = certificate.isSelfSigned();
    s.sha256Fingerprint = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    return s;
}

QString PeerCertificateSummary::oneLine() const
{
    return QStringLiteral("subject \"%1\", issuer \"%2\"%3, valid %4 to %5%6, SHA-256 %7")
        .arg(subject, issuer, selfSigned ? QStringLiteral(" (self-signed)") : QString(), notBefore, notAfter,
             expired ? QStringLiteral(" (EXPIRED)") : QString(), sha256Fingerprint);
}

QByteArray HttpClientResponse::headerValue(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value.isNull() ? QByteArray("") : value;
    }
    return QByteArray();
}

QList<QByteArray> HttpClientResponse::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    const bool setCookie = name.compare(QByteArrayView("Set-Cookie"), Qt::CaseInsensitive) == 0;
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (setCookie) {
            // Qt joins repeated Set-Cookie headers with '\n' (a comma is legal inside Expires).
            for (const QByteArray& piece : value.split('\n')) {
                if (!piece.trimmed().isEmpty())
                    values.append(piece.trimmed());
            }
        } else {
            values.append(value);
        }
    }
    return values;
}

bool HttpClientResponse::isJson() const
{
    const QString type = contentType().section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    return type == QLatin1String("application/json") || type.endsWith(QLatin1String("+json"));
}

QString HttpClientResponse::statusLine() const
{
    if (!received)
        return QString(QStringLiteral("no response: ") + (error ? error->message : QStringLiteral("not sent")));
    return QStringLiteral("%1 %2 %3")
        .arg(httpVersion.isEmpty() ? QStringLiteral("HTTP/1.1") : httpVersion, QString::number(status), reason);
}

QString HttpClientResponse::explanation() const
{
    if (!error)
        return QString();
    QStringList lines{error->message};
    for (const QString& tlsError : tlsErrors)
        lines.append(QString(QStringLiteral("  certificate check: ") + tlsError));
    for (int i = 0; i < peerCertificates.size(); ++i) {
        const auto& c = peerCertificates.at(i);
        lines.append(QStringLiteral("  [%1] subject: %2").arg(i).arg(c.subject));
        lines.append(QStringLiteral("      issuer:  %1%2")
                         .arg(c.issuer, c.selfSigned ? QStringLiteral(" (self-signed)") : QString()));
        lines.append(QStringLiteral("      valid:   %1 .. %2%3")
                         .arg(c.notBefore, c.notAfter, c.expired ? QStringLiteral(" (EXPIRED)") : QString()));
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonObject HttpClientResponse::toJson() const
{
    QJsonArray headerArray;
    for (const auto& [key, value] : headers)
        headerArray.append(QJsonArray{QString::fromLatin1(key), QString::fromLatin1(value)});
    QJsonObject timing{{QStringLiteral("connectStartedMs"), timings.connectStartedMs},
                       {QStringLiteral("tlsDoneMs"), timings.tlsDoneMs},
                       {QStringLiteral("requestSentMs"), timings.requestSentMs},
                       {QStringLiteral("headersMs"), timings.headersMs},
                       {QStringLiteral("firstByteMs"), timings.firstByteMs},
                       {QStringLiteral("totalMs"), timings.totalMs}};
    QJsonObject out{{QStringLiteral("method"), method},
                    {QStringLiteral("url"), url},
                    {QStringLiteral("finalUrl"), finalUrl},
                    {QStringLiteral("redirects"), QJsonArray::fromStringList(redirectChain)},
                    {QStringLiteral("received"), received},
                    {QStringLiteral("status"), status},
                    {QStringLiteral("reason"), reason},
                    {QStringLiteral("httpVersion"), httpVersion},
                    {QStringLiteral("headers"), headerArray},
                    {QStringLiteral("bodySize"), bodySize},
                    {QStringLiteral("bodyTruncated"), bodyTruncated},
                    {QStringLiteral("timings"), timing}};
    if (error) {
        out.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error->codeString()},
                                                        {QStringLiteral("message"), explanation()}});
    }
    return out;
}
