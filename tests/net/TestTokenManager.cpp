// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "jose/JwtBuilder.h"
#include "net/TokenManager.h"
#include "storage/MemorySecretStore.h"

#include <QTest>

/// The token manager's timing with a frozen clock (no sleeping): expiry from expires_in and the JWT exp (the
/// earlier wins), the refresh margin, refresh token rotation, invalidate after invalid_token, forget, the log.
namespace {
// The profile and secret key prefix of the tests that keep tokens in a store (two managers = two CLI runs).
const QString kStorePrefix = QStringLiteral("tokenscope/workspace/w1/oauth/");
AuthProfile storedProfile()
{
    AuthProfile p;
    p.name = QStringLiteral("API");
    p.tokenUrl = QStringLiteral("https://as.example/token");
    return p;
}
} // namespace

class TestTokenManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void expiresInAndMargin();
    void jwtExpEarlierThanExpiresInWins();
    void unknownExpiryKeptUntilRefused();
    void rotationKeepsTheNewRefreshToken();
    void invalidateKeepsTheRefreshToken();
    void forgetOneProfile();
    void keyChangesWithScopeAndClient();
    void logIsRedacted();
    void keysNameProfileAndGrant();
    void dpopKeyIsKeptPerTokenUntilForgotten();
    void dpopNonceIsKeptPerOrigin();
    void secretStoreKeepsTokensForTheNextRun();
    void dpopNonceKeptWithTheTokenForTheNextRun();

private:
    static TokenGrant grant(const QString& access, qint64 expiresIn, const QString& refresh = {});
    MockClock m_clock{1'700'000'000};
};

TokenGrant TestTokenManager::grant(const QString& access, qint64 expiresIn, const QString& refresh)
{
    TokenGrant g;
    g.accessToken = access;
    g.tokenType = QStringLiteral("Bearer");
    g.expiresIn = expiresIn;
    g.refreshToken = refresh;
    return g;
}

