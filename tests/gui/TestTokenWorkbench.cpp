// SPDX-License-Identifier: MIT
#include "core/Base64Url.h"
#include "crypto/AsymmetricKey.h"
#include "crypto/CryptoInit.h"
#include "crypto/Hmac.h"
#include "crypto/Signer.h"
#include "gui/AboutDialog.h"
#include "gui/ComparePanel.h"
#include "gui/EncoderPanel.h"
#include "gui/MainWindow.h"
#include "gui/Theme.h"
#include "gui/TokenWorkbench.h"
#include "gui/TokenWorkbenchDpopPanel.h"
#include "gui/ValidationPanel.h"
#include "jose/AlgorithmTable.h"
#include "jose/CompactToken.h"
#include "jose/DpopProof.h"
#include "jose/Jwk.h"
#include "jose/JwtBuilder.h"

#include "support/JwksTestServer.h"
#include "support/KeyTestData.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFrame>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>
#include <QTreeWidget>

#include <cmath>

class TestTokenWorkbench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dpopProofAndBindingExplained();
    void initTestCase();
    void init();
    void cleanup();
    void rfc7515A2ShowsRs256();
    void rfc7515A2VerifiesWithItsKey();
    void rfc7515A2SignatureOnly();
    void expiredTokenMarksExpRed();
    void wrongAudienceFailsAudStep();
    void algNoneIsLintedAndNotVerified();
    void encoderRoundTrip();
    void encoderDoesNotTouchTokenUnderTest();
    void tenMegabytesOfGarbageIsRefused();
    void demoOpensVerified();
    void oneChangedCharacterIsInvalid();
    void bearerPrefixIsToleratedAndMentioned();
    void parseErrorPositionIsReported();
    void switchingWorkspacesLosesNothing();
    void compareHighlightsDifferences();
    void secretsAreNeverPersisted();
    void aboutShowsVersions();
    void clipboardOfferOpensAndDismisses();
    void checklistRowsFollowVerdictFlips();
    void recentTokensOffByDefaultAndRedacted();
    void copyActionsAndUseInRequest();
    void droppedFileIsOpened();
    void geometryPersistsAcrossWindows();
    void everyControlHasAnAccessibleName();
    void tabOrderFollowsTheLayout();
    void darkPaletteIsReadable();
    void pemKeySourceVerifiesRfc7515A2();
    void jwksUrlIsFetchedOnlyOnClick();
    void discoveryIsFetchedOnlyOnClick();
    void encoderShowsLiveSyntaxErrors();
    void encoderGeneratesKeyAndRoundTrips();
    void encoderTimeButtonsSetNumericDates();
    void encoderAttackMenuOffersTheProbesTokens();
    void jsonTreeShowsExactLiterals();
    void menuActionsHaveStandardShortcuts();
    void menuActionsDoWhatTheySay();

private:
    static QJsonObject rfcA2();
    static QString verdict(const TokenWorkbench& workbench);
    /// Status name ("passed", "failed", ...) and code of a checklist step, by step id.
    static QPair<QString, QString> step(const TokenWorkbench& workbench, const QString& id);
    static void setKey(TokenWorkbench& workbench, ValidationPanel::KeySource source, const QByteArray& text);
    /// The details column of a checklist step, by step id.
    static QString stepDetail(const TokenWorkbench& workbench, const QString& id);
    /// An RS256 token signed with the attack vectors' "rsa-1" key (kid in the header), valid until 2100.
    static QByteArray rsa1Token(const QString& issuer);
    /// Selects a remote key source and checks that nothing was fetched before the Fetch click.
    void fetchOnClick(JwksTestServer& server, ValidationPanel::KeySource source);

    MainWindow* m_window = nullptr;
    TokenWorkbench* m_workbench = nullptr;
};

void TestTokenWorkbench::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TokenscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestTokenWorkbench"));
    QVERIFY(CryptoInit::init().ok());
}

void TestTokenWorkbench::init()
{
    QSettings().clear();
    m_window = new MainWindow;
    m_workbench = m_window->tokenWorkbench();
    QVERIFY(m_workbench);
}

void TestTokenWorkbench::cleanup()
{
    delete m_window;
    m_window = nullptr;
    m_workbench = nullptr;
}

QJsonObject TestTokenWorkbench::rfcA2()
{
    QFile file(QStringLiteral(TOKENSCOPE_TEST_DATA "/gui-rfc7515-A.2-RS256.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data");
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString TestTokenWorkbench::verdict(const TokenWorkbench& workbench)
{
    return workbench.findChild<QLabel*>(QStringLiteral("verdictLabel"))->text();
}

QPair<QString, QString> TestTokenWorkbench::step(const TokenWorkbench& workbench, const QString& id)
{
    auto* tree = workbench.findChild<QTreeWidget*>(QStringLiteral("stepsTreeWidget"));
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = tree->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toString() == id)
            return {item->data(0, Qt::UserRole + 1).toString(), item->data(0, Qt::UserRole + 2).toString()};
    }
    return {};
}

void TestTokenWorkbench::setKey(TokenWorkbench& workbench, ValidationPanel::KeySource source, const QByteArray& text)
{
    auto* sourceCombo = workbench.findChild<QComboBox*>(QStringLiteral("keySourceComboBox"));
    sourceCombo->setCurrentIndex(sourceCombo->findData(int(source)));
    workbench.findChild<QPlainTextEdit*>(QStringLiteral("keyPlainTextEdit"))->setPlainText(QString::fromUtf8(text));
    workbench.analyseNow();
}

void TestTokenWorkbench::rfc7515A2ShowsRs256()
{
    // RFC 7515 A.2: typed into the input, analysed after the debounce.
    auto* input = m_workbench->findChild<QPlainTextEdit*>(QStringLiteral("tokenPlainTextEdit"));
    QVERIFY(input);
    input->setPlainText(rfcA2().value(QStringLiteral("token")).toString());
    QTRY_VERIFY(m_workbench->analysis().hasToken());
    const QString message = m_workbench->findChild<QLabel*>(QStringLiteral("inputMessageLabel"))->text();
    QVERIFY2(message.contains(QStringLiteral("RS256")), qPrintable(message));
    QVERIFY(m_workbench->findChild<QPlainTextEdit*>(QStringLiteral("headerPlainTextEdit"))
                ->toPlainText()
                .contains(QStringLiteral("\"RS256\"")));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Not verified (no key)"));
    // The claims table keeps the RFC's literal and explains the claim.
    auto* claims = m_workbench->findChild<QTableWidget*>(QStringLiteral("claimsTableWidget"));
    QCOMPARE(claims->rowCount(), 3);
    QCOMPARE(claims->item(0, 0)->text(), QStringLiteral("iss"));
    QVERIFY(claims->item(0, 3)->text().contains(QStringLiteral("Issuer")));
    QCOMPARE(claims->item(1, 1)->text(), QStringLiteral("1300819380"));
    QVERIFY(claims->item(1, 2)->text().contains(QStringLiteral("2011-03-22 18:43:00 UTC")));
    QVERIFY(claims->item(1, 2)->text().contains(QStringLiteral("local")));
}

