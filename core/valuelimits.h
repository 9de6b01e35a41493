#pragma once

#include <string>

namespace tessera {

/// The range of figures Tessera accepts from files, project files and
/// arguments: finite, with a magnitude of at most 1e15 (a quadrillion euros,
/// hours or people). Every figure the engine then derives (a weight times a
/// distance of at most 20,000 km, summed over millions of units) stays finite
/// and well inside the metrics engine's fixed point, so no solver ever sees
/// an overflowing or non-finite value.
inline constexpr double MaxValueMagnitude = 1e15;

/// True when \a value is finite and within MaxValueMagnitude.
bool isAcceptedValue(double value);

/// \a value in a short form for messages: "1e+308", "nan", "12.5".
std::string formatValueForMessage(double value);

/// "VALUE is outside the accepted range (finite, |value| <= 1e15)".
std::string outOfRangeMessage(double value);

} // namespace tessera
