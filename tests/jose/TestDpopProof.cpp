// SPDX-License-Identifier: MIT
// RFC 9449 DPoP proofs: the RFC's own examples, creation round trips and every §4.3 check failing on its own; the
// Token workbench's checklist (DpopCheck), which runs every check and explains cnf.jkt bindings.
#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "core/MockClock.h"
#include "jose/CompactToken.h"
#include "jose/DpopCheck.h"
#include "jose/DpopProof.h"
#include "jose/DpopReplayCache.h"
#include "jose/JwtBuilder.h"

#include <QHash>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// RFC 9449 §4.1: the example proof of the token request (ES256, key in the jwk header), iat 1562262616.
const QByteArray kRfcProof =
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscE"
    "JoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19"
    ".eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwia"
    "WF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
constexpr qint64 kRfcIat = 1562262616;
// RFC 9449 §6.1: that key's RFC 7638 thumbprint, the cnf.jkt of tokens bound to it.
const QString kRfcJkt = QStringLiteral("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");

DpopValidationOptions rfcOptions(const Clock* clock)
{
    DpopValidationOptions o;
    o.htm = QStringLiteral("POST");
    o.htu = QStringLiteral("https://server.example.com/token");
    o.clock = clock;
    return o;
}

const Jwk& p256()
{
    static const Jwk key = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value());
    return key;
}

// A proof signed with p256() from any header and claims (for one-defect cases).
QByteArray forge(const QJsonObject& header, const QJsonObject& claims, const Jwk& key = p256())
{
    return JwtBuilder::signCompact(JsonText::compact(header), JsonText::compact(claims), key).value();
}

QJsonObject publicJwkMembers(const Jwk& key)
{
    QJsonObject jwk = key.publicJwk().toJson(false);
    jwk.remove(QStringLiteral("kid"));
    return jwk;
}
} // namespace

class TestDpopProof : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc9449Example();
    void rfc9449ExampleFailsElsewhere_data();
    void rfc9449ExampleFailsElsewhere();
    void rfc9449AthExample();
    void createThenValidate_data();
    void createThenValidate();
    void htuNormalisation_data();
    void htuNormalisation();
    void oneDefect_data();
    void oneDefect();
    void replayCache();
    void nonce();
    void checklistOfTheRfcExample();
    void checklistShowsEveryDefectAndTheBinding();
};

void TestDpopProof::rfc9449Example()
{
    MockClock clock(kRfcIat);
    const auto info = DpopProof::validate(kRfcProof, rfcOptions(&clock));
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
    QCOMPARE(info->jkt, kRfcJkt);
    QCOMPARE(info->jti, QStringLiteral("-BwC3ESc6acc2lTc"));
    QCOMPARE(info->alg, QStringLiteral("ES256"));
    QCOMPARE(info->iat, kRfcIat);
}

void TestDpopProof::rfc9449ExampleFailsElsewhere_data()
{
    QTest::addColumn<QString>("htm");
    QTest::addColumn<QString>("htu");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("claim");
    QTest::addColumn<QString>("reason");
    const QString url = QStringLiteral("https://server.example.com/token");
    QTest::newRow("htm GET") << "GET" << url << kRfcIat << "htm"
                             << "mismatch";
    QTest::newRow("htu other path") << "POST"
                                    << "https://server.example.com/par" << kRfcIat << "htu"
                                    << "mismatch";
    QTest::newRow("htu http") << "POST"
                              << "http://server.example.com/token" << kRfcIat << "htu"
                              << "mismatch";
    QTest::newRow("iat 301 s old") << "POST" << url << kRfcIat + 301 << "iat"
                                   << "too-old";
    QTest::newRow("iat 6 s ahead") << "POST" << url << kRfcIat - 6 << "iat"
                                   << "in-the-future";
}

void TestDpopProof::rfc9449ExampleFailsElsewhere()
{
    QFETCH(QString, htm);
    QFETCH(QString, htu);
    QFETCH(qint64, now);
    QFETCH(QString, claim);
    QFETCH(QString, reason);
    MockClock clock(now);
    DpopValidationOptions o = rfcOptions(&clock);
    o.htm = htm;
    o.htu = htu;
    const auto info = DpopProof::validate(kRfcProof, o);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, ErrorCode::JwtClaimValidationFailed);
    QCOMPARE(info.error().claim, claim);
    QCOMPARE(info.error().reason, reason);
}

