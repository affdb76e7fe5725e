// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "jose/CompactToken.h"
#include "jose/DpopProof.h"
#include "jose/JwtVerifier.h"
#include "net/AuthServerMetadata.h"
#include "net/IntrospectionWords.h"
#include "net/TokenEndpointClient.h"
#include "net/TokenManager.h"

#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(TokenEndpointRequest)

/// The token endpoint client without a server: the wire form of every client authentication (RFC 6749 §2.3.1,
/// RFC 7523, public clients), the parameters of every grant, the RFC 6749 §5.2 error paths of TokenGrant::parse()
/// and the RFC 8414 / OIDC metadata parsing. The same requests against a real authorization server:
/// tests/net/TestOAuthInterop.
class TestTokenEndpointClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clientSecretBasicFormEncodesBeforeBase64();
    void clientSecretPostPutsBothInTheBody();
    void noneSendsNoAuthorizationHeaderAtAll();
    void clientSecretJwtAssertionRfc7523();
    void privateKeyJwtAssertionRfc7523();
    void privateKeyJwtWithoutKeyIsUsage();
    void grantParameters_data();
    void grantParameters();
    void invalidInput();
    void errorPaths_data();
    void errorPaths();
    void successKeepsRefreshAndIdToken();
    void metadataUrlsRfc8414InsertsBeforePath();
    void metadataParse();
    void metadataIssuerMismatchIsAnError();
    void metadataBadEndpoint();
    void dpopProofOnTheTokenRequest();
    void dpopNonceToRetryRfc9449Section8_data();
    void dpopNonceToRetryRfc9449Section8();
    void introspectionInWordsRfc7662Section2_2();

private:
    static TokenEndpointRequest base(AuthProfile::ClientAuth method);
    static QString formValue(const HttpRequestSpec& spec, const QString& name);
    static HttpClientResponse answer(int status, const QByteArray& body);
};

TokenEndpointRequest TestTokenEndpointClient::base(AuthProfile::ClientAuth method)
{
    TokenEndpointRequest r = TokenEndpointRequest::clientCredentials(QStringLiteral("read"));
    r.tokenUrl = QStringLiteral("https://as.example/token");
    r.client.clientId = QStringLiteral("my client");
    r.client.clientSecret = QStringLiteral("a:b+c%0123456789abcdef0123456789ab");
    r.client.method = method;
    return r;
}

QString TestTokenEndpointClient::formValue(const HttpRequestSpec& spec, const QString& name)
{
    QString value;
    int count = 0;
    for (const auto& row : spec.formRows) {
        if (row.name == name && row.enabled) {
            value = row.value;
            ++count;
        }
    }
    return count == 1 ? value : (count == 0 ? QString() : QStringLiteral("<repeated>"));
}

HttpClientResponse TestTokenEndpointClient::answer(int status, const QByteArray& body)
{
    HttpClientResponse r;
    r.received = true;
    r.status = status;
    r.reason = QStringLiteral("Reason");
    r.body = body;
    return r;
}

