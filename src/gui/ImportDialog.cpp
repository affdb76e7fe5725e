// SPDX-License-Identifier: MIT
#include "gui/ImportDialog.h"

#include "core/DisplayText.h"
#include "formats/Importer.h"
#include "gui/WorkspaceDocument.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <atomic>

namespace {
std::atomic<int> g_readsInFlight{0};

/// What the reading thread hands back. Shared, so that the thread may outlive a cancelled or closed dialog.
struct LoadState
{
    std::optional<int> detected; // Importer::Format, when the content was recognised
    std::optional<Result<ImportResult>> result;
};

QString previewText(const QString& text)
{
    return DisplayText::escapeControls(text);
}

void addRequests(QTreeWidgetItem* parent, const CollectionNode& node)
{
    for (int i = 0; i < node.childCount(); ++i) {
        const CollectionNode& child = *node.child(i);
        auto* item = new QTreeWidgetItem(parent);
        if (child.isContainer()) {
            item->setText(0, previewText(child.name()));
            item->setText(1, ImportDialog::tr("folder, %n request(s)", nullptr, child.requestCount()));
            addRequests(item, child);
        } else {
            item->setText(0, previewText(child.name()));
            item->setText(1, previewText(child.request().request.normalizedMethod() + QLatin1Char(' ') +
                                         child.request().request.url));
        }
    }
}
} // namespace

ImportDialog::ImportDialog(WorkspaceDocument* document, QWidget* parent)
    : QDialog(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import"));
    resize(900, 620);

    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("importFileLineEdit"));
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(tr("Choose a Postman, Insomnia, .http, OpenAPI, HAR or curl file"));
    auto* browse = new QPushButton(tr("Choose File…"), this);
    browse->setObjectName(QStringLiteral("importBrowseButton"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import"), QString(),
            tr("Collections and API descriptions (*.json *.yaml *.yml *.http *.rest *.har *.txt *.sh);;All files (*)"));
        if (!path.isEmpty())
            load(path);
    });
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("importFormatComboBox"));
    m_format->addItem(tr("Detect from the file"), int(Importer::Format::Auto));
    for (const Importer::Format f :
         {Importer::Format::Postman, Importer::Format::PostmanEnvironment, Importer::Format::Insomnia,
          Importer::Format::Http, Importer::Format::HttpEnvironment, Importer::Format::OpenApi, Importer::Format::Har,
          Importer::Format::Curl})
        m_format->addItem(formatTitle(int(f)), int(f));
    connect(m_format, &QComboBox::activated, this, [this] {
        if (!m_file->text().isEmpty())
            load(m_file->text());
    });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("File:"), fileRow);
    form->addRow(tr("Format:"), m_format);

    m_status = new QLabel(tr("Nothing is written to the workspace until you press Import."), this);
    m_status->setObjectName(QStringLiteral("importStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importProgressBar"));
    m_progress->setRange(0, 0); // the importers report no progress: a busy indicator
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel Reading"), this);
    m_cancel->setObjectName(QStringLiteral("importCancelButton"));
    m_cancel->setVisible(false);
    connect(m_cancel, &QPushButton::clicked, this, &ImportDialog::cancelLoad);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    m_preview = new QTreeWidget(this);
    m_preview->setObjectName(QStringLiteral("importPreviewTreeWidget"));
    m_preview->setHeaderLabels({tr("Will be created"), tr("Details")});
    m_preview->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_report = new QTreeWidget(this);
    m_report->setObjectName(QStringLiteral("importReportTreeWidget"));
    m_report->setRootIsDecorated(false);
    m_report->setHeaderLabels({tr("Outcome"), tr("Kind"), tr("Item"), tr("What happened")});
    m_report->setWordWrap(true);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("importSplitter"));
    auto* previewBox = new QWidget(split);
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(new QLabel(tr("Preview"), previewBox));
    previewLayout->addWidget(m_preview);
    auto* reportBox = new QWidget(split);
    auto* reportLayout = new QVBoxLayout(reportBox);
    reportLayout->setContentsMargins(0, 0, 0, 0);
    reportLayout->addWidget(new QLabel(tr("Import report: what is kept as it is, converted, or dropped"), reportBox));
    reportLayout->addWidget(m_report);
    split->addWidget(previewBox);
    split->addWidget(reportBox);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_import = m_buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_import, &QPushButton::clicked, this, [this] {
        if (importIntoWorkspace())
            accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addLayout(progressRow);
    layout->addWidget(split, 1);
    layout->addWidget(m_buttons);
}

