// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "gui/ResponseFormatter.h"
#include "request/HttpClientResponse.h"
#include "request/ResponseTokenFinder.h"

#include <QWidget>

class JsonHighlighter;
class JsonTreePanel;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

/// The response pane: status, time (with the phases Qt reports), size, headers, cookies, the body as pretty JSON
/// (exact literals, highlighted), a collapsible JSON tree (JsonTreePanel), raw text, hex or an image, search, save
/// to file, and the JWTs found in it.
///
/// Large bodies never block the GUI thread: the first page of the raw body is shown at once, the pretty view is
/// computed by ResponseFormatter on its own thread, and the body is shown one page (256 KB) at a time.
class ResponseViewer : public QWidget
{
    Q_OBJECT
public:
    explicit ResponseViewer(QWidget* parent = nullptr);

    void setResponse(const HttpClientResponse& response);
    void clear();
    const HttpClientResponse& response() const { return m_response; }
    const QList<FoundToken>& tokens() const { return m_tokens; }
    bool isBodyFormatted() const { return m_formattedReady; }
    const FormattedBody& formattedBody() const { return m_formatted; }
    JsonTreePanel* treePanel() const { return m_tree; }
    int currentPage() const { return m_page; }

    /// Writes the body (as received) atomically. Errors: ERR_IO.
    Result<void> saveBodyTo(const QString& path) const;
    /// Finds `text` after the current match in the whole (pretty) body; shows its page and selects it.
    bool findNext(const QString& text);

Q_SIGNALS:
    void openTokenRequested(const QByteArray& token);
    /// The pretty/plain view of the current response is complete.
    void bodyFormatted();

private:
    void showPage(int page);
    void fillHex(); // the hex and raw views are built when first shown
    void fillRaw();
    void fillTree();
    void onFormatted(quint64 generation, const FormattedBody& body);
    static QString hexDump(QByteArrayView bytes);
    static QString sizeText(qint64 bytes);

    HttpClientResponse m_response;
    QList<FoundToken> m_tokens;
    ResponseFormatter* m_formatter;
    quint64 m_generation = 0;
    FormattedBody m_formatted;
    bool m_formattedReady = false;
    int m_page = 0;
    qsizetype m_searchFrom = 0;
    bool m_hexDirty = false;
    bool m_rawDirty = false;
    bool m_treeDirty = false;

    QLabel* m_status;
    QLabel* m_timing;
    QLabel* m_note;
    QTabWidget* m_tabs;
    QPlainTextEdit* m_body;
    JsonHighlighter* m_highlighter;
    QLineEdit* m_search;
    QPushButton* m_prevPage;
    QPushButton* m_nextPage;
    QLabel* m_pageLabel;
    QPlainTextEdit* m_raw;
    QPlainTextEdit* m_hex;
    JsonTreePanel* m_tree;
    QWidget* m_imagePage;
    QLabel* m_image;
    QTableWidget* m_headers;
    QTableWidget* m_cookies;
    QListWidget* m_tokenList;
    QPushButton* m_openToken;
    QPushButton* m_save;
};
