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

// The JavaScript half of the API. It builds the pm/client/... objects once per sandbox (re-creating their ~40
// closures and ~15 Proxies for every run was 12 % of a 200-request run's instructions) and reads each run's facts
// from `cur`, set by enter(). Every object a script can reach is wrapped in strict(), whose Proxy turns a property
// outside the subset into an "unsupported: <path>" error and logs every change a script makes to an API object
// (set, define, delete), which enter() undoes before the next run: what one run adds to or replaces in pm, client,
// ... is gone in the next, as it is with Postman's fresh objects per script (checked against newman 6.2.2).
const char* const kPrelude = R"JS(
(function (bridge) {
    "use strict";
    function unsupported(path) { var e = new Error("unsupported: " + path); e.unsupported = true; return e; }
    var passThrough = { toJSON: 1, then: 1, constructor: 1, valueOf: 1, toString: 1, inspect: 1, length: 1 };
    var undo = []; // target, key, its descriptor before the change (undefined: it was not there), ...
    function remember(t, k) { undo.push(t, k, Object.getOwnPropertyDescriptor(t, k)); }
    function restore() { // false when something could not be undone
        var ok = true;
        for (var i = undo.length - 3; i >= 0; i -= 3) {
            try {
                if (undo[i + 2] === undefined) delete undo[i][undo[i + 1]];
                else Object.defineProperty(undo[i], undo[i + 1], undo[i + 2]);
            } catch (err) { ok = false; }
        }
        undo.length = 0;
        return ok;
    }
    // One handler for every strict object (a Proxy calls its traps with the handler as `this`): per object only
    // the handler's path is new, no trap closures.
    var strictTraps = {
        get: function (t, k) {
            if (typeof k === "symbol" || k in t || passThrough[k]) return t[k];
            throw unsupported(this.path + "." + String(k));
        },
        set: function (t, k, v) { remember(t, k); return Reflect.set(t, k, v); },
        defineProperty: function (t, k, d) { remember(t, k); return Reflect.defineProperty(t, k, d); },
        deleteProperty: function (t, k) { remember(t, k); return Reflect.deleteProperty(t, k); },
        // Neither can be undone, so neither is allowed (V4 then ignores Object.freeze and throws for
        // Object.setPrototypeOf).
        preventExtensions: function () { return false; },
        setPrototypeOf: function () { return false; }
    };
    function strict(obj, path) {
        var handler = Object.create(strictTraps);
        handler.path = path;
        return new Proxy(obj, handler);
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

    // Chai's expect, the subset of issue 11. The chains and assertions live on one prototype, built once; an
    // expectation is an object holding only its state under a symbol (so `.value` stays unsupported), behind a
    // strict Proxy. Getters run with the target as `this`, methods with the Proxy: both reach the state as this[S].
    var S = Symbol("expectation");
    var expectations = {};
    ["to", "be", "been", "is", "that", "which", "and", "has", "have", "with", "at", "of", "same", "does"].forEach(function (c) {
        Object.defineProperty(expectations, c, { get: function () { return this[S].proxy; } });
    });
    Object.defineProperty(expectations, "not", { get: function () { var s = this[S]; s.negate = !s.negate; return s.proxy; } });
    Object.defineProperty(expectations, "deep", { get: function () { var s = this[S]; s.deep = true; return s.proxy; } });
    function check(s, ok, positive, negative) {
        if (s.negate ? ok : !ok) throw AssertionError(s.negate ? negative : positive);
        return s.proxy;
    }
    function shown(s) {
        if (!s.shownDone) { s.shown = show(s.value); s.shownDone = true; }
        return s.shown;
    }
    expectations.equal = expectations.equals = expectations.eq = function (x) {
        var s = this[S], v = shown(s);
        return check(s, s.deep ? deepEqual(s.value, x) : s.value === x, "expected " + v + " to equal " + show(x), "expected " + v + " to not equal " + show(x));
    };
    expectations.eql = function (x) {
        var s = this[S], v = shown(s);
        return check(s, deepEqual(s.value, x), "expected " + v + " to deeply equal " + show(x), "expected " + v + " to not deeply equal " + show(x));
    };
    expectations.include = expectations.includes = expectations.contain = expectations.contains = function (x) {
        var s = this[S], value = s.value, v = shown(s), ok;
        if (typeof value === "string") ok = value.indexOf(String(x)) !== -1;
        else if (Array.isArray(value)) ok = value.some(function (item) { return s.deep ? deepEqual(item, x) : item === x; });
        else if (value !== null && typeof value === "object" && x !== null && typeof x === "object")
            ok = Object.keys(x).every(function (k) { return deepEqual(value[k], x[k]); });
        else throw AssertionError("expected " + v + " to be a string, an array or an object");
        return check(s, ok, "expected " + v + " to include " + show(x), "expected " + v + " to not include " + show(x));
    };
    expectations.property = function (name, expected) {
        var s = this[S], value = s.value, v = shown(s);
        var has = value !== null && value !== undefined && name in Object(value);
        if (arguments.length < 2)
            return check(s, has, "expected " + v + " to have property " + show(name), "expected " + v + " to not have property " + show(name));
        var ok = has && (s.deep ? deepEqual(value[name], expected) : value[name] === expected);
        return check(s, ok, "expected " + v + " to have property " + show(name) + " of " + show(expected) + (has ? ", but got " + show(value[name]) : ""),
                     "expected " + v + " to not have property " + show(name) + " of " + show(expected));
    };
    expectations.a = expectations.an = function (type) {
        var s = this[S], v = shown(s), t = typeOf(s.value), want = String(type).toLowerCase();
        return check(s, t === want, "expected " + v + " to be a(n) " + want + ", but it is a(n) " + t, "expected " + v + " not to be a(n) " + want);
    };
    expectations.oneOf = function (list) {
        var s = this[S], v = shown(s);
        var ok = Array.isArray(list) && list.some(function (item) { return s.deep ? deepEqual(item, s.value) : item === s.value; });
        return check(s, ok, "expected " + v + " to be one of " + show(list), "expected " + v + " to not be one of " + show(list));
    };
    expectations.above = expectations.gt = expectations.greaterThan = function (n) {
        var s = this[S], v = shown(s);
        return check(s, s.value > n, "expected " + v + " to be above " + show(n), "expected " + v + " to be at most " + show(n));
    };
    expectations.below = expectations.lt = expectations.lessThan = function (n) {
        var s = this[S], v = shown(s);
        return check(s, s.value < n, "expected " + v + " to be below " + show(n), "expected " + v + " to be at least " + show(n));
    };
    expectations.match = expectations.matches = function (re) {
        var s = this[S], v = shown(s);
        var r = re instanceof RegExp ? re : new RegExp(String(re));
        return check(s, r.test(String(s.value)), "expected " + v + " to match " + String(r), "expected " + v + " not to match " + String(r));
    };
    expectations.lengthOf = function (n) {
        var s = this[S], v = shown(s), len = lengthOf(s.value);
        return check(s, len === n, "expected " + v + " to have a length of " + n + (len !== undefined ? " but got " + len : ""),
                     "expected " + v + " to not have a length of " + n);
    };
    var flags = {
        "true": function (s, v) { return check(s, s.value === true, "expected " + v + " to be true", "expected " + v + " to be false"); },
        "false": function (s, v) { return check(s, s.value === false, "expected " + v + " to be false", "expected " + v + " to be true"); },
        "null": function (s, v) { return check(s, s.value === null, "expected " + v + " to be null", "expected " + v + " not to be null"); },
        "ok": function (s, v) { return check(s, !!s.value, "expected " + v + " to be truthy", "expected " + v + " to be falsy"); },
        "exist": function (s, v) { return check(s, s.value !== null && s.value !== undefined, "expected " + v + " to exist", "expected " + v + " to not exist"); }
    };
    Object.keys(flags).forEach(function (k) {
        Object.defineProperty(expectations, k, { get: function () { var s = this[S]; return flags[k](s, shown(s)); } });
    });
    function expect(value) {
        var e = Object.create(expectations);
        var state = { value: value, negate: false, deep: false, shown: undefined, shownDone: false, proxy: null };
        e[S] = state;
        state.proxy = strict(e, "pm.expect(...)");
        return state.proxy;
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

    // This run's facts; see ScriptSandbox::run for the argument order.
    var cur = null, inTest = false, tests = {}, parsed, parsedDone = false, clientBody, clientBodyDone = false;
    function runTest(name, fn) {
        if (typeof fn !== "function") { bridge.record(String(name), false, true, "the test has no function"); return; }
        inTest = true;
        try { fn(); bridge.record(String(name), true, false, ""); }
        catch (err) { bridge.record(String(name), false, !(err && err.assertion), errorText(err)); }
        finally { inTest = false; }
    }
    function json() {
        if (!parsedDone) { parsed = JSON.parse(cur.body); parsedDone = true; }
        return parsed;
    }
    // The API objects; build() again only when undoing a script's changes failed (V4 cannot turn a getter that a
    // script redefined as a value back into a getter), so no change ever reaches the next run.
    var have, pmResponse, pm, postman, client, httpResponse;
    function build() {
        have = strict({
            status: function (x) {
                var ok = typeof x === "number" ? cur.code === x : cur.status === String(x);
                if (!ok) throw AssertionError("expected response to have status " + show(x) + " but got " + cur.code + " " + cur.status);
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
        pmResponse = strict({
            get code() { return cur.code; },
            get status() { return cur.status; },
            get responseTime() { return cur.responseTime; },
            get responseSize() { return cur.size; },
            headers: strict({
                get: function (name) { return bridge.header(String(name)); },
                has: function (name) { return bridge.header(String(name)) !== undefined; }
            }, "pm.response.headers"),
            json: json,
            text: function () { return cur.body; },
            to: strict({ have: have }, "pm.response.to")
        }, "pm.response");
        pm = strict({
            test: runTest,
            expect: expect,
            get response() { return cur.hasResponse ? pmResponse : undefined; }, // undefined in a pre-request script
            request: strict({
                get url() { return cur.url; },
                get method() { return cur.method; },
                headers: strict({ get: function (name) { return bridge.requestHeader(String(name)); } }, "pm.request.headers")
            }, "pm.request"),
            environment: scope("environment", "pm.environment"),
            collectionVariables: scope("collectionVariables", "pm.collectionVariables"),
            globals: scope("globals", "pm.globals"),
            variables: scope("variables", "pm.variables"),
            info: strict({
                get eventName() { return cur.event; },
                get iteration() { return cur.iteration; },
                get iterationCount() { return cur.iterationCount; },
                get requestName() { return cur.requestName; },
                get requestId() { return cur.requestId; }
            }, "pm.info")
        }, "pm");
        postman = strict({
            setEnvironmentVariable: function (k, v) { bridge.varSet("environment", String(k), text(v)); },
            getEnvironmentVariable: function (k) { return bridge.varGet("environment", String(k)); },
            setGlobalVariable: function (k, v) { bridge.varSet("globals", String(k), text(v)); },
            getGlobalVariable: function (k) { return bridge.varGet("globals", String(k)); }
        }, "postman");
        client = strict({
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
        httpResponse = strict({
            get status() { return cur.code; },
            // Parsed when JSON, on first use (and shared with pm.response.json()).
            get body() {
                if (!clientBodyDone) {
                    clientBody = cur.body;
                    if (/json/i.test(cur.contentType)) { try { clientBody = json(); } catch (err) { clientBody = cur.body; } }
                    clientBodyDone = true;
                }
                return clientBody;
            },
            headers: strict({
                valueOf: function (name) { var v = bridge.header(String(name)); return v === undefined ? null : v; },
                valuesOf: function (name) { return bridge.headerValues(String(name)); }
            }, "response.headers"),
            get contentType() {
                return { mimeType: cur.contentType.split(";")[0].trim(), charset: (/charset=([^;]+)/i.exec(cur.contentType) || [null, "utf-8"])[1] };
            }
        }, "response");
    }
    build();
    var silent = function () {};

    // One run: undo what the last script changed in the API objects, take this run's facts, call the compiled
    // script with the API as its arguments (kParameters' order). What it throws reaches ScriptSandbox::run.
    function enter(fn, event, url, method, requestName, requestId, iteration, iterationCount, hasResponse, code,
                   status, body, size, responseTime, contentType) {
        if (!restore()) build();
        cur = { event: event, url: url, method: method, requestName: requestName, requestId: requestId,
                iteration: iteration, iterationCount: iterationCount, hasResponse: hasResponse, code: code,
                status: status, body: body, size: size, responseTime: responseTime, contentType: contentType };
        inTest = false;
        tests = {};
        parsed = undefined;
        parsedDone = false;
        clientBody = undefined;
        clientBodyDone = false;
        var console = { log: silent, info: silent, warn: silent, error: silent, debug: silent };
        return fn(pm, tests, postman, hasResponse ? body : undefined,
                  hasResponse ? { code: code, name: status, detail: status } : undefined,
                  hasResponse ? responseTime : undefined, client, hasResponse ? httpResponse : undefined, console);
    }
    // After the script (unless it was interrupted): the tests["..."] = ... results.
    function finish() {
        Object.keys(tests).forEach(function (k) {
            bridge.record(k, !!tests[k], false, tests[k] ? "" : "tests[" + JSON.stringify(k) + "] is " + show(tests[k]));
        });
    }
    return { enter: enter, finish: finish };
})
)JS";

constexpr auto kParameters = "pm, tests, postman, responseBody, responseCode, responseTime, client, response, console";
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
            if (!m_sleeping)
                return; // it ticks every 5 ms: no wake-up (a futex call and a thread switch) per script
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
        int idleTicks = 0;
        while (!m_quit) {
            // Between the scripts of a run (a few per request) it keeps ticking; it sleeps untimed only after
            // kIdleTicks ticks without a script, and then arm() wakes it.
            if (!m_armed && idleTicks >= kIdleTicks) {
                m_sleeping = true;
                m_wake.wait(lock);
                m_sleeping = false;
                idleTicks = 0;
                continue;
            }
            // Short scripts (most of them) finish before a tick and never cost a /proc read.
            m_wake.wait_for(lock, std::chrono::milliseconds(kTickMs));
            if (m_quit)
                break;
            if (!m_armed) {
                ++idleTicks;
                continue;
            }
            idleTicks = 0;
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

    static constexpr int kTickMs = 5;
    static constexpr int kIdleTicks = 20; // 100 ms without a script

    QJSEngine* m_engine;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_quit = false;
    bool m_sleeping = false; // in the untimed wait: arm() must wake it
    bool m_armed = false;
    Reason m_reason = Reason::None;
    std::chrono::steady_clock::time_point m_deadline;
    qint64 m_memoryLimit = 0;
    qint64 m_rssAtStart = -1;
    std::thread m_thread; // last: starts after the members it reads are set
};

struct ScriptSandboxState
{
    QJSValue enter;  // the prelude's enter(fn, facts...): resets the API's per-run state, calls the script
    QJSValue finish; // the prelude's finish(): records tests["..."] = ... results
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
    const QJSValue api = factory.call({m_engine->newQObject(m_bridge.get())});
    state->enter = api.property(QStringLiteral("enter"));
    state->finish = api.property(QStringLiteral("finish"));
    Q_ASSERT(state->enter.isCallable() && state->finish.isCallable());
    state->watchdog = std::make_unique<ScriptWatchdog>(m_engine.get());
}

ScriptSandbox::~ScriptSandbox() = default;

ScriptRunResult ScriptSandbox::run(const ItemScript& script, ScriptContext& context)
{
    ScriptSandboxState* state = m_state.get();
    const QString scriptName = QLatin1String("script ") + context.event;
    m_bridge->begin(&context);

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

    // enter()'s arguments; plain values, so nothing per run goes through property-name lookups.
    const HttpClientResponse* response = context.response;
    const bool hasResponse = response && response->received;
    QJSValueList arguments{function,
                           QJSValue(context.event),
                           QJSValue(context.request.url),
                           QJSValue(context.request.method),
                           QJSValue(context.requestName),
                           QJSValue(context.requestId),
                           QJSValue(context.iteration),
                           QJSValue(context.iterationCount),
                           QJSValue(hasResponse)};
    if (hasResponse) {
        arguments << QJSValue(response->status) << QJSValue(response->reason)
                  << QJSValue(QString::fromUtf8(response->body)) << QJSValue(double(response->bodySize))
                  << QJSValue(double(context.elapsedMs)) << QJSValue(response->contentType());
    }
    state->watchdog->arm(m_timeLimitMs, m_memoryLimitBytes);
    const QJSValue returned = state->enter.call(arguments);
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
        state->finish.call();
    ScriptRunResult result;
    result.tests = m_bridge->takeTests();
    if (failure)
        result.tests.append(*failure);
    return result;
}