ImportDialog::~ImportDialog()
{
    if (m_reading)
        m_reading->requestInterruption();
}

int ImportDialog::readsInFlight()
{
    return g_readsInFlight.load();
}

QString ImportDialog::formatTitle(int format)
{
    switch (Importer::Format(format)) {
    case Importer::Format::Auto:
        return tr("Detect from the file");
    case Importer::Format::Postman:
        return tr("Postman collection (v2.0, v2.1)");
    case Importer::Format::PostmanEnvironment:
        return tr("Postman environment or globals");
    case Importer::Format::Curl:
        return tr("curl command");
    case Importer::Format::Http:
        return tr(".http / .rest file");
    case Importer::Format::HttpEnvironment:
        return tr("http-client.env.json");
    case Importer::Format::OpenApi:
        return tr("OpenAPI 3 / Swagger 2");
    case Importer::Format::Insomnia:
        return tr("Insomnia export");
    case Importer::Format::Har:
        return tr("HAR (browser network log)");
    }
    return {};
}

void ImportDialog::load(const QString& path)
{
    m_file->setText(QDir::toNativeSeparators(path));
    m_result.reset();
    m_preview->clear();
    m_report->clear();
    m_import->setEnabled(false);
    m_loading = true;
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_status->setText(tr("Reading %1…").arg(previewText(QFileInfo(path).fileName())));
    if (m_reading)
        m_reading->requestInterruption(); // a file read before this one: its result would be dropped anyway
    const int generation = ++m_generation;
    const auto chosen = Importer::Format(m_format->currentData().toInt());
    auto state = std::make_shared<LoadState>();
    // A big collection takes seconds to parse: off the GUI thread, so that the window stays responsive.
    // One read and one parse: detection's parse is the one imported (as `tokenscope-cli import`; a separate detect()
    // parsed a 24 MB collection twice).
    QThread* thread = QThread::create([state, path, chosen] {
        Importer::Format detected = Importer::Format::Auto;
        state->result.emplace(Importer::importFile(path, chosen, &detected));
        if (chosen == Importer::Format::Auto && detected != Importer::Format::Auto)
            state->detected = int(detected);
    });
    ++g_readsInFlight;
    m_reading = thread;
    connect(thread, &QThread::finished, this, [this, state, path, generation] {
        if (generation != m_generation || !state->result)
            return;
        showResult(path, state->detected, std::move(*state->result));
    });
    // After the dialog's own handler (queued in this order). Deleted by the application, not the dialog (which may be
    // gone): at once when it ends, not by a deferred delete that an ending event loop would leave undone.
    connect(thread, &QThread::finished, qApp, [thread] {
        thread->wait();
        delete thread;
        --g_readsInFlight;
    });
    thread->start(QThread::LowPriority);
}

void ImportDialog::cancelLoad()
{
    if (!m_loading)
        return;
    ++m_generation;
    if (m_reading)
        m_reading->requestInterruption();
    m_loading = false;
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_status->setText(tr("Cancelled. Nothing was imported."));
    Q_EMIT loadFinished();
}

void ImportDialog::showError(const QString& message)
{
    m_status->setText(message);
    m_import->setEnabled(false);
}

