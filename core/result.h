#pragma once

#include <string>
#include <utility>
#include <variant>

namespace tessera {

/// What went wrong, in a form both the GUI and the CLI can show.
enum class ErrorCode {
    InvalidArgument,  ///< the caller asked for something meaningless
    InvalidInput,     ///< a file or value is malformed
    NotFound,         ///< a file, layer, field or entity does not exist
    IoError,          ///< reading or writing failed
    NotAProject,      ///< the file is not a Tessera project
    NewerSchema,      ///< the project was written by a newer Tessera
    ReadOnly,         ///< the file or folder cannot be written
    Locked,           ///< another process holds the write lock
    Infeasible,       ///< the request cannot be satisfied (optimizer)
    Cancelled,        ///< the user cancelled through Feedback
    Internal          ///< a bug or an unexpected library failure
};

/// Returns a stable lower-case name for \a code, e.g. "invalid-input".
const char *errorCodeName(ErrorCode code);

/// An error with a human message and where it happened (file, row, feature).
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    std::string context;

    /// "context: message", or the message alone when there is no context.
    std::string toString() const;
};

/// A value or an error. Nothing in core's public API throws; it returns this.
template<typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : mData(std::move(value)) {}
    Result(Error error) : mData(std::move(error)) {}

    bool isOk() const { return std::holds_alternative<T>(mData); }
    explicit operator bool() const { return isOk(); }

    const T &value() const & { return std::get<T>(mData); }
    T &value() & { return std::get<T>(mData); }
    T &&value() && { return std::get<T>(std::move(mData)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(mData); }

private:
    std::variant<T, Error> mData;
};

template<>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : mError(std::move(error)), mOk(false) {}

    bool isOk() const { return mOk; }
    explicit operator bool() const { return mOk; }
    const Error &error() const { return mError; }

private:
    Error mError;
    bool mOk = true;
};

/// Shorthand for building an error result.
inline Error makeError(ErrorCode code, std::string message, std::string context = {})
{
    return Error{code, std::move(message), std::move(context)};
}

} // namespace tessera
