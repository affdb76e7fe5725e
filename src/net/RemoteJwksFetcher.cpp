// SPDX-License-Identifier: MIT
#include "net/RemoteJwksFetcher.h"

#include "core/JsonText.h"
#include "core/SystemClock.h"
#include "net/BackgroundTask.h"
#include "net/TlsProblem.h"
#include "request/HttpClientResponse.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

namespace {

bool isHttpUrl(const QUrl& url)
{
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

// The JWK Set document of a response: JSON (RFC 8259), an object, with "keys" (RFC 7517 §5).
Result<KeySetAnalysis> parseJwksDocument(const QByteArray& body, const QString& url)
{
    auto json = JsonText::analyse(body);
    if (!json) {
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("%1 did not return JSON: %2").arg(url, json.error().message));
    }
    if (json->topType != JsonAnalysis::Type::Object) {
        return Error(ErrorCode::JwksInvalid,
                     QStringLiteral("%1 returned JSON that is not an object; a JWK Set is {\"keys\": [...]} "
                                    "(RFC 7517 §5)")
                         .arg(url));
    }
    auto set = Jwks::fromJson(body, KeySetAnalysis::viewerImportOptions());
    if (!set) {
        return Error(ErrorCode::JwksInvalid, QStringLiteral("%1: %2").arg(url, set.error().message));
    }
    return KeySetAnalysis::ofSet(set.value());
}

QString statusHint(int status)
{
    switch (status) {
    case 401:
    case 403:
        return QStringLiteral("; key sets are public, so the URL is probably wrong");
    case 404:
        return QStringLiteral("; check the URL (for an issuer: its discovery document or jwks_uri)");
    default:
        return status >= 500 ? QStringLiteral("; the server failed, try again later") : QString();
    }
}

} // namespace

RemoteJwksFetcher::RemoteJwksFetcher(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_reply) {
            m_abortReason = AbortReason::Timeout;
            m_reply->abort();
        }
    });
}

RemoteJwksFetcher::~RemoteJwksFetcher()
{
    abortSilently();
}

void RemoteJwksFetcher::setClock(const Clock* clock)
{
    m_clock = clock;
}

qint64 RemoteJwksFetcher::nowMs() const
{
    return (m_clock ? *m_clock : static_cast<const Clock&>(SystemClock::instance())).nowMilliseconds();
}

QNetworkAccessManager* RemoteJwksFetcher::manager()
{
    // The connection cache of a QNetworkAccessManager ignores per-request TLS settings: one manager per profile.
    QNetworkAccessManager*& m =
        m_managers[QString(QString::number(int(m_options.verifyTls)) + QLatin1Char('|') + m_options.caFile)];
    if (!m) {
        m = new QNetworkAccessManager(this);
        m->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    }
    return m;
}

QString RemoteJwksFetcher::stageName() const
{
    switch (m_stage) {
    case Stage::Discovery:
        return QStringLiteral("discovery");
    case Stage::Jwks:
        return QStringLiteral("jwks");
    case Stage::Parsing:
        return QStringLiteral("parsing");
    case Stage::Idle:
        break;
    }
    return QString();
}

bool RemoteJwksFetcher::begin(const QString& source)
{
    abortSilently();
    m_result = JwksFetchResult();
    m_result.source = source;
    m_caCertificates.clear();
    if (m_options.caFile.isEmpty()) {
        return true;
    }
    QFile file(m_options.caFile);
    if (!file.open(QIODevice::ReadOnly)) {
        failLater(Error(ErrorCode::Io,
                        QStringLiteral("cannot read CA file %1: %2").arg(m_options.caFile, file.errorString())));
        return false;
    }
    m_caCertificates = QSslCertificate::fromData(file.read(m_options.maxBytes), QSsl::Pem);
    if (m_caCertificates.isEmpty()) {
        failLater(Error(ErrorCode::CertificateInvalid,
                        QStringLiteral("no PEM certificate found in CA file %1").arg(m_options.caFile)));
        return false;
    }
    return true;
}

