// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QSyntaxHighlighter>

/// Colours the parts of a compact token in the input editor (header / payload / signature, JWE parts alike)
/// and marks the position of a parse error with a red wavy underline. Ranges are character positions in the
/// document, computed by the workbench from the engine's segment offsets.
class EncodedTokenHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    struct Range
    {
        int start = 0;
        int length = 0;
        int segment = 0; // 0 header, 1 payload, 2 signature; 3, 4 for JWE
        friend bool operator==(const Range&, const Range&) = default;
    };
    explicit EncodedTokenHighlighter(QTextDocument* document);
    /// errorPosition < 0: none. Unchanged ranges do not re-highlight: QSyntaxHighlighter already re-highlights the
    /// edited block, and a full pass would lay the (single-line) token out a second time per keystroke.
    void setRanges(const QList<Range>& ranges, int errorPosition);

protected:
    void highlightBlock(const QString& text) override;

private:
    QList<Range> m_ranges;
    int m_errorPosition = -1;
};