void ImportDialog::showResult(const QString& path, std::optional<int> detected, Result<ImportResult> result)
{
    m_loading = false;
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    if (!result) {
        showError(tr("%1 cannot be imported: %2")
                      .arg(previewText(QFileInfo(path).fileName()), previewText(result.error().message)));
        Q_EMIT loadFinished();
        return;
    }
    m_result.emplace(std::move(result).value());
    fillPreview(*m_result);
    fillReport(m_result->report);
    const ImportReport& report = m_result->report;
    int requests = 0;
    for (const auto& c : m_result->collections)
        requests += c->requestCount();
    QString text = detected ? tr("%1 — ").arg(formatTitle(*detected)) : QString();
    text += tr("%n request(s) to import", nullptr, requests);
    // The counts are of report lines (collections, folders, requests, parts), not of requests: say so.
    text += tr(". Report: %1 item(s) kept as they are, %2 converted, %3 dropped")
                .arg(report.count(ImportReport::Outcome::Imported))
                .arg(report.count(ImportReport::Outcome::Converted))
                .arg(report.count(ImportReport::Outcome::Dropped));
    if (report.count(ImportReport::Outcome::Secret) > 0)
        text += tr("; %n secret(s) go to the keychain, not into the workspace files", nullptr,
                   report.count(ImportReport::Outcome::Secret));
    text += tr(". Nothing is written until you press Import.");
    m_status->setText(text);
    m_import->setEnabled(true);
    m_import->setDefault(true);
    Q_EMIT loadFinished();
}

void ImportDialog::fillPreview(const ImportResult& result)
{
    m_preview->clear();
    for (const auto& c : result.collections) {
        auto* item = new QTreeWidgetItem(
            m_preview, {previewText(c->name()), tr("collection, %n request(s)", nullptr, c->requestCount())});
        addRequests(item, *c);
    }
    m_preview->expandToDepth(0); // collections open, their folders listed
    if (!result.environments.isEmpty()) {
        auto* envs = new QTreeWidgetItem(m_preview, {tr("Environments"), QString::number(result.environments.size())});
        for (const Environment& e : result.environments)
            new QTreeWidgetItem(envs,
                                {previewText(e.name()), tr("%n variable(s)", nullptr, int(e.variables().size()))});
        envs->setExpanded(true);
    }
    if (!result.authProfiles.isEmpty()) {
        auto* profiles =
            new QTreeWidgetItem(m_preview, {tr("Auth profiles"), QString::number(result.authProfiles.size())});
        for (const AuthProfile& p : result.authProfiles)
            new QTreeWidgetItem(profiles, {previewText(p.name), tr("OAuth 2")});
        profiles->setExpanded(true);
    }
}

void ImportDialog::fillReport(const ImportReport& report)
{
    m_report->clear();
    for (const ImportReport::Entry& e : report.entries()) {
        auto* item = new QTreeWidgetItem(
            m_report, {ImportReport::outcomeName(e.outcome), e.kind, previewText(e.path), previewText(e.detail)});
        if (e.outcome == ImportReport::Outcome::Dropped)
            item->setForeground(0, QColor(0xb0, 0x30, 0x30));
        else if (e.outcome == ImportReport::Outcome::Converted)
            item->setForeground(0, QColor(0x9a, 0x6a, 0x00));
    }
    m_report->resizeColumnToContents(0);
    m_report->resizeColumnToContents(1);
    m_report->setColumnWidth(2, 260);
}

bool ImportDialog::importIntoWorkspace()
{
    if (!m_result || !m_document || !m_document->isOpen())
        return false;
    const int requests = [this] {
        int n = 0;
        for (const auto& c : m_result->collections)
            n += c->requestCount();
        return n;
    }();
    const int dropped = m_result->report.count(ImportReport::Outcome::Dropped);
    const auto ok = m_result->addTo(*m_document->workspace(), *m_document->store());
    m_result.reset();
    m_import->setEnabled(false);
    // The document re-reads what was written (also after a partial failure), so tree and files agree.
    const auto reloaded = m_document->reload();
    if (!ok) {
        showError(tr("The import stopped: %1").arg(previewText(ok.error().message)));
        return false;
    }
    if (!reloaded) {
        showError(
            tr("Imported, but the workspace could not be re-read: %1").arg(previewText(reloaded.error().message)));
        return false;
    }
    Q_EMIT imported(tr("Imported %n request(s)", nullptr, requests) +
                    (dropped > 0 ? tr("; %n item(s) dropped (see the report)", nullptr, dropped) : QString()));
    return true;
}
