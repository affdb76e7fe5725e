// SPDX-License-Identifier: MIT
#include "net/CollectionRunner.h"

#include "net/RemoteJwksFetcher.h"
#include "net/RequestSession.h"
#include "net/ScriptSandbox.h"
#include "request/VariableResolver.h"
#include "workspace/CollectionNode.h"
#include "workspace/Workspace.h"

#include <QElapsedTimer>
#include <QThread>

#include <memory>

struct CollectionRunner::WorkerState
{
    std::unique_ptr<RequestSession> session;
    Environment globals{QStringLiteral("globals")};
    Environment collectionVariables{QStringLiteral("collectionVariables")};
    Environment environment{QStringLiteral("environment")};
    Environment runLayer{QStringLiteral("run")};
    std::unique_ptr<ScriptSandbox> sandbox; // made on the first script
};

namespace {

QString maskSecrets(QString text, const QStringList& secrets)
{
    for (const QString& s : secrets) {
        if (!s.isEmpty())
            text.replace(s, QStringLiteral("***"));
    }
    return text;
}

/// The assertion with `{{variables}}` in its strings resolved.
ItemAssertion resolvedAssertion(const ItemAssertion& a, const VariableResolver& resolver)
{
    ItemAssertion r = a;
    for (QString* field : {&r.target, &r.issuer, &r.jwks, &r.audience, &r.scope}) {
        if (field->contains(QLatin1String("{{")))
            *field = resolver.resolve(*field).text;
    }
    if (r.value.isString() && r.value.toString().contains(QLatin1String("{{")))
        r.value = resolver.resolve(r.value.toString()).text;
    return r;
}

/// The enabled scripts of `event` that apply to `node`: the collection's, each folder's, then the request's own
/// (Postman's order).
QList<ItemScript> scriptsFor(const CollectionNode& node, const QString& event)
{
    QList<ItemScript> out;
    auto add = [&](const QList<ItemScript>& scripts) {
        for (const ItemScript& s : scripts) {
            if (s.enabled && s.event == event && !s.source.trimmed().isEmpty())
                out.append(s);
        }
    };
    for (const CollectionNode* c : node.containerChain())
        add(c->settings().scripts);
    add(node.request().scripts);
    return out;
}

} // namespace

CollectionRunner::CollectionRunner(const Workspace& workspace, QList<const CollectionNode*> requests,
                                   const Environment* environment, RunOptions options)
    : m_workspace(workspace)
    , m_requests(std::move(requests))
    , m_options(std::move(options))
{
    if (environment)
        m_environment = *environment;
    m_options.iterations = std::max(1, m_options.iterations);
    m_options.parallel = std::clamp(m_options.parallel, 1, m_options.iterations);
}

QList<const CollectionNode*> CollectionRunner::requestsBelow(const CollectionNode& node)
{
    QList<const CollectionNode*> out;
    if (!node.isContainer()) {
        out.append(&node);
        return out;
    }
    for (int i = 0; i < node.childCount(); ++i)
        out.append(requestsBelow(*node.child(i)));
    return out;
}

Result<Jwks> CollectionRunner::loadKeys(const QString& source, bool isIssuer)
{
    const QString key = (isIssuer ? QStringLiteral("issuer:") : QStringLiteral("jwks:")) + source;
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_keys.constFind(key);
        if (it != m_keys.constEnd())
            return it.value();
    }
    // Fetched once per run (and source): a 1,000-request run asks the issuer once, not 1,000 times.
    JwksFetchOptions options;
    options.caFile = m_options.client.tls.caFile;
    options.useCache = false;
    Result<Jwks> keys = Error(ErrorCode::Usage, QStringLiteral("no key source"));
    if (isIssuer || RemoteJwksFetcher::looksLikeUrl(source)) {
        const auto fetched = RemoteJwksFetcher::fetchBlocking(source, isIssuer, options);
        keys = fetched ? Jwks::fromJson(fetched->body) : Result<Jwks>(fetched.error());
    } else {
        keys = Error(ErrorCode::Usage, QStringLiteral("a JWKS source must be an http(s) URL"));
    }
    const QMutexLocker lock(&m_mutex);
    m_keys.insert(key, keys);
    return keys;
}