void TestTokenEndpointClient::clientSecretBasicFormEncodesBeforeBase64()
{
    const auto spec = TokenEndpointClient::buildRequest(base(AuthProfile::ClientAuth::Basic), 1000);
    QVERIFY(spec.ok());
    const HttpRequestSpec wire = spec->effective();
    // RFC 6749 §2.3.1: "my client" → my+client, "a:b+c%" → a%3Ab%2Bc%25, then Base64.
    QCOMPARE(wire.headerValue(QStringLiteral("Authorization")),
             QString(QStringLiteral("Basic ") +
                     QString::fromLatin1(QByteArray("my+client:a%3Ab%2Bc%250123456789abcdef0123456789ab").toBase64())));
    QVERIFY(formValue(wire, QStringLiteral("client_secret")).isEmpty());
    QVERIFY(formValue(wire, QStringLiteral("client_id")).isEmpty());
    QCOMPARE(formValue(wire, QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
    QCOMPARE(formValue(wire, QStringLiteral("scope")), QStringLiteral("read"));
    QVERIFY(!wire.followRedirects);
    QCOMPARE(wire.method, QStringLiteral("POST"));
}

void TestTokenEndpointClient::clientSecretPostPutsBothInTheBody()
{
    const auto spec = TokenEndpointClient::buildRequest(base(AuthProfile::ClientAuth::Post), 1000);
    QVERIFY(spec.ok());
    const HttpRequestSpec wire = spec->effective();
    QVERIFY(wire.headerValue(QStringLiteral("Authorization")).isEmpty());
    QCOMPARE(formValue(wire, QStringLiteral("client_id")), QStringLiteral("my client"));
    QCOMPARE(formValue(wire, QStringLiteral("client_secret")), QStringLiteral("a:b+c%0123456789abcdef0123456789ab"));
}

void TestTokenEndpointClient::noneSendsNoAuthorizationHeaderAtAll()
{
    TokenEndpointRequest r = base(AuthProfile::ClientAuth::None);
    const auto spec = TokenEndpointClient::buildRequest(r, 1000);
    QVERIFY(spec.ok());
    const HttpRequestSpec wire = spec->effective();
    for (const auto& header : wire.headers)
        QVERIFY2(header.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) != 0,
                 qPrintable(header.value));
    QCOMPARE(formValue(wire, QStringLiteral("client_id")), QStringLiteral("my client"));
    QVERIFY(formValue(wire, QStringLiteral("client_secret")).isEmpty());
    QVERIFY(formValue(wire, QStringLiteral("client_assertion")).isEmpty());
}

void TestTokenEndpointClient::clientSecretJwtAssertionRfc7523()
{
    const auto spec = TokenEndpointClient::buildRequest(base(AuthProfile::ClientAuth::ClientSecretJwt), 1'700'000'000);
    QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().toString()));
    const HttpRequestSpec wire = spec->effective();
    QVERIFY(wire.headerValue(QStringLiteral("Authorization")).isEmpty());
    QCOMPARE(formValue(wire, QStringLiteral("client_assertion_type")),
             QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    QVERIFY(formValue(wire, QStringLiteral("client_secret")).isEmpty()); // the secret itself never travels
    const QByteArray jwt = formValue(wire, QStringLiteral("client_assertion")).toLatin1();
    MockClock clock(1'700'000'010);
    VerifyOptions options;
    options.allowedAlgorithms = {QStringLiteral("HS256")};
    options.claims.issuers = {QStringLiteral("my client")};
    options.claims.subject = QStringLiteral("my client");
    options.claims.audiences = {QStringLiteral("https://as.example/token")};
    options.claims.requiredClaims = {QStringLiteral("jti"), QStringLiteral("exp"), QStringLiteral("iat")};
    options.claims.clock = &clock;
    const VerificationResult result =
        JwtVerifier(Jwk::fromSecret("a:b+c%0123456789abcdef0123456789ab"), options).verify(jwt);
    QVERIFY2(result.valid, qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.claims.value(QStringLiteral("exp")).toInteger() -
                 result.claims.value(QStringLiteral("iat")).toInteger(),
             ClientAuthentication::kAssertionLifetimeSeconds);
    // A fresh jti per assertion (RFC 7523 §3 item 7: the server may reject a replayed one).
    const auto again = TokenEndpointClient::buildRequest(base(AuthProfile::ClientAuth::ClientSecretJwt), 1'700'000'000);
    const auto otherJti =
        CompactToken::parse(formValue(again->effective(), QStringLiteral("client_assertion")).toLatin1())
            .payloadObject()
            ->value(QStringLiteral("jti"));
    QVERIFY(otherJti.toString() != result.claims.value(QStringLiteral("jti")).toString());
}

void TestTokenEndpointClient::privateKeyJwtAssertionRfc7523()
{
    auto generated = AsymmetricKey::generateCurve(Curve::P256);
    QVERIFY(generated.ok());
    const Jwk key = Jwk::fromKey(generated.value());
    TokenEndpointRequest r = base(AuthProfile::ClientAuth::PrivateKeyJwt);
    r.client.privateKey = QJsonDocument(key.toJson(true)).toJson();
    r.client.assertionAudience = QStringLiteral("https://as.example");
    const auto spec = TokenEndpointClient::buildRequest(r, 1'700'000'000);
    QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().toString()));
    const HttpRequestSpec wire = spec->effective();
    QVERIFY(wire.headerValue(QStringLiteral("Authorization")).isEmpty());
    QCOMPARE(formValue(wire, QStringLiteral("client_id")), QStringLiteral("my client"));
    const QByteArray jwt = formValue(wire, QStringLiteral("client_assertion")).toLatin1();
    MockClock clock(1'700'000'000);
    VerifyOptions options;
    options.claims.issuers = {QStringLiteral("my client")};
    options.claims.subject = QStringLiteral("my client");
    options.claims.audiences = {QStringLiteral("https://as.example")};
    options.claims.clock = &clock;
    const VerificationResult result = JwtVerifier(key.publicJwk(), options).verify(jwt);
    QVERIFY2(result.valid, qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(CompactToken::parse(jwt).alg(), QStringLiteral("ES256"));
    // One second after exp the server must refuse it (RFC 7523 §3 item 4).
    clock.setSeconds(1'700'000'000 + ClientAuthentication::kAssertionLifetimeSeconds + 1);
    QCOMPARE(JwtVerifier(key.publicJwk(), options).verify(jwt).error->code, ErrorCode::JwtExpired);
}

void TestTokenEndpointClient::privateKeyJwtWithoutKeyIsUsage()
{
    const auto spec = TokenEndpointClient::buildRequest(base(AuthProfile::ClientAuth::PrivateKeyJwt), 1000);
    QVERIFY(!spec.ok());
    QCOMPARE(spec.error().code, ErrorCode::Usage);
    TokenEndpointRequest r = base(AuthProfile::ClientAuth::PrivateKeyJwt);
    r.client.privateKey = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    const auto bad = TokenEndpointClient::buildRequest(r, 1000);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().message.startsWith(QLatin1String("the client's private key")),
             qPrintable(bad.error().toString()));
}

void TestTokenEndpointClient::grantParameters_data()
{
    QTest::addColumn<TokenEndpointRequest>("request");
    QTest::addColumn<QString>("grantType");
    QTest::addColumn<QStringList>("expected"); // name=value, in order after grant_type
    QTest::newRow("RFC 6749 §6 refresh") << TokenEndpointRequest::refreshToken(QStringLiteral("rt"), {})
                                         << QStringLiteral("refresh_token")
                                         << QStringList{QStringLiteral("refresh_token=rt")};
    QTest::newRow("RFC 6749 §4.3.2 password")
        << TokenEndpointRequest::password(QStringLiteral("alice"), QStringLiteral("pw"), QStringLiteral("openid"))
        << QStringLiteral("password")
        << QStringList{QStringLiteral("username=alice"), QStringLiteral("password=pw"), QStringLiteral("scope=openid")};
    QTest::newRow("RFC 6749 §4.1.3 + RFC 7636 §4.5 code")
        << TokenEndpointRequest::authorizationCode(QStringLiteral("c"), QStringLiteral("http://127.0.0.1:5/cb"),
                                                   QStringLiteral("v"))
        << QStringLiteral("authorization_code")
        << QStringList{QStringLiteral("code=c"), QStringLiteral("redirect_uri=http://127.0.0.1:5/cb"),
                       QStringLiteral("code_verifier=v")};
    QTest::newRow("RFC 8628 §3.4 device code") << TokenEndpointRequest::deviceCode(QStringLiteral("dc"))
                                               << QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")
                                               << QStringList{QStringLiteral("device_code=dc")};
    QTest::newRow("RFC 8693 §2.1 token exchange")
        << TokenEndpointRequest::tokenExchange(QStringLiteral("st"), {}, QStringLiteral("api"), {}, {})
        << QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange")
        << QStringList{QStringLiteral("subject_token=st"),
                       QStringLiteral("subject_token_type=urn:ietf:params:oauth:token-type:access_token"),
                       QStringLiteral("audience=api")};
    QTest::newRow("RFC 6749 §4.4.2 + RFC 8707 client credentials")
        << TokenEndpointRequest::clientCredentials(QStringLiteral(" a  b "), {}, QStringLiteral("https://api/"))
        << QStringLiteral("client_credentials")
        << QStringList{QStringLiteral("resource=https://api/"), QStringLiteral("scope=a b")};
}

void TestTokenEndpointClient::grantParameters()
{
    QFETCH(TokenEndpointRequest, request);
    QFETCH(QString, grantType);
    QFETCH(QStringList, expected);
    request.tokenUrl = QStringLiteral("http://127.0.0.1:1/token");
    request.client.clientId = QStringLiteral("c");
    request.client.method = AuthProfile::ClientAuth::None;
    const auto spec = TokenEndpointClient::buildRequest(request, 1000);
    QVERIFY(spec.ok());
    QStringList rows;
    for (const auto& row : spec->effective().formRows)
        rows.append(row.name + QLatin1Char('=') + row.value);
    QCOMPARE(rows.takeFirst(), QString(QStringLiteral("grant_type=") + grantType));
    QCOMPARE(rows.takeLast(), QStringLiteral("client_id=c")); // the public client's id comes last
    QCOMPARE(rows, expected);
}

void TestTokenEndpointClient::invalidInput()
{
    TokenEndpointRequest r = base(AuthProfile::ClientAuth::Basic);
    r.tokenUrl = QStringLiteral("ftp://as.example/token");
    QCOMPARE(TokenEndpointClient::buildRequest(r, 0).error().code, ErrorCode::Usage);
    r = base(AuthProfile::ClientAuth::Basic);
    r.client.clientId.clear();
    QCOMPARE(TokenEndpointClient::buildRequest(r, 0).error().code, ErrorCode::Usage);
    r = base(AuthProfile::ClientAuth::Basic);
    r.grantType.clear();
    QCOMPARE(TokenEndpointClient::buildRequest(r, 0).error().code, ErrorCode::Usage);
    r = base(AuthProfile::ClientAuth::ClientSecretJwt);
    r.client.clientSecret.clear();
    QCOMPARE(TokenEndpointClient::buildRequest(r, 0).error().code, ErrorCode::Usage);
}

void TestTokenEndpointClient::errorPaths_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("inMessage");
    QTest::newRow("RFC 6749 §5.2 invalid_request")
        << 400 << QByteArray(R"({"error":"invalid_request","error_description":"missing code"})")
        << ErrorCode::OAuthError << QStringLiteral("invalid_request") << QStringLiteral("missing code");
    QTest::newRow("RFC 6749 §5.2 invalid_client 401")
        << 401 << QByteArray(R"({"error":"invalid_client"})") << ErrorCode::OAuthError
        << QStringLiteral("invalid_client") << QStringLiteral("HTTP 401");
    QTest::newRow("RFC 6749 §5.2 invalid_grant")
        << 400 << QByteArray(R"({"error":"invalid_grant","error_description":"grant request is invalid"})")
        << ErrorCode::OAuthError << QStringLiteral("invalid_grant") << QStringLiteral("grant request is invalid");
    QTest::newRow("RFC 6749 §5.2 unauthorized_client")
        << 400 << QByteArray(R"({"error":"unauthorized_client"})") << ErrorCode::OAuthError
        << QStringLiteral("unauthorized_client") << QStringLiteral("may not use this grant");
    QTest::newRow("RFC 6749 §5.2 unsupported_grant_type")
        << 400 << QByteArray(R"({"error":"unsupported_grant_type"})") << ErrorCode::OAuthError
        << QStringLiteral("unsupported_grant_type") << QStringLiteral("does not offer this grant");
    QTest::newRow("RFC 6749 §5.2 invalid_scope")
        << 400 << QByteArray(R"({"error":"invalid_scope"})") << ErrorCode::OAuthError << QStringLiteral("invalid_scope")
        << QStringLiteral("that scope");
    QTest::newRow("RFC 8693 §2.2.2 invalid_target")
        << 400 << QByteArray(R"({"error":"invalid_target"})") << ErrorCode::OAuthError
        << QStringLiteral("invalid_target") << QStringLiteral("audience or resource");
    QTest::newRow("RFC 8628 §3.5 authorization_pending")
        << 400 << QByteArray(R"({"error":"authorization_pending"})") << ErrorCode::OAuthError
        << QStringLiteral("authorization_pending") << QStringLiteral("authorization_pending");
    QTest::newRow("control characters escaped")
        << 400 << QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"a\\u001b[31mb\"}")
        << ErrorCode::OAuthError << QStringLiteral("invalid_grant") << QStringLiteral("\\x1b[31mb");
    QTest::newRow("HTTP 500 without OAuth body")
        << 500 << QByteArray("oops") << ErrorCode::HttpStatus << QString() << QStringLiteral("is the URL right?");
    QTest::newRow("RFC 6749 §5.1 not JSON") << 200 << QByteArray("<html>") << ErrorCode::JsonInvalid << QString()
                                            << QStringLiteral("not with a JSON object");
    QTest::newRow("RFC 6749 §5.1 no access_token")
        << 200 << QByteArray(R"({"token_type":"Bearer"})") << ErrorCode::JsonInvalid << QString()
        << QStringLiteral("no \"access_token\"");
}

void TestTokenEndpointClient::errorPaths()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, code);
    QFETCH(QString, reason);
    QFETCH(QString, inMessage);
    const auto grant = TokenGrant::parse(answer(status, body));
    QVERIFY(!grant.ok());
    QCOMPARE(grant.error().code, code);
    QCOMPARE(grant.error().reason, reason);
    QVERIFY2(grant.error().message.contains(inMessage), qPrintable(grant.error().message));
    QVERIFY2(!grant.error().message.contains(QChar(0x1b)), "a control character went through");
}

