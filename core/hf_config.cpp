#include "hf_config.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "json_fields.h"
#include "units.h"

namespace headroom {
namespace {

using nlohmann::json;
constexpr auto lo = std::numeric_limits<std::int64_t>::min();
constexpr auto hi = std::numeric_limits<std::int64_t>::max();

bool is_one_of(const std::string& s, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (s == n) return true;
  return false;
}

// layer_types (newer configs: gpt-oss, Gemma 3, Qwen3-Next) lists each layer's attention.
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
  // Qwen configs carry a sliding_window that use_sliding_window switches off; Mistral's is
  // ignored by llama.cpp. Only a layout above makes layers slide.
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

// Qwen3-Next: every full_attention_interval-th layer attends, the others are Gated DeltaNet.
void read_linear_attention(JsonFields& f, ModelSpec& s) {
  const std::int64_t interval = f.integer_or("full_attention_interval", 4, lo, hi);
  if (interval < 1) throw InputError(f.at("full_attention_interval"), "must be at least 1");
  for (std::size_t il = 0; il < s.layers.size(); ++il)
    s.layers[il].attention = (std::int64_t(il) + 1) % interval == 0 ? LayerAttention::full : LayerAttention::linear;
  s.linear_num_key_heads = f.integer("linear_num_key_heads", lo, hi);
  s.linear_num_value_heads = f.integer("linear_num_value_heads", lo, hi);
  s.linear_key_head_dim = f.integer("linear_key_head_dim", lo, hi);
  s.linear_value_head_dim = f.integer("linear_value_head_dim", lo, hi);
  s.conv_kernel = f.integer("linear_conv_kernel_dim", lo, hi);
}

// Nemotron-H: hybrid_override_pattern has one character per layer, each layer one mixer:
// M Mamba-2, * attention, - MLP, E MoE.
void read_hybrid_pattern(JsonFields& f, ModelSpec& s) {
  const std::string pattern = f.string("hybrid_override_pattern");
  if (std::int64_t(pattern.size()) != s.num_hidden_layers)
    throw InputError(f.at("hybrid_override_pattern"), "must have one character per layer (" +
                                                          std::to_string(s.num_hidden_layers) + "), got " +
                                                          std::to_string(pattern.size()));
  for (std::size_t il = 0; il < pattern.size(); ++il) {
    LayerSpec& l = s.layers[il];
    switch (pattern[il]) {
      case 'M': l = {LayerAttention::ssm, LayerFfn::none, 0}; break;
      case '*': l = {LayerAttention::full, LayerFfn::none, 0}; break;
      case '-': l = {LayerAttention::none, LayerFfn::dense, 0}; break;
      case 'E': l = {LayerAttention::none, LayerFfn::moe, 0}; break;
      default:
        throw InputError(f.at("hybrid_override_pattern"),
                         std::string("unknown layer kind '") + pattern[il] + "' at " + std::to_string(il) + " (M, *, - or E)");
    }
  }
  s.mamba_num_heads = f.integer("mamba_num_heads", lo, hi);
  s.mamba_head_dim = f.integer("mamba_head_dim", lo, hi);
  s.ssm_state_size = f.integer("ssm_state_size", lo, hi);
  s.ssm_groups = f.integer("n_groups", lo, hi);
  s.conv_kernel = f.integer("conv_kernel", lo, hi);
  s.head_dim = f.integer_or("attention_head_dim", s.head_dim, lo, hi);
  s.ffn_gated = false;  // squared-ReLU MLPs and experts: up and down only
}

void read_experts(JsonFields& f, ModelSpec& s) {
  // Experts go by three names: num_local_experts (Mixtral, gpt-oss), num_experts (Qwen),
  // n_routed_experts (DeepSeek).
  s.num_experts = f.integer_or("num_local_experts", 0, lo, hi);
  if (s.num_experts == 0) s.num_experts = f.integer_or("num_experts", 0, lo, hi);
  if (s.num_experts == 0) s.num_experts = f.integer_or("n_routed_experts", 0, lo, hi);
  if (s.num_experts <= 0) return;
  s.num_experts_per_tok = f.integer("num_experts_per_tok", lo, hi);
  // Mixtral's and gpt-oss's experts are intermediate_size wide; their configs have no moe_intermediate_size.
  s.moe_intermediate_size = f.integer_or("moe_intermediate_size", s.intermediate_size, lo, hi);
  s.first_k_dense_replace = f.integer_or("first_k_dense_replace", 0, lo, hi);
  const std::int64_t n_shared = f.integer_or("n_shared_experts", 0, lo, hi);
  const std::int64_t shared_default =
      f.integer_or("moe_shared_expert_intermediate_size", checked_mul(n_shared, s.moe_intermediate_size, "n_shared_experts"), lo, hi);
  s.shared_expert_intermediate_size = f.integer_or("shared_expert_intermediate_size", shared_default, lo, hi);
  s.shared_expert_gate = is_one_of(s.architecture, {"qwen2_moe", "qwen3_next"}) && s.shared_expert_intermediate_size > 0;
  s.router_bias = s.architecture == "gpt_oss" || s.architecture == "nemotron_h" || f.string_or("topk_method", "") == "noaux_tc";
  s.expert_bias = s.architecture == "gpt_oss";
  if (s.architecture == "nemotron_h") return;  // its pattern already says which layers are MoE
  for (std::size_t il = 0; il < s.layers.size(); ++il)
    s.layers[il].ffn = std::int64_t(il) >= s.first_k_dense_replace ? LayerFfn::moe : LayerFfn::dense;
}

// DeepSeek-V4: compress_ratios lists each layer's ratio (0: sliding window only, 4: compressed
// sparse attention with an indexer, 128: heavily compressed), then the MTP layers'.
void read_compressed_attention(JsonFields& f, ModelSpec& s) {
  s.o_lora_rank = f.integer("o_lora_rank", lo, hi);
  s.o_groups = f.integer("o_groups", lo, hi);
  s.q_lora_rank = f.integer("q_lora_rank", lo, hi);
  s.qk_rope_head_dim = f.integer_or("qk_rope_head_dim", 0, lo, hi);
  s.index_n_heads = f.integer("index_n_heads", lo, hi);
  s.index_head_dim = f.integer("index_head_dim", lo, hi);
  s.hc_mult = f.integer_or("hc_mult", 0, lo, hi);
  s.num_hash_layers = f.integer_or("num_hash_layers", 0, lo, hi);
  s.sliding_window = f.integer("sliding_window", lo, hi);
  const json& ratios = f.raw("compress_ratios");
  const std::string path = f.at("compress_ratios");
  if (!ratios.is_array() || std::int64_t(ratios.size()) < s.num_hidden_layers)
    throw InputError(path, "must list a ratio for each of the " + std::to_string(s.num_hidden_layers) + " layers");
  for (std::size_t i = 0; i < ratios.size(); ++i) {
    if (!ratios[i].is_number_integer()) throw InputError(path + "[" + std::to_string(i) + "]", "must be 0, 4 or 128");
    const std::int64_t r = ratios[i].get<std::int64_t>();
    if (std::int64_t(i) < s.num_hidden_layers) s.layers[i] = {LayerAttention::compressed, s.layers[i].ffn, r};
    else if (std::int64_t(i) == s.num_hidden_layers) s.mtp_compress_ratio = r;
  }
}

void read_mla(JsonFields& f, ModelSpec& s) {
  s.kv_lora_rank = f.integer_or("kv_lora_rank", 0, lo, hi);
  if (s.kv_lora_rank <= 0) return;
  s.q_lora_rank = f.integer_or("q_lora_rank", 0, lo, hi);  // null in DeepSeek-V2-Lite
  s.qk_rope_head_dim = f.integer("qk_rope_head_dim", lo, hi);
  s.qk_nope_head_dim = f.integer("qk_nope_head_dim", lo, hi);
  s.v_head_dim = f.integer("v_head_dim", lo, hi);
}

}  // namespace

ModelSpec model_from_hf_config(const json& config, const std::string& path, bool strict) {
  if (!config.is_object()) throw InputError(path, "must be a config.json object");
  // Multimodal configs nest the language model under text_config.
  const bool nested = config.contains("text_config") && config["text_config"].is_object();
  const json& c = nested ? config["text_config"] : config;
  JsonFields top(config, path);
  JsonFields f(c, nested ? path + ".text_config" : path);

  ModelSpec s;
  s.architecture = f.string_or("model_type", top.string_or("model_type", ""));
  const std::string& a = s.architecture;
  s.hidden_size = f.integer("hidden_size", lo, hi);
  s.num_hidden_layers = f.integer("num_hidden_layers", lo, hi);
  s.num_attention_heads = f.integer("num_attention_heads", lo, hi);
  s.num_key_value_heads = f.integer_or("num_key_value_heads", s.num_attention_heads, lo, hi);
  s.intermediate_size = f.integer_or("intermediate_size", 0, lo, hi);
  s.vocab_size = f.integer("vocab_size", lo, hi);
  s.max_position_embeddings = f.integer_or("max_position_embeddings", 4096, lo, hi);
  const std::int64_t derived_head_dim = s.num_attention_heads > 0 ? s.hidden_size / s.num_attention_heads : 0;
  s.head_dim = f.integer_or("head_dim", derived_head_dim, lo, hi);
  // Gemma ties its embeddings without saying so; Transformers' default for the others is tied
  // too, but every untied config states false.
  const bool tied_default = is_one_of(a, {"gemma", "gemma2", "gemma3", "gemma3_text"});
  s.tie_word_embeddings = f.boolean_or("tie_word_embeddings", top.boolean_or("tie_word_embeddings", tied_default));
  // Qwen2 has q/k/v biases without saying so in its config; others state attention_bias.
  s.attention_bias = f.boolean_or("attention_bias", is_one_of(a, {"qwen2", "qwen2_moe"}));
  s.attention_output_bias = a == "gpt_oss" && s.attention_bias;
  s.attention_sinks = a == "gpt_oss";
  s.qk_norm = is_one_of(a, {"qwen3", "qwen3_moe", "gemma3", "gemma3_text"});
  s.qk_norm_full_width = a == "olmo2";
  if (is_one_of(a, {"gemma2", "gemma3", "gemma3_text"})) s.norm_style = NormStyle::pre_and_post;
  if (a == "olmo2") s.norm_style = NormStyle::post;

  // Checked before anything is sized by it: a layer count of 10^12 is a typo, not a model.
  if (s.num_hidden_layers < 1 || s.num_hidden_layers > 10'000) validate(s, f.path());
  read_attention_layout(f, c, s);
  if (a == "qwen3_next") read_linear_attention(f, s);
  if (a == "nemotron_h") read_hybrid_pattern(f, s);
  s.attention_output_gate = a == "qwen3_next";
  if (a == "qwen3_next") s.qk_norm = true;
  read_experts(f, s);
  if (a == "deepseek_v4") read_compressed_attention(f, s);
  else read_mla(f, s);
  s.mtp_layers = f.integer_or("num_nextn_predict_layers", 0, lo, hi);
  if (strict) {
    f.ignore("name");
    f.finish();
  }
  validate(s, f.path());
  s.config_json = config.dump();
  return s;
}

nlohmann::ordered_json model_to_hf_config(const ModelSpec& s) {
  // A spec read from a config.json is written back as that config, so nothing is lost in a
  // round trip (share links, JS API); name and catalog fields travel beside it.
  if (!s.config_json.empty()) {
    nlohmann::ordered_json config = nlohmann::ordered_json::parse(s.config_json, nullptr, false);
    if (!config.is_discarded()) {
      config.erase("name");
      return config;
    }
  }
  nlohmann::ordered_json j{{"model_type", s.architecture},
                           {"hidden_size", s.hidden_size},
                           {"num_hidden_layers", s.num_hidden_layers},
                           {"num_attention_heads", s.num_attention_heads},
                           {"num_key_value_heads", s.num_key_value_heads},
                           {"head_dim", s.head_dim},
                           {"intermediate_size", s.intermediate_size},
                           {"vocab_size", s.vocab_size},
                           {"max_position_embeddings", s.max_position_embeddings},
                           {"tie_word_embeddings", s.tie_word_embeddings},
                           {"attention_bias", s.attention_bias}};
  const bool uniform = std::all_of(s.layers.begin(), s.layers.end(),
                                   [](const LayerSpec& l) { return l.attention == LayerAttention::full; });
  if (!uniform) {
    nlohmann::ordered_json types = nlohmann::ordered_json::array();
    for (const auto& l : s.layers)
      types.push_back(l.attention == LayerAttention::sliding  ? "sliding_attention"
                      : l.attention == LayerAttention::linear ? "linear_attention"
                      : l.attention == LayerAttention::ssm    ? "mamba"
                                                              : "full_attention");
    j["layer_types"] = std::move(types);
  }
  if (s.sliding_window > 0) j["sliding_window"] = s.sliding_window;
  if (s.is_moe()) {
    j["num_experts"] = s.num_experts;
    j["num_experts_per_tok"] = s.num_experts_per_tok;
    j["moe_intermediate_size"] = s.moe_intermediate_size;
    j["shared_expert_intermediate_size"] = s.shared_expert_intermediate_size;
    j["first_k_dense_replace"] = s.first_k_dense_replace;
  }
  if (s.is_mla()) {
    j["kv_lora_rank"] = s.kv_lora_rank;
    j["q_lora_rank"] = s.q_lora_rank;
    j["qk_rope_head_dim"] = s.qk_rope_head_dim;
    j["qk_nope_head_dim"] = s.qk_nope_head_dim;
    j["v_head_dim"] = s.v_head_dim;
  }
  return j;
}

}  // namespace headroom
