#include "attention_cost.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace headroom {
namespace {

// FLOPs per attended key and query token, all heads.
double flops_per_key(const ModelSpec& s, bool mla_absorbed) {
  const double heads = double(s.num_attention_heads);
  if (s.is_mla() && mla_absorbed) return 2.0 * heads * double(2 * s.kv_lora_rank + s.qk_rope_head_dim);
  if (s.is_mla()) return 2.0 * heads * double(s.qk_nope_head_dim + s.qk_rope_head_dim + s.v_head_dim);
  return 4.0 * heads * double(s.head_dim);  // DeepSeek-V4 too: one shared K=V head of head_dim
}

// The mean of min(p, cap) for p uniform over [0, n]: n/2 up to the cap, then the cap less the
// ramp's shortfall.
double capped_mean(double n, double cap) {
  if (cap <= 0 || n <= cap) return n / 2.0;
  return cap - cap * cap / (2.0 * n);
}

// The mean of p mod chunk for p uniform over [0, n]: whole chunks average chunk / 2.
double chunked_mean(double n, double chunk) {
  if (n <= chunk) return n / 2.0;
  const double whole = std::floor(n / chunk) * chunk, rest = n - whole;
  return (whole * chunk / 2.0 + rest * rest / 2.0) / n;
}

// Keys attended and indexer entries scored, as a function of context: a part that grows
// without bound (`linear` per token of context) and parts capped at a number of tokens.
struct Reach {
  double window = 0;      // min(p, window) keys; 0: none
  bool chunked = false;   //   p mod window instead (Llama 4's chunks)
  double unbounded = 0;   // keys per token of context
  double topk_cap = 0;    // min(p, topk_cap) / ratio keys: the indexer's picks
  double topk_ratio = 0;
  double indexed = 0;     // indexer entries per token of context
};

Reach reach_of(const ModelSpec& s, const LayerSpec& l, bool topk_only) {
  Reach r;
  switch (l.attention) {
    case LayerAttention::full: r.unbounded = 1; break;
    case LayerAttention::sliding:
      r.window = double(s.sliding_window);
      r.chunked = s.chunked_window;
      break;
    case LayerAttention::compressed:
      r.window = double(s.sliding_window);
      if (l.compress_ratio == 4) {
        const double ratio = double(l.compress_ratio);
        if (topk_only && s.index_topk > 0) {
          r.topk_ratio = ratio;
          r.topk_cap = double(s.index_topk) * ratio;
        } else {
          r.unbounded = 1.0 / ratio;  // every entry, masked or not
        }
        r.indexed = 1.0 / ratio;
      } else if (l.compress_ratio > 0) {
        r.unbounded = 1.0 / double(l.compress_ratio);
      }
      break;
    default: break;
  }
  return r;
}

double indexer_flops_per_entry(const ModelSpec& s) { return 2.0 * double(s.index_n_heads * s.index_head_dim); }

}  // namespace

double attention_flops_at(const ModelSpec& s, const LayerSpec& l, double p, const AttentionKernels& k) {
  const Reach r = reach_of(s, l, k.sparse_topk_only);
  double keys = r.unbounded * p;
  // A chunked layer's keys run from 0 to the chunk and back: past the first chunk, its mean.
  if (r.window > 0) keys += r.chunked && p >= r.window ? r.window / 2.0 : std::min(p, r.window);
  if (r.topk_cap > 0) keys += std::min(p, r.topk_cap) / r.topk_ratio;
  return keys * flops_per_key(s, k.mla != AttentionKernels::Mla::expanded) + r.indexed * p * indexer_flops_per_entry(s);
}

double mean_attention_flops(const ModelSpec& s, const LayerSpec& l, double n, const AttentionKernels& k) {
  const Reach r = reach_of(s, l, k.sparse_topk_only);
  double keys = r.unbounded * n / 2.0;
  if (r.window > 0) keys += r.chunked ? chunked_mean(n, r.window) : capped_mean(n, r.window);
  if (r.topk_cap > 0) keys += capped_mean(n, r.topk_cap) / r.topk_ratio;
  return keys * flops_per_key(s, k.mla == AttentionKernels::Mla::absorbed) + r.indexed * n / 2.0 * indexer_flops_per_entry(s);
}

namespace {

// A model repeats a few layer kinds (DeepSeek-V4: three over 61 layers): each kind is worked
// out once per call, which keeps this off the page's per-keystroke profile.
template <class PerLayer>
double sum_by_kind(const ModelSpec& s, std::span<const std::int64_t> blocks, PerLayer per_layer) {
  struct Kind {
    LayerAttention attention;
    std::int64_t ratio;
    double flops;
  };
  Kind seen[8];
  std::size_t n_seen = 0;
  double sum = 0;
  for (const std::int64_t b : blocks) {
    const LayerSpec& l = s.layers[std::size_t(b)];
    std::size_t i = 0;
    while (i < n_seen && (seen[i].attention != l.attention || seen[i].ratio != l.compress_ratio)) ++i;
    if (i == n_seen) {
      if (n_seen == std::size(seen)) {  // more kinds than slots: no memo
        sum += per_layer(l);
        continue;
      }
      seen[n_seen++] = {l.attention, l.compress_ratio, per_layer(l)};
    }
    sum += seen[i].flops;
  }
  return sum;
}

}  // namespace

double attention_flops_at(const ModelSpec& s, std::span<const std::int64_t> blocks, double position, const AttentionKernels& k) {
  return sum_by_kind(s, blocks, [&](const LayerSpec& l) { return attention_flops_at(s, l, position, k); });
}

double mean_attention_flops(const ModelSpec& s, std::span<const std::int64_t> blocks, double tokens, const AttentionKernels& k) {
  return sum_by_kind(s, blocks, [&](const LayerSpec& l) { return mean_attention_flops(s, l, tokens, k); });
}

}  // namespace headroom
