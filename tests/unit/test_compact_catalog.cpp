// The page embeds compacted catalogs (assets/compact_catalog.py: no whitespace, no "notes"):
// they must load to the same entries and give the same estimates, figure for figure, as the
// files in assets/ that the CLI embeds.
#include <catch2/catch.hpp>

#include <exception>
#include <string>

#include "compact_catalog.h"
#include "test_support.h"

using namespace headroom;

namespace {

std::string answer(const std::string& scenario, const Catalog& catalog) {
  try {
    return estimate_json(scenario, catalog);
  } catch (const std::exception& e) {
    return std::string("error: ") + e.what();
  }
}

std::string scenario(const std::string& model, const std::string& quant, const std::string& hardware,
                     const char* engine = "llama.cpp") {
  return R"({"model":")" + model + R"(","quant":")" + quant + R"(","context":8192,"engine":")" + engine +
         R"(","hardware":[{"id":")" + hardware + R"("}]})";
}

}  // namespace

TEST_CASE("the page's compact catalogs load to the same estimates as assets/") {
  const Catalog compact = load_catalog(compact_catalog_files());
  const Catalog& full = test::catalog();
  REQUIRE(compact.models.size() == full.models.size());
  REQUIRE(compact.hardware.size() == full.hardware.size());
  REQUIRE(compact.quants.types().size() == full.quants.types().size());
  REQUIRE(compact.quants.mixes().size() == full.quants.mixes().size());
  REQUIRE(compact.engines.size() == full.engines.size());
  for (std::size_t i = 0; i < full.hardware.size(); ++i) {
    CHECK(compact.hardware[i].id == full.hardware[i].id);
    CHECK(compact.hardware[i].source == full.hardware[i].source);
    CHECK(compact.hardware[i].host_link_bytes_per_s == full.hardware[i].host_link_bytes_per_s);
  }
  // Every model on one GPU, every device under one model, every weight format, every engine.
  for (const ModelSpec& m : full.models)
    CHECK(answer(scenario(m.id, "Q4_K_M", "rtx-4090"), compact) == answer(scenario(m.id, "Q4_K_M", "rtx-4090"), full));
  for (const HardwareSpec& h : full.hardware)
    CHECK(answer(scenario("llama-3.1-8b", "Q4_K_M", h.id), compact) ==
          answer(scenario("llama-3.1-8b", "Q4_K_M", h.id), full));
  for (const QuantMix& q : full.quants.mixes())
    CHECK(answer(scenario("llama-3.1-70b", q.id, "h100-sxm-80gb"), compact) ==
          answer(scenario("llama-3.1-70b", q.id, "h100-sxm-80gb"), full));
  for (const EngineDefaults& e : full.engines)
    CHECK(answer(scenario("llama-3.1-8b", "Q8_0", "rtx-4090", e.id.c_str()), compact) ==
          answer(scenario("llama-3.1-8b", "Q8_0", "rtx-4090", e.id.c_str()), full));
}
