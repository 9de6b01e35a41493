#include "core/result.h"

namespace tessera {

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::InvalidInput: return "invalid-input";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::IoError: return "io-error";
    case ErrorCode::NotAProject: return "not-a-project";
    case ErrorCode::NewerSchema: return "newer-schema";
    case ErrorCode::ReadOnly: return "read-only";
    case ErrorCode::Locked: return "locked";
    case ErrorCode::Infeasible: return "infeasible";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Internal: return "internal";
    }
    return "unknown";
}

std::string Error::toString() const
{
    return context.empty() ? message : context + ": " + message;
}

} // namespace tessera
