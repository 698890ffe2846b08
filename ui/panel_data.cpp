// Panel data: each a loop over core calls (estimate, memory_table, what_runs), no formulas.
#include "panel_data.h"

#include <algorithm>
#include <cmath>
#include <exception>

#include "estimate.h"
#include "json_io.h"

namespace headroom::ui {

namespace {

constexpr std::int64_t kMinContext = 1024;
constexpr std::int64_t kFallbackMaxContext = 131072;

std::string key_of(const Scenario& s) {
  try {
    return scenario_to_json(s);
  } catch (const std::exception& e) {
    return std::string("!") + e.what();
  }
}

// "NVIDIA GeForce RTX 4090 #2" -> "NVIDIA GeForce RTX 4090" (estimate() numbers repeated devices).
std::string base_name(const std::string& name) {
  const std::size_t hash = name.rfind(" #");
  if (hash == std::string::npos) return name;
  for (std::size_t i = hash + 2; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return name;
  }
  return name.substr(0, hash);
}

}  // namespace

std::vector<std::int64_t> series_contexts(std::int64_t max_context, int points) {
  std::vector<std::int64_t> out;
  max_context = std::max(max_context, kMinContext);
  points = std::max(points, 2);
  const double lo = std::log2(double(kMinContext)), hi = std::log2(double(max_context));
  for (int i = 0; i < points; ++i) {
    const double t = double(i) / double(points - 1);
    std::int64_t c = std::llround(std::exp2(lo + (hi - lo) * t) / 256.0) * 256;
    c = std::clamp(c, kMinContext, max_context);
    if (i == points - 1) c = max_context;
    if (out.empty() || c > out.back()) out.push_back(c);
  }
  return out;
}

ContextSeries compute_context_series(const Scenario& scenario, const Catalog& catalog, int points) {
  ContextSeries s;
  try {
    const ModelSpec& model = resolve_model(scenario, catalog);
    s.max_context = model.max_position_embeddings >= kMinContext ? model.max_position_embeddings : kFallbackMaxContext;
    for (const std::int64_t c : series_contexts(s.max_context, points)) {
      Scenario at = scenario;
      at.context = c;
      const Estimate e = estimate(at, catalog);
      s.contexts.push_back(double(c));
      s.weights.push_back(double(e.weights_bytes));
      s.kv_cache.push_back(double(e.kv_cache_bytes));
      s.compute.push_back(double(e.compute_buffer_bytes));
      s.overhead.push_back(double(e.overhead_bytes));
      s.total.push_back(double(e.total_bytes));
      s.zero.push_back(0.0);
      s.upto_kv.push_back(double(e.weights_bytes + e.kv_cache_bytes));
      s.upto_compute.push_back(double(e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes));
      s.decode.push_back(e.decode_tokens_per_s);
      s.fits.push_back(e.fits ? 1 : 0);
      if (s.capacities.empty() && !e.devices.empty()) {
        // One line per kind of device (capacity of one), and all of them together.
        std::int64_t all = 0;
        for (const DeviceUsage& d : e.devices) {
          all += d.capacity_bytes;
          const std::string name = base_name(d.name);
          auto same = std::find_if(s.capacities.begin(), s.capacities.end(),
                                   [&](const ContextSeries::Capacity& cap) { return cap.label == name; });
          if (same == s.capacities.end()) s.capacities.push_back({name, d.capacity_bytes});
        }
        if (e.devices.size() > 1) s.capacities.push_back({"All " + std::to_string(e.devices.size()) + " devices", all});
      }
    }
  } catch (const std::exception& e) {
    s = ContextSeries{};
    s.error = e.what();
  }
  return s;
}

TablesData compute_tables(const Scenario& scenario, const Catalog& catalog) {
  TablesData t;
  try {
    t.memory = memory_table(scenario, catalog);
    t.speed = speed_table(scenario, catalog);
    t.gpus = gpu_tiers(scenario, catalog);
    const EngineDefaults* engine = catalog.find_engine(to_string(scenario.engine));
    t.fit_margin_bytes = engine != nullptr ? engine->fit_margin_bytes : 0;
  } catch (const std::exception& e) {
    t = TablesData{};
    t.error = e.what();
  }
  return t;
}

WhatRunsData compute_what_runs(const Scenario& scenario, const Catalog& catalog) {
  WhatRunsData w;
  if (scenario.hardware.empty()) return w;
  try {
    w.fits = what_runs(scenario, catalog);
  } catch (const std::exception& e) {
    w.fits.clear();
    w.error = e.what();
  }
  return w;
}

std::string series_key(const Scenario& scenario) {
  Scenario s = scenario;
  s.context = 1;  // every point sets its own
  return key_of(s);
}

std::string tables_key(const Scenario& scenario) {
  Scenario s = scenario;
  s.hardware.clear();  // each table picks its own machines
  return key_of(s);
}

std::string what_runs_key(const Scenario& scenario) {
  Scenario s = scenario;
  s.model = ModelRef{"*", std::nullopt};  // every catalog model, each at its best format
  s.quant = "*";
  return key_of(s);
}

}  // namespace headroom::ui
