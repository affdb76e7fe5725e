// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/ItemAssertion.h"

/// Native assertions for the runner's tests (net TestResponseAssertions, TestCollectionRunner).
namespace AssertionTestData {

inline ItemAssertion make(ItemAssertion::Check check, const QString& target, ItemAssertion::Op op,
                          const QJsonValue& value = QJsonValue(QJsonValue::Undefined))
{
    ItemAssertion a;
    a.check = check;
    a.target = target;
    a.op = op;
    a.value = value;
    return a;
}

} // namespace AssertionTestData
