// SPDX-License-Identifier: MIT
#include "net/ProbeRunner.h"

#include "core/SystemClock.h"
#include "jose/CompactToken.h"
#include "net/AttackerKeyServer.h"
#include "net/BackgroundTask.h"

#include <QEventLoop>
#include <QTimer>

#include <algorithm>

namespace {
/// RFC 6750 §2.3 / §2.2: the parameter name of a token in the query or a form body.
const QString kAccessTokenParameter = QStringLiteral("access_token");

bool isAuthorization(const HttpRequestSpec::HeaderRow& row)
{
    return row.name.trimmed().compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0;
}

/// RFC 6750 §3: a Bearer challenge with error= says why the token was refused.
bool challengeNamesError(const Diagnosis& diagnosis)
{
    for (const AuthChallenge& challenge : diagnosis.challenges) {
        if (challenge.params.contains(QStringLiteral("error")))
            return true;
    }
    return false;
}
} // namespace

ProbeRunner::ProbeRunner(QObject* parent)
    : QObject(parent)
    , m_session(new RequestSession(this))
{
    connect(m_session, &RequestSession::finished, this, &ProbeRunner::onFinished);
}

ProbeRunner::~ProbeRunner() = default;

void ProbeRunner::setClientOptions(const HttpClientOptions& options)
{
    m_session->setClientOptions(options);
}

bool ProbeRunner::isAccepted(int status, const QByteArray& body, int controlStatus, const QList<int>& acceptStatuses,
                             const QRegularExpression& rejectBody)
{
    const bool statusAccepted =
        acceptStatuses.isEmpty() ? status / 100 == controlStatus / 100 : acceptStatuses.contains(status);
    if (!statusAccepted)
        return false;
    if (!rejectBody.pattern().isEmpty() && rejectBody.match(QString::fromUtf8(body)).hasMatch())
        return false;
    return true;
}

ProbeVerdict ProbeRunner::judge(const ProbeRow& row)
{
    if (!row.sent)
        return ProbeVerdict::Skipped;
    // RFC 8725 §3.10: fetching keys from a URL the token names is the vulnerability, whatever the answer.
    if (row.attackerKeysFetched)
        return ProbeVerdict::Vulnerable;
    const MutationSeverity severity = row.info.severity;
    if (!row.received) {
        // A should row that hangs or drops the connection is the "never a hang or a crash" weakness; for the others
        // the probe has no answer to judge.
        return severity == MutationSeverity::Should ? ProbeVerdict::Weak : ProbeVerdict::Error;
    }
    switch (severity) {
    case MutationSeverity::Must:
        return row.accepted ? ProbeVerdict::Vulnerable : ProbeVerdict::Ok;
    case MutationSeverity::Should:
        return row.accepted || row.status >= 500 ? ProbeVerdict::Weak : ProbeVerdict::Ok;
    case MutationSeverity::Info:
        return ProbeVerdict::Info;
    case MutationSeverity::Accept:
        return row.accepted ? ProbeVerdict::Ok : ProbeVerdict::Unexpected;
    }
    return ProbeVerdict::Error;
}

SessionRequest ProbeRunner::placed(const SessionRequest& base, const QByteArray& token, TokenPlacement placement)
{
    SessionRequest s = base;
    s.auth = AuthConfig();
    s.auth.type = AuthConfig::Type::None;
    s.authSource.clear();
    s.profile.reset();
    HttpRequestSpec& r = s.request;
    r.headers.removeIf(isAuthorization);
    const QString text = QString::fromLatin1(token);
    switch (placement) {
    case TokenPlacement::BearerHeader:
        s.auth.type = AuthConfig::Type::Bearer;
        s.auth.token = text;
        break;
    case TokenPlacement::LowercaseBearerScheme:
        // RFC 9110 §11.1: the scheme name is case-insensitive, so "bearer" must work like "Bearer".
        r.headers.append({QStringLiteral("Authorization"), QString(QStringLiteral("bearer ") + text), true});
        break;
    case TokenPlacement::QueryParameter:
        r.setQueryParameter(kAccessTokenParameter, text); // base64url needs no percent-encoding
        break;
    case TokenPlacement::FormBody:
        // RFC 6750 §2.2: an application/x-www-form-urlencoded body with access_token; a body of another kind is
        // replaced, a form body keeps its other parameters.
        if (r.bodyKind != HttpRequestSpec::BodyKind::FormUrlEncoded) {
            r.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
            r.formRows.clear();
            r.removeHeader(QStringLiteral("Content-Type"));
        }
        r.formRows.removeIf([](const HttpRequestSpec::FormRow& row) { return row.name == kAccessTokenParameter; });
        r.formRows.append({kAccessTokenParameter, text, true});
        break;
    case TokenPlacement::TwoAuthorizationHeaders:
        r.headers.append({QStringLiteral("Authorization"), QString(QStringLiteral("Bearer ") + text), true});
        r.headers.append({QStringLiteral("Authorization"), QString(QStringLiteral("Bearer ") + text), true});
        break;
    }
    return s;
}