void TestTokenWorkbench::rfc7515A2VerifiesWithItsKey()
{
    // The RFC token expired in 2011: the virtual clock puts "now" just before its exp.
    m_workbench->validationPanel()->setVirtualNow(1300819300);
    setKey(*m_workbench, ValidationPanel::KeySource::Jwk,
           QJsonDocument(rfcA2().value(QStringLiteral("jwk")).toObject()).toJson());
    m_workbench->openToken(rfcA2().value(QStringLiteral("token")).toString().toUtf8(), QStringLiteral("test"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    QCOMPARE(step(*m_workbench, QStringLiteral("signature")).first, QStringLiteral("passed"));
    QCOMPARE(step(*m_workbench, QStringLiteral("exp")).first, QStringLiteral("passed"));
    auto* clockLabel = m_workbench->findChild<QLabel*>(QStringLiteral("virtualClockLabel"));
    QVERIFY(!clockLabel->isHidden());
    QVERIFY(clockLabel->text().contains(QStringLiteral("2011-03-22")));
    // The countdown uses the virtual clock too.
    auto* claims = m_workbench->findChild<QTableWidget*>(QStringLiteral("claimsTableWidget"));
    QVERIFY2(claims->item(1, 2)->text().startsWith(QStringLiteral("expires in 1 min 20 s")),
             qPrintable(claims->item(1, 2)->text()));
}

void TestTokenWorkbench::rfc7515A2SignatureOnly()
{
    setKey(*m_workbench, ValidationPanel::KeySource::Jwk,
           QJsonDocument(rfcA2().value(QStringLiteral("jwk")).toObject()).toJson());
    m_workbench->findChild<QCheckBox*>(QStringLiteral("signatureOnlyCheckBox"))->setChecked(true);
    m_workbench->openToken(rfcA2().value(QStringLiteral("token")).toString().toUtf8(), QStringLiteral("test"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    QVERIFY(m_workbench->findChild<QLabel*>(QStringLiteral("verdictDetailLabel"))
                ->text()
                .contains(QStringLiteral("claims not checked")));
}

void TestTokenWorkbench::expiredTokenMarksExpRed()
{
    // RFC 7515 A.2 with its key and the real clock: expired since 2011.
    setKey(*m_workbench, ValidationPanel::KeySource::Jwk,
           QJsonDocument(rfcA2().value(QStringLiteral("jwk")).toObject()).toJson());
    m_workbench->openToken(rfcA2().value(QStringLiteral("token")).toString().toUtf8(), QStringLiteral("test"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Invalid"));
    QCOMPARE(step(*m_workbench, QStringLiteral("signature")).first, QStringLiteral("passed"));
    const auto exp = step(*m_workbench, QStringLiteral("exp"));
    QCOMPARE(exp.first, QStringLiteral("failed"));
    QCOMPARE(exp.second, QStringLiteral("ERR_JWT_EXPIRED"));
    QVERIFY(m_workbench->findChild<QLabel*>(QStringLiteral("verdictDetailLabel"))
                ->text()
                .contains(QStringLiteral("ERR_JWT_EXPIRED")));
    auto* claims = m_workbench->findChild<QTableWidget*>(QStringLiteral("claimsTableWidget"));
    QCOMPARE(claims->item(1, 0)->text(), QStringLiteral("exp"));
    QCOMPARE(claims->item(1, 0)->data(Qt::UserRole + 1).toString(), QStringLiteral("expired"));
    const QColor color = claims->item(1, 0)->foreground().color();
    QVERIFY2(color.red() > 150 && color.green() < 120, qPrintable(color.name()));
    QVERIFY(claims->item(1, 2)->text().startsWith(QStringLiteral("expired ")));
    // Other rows are not red.
    QVERIFY(claims->item(0, 0)->data(Qt::UserRole + 1).toString().isEmpty());
}

void TestTokenWorkbench::wrongAudienceFailsAudStep()
{
    m_workbench->openDemo();
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    m_workbench->findChild<QLineEdit*>(QStringLiteral("audienceLineEdit"))->setText(QStringLiteral("another-api"));
    m_workbench->analyseNow();
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Invalid"));
    const auto aud = step(*m_workbench, QStringLiteral("aud"));
    QCOMPARE(aud.first, QStringLiteral("failed"));
    QCOMPARE(aud.second, QStringLiteral("ERR_JWT_CLAIM_VALIDATION_FAILED"));
    QCOMPARE(step(*m_workbench, QStringLiteral("signature")).first, QStringLiteral("passed"));
}

void TestTokenWorkbench::algNoneIsLintedAndNotVerified()
{
    // RFC 7519 §6.1 unsecured JWT.
    const QByteArray token = Base64Url::encode("{\"alg\":\"none\"}") + '.' +
                             Base64Url::encode("{\"sub\":\"admin\",\"exp\":4102444800}") + '.';
    m_workbench->openToken(token, QStringLiteral("test"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Not verified (no key)"));
    auto* lint = m_workbench->findChild<QTreeWidget*>(QStringLiteral("lintTreeWidget"));
    bool found = false;
    for (int i = 0; i < lint->topLevelItemCount(); ++i)
        found = found || lint->topLevelItem(i)->data(0, Qt::UserRole).toString() == QLatin1String("alg-none");
    QVERIFY(found);
    // With a key, alg none is never accepted.
    setKey(*m_workbench, ValidationPanel::KeySource::Secret, "a secret that is long enough for HS256 ok!");
    QVERIFY(verdict(*m_workbench) != QStringLiteral("Verified"));
    QCOMPARE(m_workbench->analysis().verdict, TokenAnalysis::Verdict::Invalid);
}

void TestTokenWorkbench::encoderRoundTrip()
{
    EncoderPanel* encoder = m_workbench->encoderPanel();
    auto* algorithm = encoder->findChild<QComboBox*>(QStringLiteral("encoderAlgorithmComboBox"));
    algorithm->setCurrentText(QStringLiteral("HS256"));
    auto* payload = encoder->findChild<QPlainTextEdit*>(QStringLiteral("encoderPayloadPlainTextEdit"));
    payload->setPlainText(QStringLiteral("{\n  \"sub\": \"round-trip\",\n  \"n\": 12345678901234567890,\n"
                                         "  \"exp\": 4102444800\n}"));
    QTest::mouseClick(encoder->findChild<QPushButton*>(QStringLiteral("setIatPushButton")), Qt::LeftButton);
    encoder->signNow();
    QVERIFY2(!encoder->token().isEmpty(),
             qPrintable(encoder->findChild<QLabel*>(QStringLiteral("encoderErrorLabel"))->text()));
    QVERIFY(payload->toPlainText().contains(QStringLiteral("\"iat\"")));
    QTest::mouseClick(encoder->findChild<QPushButton*>(QStringLiteral("useTokenPushButton")), Qt::LeftButton);
    QCOMPARE(m_workbench->currentToken(), encoder->token());
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    QCOMPARE(m_workbench->analysis().token.alg(), QStringLiteral("HS256"));
    // The exact literal survived signing and decoding.
    QVERIFY(m_workbench->findChild<QPlainTextEdit*>(QStringLiteral("payloadPlainTextEdit"))
                ->toPlainText()
                .contains(QStringLiteral("12345678901234567890")));
}

void TestTokenWorkbench::encoderDoesNotTouchTokenUnderTest()
{
    m_workbench->openDemo();
    const QByteArray before = m_workbench->currentToken();
    auto* payload =
        m_workbench->encoderPanel()->findChild<QPlainTextEdit*>(QStringLiteral("encoderPayloadPlainTextEdit"));
    payload->setPlainText(QStringLiteral("{\"sub\":\"someone else\"}"));
    m_workbench->encoderPanel()->signNow();
    QVERIFY(!m_workbench->encoderPanel()->token().isEmpty());
    m_workbench->analyseNow();
    QCOMPARE(m_workbench->currentToken(), before);
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
}

void TestTokenWorkbench::tenMegabytesOfGarbageIsRefused()
{
    m_workbench->openDemo();
    const QByteArray before = m_workbench->currentToken();
    QByteArray garbage(10 * 1024 * 1024, 'x');
    for (qsizetype i = 0; i < garbage.size(); i += 7)
        garbage[i] = char('!' + (i % 90));
    QGuiApplication::clipboard()->setText(QString::fromLatin1(garbage));

    auto* input = m_workbench->findChild<QPlainTextEdit*>(QStringLiteral("tokenPlainTextEdit"));
    auto* message = m_workbench->findChild<QLabel*>(QStringLiteral("inputMessageLabel"));
    // How long this takes is measured in bench/keystroke-bench.sh (docs/PERFORMANCE.md), not asserted here.
    input->paste(); // the editor's own paste path (Ctrl+V)
    QVERIFY2(message->text().contains(QStringLiteral("ERR_INPUT_TOO_LARGE")), qPrintable(message->text()));
    QVERIFY(input->document()->characterCount() < 4096);

    QTest::mouseClick(m_workbench->findChild<QPushButton*>(QStringLiteral("pasteTokenPushButton")), Qt::LeftButton);
    QVERIFY(message->text().contains(QStringLiteral("ERR_INPUT_TOO_LARGE")));

    QVERIFY(!m_workbench->openToken(garbage, QStringLiteral("test")));
    m_workbench->analyseNow();
    QCOMPARE(m_workbench->currentToken(), before);
    QGuiApplication::clipboard()->clear();
}

void TestTokenWorkbench::demoOpensVerified()
{
    QVERIFY(m_window->isFirstRun());
    m_window->openDemo();
    QVERIFY(!m_window->isFirstRun());
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    QCOMPARE(m_workbench->analysis().token.alg(), QStringLiteral("RS256"));
    auto* tree = m_workbench->findChild<QTreeWidget*>(QStringLiteral("stepsTreeWidget"));
    QVERIFY(tree->topLevelItemCount() >= 8);
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        QVERIFY(tree->topLevelItem(i)->data(0, Qt::UserRole + 1).toString() != QLatin1String("failed"));
}

void TestTokenWorkbench::oneChangedCharacterIsInvalid()
{
    m_window->openDemo();
    QByteArray token = m_workbench->currentToken();
    const qsizetype dot = token.indexOf('.');
    token[dot + 10] = token[dot + 10] == 'A' ? 'B' : 'A';
    m_workbench->openToken(token, QStringLiteral("test"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Invalid"));
    const auto signature = step(*m_workbench, QStringLiteral("signature"));
    QCOMPARE(signature.first, QStringLiteral("failed"));
    QCOMPARE(signature.second, QStringLiteral("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
}

void TestTokenWorkbench::bearerPrefixIsToleratedAndMentioned()
{
    const QByteArray token = rfcA2().value(QStringLiteral("token")).toString().toUtf8();
    m_workbench->openToken("  Bearer " + token + "\n", QStringLiteral("test"));
    QCOMPARE(m_workbench->currentToken(), token);
    const QString message = m_workbench->findChild<QLabel*>(QStringLiteral("inputMessageLabel"))->text();
    QVERIFY2(message.contains(QStringLiteral("Bearer"), Qt::CaseInsensitive), qPrintable(message));
}

void TestTokenWorkbench::parseErrorPositionIsReported()
{
    m_workbench->openToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0$.c2ln", QStringLiteral("test"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Malformed"));
    const QString message = m_workbench->findChild<QLabel*>(QStringLiteral("inputMessageLabel"))->text();
    QVERIFY2(message.contains(QStringLiteral("ERR_JWS_INVALID")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("at character")), qPrintable(message));
}

void TestTokenWorkbench::switchingWorkspacesLosesNothing()
{
    m_window->openDemo();
    const QByteArray token = m_workbench->currentToken();
    m_workbench->findChild<QLineEdit*>(QStringLiteral("requiredClaimsLineEdit"))->setText(QStringLiteral("jti"));
    for (int i = 0; i < m_window->workspaceCount(); ++i)
        m_window->setCurrentWorkspace(i);
    m_window->setCurrentWorkspace(MainWindow::TokenWorkspace);
    m_workbench->analyseNow();
    QCOMPARE(m_workbench->currentToken(), token);
    QCOMPARE(m_workbench->findChild<QLineEdit*>(QStringLiteral("requiredClaimsLineEdit"))->text(),
             QStringLiteral("jti"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    QCOMPARE(m_window->workspaceCount(), 4);
}

void TestTokenWorkbench::compareHighlightsDifferences()
{
    const QByteArray a =
        Base64Url::encode("{\"alg\":\"none\"}") + '.' + Base64Url::encode("{\"sub\":\"a\",\"x\":1}") + '.';
    const QByteArray b =
        Base64Url::encode("{\"alg\":\"none\"}") + '.' + Base64Url::encode("{\"sub\":\"b\",\"x\":1}") + '.';
    ComparePanel* compare = m_workbench->comparePanel();
    compare->setToken(0, a);
    compare->setToken(1, b);
    QCOMPARE(compare->differenceCount(), 1);
    compare->setToken(1, a);
    QCOMPARE(compare->differenceCount(), 0);
}

void TestTokenWorkbench::secretsAreNeverPersisted()
{
    const QByteArray secret = "super-secret-hmac-key-material-0123456789";
    setKey(*m_workbench, ValidationPanel::KeySource::Secret, secret);
    m_workbench->openDemo();
    m_window->saveSettings();
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray stored = file.readAll();
    QVERIFY(!stored.contains(secret));
    QVERIFY(!stored.contains(m_workbench->currentToken().left(40)));
    QVERIFY(stored.contains("issuer"));
}

void TestTokenWorkbench::aboutShowsVersions()
{
    const QString text = AboutDialog::versionText();
    QVERIFY2(text.contains(QStringLiteral("Qt ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("OpenSSL")), qPrintable(text));
}

void TestTokenWorkbench::clipboardOfferOpensAndDismisses()
{
    m_window->openDemo();
    const QByteArray demo = m_workbench->currentToken();
    auto* frame = m_workbench->findChild<QFrame*>(QStringLiteral("clipboardOfferFrame"));
    QVERIFY(frame);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));

    // The token under test itself, or something that is not a token: no offer.
    QGuiApplication::clipboard()->setText(QString::fromUtf8(demo));
    m_workbench->checkClipboard();
    QVERIFY(frame->isHidden());
    QGuiApplication::clipboard()->setText(QStringLiteral("just some text"));
    m_workbench->checkClipboard();
    QVERIFY(frame->isHidden());

    // A different token (with a leading "Bearer "): offered, non-modal, with its alg; opening replaces the token.
    const QByteArray other = rfcA2().value(QStringLiteral("token")).toString().toUtf8();
    QGuiApplication::clipboard()->setText(QString::fromUtf8("Bearer " + other));
    // The window's activation is what triggers the check in the app.
    QEvent activation(QEvent::ActivationChange);
    QApplication::sendEvent(m_window, &activation);
    if (m_window->isActiveWindow())
        QTRY_VERIFY(!frame->isHidden());
    else
        m_workbench->checkClipboard(); // offscreen may not activate the window; the check itself is under test
    QVERIFY(!frame->isHidden());
    const QString offer = m_workbench->findChild<QLabel*>(QStringLiteral("clipboardOfferLabel"))->text();
    QVERIFY2(offer.contains(QStringLiteral("RS256")), qPrintable(offer));
    QCOMPARE(m_workbench->currentToken(), demo); // nothing replaced before the user says so
    QTest::mouseClick(m_workbench->findChild<QPushButton*>(QStringLiteral("openClipboardPushButton")), Qt::LeftButton);
    QVERIFY(frame->isHidden());
    QCOMPARE(m_workbench->currentToken(), other);

    // The same clipboard again is not offered again; a new one is, and Dismiss leaves the token alone.
    m_workbench->checkClipboard();
    QVERIFY(frame->isHidden());
    QGuiApplication::clipboard()->setText(QString::fromUtf8(demo));
    m_workbench->checkClipboard();
    QVERIFY(!frame->isHidden());
    QTest::mouseClick(m_workbench->findChild<QPushButton*>(QStringLiteral("dismissClipboardPushButton")),
                      Qt::LeftButton);
    QVERIFY(frame->isHidden());
    QCOMPARE(m_workbench->currentToken(), other);
    m_workbench->checkClipboard();
    QVERIFY(frame->isHidden()); // dismissed means dismissed for this clipboard content
}

void TestTokenWorkbench::checklistRowsFollowVerdictFlips()
{
    // The checklist is updated in place per keystroke: after Verified → Invalid → Verified no row may keep the
    // failed row's text, colour or bold font, and the row count must follow the steps.
    m_window->openDemo();
    auto* tree = m_workbench->findChild<QTreeWidget*>(QStringLiteral("stepsTreeWidget"));
    auto* input = m_workbench->findChild<QPlainTextEdit*>(QStringLiteral("tokenPlainTextEdit"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    const auto snapshot = [tree] {
        QStringList rows;
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* item = tree->topLevelItem(i);
            rows << QStringList{item->text(0), item->text(1), item->text(2), item->foreground(2).color().name(),
                                item->font(1).bold() ? QStringLiteral("bold") : QStringLiteral("normal")}
                        .join(QLatin1Char('|'));
        }
        return rows;
    };
    const QStringList verified = snapshot();
    QVERIFY(verified.size() > 3);
    for (const QString& row : verified)
        QVERIFY2(row.contains(QStringLiteral("|normal")), qPrintable(row));

    const QString original = input->toPlainText();
    QString tampered = original;
    const qsizetype at = tampered.size() - 5;
    tampered[at] = tampered[at] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    input->setPlainText(tampered);
    m_workbench->analyseNow();
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Invalid"));
    QCOMPARE(step(*m_workbench, QStringLiteral("signature")).first, QStringLiteral("failed"));
    const QStringList invalid = snapshot();
    QVERIFY(invalid != verified);
    QVERIFY(invalid.filter(QStringLiteral("|bold")).size() == 1);

    input->setPlainText(original);
    m_workbench->analyseNow();
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    QCOMPARE(snapshot(), verified);
    // A fresh workbench shows the same rows as the one updated in place.
    MainWindow fresh;
    fresh.openDemo();
    auto* freshTree = fresh.tokenWorkbench()->findChild<QTreeWidget*>(QStringLiteral("stepsTreeWidget"));
    QCOMPARE(freshTree->topLevelItemCount(), tree->topLevelItemCount());
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        QCOMPARE(freshTree->topLevelItem(i)->text(2), tree->topLevelItem(i)->text(2));
}

namespace {
// WCAG 2.x relative luminance and contrast ratio; 4.5:1 is AA for normal text.
double luminance(const QColor& color)
{
    auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette darkPalette()
{
    // A dark Fusion palette as dark desktop themes set it (independent of QT_QPA_PLATFORMTHEME).
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x2f, 0x2f, 0x2f));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x55, 0x55, 0x55));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x55, 0x55, 0x55));
    return p;
}
} // namespace

void TestTokenWorkbench::recentTokensOffByDefaultAndRedacted()
{
    RecentTokens& recent = m_workbench->recentTokens();
    QVERIFY(!recent.isEnabled());
    m_window->openDemo();
    QVERIFY(recent.entries().isEmpty()); // off: nothing remembered

    recent.setEnabled(true);
    const QByteArray demo = m_workbench->currentToken();
    m_workbench->openToken(demo, QStringLiteral("test"));
    QCOMPARE(recent.entries().size(), 1);
    const RecentTokens::Entry entry = recent.entries().first();
    QVERIFY(entry.token.isEmpty());
    QVERIFY(!entry.pinned);
    QVERIFY(entry.preview.startsWith(QStringLiteral("RS256 · ")));
    const QList<QByteArray> parts = demo.split('.');
    QVERIFY(!entry.preview.contains(QString::fromLatin1(parts.at(1).left(12))));
    QVERIFY(!entry.preview.contains(QString::fromLatin1(parts.at(2).left(12))));
    recent.pin(demo, QStringLiteral("RS256"));
    QCOMPARE(recent.entries().first().token, demo);
    QVERIFY(recent.entries().first().pinned);

    // The switch persists, the tokens never do.
    m_window->saveSettings();
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray stored = file.readAll();
    QVERIFY(stored.contains("recentEnabled=true"));
    QVERIFY(!stored.contains(parts.at(1).left(20)));
    recent.setEnabled(false);
    QVERIFY(recent.entries().isEmpty());
}

void TestTokenWorkbench::copyActionsAndUseInRequest()
{
    m_window->openDemo();
    const QByteArray token = m_workbench->currentToken();
    QClipboard* clipboard = QGuiApplication::clipboard();
    m_workbench->copyToken();
    QCOMPARE(clipboard->text().toLatin1(), token);
    m_workbench->copyAuthorizationHeader();
    QCOMPARE(clipboard->text().toLatin1(), QByteArray("Authorization: Bearer " + token));
    m_workbench->copyDecodedJson();
    const QJsonObject decoded = QJsonDocument::fromJson(clipboard->text().toUtf8()).object();
    QCOMPARE(decoded.value(QStringLiteral("header")).toObject().value(QStringLiteral("alg")).toString(),
             QStringLiteral("RS256"));
    QCOMPARE(decoded.value(QStringLiteral("payload")).toObject().value(QStringLiteral("sub")).toString(),
             QStringLiteral("user-4711"));

    // "Use in request" hands the token to the Request workspace and shows it.
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QSignalSpy handed(m_window, &MainWindow::tokenForRequest);
    QTest::mouseClick(m_workbench->findChild<QPushButton*>(QStringLiteral("useInRequestPushButton")), Qt::LeftButton);
    QCOMPARE(handed.count(), 1);
    QCOMPARE(handed.first().first().toByteArray(), token);
    QCOMPARE(m_window->currentWorkspace(), int(MainWindow::RequestWorkspace));
    clipboard->clear();
}

void TestTokenWorkbench::droppedFileIsOpened()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray token = rfcA2().value(QStringLiteral("token")).toString().toUtf8();
    QFile file(dir.filePath(QStringLiteral("token.jwt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Bearer " + token + "\n");
    file.close();

    auto* input = m_workbench->findChild<QPlainTextEdit*>(QStringLiteral("tokenPlainTextEdit"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file.fileName())});
    const QPoint at = input->viewport()->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(input->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(input->viewport(), &drop);
    QCOMPARE(m_workbench->currentToken(), token);
    QCOMPARE(m_workbench->analysis().token.alg(), QStringLiteral("RS256"));

    // A file that cannot be read is reported with its code, the token stays.
    QVERIFY(!m_workbench->openTokenFile(dir.filePath(QStringLiteral("missing.jwt"))));
    QVERIFY(m_workbench->findChild<QLabel*>(QStringLiteral("inputMessageLabel"))
                ->text()
                .contains(QStringLiteral("ERR_IO")));
    QCOMPARE(m_workbench->currentToken(), token);
}

void TestTokenWorkbench::geometryPersistsAcrossWindows()
{
    m_window->resize(1000, 700);
    m_window->setCurrentWorkspace(MainWindow::KeysWorkspace);
    m_workbench->findChild<QLineEdit*>(QStringLiteral("issuerLineEdit"))->setText(QStringLiteral("https://a.example/"));
    m_window->close(); // closeEvent saves
    MainWindow second;
    QCOMPARE(second.size(), QSize(1000, 700));
    QCOMPARE(second.currentWorkspace(), int(MainWindow::KeysWorkspace));
    QCOMPARE(second.tokenWorkbench()->findChild<QLineEdit*>(QStringLiteral("issuerLineEdit"))->text(),
             QStringLiteral("https://a.example/"));
}

void TestTokenWorkbench::everyControlHasAnAccessibleName()
{
    // Screen readers announce a control by its accessible name (its text, its buddy label or setAccessibleName).
    m_window->openDemo();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QStringList unnamed;
    for (QWidget* widget : m_workbench->findChildren<QWidget*>()) {
        if (!(widget->focusPolicy() & Qt::TabFocus) || widget->objectName().isEmpty() ||
            widget->objectName().startsWith(QLatin1String("qt_")))
            continue;
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
        if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
            unnamed << widget->objectName();
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1String(", "))));
}

void TestTokenWorkbench::tabOrderFollowsTheLayout()
{
    // Tab from the token input reaches the decoded views, then the key source, then the policy, in reading order,
    // and no control traps the focus (text editors move on with Tab).
    m_window->openDemo();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->activateWindow();
    auto* input = m_workbench->findChild<QPlainTextEdit*>(QStringLiteral("tokenPlainTextEdit"));
    input->setFocus(Qt::TabFocusReason);
    QStringList order;
    QWidget* current = input;
    for (int i = 0; i < 60 && current; ++i) {
        order << current->objectName();
        QWidget* next = current->nextInFocusChain();
        while (next && next != current &&
               (!(next->focusPolicy() & Qt::TabFocus) || !next->isVisibleTo(m_window) || !next->isEnabled()))
            next = next->nextInFocusChain();
        if (!next || next == input)
            break;
        // Tab itself moves there (no editor keeps the Tab key).
        QTest::keyClick(current, Qt::Key_Tab);
        current = next;
    }
    const auto at = [&order](const char* name) { return order.indexOf(QLatin1String(name)); };
    QVERIFY2(at("decodedTabWidget") > 0 || at("claimsTableWidget") > 0, qPrintable(order.join(QLatin1Char(' '))));
    QVERIFY2(at("keySourceComboBox") > at("claimsTableWidget"), qPrintable(order.join(QLatin1Char(' '))));
    QVERIFY2(at("keyPlainTextEdit") > at("keySourceComboBox"), qPrintable(order.join(QLatin1Char(' '))));
    QVERIFY2(at("stepsTreeWidget") > at("keyPlainTextEdit"), qPrintable(order.join(QLatin1Char(' '))));
    QVERIFY2(at("lintTreeWidget") > at("stepsTreeWidget"), qPrintable(order.join(QLatin1Char(' '))));
}

void TestTokenWorkbench::darkPaletteIsReadable()
{
    const QPalette original = QApplication::palette();
    QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QApplication::setStyle(fusion);
    m_window->openDemo();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    // Switched while the window is open (as a desktop switching to dark mode): the colours follow. (On the
    // window: QApplication::setPalette() only reaches the widgets once the event loop runs, which QTest's does not.)
    m_window->setPalette(darkPalette());
    QCoreApplication::processEvents();
    const QPalette pal = m_workbench->palette();
    QVERIFY(Theme::isDark(pal));

    auto* message = m_workbench->findChild<QLabel*>(QStringLiteral("inputMessageLabel"));
    const double messageContrast =
        contrast(message->palette().color(QPalette::WindowText), pal.color(QPalette::Window));
    QVERIFY2(messageContrast >= 4.5, qPrintable(QString::number(messageContrast)));
    for (const QColor& color :
         {Theme::errorColor(pal), Theme::okColor(pal), Theme::warningColor(pal), Theme::mutedColor(pal),
          Theme::keyColor(pal), Theme::stringColor(pal), Theme::numberColor(pal), Theme::headerColor(pal),
          Theme::payloadColor(pal), Theme::signatureColor(pal)})
        QVERIFY2(contrast(color, pal.color(QPalette::Base)) >= 4.5, qPrintable(color.name()));
    auto* tree = m_workbench->findChild<QTreeWidget*>(QStringLiteral("stepsTreeWidget"));
    QCOMPARE(tree->topLevelItem(0)->foreground(0).color(), Theme::okColor(pal));
    // The verdict badge is white on its own colour in both palettes.
    QVERIFY(contrast(Qt::white, QColor(QStringLiteral("#2e7d32"))) >= 4.5);
    QVERIFY(contrast(Qt::white, QColor(QStringLiteral("#c62828"))) >= 4.5);
    QVERIFY(contrast(Qt::white, QColor(QStringLiteral("#8d5a00"))) >= 4.5);
    if (const QByteArray dir = qgetenv("TOKENSCOPE_TEST_SHOT_DIR"); !dir.isEmpty())
        m_window->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/dark.png"));

    // And back to light: the muted text is readable there too.
    m_window->setPalette(original);
    QCoreApplication::processEvents();
    const QPalette light = m_workbench->palette();
    QVERIFY(!Theme::isDark(light));
    QVERIFY(contrast(Theme::mutedColor(light), light.color(QPalette::Window)) >= 4.5);
    QCOMPARE(tree->topLevelItem(0)->foreground(0).color(), Theme::okColor(light));
    if (const QByteArray dir = qgetenv("TOKENSCOPE_TEST_SHOT_DIR"); !dir.isEmpty())
        m_window->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/light.png"));
}

QString TestTokenWorkbench::stepDetail(const TokenWorkbench& workbench, const QString& id)
{
    auto* tree = workbench.findChild<QTreeWidget*>(QStringLiteral("stepsTreeWidget"));
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->data(0, Qt::UserRole).toString() == id)
            return tree->topLevelItem(i)->text(2);
    }
    return {};
}

QByteArray TestTokenWorkbench::rsa1Token(const QString& issuer)
{
    const auto key = Jwk::fromJson(KeyTestData::attackKeys().value(QLatin1String("rsa_priv")).toObject());
    if (!key)
        qFatal("rsa_priv unusable");
    const QJsonObject claims{{QStringLiteral("iss"), issuer},
                             {QStringLiteral("sub"), QStringLiteral("fetched")},
                             {QStringLiteral("exp"), QJsonValue(qint64(4102444800))}};
    const auto token = JwtBuilder::sign(QStringLiteral("RS256"), claims, key.value(),
                                        {{QStringLiteral("kid"), QStringLiteral("rsa-1")}});
    if (!token)
        qFatal("cannot sign");
    return token.value();
}

void TestTokenWorkbench::pemKeySourceVerifiesRfc7515A2()
{
    // RFC 7515 A.2's public key pasted as SPKI PEM (tests/data/README.md says how the file was made).
    QFile pem(QStringLiteral(TOKENSCOPE_TEST_DATA "/gui-rfc7515-A.2-RS256-public.pem"));
    QVERIFY(pem.open(QIODevice::ReadOnly));
    m_workbench->validationPanel()->setVirtualNow(1300819300); // before the RFC token's exp
    setKey(*m_workbench, ValidationPanel::KeySource::Pem, pem.readAll());
    QVERIFY(m_workbench->findChild<QLabel*>(QStringLiteral("keyStatusLabel"))->text().contains(QStringLiteral("2048")));
    m_workbench->openToken(rfcA2().value(QStringLiteral("token")).toString().toUtf8(), QStringLiteral("test"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    QCOMPARE(step(*m_workbench, QStringLiteral("key")).first, QStringLiteral("passed"));
    QCOMPARE(step(*m_workbench, QStringLiteral("signature")).first, QStringLiteral("passed"));

    // A PEM that is not a key says so, and the token is not verified.
    setKey(*m_workbench, ValidationPanel::KeySource::Pem,
           "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    QVERIFY(m_workbench->findChild<QLabel*>(QStringLiteral("keyStatusLabel"))
                ->text()
                .startsWith(QStringLiteral("Key not usable")));
    QVERIFY(verdict(*m_workbench) != QStringLiteral("Verified"));
}

void TestTokenWorkbench::fetchOnClick(JwksTestServer& server, ValidationPanel::KeySource source)
{
    auto* fetch = m_workbench->findChild<QPushButton*>(QStringLiteral("fetchKeysPushButton"));
    auto* keyStatus = m_workbench->findChild<QLabel*>(QStringLiteral("keyStatusLabel"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_workbench->validationPanel()->setKeySource(source);
    m_workbench->analyseNow();
    QVERIFY(!fetch->isHidden());
    // Decoding, choosing the source and typing the URL never touch the network. (No sleeping here: the callers
    // also count every request the server saw in the end, so a fetch started before the click shows up there.)
    QCoreApplication::processEvents();
    QVERIFY(server.requests().isEmpty());
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Not verified (no key)"));
    QVERIFY(keyStatus->text().contains(QStringLiteral("Click Fetch")));

    QTest::mouseClick(fetch, Qt::LeftButton);
    QTRY_VERIFY2(verdict(*m_workbench) == QStringLiteral("Verified"), qPrintable(keyStatus->text()));
    QVERIFY(fetch->isEnabled());
    // The checklist's key step names the key picked from the set by the token's kid.
    QCOMPARE(step(*m_workbench, QStringLiteral("key")).first, QStringLiteral("passed"));
    const QString detail = stepDetail(*m_workbench, QStringLiteral("key"));
    QVERIFY2(detail.contains(QStringLiteral("kid \"rsa-1\"")), qPrintable(detail));
    QVERIFY(m_workbench->findChild<QPlainTextEdit*>(QStringLiteral("keyPlainTextEdit"))
                ->toPlainText()
                .contains(QStringLiteral("\"ec-1\"")));
}

void TestTokenWorkbench::jwksUrlIsFetchedOnlyOnClick()
{
    JwksTestServer server;
    server.route("/jwks", JwksTestServer::Response{200, KeyTestData::publicSet(), {}, false});
    m_workbench->openToken(rsa1Token(QStringLiteral("https://issuer.invalid")), QStringLiteral("test"));
    m_workbench->findChild<QLineEdit*>(QStringLiteral("jwksUrlLineEdit"))->setText(server.url(QStringLiteral("/jwks")));
    fetchOnClick(server, ValidationPanel::KeySource::JwksUrl);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().path, QByteArray("/jwks"));
}

void TestTokenWorkbench::discoveryIsFetchedOnlyOnClick()
{
    // OpenID Connect Discovery 1.0 §4: iss + /.well-known/openid-configuration → jwks_uri.
    JwksTestServer server;
    const QJsonObject configuration{{QStringLiteral("issuer"), server.base()},
                                    {QStringLiteral("jwks_uri"), server.url(QStringLiteral("/keys"))}};
    server.route("/.well-known/openid-configuration",
                 JwksTestServer::Response{200, QJsonDocument(configuration).toJson(), {}, false});
    server.route("/keys", JwksTestServer::Response{200, KeyTestData::publicSet(), {}, false});
    m_workbench->openToken(rsa1Token(server.base()), QStringLiteral("test"));
    auto* url = m_workbench->findChild<QLineEdit*>(QStringLiteral("jwksUrlLineEdit"));
    fetchOnClick(server, ValidationPanel::KeySource::Discovery);
    // The URL shown is the discovery document's, derived from the token's iss, and not editable.
    QCOMPARE(url->text(), server.url(QStringLiteral("/.well-known/openid-configuration")));
    QVERIFY(url->isReadOnly());
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(0).path, QByteArray("/.well-known/openid-configuration"));
    QCOMPARE(server.requests().at(1).path, QByteArray("/keys"));
}

void TestTokenWorkbench::encoderShowsLiveSyntaxErrors()
{
    m_workbench->openDemo();
    const QByteArray underTest = m_workbench->currentToken();
    EncoderPanel* encoder = m_workbench->encoderPanel();
    encoder->signNow();
    const QByteArray signedBefore = encoder->token();
    QVERIFY(!signedBefore.isEmpty());
    auto* payload = encoder->findChild<QPlainTextEdit*>(QStringLiteral("encoderPayloadPlainTextEdit"));
    auto* error = encoder->findChild<QLabel*>(QStringLiteral("encoderErrorLabel"));
    auto* output = encoder->findChild<QPlainTextEdit*>(QStringLiteral("encodedTokenPlainTextEdit"));
    auto* use = encoder->findChild<QPushButton*>(QStringLiteral("useTokenPushButton"));

    // Typed, not signed by hand: the debounced live check reports the line and column of the first bad character.
    payload->setPlainText(QStringLiteral("{\n  \"sub\": \"x\",\n  \"n\": ,\n}"));
    QTRY_VERIFY2(error->text().startsWith(QStringLiteral("Payload line 3:8")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QStringLiteral("ERR_JSON_INVALID")), qPrintable(error->text()));
    // The bad character is marked in the editor (wave underline from the highlighter) at that position.
    const QTextBlock line3 = payload->document()->findBlockByNumber(2);
    bool marked = false;
    for (const QTextLayout::FormatRange& range : line3.layout()->formats())
        marked = marked || (range.start == 7 && range.format.underlineStyle() == QTextCharFormat::WaveUnderline);
    QVERIFY(marked);
    // Nothing is signed from broken JSON, and the token under test is untouched.
    QVERIFY(encoder->token().isEmpty());
    QVERIFY(output->toPlainText().isEmpty());
    QVERIFY(!use->isEnabled());
    QCOMPARE(m_workbench->currentToken(), underTest);

    // Fixed: it signs again by itself.
    payload->setPlainText(QStringLiteral("{\n  \"sub\": \"x\",\n  \"n\": 1\n}"));
    QTRY_VERIFY(!encoder->token().isEmpty());
    QVERIFY(error->text().startsWith(QStringLiteral("Signed with")));
    QVERIFY(use->isEnabled());
    QVERIFY(!payload->document()->findBlockByNumber(2).layout()->formats().isEmpty());
    for (const QTextLayout::FormatRange& range : payload->document()->findBlockByNumber(2).layout()->formats())
        QVERIFY(range.format.underlineStyle() != QTextCharFormat::WaveUnderline);
}

void TestTokenWorkbench::encoderGeneratesKeyAndRoundTrips()
{
    EncoderPanel* encoder = m_workbench->encoderPanel();
    auto* algorithm = encoder->findChild<QComboBox*>(QStringLiteral("encoderAlgorithmComboBox"));
    auto* keyEdit = encoder->findChild<QPlainTextEdit*>(QStringLiteral("encoderKeyPlainTextEdit"));
    algorithm->setCurrentText(QStringLiteral("ES256"));
    encoder->signNow();
    // Choosing an algorithm the key cannot sign with brings a fitting key, and alg in the header follows.
    QVERIFY(encoder->findChild<QPlainTextEdit*>(QStringLiteral("encoderHeaderPlainTextEdit"))
                ->toPlainText()
                .contains(QStringLiteral("\"ES256\"")));
    QVERIFY(encoder->currentKey());
    const QString firstKid = encoder->currentKey()->kid();
    const QString firstKey = keyEdit->toPlainText();

    QTest::mouseClick(encoder->findChild<QPushButton*>(QStringLiteral("generateKeyPushButton")), Qt::LeftButton);
    QVERIFY(encoder->currentKey());
    QVERIFY(keyEdit->toPlainText() != firstKey);
    QVERIFY(encoder->currentKey()->kid() != firstKid);
    QVERIFY(!encoder->currentKey()->kid().isEmpty()); // the RFC 7638 thumbprint
    QCOMPARE(encoder->findChild<QComboBox*>(QStringLiteral("encoderKeyKindComboBox"))->currentText(),
             QStringLiteral("Private JWK"));
    QVERIFY(!encoder->token().isEmpty());

    // Use it, with its public key: the workbench verifies what the encoder signed.
    QVERIFY(encoder->alsoUseKey());
    QTest::mouseClick(encoder->findChild<QPushButton*>(QStringLiteral("useTokenPushButton")), Qt::LeftButton);
    QCOMPARE(m_workbench->currentToken(), encoder->token());
    QCOMPARE(m_workbench->analysis().token.alg(), QStringLiteral("ES256"));
    QCOMPARE(verdict(*m_workbench), QStringLiteral("Verified"));
    const QString keyText = m_workbench->findChild<QPlainTextEdit*>(QStringLiteral("keyPlainTextEdit"))->toPlainText();
    QVERIFY(keyText.contains(encoder->currentKey()->kid()));
    QVERIFY2(!keyText.contains(QStringLiteral("\"d\"")), "the private part is not handed to the verifier");
}

void TestTokenWorkbench::encoderAttackMenuOffersTheProbesTokens()
{
    m_workbench->validationPanel()->setVirtualNow(1700000000); // claim attacks take "now" from the workbench clock
    m_workbench->analyseNow();
    EncoderPanel* encoder = m_workbench->encoderPanel();
    encoder->findChild<QComboBox*>(QStringLiteral("encoderAlgorithmComboBox"))->setCurrentText(QStringLiteral("ES256"));
    encoder->signNow();
    const QByteArray clean = encoder->token();
    QCOMPARE(CompactToken::parse(clean).alg(), QStringLiteral("ES256"));
    const Jwk key = encoder->currentKey().value();
    auto* attack = encoder->findChild<QToolButton*>(QStringLiteral("encoderAttackToolButton"));
    QVERIFY(attack);
    QVERIFY(attack->isEnabled());
    auto* output = encoder->findChild<QPlainTextEdit*>(QStringLiteral("encodedTokenPlainTextEdit"));
    auto* message = encoder->findChild<QLabel*>(QStringLiteral("encoderErrorLabel"));
    QSignalSpy attacked(encoder, &EncoderPanel::attackFinished); // the attack runs on the thread pool
    QMenu* menu = attack->menu();
    QVERIFY(menu);
    QHash<QString, QAction*> actions;
    for (QAction* action : menu->actions()) {
        actions.insert(action->data().toString(), action);
    }
    // The catalogue rows that need no network and change the token (docs/PROBE.md).
    for (const char* id :
         {"sig-stripped", "alg-none", "alg-none-case", "alg-hs-with-public-key", "ecdsa-psychic", "jwk-embedded",
          "x5c-self-signed", "kid-injection", "exp-past", "typ-wrong", "oversized-token"}) {
        QVERIFY2(actions.contains(QLatin1String(id)), id);
    }
    for (const char* id : {"jku-attacker", "x5u-attacker", "token-in-query", "bearer-lowercase-scheme"}) {
        QVERIFY2(!actions.contains(QLatin1String(id)), id);
    }

    // alg none: the encoded token is replaced and the label says what changed; "Use This Token" takes it as is.
    actions.value(QStringLiteral("alg-none"))->trigger();
    QVERIFY(attacked.wait(20000));
    const QByteArray none = output->toPlainText().toUtf8();
    QCOMPARE(encoder->token(), none);
    const CompactToken noneToken = CompactToken::parse(none);
    QCOMPARE(noneToken.alg(), QStringLiteral("none"));
    QVERIFY(noneToken.signature.isEmpty());
    QCOMPARE(noneToken.payload, CompactToken::parse(clean).payload);
    QVERIFY2(message->text().contains(QStringLiteral("alg set to \"none\"")), qPrintable(message->text()));
    QTest::mouseClick(encoder->findChild<QPushButton*>(QStringLiteral("useTokenPushButton")), Qt::LeftButton);
    QCOMPARE(m_workbench->currentToken(), none);

    // CVE-2022-21449 on the ES256 token: r = s = 0.
    actions.value(QStringLiteral("ecdsa-psychic"))->trigger();
    QVERIFY(attacked.wait(20000));
    QCOMPARE(CompactToken::parse(encoder->token()).signature, QByteArray(64, '\0'));

    // CVE-2018-0114: signed with the probe's own key (generated now, on the thread pool) placed in the header.
    actions.value(QStringLiteral("jwk-embedded"))->trigger();
    QVERIFY2(message->text().contains(QStringLiteral("preparing")), qPrintable(message->text()));
    QVERIFY(attacked.wait(20000));
    const CompactToken embedded = CompactToken::parse(encoder->token());
    QVERIFY(embedded.header.value(QStringLiteral("jwk")).isObject());
    QVERIFY2(message->text().contains(QStringLiteral("jwk-embedded")), qPrintable(message->text()));

    // A claim attack is re-signed with the encoder's key, its time from the workbench clock.
    actions.value(QStringLiteral("exp-past"))->trigger();
    QVERIFY(attacked.wait(20000));
    const CompactToken expired = CompactToken::parse(encoder->token());
    QCOMPARE(expired.payloadObject()->value(QStringLiteral("exp")).toDouble(), 1700000000.0 - 3600);
    QVERIFY(Signer::verify(key.asymmetricKey(), AlgorithmTable::find(u"ES256")->scheme(), expired.signingInput(),
                           expired.signature));

    // Variants come as a submenu: key confusion with the encoder key's public half, HMAC-keyed with its DER.
    QMenu* confusion = actions.value(QStringLiteral("alg-hs-with-public-key"))->menu();
    QVERIFY(confusion);
    Q_EMIT confusion->aboutToShow();
    QAction* der = nullptr;
    int enabled = 0;
    for (QAction* action : confusion->actions()) {
        enabled += action->isEnabled() ? 1 : 0;
        if (action->data().toStringList() ==
            QStringList{QStringLiteral("alg-hs-with-public-key"), QStringLiteral("HS384/der")}) {
            der = action;
        }
    }
    QCOMPARE(enabled, 12);
    QVERIFY(der);
    der->trigger();
    QVERIFY(attacked.wait(20000));
    const CompactToken hs = CompactToken::parse(encoder->token());
    QCOMPARE(hs.alg(), QStringLiteral("HS384"));
    QVERIFY(Hmac::verify(HashAlg::Sha384, key.asymmetricKey().spkiDer(), hs.signingInput(), hs.signature));
    QVERIFY2(message->text().contains(QStringLiteral("HS384/der")), qPrintable(message->text()));

    // Editing signs a clean token again.
    auto* payload = encoder->findChild<QPlainTextEdit*>(QStringLiteral("encoderPayloadPlainTextEdit"));
    payload->setPlainText(QStringLiteral("{\n  \"sub\": \"after\"\n}"));
    QTRY_COMPARE(CompactToken::parse(encoder->token()).alg(), QStringLiteral("ES256"));
    QVERIFY(message->text().startsWith(QStringLiteral("Signed with")));
}

void TestTokenWorkbench::encoderTimeButtonsSetNumericDates()
{
    // The virtual clock feeds the encoder too, so the dates are known.
    m_workbench->validationPanel()->setVirtualNow(1700000000);
    m_workbench->analyseNow();
    EncoderPanel* encoder = m_workbench->encoderPanel();
    auto* payload = encoder->findChild<QPlainTextEdit*>(QStringLiteral("encoderPayloadPlainTextEdit"));
    payload->setPlainText(QStringLiteral("{\n  \"sub\": \"times\"\n}"));
    encoder->findChild<QSpinBox*>(QStringLiteral("lifetimeSpinBox"))->setValue(15);
    for (const char* button : {"setIatPushButton", "setNbfPushButton", "setExpPushButton"})
        QTest::mouseClick(encoder->findChild<QPushButton*>(QLatin1String(button)), Qt::LeftButton);
    // RFC 7519 §2 NumericDate: JSON numbers of seconds, not strings.
    const QString text = payload->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("\"iat\": 1700000000")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\"nbf\": 1700000000")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\"exp\": 1700000900")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("\"sub\": \"times\"")));
    encoder->signNow();
    QVERIFY(!encoder->token().isEmpty());
    const QJsonObject claims =
        QJsonDocument::fromJson(Base64Url::decode(encoder->token().split('.').at(1)).value()).object();
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), 1700000900);
    QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), 1700000000);

    // Pressing a button again replaces the member in place, no duplicate.
    m_workbench->validationPanel()->setVirtualNow(1700000100);
    m_workbench->analyseNow();
    QTest::mouseClick(encoder->findChild<QPushButton*>(QStringLiteral("setIatPushButton")), Qt::LeftButton);
    QCOMPARE(payload->toPlainText().count(QStringLiteral("\"iat\"")), 1);
    QVERIFY(payload->toPlainText().contains(QStringLiteral("\"iat\": 1700000100")));

    // On broken JSON the button says so instead of guessing.
    payload->setPlainText(QStringLiteral("{\"sub\": "));
    QTest::mouseClick(encoder->findChild<QPushButton*>(QStringLiteral("setExpPushButton")), Qt::LeftButton);
    QCOMPARE(encoder->findChild<QLabel*>(QStringLiteral("encoderErrorLabel"))->text(),
             QStringLiteral("Fix the payload JSON first."));
    QCOMPARE(payload->toPlainText(), QStringLiteral("{\"sub\": "));
}

