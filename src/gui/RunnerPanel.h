// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"
#include "net/CollectionRunner.h"
#include "net/RunReport.h"
#include "request/Environment.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QThread;
class QTreeWidget;
class Workspace;
class WorkspaceDocument;

/// The collection Runner: runs a collection or folder of the open workspace on CollectionRunner (the engine of
/// `tokenscope-cli run`) with the options `run` takes, filled into the same RunOptions: an environment of the
/// workspace or of an environment file (`--env-file`: Postman or http-client.env.json, one of its environments
/// chosen; Importer::loadEnvironment), iterations, an iteration data file (CSV or JSON, IterationData), bail, a
/// delay, a per-request timeout and iterations in parallel; shows each request as it finishes (status, time,
/// every assertion with its message), the summary, re-runs only the requests that failed, and exports the run as
/// JSON or JUnit XML (RunReport's writers, as `--json-out`/`--junit-out`).
///
/// The run works on a snapshot of the workspace taken at Run (the tree can be edited meanwhile) in a thread of its
/// own; Stop cancels it (no new request starts; the one in flight finishes or times out).
class RunnerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunnerPanel(WorkspaceDocument* document, QWidget* parent = nullptr);
    ~RunnerPanel() override;

    /// Chooses the collection or folder to run (by node id) and refreshes the lists from the workspace.
    void setTarget(const QString& nodeId);
    QString target() const;
    bool isRunning() const { return m_thread != nullptr; }
    /// Starts a run with the fields as they are; false (with the reason shown) when it cannot start.
    bool start();
    /// Runs again, with the fields as they are, only the requests that failed in the last run (each once per
    /// iteration, in collection order); false (with the reason shown) when none failed or it cannot start.
    bool rerunFailed();
    void stop();
    /// The last finished run.
    const RunReport& report() const { return m_report; }
    /// The options of the last run started, as the fields filled them (what `run`'s flags fill).
    const RunOptions& lastOptions() const { return m_options; }
    /// Writes the last run as JSON or JUnit XML; false with the error shown.
    bool exportReport(const QString& path, bool junit);
    /// True while the environment file is being read (Run is disabled meanwhile).
    bool isReadingEnvironmentFile() const { return m_envFileReading; }
    /// Environment-file reading threads not yet deleted, of every panel (they may outlive theirs): tests wait for 0.
    static int environmentFileReadsInFlight();

Q_SIGNALS:
    void finished();
    /// The environment file named in the field was read (its environments listed, or the error shown).
    void environmentFileRead();
    void statusMessage(const QString& message);

private:
    bool startRun(const QStringList& onlyNodeIds);
    QString stillReadingMessage() const;
    void refreshLists();
    /// Reads the environment file named in the field in a thread of its own (a big file, or one on a slow network
    /// share, would freeze the window), as the import dialog reads its file; Run is disabled until it is read.
    void refreshEnvFileNames();
    void environmentFileLoaded(Result<ImportResult> imported, const QString& chosen);
    void updateRunEnabled();
    void addResult(const RunRequestResult& result);
    void runFinished(const RunReport& report);
    void showMessage(const QString& text);

    WorkspaceDocument* m_document;
    QComboBox* m_target;
    QComboBox* m_environment;
    QSpinBox* m_iterations;
    QLineEdit* m_dataFile;
    QLineEdit* m_envFile;
    QComboBox* m_envFileEnvironment;
    QLabel* m_envFileStatus;
    QList<Environment> m_envFileEnvironments; // read from m_envFileRead
    QString m_envFileRead;                    // the path of the last read started
    QString m_envFileError;                   // why that file cannot be used, in words; empty when it can
    bool m_envFileReading = false;
    int m_envFileGeneration = 0; // a read that a later one replaced is ignored when it ends
    QCheckBox* m_bail;
    QSpinBox* m_delay;
    QSpinBox* m_timeout;
    QSpinBox* m_parallel;
    QPushButton* m_run;
    QPushButton* m_rerunFailed;
    QPushButton* m_stop;
    QPushButton* m_exportJson;
    QPushButton* m_exportJUnit;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QTreeWidget* m_results;
    QThread* m_thread = nullptr;
    std::shared_ptr<CollectionRunner> m_runner;
    std::shared_ptr<Workspace> m_snapshot;
    RunReport m_report;
    RunOptions m_options;
    int m_done = 0;
    int m_iterationCount = 1;
};
