// SPDX-License-Identifier: MIT
#include "gui/ResponseViewer.h"

#include "gui/JsonHighlighter.h"
#include "gui/JsonTreePanel.h"

#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QVBoxLayout>

namespace {

// What the GUI thread shows at once, before the worker has formatted the body: small, because a minified body is
// one long line and laying out a long line is what costs (QTextLayout), not its size in bytes.
constexpr qsizetype kRawPreviewBytes = 16 * 1024;
constexpr qsizetype kHexPreviewBytes = 64 * 1024;
constexpr qsizetype kRawTabBytes = 256 * 1024;

QTableWidget* makeTable(const QStringList& titles, const QString& objectName, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(titles.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(titles);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return table;
}

QPlainTextEdit* makeText(const QString& objectName, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setUndoRedoEnabled(false);
    return edit;
}

} // namespace

ResponseViewer::ResponseViewer(QWidget* parent)
    : QWidget(parent)
    , m_formatter(new ResponseFormatter(this))
{
    setObjectName(QStringLiteral("responseViewer"));
    m_status = new QLabel(tr("No response yet."), this);
    m_status->setObjectName(QStringLiteral("responseStatusLabel"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_timing = new QLabel(this);
    m_timing->setObjectName(QStringLiteral("responseTimingLabel"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("responseNoteLabel"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_save = new QPushButton(tr("Save body…"), this);
    m_save->setObjectName(QStringLiteral("saveResponsePushButton"));
    m_save->setEnabled(false);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("responseTabWidget"));

    auto* bodyPage = new QWidget(m_tabs);
    m_search = new QLineEdit(bodyPage);
    m_search->setObjectName(QStringLiteral("responseSearchLineEdit"));
    m_search->setPlaceholderText(tr("Find in body (Enter for next)"));
    m_search->setClearButtonEnabled(true);
    m_prevPage = new QPushButton(tr("◀"), bodyPage);
    m_prevPage->setObjectName(QStringLiteral("previousPagePushButton"));
    m_prevPage->setToolTip(tr("Previous page"));
    m_nextPage = new QPushButton(tr("▶"), bodyPage);
    m_nextPage->setObjectName(QStringLiteral("nextPagePushButton"));
    m_nextPage->setToolTip(tr("Next page"));
    m_pageLabel = new QLabel(bodyPage);
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_body = makeText(QStringLiteral("responseBodyPlainTextEdit"), bodyPage);
    m_highlighter = new JsonHighlighter(nullptr);
    m_highlighter->setParent(this);
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_prevPage);
    searchRow->addWidget(m_pageLabel);
    searchRow->addWidget(m_nextPage);
    auto* bodyLayout = new QVBoxLayout(bodyPage);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(searchRow);
    bodyLayout->addWidget(m_body, 1);
    m_tabs->addTab(bodyPage, tr("Body"));
    m_tree = new JsonTreePanel(m_tabs);
    m_tabs->addTab(m_tree, tr("Tree"));

    m_raw = makeText(QStringLiteral("responseRawPlainTextEdit"), m_tabs);
    m_tabs->addTab(m_raw, tr("Raw"));
    m_hex = makeText(QStringLiteral("responseHexPlainTextEdit"), m_tabs);
    m_tabs->addTab(m_hex, tr("Hex"));
    auto* imageScroll = new QScrollArea(m_tabs);
    m_image = new QLabel(imageScroll);
    m_image->setObjectName(QStringLiteral("responseImageLabel"));
    m_image->setAlignment(Qt::AlignCenter);
    imageScroll->setWidget(m_image);
    imageScroll->setWidgetResizable(true);
    m_imagePage = imageScroll;
    m_tabs->addTab(imageScroll, tr("Image"));
    m_headers = makeTable({tr("Header"), tr("Value")}, QStringLiteral("responseHeadersTableWidget"), m_tabs);
    m_tabs->addTab(m_headers, tr("Headers"));
    m_cookies = makeTable({tr("Name"), tr("Value"), tr("Domain"), tr("Path"), tr("Expires"), tr("Flags")},
                          QStringLiteral("responseCookiesTableWidget"), m_tabs);
    m_tabs->addTab(m_cookies, tr("Cookies"));
    auto* tokenPage = new QWidget(m_tabs);
    m_tokenList = new QListWidget(tokenPage);
    m_tokenList->setObjectName(QStringLiteral("responseTokensListWidget"));
    m_openToken = new QPushButton(tr("Open in Token workbench"), tokenPage);
    m_openToken->setObjectName(QStringLiteral("openTokenPushButton"));
    m_openToken->setEnabled(false);
    auto* tokenLayout = new QVBoxLayout(tokenPage);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->addWidget(m_tokenList, 1);
    tokenLayout->addWidget(m_openToken, 0, Qt::AlignRight);
    m_tabs->addTab(tokenPage, tr("Tokens"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_timing);
    layout->addWidget(m_note);
    layout->addWidget(m_tabs, 1);

    connect(m_formatter, &ResponseFormatter::formatted, this, &ResponseViewer::onFormatted);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this]() {
        if (m_tabs->currentWidget() == m_hex)
            fillHex();
        if (m_tabs->currentWidget() == m_raw)
            fillRaw();
        if (m_tabs->currentWidget() == m_tree)
            fillTree();
    });
    connect(m_tree, &JsonTreePanel::openTokenRequested, this, &ResponseViewer::openTokenRequested);
    connect(m_prevPage, &QPushButton::clicked, this, [this]() { showPage(m_page - 1); });
    connect(m_nextPage, &QPushButton::clicked, this, [this]() { showPage(m_page + 1); });
    connect(m_search, &QLineEdit::returnPressed, this, [this]() { findNext(m_search->text()); });
    connect(m_search, &QLineEdit::textChanged, this, [this]() { m_searchFrom = 0; });
    connect(m_tokenList, &QListWidget::currentRowChanged, this,
            [this](int row) { m_openToken->setEnabled(row >= 0 && row < m_tokens.size()); });
    auto openCurrent = [this]() {
        const int row = m_tokenList->currentRow();
        if (row >= 0 && row < m_tokens.size())
            Q_EMIT openTokenRequested(m_tokens.at(row).token);
    };
    connect(m_openToken, &QPushButton::clicked, this, openCurrent);
    connect(m_tokenList, &QListWidget::itemDoubleClicked, this, openCurrent);
    connect(m_save, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save response body"));
        if (path.isEmpty())
            return;
        if (const auto saved = saveBodyTo(path); !saved) {
            m_note->setText(saved.error().message);
            m_note->show();
        }
    });
    clear();
}

void ResponseViewer::clear()
{
    m_response = HttpClientResponse();
    m_tokens.clear();
    m_formatted = FormattedBody();
    m_formattedReady = false;
    m_page = 0;
    m_status->setText(tr("No response yet."));
    m_timing->clear();
    m_note->hide();
    m_body->clear();
    m_raw->clear();
    m_hex->clear();
    m_treeDirty = false;
    m_tree->clear(tr("No response yet."));
    m_image->clear();
    m_headers->setRowCount(0);
    m_cookies->setRowCount(0);
    m_tokenList->clear();
    m_openToken->setEnabled(false);
    m_save->setEnabled(false);
    m_prevPage->setEnabled(false);
    m_nextPage->setEnabled(false);
    m_pageLabel->clear();
}

QString ResponseViewer::sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%n byte(s)", nullptr, int(bytes));
    if (bytes < 1024 * 1024)
        return tr("%1 KB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return tr("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

QString ResponseViewer::hexDump(QByteArrayView bytes)
{
    // Built by hand: QString::arg per byte costs tens of ms for 64 KB on the GUI thread.
    static const char digits[] = "0123456789abcdef";
    QByteArray out;
    out.reserve((bytes.size() / 16 + 1) * 78);
    for (qsizetype row = 0; row < bytes.size(); row += 16) {
        for (int shift = 28; shift >= 0; shift -= 4)
            out.append(digits[(row >> shift) & 0xf]);
        out.append("  ");
        for (qsizetype i = row; i < row + 16; ++i) {
            if (i < bytes.size()) {
                const uchar c = uchar(bytes[i]);
                out.append(digits[c >> 4]);
                out.append(digits[c & 0xf]);
                out.append(' ');
            } else {
                out.append("   ");
            }
        }
        out.append(' ');
        for (qsizetype i = row; i < row + 16 && i < bytes.size(); ++i) {
            const uchar c = uchar(bytes[i]);
            out.append(c >= 0x20 && c < 0x7f ? char(c) : '.');
        }
        out.append('\n');
    }
    return QString::fromLatin1(out);
}

void ResponseViewer::setResponse(const HttpClientResponse& response)
{
    clear();
    m_response = response;
    if (!response.received) {
        m_status->setText(
            QString(QStringLiteral("<b>") + tr("No response") + QStringLiteral("</b> — ") +
                    response.explanation().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
        Q_EMIT bodyFormatted();
        return;
    }
    const QString color = response.status >= 400   ? QStringLiteral("#c0392b")
                          : response.status >= 300 ? QStringLiteral("#b7791f")
                                                   : QStringLiteral("#2e7d32");
    QString status =
        QStringLiteral("<b style=\"color:%1\">%2 %3</b> · %4 ms · %5 · %6")
            .arg(color, QString::number(response.status), response.reason.toHtmlEscaped(),
                 QString::number(response.timings.totalMs), sizeText(response.bodySize), response.httpVersion);
    if (!response.redirectChain.isEmpty())
        status += tr(" · %n redirect(s) → %1", nullptr, int(response.redirectChain.size()))
                      .arg(response.finalUrl.toHtmlEscaped());
    if (response.bodyTruncated)
        status += tr(" · body truncated at %1").arg(sizeText(response.body.size()));
    if (response.error)
        status += QString(QStringLiteral("<br>") + response.error->message.toHtmlEscaped());
    m_status->setText(status);
    const auto& t = response.timings;
    QStringList phases;
    auto phase = [&phases](const QString& name, qint64 ms) {
        if (ms >= 0)
            phases << QStringLiteral("%1 %2 ms").arg(name).arg(ms);
    };
    phase(tr("connect"), t.connectStartedMs);
    phase(tr("TLS"), t.tlsDoneMs);
    phase(tr("sent"), t.requestSentMs);
    phase(tr("headers"), t.headersMs);
    phase(tr("first byte"), t.firstByteMs);
    phase(tr("done"), t.totalMs);
    m_timing->setText(phases.join(QStringLiteral(" · ")));

    for (const auto& [name, value] : response.headers) {
        for (const QByteArray& line : value.split('\n')) {
            const int row = m_headers->rowCount();
            m_headers->insertRow(row);
            m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(name)));
            m_headers->setItem(row, 1, new QTableWidgetItem(QString::fromLatin1(line)));
        }
    }
    for (const QNetworkCookie& c : response.cookies) {
        const int row = m_cookies->rowCount();
        m_cookies->insertRow(row);
        QStringList flags;
        if (c.isSecure())
            flags << QStringLiteral("Secure");
        if (c.isHttpOnly())
            flags << QStringLiteral("HttpOnly");
        const QStringList cells = {QString::fromLatin1(c.name()),
                                   QString::fromLatin1(c.value()),
                                   c.domain(),
                                   c.path(),
                                   c.isSessionCookie() ? tr("session") : c.expirationDate().toString(Qt::ISODate),
                                   flags.join(QLatin1Char(' '))};
        for (int col = 0; col < cells.size(); ++col)
            m_cookies->setItem(row, col, new QTableWidgetItem(cells.at(col)));
    }
    // Tokens in headers and cookies now; those in the body come with the formatted body (worker thread).
    m_tokens = ResponseTokenFinder::findInHeaders(response.headers);
    m_save->setEnabled(!response.body.isEmpty());

    // Plain view first (cheap, bounded), then the formatted view from the worker thread.
    const QByteArray preview = response.body.left(kRawPreviewBytes);
    if (!ResponseFormatter::looksBinary(preview.left(preview.size() - 4)))
        m_body->setPlainText(QString::fromUtf8(preview));
    m_hexDirty = true;
    m_rawDirty = true;
    m_treeDirty = true;
    if (m_tabs->currentWidget() == m_hex)
        fillHex();
    if (m_tabs->currentWidget() == m_raw)
        fillRaw();
    if (m_tabs->currentWidget() == m_tree)
        fillTree();
    m_generation = m_formatter->format(response.body, response.contentType());
}

void ResponseViewer::onFormatted(quint64 generation, const FormattedBody& body)
{
    if (generation != m_generation)
        return;
    m_formatted = body;
    m_formattedReady = true;
    m_tokens = body.tokens + m_tokens;
    for (const auto& token : std::as_const(m_tokens))
        m_tokenList->addItem(
            QStringLiteral("%1 — %2…").arg(token.describe(), QString::fromLatin1(token.token.left(24))));
    m_tabs->setTabText(m_tabs->indexOf(m_tokenList->parentWidget()),
                       m_tokens.isEmpty() ? tr("Tokens") : tr("Tokens (%1)").arg(m_tokens.size()));
    if (!m_tokens.isEmpty())
        m_tokenList->setCurrentRow(0);
    m_highlighter->setDocument(body.kind == FormattedBody::Kind::Json ? m_body->document() : nullptr);
    switch (body.kind) {
    case FormattedBody::Kind::Binary:
        m_body->setPlainText(tr("Binary body (%1): see Hex.").arg(sizeText(m_response.body.size())));
        m_tabs->setCurrentWidget(m_hex);
        fillHex();
        break;
    case FormattedBody::Kind::Image: {
        QImage image;
        if (image.loadFromData(m_response.body)) {
            m_image->setPixmap(QPixmap::fromImage(image));
            m_body->setPlainText(tr("Image %1×%2: see Image.").arg(image.width()).arg(image.height()));
            m_tabs->setCurrentWidget(m_imagePage);
        } else {
            m_body->setPlainText(tr("The image could not be decoded: see Hex."));
        }
        break;
    }
    case FormattedBody::Kind::Empty:
        m_body->setPlainText(tr("(empty body)"));
        break;
    case FormattedBody::Kind::Json:
    case FormattedBody::Kind::Text:
        showPage(0);
        break;
    }
    m_note->setVisible(!body.note.isEmpty());
    m_note->setText(body.note);
    Q_EMIT bodyFormatted();
}

void ResponseViewer::fillRaw()
{
    if (!m_rawDirty)
        return;
    m_rawDirty = false;
    const QByteArray preview = m_response.body.left(kRawTabBytes);
    if (ResponseFormatter::looksBinary(preview.left(preview.size() - 4))) {
        m_raw->setPlainText(tr("(binary body: see Hex)"));
        return;
    }
    m_raw->setPlainText(QString::fromUtf8(preview));
    if (m_response.body.size() > kRawTabBytes)
        m_raw->appendPlainText(tr("\n… %1 more not shown here (Body pages through all of it; Save writes it all)")
                                   .arg(sizeText(m_response.body.size() - kRawTabBytes)));
}

void ResponseViewer::fillTree()
{
    if (!m_treeDirty)
        return;
    m_treeDirty = false;
    // Any body is offered to the tree: what is not JSON (HTML, binary) gets the reason and position instead.
    if (m_response.body.isEmpty())
        m_tree->clear(tr("(empty body)"));
    else
        m_tree->setJson(m_response.body);
}

void ResponseViewer::fillHex()
{
    if (!m_hexDirty)
        return;
    m_hexDirty = false;
    m_hex->setPlainText(hexDump(QByteArrayView(m_response.body).first(qMin(kHexPreviewBytes, m_response.body.size()))));
    if (m_response.body.size() > kHexPreviewBytes)
        m_hex->appendPlainText(tr("… first %1 of %2 shown (Save writes everything)")
                                   .arg(sizeText(kHexPreviewBytes), sizeText(m_response.body.size())));
}

void ResponseViewer::showPage(int page)
{
    if (m_formatted.pageCount() == 0 || page < 0 || page >= m_formatted.pageCount())
        return;
    m_page = page;
    m_body->setPlainText(QString::fromUtf8(m_formatted.page(page)));
    const bool paged = m_formatted.pageCount() > 1;
    m_prevPage->setEnabled(paged && page > 0);
    m_nextPage->setEnabled(paged && page + 1 < m_formatted.pageCount());
    m_pageLabel->setText(paged ? tr("page %1 of %2").arg(page + 1).arg(m_formatted.pageCount()) : QString());
}

bool ResponseViewer::findNext(const QString& text)
{
    if (text.isEmpty() || !m_formattedReady || m_formatted.text.isEmpty())
        return false;
    const QByteArray needle = text.toUtf8();
    qsizetype at = m_formatted.text.indexOf(needle, m_searchFrom);
    if (at < 0 && m_searchFrom > 0)
        at = m_formatted.text.indexOf(needle, 0); // wrap around
    if (at < 0)
        return false;
    m_searchFrom = at + needle.size();
    const auto it = std::upper_bound(m_formatted.pageStarts.begin(), m_formatted.pageStarts.end(), at);
    const int page = int(it - m_formatted.pageStarts.begin()) - 1;
    if (page != m_page || m_body->document()->isEmpty())
        showPage(page);
    const qsizetype inPage = at - m_formatted.pageStarts.at(page);
    const int start = int(QString::fromUtf8(m_formatted.text.mid(m_formatted.pageStarts.at(page), inPage)).size());
    QTextCursor cursor(m_body->document());
    cursor.setPosition(start);
    cursor.setPosition(start + int(text.size()), QTextCursor::KeepAnchor);
    m_body->setTextCursor(cursor);
    m_body->ensureCursorVisible();
    return true;
}

Result<void> ResponseViewer::saveBodyTo(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_response.body) != m_response.body.size() || !file.commit())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Result<void>::success();
}
