// SPDX-License-Identifier: MIT
// Token workbench responsiveness: one keystroke in the token editor of a ~2 KB RS256 token, then decode + verify +
// widget update (TokenWorkbench::analyseNow, the debounce itself excluded), then the event processing that lays out
// and paints the changed widgets. Alternates a valid and a tampered signature so every round changes the verdict.
#include "core/JsonText.h"
#include "crypto/AsymmetricKey.h"
#include "crypto/CryptoInit.h"
#include "gui/TokenWorkbench.h"
#include "gui/ValidationPanel.h"
#include "jose/JwtBuilder.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>

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
    // "fixed-clock": pin the workbench's clock (virtual clock), for instruction-count profiles under valgrind,
    // where every keystroke would otherwise cross a second and also re-render the once-a-second countdowns.
    const bool fixedClock = argc > 2 && QByteArray(argv[2]) == "fixed-clock";
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
    if (fixedClock)
        workbench.validationPanel()->setVirtualNow(1800000000);
    QApplication::processEvents();

    workbench.openToken(token, QStringLiteral("bench"));
    workbench.analyseNow();
    QApplication::processEvents();
    auto* editor = workbench.findChild<QPlainTextEdit*>(QStringLiteral("tokenPlainTextEdit"));
    if (!editor) {
        return 2;
    }
    std::vector<double> update, total;
    update.reserve(size_t(rounds));
    total.reserve(size_t(rounds));
    const int position = int(token.size()) - 10;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer timer;
        timer.start();
        // The keystroke: overwrite one signature character, as typing would.
        QTextCursor cursor(editor->document());
        cursor.setPosition(position);
        cursor.setPosition(position + 1, QTextCursor::KeepAnchor);
        cursor.insertText(QString(QLatin1Char((i % 2 ? tampered : token)[position])));
        workbench.analyseNow();
        update.push_back(double(timer.nsecsElapsed()) / 1e6);
        QApplication::processEvents(); // layout + paint of what changed
        total.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const bool lastValid = workbench.analysis().verdict == TokenAnalysis::Verdict::Invalid;
    std::sort(update.begin(), update.end());
    std::sort(total.begin(), total.end());
    const auto at = [](const std::vector<double>& v, int pct) { return v[v.size() * size_t(pct) / 100]; };
    std::printf("token %lld bytes, %d keystrokes\n", static_cast<long long>(token.size()), rounds);
    std::printf("  decode+verify+widget update: median %.2f ms, p95 %.2f ms\n", at(update, 50), at(update, 95));
    std::printf("  ... plus layout and paint:   median %.2f ms, p95 %.2f ms\n", at(total, 50), at(total, 95));
    std::printf("  last verdict: %s\n", lastValid ? "Invalid (as expected)" : "UNEXPECTED");

    // Pasting 10 MB of garbage (the UI never blocks for more than 100 ms): the editor's own paste path
    // (Ctrl+V) and the Paste button, each up to the refusal message, with the event processing after it.
    QByteArray garbage(10 * 1024 * 1024, 'x');
    for (qsizetype i = 0; i < garbage.size(); i += 7)
        garbage[i] = char('!' + (i % 90));
    QGuiApplication::clipboard()->setText(QString::fromLatin1(garbage));
    auto* pasteButton = workbench.findChild<QPushButton*>(QStringLiteral("pasteTokenPushButton"));
    double worstEditor = 0, worstButton = 0;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        editor->paste();
        QApplication::processEvents();
        worstEditor = std::max(worstEditor, double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        pasteButton->click();
        QApplication::processEvents();
        worstButton = std::max(worstButton, double(timer.nsecsElapsed()) / 1e6);
    }
    const bool refused = editor->document()->characterCount() < 4096;
    std::printf("paste of 10 MiB of garbage (5 times, worst): editor Ctrl+V %.1f ms, Paste button %.1f ms; %s\n",
                worstEditor, worstButton, refused ? "refused, token kept" : "UNEXPECTED: accepted");
    return lastValid && refused ? 0 : 1;
}
