// SPDX-License-Identifier: MIT
#pragma once

#include "core/SystemClock.h"
#include "http/TcpHttpTransport.h"
#include "jose/CompactToken.h"
#include "jose/JwtVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrl>

/// A small protected API for the token probe's tests, on the `http` transport (loopback, its own threads, so a
/// blocking caller is fine). `GET` anything → 200 {"ok": true} for a good bearer token, else 401 with a Bearer
/// challenge (RFC 6750 §3). It is strict (RFC 8725, RFC 9068 §2.2, RFC 6750 §2.1) except for the one flaw it is
/// built with, which each imitates a well-known library bug:
///
/// - AcceptsAlgNone: `alg` "none" in any case passes without a signature (CVE-2015-9235's family);
/// - HsRsKeyConfusion: an HS* token is checked with the public key's PEM text as the HMAC secret (CVE-2016-10555);
/// - IgnoresExp: no `exp` check at all (neither present nor in the future);
/// - IgnoresAud: no `aud` check at all;
/// - FollowsJku: a token's `jku` is fetched and its keys are trusted (RFC 8725 §3.10 says never).
///
/// Strict means: Authorization with exactly one "Bearer" (any case) credential, RS256 only, the key by kid, crit
/// understood, `typ` JWT or at+jwt when present, `exp` required and in the future, `nbf` and `iat` not in the future,
/// `iss` and `aud` required and equal.
class WeakApiServer
{
public:
    enum class Flaw
    {
        None,
        AcceptsAlgNone,
        HsRsKeyConfusion,
        IgnoresExp,
        IgnoresAud,
        FollowsJku,
    };

    WeakApiServer(Flaw flaw, const Jwk& publicKey, const QString& issuer, const QString& audience)
        : m_flaw(flaw)
        , m_keys(QList<Jwk>{publicKey.publicJwk()})
        , m_issuer(issuer)
        , m_audience(audience)
    {
        const auto pem = publicKey.publicJwk().asymmetricKey().toPem(PemFormat::Spki);
        if (pem)
            m_pem = pem.value();
    }
    ~WeakApiServer() { m_transport.stop(); }

    /// Empty when it runs, else the error in words (for QVERIFY2).
    QString start()
    {
        TransportConfig config;
        config.workerThreads = 2;
        const auto started = m_transport.start(config, [this](const HttpRequest& r) { return handle(r); });
        return started ? QString() : started.error().toString();
    }
    QString url(const QString& path = QStringLiteral("/api/private")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_transport.port()).arg(path);
    }
    /// How often a token's jku was fetched (FollowsJku).
    int jkuFetches() const { return m_jkuFetches.load(); }