void CollectionRunner::runIteration(int iteration, WorkerState& state)
{
    const QList<EnvironmentVariable> dataRow =
        m_options.data.isEmpty() ? QList<EnvironmentVariable>() : m_options.data.at(iteration % m_options.data.size());
    const Environment dataLayer(QStringLiteral("data"), dataRow);
    for (const CollectionNode* node : std::as_const(m_requests)) {
        if (m_cancelled || m_bailed)
            return;
        const RequestItem& item = node->request();
        auto build = [&]() {
            SessionRequest request = SessionRequest::fromItem(m_workspace, *node, &state.environment);
            // Layers from fromItem: globals, collection, folders..., environment, request. Replace the globals with
            // the run's copy and put the run's collection variables right above the collection.
            if (!request.variableLayers.isEmpty())
                request.variableLayers[0] = state.globals;
            if (!state.collectionVariables.variables().isEmpty())
                request.variableLayers.insert(std::min<qsizetype>(2, request.variableLayers.size()),
                                              state.collectionVariables);
            if (!dataRow.isEmpty())
                request.variableLayers.append(dataLayer);
            if (!state.runLayer.variables().isEmpty())
                request.variableLayers.append(state.runLayer);
            // A secret variable of the request itself stands where a literal stood (the import moves credentials
            // out of the file into the keychain, formats/BodySecrets): a data column or a script variable of the
            // same name must not replace it, as it could not replace the literal.
            if (!dataRow.isEmpty() || !state.runLayer.variables().isEmpty()) {
                QList<EnvironmentVariable> secrets;
                for (const EnvironmentVariable& v : item.variables) {
                    if (v.secret && v.enabled)
                        secrets.append(v);
                }
                if (!secrets.isEmpty())
                    request.variableLayers.append(Environment(node->name(), secrets));
            }
            request.overrides = m_options.overrides;
            if (m_options.timeoutMs > 0)
                request.request.timeoutMs = m_options.timeoutMs;
            if (m_options.insecure)
                request.request.verifyTls = false;
            return request;
        };
        auto runScripts = [&](const QList<ItemScript>& scripts, const SessionRequest& request,
                              const HttpClientResponse* response, qint64 elapsedMs, const QString& event) {
            QList<AssertionOutcome> outcomes;
            if (scripts.isEmpty())
                return outcomes;
            if (!state.sandbox)
                state.sandbox = std::make_unique<ScriptSandbox>();
            ScriptContext context;
            context.event = event;
            context.globals = &state.globals;
            context.collectionVariables = &state.collectionVariables;
            context.environment = &state.environment;
            context.local = &state.runLayer;
            context.layers = request.variableLayers;
            context.request = request.request;
            context.response = response;
            context.elapsedMs = elapsedMs;
            context.requestName = item.name;
            context.requestId = item.id;
            context.iteration = iteration;
            context.iterationCount = m_options.iterations;
            for (const ItemScript& script : scripts)
                outcomes += state.sandbox->run(script, context).tests;
            return outcomes;
        };

        QList<AssertionOutcome> preOutcomes;
        if (m_options.runScripts) {
            const QList<ItemScript> pre = scriptsFor(*node, QStringLiteral("prerequest"));
            if (!pre.isEmpty())
                preOutcomes = runScripts(pre, build(), nullptr, 0, QStringLiteral("prerequest"));
        }
        const SessionRequest request = build();

        QElapsedTimer timer;
        timer.start();
        const SessionResult sent = RequestSession::runAndWait(*state.session, request);
        const qint64 wallMs = timer.elapsed();

        RunRequestResult result;
        result.iteration = iteration;
        result.label = request.label;
        result.name = item.name;
        result.nodeId = node->id();
        result.method = sent.sent.method.isEmpty() ? item.request.method : sent.sent.method;
        result.url = maskSecrets(sent.sent.url.isEmpty() ? item.request.url : sent.sent.url, sent.secretValues);
        result.received = sent.response.received;
        result.status = sent.response.status;
        result.responseBytes = sent.response.bodySize;
        result.elapsedMs = sent.response.timings.totalMs >= 0 ? sent.response.timings.totalMs : wallMs;
        if (sent.authError)
            result.error = sent.authError->toString();
        else if (!sent.response.received)
            result.error = maskSecrets(sent.response.explanation(), sent.secretValues);

        result.assertions = preOutcomes;
        if (result.error.isEmpty()) {
            const ResponseAssertions checks(sent.response, result.elapsedMs);
            std::optional<VariableResolver> resolver;
            auto resolve = [&]() -> const VariableResolver& {
                if (!resolver) {
                    resolver.emplace(request.variableLayers);
                    for (const auto& o : request.overrides)
                        resolver->setOverride(o.name, o.value, o.secret);
                }
                return *resolver;
            };
            const ResponseAssertions::KeyLoader keys = [this](const QString& source, bool isIssuer) {
                return loadKeys(source, isIssuer);
            };
            for (const ItemAssertion& a : item.assertions) {
                if (a.enabled)
                    result.assertions.append(checks.check(resolvedAssertion(a, resolve()), keys));
            }
            for (const ItemCapture& c : item.captures) {
                if (!c.enabled)
                    continue;
                const Result<QString> value = checks.capture(c);
                if (value) {
                    state.runLayer.setVariable(c.variable, value.value());
                } else {
                    result.assertions.append({QStringLiteral("capture %1 from %2 %3")
                                                  .arg(c.variable, ItemCapture::sourceName(c.source), c.expression),
                                              AssertionOutcome::Status::Errored, value.error().message});
                }
            }
            if (m_options.runScripts)
                result.assertions += runScripts(scriptsFor(*node, QStringLiteral("test")), request, &sent.response,
                                                result.elapsedMs, QStringLiteral("test"));
        }

        const bool failed = result.failed();
        {
            const QMutexLocker lock(&m_mutex);
            m_report->add(result, m_keep);
            if (*m_sink)
                (*m_sink)(result);
        }
        if (failed && m_options.bail) {
            m_bailed = true;
            return;
        }
        if (m_options.delayMs > 0 && !m_cancelled)
            QThread::msleep(ulong(m_options.delayMs)); // --delay: the user asked the runner to wait
    }
}