void TestDpopProof::rfc9449AthExample()
{
    // RFC 9449 §7.1: the access token of the resource request example and its "ath".
    QCOMPARE(DpopProof::accessTokenHash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
             QStringLiteral("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"));
}

void TestDpopProof::createThenValidate_data()
{
    QTest::addColumn<Jwk>("key");
    QTest::addColumn<QString>("alg");
    QTest::newRow("ES256") << p256() << "ES256";
    QTest::newRow("ES384") << Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P384).value()) << "ES384";
    QTest::newRow("EdDSA") << Jwk::fromKey(AsymmetricKey::generateCurve(Curve::Ed25519).value()) << "EdDSA";
    QTest::newRow("PS256") << Jwk::fromKey(AsymmetricKey::generateRsa(2048).value()) << "PS256";
}

void TestDpopProof::createThenValidate()
{
    QFETCH(Jwk, key);
    QFETCH(QString, alg);
    MockClock clock(1700000000);
    DpopProofOptions create;
    create.htm = QStringLiteral("GET");
    create.htu = QStringLiteral("https://API.example.com:443/messages?page=2#top");
    create.accessToken = "access-token";
    create.alg = alg;
    create.clock = &clock;
    const auto proof = DpopProof::create(key, create);
    QVERIFY2(proof.ok(), qPrintable(proof.ok() ? QString() : proof.error().toString()));

    const CompactToken parsed = CompactToken::parse(proof.value());
    QCOMPARE(parsed.typ(), QStringLiteral("dpop+jwt"));
    QCOMPARE(parsed.alg(), alg);
    const QJsonObject jwk = parsed.header.value(QStringLiteral("jwk")).toObject();
    QVERIFY(!jwk.contains(QStringLiteral("d")));
    const QJsonObject claims = parsed.payloadObject().value();
    QCOMPARE(claims.value(QStringLiteral("htu")).toString(), QStringLiteral("https://api.example.com/messages"));
    QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), 1700000000);
    QCOMPARE(claims.value(QStringLiteral("ath")).toString(), DpopProof::accessTokenHash("access-token"));
    QCOMPARE(claims.value(QStringLiteral("jti")).toString().size(), 22); // 16 random bytes

    clock.advanceSeconds(10);
    DpopReplayCache cache;
    DpopValidationOptions validate;
    validate.htm = QStringLiteral("GET");
    validate.htu = QStringLiteral("https://api.example.com/messages?other=query");
    validate.accessToken = "access-token";
    validate.clock = &clock;
    validate.replayCache = &cache;
    const auto info = DpopProof::validate(proof.value(), validate);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
    QCOMPARE(info->jkt, key.thumbprint());
    QCOMPARE(cache.size(), 1);
    // Another proof from the same key has another jti.
    const auto second = DpopProof::create(key, create);
    QVERIFY(second.ok());
    QVERIFY(DpopProof::validate(second.value(), validate).ok());
}

void TestDpopProof::htuNormalisation_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("htu");
    QTest::newRow("query and fragment") << "https://a.example/p?q=1#f"
                                        << "https://a.example/p";
    QTest::newRow("case and default port") << "HTTPS://A.Example:443/P"
                                           << "https://a.example/P";
    QTest::newRow("http default port") << "http://a.example:80"
                                       << "http://a.example/";
    QTest::newRow("other port kept") << "http://127.0.0.1:8000/oauth/token"
                                     << "http://127.0.0.1:8000/oauth/token";
    QTest::newRow("not http") << "ftp://a.example/"
                              << "";
    QTest::newRow("relative") << "/oauth/token"
                              << "";
}

void TestDpopProof::htuNormalisation()
{
    QFETCH(QString, url);
    QFETCH(QString, htu);
    QCOMPARE(DpopProof::normaliseHtu(url), htu);
}