void TestTokenEndpointClient::successKeepsRefreshAndIdToken()
{
    const auto grant = TokenGrant::parse(answer(
        200,
        R"({"access_token":"at","token_type":"bearer","expires_in":"60","refresh_token":"rt2","id_token":"a.b.c","scope":"openid"})"));
    QVERIFY(grant.ok());
    QVERIFY(grant->isBearer());
    QCOMPARE(grant->expiresIn, 60);
    QCOMPARE(grant->refreshToken, QStringLiteral("rt2"));
    QCOMPARE(grant->idToken, QStringLiteral("a.b.c"));
    QCOMPARE(grant->scope, QStringLiteral("openid"));
}

void TestTokenEndpointClient::metadataUrlsRfc8414InsertsBeforePath()
{
    const QList<QUrl> urls = AuthServerMetadata::metadataUrls(QStringLiteral("https://as.example/tenant/1/"));
    QCOMPARE(urls.size(), 2);
    QCOMPARE(urls.at(0).toString(), QStringLiteral("https://as.example/tenant/1/.well-known/openid-configuration"));
    QCOMPARE(urls.at(1).toString(),
             QStringLiteral("https://as.example/.well-known/oauth-authorization-server/tenant/1"));
    QCOMPARE(AuthServerMetadata::metadataUrls(QStringLiteral("https://as.example")).at(1).toString(),
             QStringLiteral("https://as.example/.well-known/oauth-authorization-server"));
}

