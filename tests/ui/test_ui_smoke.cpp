// The real panels, drawn headless for good, failing and bad scenarios, at two display sizes
// and both byte units: every frame must produce geometry and never crash or assert.
#include <catch2/catch.hpp>

#include <string>

#include "ui_harness.h"

using headroom::ByteUnit;
using headroom::ui::AppState;
using headroom::ui::test::catalog;
using headroom::ui::test::HeadlessImGui;

namespace {

// Draws a few frames (cards settle their measured heights after the first) and checks them.
void draw_frames(HeadlessImGui& imgui, AppState& state) {
  for (int i = 0; i < 3; ++i) {
    ImDrawData& data = imgui.frame(state);
    REQUIRE(data.Valid);
    REQUIRE(data.CmdListsCount > 0);
    REQUIRE(data.TotalVtxCount > 0);
    REQUIRE(data.TotalIdxCount > 0);
  }
}

const char* const kScenarios[] = {
    R"({"model": "llama-3.1-8b", "quant": "Q8_0", "context": 8192,
        "hardware": [{"id": "rtx-4090"}]})",
    R"({"model": "llama-3.1-8b", "quant": "Q4_K_M", "kv_cache_type": "q8_0", "context": 32768,
        "hardware": [{"id": "h100-sxm-80gb", "count": 2}]})",
    R"({"model": "llama-3.1-8b", "quant": "F16", "context": 4096,
        "hardware": [{"id": "ryzen-9-7950x-ddr5-5600-64gb"}]})",
    // Does not fit: 70B in F16 on one 24 GB card.
    R"({"model": "llama-3.1-70b", "quant": "F16", "context": 131072, "hardware": [{"id": "rtx-4090"}]})",
    // No hardware: memory only, no fit verdict.
    R"({"model": "llama-3.1-8b", "hardware": []})",
    // Two device entries: the inputs panel edits the first and mentions the rest.
    R"({"model": "qwen2.5-7b", "hardware": [{"id": "rtx-3090"}, {"id": "ryzen-7-5800x-ddr4-3200-32gb"}]})",
};

}  // namespace

TEST_CASE("the app draws every catalog scenario without crashing", "[ui]") {
  HeadlessImGui imgui;
  AppState state(catalog());
  draw_frames(imgui, state);
  REQUIRE(state.estimate() != nullptr);

  for (const char* scenario : kScenarios) {
    INFO(scenario);
    REQUIRE(state.set_scenario_json(scenario).empty());
    draw_frames(imgui, state);
    CHECK(state.error().empty());
    CHECK(state.estimate() != nullptr);
  }
}

TEST_CASE("a speed under 'Does not fit' says it needs the memory, a fitting one does not", "[ui]") {
  HeadlessImGui imgui;
  AppState state(catalog());
  const auto page_text = [&](const char* scenario) {
    REQUIRE(state.set_scenario_json(scenario).empty());
    draw_frames(imgui, state);
    return imgui.frame_text(state);
  };
  const std::string no_fit =
      page_text(R"({"model": "llama-3.1-70b", "quant": "F16", "context": 8192, "hardware": [{"id": "rtx-4090"}]})");
  CHECK(no_fit.find("Does not fit") != std::string::npos);
  CHECK(no_fit.find("With enough memory:") != std::string::npos);
  CHECK(no_fit.find("It does not fit: these speeds are what the devices would reach") != std::string::npos);
  const std::string fits =
      page_text(R"({"model": "llama-3.1-8b", "quant": "Q8_0", "context": 8192, "hardware": [{"id": "rtx-4090"}]})");
  CHECK(fits.find("Fits") != std::string::npos);
  CHECK(fits.find("tok/s") != std::string::npos);
  CHECK(fits.find("With enough memory") == std::string::npos);
  CHECK(fits.find("It does not fit") == std::string::npos);
}

TEST_CASE("a scenario that cannot be estimated shows its error instead of crashing", "[ui]") {
  HeadlessImGui imgui;
  AppState state(catalog());
  // Valid JSON the parser accepts or rejects: either way the page must keep drawing.
  const char* const bad[] = {
      R"({"model": "no-such-model", "hardware": [{"id": "rtx-4090"}]})",
      R"({"model": "llama-3.1-8b", "quant": "Q9_X", "hardware": [{"id": "rtx-4090"}]})",
      R"({"model": "llama-3.1-8b", "hardware": [{"id": "no-such-gpu"}]})",
  };
  for (const char* scenario : bad) {
    INFO(scenario);
    const std::string parse_error = state.set_scenario_json(scenario);
    draw_frames(imgui, state);
    if (parse_error.empty()) {
      CHECK(state.estimate() == nullptr);
      CHECK_FALSE(state.error().empty());
    }
  }
  // Not JSON at all, and an unknown key: rejected up front, the previous scenario stays.
  const std::string before = state.scenario_json();
  CHECK_FALSE(state.set_scenario_json("{not json").empty());
  CHECK_FALSE(state.set_scenario_json(R"({"model": "llama-3.1-8b", "colour": "red"})").empty());
  CHECK(state.scenario_json() == before);
  draw_frames(imgui, state);
}

TEST_CASE("narrow displays, GiB and HiDPI fonts all draw", "[ui]") {
  const char* regular = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf";
  const char* bold = "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf";
  HeadlessImGui imgui(regular, bold, 2.0f);  // missing files fall back to the default font
  AppState state(catalog());
  state.unit = ByteUnit::gib;
  draw_frames(imgui, state);
  ImGui::GetIO().DisplaySize = ImVec2(480, 900);  // below the two-column width
  REQUIRE(state.set_scenario_json(kScenarios[3]).empty());
  draw_frames(imgui, state);
  ImGui::GetIO().DisplaySize = ImVec2(1, 1);  // degenerate, as a collapsed browser tab
  draw_frames(imgui, state);
}
