// SPDX-License-Identifier: MIT
#include "CryptoInit.h"
#include "MainWindow.h"
#include "ScreenshotWriter.h"
#include "ServerWorkspace.h"
#include "TokenWorkbench.h"
#include "TranslationLoader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QMessageBox>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    QApplication::setApplicationName(QStringLiteral("tokenscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tokenscope"));
    QApplication::setApplicationVersion(QStringLiteral(TOKENSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.tokenscope.Tokenscope"));
    // Before the first tr(): the command-line help is translated too.
    TranslationLoader::install(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "API tester and JWT debugger."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("token"),
                                 QApplication::translate("main", "A token to open (\"Bearer \" is tolerated)."),
                                 QStringLiteral("[TOKEN]"));
    const QCommandLineOption tokenFileOption(QStringLiteral("token-file"),
                                             QApplication::translate("main", "Open the token in FILE ('-' for stdin)."),
                                             QStringLiteral("FILE"));
    const QCommandLineOption demoOption(QStringLiteral("demo"), QApplication::translate("main", "Open the demo."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot-dir"),
        QApplication::translate("main", "Save screenshots of every panel (with demo data) into DIR and exit."),
        QStringLiteral("DIR"));
    parser.addOptions({tokenFileOption, demoOption, screenshotOption});
    parser.process(app);

    MainWindow::initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tokenscope.svg")));

    // Known-answer self-test before anything uses a key (as KeePassXC's Crypto::init).
    if (const Result<void> init = CryptoInit::init(); !init) {
        const QString message =
            QApplication::translate("main", "The cryptography self-test failed, so Tokenscope cannot run safely:\n%1")
                .arg(init.error().toString());
        std::fprintf(stderr, "%s\n", qPrintable(message));
        if (!parser.isSet(screenshotOption))
            QMessageBox::critical(nullptr, QApplication::translate("main", "Tokenscope"), message);
        return 1;
    }

    MainWindow window;
    if (parser.isSet(screenshotOption)) {
        QString error;
        const QStringList files = ScreenshotWriter::write(window, parser.value(screenshotOption), &error);
        for (const QString& file : files)
            std::printf("%s\n", qPrintable(file));
        if (!error.isEmpty())
            std::fprintf(stderr, "%s\n", qPrintable(error));
        return error.isEmpty() ? 0 : 1;
    }

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        window.tokenWorkbench()->openToken(positional.first().toUtf8(),
                                           QApplication::translate("main", "the command line"));
    } else if (parser.isSet(tokenFileOption)) {
        const QString path = parser.value(tokenFileOption);
        if (path == QLatin1String("-")) {
            QFile in;
            if (in.open(stdin, QIODevice::ReadOnly)) {
                window.tokenWorkbench()->openToken(in.read(CompactToken::kMaxLength + 4097),
                                                   QApplication::translate("main", "standard input"));
            }
        } else {
            window.tokenWorkbench()->openTokenFile(path);
        }
    } else if (parser.isSet(demoOption) || window.isFirstRun()) {
        window.openDemo();
    }
    // --demo also has the mock API ready: embedded issuer on 127.0.0.1:8000 or the next free port.
    if (parser.isSet(demoOption)) {
        if (auto* server = qobject_cast<ServerWorkspace*>(window.workspace(MainWindow::ServerWorkspace)))
            server->startDemo();
    }
    window.show();
    return app.exec();
}
