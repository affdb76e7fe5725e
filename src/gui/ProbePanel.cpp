// SPDX-License-Identifier: MIT
#include "gui/ProbePanel.h"

#include "core/DisplayText.h"
#include "jose/TokenMutator.h"
#include "net/ProbeRunner.h"
#include "storage/AtomicFile.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
enum ProbeColumn
{
    ProbeIdColumn,
    ProbeChangedColumn,
    ProbeStatusColumn,
    ProbeVerdictColumn,
    ProbeDiagnosisColumn,
    ProbeColumnCount
};
// Item data: the index into the report's rows.
constexpr int kRowIndexRole = Qt::UserRole + 1;

QColor verdictColor(ProbeVerdict verdict)
{
    switch (verdict) {
    case ProbeVerdict::Vulnerable:
        return QColor(0xc0, 0x39, 0x2b);
    case ProbeVerdict::Unexpected:
    case ProbeVerdict::Weak:
        return QColor(0xd3, 0x54, 0x00);
    case ProbeVerdict::Ok:
        return QColor(0x1e, 0x84, 0x49);
    case ProbeVerdict::Error:
    case ProbeVerdict::Info:
    case ProbeVerdict::Skipped:
        break;
    }
    return QColor();
}
} // namespace

ProbePanel::ProbePanel(QWidget* parent)
    : QWidget(parent)
    , m_runner(new ProbeRunner(this))
{
    setObjectName(QStringLiteral("probePanel"));
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("probeTokenLineEdit"));
    m_token->setPlaceholderText(tr("Token to probe (empty: the one the request's auth sends)"));
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_token->setClearButtonEnabled(true);
    m_key = new QComboBox(this);
    m_key->setObjectName(QStringLiteral("probeKeyComboBox"));
    m_key->setToolTip(tr("The issuer's key. A private key re-signs the claim rows (exp, aud, iss, ...), which are "
                         "skipped without it; a public key feeds the key-confusion rows."));
    m_key->addItem(tr("No issuer key"));

    m_mutations = new QListWidget(this);
    m_mutations->setObjectName(QStringLiteral("probeMutationsListWidget"));
    for (const MutationInfo& info : TokenMutator::catalogue()) {
        auto* item = new QListWidgetItem(QStringLiteral("%1 (%2)").arg(info.id, severityName(info.severity)));
        item->setData(Qt::UserRole, info.id);
        item->setToolTip(QStringLiteral("%1\n%2\n%3").arg(info.description, info.reason, info.reference));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        m_mutations->addItem(item);
    }
    // A few rows are enough to pick from; the results table gets the height.
    m_mutations->setMaximumHeight(m_mutations->fontMetrics().height() * 6);
    auto* all = new QPushButton(tr("All"), this);
    all->setObjectName(QStringLiteral("probeSelectAllButton"));
    auto* none = new QPushButton(tr("None"), this);
    none->setObjectName(QStringLiteral("probeSelectNoneButton"));
    connect(all, &QPushButton::clicked, this, [this] { setSelectedIds({}); });
    connect(none, &QPushButton::clicked, this, [this] {
        for (int i = 0; i < m_mutations->count(); ++i)
            m_mutations->item(i)->setCheckState(Qt::Unchecked);
    });

    m_run = new QPushButton(tr("Run probe"), this);
    m_run->setObjectName(QStringLiteral("probeRunButton"));
    m_run->setToolTip(tr("Send the request with the valid token, then once per checked mutation"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("probeCancelButton"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("probeProgressBar"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("probeExportToolButton"));
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setEnabled(false);
    auto* exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("JSON…"), this, [this] { chooseExport(ExportFormat::Json); })
        ->setObjectName(QStringLiteral("probeExportJsonAction"));
    exportMenu->addAction(tr("JUnit XML…"), this, [this] { chooseExport(ExportFormat::JUnit); })
        ->setObjectName(QStringLiteral("probeExportJUnitAction"));
    exportMenu->addAction(tr("Markdown…"), this, [this] { chooseExport(ExportFormat::Markdown); })
        ->setObjectName(QStringLiteral("probeExportMarkdownAction"));
    m_export->setMenu(exportMenu);

    m_summary = new QLabel(tr("Checks which bad tokens the API wrongly accepts: alg none, key confusion, expired, "
                              "foreign audience, jku, ... The request must succeed with the valid token first."),
                           this);
    m_summary->setObjectName(QStringLiteral("probeSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_results = new QTableWidget(0, ProbeColumnCount, this);
    m_results->setObjectName(QStringLiteral("probeResultsTableWidget"));
    m_results->setHorizontalHeaderLabels(
        {tr("Mutation"), tr("What was changed"), tr("Status"), tr("Verdict"), tr("Why rejected / note")});
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->setWordWrap(false);
    m_results->setToolTip(tr("Double-click a row to open its token in the Token workbench"));
    connect(m_results, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const QTableWidgetItem* item = m_results->item(row, ProbeIdColumn);
        if (!item)
            return;
        const int index = item->data(kRowIndexRole).toInt();
        if (index >= 0 && index < m_report.rows.size() && !m_report.rows.at(index).mutation.token.isEmpty())
            Q_EMIT openTokenRequested(m_report.rows.at(index).mutation.token);
    });

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Token"), m_token);
    form->addRow(tr("Issuer key"), m_key);
    auto* selectButtons = new QHBoxLayout;
    selectButtons->addWidget(all);
    selectButtons->addWidget(none);
    selectButtons->addStretch(1);
    auto* chooser = new QWidget(this);
    auto* chooserLayout = new QVBoxLayout(chooser);
    chooserLayout->setContentsMargins(0, 0, 0, 0);
    chooserLayout->addLayout(form);
    chooserLayout->addWidget(m_mutations, 1);
    chooserLayout->addLayout(selectButtons);
    auto* runLine = new QHBoxLayout;
    runLine->addWidget(m_run);
    runLine->addWidget(m_cancel);
    runLine->addWidget(m_progress, 1);
    runLine->addWidget(m_export);
    auto* resultsPage = new QWidget(this);
    auto* resultsLayout = new QVBoxLayout(resultsPage);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addLayout(runLine);
    resultsLayout->addWidget(m_summary);
    resultsLayout->addWidget(m_results, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("probeSplitter"));
    splitter->addWidget(chooser);
    splitter->addWidget(resultsPage);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_run, &QPushButton::clicked, this, &ProbePanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &ProbePanel::cancel);
    connect(m_runner, &ProbeRunner::rowFinished, this, &ProbePanel::onRowFinished);
    connect(m_runner, &ProbeRunner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(m_runner, &ProbeRunner::finished, this, &ProbePanel::onFinished);
}

ProbePanel::~ProbePanel() = default;

void ProbePanel::setClientOptions(const HttpClientOptions& options)
{
    m_runner->setClientOptions(options);
}

void ProbePanel::setKeys(const Jwks& keys)
{
    const QString current = m_key->currentData().toString();
    m_keys = keys;
    m_key->clear();
    m_key->addItem(tr("No issuer key"), QString());
    if (m_extraKey)
        m_key->addItem(m_extraLabel, QStringLiteral("extra"));
    for (int i = 0; i < keys.keys().size(); ++i) {
        const Jwk& key = keys.keys().at(i);
        m_key->addItem(tr("%1 %2 %3 (%4)")
                           .arg(key.ktyName(), key.kid().isEmpty() ? tr("without kid") : key.kid(),
                                key.isPrivate() ? tr("private") : tr("public"),
                                key.isPrivate() ? tr("re-signs the claim rows") : tr("key confusion only")),
                       QStringLiteral("key:%1").arg(i));
    }
    const int again = m_key->findData(current);
    m_key->setCurrentIndex(again >= 0 ? again : (m_extraKey ? 1 : 0));
}

void ProbePanel::setExtraKey(const QString& label, const std::optional<Jwk>& key)
{
    m_extraLabel = label;
    m_extraKey = key;
    setKeys(m_keys);
    if (m_extraKey)
        m_key->setCurrentIndex(1); // the key the mock API trusts: the claim rows run at once
}

std::optional<Jwk> ProbePanel::selectedKey() const
{
    const QString choice = m_key->currentData().toString();
    if (choice == QLatin1String("extra"))
        return m_extraKey;
    if (choice.startsWith(QLatin1String("key:"))) {
        const int index = choice.mid(4).toInt();
        if (index >= 0 && index < m_keys.keys().size())
            return m_keys.keys().at(index);
    }
    return std::nullopt;
}

void ProbePanel::setToken(const QByteArray& token)
{
    m_token->setText(QString::fromLatin1(token));
}

QByteArray ProbePanel::token() const
{
    return m_token->text().trimmed().toLatin1();
}

QStringList ProbePanel::selectedIds() const
{
    QStringList ids;
    for (int i = 0; i < m_mutations->count(); ++i) {
        if (m_mutations->item(i)->checkState() == Qt::Checked)
            ids.append(m_mutations->item(i)->data(Qt::UserRole).toString());
    }
    return ids;
}

void ProbePanel::setSelectedIds(const QStringList& ids)
{
    for (int i = 0; i < m_mutations->count(); ++i) {
        QListWidgetItem* item = m_mutations->item(i);
        item->setCheckState(ids.isEmpty() || ids.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                               : Qt::Unchecked);
    }
}

bool ProbePanel::isRunning() const
{
    return m_runner->isRunning();
}

void ProbePanel::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_mutations->setEnabled(!running);
    m_export->setEnabled(!running && !m_report.rows.isEmpty());
}

void ProbePanel::run()
{
    if (isRunning() || !m_requestProvider)
        return;
    const QStringList ids = selectedIds();
    if (ids.isEmpty()) {
        m_summary->setText(tr("Check at least one mutation."));
        return;
    }
    ProbeOptions options;
    options.request = m_requestProvider();
    options.input.token = token();
    options.ids = ids.size() == m_mutations->count() ? QStringList() : ids;
    if (const std::optional<Jwk> key = selectedKey()) {
        if (key->isPrivate() || key->isSymmetric())
            options.input.signingKey = key;
        else
            options.input.publicKey = key;
    }
    if (!m_keys.isEmpty())
        options.diagnosisKeys = m_keys;
    m_report = ProbeReport();
    m_results->setRowCount(0);
    auto started = m_runner->start(options);
    if (!started) {
        m_summary->setText(tr("Cannot probe: %1").arg(started.error().message));
        return;
    }
    m_progress->setRange(0, 0);
    m_summary->setText(tr("Sending the control request…"));
    setRunning(true);
}

void ProbePanel::cancel()
{
    m_runner->cancel();
}

void ProbePanel::onRowFinished(int, const ProbeRow&)
{
    m_report = m_runner->report();
    fillTable();
}

void ProbePanel::onFinished(const ProbeReport& report)
{
    m_report = report;
    fillTable();
    setRunning(false);
    m_progress->setRange(0, std::max<int>(int(report.rows.size()), 1));
    m_progress->setValue(int(report.rows.size()));
    QString text;
    if (report.error) {
        text = tr("The probe could not run: %1").arg(DisplayText::escapeControls(report.error->message));
    } else if (report.inconclusive()) {
        text = tr("Inconclusive: the control request was not accepted (%1). Send the request with a valid token "
                  "first.")
                   .arg(report.control.received ? tr("status %1").arg(report.control.status)
                                                : DisplayText::escapeControls(report.control.error));
    } else {
        QStringList parts;
        for (ProbeVerdict verdict : ProbeReport::verdicts())
            parts << tr("%1: %2").arg(ProbeReport::verdictName(verdict)).arg(report.count(verdict));
        text = parts.join(QStringLiteral(" · "));
        if (report.cancelled)
            text += tr(" (cancelled)");
    }
    m_summary->setText(text);
    Q_EMIT statusMessage(text);
    Q_EMIT finished();
}

void ProbePanel::fillTable()
{
    const QList<int> order = m_report.displayOrder();
    m_results->setRowCount(int(order.size()));
    for (int r = 0; r < order.size(); ++r) {
        const ProbeRow& row = m_report.rows.at(order.at(r));
        const bool done = !m_runner->isRunning() || row.verdict != ProbeVerdict::Skipped || !row.note.isEmpty();
        const QStringList cells{
            row.label(),
            row.mutation.changed,
            row.received ? QString::number(row.status) : QStringLiteral("–"),
            done ? ProbeReport::verdictName(row.verdict) : tr("…"),
            row.diagnosisText(),
        };
        for (int c = 0; c < ProbeColumnCount; ++c) {
            auto* item = new QTableWidgetItem(DisplayText::escapeControls(cells.at(c)));
            item->setData(kRowIndexRole, order.at(r));
            if (c == ProbeIdColumn)
                item->setToolTip(
                    QStringLiteral("%1\n%2\n%3").arg(row.info.description, row.info.reason, row.info.reference));
            if (c == ProbeVerdictColumn && done) {
                const QColor color = verdictColor(row.verdict);
                if (color.isValid())
                    item->setForeground(color);
                QFont font = item->font();
                font.setBold(row.verdict == ProbeVerdict::Vulnerable);
                item->setFont(font);
            }
            if (c == ProbeDiagnosisColumn && row.diagnosis)
                item->setToolTip(DisplayText::escapeControls(row.diagnosis->toText()));
            m_results->setItem(r, c, item);
        }
    }
    m_results->resizeColumnToContents(ProbeIdColumn);
    m_results->resizeColumnToContents(ProbeStatusColumn);
    m_results->resizeColumnToContents(ProbeVerdictColumn);
}

bool ProbePanel::exportReport(ExportFormat format, const QString& path)
{
    QByteArray bytes;
    switch (format) {
    case ExportFormat::Json:
        bytes = QJsonDocument(m_report.toJson()).toJson(QJsonDocument::Indented);
        break;
    case ExportFormat::JUnit:
        bytes = m_report.toJUnit(false);
        break;
    case ExportFormat::Markdown:
        bytes = m_report.toMarkdown().toUtf8();
        break;
    }
    if (auto written = AtomicFile::write(path, bytes); !written) {
        Q_EMIT statusMessage(tr("Cannot write %1: %2").arg(path, written.error().message));
        return false;
    }
    Q_EMIT statusMessage(tr("Probe report written to %1").arg(path));
    return true;
}

void ProbePanel::chooseExport(ExportFormat format)
{
    const QString name = format == ExportFormat::Json    ? QStringLiteral("probe.json")
                         : format == ExportFormat::JUnit ? QStringLiteral("probe-junit.xml")
                                                         : QStringLiteral("probe.md");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Probe Report"), name);
    if (!path.isEmpty())
        exportReport(format, path);
}
