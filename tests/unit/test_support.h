// Shared helpers for the unit tests: the embedded catalog, loaded once, and scenario shortcuts.
#pragma once

#include <string>

#include "embedded_catalog.h"
#include "errors.h"
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

// The InputError a scenario gets, as "field: message", or "(no error)".
inline std::string estimate_error(const std::string& scenario_json) {
  try {
    estimate_for(scenario_json);
  } catch (const InputError& e) {
    return std::string(e.field()) + ": " + e.what();
  }
  return "(no error)";
}

// The CatalogError an engines.json text alone gets, or "(no error)".
inline std::string engines_load_error(const std::string& text) {
  const CatalogFile files[] = {{"engines.json", text}};
  try {
    load_catalog(files);
  } catch (const CatalogError& e) {
    return e.what();
  }
  return "(no error)";
}

// Relative difference |a - b| / b.
inline double rel_error(double a, double b) { return (a > b ? a - b : b - a) / b; }

}  // namespace headroom::test
