// Inputs panel: one control per scenario field, labels above controls, grouped combos.
#include "inputs_panel.h"

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstdint>
#include <string>
#include <vector>

#include "custom_device_form.h"
#include "engine.h"
#include "estimate.h"
#include "format.h"
#include "pickers.h"
#include "serving_form.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

constexpr std::int64_t kMinContext = 1024;
constexpr std::int64_t kFallbackMaxContext = 131072;

// The engines the catalog describes (llama.cpp, Ollama, vLLM, MLX). vLLM loads checkpoints, not GGUF
// mixes: switching to it (or Transformers) from a GGUF format picks BF16; MLX loads its own: MLX 4-bit.
const char* engine_label(Engine e) {
  switch (e) {
    case Engine::ollama: return "Ollama";
    case Engine::vllm: return "vLLM";
    case Engine::mlx: return "MLX";
    case Engine::transformers: return "Transformers";
    case Engine::llama_cpp: break;
  }
  return "llama.cpp";
}

bool engine_combo(const AppState& state, Scenario& s) {
  const char* preview = engine_label(s.engine);
  bool changed = false;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##engine", preview)) {
    for (const EngineDefaults& e : state.catalog().engines) {
      const Engine engine = engine_from_string(e.id, "engine");
      const bool selected = engine == s.engine;
      if (ImGui::Selectable(engine_label(engine), selected) && !selected) {
        s.engine = engine;
        const QuantMix* mix = state.catalog().quants.find_mix(s.quant);
        const bool checkpoint = engine == Engine::vllm || engine == Engine::transformers;
        if (checkpoint && (mix == nullptr || !vllm_serves(*mix, state.catalog().quants))) s.quant = "BF16";
        if (engine == Engine::mlx && (mix == nullptr || !mlx_serves(*mix))) s.quant = "MLX_4BIT";
        // Transformers' cache is in the model's float type; mlx-lm's too, or --kv-bits 8/4 (q8_0, q4_0).
        const std::string& kv = s.kv_cache_type;
        const bool mlx_kv = kv == "f16" || kv == "bf16" || kv == "q8_0" || kv == "q4_0";
        if (engine == Engine::transformers && kv != "bf16") s.kv_cache_type = "f16";
        if (engine == Engine::mlx && !mlx_kv) s.kv_cache_type = "f16";
        if (engine == Engine::mlx || engine == Engine::transformers) s.kv_cache_type_v.clear();
        // vLLM's own settings would make the scenario one the contract (and a share link) refuses.
        if (engine != Engine::vllm) {
          s.serving.reset();
          s.gpu_memory_utilization.reset();
          s.max_num_batched_tokens.reset();
          s.kv_cache_memory_bytes.reset();
        }
        changed = true;
      }
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  return changed;
}

// The format made at any bit rate that `quant` names (EXL2 or EXL2_3.5 -> EXL2), or null.
const QuantMix* rate_family(const QuantTable& quants, const std::string& quant) {
  const QuantMix* whole = quants.find_mix(quant);
  if (whole != nullptr && whole->bits_range) return whole;
  const QuantMix* family = quants.find_mix(quant.substr(0, quant.rfind('_')));
  return whole != nullptr && family != nullptr && family->bits_range ? family : nullptr;
}

// Bits per weight for EXL2/EXL3: the rate goes into the format's id (EXL2_3.50 -> "EXL2_3.5").
bool bits_input(const QuantTable& quants, const QuantMix& family, Scenario& s) {
  const QuantMix* current = quants.find_mix(s.quant);
  double bits = current != nullptr ? quants.find_type(current->default_type)->element_bits : 4.0;
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Bits per weight");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  if (!ImGui::InputDouble("##bpw", &bits, 0.05, 0.25, "%.2f")) return false;
  bits = std::clamp(bits, family.bits_range->first, family.bits_range->second);
  char id[48];
  std::snprintf(id, sizeof id, "%s_%.2f", family.id.c_str(), bits);
  std::string text = id;
  while (text.back() == '0') text.pop_back();  // 3.50 -> 3.5, 4.00 -> 4.
  if (text.back() == '.') text.pop_back();
  if (text == s.quant || quants.find_mix(text) == nullptr) return false;
  s.quant = text;
  return true;
}

bool quant_combo(const AppState& state, Scenario& s) {
  const QuantTable& quants = state.catalog().quants;
  const QuantMix* current = quants.find_mix(s.quant);
  const std::string preview = current != nullptr ? current->name : s.quant + " (unknown)";
  const QuantMix* family = rate_family(quants, s.quant);
  bool changed = false;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##quant", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const QuantMix& mix : quants.mixes()) {
      const bool selected = mix.id == s.quant || &mix == family;
      if (ImGui::Selectable(mix.name.c_str(), selected)) {
        s.quant = mix.id;
        changed = true;
      }
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  if (family != nullptr && !changed) changed = bits_input(quants, *family, s);
  return changed;
}

// Cache types llama.cpp takes for -ctk/-ctv (common/arg.cpp), plus vLLM's fp8; bits per value
// from their ggml blocks (quants.json).
struct KvOption {
  const char* id;
  const char* name;
};
constexpr KvOption kKvOptions[] = {
    {"f16", "F16 (16 bits, default)"}, {"bf16", "BF16 (16 bits)"},  {"f32", "F32 (32 bits)"},
    {"q8_0", "Q8_0 (8.5 bits)"},       {"fp8", "FP8 (8 bits, vLLM)"}, {"q5_1", "Q5_1 (6 bits)"},
    {"q5_0", "Q5_0 (5.5 bits)"},       {"q4_1", "Q4_1 (5 bits)"},     {"q4_0", "Q4_0 (4.5 bits)"},
    {"iq4_nl", "IQ4_NL (4.5 bits)"}};

bool kv_type_combo(const char* id, std::string& value) {
  std::string preview = value;
  for (const KvOption& o : kKvOptions)
    if (value == o.id) preview = o.name;
  bool changed = false;
  if (ImGui::BeginCombo(id, preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const KvOption& o : kKvOptions) {
      const bool selected = value == o.id;
      if (ImGui::Selectable(o.name, selected) && !selected) {
        value = o.id;
        changed = true;
      }
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  return changed;
}

// One type for K and V, or (ticked) a V type of its own, as llama.cpp's -ctk/-ctv allow.
bool kv_combo(Scenario& s) {
  bool changed = false;
  bool split = !s.kv_cache_type_v.empty();
  const float tick_w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("V apart").x;
  ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x - tick_w - ImGui::GetStyle().ItemSpacing.x,
                                   ImGui::GetFontSize() * 6.0f));
  std::string k = s.kv_cache_type;
  if (kv_type_combo("##kv", k)) {
    s.kv_cache_type = k;
    if (s.kv_cache_type_v == k) s.kv_cache_type_v.clear();
    changed = true;
  }
  ImGui::SameLine();
  if (ImGui::Checkbox("V apart", &split)) {
    // A V type that differs at once (an equal one is no split, and the scenario forgets it):
    // V tolerates coarser storage than K, so Q4_0 unless K already is.
    s.kv_cache_type_v = !split ? "" : s.kv_cache_type == "q4_0" ? "q8_0" : "q4_0";
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A V cache type of its own (llama.cpp -ctv), e.g. K q8_0 with V q4_0");
  if (split) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("V cache");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    std::string v = s.kv_cache_type_v;
    if (kv_type_combo("##kv_v", v)) {
      s.kv_cache_type_v = v;
      changed = true;
    }
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

  field_label("Engine", "What runs the model: llama.cpp, Ollama (llama.cpp with Ollama's defaults) "
                        "or vLLM (tensor parallel on identical GPUs; checkpoint formats only).");
  changed |= engine_combo(state, s);
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
                               "quality for room; a quantized V cache needs flash attention.");
  changed |= kv_combo(s);
  ImGui::Dummy(ImVec2(0, gap));

  field_label("Context", "Tokens per sequence the KV cache must hold (llama.cpp -c). "
                         "Drag on a log scale or type an exact value.");
  ImGui::SameLine();
  text_right(format_tokens(s.context) + " tokens", color::accent());
  changed |= context_controls(state, s);
  // A prompt longer than the context is an input error: follow the context down instead.
  if (s.prompt_tokens && *s.prompt_tokens > s.context) {
    s.prompt_tokens = s.context;
    changed = true;
  }
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

  field_label("Prompt tokens", "The prompt processed before the first token, for the time to first "
                               "token; at most the context. Default: 512 (llama-bench's pp512).");
  {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
    std::int64_t prompt = effective_prompt_tokens(s);
    const std::int64_t step = 256;
    if (ImGui::InputScalar("##prompt_tokens", ImGuiDataType_S64, &prompt, &step, nullptr, "%lld")) {
      prompt = std::clamp<std::int64_t>(prompt, 1, s.context);
      if (prompt != effective_prompt_tokens(s)) {
        s.prompt_tokens = prompt;
        changed = true;
      }
    }
  }
  ImGui::Dummy(ImVec2(0, gap));

  field_label("Hardware", "The device the model runs on, and how many of them. "
                          "Memory is split across identical GPUs by layers.");
  changed |= hardware_controls(state, s);
  if (s.engine == Engine::vllm) {
    ImGui::Dummy(ImVec2(0, gap));
    changed |= serving_form(state, s);
  }

  // Footnote pinned to the bottom of the card when there is room.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float bottom = ImGui::GetWindowContentRegionMax().y - line * 2.0f;
  if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
  ImGui::PushTextWrapPos(0.0f);
  // Ollama lays memory out as the llama.cpp it runs.
  const Engine layout = s.engine == Engine::ollama ? Engine::llama_cpp : s.engine;
  ImGui::TextDisabled("Memory as %s lays it out. GB = 10^9 bytes, GiB = 2^30 bytes.", engine_label(layout));
  ImGui::PopTextWrapPos();

  if (changed) state.set_scenario(std::move(s));
  return changed;
}

}  // namespace headroom::ui
