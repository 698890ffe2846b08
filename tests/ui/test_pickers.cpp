// The pickers and the custom-device form driven like a person does, on the headless ImGui
// context: click a control (its place from ui/item_rects.h), type, press Enter. Checks the
// scenario each step leaves, and that nothing asserts (a Debug ImGui assertion aborts).
#include <catch2/catch.hpp>

#include <string>

#include "item_rects.h"
#include "json_io.h"
#include "ui_harness.h"

using namespace headroom;
using namespace headroom::ui;
using headroom::ui::test::catalog;
using headroom::ui::test::HeadlessImGui;

namespace {

enum Key { kEnter = 1, kBackspace, kA };

class Driver {
 public:
  explicit Driver(AppState& state) : state_(state) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    io.KeyMap[ImGuiKey_A] = kA;
    frames(2);
  }
  void frames(int n = 1) {
    for (int i = 0; i < n; ++i) REQUIRE(imgui_.frame(state_).Valid);
  }
  void click(const std::string& item) {
    const auto r = item_rect(item);
    INFO(item);
    REQUIRE(r);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
    frames();
    io.MouseDown[0] = true;
    frames();
    io.MouseDown[0] = false;
    frames(2);
  }
  void type(const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    frames(2);
  }
  void press(int key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    frames();
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    frames(2);
  }
  // Clicks a text field and replaces what it holds.
  void retype(const std::string& item, const char* text) {
    click(item);
    press(kA, true);
    press(kBackspace);
    type(text);
  }

 private:
  HeadlessImGui imgui_;
  AppState& state_;
};

AppState state_with(const char* scenario_json) {
  AppState state(catalog());
  REQUIRE(state.set_scenario_json(scenario_json).empty());
  return state;
}

}  // namespace

TEST_CASE("model picker: open, type to filter, Enter picks the first match", "[ui][pickers]") {
  AppState state = state_with(R"({"model": "llama-3.1-8b", "quant": "Q4_K_M", "context": 8192})");
  Driver d(state);
  d.click("model-picker");
  d.type("QWEN 7b");  // the search box has the keyboard as the popup opens
  CHECK(std::string(state.model_query.data()) == "QWEN 7b");
  CHECK(state.scenario().model.id == "llama-3.1-8b");  // typing alone picks nothing
  d.press(kEnter);
  CHECK(state.scenario().model.id == "qwen2.5-7b");
  d.click("model-picker");  // opens again with an empty search box
  CHECK(state.model_query[0] == '\0');
  d.type("no such model at all");
  d.press(kEnter);  // nothing matches: nothing picked, no crash
  CHECK(state.scenario().model.id == "qwen2.5-7b");
}

TEST_CASE("hardware picker: a memory size finds the device", "[ui][pickers]") {
  AppState state = state_with(R"({"model": "llama-3.1-8b", "hardware": [{"id": "rtx-4090", "count": 2}]})");
  Driver d(state);
  d.click("hardware-picker");
  d.type("h100 80gb");
  d.press(kEnter);
  REQUIRE(state.scenario().hardware.size() == 1);
  CHECK(state.scenario().hardware[0].id == "h100-sxm-80gb");
  CHECK(state.scenario().hardware[0].count == 2);  // the count stays
}

TEST_CASE("custom device: the form makes an inline device, bad text keeps the last good one", "[ui][pickers][custom]") {
  AppState state = state_with(R"({"model": "llama-3.1-8b", "hardware": [{"id": "rtx-4090"}]})");
  state.unit = ByteUnit::gib;
  Driver d(state);
  d.click("hardware-picker");
  d.click("custom-device-entry");
  REQUIRE(state.custom_device.open);
  REQUIRE(state.scenario().hardware.size() == 1);
  const HardwareRef& first = state.scenario().hardware[0];
  REQUIRE(first.inline_spec);  // starts as a copy of the RTX 4090
  CHECK(first.inline_spec->name == "NVIDIA GeForce RTX 4090 (custom)");
  CHECK(first.inline_spec->memory_bytes == std::int64_t(24) << 30);

  d.retype("custom-memory", "48");
  CHECK(state.scenario().hardware[0].inline_spec->memory_bytes == std::int64_t(48) << 30);
  d.retype("custom-memory", "-1");  // refused: the scenario keeps 48 GiB, the box keeps "-1"
  CHECK(std::string(state.custom_device.memory.data()) == "-1");
  CHECK(state.scenario().hardware[0].inline_spec->memory_bytes == std::int64_t(48) << 30);
  CHECK(state.estimate() != nullptr);
  d.retype("custom-memory", "96");
  d.retype("custom-name", "Lab card");
  const HardwareSpec& spec = *state.scenario().hardware[0].inline_spec;
  CHECK(spec.name == "Lab card");
  CHECK(spec.memory_bytes == std::int64_t(96) << 30);
  CHECK(state.url_hash().rfind("s=", 0) == 0);  // the share link carries it whole

  d.click("custom-done");
  CHECK_FALSE(state.custom_device.open);
  CHECK(state.scenario().hardware[0].inline_spec->name == "Lab card");
}
