// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

/// Two tokens side by side: header members, claims (times rendered) and the signature, with differences
/// highlighted. Decoding only (CompactToken); nothing is verified here.
class ComparePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ComparePanel(QWidget* parent = nullptr);
    /// side 0 = A (left), 1 = B (right).
    void setToken(int side, const QByteArray& token);
    void compareNow();
    int differenceCount() const { return m_differences; }

Q_SIGNALS:
    /// The user wants the token under test on this side.
    void currentTokenRequested(int side);

private:
    QPlainTextEdit* m_leftEdit;
    QPlainTextEdit* m_rightEdit;
    QTreeWidget* m_tree;
    QLabel* m_summaryLabel;
    QTimer m_debounce;
    int m_differences = 0;
};
