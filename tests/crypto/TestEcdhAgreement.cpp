// SPDX-License-Identifier: MIT
#include "crypto/Ecdh.h"
#include "crypto/EcdhAgreement.h"

#include "support/VectorFiles.h"

#include <QHash>
#include <QJsonArray>
#include <QTest>

#include <thread>
#include <vector>

namespace {

/// A P-256 private key from the scalar alone: SEC 1 ECPrivateKey DER (RFC 5915) without the optional public key,
/// which OpenSSL computes on import.
AsymmetricKey p256FromScalar(const QByteArray& d)
{
    const QByteArray scalar = d.right(32).rightJustified(32, '\0');
    const QByteArray der = QByteArray::fromHex("30310201010420") + scalar +
                           QByteArray::fromHex("a00a06082a8648ce3d030107"); // [0] OID prime256v1
    auto key = AsymmetricKey::fromPem(der);
    if (!key)
        qFatal("P-256 key import failed: %s", qPrintable(key.error().toString()));
    return key.value();
}

QByteArray uncompressed(const AsymmetricKey& publicKey)
{
    const CurveComponents c = publicKey.curveComponents();
    return QByteArray(1, '\x04') + c.x + c.y;
}

} // namespace

class TestEcdhAgreement : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Wycheproof ecdh_secp256r1_ecpoint_test.json: every test, each private key's agreement used for all of its
    // tests in file order, so that refused points (which drop their context) sit between accepted ones on the same
    // pool and the contexts reused after them must still give the right Z.
    void wycheproofEcpoint()
    {
        const QJsonObject file = loadVectorFile("wycheproof/ecdh_secp256r1_ecpoint_test.json");
        QHash<QByteArray, EcdhAgreement> agreements;
        int accepted = 0;
        int refused = 0;
        for (const auto& group : file.value(QLatin1String("testGroups")).toArray()) {
            for (const auto& value : group.toObject().value(QLatin1String("tests")).toArray()) {
                const QJsonObject t = value.toObject();
                const QByteArray d = QByteArray::fromHex(t.value(QLatin1String("private")).toString().toLatin1());
                const QByteArray point = QByteArray::fromHex(t.value(QLatin1String("public")).toString().toLatin1());
                const QString result = t.value(QLatin1String("result")).toString();
                const QString tc = QStringLiteral("tcId %1").arg(t.value(QLatin1String("tcId")).toInt());
                if (!agreements.contains(d))
                    agreements.insert(d, EcdhAgreement(p256FromScalar(d)));
                const Result<QByteArray> z = agreements.value(d).sharedSecretWithPoint(point);
                // A JWE "epk" is always x and y, so only uncompressed points (0x04 || x || y) are accepted; the
                // compressed "acceptable" test is refused like the invalid ones.
                const bool expectValid = result != QLatin1String("invalid") && point.startsWith('\x04');
                if (expectValid) {
                    QVERIFY2(z, qPrintable(tc + QStringLiteral(": ") + (z ? QString() : z.error().toString())));
                    QCOMPARE(z.value().toHex(), t.value(QLatin1String("shared")).toString().toLatin1());
                    ++accepted;
                } else {
                    QVERIFY2(!z, qPrintable(tc + QStringLiteral(" was accepted")));
                    QCOMPARE(z.error().code, ErrorCode::JweInvalid);
                    QCOMPARE(z.error().reason, QStringLiteral("epk-invalid"));
                    ++refused;
                }
            }
        }
        // 355 tests: 330 valid, 1 acceptable (compressed), 24 invalid (16 invalid-curve points among them).
        QCOMPARE(accepted, 330);
        QCOMPARE(refused, 25);
    }

    void sameSecretAsTheOtherSide()
    {
        const AsymmetricKey recipient = AsymmetricKey::generateCurve(Curve::P256).value();
        const EcdhAgreement agreement(recipient);
        for (int i = 0; i < 8; ++i) {
            const AsymmetricKey ephemeral = AsymmetricKey::generateCurve(Curve::P256).value();
            const QByteArray sender = Ecdh::sharedSecret(ephemeral, recipient.publicKey()).value();
            QCOMPARE(sender.size(), 32);
            QCOMPARE(agreement.sharedSecretWithPoint(uncompressed(ephemeral.publicKey())).value(), sender);
            QCOMPARE(agreement.sharedSecret(ephemeral.publicKey()).value(), sender);
        }
    }

    void x25519WithKeys()
    {
        const AsymmetricKey recipient = AsymmetricKey::generateCurve(Curve::X25519).value();
        const AsymmetricKey ephemeral = AsymmetricKey::generateCurve(Curve::X25519).value();
        const EcdhAgreement agreement(recipient);
        const QByteArray z = agreement.sharedSecret(ephemeral.publicKey()).value();
        QCOMPARE(z, Ecdh::sharedSecret(ephemeral, recipient.publicKey()).value());
        QCOMPARE(agreement.sharedSecret(ephemeral.publicKey()).value(), z); // the pooled context again
        // A point is an EC notion: an OKP agreement refuses it.
        QCOMPARE(agreement.sharedSecretWithPoint(QByteArray(65, '\x04')).error().code, ErrorCode::KeyAlgMismatch);
        // RFC 7748 §6.1: the all-zero point is of low order, Z would be all zero.
        const CurveComponents zero{Curve::X25519, QByteArray(32, '\0'), {}, {}};
        const AsymmetricKey lowOrder = AsymmetricKey::fromCurve(zero).value();
        const Result<QByteArray> refused = agreement.sharedSecret(lowOrder);
        QVERIFY(!refused);
        QCOMPARE(refused.error().reason, QStringLiteral("epk-invalid"));
        QCOMPARE(agreement.sharedSecret(ephemeral.publicKey()).value(), z);
    }

    void refusesWhatCannotAgree()
    {
        const AsymmetricKey p256 = AsymmetricKey::generateCurve(Curve::P256).value();
        const AsymmetricKey p384 = AsymmetricKey::generateCurve(Curve::P384).value();
        QCOMPARE(EcdhAgreement().sharedSecret(p256.publicKey()).error().code, ErrorCode::KeyAlgMismatch);
        QCOMPARE(EcdhAgreement(p256.publicKey()).sharedSecret(p256.publicKey()).error().code,
                 ErrorCode::KeyAlgMismatch);
        QCOMPARE(EcdhAgreement(p256).sharedSecret(p384.publicKey()).error().code, ErrorCode::KeyAlgMismatch);
        // A P-384 point on a P-256 agreement: the wrong length for the curve.
        const Result<QByteArray> wrongCurve = EcdhAgreement(p256).sharedSecretWithPoint(uncompressed(p384.publicKey()));
        QCOMPARE(wrongCurve.error().code, ErrorCode::JweInvalid);
        QCOMPARE(EcdhAgreement(p256).sharedSecretWithPoint({}).error().reason, QStringLiteral("epk-invalid"));
    }

    // What the decode of an "epk" point refuses, on the curves a JWE recipient uses. sharedSecretWithPoint() relies
    // on the decode alone for the NIST curves (no second public-key check), so each row asserts the refusal and the
    // error it had while the second check was still made: code, reason and the message up to OpenSSL's queue.
    void refusesInvalidPoints_data()
    {
        QTest::addColumn<int>("curveValue"); // a Curve
        QTest::addColumn<QByteArray>("point");
        QTest::addColumn<QString>("message");

        // (0, sqrt(b)) is on both curves (b is a square mod p; p = 3 mod 4, so sqrt(b) = b^((p+1)/4) mod p).
        const QByteArray p256 = QByteArray::fromHex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        const QByteArray y256 = QByteArray::fromHex("66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4");
        const QByteArray p384 = QByteArray::fromHex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                                                    "feffffff0000000000000000ffffffff");
        const QByteArray y384 = QByteArray::fromHex("c306610fb0ae5a159cf45c06069f22a6c5eb3641c602d42dea2c4b4f75550793"
                                                    "406d80d2b91ad54f9048bd487af1ade1");
        const QString notUncompressed = QStringLiteral("invalid ephemeral public key: not an uncompressed EC point");
        struct Case
        {
            Curve curve;
            QByteArray prime;
            QByteArray rootOfB;
        };
        for (const Case& c : {Case{Curve::P256, p256, y256}, Case{Curve::P384, p384, y384}}) {
            const QString name = curveName(c.curve);
            const QString offCurve = name + QStringLiteral(": not a point on the curve");
            QByteArray valid = uncompressed(AsymmetricKey::generateCurve(c.curve).value().publicKey());
            QByteArray moved = valid;
            moved[moved.size() - 1] = char(moved.back() ^ 1); // y + 1 or y - 1: off the curve
            QTest::newRow(qPrintable(name + QStringLiteral(" off the curve"))) << int(c.curve) << moved << offCurve;
            // x = p: x mod p = 0, and (0, sqrt(b)) is on the curve, so only the range check refuses it (SEC 1
            // §2.3.4 step 3: an integer in [0, p-1]).
            QTest::newRow(qPrintable(name + QStringLiteral(" x = p, on the curve mod p")))
                << int(c.curve) << QByteArray('\x04' + c.prime + c.rootOfB) << offCurve;
            QTest::newRow(qPrintable(name + QStringLiteral(" x and y all ones (>= p)")))
                << int(c.curve) << QByteArray(1, '\x04').append(QByteArray(2 * c.prime.size(), '\xff')) << offCurve;
            QTest::newRow(qPrintable(name + QStringLiteral(" infinity (0x00)")))
                << int(c.curve) << QByteArray(1, '\0') << notUncompressed;
            QTest::newRow(qPrintable(name + QStringLiteral(" infinity as 0x04 and zeros")))
                << int(c.curve) << QByteArray(1, '\x04').append(QByteArray(2 * c.prime.size(), '\0')) << offCurve;
            QTest::newRow(qPrintable(name + QStringLiteral(" compressed")))
                << int(c.curve) << QByteArray('\x02' + valid.mid(1, c.prime.size())) << notUncompressed;
            QTest::newRow(qPrintable(name + QStringLiteral(" one byte short")))
                << int(c.curve) << valid.left(valid.size() - 1) << offCurve;
            QTest::newRow(qPrintable(name + QStringLiteral(" x only after 0x04")))
                << int(c.curve) << valid.left(1 + c.prime.size()) << offCurve;
        }
    }

    void refusesInvalidPoints()
    {
        QFETCH(int, curveValue);
        QFETCH(QByteArray, point);
        QFETCH(QString, message);
        const auto curve = Curve(curveValue);
        const EcdhAgreement agreement(AsymmetricKey::generateCurve(curve).value());
        const Result<QByteArray> z = agreement.sharedSecretWithPoint(point);
        QVERIFY(!z);
        QCOMPARE(z.error().code, ErrorCode::JweInvalid);
        QCOMPARE(z.error().reason, QStringLiteral("epk-invalid"));
        QCOMPARE(z.error().message.left(message.size()), message);
        // Only OpenSSL's error queue may follow: nothing from the public-key check it no longer makes.
        QVERIFY2(!z.error().message.contains(QStringLiteral("not a valid public key")), qPrintable(z.error().message));
        // The refused point dropped its context; the next agreement on the pool is right.
        const AsymmetricKey recipient = AsymmetricKey::generateCurve(curve).value();
        const AsymmetricKey ephemeral = AsymmetricKey::generateCurve(curve).value();
        const EcdhAgreement fresh(recipient);
        QVERIFY(!fresh.sharedSecretWithPoint(point));
        QCOMPARE(fresh.sharedSecretWithPoint(uncompressed(ephemeral.publicKey())).value(),
                 Ecdh::sharedSecret(ephemeral, recipient.publicKey()).value());
    }

    // The control for the x = p rows: the same point with x = 0 is accepted, so it is the range that refuses them.
    void acceptsTheInRangePointWithXZero()
    {
        const QByteArray y256 = QByteArray::fromHex("66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4");
        const EcdhAgreement agreement(AsymmetricKey::generateCurve(Curve::P256).value());
        const Result<QByteArray> z = agreement.sharedSecretWithPoint(QByteArray('\x04' + QByteArray(32, '\0') + y256));
        QVERIFY2(z, qPrintable(z ? QString() : z.error().toString()));
        QCOMPARE(z.value().size(), 32);
    }

    // Several threads share one agreement (JweDecrypter is const and used by the batch CLI's workers): each result
    // must be the one for its own peer.
    void threadsShareOnePool()
    {
        const AsymmetricKey recipient = AsymmetricKey::generateCurve(Curve::P256).value();
        const EcdhAgreement agreement(recipient);
        constexpr int kThreads = 4;
        constexpr int kPerThread = 24;
        std::vector<QByteArray> points;
        std::vector<QByteArray> expected;
        for (int i = 0; i < kThreads * kPerThread; ++i) {
            const AsymmetricKey ephemeral = AsymmetricKey::generateCurve(Curve::P256).value();
            points.push_back(uncompressed(ephemeral.publicKey()));
            expected.push_back(Ecdh::sharedSecret(ephemeral, recipient.publicKey()).value());
        }
        std::vector<QByteArray> got(points.size());
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = t * kPerThread; i < (t + 1) * kPerThread; ++i) {
                    // Every third agreement of a thread is an invalid point first: its context is dropped.
                    if (i % 3 == 0)
                        (void)agreement.sharedSecretWithPoint(QByteArray(65, '\x04'));
                    const Result<QByteArray> z = agreement.sharedSecretWithPoint(points[size_t(i)]);
                    got[size_t(i)] = z ? z.value() : QByteArray();
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        for (size_t i = 0; i < points.size(); ++i)
            QCOMPARE(got[i], expected[i]);
    }

    // Each thread keeps a context per agreement, found by the agreement it belongs to: two keys used alternately on
    // one thread, agreements freed and made again (a new one may get a freed one's address), refused points between
    // accepted ones, and this thread after a worker thread used the same agreement, must each give their own Z.
    void contextsBelongToTheirKeyAndThread()
    {
        const AsymmetricKey keys[2] = {AsymmetricKey::generateCurve(Curve::P256).value(),
                                       AsymmetricKey::generateCurve(Curve::P256).value()};
        std::vector<QByteArray> points;
        std::vector<QByteArray> expected[2];
        for (int i = 0; i < 4; ++i) {
            const AsymmetricKey ephemeral = AsymmetricKey::generateCurve(Curve::P256).value();
            points.push_back(uncompressed(ephemeral.publicKey()));
            for (int k = 0; k < 2; ++k)
                expected[k].push_back(Ecdh::sharedSecret(ephemeral, keys[k].publicKey()).value());
        }
        for (int round = 0; round < 6; ++round) {
            {
                const EcdhAgreement both[2] = {EcdhAgreement(keys[0]), EcdhAgreement(keys[1])};
                for (size_t i = 0; i < points.size(); ++i) {
                    for (int k = 0; k < 2; ++k) {
                        if (i == 2)
                            QVERIFY(!both[k].sharedSecretWithPoint(QByteArray(65, '\x04')));
                        QCOMPARE(both[k].sharedSecretWithPoint(points[i]).value(), expected[k][i]);
                    }
                }
            }
            // One agreement alive at a time, the key alternating: a context found by address would be the last one's.
            const int k = round % 2;
            const EcdhAgreement alone(keys[k]);
            QCOMPARE(alone.sharedSecretWithPoint(points[size_t(round % 4)]).value(), expected[k][size_t(round % 4)]);
        }
        const EcdhAgreement shared(keys[1]);
        QByteArray workerZ;
        std::thread worker([&] { workerZ = shared.sharedSecretWithPoint(points[0]).value(); });
        worker.join();
        QCOMPARE(workerZ, expected[1][0]);
        QCOMPARE(shared.sharedSecretWithPoint(points[1]).value(), expected[1][1]);
        QCOMPARE(EcdhAgreement(keys[0]).sharedSecretWithPoint(points[1]).value(), expected[0][1]);
    }
};

QTEST_GUILESS_MAIN(TestEcdhAgreement)
#include "TestEcdhAgreement.moc"
