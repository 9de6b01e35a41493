#pragma once

#include <cstddef>

namespace tessera::metrics {

/// The one deviation rule of Tessera (docs/metrics.md, "Deviation"): the
/// metrics engine, the optimizer's evaluation and every view use these two
/// functions and nothing else.

/// What a territory's sum is measured against: \a target when it is finite,
/// else the plan mean \a total ÷ \a territoryCount (empty territories
/// included; unassigned units are in no total). Undefined without territories.
double balanceReference(double target, double total, std::size_t territoryCount);

/// (sum − reference) ÷ |reference|: +0.05 = 5 % above the reference. When the
/// reference is 0: 0 if the sum is 0 too, else undefined; undefined when the
/// reference is.
double deviation(double sum, double reference);

} // namespace tessera::metrics
