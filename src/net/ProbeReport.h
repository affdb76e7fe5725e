// SPDX-License-Identifier: MIT
#pragma once

#include "core/Error.h"
#include "jose/MutationInfo.h"
#include "jose/TokenMutation.h"
#include "net/UnauthorizedDiagnosis.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/// The verdict of one probe row (issue 13): how the API's answer compares with what the row's severity expects.
enum class ProbeVerdict
{
    Ok,         // as expected: a must/should row rejected, an accept row accepted
    Vulnerable, // a must row accepted, or the API fetched the attacker's keys (jku/x5u)
    Weak,       // a should row accepted, or answered with a 5xx or not at all
    Unexpected, // an accept row rejected
    Info,       // recorded, no expectation
    Skipped,    // not sent (the mutation could not apply; the probe was cancelled)
    Error,      // the probe itself could not send it or got no answer
};

/// One mutated request and what came of it.
struct ProbeRow
{
    MutationInfo info;      // the catalogue row (id, description, severity, reference, reason)
    TokenMutation mutation; // variant, what was changed, the token, its placement, the skip reason
    bool sent = false;
    bool received = false; // an HTTP answer arrived
    int status = 0;        // its status; 0 when none
    bool accepted = false; // by the control's status class, --accept-status and --reject-body-match
    bool timedOut = false;
    bool attackerKeysFetched = false; // jku/x5u rows: the API fetched what the probe serves
    ProbeVerdict verdict = ProbeVerdict::Skipped;
    QString note;                       // the skip reason, the transport error, "attacker JWKS fetched", ...
    std::optional<Diagnosis> diagnosis; // for a 401/403: why the API rejected it
    bool challengeSaysWhy = false;      // its WWW-Authenticate carries error= (RFC 6750 §3)
    qint64 elapsedMs = -1;

    /// "alg-none-case [NONE]" or "alg-none".
    QString label() const;
    /// The diagnosis in one line ("expired: The token expired 2 h ago."), or the note; empty when neither.
    QString diagnosisText() const;
};

/// The unmodified request sent first: the API must accept it, or the probe is inconclusive.
struct ProbeControl
{
    bool sent = false;
    bool received = false;
    int status = 0;
    bool accepted = false;
    QString error; // the transport error or why it does not count as accepted
};

/// Everything one probe produced, with its exports (CLI --json / --junit-out and the GUI's export buttons).
class ProbeReport
{
public:
    ProbeControl control;
    QList<ProbeRow> rows; // catalogue order
    bool cancelled = false;
    std::optional<Error> error; // the probe could not run (no token to mutate, not a compact JWS, ...)
    bool attackerJwksFetched = false;
    bool attackerCertificateFetched = false;

    /// The control was not accepted: no row was judged.
    bool inconclusive() const { return !error && !control.accepted; }
    int count(ProbeVerdict verdict) const;
    /// A row is VULNERABLE or unexpected (or, with `strict`, weak): what makes `probe` exit 1.
    bool hasFailures(bool strict) const;
    /// Indexes of `rows` with VULNERABLE first, then unexpected, weak, error, info, ok, skipped; stable within one
    /// verdict (the GUI table's order).
    QList<int> displayOrder() const;

    /// "2 VULNERABLE, 0 unexpected, 1 weak, 30 ok, 3 info, 5 skipped, 0 error" (", cancelled" when it was).
    QString summaryLine() const;
    /// Every verdict, in the display order.
    static QList<ProbeVerdict> verdicts();
    static QString verdictName(ProbeVerdict verdict); // "ok", "VULNERABLE", "weak", "unexpected", ...
    static int verdictRank(ProbeVerdict verdict);     // 0 for VULNERABLE, the display order above

    /// {"control": {"status", "accepted", "error"}, "inconclusive", "cancelled", "attackerKeysFetched",
    ///  "results": [{"id", "variant", "description", "severity", "reference", "changed", "status", "accepted",
    ///  "verdict", "diagnosis", "serverSaysWhy", "note"}]}; status and diagnosis are null when there is none.
    /// Tokens are not included (they are derived from the user's token).
    QJsonObject toJson() const;
    /// JUnit XML: testsuite "probe", one testcase per row; a failure for VULNERABLE and unexpected (and weak with
    /// `strict`), an error for error rows, skipped for skipped rows.
    QByteArray toJUnit(bool strict) const;
    /// A Markdown table (id, what was changed, status, verdict, diagnosis), VULNERABLE rows first.
    QString toMarkdown() const;
};