namespace {
/// The child of `parent` named `name` (column 0), or null.
QTreeWidgetItem* treeChild(QTreeWidgetItem* parent, const QString& name)
{
    for (int i = 0; i < parent->childCount(); ++i) {
        if (parent->child(i)->text(0) == name)
            return parent->child(i);
    }
    return nullptr;
}

/// "value|type" of a tree item, for compact comparisons.
QString valueAndType(const QTreeWidgetItem* item)
{
    return item ? QString(item->text(1) + QLatin1Char('|') + item->text(2)) : QStringLiteral("(missing)");
}
} // namespace

void TestTokenWorkbench::jsonTreeShowsExactLiterals()
{
    const QByteArray header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}";
    const QByteArray payload = "{\"sub\":\"tree\",\"n\":12345678901234567890,\"f\":1.50,\"ok\":true,\"none\":null,"
                               "\"nested\":{\"big\":12345678901234567890,\"e\":1e400},"
                               "\"list\":[1,\"two\",18446744073709551616]}";
    m_workbench->openToken(Base64Url::encode(header) + '.' + Base64Url::encode(payload) + ".c2ln",
                           QStringLiteral("test"));
    auto* tree = m_workbench->findChild<QTreeWidget*>(QStringLiteral("jsonTreeWidget"));
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), 2);
    QTreeWidgetItem* headerRoot = tree->topLevelItem(0);
    QTreeWidgetItem* payloadRoot = tree->topLevelItem(1);
    QCOMPARE(headerRoot->text(0), QStringLiteral("header"));
    QCOMPARE(payloadRoot->text(0), QStringLiteral("payload"));
    QVERIFY(headerRoot->isExpanded());
    QVERIFY(payloadRoot->isExpanded());

    // Members in document order, with their types.
    QStringList headerNames;
    for (int i = 0; i < headerRoot->childCount(); ++i)
        headerNames << headerRoot->child(i)->text(0);
    QCOMPARE(headerNames, QStringList({QStringLiteral("alg"), QStringLiteral("typ"), QStringLiteral("kid")}));
    QCOMPARE(valueAndType(treeChild(headerRoot, QStringLiteral("alg"))), QStringLiteral("HS256|string"));
    QCOMPARE(payloadRoot->childCount(), 7);
    QCOMPARE(payloadRoot->child(0)->text(0), QStringLiteral("sub"));
    QCOMPARE(payloadRoot->child(6)->text(0), QStringLiteral("list"));

    // Literals exactly as written (RFC 8259 §6: numbers beyond a double are the producer's, not ours to round).
    QCOMPARE(valueAndType(treeChild(payloadRoot, QStringLiteral("n"))), QStringLiteral("12345678901234567890|number"));
    QCOMPARE(valueAndType(treeChild(payloadRoot, QStringLiteral("f"))), QStringLiteral("1.50|number"));
    QCOMPARE(valueAndType(treeChild(payloadRoot, QStringLiteral("ok"))), QStringLiteral("true|boolean"));
    QCOMPARE(valueAndType(treeChild(payloadRoot, QStringLiteral("none"))), QStringLiteral("null|null"));
    QTreeWidgetItem* nested = treeChild(payloadRoot, QStringLiteral("nested"));
    QVERIFY(nested);
    QCOMPARE(nested->text(2), QStringLiteral("object"));
    QCOMPARE(nested->childCount(), 2);
    QCOMPARE(valueAndType(treeChild(nested, QStringLiteral("big"))), QStringLiteral("12345678901234567890|number"));
    QCOMPARE(valueAndType(treeChild(nested, QStringLiteral("e"))), QStringLiteral("1e400|number"));
    QTreeWidgetItem* list = treeChild(payloadRoot, QStringLiteral("list"));
    QVERIFY(list);
    QCOMPARE(list->text(2), QStringLiteral("array"));
    QCOMPARE(list->childCount(), 3);
    QCOMPARE(valueAndType(list->child(0)), QStringLiteral("1|number"));
    QCOMPARE(valueAndType(list->child(1)), QStringLiteral("two|string"));
    QCOMPARE(list->child(2)->text(0), QStringLiteral("[2]"));
    QCOMPARE(valueAndType(list->child(2)), QStringLiteral("18446744073709551616|number"));

    // A payload that is not JSON says so under its root; an empty input empties the tree.
    m_workbench->openToken(Base64Url::encode(header) + '.' + Base64Url::encode("not json") + ".c2ln",
                           QStringLiteral("test"));
    QCOMPARE(tree->topLevelItemCount(), 2);
    QCOMPARE(tree->topLevelItem(0)->childCount(), 3);
    QCOMPARE(tree->topLevelItem(1)->childCount(), 1);
    QCOMPARE(tree->topLevelItem(1)->child(0)->text(0), QStringLiteral("(not a JSON object)"));
    m_workbench->openToken(QByteArray(), QStringLiteral("test"));
    QCOMPARE(tree->topLevelItemCount(), 0);
}

