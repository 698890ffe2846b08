// The benchmark cases, shared by the Google Benchmark driver (native) and the plain timing
// driver (native and wasm), so both time exactly the same work on the same inputs.
// Each case runs one call and returns a short text that pins its result, so a native and a wasm
// run can be checked for identical answers.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "catalog.h"
#include "embedded_catalog.h"
#include "estimate.h"
#include "fit.h"
#include "json_io.h"

namespace headroom::bench {

struct Case {
  std::string name;
  std::function<std::string()> run;
};

inline const Catalog& catalog() {
  static const Catalog loaded = load_catalog(embedded_catalog_files());
  return loaded;
}

inline std::vector<Case> cases() {
  const Catalog& cat = catalog();
  const Scenario llama8b = scenario_from_json(
      R"({"model":"llama-3.1-8b","quant":"Q8_0","context":8192,"hardware":[{"id":"rtx-4090"}]})");
  const Scenario deepseek = scenario_from_json(
      R"({"model":"deepseek-v4-pro","quant":"Q4_K_M","context":32768,"hardware":[{"id":"h100-sxm-80gb","count":13}]})");
  const Scenario offload = scenario_from_json(
      R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":32768,"kv_cache_type":"q8_0",)"
      R"("hardware":[{"id":"rtx-4090"},{"id":"ryzen-9-7950x-ddr5-5600-64gb"}]})");
  const Scenario machine = scenario_from_json(R"({"model":"llama-3.1-8b","context":8192,"hardware":[{"id":"rtx-4090"}]})");
  const Scenario two3090 = scenario_from_json(
      R"({"model":"llama-3.1-70b","context":16384,"hardware":[{"id":"rtx-3090","count":2}]})");
  const Scenario deepseek_h100 = scenario_from_json(
      R"({"model":"deepseek-v4-pro","quant":"Q4_K_M","context":32768,"hardware":[{"id":"h100-sxm-80gb"}]})");
  const std::string llama8b_json =
      R"({"model":"llama-3.1-8b","quant":"Q8_0","context":8192,"hardware":[{"id":"rtx-4090"}]})";

  auto total = [](const Estimate& e) { return std::to_string(e.total_bytes); };
  return {
      {"estimate/llama-3.1-8b/rtx-4090", [=, &cat] { return total(estimate(llama8b, cat)); }},
      {"estimate/deepseek-v4-pro/13xh100-sxm-80gb", [=, &cat] { return total(estimate(deepseek, cat)); }},
      {"estimate/llama-3.1-70b/rtx-4090+cpu", [=, &cat] { return total(estimate(offload, cat)); }},
      {"estimate_json/llama-3.1-8b/rtx-4090", [=, &cat] { return std::to_string(estimate_json(llama8b_json, cat).size()); }},
      {"what_runs/rtx-4090/8k", [=, &cat] {
         const auto fits = what_runs(machine, cat);
         std::string out = std::to_string(fits.size());
         if (!fits.empty()) out += ":" + fits.front().model_id + "/" + fits.front().quant;
         return out;
       }},
      {"best_quant/llama-3.1-70b/2xrtx-3090", [=, &cat] { return best_quant(two3090, cat).value_or("none"); }},
      {"gpus_needed/deepseek-v4-pro/h100-sxm-80gb", [=, &cat] {
         const auto n = gpus_needed(deepseek_h100, cat, "h100-sxm-80gb");
         return n ? std::to_string(*n) : std::string("none");
       }},
  };
}

}  // namespace headroom::bench
