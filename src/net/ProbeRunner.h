// SPDX-License-Identifier: MIT
#pragma once

#include "jose/TokenMutator.h"
#include "net/ProbeReport.h"
#include "net/RequestSession.h"

#include <QObject>
#include <QRegularExpression>

#include <memory>
#include <optional>

class AttackerKeyServer;
class Clock;

/// What one probe sends and how it judges the answers.
struct ProbeOptions
{
    /// The control request. When `input.token` is set it goes out as "Authorization: Bearer <token>" (any
    /// Authorization header or auth of the request is replaced); otherwise the request's own auth runs (a saved
    /// item's bearer token, JWT signed now, OAuth token) and the token it sent is the one mutated.
    SessionRequest request;
    TokenMutatorInput input; // the runner fills in the attacker URLs
    QStringList ids;         // the catalogue ids to run; empty = all
    int concurrency = 4;
    int timeoutMs = 10000;     // per request
    QList<int> acceptStatuses; // "accepted" statuses; empty = the control's status class
    QString rejectBodyPattern; // a body matching it counts as rejected whatever the status (APIs that say 200 + error)
    bool serveAttackerKeys = true; // run the loopback attacker host for jku-attacker and x5u-attacker
    // What a 401/403 is diagnosed against (RequestSession::setDiagnosisContext).
    std::optional<Jwks> diagnosisKeys;
    QString expectedIssuer;
    QString expectedAudience;
};

/// The token probe (issue 13): sends a control request with a valid token, then the same request once per
/// TokenMutator row through RequestSession, at most `concurrency` at a time, and judges each answer:
///
/// - "accepted": the control's status class (2xx), or one of `acceptStatuses`; and the body does not match
///   `rejectBodyPattern`. The control must be accepted and 2xx, else the probe stops as inconclusive.
/// - must row accepted → VULNERABLE; should row accepted, answered 5xx or not at all (timeout, dropped connection)
///   → weak; accept row rejected → unexpected; info rows → info; skipped rows (the mutator's reason, or cancelled)
///   → skipped; a must/info/accept row without an answer → error.
/// - A row whose token names the attacker host (jku, x5u) is VULNERABLE when the API fetched the attacker's key set
///   or certificate, even if it rejected the request (RFC 8725 §3.10: it follows unvetted key URLs).
/// - Each 401/403 carries RequestSession's diagnosis, and whether the WWW-Authenticate challenge names the error
///   (RFC 6750 §3).
///
/// Placement: the row's TokenPlacement decides where the token goes (Authorization: Bearer, "bearer" in lower
/// case, ?access_token=, an access_token form body, two Authorization values). HttpClient folds repeated header
/// names into one field (RFC 9110 §5.3), so "two Authorization headers" reach the API as one field
/// "Bearer <t>, Bearer <t>".
class ProbeRunner : public QObject
{
    Q_OBJECT
public:
    explicit ProbeRunner(QObject* parent = nullptr);
    ~ProbeRunner() override;

    /// For the mutator's claim rows and the diagnosis; default SystemClock. Not owned.
    void setClock(const Clock* clock) { m_clock = clock; }
    void setClientOptions(const HttpClientOptions& options);

    /// Checks the options and sends the control; rowFinished()/progress() follow, then finished() exactly once,
    /// always asynchronously. Errors (nothing started): ERR_USAGE (unknown id, bad regex, concurrency < 1),
    /// or when already running.
    Result<void> start(const ProbeOptions& options);
    /// Stops sending; running requests are aborted and every row not judged yet is skipped ("cancelled").
    void cancel();
    bool isRunning() const { return m_running; }
    const ProbeReport& report() const { return m_report; }

    /// Runs in a local event loop (CLI, tests). Errors: those of start().
    static Result<ProbeReport> runAndWait(ProbeRunner& runner, const ProbeOptions& options);

    // The pure parts, for the tests.
    /// Whether an answer counts as accepted (see the class comment).
    static bool isAccepted(int status, const QByteArray& body, int controlStatus, const QList<int>& acceptStatuses,
                           const QRegularExpression& rejectBody);
    /// The verdict of a row whose sent/received/status/accepted/timedOut/attackerKeysFetched are filled in.
    static ProbeVerdict judge(const ProbeRow& row);
    /// `base` with `token` placed as `placement` says (every other Authorization removed, the auth step off).
    static SessionRequest placed(const SessionRequest& base, const QByteArray& token, TokenPlacement placement);

Q_SIGNALS:
    void controlFinished(const ProbeControl& control);
    /// `index` into report().rows; may come a second time for a jku/x5u row when the fetch is seen later.
    void rowFinished(int index, const ProbeRow& row);
    void progress(int done, int total);
    void finished(const ProbeReport& report);

private:
    void onFinished(quint64 id, const SessionResult& result);
    /// The mutated rows and the attacker documents, made on the thread pool.
    struct PreparedRows
    {
        QList<TokenMutation> mutations;
        std::optional<Error> error;
        QByteArray jwks;
        QByteArray certificate;
    };
    void onControl(const SessionResult& result);
    void onRowsPrepared(const PreparedRows& prepared);
    void sendMore();
    void completeRow(int index, const SessionResult& result);
    void finishRow(int index);
    bool usesAttackerHost(const ProbeRow& row) const;
    void noteAttackerFetches(ProbeRow& row) const;
    void finishProbe();

    const Clock* m_clock = nullptr;
    RequestSession* m_session;
    std::shared_ptr<TokenMutator> m_mutator;
    std::unique_ptr<AttackerKeyServer> m_attacker;
    ProbeOptions m_options;
    QRegularExpression m_rejectBody;
    ProbeReport m_report;
    quint64 m_controlId = 0;
    QHash<quint64, int> m_inFlight; // session id -> row index
    int m_next = 0;                 // next row to consider sending
    int m_done = 0;
    bool m_running = false;
    bool m_cancelled = false;
    quint64 m_generation = 0; // of the background preparation (see onControl)
};
