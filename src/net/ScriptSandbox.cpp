// SPDX-License-Identifier: MIT
#include "net/ScriptSandbox.h"

#include "net/ScriptBridge.h"

#include <QFile>
#include <QHash>
#include <QJSEngine>
#include <QRegularExpression>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace {

// The JavaScript half of the API. It builds fresh pm/client/... objects for each run; every object a script can
// reach is wrapped in strict(), whose Proxy turns a property outside the subset into an "unsupported: <path>" error.
const char* const kPrelude = R"JS(
(function (bridge) {
    "use strict";
    function unsupported(path) { var e = new Error("unsupported: " + path); e.unsupported = true; return e; }
    var passThrough = { toJSON: 1, then: 1, constructor: 1, valueOf: 1, toString: 1, inspect: 1, length: 1 };
    function strict(obj, path) {
        return new Proxy(obj, {
            get: function (t, k) {
                if (typeof k === "symbol" || k in t || passThrough[k]) return t[k];
                throw unsupported(path + "." + String(k));
            }
        });
    }
    function show(v) {
        if (v === undefined) return "undefined";
        if (typeof v === "function") return "function";
        if (v instanceof RegExp) return String(v);
        try { return JSON.stringify(v); } catch (e) { return String(v); }
    }
    function deepEqual(a, b) {
        if (a === b) return true;
        if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a !== a && b !== b;
        if (Array.isArray(a) !== Array.isArray(b)) return false;
        var ka = Object.keys(a), kb = Object.keys(b);
        if (ka.length !== kb.length) return false;
        for (var i = 0; i < ka.length; ++i)
            if (!Object.prototype.hasOwnProperty.call(b, ka[i]) || !deepEqual(a[ka[i]], b[ka[i]])) return false;
        return true;
    }
    function typeOf(v) {
        if (v === null) return "null";
        if (Array.isArray(v)) return "array";
        if (v instanceof RegExp) return "regexp";
        return typeof v;
    }
    // V4 (Qt 6.4) reports an error thrown by a Proxy get trap during a method call as "Property 'x' of object
    // Error: unsupported: pm.x is not a function": keep only the part that names the call.
    function errorText(err) {
        var m = err && err.message !== undefined ? String(err.message) : String(err);
        var u = /unsupported: (\S+)/.exec(m);
        return u ? "unsupported: " + u[1] : m;
    }
    function AssertionError(message) { var e = new Error(message); e.name = "AssertionError"; e.assertion = true; return e; }
    function lengthOf(v) {
        if (v === null || v === undefined) return undefined;
        if (typeof v === "string" || Array.isArray(v)) return v.length;
        if (typeof v === "object") return Object.keys(v).length;
        return undefined;
    }

    // Chai's expect, the subset of issue 11.
    function expect(value) {
        var negate = false, deep = false, proxy;
        var path = "pm.expect(...)";
        function check(ok, positive, negative) {
            if (negate ? ok : !ok) throw AssertionError(negate ? negative : positive);
            return proxy;
        }
        var e = {};
        ["to", "be", "been", "is", "that", "which", "and", "has", "have", "with", "at", "of", "same", "does"].forEach(function (c) {
            Object.defineProperty(e, c, { get: function () { return proxy; } });
        });
        Object.defineProperty(e, "not", { get: function () { negate = !negate; return proxy; } });
        Object.defineProperty(e, "deep", { get: function () { deep = true; return proxy; } });
        var v = show(value);
        e.equal = e.equals = e.eq = function (x) {
            return check(deep ? deepEqual(value, x) : value === x, "expected " + v + " to equal " + show(x), "expected " + v + " to not equal " + show(x));
        };
        e.eql = function (x) {
            return check(deepEqual(value, x), "expected " + v + " to deeply equal " + show(x), "expected " + v + " to not deeply equal " + show(x));
        };
        e.include = e.includes = e.contain = e.contains = function (x) {
            var ok;
            if (typeof value === "string") ok = value.indexOf(String(x)) !== -1;
            else if (Array.isArray(value)) ok = value.some(function (item) { return deep ? deepEqual(item, x) : item === x; });
            else if (value !== null && typeof value === "object" && x !== null && typeof x === "object")
                ok = Object.keys(x).every(function (k) { return deepEqual(value[k], x[k]); });
            else throw AssertionError("expected " + v + " to be a string, an array or an object");
            return check(ok, "expected " + v + " to include " + show(x), "expected " + v + " to not include " + show(x));
        };
        e.property = function (name, expected) {
            var has = value !== null && value !== undefined && name in Object(value);
            if (arguments.length < 2)
                return check(has, "expected " + v + " to have property " + show(name), "expected " + v + " to not have property " + show(name));
            var ok = has && (deep ? deepEqual(value[name], expected) : value[name] === expected);
            return check(ok, "expected " + v + " to have property " + show(name) + " of " + show(expected) + (has ? ", but got " + show(value[name]) : ""),
                         "expected " + v + " to not have property " + show(name) + " of " + show(expected));
        };
        e.a = e.an = function (type) {
            var t = typeOf(value), want = String(type).toLowerCase();
            return check(t === want, "expected " + v + " to be a(n) " + want + ", but it is a(n) " + t, "expected " + v + " not to be a(n) " + want);
        };
        e.oneOf = function (list) {
            var ok = Array.isArray(list) && list.some(function (item) { return deep ? deepEqual(item, value) : item === value; });
            return check(ok, "expected " + v + " to be one of " + show(list), "expected " + v + " to not be one of " + show(list));
        };
        e.above = e.gt = e.greaterThan = function (n) {
            return check(value > n, "expected " + v + " to be above " + show(n), "expected " + v + " to be at most " + show(n));
        };
        e.below = e.lt = e.lessThan = function (n) {
            return check(value < n, "expected " + v + " to be below " + show(n), "expected " + v + " to be at least " + show(n));
        };
        e.match = e.matches = function (re) {
            var r = re instanceof RegExp ? re : new RegExp(String(re));
            return check(r.test(String(value)), "expected " + v + " to match " + String(r), "expected " + v + " not to match " + String(r));
        };
        e.lengthOf = function (n) {
            var len = lengthOf(value);
            return check(len === n, "expected " + v + " to have a length of " + n + (len !== undefined ? " but got " + len : ""),
                         "expected " + v + " to not have a length of " + n);
        };
        var flags = {
            "true": function () { return check(value === true, "expected " + v + " to be true", "expected " + v + " to be false"); },
            "false": function () { return check(value === false, "expected " + v + " to be false", "expected " + v + " to be true"); },
            "null": function () { return check(value === null, "expected " + v + " to be null", "expected " + v + " not to be null"); },
            "ok": function () { return check(!!value, "expected " + v + " to be truthy", "expected " + v + " to be falsy"); },
            "exist": function () { return check(value !== null && value !== undefined, "expected " + v + " to exist", "expected " + v + " to not exist"); }
        };
        Object.keys(flags).forEach(function (k) { Object.defineProperty(e, k, { get: flags[k] }); });
        proxy = strict(e, path);
        return proxy;
    }

    function valueAt(object, path) {
        var parts = String(path).replace(/\[(\d+)\]/g, ".$1").split(".").filter(function (p) { return p.length; });
        var cur = object;
        for (var i = 0; i < parts.length; ++i) {
            if (cur === null || typeof cur !== "object" || !(parts[i] in cur)) return { found: false };
            cur = cur[parts[i]];
        }
        return { found: true, value: cur };
    }
    function text(v) { return v === undefined || v === null ? "" : (typeof v === "object" ? JSON.stringify(v) : String(v)); }
    function scope(name, label) {
        return strict({
            get: function (k) { return bridge.varGet(name, String(k)); },
            set: function (k, v) { bridge.varSet(name, String(k), text(v)); },
            unset: function (k) { bridge.varUnset(name, String(k)); },
            has: function (k) { return bridge.varHas(name, String(k)); }
        }, label);
    }

    return function makeApi(ctx) {
        var inTest = false;
        function runTest(name, fn) {
            if (typeof fn !== "function") { bridge.record(String(name), false, true, "the test has no function"); return; }
            inTest = true;
            try { fn(); bridge.record(String(name), true, false, ""); }
            catch (err) { bridge.record(String(name), false, !(err && err.assertion), errorText(err)); }
            finally { inTest = false; }
        }
        var res = ctx.hasResponse ? ctx : null;
        var parsed, parsedDone = false;
        function json() {
            if (!parsedDone) { parsed = JSON.parse(res.body); parsedDone = true; }
            return parsed;
        }
        function responseObject() {
            if (!res) return undefined;
            var have = strict({
                status: function (x) {
                    var ok = typeof x === "number" ? res.code === x : res.status === String(x);
                    if (!ok) throw AssertionError("expected response to have status " + show(x) + " but got " + res.code + " " + res.status);
                },
                header: function (name, expected) {
                    var actual = bridge.header(String(name));
                    if (actual === undefined) throw AssertionError("expected response to have header " + name);
                    if (arguments.length > 1 && actual !== String(expected))
                        throw AssertionError("expected header " + name + " to be " + show(expected) + " but got " + show(actual));
                },
                jsonBody: function (path, expected) {
                    var body;
                    try { body = json(); } catch (err) { throw AssertionError("expected response body to be valid JSON"); }
                    if (arguments.length === 0) return;
                    var at = valueAt(body, path);
                    if (!at.found) throw AssertionError("expected response body JSON to have path " + show(path));
                    if (arguments.length > 1 && !deepEqual(at.value, expected))
                        throw AssertionError("expected response body JSON at " + show(path) + " to contain " + show(expected) + " but got " + show(at.value));
                }
            }, "pm.response.to.have");
            return strict({
                code: res.code,
                status: res.status,
                responseTime: res.responseTime,
                responseSize: res.size,
                headers: strict({
                    get: function (name) { return bridge.header(String(name)); },
                    has: function (name) { return bridge.header(String(name)) !== undefined; }
                }, "pm.response.headers"),
                json: json,
                text: function () { return res.body; },
                to: strict({ have: have }, "pm.response.to")
            }, "pm.response");
        }
        var tests = {};
        var pm = strict({
            test: runTest,
            expect: expect,
            response: responseObject(),
            request: strict({
                url: ctx.url,
                method: ctx.method,
                headers: strict({ get: function (name) { return bridge.requestHeader(String(name)); } }, "pm.request.headers")
            }, "pm.request"),
            environment: scope("environment", "pm.environment"),
            collectionVariables: scope("collectionVariables", "pm.collectionVariables"),
            globals: scope("globals", "pm.globals"),
            variables: scope("variables", "pm.variables"),
            info: strict({
                eventName: ctx.event, iteration: ctx.iteration, iterationCount: ctx.iterationCount,
                requestName: ctx.requestName, requestId: ctx.requestId
            }, "pm.info")
        }, "pm");
        var postman = strict({
            setEnvironmentVariable: function (k, v) { bridge.varSet("environment", String(k), text(v)); },
            getEnvironmentVariable: function (k) { return bridge.varGet("environment", String(k)); },
            setGlobalVariable: function (k, v) { bridge.varSet("globals", String(k), text(v)); },
            getGlobalVariable: function (k) { return bridge.varGet("globals", String(k)); }
        }, "postman");
        var client = strict({
            test: runTest,
            assert: function (condition, message) {
                if (condition) return;
                var m = message === undefined ? "assertion failed" : String(message);
                if (inTest) throw AssertionError(m);
                bridge.record(m, false, false, m);
            },
            global: strict({
                set: function (k, v) { bridge.varSet("variables", String(k), text(v)); },
                get: function (k) { return bridge.varGet("variables", String(k)); },
                clear: function (k) { bridge.varUnset("variables", String(k)); }
            }, "client.global"),
            log: function () {}
        }, "client");
        var httpResponse;
        if (res) {
            var body = res.body;
            if (/json/i.test(res.contentType)) { try { body = json(); } catch (err) { body = res.body; } }
            httpResponse = strict({
                status: res.code,
                body: body,
                headers: strict({
                    valueOf: function (name) { var v = bridge.header(String(name)); return v === undefined ? null : v; },
                    valuesOf: function (name) { return bridge.headerValues(String(name)); }
                }, "response.headers"),
                contentType: { mimeType: res.contentType.split(";")[0].trim(), charset: (/charset=([^;]+)/i.exec(res.contentType) || [null, "utf-8"])[1] }
            }, "response");
        }
        var silent = function () {};
        var console = { log: silent, info: silent, warn: silent, error: silent, debug: silent };
        function finish() {
            Object.keys(tests).forEach(function (k) {
                bridge.record(k, !!tests[k], false, tests[k] ? "" : "tests[" + JSON.stringify(k) + "] is " + show(tests[k]));
            });
        }
        return [pm, tests, postman, res ? res.body : undefined,
                res ? { code: res.code, name: res.status, detail: res.status } : undefined,
                res ? res.responseTime : undefined, client, httpResponse, console, finish];
    };
})
)JS";

