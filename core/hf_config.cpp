#include "hf_config.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "json_fields.h"
#include "units.h"

namespace headroom {

ModelSpec model_from_hf_config(const nlohmann::json& config, const std::string& path) {
  if (!config.is_object()) throw InputError(path, "must be a config.json object");
  // Multimodal configs nest the language model under text_config.
  const bool nested = config.contains("text_config") && config["text_config"].is_object();
  JsonFields top(config, path);
  JsonFields f(nested ? config["text_config"] : config, nested ? path + ".text_config" : path);
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();

  ModelSpec s;
  s.architecture = f.string_or("model_type", top.string_or("model_type", ""));
  s.hidden_size = f.integer("hidden_size", lo, hi);
  s.num_hidden_layers = f.integer("num_hidden_layers", lo, hi);
  s.num_attention_heads = f.integer("num_attention_heads", lo, hi);
  s.num_key_value_heads = f.integer_or("num_key_value_heads", s.num_attention_heads, lo, hi);
  s.intermediate_size = f.integer("intermediate_size", lo, hi);
  s.vocab_size = f.integer("vocab_size", lo, hi);
  s.max_position_embeddings = f.integer_or("max_position_embeddings", 4096, lo, hi);
  const std::int64_t derived_head_dim = s.num_attention_heads > 0 ? s.hidden_size / s.num_attention_heads : 0;
  s.head_dim = f.integer_or("head_dim", derived_head_dim, lo, hi);
  s.tie_word_embeddings = f.boolean_or("tie_word_embeddings", top.boolean_or("tie_word_embeddings", false));
  // Qwen2 has q/k/v biases without saying so in its config; others state attention_bias.
  s.attention_bias = f.boolean_or("attention_bias", s.architecture == "qwen2" || s.architecture == "qwen2_moe");
  s.qk_norm = s.architecture == "qwen3" || s.architecture == "qwen3_moe";

  // Experts go by three names: num_local_experts (Mixtral), num_experts (Qwen), n_routed_experts (DeepSeek).
  s.num_experts = f.integer_or("num_local_experts", 0, lo, hi);
  if (s.num_experts == 0) s.num_experts = f.integer_or("num_experts", 0, lo, hi);
  if (s.num_experts == 0) s.num_experts = f.integer_or("n_routed_experts", 0, lo, hi);
  if (s.num_experts > 0) {
    s.num_experts_per_tok = f.integer("num_experts_per_tok", lo, hi);
    // Mixtral's experts are full-width FFNs and its config has no moe_intermediate_size.
    s.moe_intermediate_size = f.integer_or("moe_intermediate_size", s.intermediate_size, lo, hi);
    s.first_k_dense_replace = f.integer_or("first_k_dense_replace", 0, lo, hi);
    const std::int64_t n_shared = f.integer_or("n_shared_experts", 0, lo, hi);
    s.shared_expert_intermediate_size =
        f.integer_or("shared_expert_intermediate_size", checked_mul(n_shared, s.moe_intermediate_size, "n_shared_experts"), lo, hi);
  }
  validate(s, f.path());
  return s;
}

}  // namespace headroom
