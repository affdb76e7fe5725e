// SPDX-License-Identifier: MIT
#include "gui/RunnerPanel.h"

#include "core/DisplayText.h"
#include "formats/Importer.h"
#include "formats/IterationData.h"
#include "gui/WorkspaceDocument.h"
#include "net/CollectionRunner.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <atomic>
#include <optional>

namespace {
std::atomic<int> g_envFileReadsInFlight{0};

QString runnerText(const QString& text)
{
    return DisplayText::escapeControls(text);
}

/// Containers of the tree as "Collection/Folder" paths with their ids, in tree order.
void addContainers(const CollectionNode& node, QComboBox* combo)
{
    if (!node.isContainer())
        return;
    combo->addItem(runnerText(Workspace::joinPath(node.path())), node.id());
    for (int i = 0; i < node.childCount(); ++i)
        addContainers(*node.child(i), combo);
}
} // namespace

RunnerPanel::RunnerPanel(WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("runnerPanel"));
    setWindowTitle(tr("Collection Runner"));

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("runnerTargetComboBox"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("runnerEnvironmentComboBox"));
    m_iterations = new QSpinBox(this);
    m_iterations->setObjectName(QStringLiteral("runnerIterationsSpinBox"));
    m_iterations->setRange(1, 100000);
    m_iterations->setToolTip(tr("With a data file, 1 means one iteration per row."));
    m_dataFile = new QLineEdit(this);
    m_dataFile->setObjectName(QStringLiteral("runnerDataFileLineEdit"));
    m_dataFile->setPlaceholderText(tr("optional: CSV with a header row, or a JSON array of objects"));
    auto* browse = new QPushButton(tr("Choose…"), this);
    browse->setObjectName(QStringLiteral("runnerDataFileButton"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Iteration Data"), QString(),
                                                          tr("Data files (*.csv *.json);;All files (*)"));
        if (!path.isEmpty())
            m_dataFile->setText(path);
    });
    auto* dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataFile, 1);
    dataRow->addWidget(browse);
    m_bail = new QCheckBox(tr("Stop at the first failure"), this);
    m_bail->setObjectName(QStringLiteral("runnerBailCheckBox"));
    m_delay = new QSpinBox(this);
    m_delay->setObjectName(QStringLiteral("runnerDelaySpinBox"));
    m_delay->setRange(0, 600000);
    m_delay->setSuffix(tr(" ms"));
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("runnerTimeoutSpinBox"));
    m_timeout->setRange(0, 3600000);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setSpecialValueText(tr("each request's own"));
    m_timeout->setToolTip(tr("Replaces the timeout of every request of the run (as run --timeout)."));
    m_parallel = new QSpinBox(this);
    m_parallel->setObjectName(QStringLiteral("runnerParallelSpinBox"));
    m_parallel->setRange(1, 64);
    m_parallel->setToolTip(tr("Iterations run at once; the requests of one iteration stay in order and see only "
                              "their own iteration's captures (as run --parallel)."));
    // An environment file (run --env-file): it replaces the workspace's environment for the run.
    m_envFile = new QLineEdit(this);
    m_envFile->setObjectName(QStringLiteral("runnerEnvFileLineEdit"));
    m_envFile->setPlaceholderText(tr("optional: a Postman environment or an http-client.env.json"));
    m_envFileEnvironment = new QComboBox(this);
    m_envFileEnvironment->setObjectName(QStringLiteral("runnerEnvFileEnvironmentComboBox"));
    m_envFileEnvironment->setEnabled(false);
    auto* envBrowse = new QPushButton(tr("Choose…"), this);
    envBrowse->setObjectName(QStringLiteral("runnerEnvFileButton"));
    connect(envBrowse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Environment File"), QString(),
                                                          tr("Environment files (*.json);;All files (*)"));
        if (!path.isEmpty()) {
            m_envFile->setText(path);
            refreshEnvFileNames();
        }
    });
    connect(m_envFile, &QLineEdit::editingFinished, this, &RunnerPanel::refreshEnvFileNames);
    m_envFileStatus = new QLabel(this);
    m_envFileStatus->setObjectName(QStringLiteral("runnerEnvFileStatusLabel"));
    m_envFileStatus->setWordWrap(true);
    m_envFileStatus->setVisible(false);
    auto* envFileRow = new QHBoxLayout;
    envFileRow->addWidget(m_envFile, 1);
    envFileRow->addWidget(m_envFileEnvironment);
    envFileRow->addWidget(envBrowse);
    auto* timingRow = new QHBoxLayout;
    timingRow->addWidget(m_delay);
    timingRow->addWidget(new QLabel(tr("Timeout per request:"), this));
    timingRow->addWidget(m_timeout);
    timingRow->addWidget(new QLabel(tr("Iterations at once:"), this));
    timingRow->addWidget(m_parallel);
    timingRow->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("Run:"), m_target);
    form->addRow(tr("Environment:"), m_environment);
    form->addRow(tr("Environment file:"), envFileRow);
    form->addRow(QString(), m_envFileStatus);
    form->addRow(tr("Iterations:"), m_iterations);
    form->addRow(tr("Data file:"), dataRow);
    form->addRow(tr("Delay between requests:"), timingRow);
    form->addRow(QString(), m_bail);

    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("runnerRunButton"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("runnerStopButton"));
    m_stop->setEnabled(false);
    m_rerunFailed = new QPushButton(tr("Re-run Failed"), this);
    m_rerunFailed->setObjectName(QStringLiteral("runnerRerunFailedButton"));
    m_rerunFailed->setToolTip(tr("Runs again only the requests that failed in the last run."));
    m_rerunFailed->setEnabled(false);
    m_exportJson = new QPushButton(tr("Export JSON…"), this);
    m_exportJson->setObjectName(QStringLiteral("runnerExportJsonButton"));
    m_exportJUnit = new QPushButton(tr("Export JUnit XML…"), this);
    m_exportJUnit->setObjectName(QStringLiteral("runnerExportJUnitButton"));
    m_exportJson->setEnabled(false);
    m_exportJUnit->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("runnerProgressBar"));
    m_progress->setFormat(tr("%v of %m requests"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_rerunFailed);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_exportJson);
    buttons->addWidget(m_exportJUnit);

    m_summary = new QLabel(tr("Choose what to run and press Run. Requests are sent for real."), this);
    m_summary->setObjectName(QStringLiteral("runnerSummaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_results = new QTreeWidget(this);
    m_results->setObjectName(QStringLiteral("runnerResultsTreeWidget"));
    m_results->setHeaderLabels({tr("Request / assertion"), tr("Status"), tr("Time"), tr("Result")});
    m_results->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_results->setColumnWidth(0, 360);
    m_results->setColumnWidth(1, 70);
    m_results->setColumnWidth(2, 70);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_results, 1);

    connect(m_run, &QPushButton::clicked, this, &RunnerPanel::start);
    connect(m_stop, &QPushButton::clicked, this, &RunnerPanel::stop);
    connect(m_rerunFailed, &QPushButton::clicked, this, &RunnerPanel::rerunFailed);
    connect(m_exportJson, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Run as JSON"), QStringLiteral("run.json"),
                                                          tr("JSON (*.json)"));
        if (!path.isEmpty())
            exportReport(path, false);
    });
    connect(m_exportJUnit, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Run as JUnit XML"),
                                                          QStringLiteral("run.xml"), tr("JUnit XML (*.xml)"));
        if (!path.isEmpty())
            exportReport(path, true);
    });
    if (m_document) {
        const auto refresh = [this] {
            if (!isRunning())
                refreshLists();
        };
        connect(m_document, &WorkspaceDocument::structureChanged, this, refresh);
        connect(m_document, &WorkspaceDocument::environmentsChanged, this, refresh);
    }
    refreshLists();
}

