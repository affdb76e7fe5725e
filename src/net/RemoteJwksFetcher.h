// SPDX-License-Identifier: MIT
#pragma once

#include "jose/KeySetAnalysis.h"
#include "net/JwksCache.h"
#include "net/OidcDiscovery.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>

#include <optional>

class Clock;
class QNetworkAccessManager;
class QNetworkReply;

/// How RemoteJwksFetcher talks to the network.
struct JwksFetchOptions
{
    int timeoutMs = 10000;                  // per request, connection to last byte
    bool verifyTls = true;                  // off only when the user says so; the result reports it
    QString caFile;                         // extra trusted CA certificates (PEM), on top of the system store
    bool allowPlainHttpJwksUri = false;     // https discovery → http jwks_uri; the user's explicit "insecure" switch
    qint64 maxBytes = 10 * 1024 * 1024;     // larger responses: ERR_INPUT_TOO_LARGE
    bool useCache = true;                   // fresh cache entries are reused, stale ones revalidated (ETag)
    static constexpr int kMaxRedirects = 5; // and never from https to http
};

/// One successful load.
struct JwksFetchResult
{
    QString source;                         // what was asked for: the URL or the issuer
    QUrl url;                               // the JWK Set's URL (jwks_uri for discovery), after redirects
    std::optional<OidcDiscovery> discovery; // present for issuer loads
    QByteArray body;                        // the JWK Set document as received (or as cached)
    KeySetAnalysis analysis;                // parsed set, summaries, lint
    int httpStatus = 0;                     // 200, 304 (revalidated), or 0 when served fresh from the cache
    bool fromCache = false;
    bool tlsVerificationDisabled = false;
    QStringList ignoredTlsProblems; // what verification would have refused (TlsProblem words), when it was off
    bool plainHttpJwksUri = false;  // the https discovery document sent us to plain http (allowed explicitly)
    QStringList redirects;          // every redirect followed, in order (the final URL is `url`)
    QByteArray etag;
    qint64 fetchedAtMs = 0;
    QStringList warnings; // e.g. the discovery issuer mismatch (OpenID Connect Discovery 1.0 §4.3)

    /// The keys came without full transport protection: verification off, or a plain-http jwks_uri allowed.
    bool isInsecure() const { return tlsVerificationDisabled || plainHttpJwksUri; }
};

/// Loads a JWK Set asynchronously from a URL, or from an issuer through its discovery document (OpenID Connect
/// Discovery 1.0 §4: `/.well-known/openid-configuration` → `jwks_uri`). One load at a time; a new one replaces the
/// running one silently. Honours ETag/If-None-Match and Cache-Control max-age through a per-fetcher JwksCache.
/// The document is parsed and linted on a worker thread.
///
/// Transport security: TLS certificates are verified (system store plus `caFile`); a failure is explained in words
/// (TlsProblem: self-signed, unknown CA, other host, expired) with the server's certificate (subject, issuer,
/// validity, SHA-256 fingerprint). Redirects are followed up to kMaxRedirects, never from https to http. An https
/// discovery document that names a plain-http jwks_uri is refused unless allowPlainHttpJwksUri is set. Turning
/// either protection off is reported in the result (tlsVerificationDisabled, ignoredTlsProblems, plainHttpJwksUri).
///
/// Errors (failed()): ERR_NET_TIMEOUT, ERR_NET_FAILURE, ERR_HTTP_STATUS, ERR_TLS_FAILURE (also for the two
/// downgrades to plain http), ERR_JSON_INVALID, ERR_JWKS_INVALID, ERR_INPUT_TOO_LARGE, ERR_CANCELLED, ERR_USAGE (not
/// an http(s) URL), ERR_IO / ERR_CERTIFICATE_INVALID (caFile). Exactly one of finished()/failed() follows each
/// fetch*() call that is not superseded.
class RemoteJwksFetcher : public QObject
{
    Q_OBJECT

public:
    explicit RemoteJwksFetcher(QObject* parent = nullptr);
    ~RemoteJwksFetcher() override;

    void setOptions(const JwksFetchOptions& options) { m_options = options; }
    const JwksFetchOptions& options() const { return m_options; }
    /// The clock for fetch times and cache freshness (tests freeze it). Not owned; default: the system clock.
    void setClock(const Clock* clock);
    JwksCache& cache() { return m_cache; }

    void fetchUrl(const QUrl& url);
    void fetchIssuer(const QString& issuer);
    bool isBusy() const { return m_stage != Stage::Idle; }

    /// "http://…" or "https://…" (case-insensitive): a source to fetch rather than a file to read.
    static bool looksLikeUrl(const QString& text);

    /// For the command line: runs a fetch to completion in a local event loop.
    static Result<JwksFetchResult> fetchBlocking(const QString& source, bool isIssuer,
                                                 const JwksFetchOptions& options = {});

public Q_SLOTS:
    /// Stops the running load; failed(ERR_CANCELLED) follows.
    void cancel();

Q_SIGNALS:
    /// stage: "discovery", "jwks" or "parsing"; total is -1 when unknown.
    void progress(const QString& stage, qint64 received, qint64 total);
    void finished(const JwksFetchResult& result);
    void failed(const Error& error);

private:
    enum class Stage
    {
        Idle,
        Discovery,
        Jwks,
        Parsing
    };
    enum class AbortReason
    {
        None,
        Timeout,
        TooLarge,
        Cancelled
    };
    bool begin(const QString& source);
    void failLater(const Error& error);
    void start(const QUrl& url, Stage stage);
    void get(const QUrl& url);
    void onReplyFinished(QNetworkReply* reply);
    void handleBody(const QUrl& url, const QByteArray& body, int status, bool fromCache);
    void parseSet();
    void fail(const Error& error);
    void abortSilently();
    QNetworkAccessManager* manager();
    qint64 nowMs() const;
    QString stageName() const;

    JwksFetchOptions m_options;
    const Clock* m_clock = nullptr;
    JwksCache m_cache;
    QHash<QString, QNetworkAccessManager*> m_managers; // one per TLS profile (its connection cache)
    QList<QSslCertificate> m_caCertificates;           // from m_options.caFile
    QPointer<QNetworkReply> m_reply;
    QStringList m_tlsProblems; // of the running request
    QString m_peerCertificate; // its leaf certificate in one line

    QString m_requestUrl; // cache key of the running request
    QTimer m_timer;
    Stage m_stage = Stage::Idle;
    AbortReason m_abortReason = AbortReason::None;
    quint64 m_generation = 0;
    JwksFetchResult m_result;
};