constexpr auto kParameters = "pm, tests, postman, responseBody, responseCode, responseTime, client, response, console";
constexpr int kApiArguments = 9;
constexpr int kMaxCachedScripts = 512;

/// Resident set size of this process (Linux /proc/self/statm), or -1.
qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    if (fields.size() < 2)
        return -1;
    return fields.at(1).toLongLong() * 4096;
}

} // namespace

/// The time and memory watchdog: one thread per sandbox, armed for each script run.
class ScriptWatchdog
{
public:
    explicit ScriptWatchdog(QJSEngine* engine)
        : m_engine(engine)
        , m_thread([this] { loop(); })
    {
    }
    ~ScriptWatchdog()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    void arm(int timeLimitMs, qint64 memoryLimitBytes)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_armed = true;
            m_reason = Reason::None;
            m_deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeLimitMs);
            m_memoryLimit = memoryLimitBytes;
            m_rssAtStart = -2; // measured by the watchdog after the first tick, off the script's path
        }
        m_wake.notify_all();
    }
    enum class Reason
    {
        None,
        Time,
        Memory
    };
    Reason disarm()
    {
        const std::lock_guard lock(m_mutex);
        m_armed = false;
        return m_reason;
    }

private:
    void loop()
    {
        std::unique_lock lock(m_mutex);
        while (!m_quit) {
            if (!m_armed) {
                m_wake.wait(lock);
                continue;
            }
            // Short scripts (most of them) finish before the first tick and never cost a /proc read.
            m_wake.wait_for(lock, std::chrono::milliseconds(5));
            if (!m_armed || m_quit)
                continue;
            if (std::chrono::steady_clock::now() >= m_deadline) {
                m_reason = Reason::Time;
                m_armed = false;
                m_engine->setInterrupted(true);
                continue;
            }
            const qint64 rss = residentBytes();
            if (m_rssAtStart == -2) {
                m_rssAtStart = rss;
            } else if (rss > 0 && m_rssAtStart > 0 && rss - m_rssAtStart > m_memoryLimit) {
                m_reason = Reason::Memory;
                m_armed = false;
                m_engine->setInterrupted(true);
            }
        }
    }

    QJSEngine* m_engine;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_quit = false;
    bool m_armed = false;
    Reason m_reason = Reason::None;
    std::chrono::steady_clock::time_point m_deadline;
    qint64 m_memoryLimit = 0;
    qint64 m_rssAtStart = -1;
    std::thread m_thread; // last: starts after the members it reads are set
};

