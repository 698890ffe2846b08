// Inputs panel: one control per scenario field, labels above controls, grouped combos.
#include "inputs_panel.h"

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <string>
#include <vector>

#include "custom_device_form.h"
#include "format.h"
#include "pickers.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

constexpr std::int64_t kMinContext = 1024;
constexpr std::int64_t kFallbackMaxContext = 131072;

bool quant_combo(const AppState& state, Scenario& s) {
  const QuantMix* current = state.catalog().quants.find_mix(s.quant);
  const std::string preview = current != nullptr ? current->name : s.quant + " (unknown)";
  bool changed = false;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##quant", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const QuantMix& mix : state.catalog().quants.mixes()) {
      const bool selected = mix.id == s.quant;
      if (ImGui::Selectable(mix.name.c_str(), selected)) {
        s.quant = mix.id;
        changed = true;
      }
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool kv_combo(Scenario& s) {
  struct Option {
    const char* id;
    const char* name;
  };
  static constexpr Option kOptions[] = {
      {"f16", "F16 (16-bit, default)"}, {"q8_0", "Q8_0 (8.5 bits)"}, {"q4_0", "Q4_0 (4.5 bits)"}};
  std::string preview = s.kv_cache_type;
  for (const Option& o : kOptions) {
    if (s.kv_cache_type == o.id) preview = o.name;
  }
  bool changed = false;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##kv", preview.c_str())) {
    for (const Option& o : kOptions) {
      const bool selected = s.kv_cache_type == o.id;
      if (ImGui::Selectable(o.name, selected)) {
        s.kv_cache_type = o.id;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool context_controls(const AppState& state, Scenario& s) {
  const ModelSpec* model = state.model();
  std::int64_t max_ctx = model != nullptr && model->max_position_embeddings >= kMinContext
                             ? model->max_position_embeddings
                             : kFallbackMaxContext;
  bool changed = false;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float entry_w = ImGui::GetFontSize() * 6.2f;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;

  std::int64_t slider_value = std::clamp(s.context, kMinContext, max_ctx);
  ImGui::SetNextItemWidth(std::max(avail - entry_w - spacing, entry_w));
  if (ImGui::SliderScalar("##context_slider", ImGuiDataType_S64, &slider_value, &kMinContext,
                          &max_ctx, "", ImGuiSliderFlags_Logarithmic)) {
    // Snap the log slider to whole multiples of 1K so values read cleanly.
    std::int64_t snapped = std::max(kMinContext, (slider_value + 512) / 1024 * 1024);
    snapped = std::min(snapped, max_ctx);
    if (snapped != s.context) {
      s.context = snapped;
      changed = true;
    }
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(entry_w);
  std::int64_t typed = s.context;
  if (ImGui::InputScalar("##context_entry", ImGuiDataType_S64, &typed, nullptr, nullptr, "%lld")) {
    if (typed != s.context) {
      s.context = typed;  // validated by the core; a bad value shows as an error, not a crash
      changed = true;
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type an exact context length in tokens");
  ImGui::TextDisabled("1K to %s (model maximum)", format_tokens(max_ctx).c_str());
  return changed;
}

bool hardware_controls(AppState& state, Scenario& s) {
  bool changed = false;
  HardwareRef* ref = nullptr;

  const float count_w = ImGui::GetFontSize() * 7.5f;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  // Narrow (a phone): the device name gets the whole line and the count goes under it.
  const bool stacked = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 24.0f;
  changed |= hardware_picker(state, s, stacked ? -FLT_MIN
                                               : std::max(ImGui::GetContentRegionAvail().x - count_w - spacing, count_w));
  ref = s.hardware.empty() ? nullptr : &s.hardware.front();
  if (stacked) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Count");
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(count_w);
  ImGui::BeginDisabled(ref == nullptr);
  std::int64_t count = ref != nullptr ? ref->count : 1;
  const std::int64_t step = 1;
  if (ImGui::InputScalar("##count", ImGuiDataType_S64, &count, &step, nullptr, "%lld") &&
      ref != nullptr) {
    count = std::clamp<std::int64_t>(count, 1, 64);
    if (count != ref->count) {
      ref->count = count;
      changed = true;
    }
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How many of this device");
  if (s.hardware.size() > 1) {
    ImGui::TextDisabled("+ %d more device entries (set through the scenario JSON)",
                        int(s.hardware.size() - 1));
  }
  changed |= custom_device_form(state, s);
  return changed;
}

}  // namespace

bool draw_inputs_panel(AppState& state, const Fonts& fonts) {
  Scenario s = state.scenario();
  bool changed = false;
  const float gap = ImGui::GetFontSize() * 0.7f;

  {
    FontScope title(fonts.title);
    ImGui::TextUnformatted("Scenario");
  }
  ImGui::Dummy(ImVec2(0, gap * 0.5f));

  field_label("Model", "Models from the built-in catalog, grouped by family, and the ones you "
                       "imported: drop a .gguf, config.json or .safetensors file on the page, or "
                       "paste config.json text.");
  changed |= model_picker(state, s);
  if (const std::string file = state.imported_file(); !file.empty()) {
    const ModelSpec* m = state.model();
    ImGui::TextDisabled("Imported from %s%s", file.c_str(),
                        m != nullptr && m->file_weights ? ": weights are its tensors' bytes" : "");
  }
  ImGui::Dummy(ImVec2(0, gap));

  field_label("Weight format", "How the weights are quantized, as llama.cpp's file types "
                               "(Q4_K_M mixes Q4_K and Q6_K tensors).");
  // A GGUF's weights are its own tensors' bytes, whatever the picker says: say so, and grey it out.
  const bool file_weights = s.model.inline_spec && s.model.inline_spec->file_weights.has_value();
  ImGui::BeginDisabled(file_weights);
  changed |= quant_combo(state, s);
  ImGui::EndDisabled();
  if (file_weights) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", "Set by the imported file: its tensors' own types and bytes.");
    ImGui::PopTextWrapPos();
  }
  ImGui::Dummy(ImVec2(0, gap));

  field_label("KV cache type", "Storage type of the attention key/value cache "
                               "(llama.cpp --cache-type-k/-v). Smaller types trade a little "
                               "quality for room.");
  changed |= kv_combo(s);
  ImGui::Dummy(ImVec2(0, gap));

  field_label("Context", "Tokens per sequence the KV cache must hold (llama.cpp -c). "
                         "Drag on a log scale or type an exact value.");
  ImGui::SameLine();
  text_right(format_tokens(s.context) + " tokens", color::accent());
  changed |= context_controls(state, s);
  ImGui::Dummy(ImVec2(0, gap));

  field_label("Parallel sequences", "Sequences decoded at once (llama.cpp -np): each holds its "
                                    "own KV cache of the full context.");
  {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
    std::int64_t sequences = s.sequences;
    const std::int64_t step = 1;
    if (ImGui::InputScalar("##sequences", ImGuiDataType_S64, &sequences, &step, nullptr, "%lld")) {
      sequences = std::clamp<std::int64_t>(sequences, 1, 1024);
      if (sequences != s.sequences) {
        s.sequences = sequences;
        changed = true;
      }
    }
  }
  ImGui::Dummy(ImVec2(0, gap));

  field_label("Hardware", "The device the model runs on, and how many of them. "
                          "Memory is split across identical GPUs by layers.");
  changed |= hardware_controls(state, s);

  // Footnote pinned to the bottom of the card when there is room.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float bottom = ImGui::GetWindowContentRegionMax().y - line * 2.0f;
  if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Memory as llama.cpp lays it out. GB = 10^9 bytes, GiB = 2^30 bytes.");
  ImGui::PopTextWrapPos();

  if (changed) state.set_scenario(std::move(s));
  return changed;
}

}  // namespace headroom::ui
