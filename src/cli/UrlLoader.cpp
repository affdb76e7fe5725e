// SPDX-License-Identifier: MIT
#include "cli/UrlLoader.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrl>

bool UrlLoader::isUrl(const QString& text)
{
    return text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

Result<QByteArray> UrlLoader::get(const QString& url, int timeoutMs, qint64 maxBytes)
{
    QNetworkAccessManager manager;
    QNetworkRequest request{QUrl(url)};
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    request.setRawHeader("Accept", "application/jwk-set+json, application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("tokenscope-cli/" TOKENSCOPE_VERSION));
    request.setTransferTimeout(timeoutMs);
    QNetworkReply* reply = manager.get(request);
    QEventLoop loop;
    bool tooLarge = false;
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [&](qint64 received, qint64) {
        if (received > maxBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (tooLarge) {
        return Error(ErrorCode::InputTooLarge,
                     QStringLiteral("%1: response larger than %2 bytes").arg(url).arg(maxBytes));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    switch (reply->error()) {
    case QNetworkReply::NoError:
        break;
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return Error(ErrorCode::NetTimeout, QStringLiteral("%1: no answer within %2 ms").arg(url).arg(timeoutMs));
    case QNetworkReply::SslHandshakeFailedError:
        return Error(ErrorCode::TlsFailure, QStringLiteral("%1: TLS failed: %2").arg(url, reply->errorString()));
    default:
        if (status == 0) {
            return Error(ErrorCode::NetFailure, QStringLiteral("%1: %2").arg(url, reply->errorString()));
        }
        break;
    }
    if (status < 200 || status > 299) {
        return Error(ErrorCode::HttpStatus,
                     QStringLiteral("%1: HTTP %2 %3")
                         .arg(url)
                         .arg(status)
                         .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()));
    }
    return reply->readAll();
}
