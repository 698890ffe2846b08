// What the panels below the verdict show, computed from core on demand and cached by the
// scenario fields each depends on: an idle page computes nothing, and an edit recomputes a
// panel's data only if the panel is open and the edit matters to it (the charts ignore the
// context, the tables the hardware, "what runs" the model and format).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog.h"
#include "fit.h"
#include "scenario.h"
#include "tables.h"

namespace headroom::ui {

// Memory and decode speed over context, for the charts: the scenario at each of `contexts`.
struct ContextSeries {
  std::vector<double> contexts;  // tokens, log-spaced from 1K to the model's maximum
  // Memory components (bytes) and their running sums, for stacked areas.
  std::vector<double> weights, kv_cache, compute, overhead, total;
  std::vector<double> zero, upto_kv, upto_compute;  // 0, weights + KV, + compute
  std::vector<double> decode;                        // tok/s; 0 without hardware
  std::vector<char> fits;                            // 1 where it fits the hardware
  struct Capacity {
    std::string label;  // "NVIDIA GeForce RTX 4090 (24.00 GB)" is made by the panel
    std::int64_t bytes = 0;
  };
  std::vector<Capacity> capacities;  // each device entry, and all devices when more than one
  std::int64_t max_context = 0;
  std::string error;  // non-empty when the scenario could not be estimated
};

// `points` contexts from 1024 to max_context, evenly spaced in log2, each a multiple of 256
// (llama.cpp pads the cache to 256), increasing, the last exactly max_context.
std::vector<std::int64_t> series_contexts(std::int64_t max_context, int points = 24);

ContextSeries compute_context_series(const Scenario& scenario, const Catalog& catalog, int points = 24);

struct TablesData {
  std::vector<MemoryRow> memory;
  std::vector<SpeedRow> speed;
  std::vector<GpuTier> gpus;
  std::int64_t fit_margin_bytes = 0;  // what "safer" adds per device (engines.json)
  std::string error;
};
TablesData compute_tables(const Scenario& scenario, const Catalog& catalog);

struct WhatRunsData {
  std::vector<CatalogFit> fits;
  std::string error;
};
WhatRunsData compute_what_runs(const Scenario& scenario, const Catalog& catalog);

// The cache keys: the scenario's JSON with the fields a panel ignores blanked out.
std::string series_key(const Scenario& scenario);
std::string tables_key(const Scenario& scenario);
std::string what_runs_key(const Scenario& scenario);

// One cached result and the key it was computed for.
template <typename T>
struct Cached {
  std::string key;
  std::optional<T> value;
  int runs = 0;  // computations so far (tests check that idle frames add none)
  bool stale(const std::string& k) const { return !value || key != k; }
};

// The panels, in page order, and which are open (UI-only state; the first two start open).
enum class Panel { run, charts, tables, what_runs, spec, working };
inline constexpr int kPanelCount = 6;

struct PanelData {
  bool open[kPanelCount] = {true, true, false, false, false, false};
  Cached<ContextSeries> series;
  Cached<TablesData> tables;
  Cached<WhatRunsData> what_runs;
};

}  // namespace headroom::ui
