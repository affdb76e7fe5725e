// SPDX-License-Identifier: MIT
// Token workbench responsiveness: decode + verify + render of a ~2 KB RS256 token, as after one keystroke
// (the 150 ms debounce itself is excluded). Prints median and p95 over alternating valid/tampered tokens.
#include "AsymmetricKey.h"
#include "CryptoInit.h"
#include "JsonText.h"
#include "JwtBuilder.h"
#include "TokenWorkbench.h"
#include "ValidationPanel.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
    if (!CryptoInit::init()) {
        return 2;
    }
    const int rounds = argc > 1 ? QByteArray(argv[1]).toInt() : 300;
    const Jwk key = Jwk::fromKey(AsymmetricKey::generateRsa(2048).value()).withKid(QStringLiteral("bench"));
    QJsonObject claims{{QStringLiteral("iss"), QStringLiteral("https://issuer.example/")},
                       {QStringLiteral("sub"), QStringLiteral("user-1")},
                       {QStringLiteral("aud"), QStringLiteral("api")},
                       {QStringLiteral("exp"), 4102444800LL},
                       {QStringLiteral("iat"), 1700000000}};
    claims.insert(QStringLiteral("scope"), QString(QStringLiteral("read:messages ")).repeated(80).trimmed());
    const QByteArray token = JwtBuilder::sign(QStringLiteral("RS256"), claims, key).value();
    QByteArray tampered = token;
    tampered[tampered.size() - 10] = tampered[tampered.size() - 10] == 'A' ? 'B' : 'A';

    TokenWorkbench workbench;
    workbench.resize(1280, 820);
    workbench.show();
    workbench.validationPanel()->setKeySource(ValidationPanel::KeySource::Jwk);
    workbench.validationPanel()->setKeyText(QString::fromUtf8(JsonText::compact(key.publicJwk().toJson())));
    QApplication::processEvents();

    std::vector<double> ms;
    ms.reserve(size_t(rounds));
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer timer;
        timer.start();
        workbench.openToken(i % 2 ? tampered : token, QStringLiteral("bench"));
        workbench.analyseNow();
        workbench.repaint(); // paint synchronously, as the next frame would
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        QApplication::processEvents();
    }
    const bool lastValid = workbench.analysis().verdict == TokenAnalysis::Verdict::Invalid;
    std::sort(ms.begin(), ms.end());
    std::printf("token %lld bytes, %d rounds: median %.2f ms, p95 %.2f ms, max %.2f ms (last verdict %s)\n",
                static_cast<long long>(token.size()), rounds, ms[ms.size() / 2], ms[ms.size() * 95 / 100], ms.back(),
                lastValid ? "Invalid as expected" : "UNEXPECTED");
    return lastValid ? 0 : 1;
}
