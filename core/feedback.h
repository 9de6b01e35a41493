#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string_view>

namespace tessera {

/// One progress report of long work, as numbers: where the work is and, for
/// optimizers, the objective of the best solution found so far and the proven
/// lower bound of the objective (in the objective's own unit).
struct ProgressReport {
    double fraction = 0.0;       ///< done so far, in [0, 1]
    std::string_view phase;      ///< short description of the current phase
    std::optional<double> best;  ///< best objective value so far, when known
    std::optional<double> bound; ///< proven lower bound of the objective, when known
};

/// Progress and cancellation for long work, shared between the caller's
/// thread and the worker. Every long core call takes a nullable Feedback* as
/// its last parameter, polls isCancelled() between iterations and returns
/// Error{ErrorCode::Cancelled} when asked to stop. The callback runs on the
/// worker's thread.
class Feedback {
public:
    /// Receives every report.
    using ReportCallback = std::function<void(const ProgressReport &report)>;
    /// Receives the fraction in [0, 1] and the phase of every report.
    using ProgressCallback = std::function<void(double fraction, std::string_view phase)>;

    Feedback() = default;
    explicit Feedback(ReportCallback callback) : mCallback(std::move(callback)) {}
    explicit Feedback(ProgressCallback callback) { setProgressCallback(std::move(callback)); }

    void cancel() { mCancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return mCancelled.load(std::memory_order_relaxed); }

    void setReportCallback(ReportCallback callback) { mCallback = std::move(callback); }
    void setProgressCallback(ProgressCallback callback)
    {
        if (!callback) {
            mCallback = nullptr;
            return;
        }
        mCallback = [callback = std::move(callback)](const ProgressReport &report) {
            callback(report.fraction, report.phase);
        };
    }

    void report(const ProgressReport &report)
    {
        if (mCallback)
            mCallback(report);
    }
    void reportProgress(double fraction, std::string_view phase) { report(ProgressReport{fraction, phase, {}, {}}); }

private:
    std::atomic<bool> mCancelled{false};
    ReportCallback mCallback;
};

/// Null-safe helpers so call sites stay short.
inline bool isCancelled(const Feedback *feedback) { return feedback && feedback->isCancelled(); }
inline void reportProgress(Feedback *feedback, double fraction, std::string_view phase)
{
    if (feedback)
        feedback->reportProgress(fraction, phase);
}
inline void reportProgress(Feedback *feedback, const ProgressReport &report)
{
    if (feedback)
        feedback->report(report);
}

} // namespace tessera
