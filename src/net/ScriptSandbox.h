// SPDX-License-Identifier: MIT
#pragma once

#include "net/ResponseAssertions.h"
#include "request/Environment.h"
#include "request/HttpRequestSpec.h"
#include "workspace/ItemScript.h"

#include <QList>
#include <QString>

#include <memory>

class QJSEngine;
class ScriptBridge;
struct ScriptSandboxState;

/// What a script sees and may change. The Environment pointers are the runner's copies (may be null: no such
/// scope); `layers` is every layer in priority order (lowest first) for pm.variables.get.
struct ScriptContext
{
    QString event; // "prerequest" or "test"
    Environment* globals = nullptr;
    Environment* collectionVariables = nullptr;
    Environment* environment = nullptr;
    Environment* local = nullptr;                 // pm.variables.set, client.global.set, captures: the run layer
    QList<Environment> layers;                    // read-only view for pm.variables.get
    HttpRequestSpec request;                      // as sent (test) or as it will be sent (prerequest)
    const HttpClientResponse* response = nullptr; // test scripts only
    qint64 elapsedMs = 0;
    QString requestName;
    QString requestId;
    int iteration = 0;
    int iterationCount = 1;
};

/// What a script did: one outcome per test (pm.test, tests[...], client.test, client.assert) and, when the script
/// itself failed (a syntax error, an uncaught exception, an unsupported call outside a test, the time or memory
/// limit), one more errored outcome named "script <event>".
struct ScriptRunResult
{
    QList<AssertionOutcome> tests;
};

/// Runs Postman scripts and JetBrains .http response handlers in a QJSEngine with a documented subset of their APIs
/// (docs/RUNNER.md): pm.test, pm.expect (Chai: to/be/been/is/that/which/and/has/have/with/at/of/same/deep chains,
/// not, equal, eql, include/contain, property, a/an, oneOf, above, below, match, lengthOf, true, false, null, ok,
/// exist), pm.response (code, status, json(), text(), headers.get(), responseTime, to.have.status/header/jsonBody),
/// pm.environment/collectionVariables/globals/variables (get/set/unset/has), pm.request (url, method, headers.get),
/// pm.info, tests[...], postman.setEnvironmentVariable/getEnvironmentVariable, responseBody, responseCode; and
/// client.test, client.assert, client.global.set/get, response.status/headers.valueOf/valuesOf/body/contentType.
///
/// Anything else of pm, the response, an expectation or client is an error naming the call ("unsupported:
/// pm.sendRequest"): inside a test that test errors, outside one the script does; never a pass.
///
/// Untrusted input: the engine has no extensions installed, so there is no file, process or network access (no
/// require, XMLHttpRequest, Qt object or console beyond a silent console.log). A watchdog thread interrupts the
/// engine (QJSEngine::setInterrupted) after the time limit, and also when the process's resident memory grows by
/// more than the memory limit while the script runs (Qt 6.4's QJSEngine has no heap limit of its own; the bound is
/// checked every 5 ms, so a single huge allocation can overshoot it before the interrupt lands). Strings made by
/// the bridge (response text) are capped by HttpClient's body cap.
///
/// One sandbox per thread (QJSEngine is not thread-safe), reused across the scripts of a run: each distinct script
/// text is compiled once (wrapped in a function, called per run) and the pm/client API is built once, its per-run
/// state (response, request, info, tests[], the parsed body) reset for each run. Between runs, as in Postman
/// (checked against newman 6.2.2): what a script adds to, replaces in or deletes from an API object is undone;
/// `var` and function declarations stay in their script; an undeclared assignment (`helper = ...`) is a global the
/// later scripts see, and so are changes to the built-ins. Freezing an API object or changing its prototype is
/// refused, since it could not be undone (the Proxy says no; V4 then ignores Object.freeze and throws a TypeError for
/// Object.setPrototypeOf).
class ScriptSandbox
{
public:
    static constexpr int kDefaultTimeLimitMs = 5000;
    static constexpr qint64 kDefaultMemoryLimitBytes = 256LL * 1024 * 1024;

    ScriptSandbox();
    ~ScriptSandbox();
    ScriptSandbox(const ScriptSandbox&) = delete;
    ScriptSandbox& operator=(const ScriptSandbox&) = delete;

    void setTimeLimitMs(int ms) { m_timeLimitMs = ms; }
    void setMemoryLimitBytes(qint64 bytes) { m_memoryLimitBytes = bytes; }

    ScriptRunResult run(const ItemScript& script, ScriptContext& context);

private:
    // Destroyed in reverse: the watchdog and compiled scripts first, then the engine, then the bridge it wraps.
    std::unique_ptr<ScriptBridge> m_bridge;
    std::unique_ptr<QJSEngine> m_engine;
    std::unique_ptr<ScriptSandboxState> m_state;
    int m_timeLimitMs = kDefaultTimeLimitMs;
    qint64 m_memoryLimitBytes = kDefaultMemoryLimitBytes;
};
