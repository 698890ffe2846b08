#include "model_spec.h"

#include "errors.h"

namespace headroom {
namespace {

// Bounds well beyond any published model; past them a number is a typo, not a model.
constexpr std::int64_t kMaxDim = 1'000'000;
constexpr std::int64_t kMaxLayers = 10'000;
constexpr std::int64_t kMaxVocab = 10'000'000;
constexpr std::int64_t kMaxContext = 1'000'000'000;

void require_range(std::int64_t value, std::int64_t lo, std::int64_t hi, const std::string& path,
                   const char* field) {
  if (value < lo || value > hi)
    throw InputError(path + "." + field, "must be between " + std::to_string(lo) + " and " +
                                             std::to_string(hi) + " (got " + std::to_string(value) + ")");
}

}  // namespace

void validate(const ModelSpec& s, const std::string& path) {
  require_range(s.hidden_size, 1, kMaxDim, path, "hidden_size");
  require_range(s.num_hidden_layers, 1, kMaxLayers, path, "num_hidden_layers");
  require_range(s.num_attention_heads, 1, kMaxDim, path, "num_attention_heads");
  require_range(s.num_key_value_heads, 1, s.num_attention_heads, path, "num_key_value_heads");
  require_range(s.head_dim, 1, kMaxDim, path, "head_dim");
  require_range(s.intermediate_size, 1, kMaxDim * 10, path, "intermediate_size");
  require_range(s.vocab_size, 1, kMaxVocab, path, "vocab_size");
  require_range(s.max_position_embeddings, 1, kMaxContext, path, "max_position_embeddings");
  if (s.is_moe()) {
    require_range(s.num_experts, 1, 100'000, path, "num_experts");
    require_range(s.num_experts_per_tok, 1, s.num_experts, path, "num_experts_per_tok");
    require_range(s.moe_intermediate_size, 1, kMaxDim * 10, path, "moe_intermediate_size");
    require_range(s.first_k_dense_replace, 0, s.num_hidden_layers, path, "first_k_dense_replace");
  } else if (s.num_experts_per_tok != 0) {
    throw InputError(path + ".num_experts_per_tok", "is set but the model has no experts (num_experts is 0)");
  }
  require_range(s.shared_expert_intermediate_size, 0, kMaxDim * 10, path, "shared_expert_intermediate_size");
  if (s.num_attention_heads % s.num_key_value_heads != 0)
    throw InputError(path + ".num_key_value_heads",
                     "must divide num_attention_heads (" + std::to_string(s.num_attention_heads) + "), got " +
                         std::to_string(s.num_key_value_heads));
}

}  // namespace headroom
