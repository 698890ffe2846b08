// Which layers attend how: config.json's layer_types where it has one, else the sliding-window
// patterns llama.cpp applies to architectures whose configs only imply them.
#include <algorithm>

#include "hf_config_families.h"

namespace headroom::hf {
namespace {

using json = nlohmann::ordered_json;

// layer_types (newer configs: gpt-oss, Gemma 3, Qwen3-Next, Granite 4.0, LFM2) lists each
// layer's mixer.
std::vector<LayerAttention> attention_from_layer_types(const json& types, const std::string& path) {
  if (!types.is_array()) throw InputError(path, "must be an array of layer type names");
  std::vector<LayerAttention> out;
  for (std::size_t i = 0; i < types.size(); ++i) {
    const json& t = types[i];
    const std::string name = t.is_string() ? t.get<std::string>() : "";
    if (name == "full_attention" || name == "attention") out.push_back(LayerAttention::full);
    else if (name == "sliding_attention" || name == "chunked_attention") out.push_back(LayerAttention::sliding);
    else if (name == "linear_attention") out.push_back(LayerAttention::linear);
    else if (name == "mamba" || name == "mamba2") out.push_back(LayerAttention::ssm);
    else if (name == "conv") out.push_back(LayerAttention::conv);
    else throw InputError(path + "[" + std::to_string(i) + "]", "unknown layer type " + describe(t));
  }
  return out;
}

// Sliding-window layouts that configs only imply: llama.cpp's set_swa_pattern(n) makes every
// n-th layer global and the others sliding (Gemma 2: n = 2, Gemma 3 and Cohere2: n = 6 or 4).
std::vector<LayerAttention> attention_from_pattern(std::int64_t n_layers, std::int64_t pattern) {
  std::vector<LayerAttention> out(std::size_t(n_layers), LayerAttention::full);
  if (pattern <= 1) return out;
  for (std::int64_t il = 0; il < n_layers; ++il)
    if (il % pattern < pattern - 1) out[std::size_t(il)] = LayerAttention::sliding;
  return out;
}

}  // namespace

void read_attention_layout(JsonFields& f, const json& c, ModelSpec& s) {
  std::vector<LayerAttention> kinds;
  const std::string& a = s.architecture;
  if (f.has("layer_types")) {
    kinds = attention_from_layer_types(f.raw("layer_types"), f.at("layer_types"));
  } else if (a == "gemma2") {
    kinds = attention_from_pattern(s.num_hidden_layers, 2);
  } else if (is_one_of(a, {"gemma3", "gemma3_text", "cohere2"})) {
    kinds = attention_from_pattern(s.num_hidden_layers, f.integer_or("sliding_window_pattern", a == "cohere2" ? 4 : 6, lo, hi));
  }
  // Qwen configs carry a sliding_window that use_sliding_window switches off; Mistral's and
  // Phi-3's are ignored by llama.cpp. Only a layout above makes layers slide.
  const bool slides = !kinds.empty();
  s.sliding_window = slides && c.contains("sliding_window") && c["sliding_window"].is_number_integer()
                         ? f.integer("sliding_window", lo, hi)
                         : (f.ignore("sliding_window"), 0);
  if (!kinds.empty() && std::int64_t(kinds.size()) != s.num_hidden_layers)
    throw InputError(f.at("layer_types"), "must have one entry per layer (" + std::to_string(s.num_hidden_layers) +
                                              "), got " + std::to_string(kinds.size()));
  s.layers.assign(std::size_t(std::max<std::int64_t>(s.num_hidden_layers, 0)), LayerSpec{});
  for (std::size_t il = 0; il < kinds.size(); ++il) s.layers[il].attention = kinds[il];
}

}  // namespace headroom::hf
