#pragma once

#include <atomic>
#include <functional>
#include <string_view>

namespace tessera {

/// Progress and cancellation for long work, shared between the caller's
/// thread and the worker. Every long core call takes a nullable Feedback* as
/// its last parameter, polls isCancelled() between iterations and returns
/// Error{ErrorCode::Cancelled} when asked to stop.
class Feedback {
public:
    /// Called with a fraction in [0, 1] and a short phase description.
    using ProgressCallback = std::function<void(double fraction, std::string_view phase)>;

    Feedback() = default;
    explicit Feedback(ProgressCallback callback) : mCallback(std::move(callback)) {}

    void cancel() { mCancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return mCancelled.load(std::memory_order_relaxed); }

    void setProgressCallback(ProgressCallback callback) { mCallback = std::move(callback); }
    void reportProgress(double fraction, std::string_view phase)
    {
        if (mCallback)
            mCallback(fraction, phase);
    }

private:
    std::atomic<bool> mCancelled{false};
    ProgressCallback mCallback;
};

/// Null-safe helpers so call sites stay short.
inline bool isCancelled(const Feedback *feedback) { return feedback && feedback->isCancelled(); }
inline void reportProgress(Feedback *feedback, double fraction, std::string_view phase)
{
    if (feedback)
        feedback->reportProgress(fraction, phase);
}

} // namespace tessera
