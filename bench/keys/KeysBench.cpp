// SPDX-License-Identifier: MIT
// Keys workspace benchmark: a 1,000-key JWK Set through the engine (parse + lint + summaries) and through the
// workspace (worker thread + table), with the longest pause of the GUI thread; plus a 10 MB document.
// Usage: tokenscope_bench_keys [ROUNDS]   (run offscreen: QT_QPA_PLATFORM=offscreen)
#include "crypto/CryptoInit.h"
#include "gui/KeysWorkspace.h"
#include "jose/KeySetAnalysis.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {
QByteArray thousandKeySet()
{
    // 1,000 keys with unique kids: RSA 2048, EC P-256 and Ed25519 in the proportions real issuers publish.
    QList<Jwk> material;
    for (int i = 0; i < 10; ++i) {
        material.append(Jwk::fromKey(AsymmetricKey::generateRsa(2048).value()));
        material.append(Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value()));
        material.append(Jwk::fromKey(AsymmetricKey::generateCurve(Curve::Ed25519).value()));
    }
    QJsonArray keys;
    for (int i = 0; i < 1000; ++i) {
        const Jwk& k = material.at(i % material.size());
        const QString alg = k.kty() == Jwk::Kty::Rsa  ? QStringLiteral("RS256")
                            : k.kty() == Jwk::Kty::Ec ? QStringLiteral("ES256")
                                                      : QStringLiteral("EdDSA");
        keys.append(k.publicJwk()
                        .withKid(QStringLiteral("key-%1").arg(i))
                        .withAlg(alg)
                        .withUse(QStringLiteral("sig"))
                        .toJson());
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("keys"), keys}}).toJson(QJsonDocument::Compact);
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}
} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    if (!CryptoInit::init().ok()) {
        std::fprintf(stderr, "crypto self-test failed\n");
        return 1;
    }
    const int rounds = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 10;
    const QByteArray text = thousandKeySet();

    QList<double> engine;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        auto analysis = KeySetAnalysis::analyse(text);
        engine.append(t.nsecsElapsed() / 1e6);
        if (!analysis || analysis->keys.keys().size() != 1000) {
            std::fprintf(stderr, "analysis failed\n");
            return 1;
        }
    }

    QTemporaryDir history;
    KeysWorkspace workspace;
    workspace.setHistoryDirectory(history.path());
    workspace.resize(1280, 820);
    workspace.show();
    QList<double> endToEnd;
    QList<double> gaps;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer total;
        QElapsedTimer gap;
        qint64 maxGap = 0;
        QTimer ticker;
        ticker.setInterval(1);
        QObject::connect(&ticker, &QTimer::timeout, [&] { maxGap = std::max(maxGap, gap.restart()); });
        bool done = false;
        auto connection = QObject::connect(&workspace, &KeysWorkspace::loaded, [&] { done = true; });
        total.start();
        gap.start();
        ticker.start();
        workspace.loadText(text, QStringLiteral("bench"));
        while (!done) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        }
        QCoreApplication::processEvents(); // the first paint of the filled table
        endToEnd.append(total.nsecsElapsed() / 1e6);
        ticker.stop();
        QObject::disconnect(connection);
        gaps.append(double(std::max(maxGap, gap.elapsed())));
    }
    const int rows = workspace.findChild<QTableView*>(QStringLiteral("keysTableView"))->model()->rowCount();

    // A 10 MB document (a huge member beside an empty set): parsed on the worker, never on the GUI thread.
    const QByteArray big = QByteArray("{\"keys\":[],\"x\":\"") + QByteArray(10 * 1024 * 1024, 'a') + "\"}";
    QElapsedTimer bigTimer;
    bigTimer.start();
    auto bigAnalysis = KeySetAnalysis::analyse(big);
    const double bigMs = bigTimer.nsecsElapsed() / 1e6;

    std::printf("keys bench: %d rounds, 1,000-key JWKS of %lld bytes, %d table rows\n", rounds,
                static_cast<long long>(text.size()), rows);
    std::printf("  engine (parse + lint + summaries), median: %.1f ms\n", median(engine));
    std::printf("  workspace load -> table shown, median: %.1f ms (target <= 200 ms)\n", median(endToEnd));
    std::printf("  longest GUI-thread pause during a load, median: %.0f ms, worst: %.0f ms (target < 100 ms)\n",
                median(gaps), *std::max_element(gaps.begin(), gaps.end()));
    std::printf("  10 MB document analysed in %.1f ms (%s)\n", bigMs, bigAnalysis ? "ok" : "error");
    return 0;
}
