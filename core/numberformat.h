#pragma once

#include <string>

namespace tessera {

/// \a value with grouped thousands and \a decimals places, never scientific
/// notation: "1,068,860" / "33.5"; "–" when not finite. Every figure shown to
/// a person (result wording, optimizer messages, the CLI's text) goes through it.
std::string groupedNumber(double value, int decimals = 0);

} // namespace tessera