RunReport CollectionRunner::run(const Sink& sink, bool keepResults)
{
    RunReport report;
    if (!m_requests.isEmpty())
        report.collection = m_requests.first()->root()->name();
    report.iterations = m_options.iterations;
    m_report = &report;
    m_sink = &sink;
    m_keep = keepResults;
    QElapsedTimer timer;
    timer.start();

    auto makeState = [this]() {
        auto state = std::make_unique<WorkerState>();
        state->session = std::make_unique<RequestSession>();
        // The runner's requests take HttpClient's own HTTP/1.1 transport for plain http (issue 11's 50x newman target:
        // QNetworkAccessManager costs ~1 ms of CPU per loopback request); https stays on Qt.
        HttpClientOptions client = m_options.client;
        client.plainHttpTransport = true;
        state->session->setClientOptions(client);
        state->globals.setVariables(m_workspace.globals);
        if (m_environment)
            state->environment = *m_environment;
        return state;
    };

    if (m_options.parallel <= 1) {
        auto state = makeState();
        for (int i = 0; i < m_options.iterations && !m_cancelled && !m_bailed; ++i)
            runIteration(i, *state);
    } else {
        // One thread per worker, each with its own RequestSession (QObjects live in the thread that made them) and
        // its own variable copies; iteration i goes to worker i % parallel.
        std::vector<std::unique_ptr<QThread>> threads;
        for (int w = 0; w < m_options.parallel; ++w) {
            threads.push_back(std::unique_ptr<QThread>(QThread::create([this, w, &makeState]() {
                auto state = makeState();
                for (int i = w; i < m_options.iterations && !m_cancelled && !m_bailed; i += m_options.parallel)
                    runIteration(i, *state);
            })));
            threads.back()->start();
        }
        for (auto& t : threads)
            t->wait();
    }
    report.totalMs = timer.elapsed();
    report.cancelled = m_cancelled;
    report.bailed = m_bailed;
    m_report = nullptr;
    m_sink = nullptr;
    return report;
}
