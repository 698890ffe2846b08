// The human-readable estimate: a small table with units, for terminals.
#pragma once

#include <string>

#include "estimate.h"
#include "units.h"

namespace headroom {

std::string format_estimate_table(const Scenario& scenario, const ModelSpec& model, const Estimate& estimate,
                                  ByteUnit unit);

}  // namespace headroom
