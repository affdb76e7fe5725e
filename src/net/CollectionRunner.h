// SPDX-License-Identifier: MIT
#pragma once

#include "net/HttpClient.h"
#include "net/RunReport.h"
#include "request/Environment.h"

#include <QHash>
#include <QList>
#include <QMutex>

#include <atomic>
#include <functional>

class CollectionNode;
class Workspace;

/// How a run goes (`tokenscope-cli run` options; the GUI Runner's fields).
struct RunOptions
{
    int iterations = 1;
    QList<QList<EnvironmentVariable>> data; // iteration data (--data): row i % size feeds iteration i
    bool bail = false;                      // stop at the first failed request or assertion
    int delayMs = 0;                        // between requests
    int timeoutMs = 0;                      // per request (replaces each request's own); 0: the request's own
    int parallel = 1;                       // iterations at once (requests within an iteration stay in order)
    QList<EnvironmentVariable> overrides;   // --env-var: above every layer
    HttpClientOptions client;               // TLS (--cacert), proxy, body cap
    bool insecure = false;                  // -k: no TLS certificate verification for any request
    bool runScripts = true;                 // Postman test/prerequest scripts and .http handlers
};

/// Runs saved requests in collection order, iteration after iteration, each through RequestSession (variables →
/// auth → send), then checks the request's native assertions, sets its captures and runs its scripts. What one
/// request captures or a script sets feeds the requests after it.
///
/// Variable layers of each send, lowest first: globals (as scripts changed them) → collection → the run's collection
/// variables (pm.collectionVariables) → folders → environment (a copy; pm.environment) → the request's own → the
/// iteration's data row → the run layer (captures, pm.variables) → overrides. With `parallel` > 1 every worker thread
/// has its own copies of these, so iterations do not see each other's captures.
class CollectionRunner
{
public:
    /// Called once per request, in order within a worker; with parallel > 1 from the worker threads, one at a time.
    using Sink = std::function<void(const RunRequestResult&)>;

    /// `requests` are request nodes of `workspace` (requestsBelow()); `environment` may be null. The workspace must
    /// outlive the run and stay unchanged during it.
    CollectionRunner(const Workspace& workspace, QList<const CollectionNode*> requests, const Environment* environment,
                     RunOptions options);

    /// Runs to the end (or the first failure with bail, or cancel()) in the calling thread (plus worker threads
    /// with parallel > 1). `keepResults`: the report keeps every request's result (JSON/JUnit reporters, the GUI).
    RunReport run(const Sink& sink = {}, bool keepResults = true);
    /// From any thread: no new request starts; the report says cancelled.
    void cancel() { m_cancelled = true; }

    /// The request nodes below `node` (itself if a request), in collection order.
    static QList<const CollectionNode*> requestsBelow(const CollectionNode& node);

private:
    struct WorkerState;
    void runIteration(int iteration, WorkerState& state);
    Result<Jwks> loadKeys(const QString& source, bool isIssuer);

    const Workspace& m_workspace;
    QList<const CollectionNode*> m_requests;
    std::optional<Environment> m_environment;
    RunOptions m_options;
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_bailed{false};
    QMutex m_mutex; // the sink, the report and the key cache
    QHash<QString, Result<Jwks>> m_keys;
    const Sink* m_sink = nullptr;
    RunReport* m_report = nullptr;
    bool m_keep = true;
};