struct ScriptSandboxState
{
    QJSValue makeApi;
    QHash<QString, QJSValue> compiled; // source → function (compiling is most of a short script's cost)
    std::unique_ptr<ScriptWatchdog> watchdog;
};

ScriptSandbox::ScriptSandbox()
    : m_bridge(std::make_unique<ScriptBridge>())
    , m_engine(std::make_unique<QJSEngine>())
    , m_state(std::make_unique<ScriptSandboxState>())
{
    // No installExtensions(): no console, no Qt object, no translation or garbage-collection hooks; the global
    // object holds only the ECMAScript built-ins.
    QJSEngine::setObjectOwnership(m_bridge.get(), QJSEngine::CppOwnership);
    ScriptSandboxState* state = m_state.get();
    const QJSValue factory = m_engine->evaluate(QString::fromUtf8(kPrelude));
    Q_ASSERT(factory.isCallable());
    state->makeApi = factory.call({m_engine->newQObject(m_bridge.get())});
    Q_ASSERT(state->makeApi.isCallable());
    state->watchdog = std::make_unique<ScriptWatchdog>(m_engine.get());
}

ScriptSandbox::~ScriptSandbox() = default;

ScriptRunResult ScriptSandbox::run(const ItemScript& script, ScriptContext& context)
{
    ScriptSandboxState* state = m_state.get();
    const QString scriptName = QStringLiteral("script %1").arg(context.event);
    m_bridge->begin(&context);

    QJSValue ctx = m_engine->newObject();
    ctx.setProperty(QStringLiteral("event"), context.event);
    ctx.setProperty(QStringLiteral("url"), context.request.url);
    ctx.setProperty(QStringLiteral("method"), context.request.method);
    ctx.setProperty(QStringLiteral("requestName"), context.requestName);
    ctx.setProperty(QStringLiteral("requestId"), context.requestId);
    ctx.setProperty(QStringLiteral("iteration"), context.iteration);
    ctx.setProperty(QStringLiteral("iterationCount"), context.iterationCount);
    const HttpClientResponse* response = context.response;
    ctx.setProperty(QStringLiteral("hasResponse"), response && response->received);
    if (response && response->received) {
        ctx.setProperty(QStringLiteral("code"), response->status);
        ctx.setProperty(QStringLiteral("status"), response->reason);
        ctx.setProperty(QStringLiteral("body"), QString::fromUtf8(response->body));
        ctx.setProperty(QStringLiteral("size"), double(response->bodySize));
        ctx.setProperty(QStringLiteral("responseTime"), double(context.elapsedMs));
        ctx.setProperty(QStringLiteral("contentType"), response->contentType());
    }

    QJSValue function = state->compiled.value(script.source);
    if (function.isUndefined()) {
        function = m_engine->evaluate(
            QStringLiteral("(function (%1) {\n%2\n})").arg(QLatin1String(kParameters), script.source),
            QStringLiteral("script"));
        if (function.isError() || !function.isCallable()) {
            ScriptRunResult result;
            result.tests.append({scriptName, AssertionOutcome::Status::Errored,
                                 QStringLiteral("syntax error: %1").arg(function.toString())});
            m_bridge->takeTests();
            return result;
        }
        if (state->compiled.size() >= kMaxCachedScripts)
            state->compiled.clear();
        state->compiled.insert(script.source, function);
    }

    const QJSValue api = state->makeApi.call({ctx});
    QJSValueList arguments;
    for (int i = 0; i < kApiArguments; ++i)
        arguments.append(api.property(quint32(i)));
    state->watchdog->arm(m_timeLimitMs, m_memoryLimitBytes);
    const QJSValue returned = function.call(arguments);
    const ScriptWatchdog::Reason stopped = state->watchdog->disarm();
    const bool interrupted = m_engine->isInterrupted();
    m_engine->setInterrupted(false);

    std::optional<AssertionOutcome> failure;
    if (interrupted || stopped != ScriptWatchdog::Reason::None) {
        failure = AssertionOutcome{
            scriptName, AssertionOutcome::Status::Errored,
            stopped == ScriptWatchdog::Reason::Memory
                ? QStringLiteral("interrupted: grew the process by more than %1 MB").arg(m_memoryLimitBytes >> 20)
                : QStringLiteral("interrupted: ran longer than %1 ms").arg(m_timeLimitMs)};
    } else if (returned.isError()) {
        // The same clean-up as the prelude's errorText() for errors outside a test.
        QString message = returned.toString();
        static const QRegularExpression unsupported(QStringLiteral("unsupported: (\\S+)"));
        if (const auto m = unsupported.match(message); m.hasMatch())
            message = QStringLiteral("unsupported: ") + m.captured(1);
        failure = AssertionOutcome{scriptName, AssertionOutcome::Status::Errored, message};
    }
    if (!interrupted)
        api.property(quint32(kApiArguments)).call(); // tests["..."] = ... results
    ScriptRunResult result;
    result.tests = m_bridge->takeTests();
    if (failure)
        result.tests.append(*failure);
    return result;
}
