// config.json readers per architecture family, internal to the hf_config*.cpp files.
// model_from_hf_config (hf_config.cpp) reads the fields every config shares, then hands the
// spec to the readers its model_type needs; each reader fills only what its family adds:
//   hf_config_layout.cpp  which layers attend how (layer_types, sliding-window patterns)
//   hf_config_moe.cpp     experts, Llama 4's interleaved MoE and chunked attention, MLA, DeepSeek-V4
//   hf_config_hybrid.cpp  layers that are not attention: Qwen3-Next, Nemotron-H, Granite 4.0,
//                         Falcon-H1, LFM2
#pragma once

#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json_fields.h"
#include "model_spec.h"

namespace headroom::hf {

constexpr auto lo = std::numeric_limits<std::int64_t>::min();
constexpr auto hi = std::numeric_limits<std::int64_t>::max();

inline bool is_one_of(const std::string& s, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (s == n) return true;
  return false;
}

// The model_types whose layout this importer knows; any other is read by its common fields.
bool is_known_architecture(const std::string& model_type);

// [layout] Sizes `layers` to num_hidden_layers and marks each layer's attention kind.
void read_attention_layout(JsonFields& f, const nlohmann::ordered_json& c, ModelSpec& s);

// [moe]
void read_experts(JsonFields& f, ModelSpec& s);
void read_llama4(JsonFields& f, ModelSpec& s);
void read_mla(JsonFields& f, ModelSpec& s);
void read_compressed_attention(JsonFields& f, ModelSpec& s);

// [hybrid]
void read_linear_attention(JsonFields& f, ModelSpec& s);  // qwen3_next
void read_nemotron_h(JsonFields& f, ModelSpec& s);
void read_granite_hybrid(JsonFields& f, ModelSpec& s);  // granitemoehybrid; after read_experts
void read_falcon_h1(JsonFields& f, ModelSpec& s);
void read_lfm2(JsonFields& f, ModelSpec& s);

}  // namespace headroom::hf
