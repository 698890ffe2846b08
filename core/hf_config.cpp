// Hugging Face config.json -> ModelSpec: the fields every config shares, then the family
// readers its model_type needs (hf_config_families.h). An unknown model_type is read by its
// common fields alone, with a warning saying so.
#include "hf_config.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "hf_config_families.h"
#include "units.h"

namespace headroom {

namespace hf {

bool is_known_architecture(const std::string& a) {
  return is_one_of(a, {"llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "qwen3_next",
                       "gemma", "gemma2", "gemma3", "gemma3_text", "phi3", "deepseek_v2", "deepseek_v3", "kimi_k2",
                       "deepseek_v4", "gpt_oss", "glm4_moe", "llama4", "llama4_text", "cohere2", "olmo2", "granite",
                       "granitemoehybrid", "nemotron_h", "falcon_h1", "lfm2", "minimax_m2"});
}

}  // namespace hf

using json = nlohmann::ordered_json;
using hf::is_one_of;
using hf::lo;
using hf::hi;

ModelSpec model_from_hf_config(const json& config, const std::string& path, bool strict,
                               KeepConfigText keep_text) {
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
  // Gemma, Cohere2 (use_embedding_sharing) and LFM2 (tie_embedding) tie their embeddings without
  // saying so in tie_word_embeddings; Transformers' default for the others is tied too, but
  // every untied config states false.
  const bool tied_default = is_one_of(a, {"gemma", "gemma2", "gemma3", "gemma3_text", "cohere2", "lfm2"});
  s.tie_word_embeddings = f.boolean_or("tie_word_embeddings", top.boolean_or("tie_word_embeddings", tied_default));
  if (a == "lfm2") s.tie_word_embeddings = f.boolean_or("tie_embedding", s.tie_word_embeddings);
  // Qwen2 has q/k/v biases without saying so in its config; others state attention_bias.
  s.attention_bias = f.boolean_or("attention_bias", is_one_of(a, {"qwen2", "qwen2_moe"}));
  s.attention_output_bias = a == "gpt_oss" && s.attention_bias;
  s.attention_sinks = a == "gpt_oss";
  // Per-head q/k norms: Qwen3, Gemma 3, GLM-4.5 (use_qk_norm); across all heads: OLMo 2 and
  // MiniMax-M2 (qk_norm_type "per_layer"). Llama 4's use_qk_norm is a weightless L2 norm.
  s.qk_norm = is_one_of(a, {"qwen3", "qwen3_moe", "gemma3", "gemma3_text"}) ||
              (a == "glm4_moe" && f.boolean_or("use_qk_norm", false));
  s.qk_norm_full_width = a == "olmo2" || (a == "minimax_m2" && f.boolean_or("use_qk_norm", false) &&
                                          f.string_or("qk_norm_type", "per_layer") == "per_layer");
  if (is_one_of(a, {"gemma2", "gemma3", "gemma3_text"})) s.norm_style = NormStyle::pre_and_post;
  if (a == "olmo2") s.norm_style = NormStyle::post;
  if (a == "cohere2") s.norm_style = NormStyle::parallel;

  // Checked before anything is sized by it: a layer count of 10^12 is a typo, not a model.
  if (s.num_hidden_layers < 1 || s.num_hidden_layers > 10'000) validate(s, f.path());
  hf::read_attention_layout(f, c, s);
  if (a == "qwen3_next") hf::read_linear_attention(f, s);
  if (a == "nemotron_h") hf::read_nemotron_h(f, s);
  if (a == "falcon_h1") hf::read_falcon_h1(f, s);
  if (a == "lfm2") hf::read_lfm2(f, s);
  hf::read_experts(f, s);
  if (is_one_of(a, {"llama4", "llama4_text"})) hf::read_llama4(f, s);
  if (a == "granitemoehybrid") hf::read_granite_hybrid(f, s);
  if (a == "deepseek_v4") hf::read_compressed_attention(f, s);
  else hf::read_mla(f, s);
  s.mtp_layers = f.integer_or("num_nextn_predict_layers", 0, lo, hi);
  s.mtp_own_embeddings = a == "glm4_moe";
  if (!a.empty() && !hf::is_known_architecture(a))
    s.warnings.push_back("model_type \"" + a + "\" is not an architecture Headroom knows: it is read by its common "
                         "fields as a plain transformer (attention and FFN in every layer), so layers or experts it "
                         "adds are not counted.");
  if (strict) {
    f.ignore("name");
    f.finish();
  }
  validate(s, f.path());
  if (keep_text == KeepConfigText::yes) s.config_json = config.dump();
  return s;
}

nlohmann::ordered_json model_to_hf_config(const ModelSpec& s) {
  // A spec read from a config.json is written back as that config, so nothing is lost in a
  // round trip (share links, JS API); name and catalog fields travel beside it.
  if (!s.config_json.empty()) {
    nlohmann::ordered_json config = nlohmann::ordered_json::parse(std::string_view(s.config_json), nullptr, false);
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
                      : l.attention == LayerAttention::conv   ? "conv"
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
