// SPDX-License-Identifier: MIT
#include "crypto/CryptoInit.h"
#include "gui/MainWindow.h"
#include "gui/ScreenshotWriter.h"
#include "gui/ServerWorkspace.h"
#include "gui/TokenWorkbench.h"
#include "gui/TranslationLoader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QMessageBox>
#include <QTextStream>

#include <cstdio>

namespace {

struct Options
{
    QCommandLineOption tokenFile{QStringLiteral("token-file"),
                                 QCoreApplication::translate("main", "Open the token in FILE ('-' for stdin)."),
                                 QStringLiteral("FILE")};
    QCommandLineOption demo{QStringLiteral("demo"), QCoreApplication::translate("main", "Open the demo.")};
    QCommandLineOption workspace{QStringLiteral("workspace"),
                                 QCoreApplication::translate("main", "Open the workspace directory DIR (created when "
                                                                     "missing)."),
                                 QStringLiteral("DIR")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot-dir"),
        QCoreApplication::translate("main", "Save screenshots of every panel (with demo data) into DIR and exit."),
        QStringLiteral("DIR")};
};

void setUpApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationName(QStringLiteral("tokenscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENSCOPE_VERSION));
}

void setUpParser(QCommandLineParser& parser, const Options& options)
{
    parser.setApplicationDescription(QCoreApplication::translate("main", "API tester and JWT debugger."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("token"),
                                 QCoreApplication::translate("main", "A token to open (\"Bearer \" is tolerated)."),
                                 QStringLiteral("[TOKEN]"));
    parser.addOptions({options.tokenFile, options.demo, options.workspace, options.screenshot});
}

/// --help and --version must answer without a display (over ssh, in a package check): QApplication would abort
/// when it cannot connect to the window system.
bool onlyAsksForText(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--")
            return false;
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    if (onlyAsksForText(argc, argv)) {
        QCoreApplication core(argc, argv);
        setUpApplication();
        TranslationLoader::install(core); // before the first tr(): the help is translated too
        QCommandLineParser parser;
        const Options options;
        setUpParser(parser, options);
        parser.process(core); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setUpApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Tokenscope"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.tokenscope.Tokenscope"));
    // Before the first tr(): the command-line help is translated too.
    TranslationLoader::install(app);

    QCommandLineParser parser;
    const Options options;
    setUpParser(parser, options);
    parser.process(app);
    const QCommandLineOption& tokenFileOption = options.tokenFile;
    const QCommandLineOption& demoOption = options.demo;
    const QCommandLineOption& screenshotOption = options.screenshot;

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
    if (parser.isSet(options.workspace) && !window.openWorkspaceDirectory(parser.value(options.workspace))) {
        std::fprintf(
            stderr, "%s\n",
            qPrintable(
                QApplication::translate("main", "Cannot open the workspace %1").arg(parser.value(options.workspace))));
        return 2;
    }
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