void TestTokenWorkbench::menuActionsHaveStandardShortcuts()
{
    const auto action = [this](const char* name) { return m_window->findChild<QAction*>(QLatin1String(name)); };
    const auto shortcuts = [&action](const char* name) {
        QAction* found = action(name);
        return found ? found->shortcuts() : QList<QKeySequence>{QKeySequence(QStringLiteral("missing"))};
    };
    // The platform's standard bindings (what the desktop's other applications use), not hard-coded keys.
    QCOMPARE(shortcuts("openTokenFileAction"), QKeySequence::keyBindings(QKeySequence::Open));
    QCOMPARE(shortcuts("quitAction"), QKeySequence::keyBindings(QKeySequence::Quit));
    QCOMPARE(shortcuts("fullScreenAction"), QKeySequence::keyBindings(QKeySequence::FullScreen));
    QVERIFY(!shortcuts("openTokenFileAction").isEmpty());
    // (Quit has no standard binding in the offscreen platform's keyboard scheme; it is Ctrl+Q on X11/Wayland desktops.)
    // Ctrl+C/Ctrl+V stay with the focused editor; the whole-token versions add Shift.
    QCOMPARE(shortcuts("copyTokenAction"), QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});
    QCOMPARE(shortcuts("pasteTokenAction"), QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V)});
    QCOMPARE(shortcuts("useInRequestAction"), QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Return)});
    QVERIFY(action("copyAuthorizationHeaderAction"));
    QVERIFY(action("copyDecodedJsonAction"));
    QCOMPARE(action("aboutAction")->menuRole(), QAction::AboutRole);
    QCOMPARE(action("quitAction")->menuRole(), QAction::QuitRole);

    // Ctrl+1…4 switch workspaces; no key sequence belongs to two actions (Qt would then fire neither).
    QHash<QKeySequence, QString> owners;
    QStringList clashes;
    for (QAction* candidate : m_window->findChildren<QAction*>()) {
        // Shortcuts scoped to one widget (the collections tree's F2, Delete, Ctrl+D, and its Undo/Redo, which are
        // disabled while there is nothing to undo) can neither clash window-wide nor be dead keys elsewhere.
        if (candidate->shortcutContext() == Qt::WidgetShortcut ||
            candidate->shortcutContext() == Qt::WidgetWithChildrenShortcut)
            continue;
        for (const QKeySequence& key : candidate->shortcuts()) {
            if (owners.contains(key))
                clashes << QString(key.toString() + QStringLiteral(": ") + owners.value(key) + QStringLiteral(" / ") +
                                   candidate->text());
            owners.insert(key, candidate->text());
        }
        QVERIFY2(candidate->isEnabled() || candidate->shortcuts().isEmpty(), qPrintable(candidate->text()));
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1String("; "))));
    for (int i = 0; i < m_window->workspaceCount(); ++i)
        QVERIFY2(owners.contains(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i))), qPrintable(QString::number(i)));
}