Result<void> ProbeRunner::start(const ProbeOptions& options)
{
    if (m_running)
        return Error(ErrorCode::Usage, QStringLiteral("a probe is already running"));
    if (options.concurrency < 1)
        return Error(ErrorCode::Usage, QStringLiteral("concurrency must be at least 1"));
    if (options.timeoutMs < 1)
        return Error(ErrorCode::Usage, QStringLiteral("the timeout must be at least 1 ms"));
    for (const QString& id : options.ids) {
        if (!TokenMutator::find(id))
            return Error(ErrorCode::Usage, QStringLiteral("unknown mutation id \"%1\"").arg(id));
    }
    QRegularExpression rejectBody(options.rejectBodyPattern);
    if (!rejectBody.isValid())
        return Error(ErrorCode::Usage, QStringLiteral("the reject-body pattern is not a valid regular expression: %1")
                                           .arg(rejectBody.errorString()));
    m_options = options;
    m_rejectBody = rejectBody;
    m_report = ProbeReport();
    m_inFlight.clear();
    m_next = 0;
    m_done = 0;
    m_cancelled = false;
    m_running = true;
    ++m_generation; // a preparation still running for an earlier run is dropped
    m_session->setClock(m_clock);
    m_session->setDiagnosisContext(options.diagnosisKeys, options.expectedIssuer, options.expectedAudience);

    SessionRequest control = options.input.token.isEmpty()
                                 ? options.request
                                 : placed(options.request, options.input.token, TokenPlacement::BearerHeader);
    control.request.timeoutMs = options.timeoutMs;
    m_report.control.sent = true;
    m_controlId = m_session->start(control);
    return {};
}

void ProbeRunner::onFinished(quint64 id, const SessionResult& result)
{
    if (id == m_controlId) {
        m_controlId = 0;
        onControl(result);
        return;
    }
    const auto it = m_inFlight.constFind(id);
    if (it == m_inFlight.constEnd())
        return;
    const int index = it.value();
    m_inFlight.erase(it);
    completeRow(index, result);
    sendMore();
}

