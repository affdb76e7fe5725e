// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace GuiTest {

/// The descendant of `parent` with this objectName; aborts the test program when there is none (a renamed widget
/// should fail loudly, not crash on a null pointer later).
template <typename T> T* child(QWidget* parent, const char* name)
{
    T* widget = parent->findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("no widget %s", name);
    return widget;
}

} // namespace GuiTest
