#include "model_spec.h"

#include "errors.h"
#include "units.h"

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

std::int64_t FileWeights::bytes() const {
  std::int64_t total = checked_add(embedding_bytes, output_bytes, "file weights");
  for (const std::int64_t b : layer_bytes) total = checked_add(total, b, "file weights");
  return total;
}

const char* to_string(LayerAttention kind) {
  switch (kind) {
    case LayerAttention::full: return "full";
    case LayerAttention::sliding: return "sliding";
    case LayerAttention::compressed: return "compressed";
    case LayerAttention::linear: return "linear";
    case LayerAttention::ssm: return "ssm";
    case LayerAttention::conv: return "conv";
    case LayerAttention::none: return "none";
  }
  return "?";
}

void resolve_layers(ModelSpec& s) {
  if (!s.layers.empty() || s.num_hidden_layers <= 0 || s.num_hidden_layers > kMaxLayers) return;
  s.layers.resize(std::size_t(s.num_hidden_layers));
  for (std::int64_t il = 0; il < s.num_hidden_layers; ++il)
    s.layers[std::size_t(il)].ffn = s.is_moe() && il >= s.first_k_dense_replace ? LayerFfn::moe : LayerFfn::dense;
}

void validate(const ModelSpec& s, const std::string& path) {
  require_range(s.hidden_size, 1, kMaxDim, path, "hidden_size");
  require_range(s.num_hidden_layers, 1, kMaxLayers, path, "num_hidden_layers");
  require_range(s.num_attention_heads, 1, kMaxDim, path, "num_attention_heads");
  require_range(s.num_key_value_heads, 1, s.num_attention_heads, path, "num_key_value_heads");
  require_range(s.head_dim, 1, kMaxDim, path, "head_dim");
  require_range(s.intermediate_size, 0, kMaxDim * 10, path, "intermediate_size");
  require_range(s.vocab_size, 1, kMaxVocab, path, "vocab_size");
  require_range(s.max_position_embeddings, 1, kMaxContext, path, "max_position_embeddings");
  require_range(s.sliding_window, 0, kMaxContext, path, "sliding_window");
  if (s.is_moe()) {
    require_range(s.num_experts, 1, 100'000, path, "num_experts");
    require_range(s.num_experts_per_tok, 1, s.num_experts, path, "num_experts_per_tok");
    require_range(s.moe_intermediate_size, 1, kMaxDim * 10, path, "moe_intermediate_size");
    require_range(s.first_k_dense_replace, 0, s.num_hidden_layers, path, "first_k_dense_replace");
  } else if (s.num_experts_per_tok != 0) {
    throw InputError(path + ".num_experts_per_tok", "is set but the model has no experts (num_experts is 0)");
  }
  require_range(s.shared_expert_intermediate_size, 0, kMaxDim * 10, path, "shared_expert_intermediate_size");
  if (s.is_mla()) {
    require_range(s.kv_lora_rank, 1, kMaxDim, path, "kv_lora_rank");
    require_range(s.q_lora_rank, 0, kMaxDim, path, "q_lora_rank");
    require_range(s.qk_rope_head_dim, 1, kMaxDim, path, "qk_rope_head_dim");
    require_range(s.qk_nope_head_dim, 1, kMaxDim, path, "qk_nope_head_dim");
    require_range(s.v_head_dim, 1, kMaxDim, path, "v_head_dim");
  }
  if (s.is_compressed_attention()) {
    require_range(s.q_lora_rank, 1, kMaxDim, path, "q_lora_rank");
    require_range(s.o_groups, 1, s.num_attention_heads, path, "o_groups");
    require_range(s.index_n_heads, 1, kMaxDim, path, "index_n_heads");
    require_range(s.index_head_dim, 1, kMaxDim, path, "index_head_dim");
    require_range(s.index_topk, 0, kMaxContext, path, "index_topk");
    require_range(s.hc_mult, 0, 64, path, "hc_mult");
    if (s.num_attention_heads * s.head_dim % s.o_groups != 0)
      throw InputError(path + ".o_groups", "must divide num_attention_heads x head_dim");
  }
  require_range(s.mtp_layers, 0, 16, path, "num_nextn_predict_layers");
  require_range(s.num_hash_layers, 0, s.num_hidden_layers, path, "num_hash_layers");
  if (s.num_attention_heads % s.num_key_value_heads != 0)
    throw InputError(path + ".num_key_value_heads",
                     "must divide num_attention_heads (" + std::to_string(s.num_attention_heads) + "), got " +
                         std::to_string(s.num_key_value_heads));
  if (std::int64_t(s.layers.size()) != s.num_hidden_layers)
    throw InputError(path + ".layer_types", "must list one entry per layer (" + std::to_string(s.num_hidden_layers) +
                                                "), got " + std::to_string(s.layers.size()));
  bool has_dense_ffn = false, has_linear = false, has_ssm = s.ssm_beside_attention, has_conv = false;
  for (std::size_t il = 0; il < s.layers.size(); ++il) {
    const LayerSpec& l = s.layers[il];
    if (l.attention == LayerAttention::compressed && !s.is_compressed_attention())
      throw InputError(path + ".o_lora_rank", "layer " + std::to_string(il) + " uses compressed attention, which needs o_lora_rank");
    if (l.attention == LayerAttention::compressed && l.compress_ratio != 0 && l.compress_ratio != 4 && l.compress_ratio != 128)
      throw InputError(path + ".compress_ratios", "layer " + std::to_string(il) + ": ratios are 0, 4 or 128 (got " +
                                                     std::to_string(l.compress_ratio) + ")");
    if ((l.attention == LayerAttention::sliding || l.attention == LayerAttention::compressed) && s.sliding_window <= 0)
      throw InputError(path + ".sliding_window", "layer " + std::to_string(il) + " uses a sliding window, but none is set");
    if (l.ffn == LayerFfn::moe && !s.is_moe())
      throw InputError(path + ".num_experts", "layer " + std::to_string(il) + " is a MoE layer, but no experts are set");
    has_dense_ffn = has_dense_ffn || l.ffn == LayerFfn::dense;
    has_linear = has_linear || l.attention == LayerAttention::linear;
    has_ssm = has_ssm || l.attention == LayerAttention::ssm;
    has_conv = has_conv || l.attention == LayerAttention::conv;
  }
  if (has_conv) require_range(s.conv_kernel, 1, 64, path, "conv_L_cache");
  if (has_linear) {
    require_range(s.linear_num_key_heads, 1, kMaxDim, path, "linear_num_key_heads");
    require_range(s.linear_num_value_heads, 1, kMaxDim, path, "linear_num_value_heads");
    require_range(s.linear_key_head_dim, 1, kMaxDim, path, "linear_key_head_dim");
    require_range(s.linear_value_head_dim, 1, kMaxDim, path, "linear_value_head_dim");
    require_range(s.conv_kernel, 1, 64, path, "linear_conv_kernel_dim");
  }
  if (has_ssm) {
    require_range(s.mamba_num_heads, 1, kMaxDim, path, "mamba_num_heads");
    require_range(s.mamba_head_dim, 1, kMaxDim, path, "mamba_head_dim");
    require_range(s.ssm_state_size, 1, kMaxDim, path, "ssm_state_size");
    require_range(s.ssm_groups, 1, kMaxDim, path, "n_groups");
    require_range(s.conv_kernel, 1, 64, path, "conv_kernel");
  }
  if (has_dense_ffn) require_range(s.intermediate_size, 1, kMaxDim * 10, path, "intermediate_size");
}

}  // namespace headroom