void RemoteJwksFetcher::failLater(const Error& error)
{
    // Delivered asynchronously like every other outcome.
    m_stage = Stage::Jwks;
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, error] {
            if (generation == m_generation) {
                fail(error);
            }
        },
        Qt::QueuedConnection);
}

void RemoteJwksFetcher::fetchUrl(const QUrl& url)
{
    if (begin(url.toString())) {
        start(url, Stage::Jwks);
    }
}

void RemoteJwksFetcher::fetchIssuer(const QString& issuer)
{
    if (begin(issuer.trimmed())) {
        start(OidcDiscovery::discoveryUrl(issuer), Stage::Discovery);
    }
}

void RemoteJwksFetcher::cancel()
{
    if (m_reply) {
        m_abortReason = AbortReason::Cancelled;
        m_reply->abort();
    } else if (m_stage != Stage::Idle) {
        ++m_generation; // drops the pending cache delivery or parse result
        fail(Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
    }
}

void RemoteJwksFetcher::abortSilently()
{
    ++m_generation;
    m_timer.stop();
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_stage = Stage::Idle;
}

void RemoteJwksFetcher::start(const QUrl& url, Stage stage)
{
    if (!isHttpUrl(url)) {
        return failLater(Error(ErrorCode::Usage, QStringLiteral("not an http(s) URL: \"%1\"").arg(url.toString())));
    }
    m_stage = stage;
    get(url);
}

void RemoteJwksFetcher::get(const QUrl& url)
{
    m_requestUrl = url.toString();
    m_result.tlsVerificationDisabled = !m_options.verifyTls;
    if (m_options.useCache && m_cache.isFresh(m_requestUrl, nowMs())) {
        // RFC 9111 §4.2: a fresh stored response is reused without contacting the server.
        const quint64 generation = m_generation;
        const QByteArray body = m_cache.find(m_requestUrl)->body;
        QMetaObject::invokeMethod(
            this,
            [this, generation, url, body] {
                if (generation == m_generation) {
                    handleBody(url, body, 0, true);
                }
            },
            Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(url);
    request.setMaximumRedirectsAllowed(JwksFetchOptions::kMaxRedirects);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept", "application/jwk-set+json, application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("tokenscope/" TOKENSCOPE_VERSION));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    // Always verified; with verification off the errors are collected, reported and then ignored (below).
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_caCertificates.isEmpty()) {
        tls.addCaCertificates(m_caCertificates);
    }
    request.setSslConfiguration(tls);
    if (const JwksCache::Entry* cached = m_options.useCache ? m_cache.find(m_requestUrl) : nullptr;
        cached && !cached->etag.isEmpty()) {
        request.setRawHeader("If-None-Match", cached->etag); // RFC 9110 §13.1.2
    }
    m_abortReason = AbortReason::None;
    m_tlsProblems.clear();
    m_peerCertificate.clear();
    QNetworkReply* reply = manager()->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError>& errors) {
        if (m_reply != reply) {
            return;
        }
        m_tlsProblems = TlsProblem::describeAll(errors);
        const QList<QSslCertificate> chain = reply->sslConfiguration().peerCertificateChain();
        const QSslCertificate leaf =
            !chain.isEmpty() ? chain.first() : (errors.isEmpty() ? QSslCertificate() : errors.first().certificate());
        if (!leaf.isNull()) {
            m_peerCertificate = PeerCertificateSummary::of(leaf).oneLine();
        }
        if (!m_options.verifyTls) {
            // The user turned verification off explicitly; the result says so and what it would have refused.
            for (const QString& problem : std::as_const(m_tlsProblems)) {
                if (!m_result.ignoredTlsProblems.contains(problem)) {
                    m_result.ignoredTlsProblems.append(problem);
                }
            }
            reply->ignoreSslErrors();
        }
    });
    connect(reply, &QNetworkReply::redirected, this, [this, reply](const QUrl& target) {
        if (m_reply == reply) {
            m_result.redirects.append(target.toString());
        }
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > m_options.maxBytes && m_reply == reply) {
            m_abortReason = AbortReason::TooLarge;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64 total) {
        if (m_reply != reply) {
            return;
        }
        if (received > m_options.maxBytes) {
            m_abortReason = AbortReason::TooLarge;
            reply->abort();
            return;
        }
        Q_EMIT progress(stageName(), received, total);
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReplyFinished(reply); });
    m_timer.start(m_options.timeoutMs);
    Q_EMIT progress(stageName(), 0, -1);
}

