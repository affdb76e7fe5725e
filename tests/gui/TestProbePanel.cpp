// SPDX-License-Identifier: MIT
#include "gui/ProbePanel.h"
#include "gui/RequestWorkspace.h"
#include "gui/TokenWorkbench.h"
#include "jose/CompactToken.h"
#include "jose/TokenMutator.h"
#include "server/MockApiServer.h"
#include "support/GuiTestSupport.h"
#include "support/ServerTestSupport.h"
#include "support/WeakApiServer.h"

#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using GuiTest::child;

/// The Probe tab offscreen, driven through its objectNames: a probe of a weak API (alg none accepted) shows the
/// VULNERABLE rows on top and opens their tokens, exports, cancels; the in-process mock API comes out clean; the
/// Request workspace has the tab and the Token workbench's "Probe this API" reaches it.
class TestProbePanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyMutationCheckedByDefault();
    void weakApiVulnerableRowsOnTop();
    void exportsThreeFormats();
    void cancelStopsTheProbe();
    void mockApiCleanWithEmbeddedKey();
    void requestWorkspaceHasTheTab();
    void workbenchProbeThisApi();

private:
    SessionRequest requestTo(const QString& url) const
    {
        SessionRequest s;
        s.request.url = url;
        s.auth.type = AuthConfig::Type::None;
        return s;
    }
    QByteArray validToken() const { return ServerTestSupport::mint(m_server, MintPreset::Valid); }
    static bool runAndWait(ProbePanel& panel)
    {
        QSignalSpy finished(&panel, &ProbePanel::finished);
        QTest::mouseClick(child<QPushButton>(&panel, "probeRunButton"), Qt::LeftButton);
        return finished.wait(30000);
    }

    QTemporaryDir m_dir;
    MockApiServer m_server;
    std::unique_ptr<WeakApiServer> m_weak;
};

void TestProbePanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const QString startError = ServerTestSupport::startError(
        m_server, ServerTestSupport::loopbackConfig(m_dir.filePath(QStringLiteral("issuer"))));
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    m_weak =
        std::make_unique<WeakApiServer>(WeakApiServer::Flaw::AcceptsAlgNone, m_server.embeddedIssuer()->signingKey(),
                                        m_server.issuer(), m_server.audience());
    QVERIFY(m_weak->start().isEmpty());
}

void TestProbePanel::cleanupTestCase()
{
    m_weak.reset();
    m_server.stop();
}

void TestProbePanel::everyMutationCheckedByDefault()
{
    ProbePanel panel;
    auto* list = child<QListWidget>(&panel, "probeMutationsListWidget");
    QCOMPARE(list->count(), TokenMutator::catalogue().size());
    QCOMPARE(panel.selectedIds().size(), TokenMutator::catalogue().size());
    QTest::mouseClick(child<QPushButton>(&panel, "probeSelectNoneButton"), Qt::LeftButton);
    QVERIFY(panel.selectedIds().isEmpty());
    panel.setSelectedIds({QStringLiteral("alg-none")});
    QCOMPARE(panel.selectedIds(), QStringList{QStringLiteral("alg-none")});
    QTest::mouseClick(child<QPushButton>(&panel, "probeSelectAllButton"), Qt::LeftButton);
    QCOMPARE(panel.selectedIds().size(), TokenMutator::catalogue().size());
    QVERIFY(!child<QPushButton>(&panel, "probeCancelButton")->isEnabled());
    QCOMPARE(child<QComboBox>(&panel, "probeKeyComboBox")->count(), 1); // "No issuer key"
}

void TestProbePanel::weakApiVulnerableRowsOnTop()
{
    ProbePanel panel;
    panel.show();
    const QString url = m_weak->url();
    panel.setRequestProvider([this, url] { return requestTo(url); });
    child<QLineEdit>(&panel, "probeTokenLineEdit")->setText(QString::fromLatin1(validToken()));
    QVERIFY(runAndWait(panel));
    auto* table = child<QTableWidget>(&panel, "probeResultsTableWidget");
    QCOMPARE(table->rowCount(), panel.report().rows.size());
    QVERIFY(table->rowCount() >= TokenMutator::catalogue().size());
    // VULNERABLE rows first: alg-none and its case variants, nothing else.
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("VULNERABLE"));
    QVERIFY(table->item(0, 0)->text().startsWith(QLatin1String("alg-none")));
    int vulnerable = 0;
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 3)->text() == QLatin1String("VULNERABLE")) {
            QCOMPARE(r, vulnerable); // contiguous at the top
            ++vulnerable;
            QVERIFY(table->item(r, 0)->text().startsWith(QLatin1String("alg-none")));
        }
    }
    QVERIFY(vulnerable >= 2);
    auto* progress = child<QProgressBar>(&panel, "probeProgressBar");
    QCOMPARE(progress->value(), progress->maximum());
    QVERIFY(child<QPushButton>(&panel, "probeRunButton")->isEnabled());
    QVERIFY(panel.findChild<QWidget*>(QStringLiteral("probeSummaryLabel")));

    // A double-click opens the mutated token: here the unsigned one.
    QSignalSpy open(&panel, &ProbePanel::openTokenRequested);
    Q_EMIT table->cellDoubleClicked(0, 0);
    QCOMPARE(open.size(), 1);
    const CompactToken opened = CompactToken::parse(open.first().first().toByteArray());
    QCOMPARE(opened.alg().toLower(), QStringLiteral("none"));
}

