#include "transformers_layout.h"

#include <algorithm>

#include "units.h"

namespace headroom {
namespace {

// Transformers' DeepSeek attention caches per-head keys (qk_nope + qk_rope) and values (v_head):
// the same bytes as a plain cache with every head a KV head of their mean width.
ModelSpec as_cached(const ModelSpec& s) {
  if (!s.is_mla()) return s;
  ModelSpec plain = s;
  plain.kv_lora_rank = 0;
  plain.num_key_value_heads = s.num_attention_heads;
  plain.head_dim = (s.qk_nope_head_dim + s.qk_rope_head_dim + s.v_head_dim) / 2;
  return plain;
}

}  // namespace

TransformersLayout transformers_layout(const TransformersRequest& r) {
  const TransformersDefaults& d = r.defaults;
  const ModelSpec cached = as_cached(r.spec);
  TransformersLayout t;
  t.prompt_tokens = std::clamp<std::int64_t>(r.prompt_tokens, 1, std::max<std::int64_t>(r.context, 1));
  const std::int64_t seqs = std::max<std::int64_t>(r.sequences, 1);
  // No padding (padding 1); a window holds at most itself (n_ubatch 0).
  t.kv = kv_cache(cached, r.kv_type, r.kv_type, {r.context, seqs, 1, 0});
  t.kv_prompt_bytes = kv_cache(cached, r.kv_type, r.kv_type, {t.prompt_tokens, seqs, 1, 0}).bytes;

  const std::int64_t prompt = checked_mul(t.prompt_tokens, seqs, "sequences");
  const double act = d.prefill_hidden_factor * double(r.spec.hidden_size) * double(d.activation_dtype_bytes);
  const std::int64_t logits = checked_mul(seqs, checked_mul(r.spec.vocab_size, d.activation_dtype_bytes + d.logits_dtype_bytes,
                                                            "vocab_size"), "sequences");
  t.prefill_bytes = checked_add(std::int64_t(act * double(prompt)), logits, "context");
  // A sliding-window layer hands its attention the whole prompt's keys and values before it trims
  // them to the window: one layer's worth, for a moment.
  const bool sliding = std::any_of(r.spec.layers.begin(), r.spec.layers.end(),
                                   [](const LayerSpec& l) { return l.attention == LayerAttention::sliding; });
  if (sliding && t.prompt_tokens > r.spec.sliding_window) {
    const std::int64_t row = tensor_bytes(r.kv_type, cached.num_key_value_heads * cached.head_dim, 1);
    t.prefill_bytes = checked_add(t.prefill_bytes, checked_mul(2 * row, prompt, "context"), "context");
  }
  std::int64_t largest_layer = 0;
  for (std::int64_t b : t.kv.layer_bytes) largest_layer = std::max(largest_layer, b);
  t.decode_bytes = checked_add(largest_layer / 2, logits, "context");  // K, then V, each copied once
  t.cublas_workspace_bytes = d.cublas_workspace_bytes;

  const std::int64_t at_prefill = checked_add(t.kv_prompt_bytes, t.prefill_bytes, "context");
  const std::int64_t at_end = checked_add(t.kv.bytes, t.decode_bytes, "context");
  t.prefill_peak = at_prefill > at_end;
  t.working_bytes = std::max(at_prefill, at_end) - t.kv.bytes + t.cublas_workspace_bytes;

  if (r.spec.is_mla())
    t.notes.push_back("MLA in Transformers: the cache holds every head's decompressed keys and values (" +
                      std::to_string(cached.num_key_value_heads) + " heads), not the latent llama.cpp, vLLM and "
                      "mlx-lm keep: many times larger.");
  bool recurrent = false;
  for (const auto& l : r.spec.layers)
    recurrent = recurrent || l.attention == LayerAttention::linear || l.attention == LayerAttention::ssm ||
                l.attention == LayerAttention::conv;
  if (recurrent)
    t.notes.push_back("Linear-attention and state-space layers: their state is counted in F32 as llama.cpp keeps it; "
                      "Transformers' own cache classes for them are not checked.");
  return t;
}

}  // namespace headroom