void TestDpopProof::oneDefect_data()
{
    QTest::addColumn<QByteArray>("proof");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("claim");
    QTest::addColumn<QString>("reason");

    const qint64 now = 1700000000;
    const QJsonObject jwk = publicJwkMembers(p256());
    const QJsonObject header{{u"typ"_s, u"dpop+jwt"_s}, {u"alg"_s, u"ES256"_s}, {u"jwk"_s, jwk}};
    const QJsonObject claims{{u"jti"_s, u"j1"_s},
                             {u"htm"_s, u"POST"_s},
                             {u"htu"_s, u"https://as.example/token"_s},
                             {u"iat"_s, now},
                             {u"ath"_s, DpopProof::accessTokenHash("at")}};
    auto without = [](QJsonObject o, const char* name) {
        o.remove(QLatin1String(name));
        return o;
    };
    auto with = [](QJsonObject o, const char* name, const QJsonValue& v) {
        o.insert(QLatin1String(name), v);
        return o;
    };
    const int claimFailed = int(ErrorCode::JwtClaimValidationFailed);
    QTest::newRow("valid") << forge(header, claims) << int(ErrorCode::None) << ""
                           << "";
    QTest::newRow("not a JWS") << QByteArray("abc.def") << int(ErrorCode::JwsInvalid) << ""
                               << "";
    QTest::newRow("typ JWT") << forge(with(header, "typ", u"JWT"_s), claims) << claimFailed << "typ"
                             << "check_failed";
    QTest::newRow("typ absent") << forge(without(header, "typ"), claims) << claimFailed << "typ"
                                << "check_failed";
    const Jwk hmac = Jwk::fromSecret(QByteArray(32, 'k'));
    QTest::newRow("alg HS256") << forge(with(header, "alg", u"HS256"_s), claims, hmac) << int(ErrorCode::AlgNotAllowed)
                               << ""
                               << "";
    const QByteArray unsecured = Base64Url::encode(JsonText::compact(with(header, "alg", u"none"_s))) + '.' +
                                 Base64Url::encode(JsonText::compact(claims)) + '.';
    QTest::newRow("alg none") << unsecured << int(ErrorCode::JwsInvalid) << ""
                              << "";
    QTest::newRow("jwk missing") << forge(without(header, "jwk"), claims) << int(ErrorCode::JwkInvalid) << "jwk"
                                 << "jwk-missing";
    QTest::newRow("jwk private") << forge(with(header, "jwk", p256().toJson(true)), claims)
                                 << int(ErrorCode::JwkInvalid) << "jwk"
                                 << "jwk-private";
    const Jwk other = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value());
    QTest::newRow("signed by another key")
        << forge(header, claims, other) << int(ErrorCode::JwsSignatureVerificationFailed) << ""
        << "";
    QByteArray tampered = forge(header, claims);
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
    QTest::newRow("signature tampered") << tampered << int(ErrorCode::JwsSignatureVerificationFailed) << ""
                                        << "";
    for (const char* name : {"jti", "htm", "htu", "iat"}) {
        QTest::addRow("%s missing", name) << forge(header, without(claims, name)) << claimFailed << name << "missing";
    }
    QTest::newRow("iat string") << forge(header, with(claims, "iat", u"now"_s)) << claimFailed << "iat"
                                << "invalid";
    QTest::newRow("ath missing") << forge(header, without(claims, "ath")) << claimFailed << "ath"
                                 << "missing";
    QTest::newRow("ath of another token")
        << forge(header, with(claims, "ath", DpopProof::accessTokenHash("other"))) << claimFailed << "ath"
        << "mismatch";
    QTest::newRow("htm lower case") << forge(header, with(claims, "htm", u"post"_s)) << claimFailed << "htm"
                                    << "mismatch";
}

void TestDpopProof::oneDefect()
{
    QFETCH(QByteArray, proof);
    QFETCH(int, code);
    QFETCH(QString, claim);
    QFETCH(QString, reason);
    MockClock clock(1700000000);
    DpopValidationOptions o;
    o.htm = QStringLiteral("POST");
    o.htu = QStringLiteral("https://as.example/token");
    o.accessToken = "at";
    o.clock = &clock;
    const auto info = DpopProof::validate(proof, o);
    if (code == int(ErrorCode::None)) {
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
        return;
    }
    QVERIFY(!info.ok());
    QCOMPARE(int(info.error().code), code);
    QCOMPARE(info.error().claim, claim);
    QCOMPARE(info.error().reason, reason);
}

void TestDpopProof::replayCache()
{
    MockClock clock(kRfcIat);
    DpopReplayCache cache;
    DpopValidationOptions o = rfcOptions(&clock);
    o.replayCache = &cache;
    QVERIFY(DpopProof::validate(kRfcProof, o).ok());
    clock.advanceSeconds(299); // still inside the window: the same jti is a replay
    const auto replay = DpopProof::validate(kRfcProof, o);
    QVERIFY(!replay.ok());
    QCOMPARE(replay.error().claim, QStringLiteral("jti"));
    QCOMPARE(replay.error().reason, QStringLiteral("replayed"));
    // Once the proof is too old to pass anyway, its entry may go: a full cache drops it first.
    DpopReplayCache small(1);
    QVERIFY(small.remember(QStringLiteral("a"), 100, 50));
    QVERIFY(!small.remember(QStringLiteral("a"), 100, 99));
    QVERIFY(!small.remember(QStringLiteral("b"), 200, 99)); // full, nothing expired: refused
    QVERIFY(small.remember(QStringLiteral("b"), 200, 100)); // "a" expired at 100
    QCOMPARE(small.size(), 1);
}

