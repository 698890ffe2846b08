// Shared helpers for the unit tests: the embedded catalog, loaded once, and scenario shortcuts.
#pragma once

#include <string>

#include "embedded_catalog.h"
#include "estimate.h"
#include "json_io.h"
#include "units.h"

namespace headroom::test {

inline const Catalog& catalog() {
  static const Catalog c = load_catalog(embedded_catalog_files());
  return c;
}

inline Estimate estimate_for(const std::string& scenario_json) {
  return estimate(scenario_from_json(scenario_json), catalog());
}

// Relative difference |a - b| / b.
inline double rel_error(double a, double b) { return (a > b ? a - b : b - a) / b; }

}  // namespace headroom::test
