#pragma once

#include "core/health/pins.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

/// The director's decision on one proposed move.
struct ReviewDecision {
    std::string unit;      ///< unit key
    std::string unitName;
    std::string from;      ///< territory names
    std::string to;
    std::string why;       ///< the proposal's reason
    bool accepted = false;
    std::string reason;    ///< the rejection reason, may be empty

    bool operator==(const ReviewDecision &) const = default;
};

/// One review of a fix proposal: what was proposed, what was decided, why,
/// and when. Kept in the scenario's parameters JSON under "reviews" (so the
/// scenario's saved history holds every review), next to the pins the
/// rejections became.
struct FixReview {
    std::int64_t at = 0;   ///< Unix seconds
    int maxMoves = 0;      ///< the N the proposal was asked for
    std::vector<ReviewDecision> decisions;

    std::size_t acceptedCount() const;
    /// "Review of 5 proposed fixes: 3 accepted, 2 rejected".
    std::string summary() const;
    /// The pins the rejections become (unit stays in its territory).
    std::vector<Pin> rejectionPins() const;

    bool operator==(const FixReview &) const = default;
};

/// The reviews stored in \a parametersJson, oldest first (empty when none).
std::vector<FixReview> reviewsOf(const std::string &parametersJson);
/// \a parametersJson with \a review appended to its "reviews" and the
/// review's rejections added to its "pins" (a unit pinned again keeps the
/// latest pin); other keys kept.
std::string withReview(const std::string &parametersJson, const FixReview &review);

} // namespace tessera
