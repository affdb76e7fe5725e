// SPDX-License-Identifier: MIT
#pragma once

#include "net/HttpClient.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <memory>

class QTcpSocket;

/// HttpClient's own transport for plain `http://` requests without a proxy (HttpClientOptions::plainHttpTransport):
/// HTTP/1.1 over QTcpSocket in the caller's thread with HttpResponseParser, a keep-alive pool of idle connections
/// per host:port, one buffered read per arriving chunk. QNetworkAccessManager 6.4 spends about 1 ms of CPU per
/// request on loopback (response heads read one byte per read(2), and a hop to its HTTP thread and back); this
/// does not (docs/PERFORMANCE.md, "Runner transport").
///
/// It produces the HttpClientResponse HttpClient's Qt path produces: repeated response headers combined as Qt
/// combines them (", ", Set-Cookie with "\n", the last Location), the same error codes and messages for refused
/// connections, DNS failures, early closes and timeouts, redirects as Qt's NoLessSafeRedirectPolicy follows them
/// (301/302/303 become GET without a body unless HEAD, 307/308 keep the method and body; at most maxRedirects,
/// then ERR_NET_FAILURE "Too many redirects"). A redirect to a URL it does not take (https, a proxied host) is
/// handed back to HttpClient (handOver()). Differences: no `Accept-Encoding`/`Accept-Language` are added (Qt adds
/// them and decompresses gzip itself), so servers answer uncompressed. A request on a reused connection that the
/// server had already closed (nothing came back) is sent once more on a new connection, as Qt does.
class PlainHttpClient : public QObject
{
    Q_OBJECT
public:
    explicit PlainHttpClient(QObject* parent = nullptr);
    ~PlainHttpClient() override;

    /// Whether this client takes `spec` (effective) to `url` with `options`: http, no user info in the URL, no
    /// proxy in effect, a body that is not a file or multipart, header rows without CR/LF/NUL.
    bool takes(const QUrl& url, const HttpRequestSpec& spec, const HttpClientOptions& options);
    /// Starts `spec` (effective) to `url`; `base` carries method, url and any redirects followed before.
    void send(quint64 id, const QUrl& url, const HttpRequestSpec& spec, const HttpClientOptions& options,
              const HttpClientResponse& base);
    void cancel(quint64 id);
    void cancelAll();
    bool isRunning(quint64 id) const { return m_calls.contains(id); }
    int runningCount() const { return int(m_calls.size()); }
    /// Idle keep-alive connections in the pool (all hosts).
    int idleConnectionCount() const;

Q_SIGNALS:
    void finished(quint64 id, const HttpClientResponse& response);
    /// A redirect leads to `spec` that this client does not take; `partial` has the redirect chain and timings so far.
    void handOver(quint64 id, const HttpRequestSpec& spec, const HttpClientResponse& partial);

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    struct Call;
    struct Connection;
    void start(const std::shared_ptr<Call>& call);
    void attach(const std::shared_ptr<Call>& call, Connection* connection);
    void writeRequest(Connection* connection);
    void onReadyRead(Connection* connection);
    /// Reads what arrived and parses it; true when that ended the call (`connection` is then released or gone).
    bool readAndParse(Connection* connection);
    void onSocketError(Connection* connection);
    void complete(Connection* connection);
    void fail(const std::shared_ptr<Call>& call, Error error);
    /// Status, headers and body from the call's parser into its response.
    static void takeResponse(Call& call);
    void finishCall(const std::shared_ptr<Call>& call);
    void release(Connection* connection, bool keep);
    void drop(Connection* connection);
    bool proxyFree(const QUrl& url, const HttpClientOptions& options);

    QHash<quint64, std::shared_ptr<Call>> m_calls;
    QHash<QString, QList<Connection*>> m_idle; // "host:port" -> idle connections, most recent last
    QHash<QTcpSocket*, Connection*> m_connections;
    QHash<QString, bool> m_proxyFree; // "host:port" -> the system proxy settings say no proxy
};
