// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/Jwks.h"
#include "request/HttpClientResponse.h"
#include "workspace/ItemAssertion.h"
#include "workspace/ItemCapture.h"

#include <QJsonValue>

#include <functional>
#include <optional>

class Clock;

/// The outcome of one assertion (a native one or a script test).
struct AssertionOutcome
{
    enum class Status
    {
        Passed,
        Failed,  // checked, and it did not hold
        Errored, // could not be checked: no response, a bad JSONPath or pattern, keys not loaded, a script error
    };
    QString name;
    Status status = Status::Passed;
    QString message; // why it failed or errored ("expected 200, got 404"); empty when it passed

    friend bool operator==(const AssertionOutcome&, const AssertionOutcome&) = default;
};

/// Checks ItemAssertions and evaluates ItemCaptures against one response. The JSON body is parsed once, on first
/// use. Values of the assertion and capture are used as given: resolve `{{variables}}` first.
class ResponseAssertions
{
public:
    /// Loads the JWK Set of a token assertion: from `source` (a URL), or from the issuer's discovery document
    /// when `isIssuer`. The runner caches what it returns for the run.
    using KeyLoader = std::function<Result<Jwks>(const QString& source, bool isIssuer)>;

    ResponseAssertions(const HttpClientResponse& response, qint64 elapsedMs);

    /// `clock`: for exp/nbf of token assertions (null: the system clock).
    AssertionOutcome check(const ItemAssertion& assertion, const KeyLoader& keys = {},
                           const Clock* clock = nullptr) const;
    /// The value the capture takes: a string as it is, another JSON value as its compact JSON text. Errors:
    /// ERR_NOT_FOUND (nothing matched), ERR_JSON_INVALID (not a JSON body, a bad JSONPath), ERR_USAGE (a bad pattern).
    Result<QString> capture(const ItemCapture& capture) const;

    /// The body as JSON; nullopt when it is not JSON.
    const std::optional<QJsonValue>& json() const;

private:
    std::optional<QJsonValue> actualValue(const ItemAssertion& assertion, QString& error) const;
    AssertionOutcome checkToken(const ItemAssertion& assertion, const KeyLoader& keys, const Clock* clock) const;

    const HttpClientResponse& m_response;
    qint64 m_elapsedMs;
    mutable bool m_jsonParsed = false;
    mutable std::optional<QJsonValue> m_json;
};