void TestTokenWorkbench::menuActionsDoWhatTheySay()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    const QByteArray token = rfcA2().value(QStringLiteral("token")).toString().toUtf8();
    QClipboard* clipboard = QGuiApplication::clipboard();

    // Paste Token (by its shortcut, from another workspace): back to the Token workspace with the clipboard's JWT.
    m_window->setCurrentWorkspace(MainWindow::KeysWorkspace);
    clipboard->setText(QString::fromLatin1(token));
    QTest::keyClick(m_window, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_window->currentWorkspace(), int(MainWindow::TokenWorkspace));
    QCOMPARE(m_workbench->currentToken(), token);

    // Ctrl+2 switches workspace, Copy Token (triggered from the menu) copies the token under test.
    QTest::keyClick(m_window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentWorkspace(), int(MainWindow::KeysWorkspace));
    clipboard->clear();
    m_window->findChild<QAction*>(QStringLiteral("copyTokenAction"))->trigger();
    QCOMPARE(clipboard->text().toLatin1(), token);
    m_window->findChild<QAction*>(QStringLiteral("copyAuthorizationHeaderAction"))->trigger();
    QCOMPARE(clipboard->text().toLatin1(), QByteArray("Authorization: Bearer " + token));

    // Open Token File opens a modal file dialog, which a test cannot answer: only its state is checked here
    // (openTokenFile(), which it calls with the chosen path, is tested in droppedFileIsOpened).
    QVERIFY(m_window->findChild<QAction*>(QStringLiteral("openTokenFileAction"))->isEnabled());

    // Quit closes the window (and saves its settings on the way).
    m_window->findChild<QAction*>(QStringLiteral("quitAction"))->trigger();
    QVERIFY(!m_window->isVisible());
    QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));
    clipboard->clear();
}

