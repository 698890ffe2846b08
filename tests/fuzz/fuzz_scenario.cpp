// libFuzzer target: scenario JSON -> estimate_json, what Headroom.estimate and the CLI run on
// whatever they are handed. Every input must get an answer that parses as JSON: an estimate
// whose numbers are all numbers (a NaN or infinity would be written as null), or
// {"error", "field"}. A throw, a crash, UB or a null number is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "catalog.h"
#include "embedded_catalog.h"
#include "json_io.h"

namespace {

bool has_null(const nlohmann::json& j) {
  if (j.is_null()) return true;
  if (j.is_structured())
    for (const auto& v : j)
      if (has_null(v)) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const headroom::Catalog catalog = headroom::load_catalog(headroom::embedded_catalog_files());
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json answer = nlohmann::json::parse(headroom::estimate_json(text, catalog));
  if (!answer.contains("error") && has_null(answer)) std::abort();
  return 0;
}