void RemoteJwksFetcher::onReplyFinished(QNetworkReply* reply)
{
    if (reply != m_reply) {
        return;
    }
    m_timer.stop();
    m_reply = nullptr;
    reply->deleteLater();
    const QString url = reply->request().url().toString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    switch (m_abortReason) {
    case AbortReason::Timeout:
        return fail(
            Error(ErrorCode::NetTimeout,
                  QStringLiteral("no complete answer from %1 within %2 s").arg(url).arg(m_options.timeoutMs / 1000.0)));
    case AbortReason::TooLarge:
        return fail(Error(ErrorCode::InputTooLarge,
                          QStringLiteral("%1 sent more than %2 bytes; refused").arg(url).arg(m_options.maxBytes)));
    case AbortReason::Cancelled:
        return fail(Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
    case AbortReason::None:
        break;
    }
    switch (reply->error()) {
    case QNetworkReply::NoError:
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ContentGoneError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownContentError:
    case QNetworkReply::UnknownServerError:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::ContentConflictError:
    case QNetworkReply::OperationNotImplementedError:
    case QNetworkReply::ProtocolInvalidOperationError:
        break; // HTTP-level: reported by status below
    case QNetworkReply::SslHandshakeFailedError: {
        const QString where = QStringLiteral("%1:%2").arg(reply->url().host()).arg(reply->url().port(443));
        const QString problem =
            m_tlsProblems.isEmpty() ? reply->errorString() : m_tlsProblems.join(QLatin1String("; "));
        const QString certificate =
            m_peerCertificate.isEmpty() ? QString() : QStringLiteral(". Certificate: %1").arg(m_peerCertificate);
        return fail(Error(ErrorCode::TlsFailure,
                          QStringLiteral("TLS with %1 failed: %2%3. If the server is yours, trust its CA (CA file); "
                                         "for a test server only, turn verification off explicitly")
                              .arg(where, problem, certificate)));
    }
    case QNetworkReply::InsecureRedirectError: {
        const QByteArray target = reply->rawHeader("Location");
        return fail(Error(
            ErrorCode::TlsFailure,
            QStringLiteral("%1 redirected from https to http%2; refused: the keys would travel "
                           "unprotected and could be substituted (a key set is never downgraded)")
                .arg(url, target.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromUtf8(target)))));
    }
    case QNetworkReply::TooManyRedirectsError:
        return fail(Error(
            ErrorCode::NetFailure,
            QStringLiteral("%1 redirected more than %2 times; refused").arg(url).arg(JwksFetchOptions::kMaxRedirects)));
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return fail(Error(ErrorCode::NetTimeout, QStringLiteral("%1: %2").arg(url, reply->errorString())));
    default:
        if (status == 0) {
            return fail(
                Error(ErrorCode::NetFailure, QStringLiteral("cannot load %1: %2").arg(url, reply->errorString())));
        }
        break;
    }

    if (status == 304) {
        // RFC 9110 §15.4.5: not modified, the stored representation is current.
        const JwksCache::Entry* cached = m_cache.find(m_requestUrl);
        if (!cached) {
            return fail(Error(ErrorCode::HttpStatus, QStringLiteral("%1 answered 304 Not Modified to a request "
                                                                    "without a cached copy")
                                                         .arg(url)));
        }
        m_cache.refresh(m_requestUrl, reply->rawHeader("Cache-Control"), nowMs());
        return handleBody(reply->url(), cached->body, status, true);
    }
    if (status < 200 || status > 299) {
        return fail(Error(
            ErrorCode::HttpStatus,
            QStringLiteral("%1 answered HTTP %2 %3%4")
                .arg(url)
                .arg(status)
                .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), statusHint(status))));
    }
    const QByteArray body = reply->read(m_options.maxBytes + 1);
    if (body.size() > m_options.maxBytes) {
        return fail(Error(ErrorCode::InputTooLarge,
                          QStringLiteral("%1 sent more than %2 bytes; refused").arg(url).arg(m_options.maxBytes)));
    }
    if (m_options.useCache) {
        m_cache.store(m_requestUrl, body, reply->rawHeader("ETag"), reply->rawHeader("Cache-Control"), nowMs());
    }
    m_result.etag = reply->rawHeader("ETag");
    handleBody(reply->url(), body, status, false);
}

