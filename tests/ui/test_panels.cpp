// The panels below the verdict: each draws open (no ImGui assertion, which aborts in this
// Debug build) for several scenarios, themes and widths; the chart series are the core's own
// estimates; cached panel data is recomputed only when a field it depends on changes; the
// Estimate's working adds up to the figures it explains.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "estimate.h"
#include "chart.h"
#include "panels.h"
#include "ui_harness.h"

using headroom::ByteUnit;
using headroom::Estimate;
using headroom::Scenario;
using headroom::ui::AppState;
using headroom::ui::kPanelCount;
using headroom::ui::Theme;
using headroom::ui::test::catalog;
using headroom::ui::test::HeadlessImGui;

namespace {

void open_all(AppState& state) {
  for (bool& open : state.panels.open) open = true;
}

void draw_frames(HeadlessImGui& imgui, AppState& state, int frames = 3) {
  for (int i = 0; i < frames; ++i) {
    ImDrawData& data = imgui.frame(state);
    REQUIRE(data.Valid);
    REQUIRE(data.TotalVtxCount > 0);
  }
}

const char* const kScenarios[] = {
    R"({"model": "llama-3.1-8b", "quant": "Q8_0", "context": 8192, "hardware": [{"id": "rtx-4090"}]})",
    // Multi-GPU, does not fit at long contexts.
    R"({"model": "llama-3.1-70b", "quant": "Q4_K_M", "kv_cache_type": "q8_0", "context": 32768,
        "hardware": [{"id": "rtx-4090", "count": 2}]})",
    // GPU plus host RAM: two kinds of capacity line.
    R"({"model": "qwen2.5-7b", "hardware": [{"id": "rtx-3090"}, {"id": "ryzen-7-5800x-ddr4-3200-32gb"}]})",
    // No hardware: no speed chart, no "what runs".
    R"({"model": "llama-3.1-8b", "hardware": []})",
};

}  // namespace

TEST_CASE("every panel draws open for good, failing and hardware-less scenarios", "[ui][panels]") {
  HeadlessImGui imgui;
  ImGui::GetIO().DisplaySize = ImVec2(1280, 9000);  // tall: every card is on screen and draws
  AppState state(catalog());
  open_all(state);
  for (const char* scenario : kScenarios) {
    INFO(scenario);
    REQUIRE(state.set_scenario_json(scenario).empty());
    draw_frames(imgui, state);
    CHECK(state.error().empty());
  }
  // A scenario the core rejects: every panel says so instead of drawing figures.
  REQUIRE(state.set_scenario_json(R"({"model": "llama-3.1-8b", "quant": "Q9_X", "hardware": []})").empty());
  draw_frames(imgui, state);
  CHECK(state.estimate() == nullptr);
}

TEST_CASE("panels draw at phone width, in the light theme, in GiB and at 2x", "[ui][panels]") {
  const char* regular = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf";
  const char* bold = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf";
  const char* mono = "/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf";
  HeadlessImGui imgui(regular, bold, 2.0f, mono);
  AppState state(catalog());
  open_all(state);
  state.unit = ByteUnit::gib;
  state.theme = Theme::light;
  REQUIRE(state.set_scenario_json(kScenarios[1]).empty());
  for (const ImVec2 size : {ImVec2(720, 16000), ImVec2(5120, 9000)}) {
    ImGui::GetIO().DisplaySize = size;
    draw_frames(imgui, state);
  }
}

TEST_CASE("the chart series are the core's estimates at each context", "[ui][panels]") {
  AppState state(catalog());
  REQUIRE(state.set_scenario_json(kScenarios[1]).empty());
  const Scenario s = state.scenario();
  const headroom::ui::ContextSeries series = headroom::ui::compute_context_series(s, catalog());
  REQUIRE(series.error.empty());
  REQUIRE(series.contexts.size() == 24);
  CHECK(series.contexts.front() == 1024);
  CHECK(series.contexts.back() == double(catalog().find_model("llama-3.1-70b")->max_position_embeddings));
  for (std::size_t i = 0; i < series.contexts.size(); ++i) {
    if (i > 0) CHECK(series.contexts[i] > series.contexts[i - 1]);
    Scenario at = s;
    at.context = std::int64_t(series.contexts[i]);
    CHECK(at.context % 256 == 0);
    const Estimate e = headroom::estimate(at, catalog());
    INFO("context " << at.context);
    CHECK(series.total[i] == double(e.total_bytes));
    CHECK(series.weights[i] == double(e.weights_bytes));
    CHECK(series.kv_cache[i] == double(e.kv_cache_bytes));
    CHECK(series.upto_compute[i] == double(e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes));
    CHECK(series.decode[i] == e.decode_tokens_per_s);
    CHECK(bool(series.fits[i]) == e.fits);
  }
  // Two RTX 4090s: one line for a card, one for both.
  REQUIRE(series.capacities.size() == 2);
  CHECK(series.capacities[0].label == "NVIDIA GeForce RTX 4090");
  CHECK(series.capacities[1].bytes == 2 * series.capacities[0].bytes);
  // 70B Q4_K_M fits two 24 GB cards at short contexts, not at its full 128K.
  CHECK(series.fits.front() == 1);
  CHECK(series.fits.back() == 0);
}

