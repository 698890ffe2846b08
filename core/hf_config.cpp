#include "hf_config.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "json_fields.h"

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
  s.attention_bias = f.boolean_or("attention_bias", s.architecture == "qwen2");
  validate(s, f.path());
  return s;
}

}  // namespace headroom