void ProbeRunner::onControl(const SessionResult& result)
{
    ProbeControl& control = m_report.control;
    control.received = result.response.received;
    control.status = result.response.status;
    if (m_cancelled) {
        control.error = QStringLiteral("cancelled");
    } else if (result.authError) {
        control.error = result.authError->message;
    } else if (!result.response.received) {
        control.error = result.response.explanation();
    } else if (control.status / 100 != 2) {
        control.error = QStringLiteral("the control request must be answered with 2xx");
    } else if (!isAccepted(control.status, result.response.body, control.status, m_options.acceptStatuses,
                           m_rejectBody)) {
        control.error = QStringLiteral("the control answer does not count as accepted (--accept-status, "
                                       "--reject-body-match)");
    } else {
        control.accepted = true;
    }
    const bool accepted = control.accepted;
    Q_EMIT controlFinished(control);
    if (!accepted) {
        finishProbe();
        return;
    }

    TokenMutatorInput input = m_options.input;
    if (input.token.isEmpty())
        input.token = result.sentToken;
    if (input.token.isEmpty()) {
        m_report.error = Error(ErrorCode::Usage, QStringLiteral("the control request sent no bearer token to mutate"));
        finishProbe();
        return;
    }
    // The key-confusion rows need the issuer's public key: the signing key's public half when only that was given.
    if (!input.publicKey && input.signingKey && !input.signingKey->isSymmetric())
        input.publicKey = input.signingKey->publicJwk();
    if (!m_options.diagnosisKeys && input.publicKey) {
        // The diagnosis verifies with the one key given. A key read from PEM has no kid, and a set would then match
        // no token that names one: it is the token's key by the user's word, so it gets the token's kid.
        Jwk key = input.publicKey->publicJwk();
        const QString kid = CompactToken::parse(input.token).kid();
        if (key.kid().isEmpty() && !kid.isEmpty())
            key = key.withKid(kid);
        m_session->setDiagnosisContext(Jwks(QList<Jwk>{key}), m_options.expectedIssuer, m_options.expectedAudience);
    }
    m_mutator = std::make_shared<TokenMutator>(m_clock ? *m_clock : SystemClock::instance());
    m_attacker.reset();
    // The attacker's keys cost a key generation per key type: only when a selected row points at the host.
    const bool needsHost =
        m_options.ids.isEmpty() || std::any_of(m_options.ids.cbegin(), m_options.ids.cend(), [](const QString& id) {
            const MutationInfo* info = TokenMutator::find(id);
            return info && info->needsNetwork;
        });
    if (m_options.serveAttackerKeys && needsHost) {
        // Bound now so the mutations can name its URLs; it serves the keys once they exist (before any row is sent).
        auto attacker = std::make_unique<AttackerKeyServer>();
        if (auto started = attacker->start({}, {}); started) {
            input.attackerJwksUrl = attacker->jwksUrl();
            input.attackerX5uUrl = attacker->certificateUrl();
            m_attacker = std::move(attacker);
        }
        // Without the host the jku/x5u rows are skipped by the mutator (empty URL): the rest still runs.
    }
    m_options.input = input;
    // Generating the attacker's keys (an RSA-2048 key alone is 0.1-0.6 s) and signing every row runs on the thread
    // pool, so a GUI that starts a probe never freezes; the mutator is shared so it outlives a runner destroyed
    // meanwhile, and the generation check drops a result that belongs to an earlier (cancelled) run.
    const quint64 generation = ++m_generation;
    const QString alg = CompactToken::parse(input.token).alg();
    const bool serving = m_attacker != nullptr;
    BackgroundTask::run<std::shared_ptr<PreparedRows>>(
        this,
        [mutator = m_mutator, input, ids = m_options.ids, alg, serving] {
            auto prepared = std::make_shared<PreparedRows>();
            auto mutations = mutator->mutate(input, ids);
            if (mutations)
                prepared->mutations = mutations.value();
            else
                prepared->error = mutations.error();
            if (serving) {
                prepared->jwks = mutator->attackerJwksJson();
                prepared->certificate = mutator->attackerCertificatePem(alg);
            }
            return prepared;
        },
        [this, generation](const std::shared_ptr<PreparedRows>& prepared) {
            if (generation == m_generation)
                onRowsPrepared(*prepared);
        });
}

void ProbeRunner::onRowsPrepared(const PreparedRows& prepared)
{
    if (!m_running)
        return; // cancelled while the rows were made: finishProbe() already ran
    if (prepared.error) {
        m_report.error = *prepared.error;
        finishProbe();
        return;
    }
    if (m_attacker)
        m_attacker->setDocuments(prepared.jwks, prepared.certificate);
    const QList<TokenMutation>& mutations = prepared.mutations;
    for (const TokenMutation& mutation : mutations) {
        ProbeRow row;
        const MutationInfo* info = TokenMutator::find(mutation.id);
        Q_ASSERT(info);
        if (info)
            row.info = *info;
        row.mutation = mutation;
        row.note = mutation.skippedReason;
        m_report.rows.append(row);
    }
    Q_EMIT progress(0, int(m_report.rows.size()));
    sendMore();
}

void ProbeRunner::sendMore()
{
    if (!m_running)
        return;
    while (!m_cancelled && m_inFlight.size() < m_options.concurrency && m_next < m_report.rows.size()) {
        const int index = m_next++;
        ProbeRow& row = m_report.rows[index];
        if (row.mutation.isSkipped()) {
            row.verdict = ProbeVerdict::Skipped;
            finishRow(index);
            continue;
        }
        SessionRequest request = placed(m_options.request, row.mutation.token, row.mutation.placement);
        request.request.timeoutMs = m_options.timeoutMs;
        row.sent = true;
        m_inFlight.insert(m_session->start(request), index);
    }
    if (m_inFlight.isEmpty() && (m_cancelled || m_next >= m_report.rows.size()))
        finishProbe();
}