TEST_CASE("panel data is computed when open and only when a field it reads changes", "[ui][panels]") {
  HeadlessImGui imgui;
  ImGui::GetIO().DisplaySize = ImVec2(1280, 9000);
  AppState state(catalog());
  auto& p = state.panels;
  // Closed panels compute nothing.
  for (bool& open : p.open) open = false;
  draw_frames(imgui, state);
  CHECK(p.series.runs == 0);
  CHECK(p.tables.runs == 0);
  CHECK(p.what_runs.runs == 0);

  open_all(state);
  draw_frames(imgui, state);
  CHECK(p.series.runs == 1);
  CHECK(p.tables.runs == 1);
  CHECK(p.what_runs.runs == 1);
  draw_frames(imgui, state, 5);  // idle frames: nothing new
  CHECK(p.series.runs == 1);
  CHECK(p.tables.runs == 1);
  CHECK(p.what_runs.runs == 1);

  // The unit and theme are display only.
  state.unit = ByteUnit::gib;
  state.theme = Theme::light;
  draw_frames(imgui, state);
  CHECK(p.series.runs == 1);
  CHECK(p.tables.runs == 1);

  // Context: the charts already span every context; the tables and "what runs" depend on it.
  Scenario s = state.scenario();
  s.context = 16384;
  state.set_scenario(s);
  draw_frames(imgui, state);
  CHECK(p.series.runs == 1);
  CHECK(p.tables.runs == 2);
  CHECK(p.what_runs.runs == 2);

  // Weight format: not "what runs" (it picks each model's own format).
  s.quant = "Q8_0";
  state.set_scenario(s);
  draw_frames(imgui, state);
  CHECK(p.series.runs == 2);
  CHECK(p.tables.runs == 3);
  CHECK(p.what_runs.runs == 2);

  // Hardware: not the tables (each names its own machines).
  s.hardware.front().count = 2;
  state.set_scenario(s);
  draw_frames(imgui, state);
  CHECK(p.series.runs == 3);
  CHECK(p.tables.runs == 3);
  CHECK(p.what_runs.runs == 3);
}

TEST_CASE("the estimate's working adds up to the figures it explains", "[ui][panels]") {
  AppState state(catalog());
  for (const char* id : {"llama-3.1-8b", "llama-3.1-70b", "qwen2.5-7b"}) {
    Scenario s = state.scenario();
    s.model = headroom::ModelRef{id, std::nullopt};
    s.context = 10000;  // not a multiple of 256: the cells round up
    const Estimate e = headroom::estimate(s, catalog());
    INFO(id);
    std::int64_t weights = 0;
    for (const auto& w : e.working.weight_types) weights += w.bytes;
    CHECK(weights == e.weights_bytes);
    const auto& kv = e.working.kv;
    CHECK(kv.cells == 10240);
    CHECK(kv.bytes_per_cell * kv.cells * kv.full_layers + kv.bytes_per_cell * kv.window_cells * kv.window_layers +
              kv.other_bytes ==
          e.kv_cache_bytes);
    double decode_s = 0, prefill_s = 0;
    for (const auto& d : e.working.speed) {
      decode_s += d.decode_s;
      prefill_s += d.prefill_s;
      CHECK(d.decode_s == Approx(double(d.read_bytes) / (d.bandwidth_bytes_per_s * d.bandwidth_share) +
                                 double(d.layers) * d.layer_overhead_s));
      CHECK(d.prefill_s == Approx(d.flops_per_token / (d.fp16_flops * d.compute_share) + d.copy_s));
      if (d.copy_bytes > 0)
        CHECK(d.copy_s == Approx(double(d.copy_bytes) / d.host_link_bytes_per_s / double(d.ubatch_tokens)));
    }
    for (const auto& t : e.working.transfers) {
      decode_s += t.decode_s;
      prefill_s += t.prefill_s;
      CHECK(t.decode_s == Approx(double(t.hops) * (t.latency_s + double(t.bytes_per_hop) / t.bandwidth_bytes_per_s)));
    }
    REQUIRE(decode_s > 0);
    CHECK(1.0 / decode_s == Approx(e.decode_tokens_per_s));
    CHECK(1.0 / prefill_s == Approx(e.prefill_tokens_per_s));
    CHECK(std::max(e.working.compute.layer_bytes, e.working.compute.logits_bytes) == e.working.compute.output_bytes);
  }
}

TEST_CASE("panel ids round-trip", "[ui][panels]") {
  for (int i = 0; i < kPanelCount; ++i) {
    const auto panel = headroom::ui::Panel(i);
    CHECK(headroom::ui::panel_from_id(headroom::ui::panel_id(panel)) == panel);
  }
  CHECK_FALSE(headroom::ui::panel_from_id("nope").has_value());
}

TEST_CASE("chart ticks and series contexts", "[ui][panels][chart]") {
  using headroom::ui::linear_ticks;
  using headroom::ui::log2_ticks;
  using headroom::ui::series_contexts;
  // GB ticks: nice multiples of 10^9; GiB ticks: of 2^30.
  CHECK(linear_ticks(0, 60e9, 1e9, 6) == std::vector<double>{0, 10e9, 20e9, 30e9, 40e9, 50e9, 60e9});
  const double gib = 1024.0 * 1024.0 * 1024.0;
  CHECK(linear_ticks(0, 50 * gib, gib, 3) == std::vector<double>{0, 20 * gib, 40 * gib});
  CHECK(linear_ticks(0, 0, 1, 4).empty());
  CHECK(log2_ticks(1024, 131072, 1).size() == 8);
  CHECK(log2_ticks(1024, 131072, 2) == std::vector<double>{1024, 4096, 16384, 65536});
  // Contexts: increasing multiples of 256 from 1K, ending at the model's (odd) maximum.
  const auto contexts = series_contexts(40960);
  REQUIRE(contexts.size() >= 20);
  CHECK(contexts.front() == 1024);
  CHECK(contexts.back() == 40960);
  for (std::size_t i = 1; i < contexts.size(); ++i) {
    CHECK(contexts[i] > contexts[i - 1]);
    CHECK(contexts[i] % 256 == 0);
  }
  CHECK(series_contexts(1024).size() == 1);
}
