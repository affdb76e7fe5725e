// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;

/// Holds a word-wrapped QLabel at a fixed number of text lines without a layout, so that changing the label's text
/// does not re-lay out the window. (QLabel::setText() always calls updateGeometry(); in a layout that invalidates
/// every enclosing layout up to the window and re-runs height-for-width of every wrapped label in it — several
/// milliseconds per keystroke in the Token workbench. A parent without a layout ignores the request.)
/// Text longer than the lines is clipped; callers put the whole text in the tooltip or elsewhere.
class StableLabelHost : public QWidget
{
    Q_OBJECT
public:
    explicit StableLabelHost(int lines, QWidget* parent = nullptr);
    QLabel* label() const { return m_label; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QLabel* m_label;
    int m_lines;
};