void TestDpopProof::nonce()
{
    MockClock clock(1700000000);
    DpopProofOptions create;
    create.htm = QStringLiteral("POST");
    create.htu = QStringLiteral("https://as.example/token");
    create.clock = &clock;
    DpopValidationOptions o;
    o.htm = create.htm;
    o.htu = create.htu;
    o.clock = &clock;
    o.nonce = QStringLiteral("server-nonce");
    auto error = DpopProof::validate(DpopProof::create(p256(), create).value(), o);
    QVERIFY(!error.ok());
    QCOMPARE(error.error().claim, QStringLiteral("nonce"));
    QCOMPARE(error.error().reason, QStringLiteral("missing"));
    create.nonce = QStringLiteral("old-nonce");
    error = DpopProof::validate(DpopProof::create(p256(), create).value(), o);
    QCOMPARE(error.error().reason, QStringLiteral("mismatch"));
    create.nonce = QStringLiteral("server-nonce");
    QVERIFY(DpopProof::validate(DpopProof::create(p256(), create).value(), o).ok());
}

namespace {
// The checklist's rows by id, for assertions.
QHash<QString, DpopCheckRow> rowsById(const QList<DpopCheckRow>& rows)
{
    QHash<QString, DpopCheckRow> out;
    for (const DpopCheckRow& r : rows)
        out.insert(r.id, r);
    return out;
}
using Status = VerificationStep::Status;
} // namespace

void TestDpopProof::checklistOfTheRfcExample()
{
    MockClock clock(kRfcIat + 10);
    QVERIFY(DpopCheck::isProof(kRfcProof));
    QVERIFY(!DpopCheck::isProof(JwtBuilder::signCompact(R"({"alg":"ES256","typ":"JWT"})", "{}", p256()).value()));
    // Without the request: what can be checked passes, what needs it is skipped, not failed.
    DpopCheckOptions o;
    o.clock = &clock;
    DpopCheckReport r = DpopCheck::check(kRfcProof, o);
    QVERIFY(r.isProof);
    QVERIFY(r.proofValid);
    QCOMPARE(r.proofJkt, kRfcJkt);
    auto rows = rowsById(r.proofRows);
    for (const char* id : {"dpop-jwt", "typ", "alg", "jwk", "signature", "claims", "iat"})
        QVERIFY2(rows.value(QLatin1String(id)).status == Status::Passed, id);
    for (const char* id : {"htm", "htu", "ath", "nonce"})
        QVERIFY2(rows.value(QLatin1String(id)).status == Status::Skipped, id);
    QCOMPARE(rows.value(u"jti"_s).status, Status::Info); // replay needs the server's cache
    QCOMPARE(rows.value(u"typ"_s).section, u"RFC 9449 §4.3 (4)"_s);
    QCOMPARE(rows.value(u"iat"_s).section, u"RFC 9449 §4.3 (11)"_s);
    QVERIFY(!rows.contains(u"binding"_s)); // no access token
    // With the request it came with.
    o.htm = u"POST"_s;
    o.htu = u"https://server.example.com/token?ignored=1"_s;
    rows = rowsById(DpopCheck::check(kRfcProof, o).proofRows);
    QCOMPARE(rows.value(u"htm"_s).status, Status::Passed);
    QCOMPARE(rows.value(u"htu"_s).status, Status::Passed);
}

