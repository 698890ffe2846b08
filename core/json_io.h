// The JSON contract (../shared/DESIGN.md) spoken by the CLI, the JS API, the URL state and the
// tests. Text in, text out, so nlohmann/json stays out of every other header.
// Unknown keys are errors naming the key; missing optional keys take the Scenario defaults.
#pragma once

#include <string>
#include <string_view>

#include "catalog.h"
#include "estimate.h"
#include "scenario.h"

namespace headroom {

Scenario scenario_from_json(std::string_view text);  // throws InputError
std::string scenario_to_json(const Scenario& scenario);
std::string estimate_to_json(const Estimate& estimate);

// Parse, estimate, serialize. Never throws: bad input gives {"error": "...", "field": "..."}.
std::string estimate_json(std::string_view scenario_text, const Catalog& catalog);

}  // namespace headroom
