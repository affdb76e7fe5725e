// SPDX-License-Identifier: MIT
#include "server/JwksProviderFetcher.h"

#include "server/JwksProvider.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

JwksProviderFetcher::JwksProviderFetcher(JwksProvider* provider, QUrl url, int timeoutMs)
    : m_provider(provider)
    , m_url(std::move(url))
    , m_timeoutMs(timeoutMs)
{
}

qint64 JwksProviderFetcher::maxAge(const QByteArray& cacheControl)
{
    qint64 age = -1;
    for (const QByteArray& directive : cacheControl.split(',')) {
        const QByteArray d = directive.trimmed().toLower();
        if (d == "no-store" || d == "no-cache") {
            return 0;
        }
        if (d.startsWith("max-age=")) {
            bool ok = false;
            const qint64 v = d.mid(8).replace('"', QByteArray()).toLongLong(&ok);
            if (ok && v >= 0) {
                age = v;
            }
        }
    }
    return age;
}

void JwksProviderFetcher::fetch(quint64 sequence)
{
    if (!m_manager) {
        m_manager = new QNetworkAccessManager(this);
    }
    QNetworkRequest request(m_url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json, application/jwk-set+json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply* reply = m_manager->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, sequence] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError) {
            m_provider->fetchFinished(
                sequence,
                Error(ErrorCode::NetTimeout, QStringLiteral("JWKS fetch from %1 timed out").arg(m_url.toString())), -1);
            return;
        }
        if (status != 0 && (status < 200 || status > 299)) {
            m_provider->fetchFinished(
                sequence,
                Error(ErrorCode::HttpStatus,
                      QStringLiteral("JWKS fetch from %1: HTTP %2").arg(m_url.toString()).arg(status)),
                -1);
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            m_provider->fetchFinished(
                sequence,
                Error(ErrorCode::NetFailure,
                      QStringLiteral("JWKS fetch from %1: %2").arg(m_url.toString(), reply->errorString())),
                -1);
            return;
        }
        const QByteArray body = reply->read(Jwks::kMaxKeys * 4096LL);
        m_provider->fetchFinished(sequence, Jwks::fromJson(body), maxAge(reply->rawHeader("Cache-Control")));
    });
}
