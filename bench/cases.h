// The benchmark cases, shared by the Google Benchmark driver (native) and the plain timing
// driver (native and wasm), so both time exactly the same work on the same inputs.
// `run` is what is timed; `result` (called once, untimed) pins the answer in a short text, so a
// native and a wasm run can be checked for identical results: an estimate by a hash of its full
// Estimate JSON, a reverse question by its answer.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "embedded_catalog.h"
#include "estimate.h"
#include "fit.h"
#include "json_io.h"

namespace headroom::bench {

struct Case {
  std::string name;
  std::function<void()> run;
  std::function<std::string()> result;
};

inline const Catalog& catalog() {
  static const Catalog loaded = load_catalog(embedded_catalog_files());
  return loaded;
}

// FNV-1a, 64 bits, as 16 hex digits.
inline std::string fingerprint(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

inline std::vector<Case> cases() {
  const Catalog& cat = catalog();
  const std::string llama8b_json =
      R"({"model":"llama-3.1-8b","quant":"Q8_0","context":8192,"hardware":[{"id":"rtx-4090"}]})";
  const Scenario llama8b = scenario_from_json(llama8b_json);
  const Scenario deepseek = scenario_from_json(
      R"({"model":"deepseek-v4-pro","quant":"Q4_K_M","context":32768,"hardware":[{"id":"h100-sxm-80gb","count":13}]})");
  const Scenario offload =
      scenario_from_json(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":32768,"kv_cache_type":"q8_0",)"
                         R"("hardware":[{"id":"rtx-4090"},{"id":"ryzen-9-7950x-ddr5-5600-64gb"}]})");
  const Scenario machine =
      scenario_from_json(R"({"model":"llama-3.1-8b","context":8192,"hardware":[{"id":"rtx-4090"}]})");
  const Scenario two3090 =
      scenario_from_json(R"({"model":"llama-3.1-70b","context":16384,"hardware":[{"id":"rtx-3090","count":2}]})");
  const Scenario deepseek_h100 = scenario_from_json(
      R"({"model":"deepseek-v4-pro","quant":"Q4_K_M","context":32768,"hardware":[{"id":"h100-sxm-80gb"}]})");

  auto estimate_case = [&cat](std::string name, const Scenario& s) {
    return Case{std::move(name), [s, &cat] { estimate(s, cat); },
                [s, &cat] { return fingerprint(estimate_to_json(estimate(s, cat))); }};
  };
  auto what_runs_answer = [machine, &cat] {
    const auto fits = what_runs(machine, cat);
    std::string all;
    for (const auto& f : fits) all += f.model_id + "/" + f.quant + ";";
    return std::to_string(fits.size()) + " fits, first " +
           (fits.empty() ? std::string("none") : fits.front().model_id + "/" + fits.front().quant) + ", list " +
           fingerprint(all);
  };
  return {
      estimate_case("estimate/llama-3.1-8b/rtx-4090", llama8b),
      estimate_case("estimate/deepseek-v4-pro/13xh100-sxm-80gb", deepseek),
      estimate_case("estimate/llama-3.1-70b/rtx-4090+cpu", offload),
      {"estimate_json/llama-3.1-8b/rtx-4090", [llama8b_json, &cat] { estimate_json(llama8b_json, cat); },
       [llama8b_json, &cat] { return fingerprint(estimate_json(llama8b_json, cat)); }},
      {"what_runs/rtx-4090/8k", [machine, &cat] { what_runs(machine, cat); }, what_runs_answer},
      {"best_quant/llama-3.1-70b/2xrtx-3090", [two3090, &cat] { best_quant(two3090, cat); },
       [two3090, &cat] { return best_quant(two3090, cat).value_or("none"); }},
      // What the page does first: parse and check every catalog (its start-up's largest step).
      {"load_catalog", [] { load_catalog(embedded_catalog_files()); },
       [] { return std::to_string(load_catalog(embedded_catalog_files()).models.size()) + " models"; }},
      // The first use of a model and format walks every tensor; later estimates reuse the answer
      // (core/model_weights.h). These two time that first use, so the cache cannot hide it.
      {"model_weights/deepseek-v4-pro/Q4_K_M/first-use",
       [&cat] { compute_model_weights(*cat.find_model("deepseek-v4-pro"), *cat.quants.find_mix("Q4_K_M"), cat.quants); },
       [&cat] {
         return std::to_string(
             compute_model_weights(*cat.find_model("deepseek-v4-pro"), *cat.quants.find_mix("Q4_K_M"), cat.quants).bytes);
       }},
      {"what_runs/rtx-4090/8k/first-use", [machine, &cat] { what_runs(machine, Catalog(cat)); }, what_runs_answer},
      {"gpus_needed/deepseek-v4-pro/h100-sxm-80gb",
       [deepseek_h100, &cat] { gpus_needed(deepseek_h100, cat, "h100-sxm-80gb"); },
       [deepseek_h100, &cat] {
         const auto n = gpus_needed(deepseek_h100, cat, "h100-sxm-80gb");
         return n ? std::to_string(*n) : std::string("none");
       }},
  };
}

}  // namespace headroom::bench
