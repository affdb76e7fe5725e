// SPDX-License-Identifier: MIT
#pragma once

#include <QSyntaxHighlighter>

/// A small JSON highlighter: member names, strings, numbers and true/false/null. Purely visual, line by line
/// (strings cannot span lines in JSON), and an optional error position marked with a wavy underline.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument* document);
    /// Character position in the document; < 0 clears.
    void setErrorPosition(int position);

protected:
    void highlightBlock(const QString& text) override;

private:
    int m_errorPosition = -1;
};