void ProbeRunner::completeRow(int index, const SessionResult& result)
{
    ProbeRow& row = m_report.rows[index];
    const HttpClientResponse& response = result.response;
    if (response.error && response.error->code == ErrorCode::Cancelled) {
        row.sent = false;
        row.note = QStringLiteral("cancelled");
        row.verdict = ProbeVerdict::Skipped;
        finishRow(index);
        return;
    }
    row.received = response.received;
    row.status = response.status;
    row.elapsedMs = response.timings.totalMs;
    row.timedOut = response.error && response.error->code == ErrorCode::NetTimeout;
    if (result.authError)
        row.note = result.authError->message;
    else if (!response.received)
        row.note =
            row.timedOut ? QStringLiteral("no answer within %1 ms").arg(m_options.timeoutMs) : response.explanation();
    if (response.received)
        row.accepted =
            isAccepted(response.status, response.body, m_report.control.status, m_options.acceptStatuses, m_rejectBody);
    row.diagnosis = result.diagnosis;
    row.challengeSaysWhy = result.diagnosis && challengeNamesError(*result.diagnosis);
    if (response.received && response.status >= 500 && row.note.isEmpty())
        row.note = QStringLiteral("server error %1").arg(response.status);
    noteAttackerFetches(row);
    row.verdict = judge(row);
    finishRow(index);
}

bool ProbeRunner::usesAttackerHost(const ProbeRow& row) const
{
    if (!m_attacker || row.mutation.token.isEmpty())
        return false;
    // The header names the attacker's URL (jku, x5u): whatever the id, a fetch of that document is this row's.
    const QByteArray header = CompactToken::parse(row.mutation.token).headerText;
    return header.contains(m_attacker->jwksUrl().toUtf8()) || header.contains(m_attacker->certificateUrl().toUtf8());
}

void ProbeRunner::noteAttackerFetches(ProbeRow& row) const
{
    if (!usesAttackerHost(row) || row.attackerKeysFetched)
        return;
    const QByteArray header = CompactToken::parse(row.mutation.token).headerText;
    const bool jwks = header.contains(m_attacker->jwksUrl().toUtf8()) && m_attacker->jwksFetches() > 0;
    const bool certificate =
        header.contains(m_attacker->certificateUrl().toUtf8()) && m_attacker->certificateFetches() > 0;
    if (!jwks && !certificate)
        return;
    row.attackerKeysFetched = true;
    const QString what = jwks ? QStringLiteral("the attacker's JWK Set") : QStringLiteral("the attacker's certificate");
    row.note = row.note.isEmpty() ? QStringLiteral("the API fetched %1").arg(what)
                                  : QStringLiteral("the API fetched %1; %2").arg(what, row.note);
}

void ProbeRunner::finishRow(int index)
{
    ++m_done;
    Q_EMIT rowFinished(index, m_report.rows.at(index));
    Q_EMIT progress(m_done, int(m_report.rows.size()));
}

void ProbeRunner::finishProbe()
{
    if (!m_running)
        return;
    // Rows never sent because of a cancel.
    for (int i = m_next; i < m_report.rows.size(); ++i) {
        ProbeRow& row = m_report.rows[i];
        row.verdict = ProbeVerdict::Skipped;
        if (row.note.isEmpty())
            row.note = QStringLiteral("cancelled");
        finishRow(i);
    }
    m_next = int(m_report.rows.size());
    // An API may fetch the attacker's keys after it answered (a background refresh): look once more.
    if (m_attacker) {
        m_report.attackerJwksFetched = m_attacker->jwksFetches() > 0;
        m_report.attackerCertificateFetched = m_attacker->certificateFetches() > 0;
        for (int i = 0; i < m_report.rows.size(); ++i) {
            ProbeRow& row = m_report.rows[i];
            if (!row.sent || row.attackerKeysFetched)
                continue;
            noteAttackerFetches(row);
            if (row.attackerKeysFetched) {
                row.verdict = judge(row);
                Q_EMIT rowFinished(i, row);
            }
        }
        m_attacker->stop();
    }
    m_report.cancelled = m_cancelled;
    m_running = false;
    // finished() is always asynchronous, also when the control failed at once.
    QTimer::singleShot(0, this, [this, report = m_report] { Q_EMIT finished(report); });
}

void ProbeRunner::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (m_controlId != 0) {
        m_session->cancel(m_controlId);
        return; // onControl() finishes the probe
    }
    const QList<quint64> running = m_inFlight.keys();
    for (quint64 id : running)
        m_session->cancel(id);
    if (running.isEmpty())
        finishProbe();
}

Result<ProbeReport> ProbeRunner::runAndWait(ProbeRunner& runner, const ProbeOptions& options)
{
    QEventLoop loop;
    ProbeReport out;
    const auto connection = QObject::connect(&runner, &ProbeRunner::finished, &loop, [&](const ProbeReport& report) {
        out = report;
        loop.quit();
    });
    if (auto started = runner.start(options); !started) {
        QObject::disconnect(connection);
        return started.error();
    }
    loop.exec();
    QObject::disconnect(connection);
    return out;
}
