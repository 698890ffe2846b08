// The architecture of a model: the numbers the tensor inventory and the KV cache are derived
// from. Field names follow Hugging Face config.json so a catalog entry reads like its source.
#pragma once

#include <cstdint>
#include <string>

namespace headroom {

struct ModelSpec {
  std::string id;            // catalog id, e.g. "llama-3.1-8b"
  std::string name;          // display name
  std::string family;        // picker group, e.g. "Llama 3"
  std::string architecture;  // config.json model_type, e.g. "llama"
  std::string source;        // where the numbers come from (config.json URL)

  std::int64_t hidden_size = 0;
  std::int64_t num_hidden_layers = 0;
  std::int64_t num_attention_heads = 0;
  std::int64_t num_key_value_heads = 0;
  std::int64_t head_dim = 0;  // hidden_size / num_attention_heads unless config says otherwise
  std::int64_t intermediate_size = 0;
  std::int64_t vocab_size = 0;
  std::int64_t max_position_embeddings = 0;
  bool tie_word_embeddings = false;
  bool attention_bias = false;  // q/k/v projections carry a bias (Qwen2)
  bool qk_norm = false;         // per-head RMS norms on q and k (Qwen3)

  // Mixture of experts; num_experts == 0 means a dense model.
  std::int64_t num_experts = 0;
  std::int64_t num_experts_per_tok = 0;
  std::int64_t moe_intermediate_size = 0;             // one routed expert's FFN width
  std::int64_t shared_expert_intermediate_size = 0;   // all shared experts together, 0 if none
  std::int64_t first_k_dense_replace = 0;             // leading blocks with a dense FFN
  bool is_moe() const { return num_experts > 0; }
  bool is_moe_layer(std::int64_t layer) const { return is_moe() && layer >= first_k_dense_replace; }

  // The publisher's parameter count, when known: reference tests compare the inventory with it.
  std::int64_t published_parameters = 0;
  std::string published_parameters_source;
};

// Throws InputError naming the first bad field (prefix: the JSON path of the spec).
void validate(const ModelSpec& spec, const std::string& path);

}  // namespace headroom