void TestTokenWorkbench::dpopProofAndBindingExplained()
{
    // RFC 9449: a pasted DPoP proof gets its own tab with the §4.3 checklist; the request it came with is typed in;
    // an access token bound with cnf.jkt shows its binding and checks a pasted proof's key against it.
    const Jwk key = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value());
    const Jwk other = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value());
    const auto boundTo = [](const Jwk& k) {
        return JwtBuilder::signCompact(
                   R"({"alg":"HS256","typ":"at+jwt"})",
                   QJsonDocument(
                       QJsonObject{{QStringLiteral("sub"), QStringLiteral("alice")},
                                   {QStringLiteral("cnf"), QJsonObject{{QStringLiteral("jkt"), k.thumbprint()}}}})
                       .toJson(QJsonDocument::Compact),
                   Jwk::fromSecret(QByteArray(32, 'k')))
            .value();
    };
    const QByteArray accessToken = boundTo(other); // bound to another key than the proof's
    DpopProofOptions o;
    o.htm = QStringLiteral("GET");
    o.htu = QStringLiteral("https://rs.example/api?x=1");
    o.accessToken = accessToken;
    const QByteArray proof = DpopProof::create(key, o).value();

    TokenWorkbench w;
    QVERIFY(w.openToken(proof, QStringLiteral("test")));
    w.analyseNow();
    auto* tabs = w.findChild<QTabWidget*>(QStringLiteral("decodedTabWidget"));
    auto* panel = w.dpopPanel();
    QVERIFY(tabs->isTabVisible(tabs->indexOf(panel)));
    QCOMPARE(tabs->currentWidget(), panel);
    auto* table = panel->findChild<QTableWidget*>(QStringLiteral("dpopChecksTableWidget"));
    const auto row = [table](const QString& id) {
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->data(Qt::UserRole).toString() == id)
                return QStringList{table->item(r, 0)->text(), table->item(r, 2)->text()};
        return QStringList();
    };
    QCOMPARE(row(QStringLiteral("typ")), (QStringList{QStringLiteral("passed"), QStringLiteral("RFC 9449 §4.3 (4)")}));
    QCOMPARE(row(QStringLiteral("signature")).first(), QStringLiteral("passed"));
    QCOMPARE(row(QStringLiteral("htm")).first(), QStringLiteral("skipped")); // the request is not known yet
    QVERIFY(row(QStringLiteral("binding")).isEmpty());
    panel->findChild<QLineEdit*>(QStringLiteral("dpopMethodLineEdit"))->setText(QStringLiteral("POST"));
    panel->findChild<QLineEdit*>(QStringLiteral("dpopUrlLineEdit"))->setText(QStringLiteral("https://rs.example/api"));
    panel->findChild<QPlainTextEdit*>(QStringLiteral("dpopCompanionPlainTextEdit"))
        ->setPlainText(QString::fromLatin1(accessToken));
    QCOMPARE(row(QStringLiteral("htm")).first(), QStringLiteral("failed")); // GET proof, POST request
    QCOMPARE(row(QStringLiteral("htu")).first(), QStringLiteral("passed"));
    QCOMPARE(row(QStringLiteral("ath")).first(), QStringLiteral("passed"));
    QCOMPARE(row(QStringLiteral("binding")),
             (QStringList{QStringLiteral("failed"), QStringLiteral("RFC 9449 §6.1")})); // another key
    QVERIFY(!panel->report().proofValid);

    // The access token itself: its binding is shown; a proof of the right key matches it.
    QVERIFY(w.openToken(boundTo(key), QStringLiteral("test")));
    w.analyseNow();
    QVERIFY(tabs->isTabVisible(tabs->indexOf(panel)));
    QVERIFY(panel->findChild<QLabel*>(QStringLiteral("dpopSummaryLabel"))->text().contains(key.thumbprint()));
    QCOMPARE(panel->findChild<QLabel*>(QStringLiteral("dpopCompanionLabel"))->text(),
             QStringLiteral("DPoP proof sent with it"));
    panel->findChild<QPlainTextEdit*>(QStringLiteral("dpopCompanionPlainTextEdit"))
        ->setPlainText(QString::fromLatin1(proof));
    QCOMPARE(row(QStringLiteral("binding")).first(), QStringLiteral("passed"));
    QCOMPARE(row(QStringLiteral("cnf")).first(), QStringLiteral("info"));

    // A plain JWT: no DPoP tab.
    QVERIFY(w.openToken(
        JwtBuilder::signCompact(R"({"alg":"HS256"})", R"({"sub":"x"})", Jwk::fromSecret(QByteArray(32, 'k'))).value(),
        QStringLiteral("test")));
    w.analyseNow();
    QVERIFY(!tabs->isTabVisible(tabs->indexOf(panel)));
}

QTEST_MAIN(TestTokenWorkbench)
#include "TestTokenWorkbench.moc"
