// SPDX-License-Identifier: MIT
#pragma once

#include "core/Error.h"
#include "core/Result.h"
#include "jose/Jwks.h"
#include "net/HttpClient.h"
#include "net/TokenManager.h"
#include "net/UnauthorizedDiagnosis.h"
#include "request/Environment.h"
#include "request/TransportSettings.h"
#include "storage/SentTokenFacts.h"
#include "workspace/AuthConfig.h"
#include "workspace/AuthProfile.h"
#include "workspace/RequestItem.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class Clock;
class CollectionNode;
class MetadataResolver;
class Workspace;

/// Everything one send needs, as written (`{{variables}}` unresolved). Built from a saved item by fromItem(), or
/// by hand for the scratch request and the CLI's `request METHOD URL`.
struct SessionRequest
{
    HttpRequestSpec request;            // with the headers the item inherits already merged
    AuthConfig auth;                    // the effective auth (inheritance already applied)
    QString authSource;                 // where an inherited auth comes from ("" = the request itself)
    std::optional<AuthProfile> profile; // for auth type oauth2
    TransportSettings transport;
    QList<Environment> variableLayers;    // lowest priority first
    QList<EnvironmentVariable> overrides; // highest priority (--env-var K=V)
    QByteArray keyPassphrase;             // for an encrypted client key; memory only
    QString label;                        // "Collection/Folder/Request" for history and progress; may be empty

    /// The saved request `node` with everything it inherits: headers, auth (and its profile), variable layers
    /// (globals, collection, folders, `environment` (may be null), the request's own).
    /// With `edited`, the request's own values come from it (an editor's unsaved state) and only what it inherits
    /// from the tree.
    static SessionRequest fromItem(const Workspace& workspace, const CollectionNode& node,
                                   const Environment* environment, const RequestItem* edited = nullptr);
};

/// What came of one send.
struct SessionResult
{
    HttpRequestSpec sent;           // resolved and effective: what went on the wire (secrets included: mask it)
    HttpClientResponse response;    // response.received == false when nothing was sent or nothing came back
    std::optional<Error> authError; // the auth step failed (no token, bad JWT key, unknown profile): not sent
    QString authNote;               // how the auth was obtained ("token from profile X, cached, expires in 240 s")
    QByteArray sentToken;           // the bearer token that went out, if any (for "which token was sent")
    QString sentTokenType;          // "Bearer" or "DPoP" (RFC 9449 §7.1) when a token went out
    QString tokenProfile;           // the auth profile whose OAuth token it was; empty for a typed or signed one
    QString tokenKey;               // its TokenManager key
    QString tokenObtained;          // "cached", "fetched" or "refreshed" (OAuth: how this send got its token)
    QString authSource;             // where an inherited auth came from (SessionRequest::authSource)
    QStringList unknownVariables;
    QStringList secretValues;           // every secret value used (to mask in history, logs and snippets)
    std::optional<Diagnosis> diagnosis; // for a 401 or 403
    bool retriedWithFreshToken = false;

    /// What the history keeps of the sent token (no token: nullopt): its facts and how it was obtained.
    std::optional<SentTokenFacts> sentTokenFacts() const;
};

/// The one send pipeline of Tokenscope, used by the Request workspace, `tokenscope-cli request`, and later the
/// runner and the probe: resolve variables → obtain auth (static, a JWT signed now, or an OAuth token fetched and
/// cached per profile) → send (HttpClient) → record history (the recorder) → diagnose a 401/403. Not a widget;
/// asynchronous, one finished() per start(), cancellable.
class RequestSession : public QObject
{
    Q_OBJECT
public:
    /// Called after every response, before finished(), with the result so far: `sent`, `response`,
    /// `secretValues` (to mask) and the sent token (sentTokenFacts()); no diagnosis yet.
    using HistoryRecorder = std::function<void(const SessionResult& result)>;

    explicit RequestSession(QObject* parent = nullptr);
    ~RequestSession() override;

    /// Base client options; a request's TransportSettings override the TLS files and the proxy.
    void setClientOptions(const HttpClientOptions& options) { m_baseOptions = options; }
    const HttpClientOptions& clientOptions() const { return m_baseOptions; }
    void setHistoryRecorder(HistoryRecorder recorder) { m_recorder = std::move(recorder); }
    /// What a 401/403 is diagnosed against (see DiagnosisInput).
    void setDiagnosisContext(const std::optional<Jwks>& keys, const QString& issuer, const QString& audience,
                             const QStringList& allowedAlgorithms = {});
    /// For token expiry and JWT iat/exp; default SystemClock. Not owned.
    void setClock(const Clock* clock)
    {
        m_clock = clock;
        m_tokenManager.setClock(clock);
    }
    /// The OAuth tokens of the profiles used so far (memory only) and the token log.
    TokenManager& tokenManager() { return m_tokenManager; }

    /// Starts; returns an id > 0. finished() follows exactly once, always asynchronously.
    quint64 start(const SessionRequest& request);
    void cancel(quint64 id);
    bool isRunning(quint64 id) const { return m_calls.contains(id); }

    /// The "why 401/403?" diagnosis of `response` to `sent` with the diagnosis context: what finished() carries
    /// in SessionResult::diagnosis, and what a front end asks for again when the context changes (keys loaded
    /// after the answer came). nullopt when the response is not a 401 or 403.
    std::optional<Diagnosis> diagnose(const HttpRequestSpec& sent, const HttpClientResponse& response) const;

    /// The issuers' metadata found for issuer-only profiles (cached for the session's lifetime).
    MetadataResolver& metadataResolver() { return *m_metadata; }

    /// Forgets cached OAuth tokens (all, or those of one profile).
    void forgetTokens(const QString& profileName = {});

    /// Options for one request: base options with the request's transport settings (resolved) applied.
    static HttpClientOptions optionsFor(const HttpClientOptions& base, const TransportSettings& transport,
                                        const QByteArray& keyPassphrase);
    /// Sends and waits in a local event loop (CLI, runner, tests).
    static SessionResult runAndWait(RequestSession& session, const SessionRequest& request);

Q_SIGNALS:
    /// "Fetching a token from …", "Sending …".
    void progress(quint64 id, const QString& stage);
    void finished(quint64 id, const SessionResult& result);

private:
    struct Call;
    /// start() without the queued auth step: resolves the variables and registers the call.
    quint64 prepare(const SessionRequest& request);
    void obtainAuth(quint64 id);
    /// Resolves the metadata of the call's issuer-only profile, then obtainAuth() again (or fails clearly).
    void discoverEndpoints(quint64 id);
    void send(quint64 id);
    void onResponse(quint64 id, const HttpClientResponse& response);
    void finish(quint64 id, SessionResult result);
    void failAuth(quint64 id, const Error& error);
    Result<QByteArray> signJwt(const AuthConfig& auth) const;
    static void useToken(Call& call, const ManagedToken& token);
    /// The request as it goes out: with a DPoP-bound token, its Authorization and a fresh proof (RFC 9449 §7).
    Result<HttpRequestSpec> withDpop(const Call& call);
    qint64 nowMs() const;

    HttpClient* m_client;
    MetadataResolver* m_metadata;
    HttpClientOptions m_baseOptions;
    HistoryRecorder m_recorder;
    const Clock* m_clock = nullptr;
    std::optional<Jwks> m_keys;
    QString m_issuer;
    QString m_audience;
    QStringList m_algorithms;
    QHash<quint64, std::shared_ptr<Call>> m_calls;
    QHash<quint64, quint64> m_clientIds; // HttpClient id -> session id
    TokenManager m_tokenManager;
    quint64 m_nextId = 1;
};
