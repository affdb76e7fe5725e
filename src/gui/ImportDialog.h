// SPDX-License-Identifier: MIT
#pragma once

#include "formats/ImportResult.h"

#include <QDialog>
#include <QPointer>

#include <memory>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QThread;
class QPushButton;
class QTreeWidget;
class WorkspaceDocument;

/// File → Import… (and a file dropped on the window): reads a Postman / Insomnia / .http / OpenAPI / HAR / curl
/// file off the GUI thread (Importer, as `tokenscope-cli import` does), shows what would be created (collections
/// with their folders and requests, environments, auth profiles) and the importer's report line by line, and only
/// on "Import" adds it to the open workspace through ImportResult::addTo (the CLI's code path). Nothing is written
/// before that. Cancel while reading drops the result and interrupts the reading thread (QThread::requestInterruption:
/// the importers stop at the next item and return ERR_CANCELLED, see ImportText::interrupted), so that a big file does
/// not keep a core busy after Cancel; so does closing the dialog while it reads.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportDialog(WorkspaceDocument* document, QWidget* parent = nullptr);
    ~ImportDialog() override;

    /// Starts reading `path` (the format from the combo box, auto-detected by default).
    void load(const QString& path);
    bool isLoading() const { return m_loading; }
    /// True when a file was read and can be imported.
    bool hasResult() const { return m_result.has_value(); }
    /// Adds what was read to the document's workspace and reloads it; false (with the error shown) on failure.
    bool importIntoWorkspace();
    /// Reading threads still running (also those of cancelled or closed dialogs, which finish in the background).
    static int readsInFlight();

Q_SIGNALS:
    /// Reading finished (with a preview or an error shown) or was cancelled.
    void loadFinished();
    /// The import was written; `summary` is the one-line text shown in the status bar.
    void imported(const QString& summary);

private:
    void cancelLoad();
    void showResult(const QString& path, std::optional<int> detected, Result<ImportResult> result);
    void showError(const QString& message);
    void fillPreview(const ImportResult& result);
    void fillReport(const ImportReport& report);
    static QString formatTitle(int format);

    WorkspaceDocument* m_document;
    QLineEdit* m_file;
    QComboBox* m_format;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QTreeWidget* m_preview;
    QTreeWidget* m_report;
    QDialogButtonBox* m_buttons;
    QPushButton* m_import;
    std::optional<ImportResult> m_result;
    QPointer<QThread> m_reading; // the latest reading thread while it runs (deleted by the application when it ends)
    bool m_loading = false;
    int m_generation = 0; // a reading thread's result is shown only when it is still the latest
};