void TestTokenEndpointClient::metadataParse()
{
    const auto m = AuthServerMetadata::parse(
        R"({"issuer":"https://as.example","token_endpoint":"https://as.example/token","authorization_endpoint":"https://as.example/auth",
            "device_authorization_endpoint":"https://as.example/device","pushed_authorization_request_endpoint":"https://as.example/par",
            "require_pushed_authorization_requests":true,"authorization_response_iss_parameter_supported":true,
            "token_endpoint_auth_methods_supported":["private_key_jwt","none"],"code_challenge_methods_supported":["S256"]})",
        QStringLiteral("https://as.example"));
    QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().toString()));
    QCOMPARE(m->tokenEndpoint, QStringLiteral("https://as.example/token"));
    QCOMPARE(m->deviceAuthorizationEndpoint, QStringLiteral("https://as.example/device"));
    QCOMPARE(m->pushedAuthorizationRequestEndpoint, QStringLiteral("https://as.example/par"));
    QVERIFY(m->requirePushedAuthorizationRequests);
    QVERIFY(m->authorizationResponseIssParameterSupported);
    QCOMPARE(m->tokenEndpointAuthMethods, (QStringList{QStringLiteral("private_key_jwt"), QStringLiteral("none")}));
    QCOMPARE(m->codeChallengeMethods, QStringList{QStringLiteral("S256")});
    QVERIFY(m->revocationEndpoint.isEmpty());
}