void TestTokenManager::expiresInAndMargin()
{
    TokenManager m(&m_clock);
    m_clock.setSeconds(1'700'000'000);
    m.store(QStringLiteral("k"), QStringLiteral("p"), QStringLiteral("client_credentials"), QStringLiteral("u"),
            grant(QStringLiteral("at1"), 300));
    QCOMPARE(m.usable(QStringLiteral("k"))->expiresAtMs, 1'700'000'300'000LL);
    m_clock.setSeconds(1'700'000'000 + 300 - 31); // 31 s left: still handed out
    QVERIFY(m.usable(QStringLiteral("k")).has_value());
    m_clock.setSeconds(1'700'000'000 + 300 - 30); // within the 30 s margin: fetched again
    QVERIFY(!m.usable(QStringLiteral("k")).has_value());
    QVERIFY(m.stored(QStringLiteral("k")).has_value()); // still kept (for a refresh token)
}

void TestTokenManager::jwtExpEarlierThanExpiresInWins()
{
    TokenManager m(&m_clock);
    m_clock.setSeconds(1'700'000'000);
    const QByteArray jwt =
        JwtBuilder::sign(QStringLiteral("HS256"), QJsonObject{{QStringLiteral("exp"), 1'700'000'100}},
                         Jwk::fromSecret("0123456789abcdef0123456789abcdef"))
            .value();
    const ManagedToken t = m.store(QStringLiteral("k"), QStringLiteral("p"), QStringLiteral("client_credentials"),
                                   QStringLiteral("u"), grant(QString::fromLatin1(jwt), 3600));
    QCOMPARE(t.expiresAtMs, 1'700'000'100'000LL);
}

void TestTokenManager::unknownExpiryKeptUntilRefused()
{
    TokenManager m(&m_clock);
    m.store(QStringLiteral("k"), QStringLiteral("p"), QStringLiteral("client_credentials"), QStringLiteral("u"),
            grant(QStringLiteral("opaque"), -1));
    m_clock.setSeconds(m_clock.nowSeconds() + 86400 * 365);
    QVERIFY(m.usable(QStringLiteral("k")).has_value());
    m.invalidate(QStringLiteral("k"));
    QVERIFY(!m.usable(QStringLiteral("k")).has_value());
    QCOMPARE(m.size(), 0); // nothing left to refresh with
}

void TestTokenManager::rotationKeepsTheNewRefreshToken()
{
    TokenManager m(&m_clock);
    m.store(QStringLiteral("k"), QStringLiteral("p"), QStringLiteral("authorization_code"), QStringLiteral("u"),
            grant(QStringLiteral("at1"), 60, QStringLiteral("rt1")));
    m.store(QStringLiteral("k"), QStringLiteral("p"), QStringLiteral("refresh_token"), QStringLiteral("u"),
            grant(QStringLiteral("at2"), 60, QStringLiteral("rt2")));
    QCOMPARE(m.stored(QStringLiteral("k"))->refreshToken, QStringLiteral("rt2"));
    // RFC 6749 §6: a refresh answer without a refresh_token leaves the old one valid.
    m.store(QStringLiteral("k"), QStringLiteral("p"), QStringLiteral("refresh_token"), QStringLiteral("u"),
            grant(QStringLiteral("at3"), 60));
    QCOMPARE(m.stored(QStringLiteral("k"))->refreshToken, QStringLiteral("rt2"));
    QCOMPARE(m.usable(QStringLiteral("k"))->accessToken, QStringLiteral("at3"));
}

void TestTokenManager::invalidateKeepsTheRefreshToken()
{
    TokenManager m(&m_clock);
    m.store(QStringLiteral("k"), QStringLiteral("p"), QStringLiteral("authorization_code"), QStringLiteral("u"),
            grant(QStringLiteral("at1"), 600, QStringLiteral("rt1")));
    m.invalidate(QStringLiteral("k"));
    QVERIFY(!m.usable(QStringLiteral("k")).has_value());
    QCOMPARE(m.stored(QStringLiteral("k"))->refreshToken, QStringLiteral("rt1"));
}

void TestTokenManager::forgetOneProfile()
{
    TokenManager m(&m_clock);
    AuthProfile a;
    a.name = QStringLiteral("a");
    AuthProfile ab;
    ab.name = QStringLiteral("ab"); // "a" is a prefix of "ab": forgetting "a" keeps "ab"
    m.store(TokenManager::keyFor(a), a.name, QStringLiteral("client_credentials"), {}, grant(QStringLiteral("1"), 60));
    m.store(TokenManager::keyFor(ab), ab.name, QStringLiteral("client_credentials"), {},
            grant(QStringLiteral("2"), 60));
    m.forget(QStringLiteral("a"));
    QVERIFY(!m.stored(TokenManager::keyFor(a)).has_value());
    QVERIFY(m.stored(TokenManager::keyFor(ab)).has_value());
    m.forget();
    QCOMPARE(m.size(), 0);
}

void TestTokenManager::keyChangesWithScopeAndClient()
{
    AuthProfile p;
    p.name = QStringLiteral("p");
    p.clientId = QStringLiteral("c");
    p.scope = QStringLiteral("read");
    const QString key = TokenManager::keyFor(p);
    AuthProfile q = p;
    q.scope = QStringLiteral(" read ");
    QCOMPARE(TokenManager::keyFor(q), key); // the same scopes written differently
    q.scope = QStringLiteral("read write");
    QVERIFY(TokenManager::keyFor(q) != key);
    q = p;
    q.clientId = QStringLiteral("d");
    QVERIFY(TokenManager::keyFor(q) != key);
    QVERIFY(TokenManager::keyFor(p, QStringLiteral("staging")) != key);
}

void TestTokenManager::keysNameProfileAndGrant()
{
    // The GUI's token list reads the profile and the grant back from the keys it lists.
    AuthProfile p;
    p.name = QStringLiteral("my profile");
    p.grant = AuthProfile::Grant::DeviceCode;
    p.clientId = QStringLiteral("c");
    p.scope = QStringLiteral("openid");
    const QString key = TokenManager::keyFor(p, QStringLiteral("staging"));
    QCOMPARE(TokenManager::profileOfKey(key), QStringLiteral("my profile"));
    QCOMPARE(TokenManager::grantOfKey(key), QStringLiteral("device_code"));
    TokenManager m(&m_clock);
    QVERIFY(m.keys().isEmpty());
    m.store(key, p.name, QStringLiteral("device_code"), QStringLiteral("https://as/t"), grant(QStringLiteral("a"), 60));
    QCOMPARE(m.keys(), QStringList{key});
}

void TestTokenManager::logIsRedacted()
{
    TokenManager m(&m_clock);
    const QString secret = QStringLiteral("abcdefSECRETPARTOFTHETOKEN");
    m.store(QStringLiteral("k"), QStringLiteral("p"), QStringLiteral("client_credentials"),
            QStringLiteral("https://as/t"), grant(secret, 60, QStringLiteral("rtSECRETrefresh")));
    m.logFailure(QStringLiteral("p"), QStringLiteral("refresh_token"), QStringLiteral("https://as/t"),
                 Error(ErrorCode::OAuthError, QStringLiteral("refused"), {}, QStringLiteral("invalid_grant")));
    const QList<TokenLogEntry> log = m.log();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).outcome, QStringLiteral("ok"));
    QCOMPARE(log.at(0).accessToken, QStringLiteral("abcdef…(26 chars)"));
    QVERIFY(!log.at(0).refreshToken.contains(QLatin1String("SECRET")));
    QCOMPARE(log.at(0).expiresAtMs, m_clock.nowMilliseconds() + 60'000);
    QCOMPARE(log.at(1).outcome, QStringLiteral("invalid_grant"));
    QCOMPARE(log.at(1).grant, QStringLiteral("refresh_token"));
}

void TestTokenManager::dpopKeyIsKeptPerTokenUntilForgotten()
{
    TokenManager m(&m_clock);
    AuthProfile a;
    a.name = QStringLiteral("A");
    a.tokenUrl = QStringLiteral("https://as.example/token");
    AuthProfile b = a;
    b.name = QStringLiteral("B");
    const auto first = m.dpopKey(TokenManager::keyFor(a));
    QVERIFY(first.ok());
    QVERIFY(first->isPrivate());                                                                // it signs the proofs
    QCOMPARE(first->toJson().value(QStringLiteral("crv")).toString(), QStringLiteral("P-256")); // ES256
    // RFC 9449 §5: a refresh token of a public client is bound to the key, so the key outlives the access token.
    m.store(TokenManager::keyFor(a), a.name, QStringLiteral("client_credentials"), a.tokenUrl,
            grant(QStringLiteral("t1"), 60, QStringLiteral("r1")));
    m.invalidate(TokenManager::keyFor(a));
    QCOMPARE(m.dpopKey(TokenManager::keyFor(a))->thumbprint(), first->thumbprint());
    QVERIFY(m.dpopKey(TokenManager::keyFor(b))->thumbprint() != first->thumbprint());
    m.forget(a.name);
    QVERIFY(m.dpopKey(TokenManager::keyFor(a))->thumbprint() != first->thumbprint());
}

void TestTokenManager::dpopNonceIsKeptPerOrigin()
{
    TokenManager m(&m_clock);
    QCOMPARE(TokenManager::originOf(QStringLiteral("HTTPS://AS.example/token?x=1")),
             QStringLiteral("https://as.example:443"));
    QCOMPARE(TokenManager::originOf(QStringLiteral("http://127.0.0.1:8000/api")),
             QStringLiteral("http://127.0.0.1:8000"));
    m.setDpopNonce(TokenManager::originOf(QStringLiteral("https://as.example/token")), QStringLiteral("n1"));
    m.setDpopNonce(TokenManager::originOf(QStringLiteral("https://as.example/token")), QString()); // no header: kept
    QCOMPARE(m.dpopNonce(QStringLiteral("https://as.example:443")), QStringLiteral("n1"));
    m.setDpopNonce(QStringLiteral("https://as.example:443"), QStringLiteral("n2")); // §8.2: the new one replaces it
    QCOMPARE(m.dpopNonce(QStringLiteral("https://as.example:443")), QStringLiteral("n2"));
    QVERIFY(m.dpopNonce(QStringLiteral("https://rs.example:443")).isEmpty());
}

void TestTokenManager::dpopNonceKeptWithTheTokenForTheNextRun()
{
    // RFC 9449 §8: the nonce goes into the profile's secret with its token, so the next run's first proof has it.
    const auto store = std::make_shared<MemorySecretStore>();
    const QString prefix = kStorePrefix;
    const AuthProfile p = storedProfile();
    const QString key = TokenManager::keyFor(p);
    const QString as = TokenManager::originOf(p.tokenUrl);
    const QString rs = QStringLiteral("https://rs.example:443");
    {
        TokenManager first(&m_clock);
        first.setSecretStore(store, prefix);
        first.setDpopNonce(as, QStringLiteral("n0"), key);
        QVERIFY(store->read(prefix + p.name)->isNull()); // no token yet: nothing written
        first.store(key, p.name, QStringLiteral("client_credentials"), p.tokenUrl, grant(QStringLiteral("at"), 600));
        QVERIFY(store->read(prefix + p.name)->contains("\"n0\""));
        first.setDpopNonce(as, QStringLiteral("n1"), key); // §8.2: the newer one replaces it, in the store too
        first.setDpopNonce(rs, QStringLiteral("r1"), key);
        first.setDpopNonce(QStringLiteral("https://other.example:443"), QStringLiteral("o1")); // no profile: memory
        const QByteArray secret = store->read(prefix + p.name).value();
        QVERIFY(secret.contains("\"n1\"") && !secret.contains("\"n0\"") && secret.contains("\"r1\""));
        QVERIFY(!secret.contains("o1"));
    }
    TokenManager second(&m_clock);
    second.setSecretStore(store, prefix);
    second.setDpopNonce(rs, QStringLiteral("r2")); // this process was given a newer one already: it stays
    QVERIFY(second.dpopNonce(as).isEmpty());
    QVERIFY(second.restore(key).ok());
    QCOMPARE(second.dpopNonce(as), QStringLiteral("n1"));
    QCOMPARE(second.dpopNonce(rs), QStringLiteral("r2"));
    QVERIFY(second.dpopNonce(QStringLiteral("https://other.example:443")).isEmpty());
    // oauth forget takes the nonces with the tokens.
    second.forget(p.name);
    QVERIFY(store->read(prefix + p.name)->isNull());
}

void TestTokenManager::secretStoreKeepsTokensForTheNextRun()
{
    // Two managers on one store are two runs of tokenscope-cli on one keychain.
    const auto store = std::make_shared<MemorySecretStore>();
    const QString prefix = kStorePrefix;
    const AuthProfile p = storedProfile();
    const QString key = TokenManager::keyFor(p);
    QString thumbprint;
    {
        TokenManager first(&m_clock);
        first.setSecretStore(store, prefix);
        QVERIFY(first.restore(key).ok()); // nothing kept yet
        thumbprint = first.dpopKey(key)->thumbprint();
        first.store(key, p.name, QStringLiteral("authorization_code"), p.tokenUrl,
                    grant(QStringLiteral("access-1"), 600, QStringLiteral("refresh-1")));
    }
    QVERIFY(store->read(prefix + p.name)->contains("refresh-1"));
    TokenManager second(&m_clock);
    second.setSecretStore(store, prefix);
    QVERIFY(!second.usable(key)); // not read until asked
    QVERIFY(second.restore(key).ok());
    QCOMPARE(second.usable(key)->accessToken, QStringLiteral("access-1"));
    QCOMPARE(second.dpopKey(key)->thumbprint(), thumbprint); // the bound key came along
    // Expired in the next run: only the refresh token is of use, and it is there.
    m_clock.advanceSeconds(600);
    QVERIFY(!second.usable(key));
    QCOMPARE(second.stored(key)->refreshToken, QStringLiteral("refresh-1"));
    m_clock.advanceSeconds(-600);
    // oauth forget: gone from the store too, also for a run that never read it.
    TokenManager third(&m_clock);
    third.setSecretStore(store, prefix);
    third.forget(p.name);
    QVERIFY(store->read(prefix + p.name)->isNull());
    TokenManager fourth(&m_clock);
    fourth.setSecretStore(store, prefix);
    QVERIFY(fourth.restore(key).ok());
    QVERIFY(!fourth.stored(key));
}

QTEST_GUILESS_MAIN(TestTokenManager)
#include "TestTokenManager.moc"
