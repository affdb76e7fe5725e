// SPDX-License-Identifier: MIT
#pragma once

#include "request/HttpClientResponse.h"
#include "request/HttpRequestSpec.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <memory>

class PlainHttpClient;
class QNetworkAccessManager;
class QNetworkReply;

/// TLS settings of a request. The verification switch of HttpRequestSpec (verifyTls) is combined with these.
struct TlsOptions
{
    QString caFile;           // extra trusted CA certificates (PEM), added to the system store
    QString clientCertFile;   // client certificate chain (PEM) ...
    QString clientKeyFile;    // ... and its private key (PEM, unencrypted or with keyPassphrase)
    QString pkcs12File;       // or both in a PKCS#12 file
    QByteArray keyPassphrase; // for the PEM key or the PKCS#12 file; never persisted here
    friend bool operator==(const TlsOptions&, const TlsOptions&) = default;
};

struct ProxyOptions
{
    enum class Mode
    {
        System,
        None,
        Manual
    };
    Mode mode = Mode::System;
    bool socks5 = false; // manual: SOCKS5 instead of an HTTP proxy
    QString host;
    quint16 port = 0;
    QString user;
    QString password;
    friend bool operator==(const ProxyOptions&, const ProxyOptions&) = default;
};

struct HttpClientOptions
{
    TlsOptions tls;
    ProxyOptions proxy;
    bool allowHttp2 = true; // HTTP/2 over TLS via ALPN where the server offers it
    qint64 maxBodyBytes = HttpClientResponse::kDefaultMaxBodyBytes;
    int defaultTimeoutMs = 30000; // used when the request's timeoutMs is 0
    int maxRedirects = 20;
    QByteArray userAgent; // empty: "Tokenscope/<version>"; sent unless the request sets User-Agent
    // Plain http:// requests without a proxy go through PlainHttpClient (HTTP/1.1 on a socket in this thread)
    // instead of QNetworkAccessManager: same responses and errors at a fraction of the CPU. The runner sets it.
    bool plainHttpTransport = false;
};

/// Sends HttpRequestSpec requests asynchronously with QNetworkAccessManager. The spec is made effective()
/// first (auth applied, switched-off rows dropped). One call = one id; finished() is emitted exactly once per id,
/// always asynchronously (also for requests that fail before going out, e.g. an unreadable body file).
///
/// Qt's connection cache ignores per-request TLS settings (a connection opened with a custom CA is reused for a
/// request without it), so every TLS/proxy profile gets its own QNetworkAccessManager. Cookies are neither stored
/// nor sent automatically: the request's Cookie header is what goes out. The total timeout covers the whole
/// exchange (Qt's transfer timeout only measures inactivity).
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject* parent = nullptr);
    ~HttpClient() override;

    void setOptions(const HttpClientOptions& options);
    const HttpClientOptions& options() const { return m_options; }

    /// Starts the request; returns its id (> 0).
    quint64 send(const HttpRequestSpec& request);
    /// Aborts a running request; finished() follows with ERR_CANCELLED. Unknown ids are ignored.
    void cancel(quint64 id);
    void cancelAll();
    bool isRunning(quint64 id) const;
    int runningCount() const;
    /// Number of QNetworkAccessManagers (one per TLS/proxy profile in use so far).
    int managerCount() const;

    /// Sends and waits in a local event loop (for the CLI and tests). Never returns an error: failures are in
    /// the response's `error`.
    static HttpClientResponse sendAndWait(const HttpRequestSpec& request, const HttpClientOptions& options = {});

    /// Words for a transport failure (no HTTP response) by QNetworkReply::NetworkError `networkError`, shared by
    /// both transports so the GUI and the diagnosis see the same errors.
    static Error describeFailure(int networkError, const QUrl& url, const QString& detail);
    /// ERR_NET_TIMEOUT after `timeoutMs` to `url`; `received`: the response head had arrived.
    static Error timeoutError(bool received, int timeoutMs, qint64 bodySize, const QUrl& url);
    /// "localhost" or a loopback address: never sent through the system proxy.
    static bool isLoopbackHost(const QString& host);

Q_SIGNALS:
    void downloadProgress(quint64 id, qint64 received, qint64 total);
    void uploadProgress(quint64 id, qint64 sent, qint64 total);
    void finished(quint64 id, const HttpClientResponse& response);

private:
    struct Call;
    QNetworkAccessManager* managerFor(bool verifyTls);
    void finishCall(quint64 id);
    void failEarly(quint64 id, HttpClientResponse response);
    void wire(quint64 id, QNetworkReply* reply);
    void sendViaQt(quint64 id, const HttpRequestSpec& spec, const HttpClientResponse& before);
    PlainHttpClient* plainClient();

    HttpClientOptions m_options;
    QHash<QString, QNetworkAccessManager*> m_managers;
    QHash<quint64, std::shared_ptr<Call>> m_calls;
    PlainHttpClient* m_plain = nullptr; // created on first use
    quint64 m_nextId = 1;
};
