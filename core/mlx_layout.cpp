#include "mlx_layout.h"

#include <algorithm>
#include <cmath>

#include "units.h"

namespace headroom {
namespace {

// FFN width one token passes through (the widest block's): MoE tokens run their routed experts
// and the shared ones (SwitchGLU gathers each token's experts).
std::int64_t ffn_width(const ModelSpec& s) {
  std::int64_t dense = 0, moe = 0;
  for (const auto& l : s.layers) {
    if (l.ffn == LayerFfn::dense) dense = s.intermediate_size;
    if (l.ffn == LayerFfn::moe) moe = s.num_experts_per_tok * s.moe_intermediate_size + s.shared_expert_intermediate_size;
  }
  return std::max(dense, moe);
}

}  // namespace

MlxLayout mlx_layout(const MlxRequest& r) {
  const ModelSpec& s = r.spec;
  const MlxDefaults& d = r.defaults;
  MlxLayout m;
  m.kv_step = d.kv_step;
  m.prefill_step_size = r.prefill_step_size > 0 ? r.prefill_step_size : d.prefill_step_size;
  m.prompt_tokens = std::clamp<std::int64_t>(r.prompt_tokens, 1, std::max<std::int64_t>(r.context, 1));
  // generate_step feeds all but the last prompt token in prefill steps, then that token alone.
  // Bound: a whole step attending to every fed token (the last step may be shorter).
  const std::int64_t fed = std::max<std::int64_t>(m.prompt_tokens - 1, 1);
  m.prefill_chunk = std::min(m.prefill_step_size, fed);
  m.prefill_context = fed;

  // Full attention: the context rounded up to kv_step; a window holds itself plus the chunk being
  // concatenated in (RotatingKVCache._update_concat keeps max_size + S - 1), in the same steps.
  m.kv = kv_cache(s, r.kv_type, r.kv_type, {r.context, r.sequences, d.kv_step, m.prefill_chunk - 1});
  for (std::int64_t b : m.kv.layer_bytes) m.cache_growth_bytes = std::max(m.cache_growth_bytes, b);

  const std::int64_t seqs = std::max<std::int64_t>(r.sequences, 1);
  const std::int64_t chunk_tokens = checked_mul(m.prefill_chunk, seqs, "sequences");
  const double per_token = (d.activation_hidden_factor * double(s.hidden_size) +
                            d.activation_intermediate_factor * double(ffn_width(s))) *
                           double(d.activation_dtype_bytes);
  m.activation_bytes = std::int64_t(std::ceil(per_token * double(chunk_tokens)));

  if (s.is_mla()) {
    // deepseek_v3.py, a prefill step: pe_scores (heads x chunk x keys) and its masked copy, and
    // the latent expanded to per-head keys (qk_nope_head_dim) and values (v_head_dim).
    const std::int64_t el = d.activation_dtype_bytes;
    const std::int64_t scores = checked_mul(checked_mul(s.num_attention_heads, chunk_tokens, "context"),
                                            checked_mul(m.prefill_context, 2 * el, "context"), "context");
    const std::int64_t expanded = checked_mul(checked_mul(s.num_attention_heads, m.prefill_context, "context"),
                                              (s.qk_nope_head_dim + s.v_head_dim) * el * seqs, "context");
    m.attention_bytes = checked_add(scores, expanded, "context");
    m.notes.push_back("MLA in mlx-lm: a prefill step expands the cached latent to every head's keys and values and "
                      "materializes the rope scores (heads x step x context), which grows with the prompt.");
  }
  m.working_bytes = checked_add(checked_add(m.activation_bytes, m.cache_growth_bytes, "context"), m.attention_bytes, "context");

  bool recurrent = false, compressed = false;
  for (const auto& l : s.layers) {
    recurrent = recurrent || l.attention == LayerAttention::linear || l.attention == LayerAttention::ssm ||
                l.attention == LayerAttention::conv;
    compressed = compressed || l.attention == LayerAttention::compressed;
  }
  if (recurrent)
    m.notes.push_back("Linear-attention and state-space layers: their state (mlx-lm's ArraysCache) is counted in F32 as "
                      "llama.cpp keeps it; the chunked scan's working memory is not counted.");
  if (compressed)
    m.notes.push_back("DeepSeek-V4's compressed attention is counted in llama.cpp's cache layout; mlx-lm's is not checked.");
  return m;
}

}  // namespace headroom