private:
    static HttpResponse reject(const QString& description)
    {
        HttpResponse r = HttpResponse::jsonError(401, QStringLiteral("invalid_token"), description);
        r.setHeader("WWW-Authenticate", QByteArray("Bearer realm=\"weak\", error=\"invalid_token\", "
                                                   "error_description=\"" +
                                                   description.toLatin1() + "\""));
        return r;
    }

    HttpResponse handle(const HttpRequest& request) const
    {
        const QList<QByteArray> values = request.headerValues("Authorization");
        if (values.size() != 1)
            return reject(QStringLiteral("one Authorization header, please"));
        const QByteArray value = values.first();
        if (value.size() < 8 || value.left(7).compare("bearer ", Qt::CaseInsensitive) != 0)
            return reject(QStringLiteral("no bearer token"));
        const QByteArray token = value.mid(7).trimmed();
        if (token.contains(',') || token.contains(' '))
            return reject(QStringLiteral("one token, please"));
        const QString problem = check(token);
        if (!problem.isEmpty())
            return reject(problem);
        return HttpResponse::json(200, {{QStringLiteral("ok"), true}});
    }

    /// Empty when the token is good.
    QString check(const QByteArray& token) const
    {
        const CompactToken parsed = CompactToken::parse(token);
        if (!parsed.headerOk)
            return QStringLiteral("malformed");
        const QString alg = parsed.alg();
        VerifyOptions signatureOnly;
        signatureOnly.signatureOnly = true;
        if (m_flaw == Flaw::AcceptsAlgNone && alg.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
            // the flaw: no signature needed
        } else if (m_flaw == Flaw::HsRsKeyConfusion && alg.startsWith(QLatin1String("HS"))) {
            // the flaw: the verification key's PEM text used as an HMAC secret
            signatureOnly.allowedAlgorithms = {QStringLiteral("HS256"), QStringLiteral("HS384"),
                                               QStringLiteral("HS512")};
            bool ok = false;
            for (const QByteArray& secret : {m_pem, m_pem.trimmed()}) {
                ok = ok || JwtVerifier(Jwk::fromSecret(secret), signatureOnly).verify(parsed).valid;
            }
            if (!ok)
                return QStringLiteral("bad HMAC");
        } else if (m_flaw == Flaw::FollowsJku && parsed.header.contains(QLatin1String("jku"))) {
            // the flaw: the token says where its keys are, and they are believed
            const Jwks fetched = fetchKeys(QUrl(parsed.header.value(QLatin1String("jku")).toString()));
            signatureOnly.allowedAlgorithms = {QStringLiteral("RS256")};
            if (!JwtVerifier(fetched, signatureOnly).verify(parsed).valid)
                return QStringLiteral("not signed by a jku key");
        } else {
            signatureOnly.allowedAlgorithms = {QStringLiteral("RS256")};
            const VerificationResult result = JwtVerifier(m_keys, signatureOnly).verify(parsed);
            if (!result.valid)
                return result.error ? result.error->code == ErrorCode::JwsSignatureVerificationFailed
                                          ? QStringLiteral("bad signature")
                                          : QStringLiteral("not acceptable")
                                    : QStringLiteral("invalid");
        }
        const QString typ = parsed.typ();
        if (!typ.isEmpty() && typ.compare(QLatin1String("JWT"), Qt::CaseInsensitive) != 0 &&
            typ.compare(QLatin1String("at+jwt"), Qt::CaseInsensitive) != 0 &&
            typ.compare(QLatin1String("application/at+jwt"), Qt::CaseInsensitive) != 0)
            return QStringLiteral("wrong typ");
        const auto claims = parsed.payloadObject();
        if (!claims)
            return QStringLiteral("payload is not JSON");
        const qint64 now = SystemClock::instance().nowSeconds();
        const QJsonObject& c = claims.value();
        if (m_flaw != Flaw::IgnoresExp) {
            if (!c.value(QLatin1String("exp")).isDouble())
                return QStringLiteral("exp missing");
            if (qint64(c.value(QLatin1String("exp")).toDouble()) <= now)
                return QStringLiteral("expired");
        }
        if (c.contains(QLatin1String("nbf")) && qint64(c.value(QLatin1String("nbf")).toDouble()) > now)
            return QStringLiteral("not yet valid");
        if (c.contains(QLatin1String("iat")) && qint64(c.value(QLatin1String("iat")).toDouble()) > now + 60)
            return QStringLiteral("issued in the future");
        if (c.value(QLatin1String("iss")).toString() != m_issuer)
            return QStringLiteral("wrong issuer");
        if (m_flaw != Flaw::IgnoresAud) {
            const QJsonValue aud = c.value(QLatin1String("aud"));
            const bool ok = aud.isArray() ? aud.toArray().contains(m_audience) : aud.toString() == m_audience;
            if (!ok)
                return QStringLiteral("wrong audience");
        }
        return QString();
    }

    /// GET `url` with a blocking socket on this worker thread (plain http, loopback only).
    Jwks fetchKeys(const QUrl& url) const
    {
        if (url.scheme() != QLatin1String("http"))
            return {};
        ++m_jkuFetches;
        QTcpSocket socket;
        socket.connectToHost(url.host(), quint16(url.port(80)));
        if (!socket.waitForConnected(2000))
            return {};
        socket.write("GET " + url.path(QUrl::FullyEncoded).toLatin1() +
                     " HTTP/1.1\r\nHost: " + url.authority().toLatin1() + "\r\nConnection: close\r\n\r\n");
        QByteArray response;
        while (socket.waitForReadyRead(2000))
            response += socket.readAll();
        response += socket.readAll();
        const qsizetype bodyAt = response.indexOf("\r\n\r\n");
        if (bodyAt < 0)
            return {};
        auto keys = Jwks::fromJson(response.mid(bodyAt + 4));
        return keys ? keys.value() : Jwks();
    }

    Flaw m_flaw;
    Jwks m_keys;
    QString m_issuer;
    QString m_audience;
    QByteArray m_pem;
    mutable std::atomic<int> m_jkuFetches{0};
    TcpHttpTransport m_transport;
};
