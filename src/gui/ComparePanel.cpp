// SPDX-License-Identifier: MIT
#include "gui/ComparePanel.h"

#include "core/JsonText.h"
#include "gui/ClaimCatalog.h"
#include "gui/Theme.h"
#include "gui/TimeDisplay.h"
#include "jose/CompactToken.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

struct Side
{
    bool present = false;
    QString error;
    QList<QPair<QString, QString>> header;  // name, display value (exact literal)
    QList<QPair<QString, QString>> payload; // name, display value
    QString signature;
};

QList<QPair<QString, QString>> members(const QByteArray& json)
{
    QList<QPair<QString, QString>> out;
    auto analysis = JsonText::analyse(json);
    if (!analysis)
        return out;
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    for (const JsonMember& member : analysis->members) {
        QString value = QString::fromUtf8(member.rawValue.left(2000));
        if (ClaimCatalog::isTimeClaim(member.key) && object.value(member.key).isDouble())
            value += QStringLiteral("  (") + TimeDisplay::utc(qint64(object.value(member.key).toDouble())) +
                     QLatin1Char(')');
        out.append({member.key, value});
    }
    return out;
}

Side decode(const QString& text)
{
    Side side;
    const QByteArray bytes = text.toUtf8();
    if (bytes.trimmed().isEmpty())
        return side;
    side.present = true;
    if (bytes.size() > CompactToken::kMaxLength) {
        side.error = ComparePanel::tr("larger than 1 MiB (ERR_INPUT_TOO_LARGE)");
        return side;
    }
    const CompactToken token = CompactToken::parse(CompactToken::normalise(bytes));
    if (token.error)
        side.error = token.error->toString();
    side.header = members(token.headerText);
    side.payload = members(token.payload);
    const QByteArray signatureText = token.segments.size() >= 3 ? token.segments.at(2).text : QByteArray();
    side.signature =
        QString::fromLatin1(signatureText.left(24)) + (signatureText.size() > 24 ? QStringLiteral("…") : QString());
    return side;
}

} // namespace

ComparePanel::ComparePanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("comparePanel"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_leftEdit = new QPlainTextEdit(this);
    m_leftEdit->setObjectName(QStringLiteral("compareLeftPlainTextEdit"));
    m_leftEdit->setAccessibleName(tr("Token A"));
    m_rightEdit = new QPlainTextEdit(this);
    m_rightEdit->setObjectName(QStringLiteral("compareRightPlainTextEdit"));
    m_rightEdit->setAccessibleName(tr("Token B"));
    for (QPlainTextEdit* edit : {m_leftEdit, m_rightEdit}) {
        edit->setFont(fixed);
        edit->setMaximumHeight(90);
        edit->setTabChangesFocus(true);
        edit->setWordWrapMode(QTextOption::WrapAnywhere);
        edit->setPlaceholderText(tr("Paste a token"));
        connect(edit, &QPlainTextEdit::textChanged, this, [this] { m_debounce.start(); });
    }
    auto* leftButton = new QPushButton(tr("A = Token Under Test"), this);
    leftButton->setObjectName(QStringLiteral("compareUseCurrentLeftPushButton"));
    auto* rightButton = new QPushButton(tr("B = Token Under Test"), this);
    rightButton->setObjectName(QStringLiteral("compareUseCurrentRightPushButton"));
    connect(leftButton, &QPushButton::clicked, this, [this] { Q_EMIT currentTokenRequested(0); });
    connect(rightButton, &QPushButton::clicked, this, [this] { Q_EMIT currentTokenRequested(1); });

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("compareTreeWidget"));
    m_tree->setAccessibleName(tr("Differences"));
    m_tree->setHeaderLabels({tr("Name"), tr("Token A"), tr("Token B")});
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("compareSummaryLabel"));
    m_summaryLabel->setWordWrap(true);

    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("<b>Token A</b>"), this), 0, 0);
    grid->addWidget(leftButton, 0, 1, Qt::AlignRight);
    grid->addWidget(new QLabel(tr("<b>Token B</b>"), this), 0, 2);
    grid->addWidget(rightButton, 0, 3, Qt::AlignRight);
    grid->addWidget(m_leftEdit, 1, 0, 1, 2);
    grid->addWidget(m_rightEdit, 1, 2, 1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_tree, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &ComparePanel::compareNow);
    compareNow();
}

void ComparePanel::setToken(int side, const QByteArray& token)
{
    if (token.size() > CompactToken::kMaxLength)
        return;
    (side == 0 ? m_leftEdit : m_rightEdit)->setPlainText(QString::fromUtf8(token));
    compareNow();
}

void ComparePanel::compareNow()
{
    m_debounce.stop();
    const Side a = decode(m_leftEdit->toPlainText());
    const Side b = decode(m_rightEdit->toPlainText());
    m_tree->clear();
    m_differences = 0;
    const QPalette pal = palette();
    QColor highlight = Theme::warningColor(pal);
    highlight.setAlpha(60);

    auto addSection = [&](const QString& title, const QList<QPair<QString, QString>>& left,
                          const QList<QPair<QString, QString>>& right) {
        auto* root = new QTreeWidgetItem(m_tree, {title});
        QStringList names;
        for (const auto& member : left)
            if (!names.contains(member.first))
                names << member.first;
        for (const auto& member : right)
            if (!names.contains(member.first))
                names << member.first;
        auto find = [](const QList<QPair<QString, QString>>& list, const QString& name) -> std::optional<QString> {
            for (qsizetype i = list.size() - 1; i >= 0; --i)
                if (list.at(i).first == name)
                    return list.at(i).second;
            return std::nullopt;
        };
        for (const QString& name : names) {
            const auto l = find(left, name);
            const auto r = find(right, name);
            auto* item = new QTreeWidgetItem(root, {name, l.value_or(tr("(absent)")), r.value_or(tr("(absent)"))});
            item->setToolTip(1, item->text(1));
            item->setToolTip(2, item->text(2));
            if (l != r) {
                ++m_differences;
                for (int column = 0; column < 3; ++column)
                    item->setBackground(column, highlight);
                item->setData(0, Qt::UserRole, true);
            }
        }
    };
    addSection(tr("Header"), a.header, b.header);
    addSection(tr("Claims"), a.payload, b.payload);
    addSection(tr("Signature"), {{tr("signature"), a.signature}}, {{tr("signature"), b.signature}});
    m_tree->expandAll();

    if (!a.present || !b.present) {
        m_summaryLabel->setText(tr("Paste two tokens (or use the buttons) to compare them."));
    } else {
        QString text = m_differences == 0 ? tr("The tokens are identical member for member.")
                                          : tr("%n difference(s), highlighted.", nullptr, m_differences);
        if (!a.error.isEmpty())
            text += QLatin1Char(' ') + tr("A: %1.").arg(a.error);
        if (!b.error.isEmpty())
            text += QLatin1Char(' ') + tr("B: %1.").arg(b.error);
        m_summaryLabel->setText(text);
    }
}