void RemoteJwksFetcher::handleBody(const QUrl& url, const QByteArray& body, int status, bool fromCache)
{
    if (m_stage == Stage::Discovery) {
        auto discovery = OidcDiscovery::parse(body, m_result.source);
        if (!discovery) {
            return fail(
                Error(discovery.error().code, QStringLiteral("%1: %2").arg(url.toString(), discovery.error().message)));
        }
        if (!discovery->issuerMatches()) {
            m_result.warnings.append(discovery->issuerMismatchMessage());
        }
        if (discovery->jwksUriDowngrades(url)) {
            const QString what = QStringLiteral("the discovery document %1 came over https but its jwks_uri %2 is "
                                                "plain http")
                                     .arg(url.toString(), discovery->jwksUri.toString());
            if (!m_options.allowPlainHttpJwksUri) {
                return fail(Error(ErrorCode::TlsFailure,
                                  QStringLiteral("%1; refused: the keys could be substituted in transit. Allow "
                                                 "insecure loads explicitly to fetch them anyway")
                                      .arg(what)));
            }
            m_result.plainHttpJwksUri = true;
            m_result.warnings.append(QStringLiteral("%1; loaded because insecure loads were allowed").arg(what));
        }
        m_result.discovery = discovery.value();
        m_stage = Stage::Jwks;
        return get(discovery->jwksUri);
    }
    m_result.url = url;
    m_result.body = body;
    m_result.httpStatus = status;
    m_result.fromCache = fromCache;
    m_result.fetchedAtMs = nowMs();
    if (fromCache) {
        if (const JwksCache::Entry* cached = m_cache.find(m_requestUrl)) {
            m_result.etag = cached->etag;
        }
    }
    parseSet();
}

void RemoteJwksFetcher::parseSet()
{
    m_stage = Stage::Parsing;
    Q_EMIT progress(stageName(), m_result.body.size(), m_result.body.size());
    const quint64 generation = m_generation;
    const QByteArray body = m_result.body;
    const QString url = m_result.url.toString();
    BackgroundTask::run<Result<KeySetAnalysis>>(
        this, [body, url] { return parseJwksDocument(body, url); },
        [this, generation](Result<KeySetAnalysis> analysis) {
            if (generation != m_generation) {
                return;
            }
            if (!analysis) {
                return fail(analysis.error());
            }
            m_result.analysis = analysis.value();
            m_stage = Stage::Idle;
            Q_EMIT finished(m_result);
        });
}

void RemoteJwksFetcher::fail(const Error& error)
{
    m_timer.stop();
    m_stage = Stage::Idle;
    Q_EMIT failed(error);
}

bool RemoteJwksFetcher::looksLikeUrl(const QString& text)
{
    return text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

Result<JwksFetchResult> RemoteJwksFetcher::fetchBlocking(const QString& source, bool isIssuer,
                                                         const JwksFetchOptions& options)
{
    RemoteJwksFetcher fetcher;
    fetcher.setOptions(options);
    std::optional<Result<JwksFetchResult>> outcome;
    QEventLoop loop;
    connect(&fetcher, &RemoteJwksFetcher::finished, &loop, [&](const JwksFetchResult& r) {
        outcome.emplace(r);
        loop.quit();
    });
    connect(&fetcher, &RemoteJwksFetcher::failed, &loop, [&](const Error& e) {
        outcome.emplace(e);
        loop.quit();
    });
    if (isIssuer) {
        fetcher.fetchIssuer(source);
    } else {
        fetcher.fetchUrl(QUrl(source));
    }
    if (!outcome) {
        loop.exec();
    }
    return *outcome;
}