RunnerPanel::~RunnerPanel()
{
    // The worker posts results to this object: it must end before the object does.
    if (m_thread) {
        m_runner->cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void RunnerPanel::refreshLists()
{
    const QString current = target();
    const QString environment = m_environment->currentData().toString();
    m_target->clear();
    m_environment->clear();
    m_environment->addItem(tr("No environment"), QString());
    const Workspace* ws = m_document ? m_document->workspace() : nullptr;
    if (!ws)
        return;
    for (int i = 0; i < ws->collectionCount(); ++i)
        addContainers(*ws->collection(i), m_target);
    for (const Environment& e : ws->environments)
        m_environment->addItem(runnerText(e.name()), e.name());
    const int t = m_target->findData(current);
    m_target->setCurrentIndex(t >= 0 ? t : 0);
    const int e = m_environment->findData(environment.isEmpty() ? ws->activeEnvironment : environment);
    m_environment->setCurrentIndex(e >= 0 ? e : 0);
}

void RunnerPanel::refreshEnvFileNames()
{
    const QString chosen = m_envFileEnvironment->currentText();
    m_envFileEnvironment->clear();
    m_envFileEnvironment->setEnabled(false);
    m_envFileEnvironments.clear();
    m_envFileError.clear();
    const QString path = m_envFile->text().trimmed();
    m_envFileRead = path;
    const int generation = ++m_envFileGeneration;
    // The file's environment replaces the workspace's (as --env-file does): the workspace choice is off meanwhile.
    m_environment->setEnabled(path.isEmpty());
    m_environment->setToolTip(path.isEmpty() ? QString() : tr("Replaced by the environment file for the run."));
    m_envFileReading = !path.isEmpty();
    m_envFileStatus->setVisible(!path.isEmpty());
    m_envFileStatus->setText(path.isEmpty() ? QString()
                                            : tr("Reading %1…").arg(runnerText(QFileInfo(path).fileName())));
    updateRunEnabled();
    if (path.isEmpty())
        return;
    // Off the GUI thread, as the import dialog reads: a big file or a slow network share froze the window here.
    // The state is shared so that the thread may outlive the panel; a read replaced by a later one is ignored.
    auto state = std::make_shared<std::optional<Result<ImportResult>>>();
    QThread* reader =
        QThread::create([state, path] { state->emplace(Importer::importFile(path, Importer::Format::Auto)); });
    connect(reader, &QThread::finished, this, [this, state, generation, chosen] {
        if (generation == m_envFileGeneration && state->has_value())
            environmentFileLoaded(std::move(**state), chosen);
    });
    // Deleted by the application, not the panel (which may be gone), at once when it ends.
    ++g_envFileReadsInFlight;
    connect(reader, &QThread::finished, qApp, [reader] {
        reader->wait();
        delete reader;
        --g_envFileReadsInFlight;
    });
    reader->start(QThread::LowPriority);
}

void RunnerPanel::environmentFileLoaded(Result<ImportResult> imported, const QString& chosen)
{
    m_envFileReading = false;
    const QString file = runnerText(QFileInfo(m_envFileRead).fileName());
    if (!imported) {
        m_envFileError = tr("The environment file cannot be used: %1").arg(runnerText(imported.error().message));
    } else {
        m_envFileEnvironments = imported->environments;
        for (const Environment& e : std::as_const(m_envFileEnvironments))
            m_envFileEnvironment->addItem(runnerText(e.name()), e.name());
        if (m_envFileEnvironment->count() == 0)
            m_envFileError = tr("The environment file %1 holds no environment.").arg(file);
    }
    if (m_envFileError.isEmpty()) {
        const int i = m_envFileEnvironment->findText(chosen);
        m_envFileEnvironment->setCurrentIndex(i >= 0 ? i : 0);
        m_envFileEnvironment->setEnabled(m_envFileEnvironment->count() > 1);
        m_envFileStatus->setText(
            tr("%n environment(s) read from %1.", nullptr, m_envFileEnvironment->count()).arg(file));
        // A Run asked for while the file was read was refused with a message that is now out of date.
        if (m_summary->text() == stillReadingMessage())
            showMessage(tr("The environment file is read: press Run."));
    } else {
        m_envFileStatus->setText(m_envFileError);
        showMessage(m_envFileError);
    }
    updateRunEnabled();
    Q_EMIT environmentFileRead();
}

int RunnerPanel::environmentFileReadsInFlight()
{
    return g_envFileReadsInFlight.load();
}

void RunnerPanel::updateRunEnabled()
{
    m_run->setEnabled(!isRunning() && !m_envFileReading);
}

void RunnerPanel::setTarget(const QString& nodeId)
{
    if (isRunning())
        return;
    refreshLists();
    const int i = m_target->findData(nodeId);
    if (i >= 0)
        m_target->setCurrentIndex(i);
}

QString RunnerPanel::target() const
{
    return m_target->currentData().toString();
}

QString RunnerPanel::stillReadingMessage() const
{
    return tr("The environment file is still being read: run when it is read.");
}

void RunnerPanel::showMessage(const QString& text)
{
    m_summary->setText(text);
}

bool RunnerPanel::start()
{
    return startRun({});
}

bool RunnerPanel::rerunFailed()
{
    QStringList failed;
    for (const RunRequestResult& r : std::as_const(m_report.requests)) {
        if (r.failed() && !failed.contains(r.nodeId))
            failed << r.nodeId;
    }
    if (failed.isEmpty()) {
        showMessage(tr("Nothing failed in the last run."));
        return false;
    }
    return startRun(failed);
}

bool RunnerPanel::startRun(const QStringList& onlyNodeIds)
{
    if (isRunning() || !m_document || !m_document->workspace())
        return false;
    const Workspace& ws = *m_document->workspace();
    const CollectionNode* node = ws.findById(target());
    if (!node || !node->isContainer()) {
        showMessage(tr("Choose a collection or folder to run."));
        return false;
    }
    RunOptions options;
    if (!m_dataFile->text().trimmed().isEmpty()) {
        QFile file(m_dataFile->text().trimmed());
        if (!file.open(QIODevice::ReadOnly)) {
            showMessage(tr("The data file cannot be read: %1").arg(file.errorString()));
            return false;
        }
        auto rows = IterationData::load(file.readAll(), file.fileName());
        if (!rows) {
            showMessage(tr("The data file cannot be used: %1").arg(runnerText(rows.error().message)));
            return false;
        }
        options.data = rows.value();
    }
    options.iterations =
        m_iterations->value() == 1 && !options.data.isEmpty() ? int(options.data.size()) : m_iterations->value();
    options.bail = m_bail->isChecked();
    options.delayMs = m_delay->value();
    options.timeoutMs = m_timeout->value();
    options.parallel = m_parallel->value();
    std::optional<Environment> fileEnvironment;
    if (const QString envPath = m_envFile->text().trimmed(); !envPath.isEmpty()) {
        if (envPath != m_envFileRead) // typed, not yet confirmed: read it now, off the GUI thread
            refreshEnvFileNames();
        if (m_envFileReading) {
            showMessage(stillReadingMessage());
            return false;
        }
        if (!m_envFileError.isEmpty()) {
            showMessage(m_envFileError);
            return false;
        }
        auto loaded = Importer::chooseEnvironment(m_envFileEnvironments, QFileInfo(envPath).fileName(),
                                                  m_envFileEnvironment->currentData().toString());
        if (!loaded) {
            showMessage(tr("The environment file cannot be used: %1").arg(runnerText(loaded.error().message)));
            return false;
        }
        fileEnvironment = std::move(loaded).value();
    }

    // A snapshot: the run reads it from another thread while the tree stays editable.
    m_snapshot = std::make_shared<Workspace>();
    m_snapshot->id = ws.id;
    m_snapshot->name = ws.name;
    m_snapshot->globals = ws.globals;
    m_snapshot->environments = ws.environments;
    m_snapshot->activeEnvironment = ws.activeEnvironment;
    m_snapshot->authProfiles = ws.authProfiles;
    m_snapshot->insertCollection(0, node->root()->clone(false));
    const CollectionNode* copy = m_snapshot->findById(node->id());
    Q_ASSERT(copy);
    const Environment* environment =
        fileEnvironment ? &*fileEnvironment : m_snapshot->environment(m_environment->currentData().toString());
    QList<const CollectionNode*> requests = CollectionRunner::requestsBelow(*copy);
    if (!onlyNodeIds.isEmpty())
        requests.removeIf([&](const CollectionNode* r) { return !onlyNodeIds.contains(r->id()); });
    if (requests.isEmpty()) {
        showMessage(onlyNodeIds.isEmpty()
                        ? tr("%1 holds no request.").arg(runnerText(Workspace::joinPath(node->path())))
                        : tr("The requests that failed are no longer in %1.")
                              .arg(runnerText(Workspace::joinPath(node->path()))));
        return false;
    }
    m_options = options;
    m_runner = std::make_shared<CollectionRunner>(*m_snapshot, requests, environment, options);

    m_results->clear();
    m_done = 0;
    m_iterationCount = options.iterations;
    m_progress->setRange(0, int(requests.size()) * options.iterations);
    m_progress->setValue(0);
    m_run->setEnabled(false);
    m_rerunFailed->setEnabled(false);
    m_stop->setEnabled(true);
    m_exportJson->setEnabled(false);
    m_exportJUnit->setEnabled(false);
    m_target->setEnabled(false);
    showMessage(onlyNodeIds.isEmpty()
                    ? tr("Running %1…").arg(runnerText(Workspace::joinPath(node->path())))
                    : tr("Running the %n request(s) of %1 that failed…", nullptr, int(requests.size()))
                          .arg(runnerText(Workspace::joinPath(node->path()))));

    auto report = std::make_shared<RunReport>();
    const std::shared_ptr<CollectionRunner> runner = m_runner;
    const std::shared_ptr<Workspace> snapshot = m_snapshot; // kept alive by the thread
    m_thread = QThread::create([this, runner, snapshot, report] {
        *report = runner->run(
            [this](const RunRequestResult& r) {
                QMetaObject::invokeMethod(
                    this, [this, r] { addResult(r); }, Qt::QueuedConnection);
            },
            true);
    });
    connect(m_thread, &QThread::finished, this, [this, report] { runFinished(*report); });
    m_thread->start();
    return true;
}

void RunnerPanel::stop()
{
    if (!m_runner || !isRunning())
        return;
    m_runner->cancel();
    m_stop->setEnabled(false);
    showMessage(tr("Stopping after the request in flight…"));
}

void RunnerPanel::addResult(const RunRequestResult& r)
{
    ++m_done;
    m_progress->setValue(std::min(m_done, m_progress->maximum()));
    const QString prefix = m_iterationCount > 1 ? tr("[%1] ").arg(r.iteration + 1) : QString();
    auto* item = new QTreeWidgetItem(m_results);
    item->setText(0, prefix + runnerText(r.method + QLatin1Char(' ') + r.label));
    item->setToolTip(0, runnerText(r.url));
    item->setText(1, r.received && r.error.isEmpty() ? QString::number(r.status) : tr("error"));
    item->setText(2, r.elapsedMs >= 0 ? tr("%1 ms").arg(r.elapsedMs) : QString());
    int passed = 0;
    for (const AssertionOutcome& a : r.assertions) {
        auto* row = new QTreeWidgetItem(item);
        row->setText(0, runnerText(a.name));
        switch (a.status) {
        case AssertionOutcome::Status::Passed:
            row->setText(1, tr("pass"));
            ++passed;
            break;
        case AssertionOutcome::Status::Failed:
            row->setText(1, tr("FAIL"));
            row->setForeground(1, QColor(0xb0, 0x30, 0x30));
            break;
        case AssertionOutcome::Status::Errored:
            row->setText(1, tr("ERROR"));
            row->setForeground(1, QColor(0xb0, 0x30, 0x30));
            break;
        }
        row->setText(3, runnerText(a.message));
        row->setToolTip(3, runnerText(a.message));
    }
    if (!r.error.isEmpty())
        item->setText(3, runnerText(r.error));
    else if (r.assertions.isEmpty())
        item->setText(3, tr("no assertions"));
    else
        item->setText(3, tr("%1 of %2 assertions passed").arg(passed).arg(r.assertions.size()));
    if (r.failed()) {
        item->setForeground(3, QColor(0xb0, 0x30, 0x30));
        item->setExpanded(true);
    }
    m_results->scrollToItem(item);
}

void RunnerPanel::runFinished(const RunReport& report)
{
    // Results posted by the worker before it ended are queued ahead of this call: the table is complete.
    m_report = report;
    m_thread->wait(); // it has ended (this is its finished signal); delete it now rather than deferred
    delete m_thread;
    m_thread = nullptr;
    m_runner.reset();
    m_snapshot.reset();
    updateRunEnabled();
    m_stop->setEnabled(false);
    m_target->setEnabled(true);
    m_exportJson->setEnabled(true);
    m_exportJUnit->setEnabled(true);
    m_rerunFailed->setEnabled(std::any_of(report.requests.cbegin(), report.requests.cend(),
                                          [](const RunRequestResult& r) { return r.failed(); }));
    QString text = runnerText(report.summaryLine());
    if (report.cancelled)
        text = tr("Stopped. %1").arg(text);
    else if (report.bailed)
        text = tr("Stopped at the first failure. %1").arg(text);
    showMessage(text);
    Q_EMIT statusMessage(text);
    Q_EMIT finished();
}

bool RunnerPanel::exportReport(const QString& path, bool junit)
{
    const QByteArray bytes = junit ? m_report.toJUnit() : QJsonDocument(m_report.toJson()).toJson();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        showMessage(tr("Cannot write %1: %2").arg(runnerText(path), file.errorString()));
        return false;
    }
    Q_EMIT statusMessage(tr("Run exported to %1").arg(runnerText(path)));
    return true;
}
