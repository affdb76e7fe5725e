// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QUrl>

class JwksProvider;
class QNetworkAccessManager;

/// JwksProvider's helper on the provider thread: owns the QNetworkAccessManager (which must live and be used
/// in one thread) and performs one GET per request.
class JwksProviderFetcher : public QObject
{
    Q_OBJECT
public:
    JwksProviderFetcher(JwksProvider* provider, QUrl url, int timeoutMs);
    void fetch(quint64 sequence);

    /// max-age of a Cache-Control value (RFC 9111 §5.2.2.1), -1 when absent or no-store/no-cache.
    static qint64 maxAge(const QByteArray& cacheControl);

private:
    JwksProvider* m_provider;
    QUrl m_url;
    int m_timeoutMs;
    QNetworkAccessManager* m_manager = nullptr;
};