void TestProbePanel::exportsThreeFormats()
{
    ProbePanel panel;
    const QString url = m_weak->url();
    panel.setRequestProvider([this, url] { return requestTo(url); });
    panel.setToken(validToken());
    panel.setSelectedIds({QStringLiteral("alg-none"), QStringLiteral("sig-stripped")});
    QVERIFY(runAndWait(panel));
    const QString json = m_dir.filePath(QStringLiteral("probe.json"));
    const QString junit = m_dir.filePath(QStringLiteral("probe.xml"));
    const QString markdown = m_dir.filePath(QStringLiteral("probe.md"));
    QVERIFY(panel.exportReport(ProbePanel::ExportFormat::Json, json));
    QVERIFY(panel.exportReport(ProbePanel::ExportFormat::JUnit, junit));
    QVERIFY(panel.exportReport(ProbePanel::ExportFormat::Markdown, markdown));
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(jsonFile.readAll()).object();
    QCOMPARE(report.value(QLatin1String("results")).toArray().size(), 2);
    QFile junitFile(junit);
    QVERIFY(junitFile.open(QIODevice::ReadOnly));
    QVERIFY(junitFile.readAll().contains("<testsuite name=\"probe\""));
    QFile markdownFile(markdown);
    QVERIFY(markdownFile.open(QIODevice::ReadOnly));
    QVERIFY(markdownFile.readAll().contains("| alg-none |"));
    QVERIFY(!panel.exportReport(ProbePanel::ExportFormat::Json, json + QStringLiteral("/under-a-file.json")));
}

void TestProbePanel::cancelStopsTheProbe()
{
    ProbePanel panel;
    const QString url = m_weak->url();
    panel.setRequestProvider([this, url] { return requestTo(url); });
    panel.setToken(validToken());
    QSignalSpy finished(&panel, &ProbePanel::finished);
    QTest::mouseClick(child<QPushButton>(&panel, "probeRunButton"), Qt::LeftButton);
    QVERIFY(panel.isRunning());
    QVERIFY(child<QPushButton>(&panel, "probeCancelButton")->isEnabled());
    QTest::mouseClick(child<QPushButton>(&panel, "probeCancelButton"), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QVERIFY(!panel.isRunning());
    QVERIFY(panel.report().cancelled);
}

void TestProbePanel::mockApiCleanWithEmbeddedKey()
{
    ProbePanel panel;
    const QString url = m_server.baseUrl() + QStringLiteral("/api/private");
    panel.setRequestProvider([this, url] { return requestTo(url); });
    panel.setToken(validToken());
    panel.setExtraKey(QStringLiteral("embedded"), m_server.embeddedIssuer()->signingKey());
    QCOMPARE(child<QComboBox>(&panel, "probeKeyComboBox")->currentIndex(), 1); // the embedded key is chosen
    QVERIFY(runAndWait(panel));
    const ProbeReport& report = panel.report();
    QVERIFY2(report.control.accepted, qPrintable(report.control.error));
    QCOMPARE(report.count(ProbeVerdict::Vulnerable), 0);
    QCOMPARE(report.count(ProbeVerdict::Unexpected), 0);
    QCOMPARE(report.count(ProbeVerdict::Weak), 0);
    QVERIFY(report.count(ProbeVerdict::Ok) >= 40);
    auto* table = child<QTableWidget>(&panel, "probeResultsTableWidget");
    QCOMPARE(table->rowCount(), report.rows.size());
    bool expPastSent = false;
    for (const ProbeRow& row : report.rows)
        expPastSent = expPastSent || (row.info.id == QLatin1String("exp-past") && row.sent);
    QVERIFY(expPastSent); // re-signed with the embedded key
}

void TestProbePanel::requestWorkspaceHasTheTab()
{
    RequestWorkspace w;
    auto* tabs = child<QTabWidget>(&w, "sideTabWidget");
    auto* panel = child<ProbePanel>(&w, "probePanel");
    QVERIFY(tabs->indexOf(panel) >= 0);
    QCOMPARE(w.probePanel(), panel);
    w.probeToken("a.b.c");
    QCOMPARE(tabs->currentWidget(), panel);
    QCOMPARE(panel->token(), QByteArray("a.b.c"));
}

void TestProbePanel::workbenchProbeThisApi()
{
    TokenWorkbench workbench;
    workbench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workbench));
    QSignalSpy probe(&workbench, &TokenWorkbench::tokenForProbe);
    QTest::mouseClick(child<QPushButton>(&workbench, "probeThisApiPushButton"), Qt::LeftButton);
    QCOMPARE(probe.size(), 0); // no token yet
    const QByteArray token = validToken();
    workbench.openToken(token, QStringLiteral("the test"));
    QTest::mouseClick(child<QPushButton>(&workbench, "probeThisApiPushButton"), Qt::LeftButton);
    QCOMPARE(probe.size(), 1);
    QCOMPARE(probe.first().first().toByteArray(), token);
}

QTEST_MAIN(TestProbePanel)
#include "TestProbePanel.moc"
