// SPDX-License-Identifier: MIT
#include "gui/TokenWorkbenchDpopPanel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

TokenWorkbenchDpopPanel::TokenWorkbenchDpopPanel(QWidget* parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_summary(new QLabel(this))
    , m_method(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_companionLabel(new QLabel(this))
    , m_companion(new QPlainTextEdit(this))
    , m_nonce(new QLineEdit(this))
    , m_rows(new QTableWidget(0, 4, this))
{
    setObjectName(QStringLiteral("dpopCheckWidget"));
    m_summary->setObjectName(QStringLiteral("dpopSummaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_method->setObjectName(QStringLiteral("dpopMethodLineEdit"));
    m_method->setPlaceholderText(tr("POST — the request's method (htm)"));
    m_url->setObjectName(QStringLiteral("dpopUrlLineEdit"));
    m_url->setPlaceholderText(tr("https://server.example/token — the request's URL (htu)"));
    m_companionLabel->setObjectName(QStringLiteral("dpopCompanionLabel"));
    m_companion->setObjectName(QStringLiteral("dpopCompanionPlainTextEdit"));
    m_companion->setAccessibleName(tr("Access token or DPoP proof sent with it"));
    m_companion->setMaximumHeight(80);
    m_companion->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_nonce->setObjectName(QStringLiteral("dpopNonceLineEdit"));
    m_nonce->setPlaceholderText(tr("The server's DPoP-Nonce, if it sent one"));
    m_rows->setObjectName(QStringLiteral("dpopChecksTableWidget"));
    m_rows->setAccessibleName(tr("DPoP checks"));
    m_rows->setHorizontalHeaderLabels({tr("Result"), tr("Check"), tr("Where"), tr("Details")});
    m_rows->verticalHeader()->setVisible(false);
    m_rows->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rows->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rows->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_rows->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_rows->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_rows->horizontalHeader()->setStretchLastSection(true);

    m_form->addRow(tr("Method"), m_method);
    m_form->addRow(tr("URL"), m_url);
    m_form->addRow(m_companionLabel, m_companion);
    m_form->addRow(tr("Nonce"), m_nonce);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(m_form);
    layout->addWidget(m_rows, 1);

    connect(m_method, &QLineEdit::textChanged, this, &TokenWorkbenchDpopPanel::recheck);
    connect(m_url, &QLineEdit::textChanged, this, &TokenWorkbenchDpopPanel::recheck);
    connect(m_nonce, &QLineEdit::textChanged, this, &TokenWorkbenchDpopPanel::recheck);
    connect(m_companion, &QPlainTextEdit::textChanged, this, &TokenWorkbenchDpopPanel::recheck);
}

bool TokenWorkbenchDpopPanel::appliesTo(const QByteArray& token)
{
    return DpopCheck::isProof(token) || !DpopCheck::boundThumbprint(token).isEmpty();
}

void TokenWorkbenchDpopPanel::setToken(const QByteArray& token, const Clock* clock)
{
    m_clock = clock;
    const bool isProof = DpopCheck::isProof(token);
    if (token == m_token && isProof == m_tokenIsProof) {
        recheck(); // the clock may have moved (iat window)
        return;
    }
    if (isProof != m_tokenIsProof) {
        // The companion box changes meaning (access token / proof): what was pasted for the other kind goes.
        const QSignalBlocker block(m_companion);
        m_companion->clear();
    }
    m_token = token;
    m_tokenIsProof = isProof;
    // The request's fields belong to a proof; for an access token only the proof sent with it is asked for.
    m_form->setRowVisible(m_method, isProof);
    m_form->setRowVisible(m_url, isProof);
    m_form->setRowVisible(m_nonce, isProof);
    m_companionLabel->setText(isProof ? tr("Access token sent with it") : tr("DPoP proof sent with it"));
    m_companion->setAccessibleName(m_companionLabel->text());
    m_companion->setPlaceholderText(isProof ? tr("Paste the access token to check ath and the key binding")
                                            : tr("Paste the DPoP header's proof to check it against this token"));
    recheck();
}

void TokenWorkbenchDpopPanel::recheck()
{
    DpopCheckOptions options;
    options.clock = m_clock;
    const QByteArray companion = m_companion->toPlainText().trimmed().toUtf8();
    QByteArray proof;
    if (m_tokenIsProof) {
        proof = m_token;
        options.htm = m_method->text().trimmed();
        options.htu = m_url->text().trimmed();
        options.nonce = m_nonce->text().trimmed();
        options.accessToken = companion;
    } else {
        proof = companion;
        options.accessToken = m_token;
        // A pasted proof is checked on its own; its request is not known here.
    }
    m_report = DpopCheck::check(proof, options);

    QString summary;
    if (m_tokenIsProof)
        summary = m_report.proofValid ? tr("A DPoP proof (RFC 9449). Every check that can run passed; the skipped "
                                           "ones need the request it came with.")
                                      : tr("A DPoP proof (RFC 9449) that a server would refuse: see the failed rows.");
    else
        summary = tr("An access token bound to a DPoP key (RFC 9449 §6.1, cnf.jkt %1): it is only good with a proof "
                     "signed by that key.")
                      .arg(m_report.tokenJkt);
    m_summary->setText(summary);

    const QList<DpopCheckRow> rows = m_report.tokenRows + m_report.proofRows;
    m_rows->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const DpopCheckRow& r = rows.at(i);
        const QString result = r.status == VerificationStep::Status::Passed   ? tr("passed")
                               : r.status == VerificationStep::Status::Failed ? tr("failed")
                               : r.status == VerificationStep::Status::Info   ? tr("info")
                                                                              : tr("skipped");
        const QStringList cells{result, r.title, r.section, r.message};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setData(Qt::UserRole, r.id);
            m_rows->setItem(i, c, item);
        }
    }
}
