// SPDX-License-Identifier: MIT
#pragma once

#include "core/Error.h"

#include <optional>
#include <utility>
#include <variant>

/// Either a value or an Error. Accessing the wrong alternative is a bug (asserted).
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const&
    {
        Q_ASSERT(ok());
        return std::get<0>(m_data);
    }
    T& value() &
    {
        Q_ASSERT(ok());
        return std::get<0>(m_data);
    }
    T&& value() &&
    {
        Q_ASSERT(ok());
        return std::get<0>(std::move(m_data));
    }
    const Error& error() const
    {
        Q_ASSERT(!ok());
        return std::get<1>(m_data);
    }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

private:
    std::variant<T, Error> m_data;
};

/// Result without a value.
template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {
    }
    static Result success() { return Result(); }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const
    {
        Q_ASSERT(!ok());
        return *m_error;
    }

private:
    std::optional<Error> m_error;
};