void TestDpopProof::checklistShowsEveryDefectAndTheBinding()
{
    MockClock clock(1'700'000'000);
    const QByteArray accessToken =
        JwtBuilder::signCompact(
            R"({"alg":"ES256","typ":"at+jwt"})",
            JsonText::compact(QJsonObject{{u"sub"_s, u"alice"_s}, {u"cnf"_s, QJsonObject{{u"jkt"_s, kRfcJkt}}}}),
            p256())
            .value();
    QCOMPARE(DpopCheck::boundThumbprint(accessToken), kRfcJkt);
    // One proof with four defects (wrong htm, stale iat, ath of another token, no nonce) and the wrong key: a server
    // stops at the first; the checklist shows them all, and that its key is not the one the token is bound to.
    const QByteArray proof =
        forge({{u"typ"_s, u"dpop+jwt"_s}, {u"alg"_s, u"ES256"_s}, {u"jwk"_s, publicJwkMembers(p256())}},
              {{u"jti"_s, u"j1"_s},
               {u"htm"_s, u"GET"_s},
               {u"htu"_s, u"https://rs.example/api"_s},
               {u"iat"_s, clock.nowSeconds() - 301},
               {u"ath"_s, DpopProof::accessTokenHash("another token")}});
    DpopCheckOptions o;
    o.clock = &clock;
    o.htm = u"POST"_s;
    o.htu = u"https://rs.example/api"_s;
    o.accessToken = accessToken;
    o.nonce = u"server-nonce"_s;
    const DpopCheckReport r = DpopCheck::check(proof, o);
    QVERIFY(r.isProof);
    QVERIFY(!r.proofValid);
    QVERIFY(r.hasFailure());
    QCOMPARE(r.tokenJkt, kRfcJkt);
    QCOMPARE(r.proofJkt, p256().thumbprint());
    const auto rows = rowsById(r.proofRows);
    for (const char* id : {"typ", "alg", "jwk", "signature", "claims", "htu"})
        QVERIFY2(rows.value(QLatin1String(id)).status == Status::Passed, id);
    for (const char* id : {"htm", "iat", "ath", "nonce", "binding"})
        QVERIFY2(rows.value(QLatin1String(id)).status == Status::Failed, id);
    QVERIFY(rows.value(u"iat"_s).message.contains(u"301 s ago"_s));
    QCOMPARE(rows.value(u"binding"_s).section, u"RFC 9449 §6.1"_s);
    QCOMPARE(r.tokenRows.size(), 1);
    QCOMPARE(r.tokenRows.first().id, u"cnf"_s);
    QVERIFY(r.tokenRows.first().message.contains(kRfcJkt));

    // The same defects a server would refuse with, each on its own row; a private jwk and alg none fail their rows.
    QJsonObject leaking = p256().toJson(true);
    leaking.remove(u"kid"_s);
    const QByteArray leaky = forge({{u"typ"_s, u"dpop+jwt"_s}, {u"alg"_s, u"ES256"_s}, {u"jwk"_s, leaking}},
                                   {{u"jti"_s, u"j2"_s},
                                    {u"htm"_s, u"POST"_s},
                                    {u"htu"_s, u"https://rs.example/api"_s},
                                    {u"iat"_s, clock.nowSeconds()}});
    const auto leakRows = rowsById(DpopCheck::check(leaky, o).proofRows);
    QCOMPARE(leakRows.value(u"jwk"_s).status, Status::Failed);
    QCOMPARE(leakRows.value(u"signature"_s).status, Status::Skipped);
    // A symmetric algorithm (never allowed, §4.3 item 5): its row fails and the signature is not checked.
    const QByteArray hmac =
        forge({{u"typ"_s, u"dpop+jwt"_s}, {u"alg"_s, u"HS256"_s}, {u"jwk"_s, publicJwkMembers(p256())}},
              {{u"jti"_s, u"j3"_s}, {u"htm"_s, u"POST"_s}}, Jwk::fromSecret(QByteArray(32, 's')));
    const auto hmacRows = rowsById(DpopCheck::check(hmac, o).proofRows);
    QCOMPARE(hmacRows.value(u"alg"_s).status, Status::Failed);
    QCOMPARE(hmacRows.value(u"signature"_s).status, Status::Skipped);
    QCOMPARE(hmacRows.value(u"claims"_s).status, Status::Failed); // no htu, no iat
    // A tampered signature.
    QByteArray tampered = kRfcProof;
    tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
    QCOMPARE(rowsById(DpopCheck::check(tampered, o).proofRows).value(u"signature"_s).status, Status::Failed);
    // Not a JWT at all: one failed row.
    const DpopCheckReport garbage = DpopCheck::check("not.a-token", o);
    QCOMPARE(garbage.proofRows.size(), 1);
    QCOMPARE(garbage.proofRows.first().status, Status::Failed);
}

QTEST_GUILESS_MAIN(TestDpopProof)
#include "TestDpopProof.moc"
