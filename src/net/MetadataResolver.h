// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "net/AuthServerMetadata.h"
#include "net/HttpClient.h"

#include <QHash>
#include <QObject>

#include <functional>

/// An issuer's authorization server metadata, found asynchronously by OIDC discovery, then RFC 8414 (the order of
/// AuthServerMetadata::metadataUrls(), read by AuthServerMetadata::readAnswer()), and cached per issuer for the
/// resolver's lifetime. The one way the OAuth client finds endpoints it was not given: RequestSession (GUI Send,
/// `request --auth-profile`, the runner: one discovery for all sends of a session, also when they ask at once),
/// OAuthTokenFlow (Get new token), OAuthActionClient and, through resolveAndWait(), `tokenscope-cli oauth`.
/// A failure is not cached: the next resolve() asks again.
class MetadataResolver : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const Result<AuthServerMetadata>&)>;

    explicit MetadataResolver(QObject* parent = nullptr);
    ~MetadataResolver() override;

    /// The transport (TLS files, proxy) of the discovery requests that start from now on.
    void setOptions(const HttpClientOptions& options);
    /// The metadata of `issuer` when it was resolved before (the fast path of a caller that must not wait a turn of
    /// the event loop); null otherwise.
    const AuthServerMetadata* cached(const QString& issuer) const;
    /// Calls `done` once, always asynchronously, with the metadata of `issuer`: cached, or fetched (one fetch for
    /// every caller that asks while it runs). Errors: ERR_USAGE (not an http(s) issuer), the fetch's, parse()'s
    /// (ERR_OAUTH issuer_mismatch). Returns an id > 0 for cancel().
    quint64 resolve(const QString& issuer, Callback done, bool verifyTls = true, int timeoutMs = 15000);
    /// `done` of `id` is not called (and the fetch stops when nobody else waits for it).
    void cancel(quint64 id);
    /// Forgets every cached metadata (running fetches go on).
    void clear() { m_cache.clear(); }
    /// How many discovery requests were sent (each URL tried counts).
    int requestCount() const { return m_requestCount; }

    /// resolve() in a local event loop (the CLI).
    static Result<AuthServerMetadata> resolveAndWait(const QString& issuer, const HttpClientOptions& options = {},
                                                     bool verifyTls = true, int timeoutMs = 15000);

private:
    /// One issuer's discovery while it runs: the URL being tried and who waits for the answer.
    struct Fetch
    {
        int index = 0;
        quint64 httpId = 0;
        bool verifyTls = true;
        int timeoutMs = 15000;
        QHash<quint64, Callback> waiting;
    };
    void step(const QString& issuer, int index);
    void onAnswer(quint64 httpId, const HttpClientResponse& response);
    /// `done` with `result` on the next turn of the event loop (unless cancelled by then).
    void later(quint64 id, Callback done, const Result<AuthServerMetadata>& result);

    HttpClient* m_http;
    QHash<QString, AuthServerMetadata> m_cache;
    QHash<QString, Fetch> m_fetches;        // per issuer
    QHash<quint64, QString> m_issuerOfHttp; // HttpClient id -> issuer
    QHash<quint64, Callback> m_queued;      // answers waiting for the next turn (later())
    quint64 m_nextId = 1;
    int m_requestCount = 0;
};
