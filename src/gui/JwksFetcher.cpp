// SPDX-License-Identifier: MIT
#include "JwksFetcher.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

JwksFetcher::JwksFetcher(QObject* parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
}

QUrl JwksFetcher::discoveryUrl(const QString& issuer)
{
    QString base = issuer.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QStringLiteral("/.well-known/openid-configuration"));
}

void JwksFetcher::fetchJwks(const QUrl& url)
{
    start(url, Stage::Jwks);
}

void JwksFetcher::fetchDiscovery(const QString& issuer)
{
    start(discoveryUrl(issuer), Stage::Discovery);
}

void JwksFetcher::cancel()
{
    if (m_reply)
        m_reply->abort();
}

void JwksFetcher::start(const QUrl& url, Stage stage)
{
    cancel();
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        Q_EMIT failed(Error(ErrorCode::Usage, QStringLiteral("not an http(s) URL: %1").arg(url.toDisplayString())));
        return;
    }
    m_stage = stage;
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    request.setRawHeader("Accept", "application/json, application/jwk-set+json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    m_reply = m_manager->get(request);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > kMaxResponseSize && m_reply)
            m_reply->abort();
    });
    connect(m_reply, &QNetworkReply::finished, this, &JwksFetcher::onFinished);
    Q_EMIT progress(tr("Fetching %1 …").arg(url.toDisplayString()));
}

void JwksFetcher::onFinished()
{
    QNetworkReply* reply = m_reply;
    if (!reply)
        return;
    reply->deleteLater();
    m_reply.clear();
    const QUrl url = reply->url();
    if (reply->bytesAvailable() > kMaxResponseSize) {
        Q_EMIT failed(Error(ErrorCode::InputTooLarge,
                            QStringLiteral("response from %1 exceeds 1 MiB").arg(url.toDisplayString())));
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        const ErrorCode code = reply->error() == QNetworkReply::OperationCanceledError    ? ErrorCode::Cancelled
                               : reply->error() == QNetworkReply::TimeoutError            ? ErrorCode::NetTimeout
                               : reply->error() == QNetworkReply::SslHandshakeFailedError ? ErrorCode::TlsFailure
                                                                                          : ErrorCode::NetFailure;
        Q_EMIT failed(Error(code, QStringLiteral("%1: %2").arg(url.toDisplayString(), reply->errorString())));
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(kMaxResponseSize + 1);
    if (status != 0 && (status < 200 || status > 299)) {
        Q_EMIT failed(
            Error(ErrorCode::HttpStatus, QStringLiteral("%1 answered HTTP %2").arg(url.toDisplayString()).arg(status)));
        return;
    }
    if (m_stage == Stage::Jwks) {
        Q_EMIT jwksFetched(body, url);
        return;
    }
    // OpenID Connect Discovery 1.0 §3: jwks_uri is REQUIRED.
    const QJsonObject config = QJsonDocument::fromJson(body).object();
    const QUrl jwksUri(config.value(QStringLiteral("jwks_uri")).toString());
    if (!jwksUri.isValid() || jwksUri.isEmpty()) {
        Q_EMIT failed(Error(ErrorCode::JsonInvalid, QStringLiteral("%1 has no jwks_uri").arg(url.toDisplayString())));
        return;
    }
    start(jwksUri, Stage::Jwks);
}
