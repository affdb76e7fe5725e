// SPDX-License-Identifier: MIT
#include "ScreenshotWriter.h"

#include "ComparePanel.h"
#include "EncoderPanel.h"
#include "MainWindow.h"
#include "TokenWorkbench.h"
#include "ValidationPanel.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTextCursor>

namespace {

void settle()
{
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
}

} // namespace

QStringList ScreenshotWriter::write(MainWindow& window, const QString& directory, QString* error)
{
    QStringList written;
    if (!QDir().mkpath(directory)) {
        if (error)
            *error = tr("Cannot create %1").arg(directory);
        return written;
    }
    auto save = [&](QWidget* widget, const QString& name) {
        settle();
        const QString path = QDir(directory).filePath(name);
        if (widget->grab().save(path))
            written << path;
        else if (error)
            *error = tr("Cannot write %1").arg(path);
    };

    window.resize(1280, 820);
    window.show();
    TokenWorkbench* workbench = window.tokenWorkbench();
    window.openDemo();
    workbench->analyseNow();
    auto* decodedTabs = workbench->findChild<QTabWidget*>(QStringLiteral("decodedTabWidget"));
    decodedTabs->setCurrentIndex(0);
    save(&window, QStringLiteral("token-workbench.png"));
    save(workbench->validationPanel(), QStringLiteral("validation-panel.png"));

    decodedTabs->setCurrentIndex(1);
    save(&window, QStringLiteral("token-json.png"));
    decodedTabs->setCurrentIndex(2);
    save(&window, QStringLiteral("token-tree.png"));
    decodedTabs->setCurrentIndex(0);

    // One changed character in the signature: it no longer matches (the claims still decode).
    const QByteArray demo = workbench->currentToken();
    QByteArray broken = demo;
    const qsizetype dot = broken.lastIndexOf('.');
    broken[dot + 20] = broken[dot + 20] == 'A' ? 'B' : 'A';
    workbench->openToken(broken, tr("the screenshot script"));
    save(&window, QStringLiteral("token-invalid.png"));

    // The virtual clock at 2100-01-01 00:00:05 UTC: five seconds after exp.
    workbench->openToken(demo, tr("the screenshot script"));
    workbench->validationPanel()->setVirtualNow(4102444805);
    workbench->analyseNow();
    save(&window, QStringLiteral("token-expired.png"));
    workbench->validationPanel()->setVirtualNow(std::nullopt);
    workbench->analyseNow();

    workbench->modeTabWidget()->setCurrentWidget(workbench->encoderPanel());
    workbench->encoderPanel()->signNow();
    save(&window, QStringLiteral("token-encoder.png"));

    workbench->modeTabWidget()->setCurrentWidget(workbench->comparePanel());
    workbench->comparePanel()->setToken(0, demo);
    workbench->comparePanel()->setToken(1, workbench->encoderPanel()->token());
    save(&window, QStringLiteral("token-compare.png"));
    workbench->modeTabWidget()->setCurrentIndex(0);

    window.setCurrentWorkspace(MainWindow::KeysWorkspace);
    save(&window, QStringLiteral("workspace-keys.png"));
    window.setCurrentWorkspace(MainWindow::TokenWorkspace);
    return written;
}