void TestTokenEndpointClient::metadataIssuerMismatchIsAnError()
{
    const auto m =
        AuthServerMetadata::parse(R"({"issuer":"https://as.example/","token_endpoint":"https://as.example/token"})",
                                  QStringLiteral("https://as.example"));
    QVERIFY(!m.ok());
    QCOMPARE(m.error().code, ErrorCode::OAuthError);
    QCOMPARE(m.error().reason, QStringLiteral("issuer_mismatch"));
}

void TestTokenEndpointClient::metadataBadEndpoint()
{
    const auto m =
        AuthServerMetadata::parse(R"j({"issuer":"https://as.example","token_endpoint":"javascript:alert(1)"})j",
                                  QStringLiteral("https://as.example"));
    QVERIFY(!m.ok());
    QCOMPARE(m.error().code, ErrorCode::JsonInvalid);
    QCOMPARE(m.error().claim, QStringLiteral("token_endpoint"));
    QCOMPARE(AuthServerMetadata::parse("[]", QStringLiteral("x")).error().code, ErrorCode::JsonInvalid);
    QCOMPARE(AuthServerMetadata::parse("{}", QStringLiteral("x")).error().code, ErrorCode::JsonInvalid);
}

void TestTokenEndpointClient::dpopProofOnTheTokenRequest()
{
    // RFC 9449 §4.2/§5: a proof for POST to the token URL (without its query), with the nonce when one is known,
    // signed by the key whose public half is in the header; it validates as the server would.
    TokenEndpointRequest r = base(AuthProfile::ClientAuth::Basic);
    r.tokenUrl = QStringLiteral("https://AS.example/token?tenant=1");
    TokenManager keys;
    r.dpopKey = keys.dpopKey(QStringLiteral("p")).value();
    r.dpopNonce = QStringLiteral("n-1");
    const auto spec = TokenEndpointClient::buildRequest(r, 1'700'000'000);
    QVERIFY(spec.ok());
    const QByteArray proof = spec->headerValue(QStringLiteral("DPoP")).toLatin1();
    MockClock clock(1'700'000'000);
    DpopValidationOptions expected;
    expected.htm = QStringLiteral("POST");
    expected.htu = QStringLiteral("https://as.example/token");
    expected.nonce = QStringLiteral("n-1");
    expected.clock = &clock;
    const auto info = DpopProof::validate(proof, expected);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
    QCOMPARE(info->jkt, r.dpopKey->thumbprint());
    QCOMPARE(info->iat, qint64(1'700'000'000));
    QVERIFY(!info->claims.contains(QStringLiteral("ath"))); // no access token at the token endpoint
}

void TestTokenEndpointClient::dpopNonceToRetryRfc9449Section8_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QString>("retryWith");
    const QByteArray useNonce = R"({"error":"use_dpop_nonce","error_description":"x"})";
    QTest::newRow("RFC9449 §8 token endpoint 400")
        << 400 << useNonce << QByteArray() << QByteArray("eyJ7S_zG.3") << QStringLiteral("eyJ7S_zG.3");
    QTest::newRow("400 without a DPoP-Nonce") << 400 << useNonce << QByteArray() << QByteArray() << QString();
    QTest::newRow("400 invalid_grant") << 400 << QByteArray(R"({"error":"invalid_grant"})") << QByteArray()
                                       << QByteArray("n") << QString();
    QTest::newRow("RFC9449 §9 resource server 401")
        << 401 << QByteArray() << QByteArray(R"(DPoP error="use_dpop_nonce", error_description="x")")
        << QByteArray("n-2") << QStringLiteral("n-2");
    QTest::newRow("401 Bearer invalid_token")
        << 401 << QByteArray() << QByteArray(R"(Bearer error="invalid_token")") << QByteArray("n") << QString();
    QTest::newRow("§8.1 a quote is not NQCHAR") << 400 << useNonce << QByteArray() << QByteArray("a\"b") << QString();
    QTest::newRow("§8.1 a space is not NQCHAR") << 400 << useNonce << QByteArray() << QByteArray("a b") << QString();
    QTest::newRow("500") << 500 << useNonce << QByteArray() << QByteArray("n") << QString();
}

void TestTokenEndpointClient::dpopNonceToRetryRfc9449Section8()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, challenge);
    QFETCH(QByteArray, nonce);
    QFETCH(QString, retryWith);
    HttpClientResponse r = answer(status, body);
    if (!challenge.isEmpty())
        r.headers.append({QByteArrayLiteral("WWW-Authenticate"), challenge});
    if (!nonce.isEmpty())
        r.headers.append({QByteArrayLiteral("DPoP-Nonce"), nonce});
    QCOMPARE(TokenEndpointClient::dpopNonceToRetry(r), retryWith);
}

void TestTokenEndpointClient::introspectionInWordsRfc7662Section2_2()
{
    const QString endpoint = QStringLiteral("https://as.example/introspect");
    // The example answer of RFC 7662 §2.2, with an aud array, a DPoP binding (RFC 9449 §6.2) and a sub that tries
    // to start a new line.
    const QJsonObject answer =
        QJsonDocument::fromJson(R"({"active": true, "client_id": "l238j323ds-23ij4", "username": "jdoe",
            "scope": "read write dolphin", "sub": "Z5O3upPC88QrAjx00dis\nforged", "aud": ["https://protected.example.net/resource", "b"],
            "iss": "https://server.example.com/", "exp": 1419356238, "iat": 1419350238,
            "cnf": {"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}})")
            .object();
    QVERIFY(!answer.isEmpty());
    const QStringList lines = IntrospectionWords::describe(answer, endpoint, 1419356238 - 272);
    QCOMPARE(lines.value(0), QStringLiteral("✓ Active, says https://as.example/introspect."));
    QCOMPARE(lines.value(1), QStringLiteral("Expires 2014-12-23T17:37:18Z (in 4 min 32 s)"));
    QVERIFY2(lines.contains(QStringLiteral("Scope: read write dolphin")), qPrintable(lines.join(u'|')));
    QVERIFY(lines.contains(QStringLiteral("Client: l238j323ds-23ij4")));
    QVERIFY(lines.contains(QStringLiteral("Username: jdoe")));
    QVERIFY(lines.contains(QStringLiteral("Subject: Z5O3upPC88QrAjx00dis\\x0aforged")));
    QVERIFY(lines.contains(QStringLiteral("Audience: https://protected.example.net/resource, b")));
    QVERIFY(lines.contains(QStringLiteral("Issuer: https://server.example.com/")));
    QCOMPARE(lines.last(), QStringLiteral("Bound to the DPoP key 0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"));
    for (const QString& line : lines)
        QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
    // Expired while the server still says active: the words say how long ago.
    QVERIFY(IntrospectionWords::describe(answer, endpoint, 1419356238 + 60).value(1).endsWith(u"(1 min ago)"));

    // RFC 7662 §2.2: an inactive token is an answer with nothing else to say; only a JSON true is active.
    const QString inactive = QStringLiteral(
        "✗ Not active: https://as.example/introspect says the token is revoked, expired or unknown to it.");
    QCOMPARE(IntrospectionWords::describe(QJsonObject{{QStringLiteral("active"), false}}, endpoint, 0),
             QStringList{inactive});
    QCOMPARE(IntrospectionWords::describe(QJsonObject{{QStringLiteral("active"), QStringLiteral("true")},
                                                      {QStringLiteral("sub"), QStringLiteral("x")}},
                                          endpoint, 0),
             QStringList{inactive});
}

QTEST_GUILESS_MAIN(TestTokenEndpointClient)
#include "TestTokenEndpointClient.moc"
