// SPDX-License-Identifier: MIT
#include "gui/AboutDialog.h"

#include "crypto/CryptoInit.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Tokenscope"));
    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/tokenscope.svg")).pixmap(96, 96));
    auto* title = new QLabel(tr("<h2>Tokenscope %1</h2><p>API tester and JWT debugger.</p>"
                                "<p>Decoding never touches the network; keys and tokens are never saved.</p>")
                                 .arg(QStringLiteral(TOKENSCOPE_VERSION)),
                             this);
    title->setWordWrap(true);
    auto* versions = new QLabel(versionText().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")), this);
    versions->setObjectName(QStringLiteral("versionsLabel"));
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* licence = new QLabel(tr("Licensed under the MIT licence."), this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersionsPushButton"));
    connect(copy, &QPushButton::clicked, this, [] { QGuiApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(versions);
    text->addWidget(licence);
    auto* row = new QHBoxLayout;
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addLayout(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
}

QString AboutDialog::versionText()
{
    return tr("Tokenscope %1\nQt %2 (built with %3)\n%4\n%5")
        .arg(QStringLiteral(TOKENSCOPE_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             CryptoInit::openSslVersion(), QSysInfo::prettyProductName());
}
