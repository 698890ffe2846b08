#include "kv_cache.h"

#include <algorithm>

#include "units.h"

namespace headroom {
namespace {

std::int64_t pad(std::int64_t n, std::int64_t to) { return checked_mul((n + to - 1) / to, to, "context"); }

// DeepSeek-V4, as llama.cpp's llama_kv_cache_dsv4 stores it: K only (one head_dim-wide head),
// each sequence its own stream. Every layer keeps the last sliding_window tokens (plus a ubatch);
// a ratio-r layer also keeps ceil(n_ctx / r) compressed entries, and a ratio-4 layer the
// indexer's index_head_dim-wide keys for each of them. Each cache is padded to 256 cells.
std::int64_t compressed_layer_bytes(const ModelSpec& s, const LayerSpec& layer, const StorageType& k_type,
                                    const KvCacheRequest& r, KvCache& kv) {
  const std::int64_t ctx = pad(r.context, r.padding);
  const std::int64_t window = pad(std::min(ctx, s.sliding_window + r.n_ubatch), r.padding);
  kv.window_cells = window;
  const std::int64_t head = tensor_bytes(k_type, s.head_dim, 1);
  std::int64_t per_seq = checked_mul(window, head, "kv_cache");
  if (layer.compress_ratio > 0) {
    const std::int64_t compressed = pad((ctx + layer.compress_ratio - 1) / layer.compress_ratio, r.padding);
    per_seq = checked_add(per_seq, checked_mul(compressed, head, "kv_cache"), "kv_cache");
    (layer.compress_ratio == 4 ? kv.csa_cells : kv.hca_cells) = compressed;
    if (layer.compress_ratio == 4)
      per_seq = checked_add(per_seq, checked_mul(compressed, tensor_bytes(k_type, s.index_head_dim, 1), "kv_cache"),
                            "kv_cache");
  }
  return checked_mul(per_seq, r.sequences, "kv_cache");
}

// A recurrent layer keeps a fixed state per sequence, not per token, always in F32
// (src/llama-hparams.cpp n_embd_r/n_embd_s, src/llama-memory-recurrent.cpp):
//   conv state  (d_conv - 1) x (d_inner + 2 x n_group x d_state)
//   ssm state   d_state x d_inner
// Gated DeltaNet maps d_inner to the value width, n_group to the key heads, d_state to the key
// head width.
std::int64_t recurrent_state_bytes(const ModelSpec& s, LayerAttention kind, std::int64_t sequences) {
  std::int64_t d_inner = 0, n_group = 0, d_state = 0;
  if (kind == LayerAttention::linear) {
    d_inner = s.linear_num_value_heads * s.linear_value_head_dim;
    n_group = s.linear_num_key_heads;
    d_state = s.linear_key_head_dim;
  } else {
    d_inner = s.mamba_num_heads * s.mamba_head_dim;
    n_group = s.ssm_groups;
    d_state = s.ssm_state_size;
  }
  const std::int64_t conv = (s.conv_kernel - 1) * (d_inner + 2 * n_group * d_state);
  const std::int64_t state = d_state * d_inner;
  constexpr std::int64_t f32 = 4;
  return checked_mul(checked_mul(conv + state, f32, "kv_cache"), std::max<std::int64_t>(1, sequences), "kv_cache");
}

// LFM2's short convolution keeps the last conv_kernel - 1 inputs, F32 (n_embd_r in
// src/llama-hparams.cpp: (n_shortconv_l_cache - 1) x n_embd).
std::int64_t short_conv_state_bytes(const ModelSpec& s, std::int64_t sequences) {
  constexpr std::int64_t f32 = 4;
  return checked_mul(checked_mul((s.conv_kernel - 1) * s.hidden_size, f32, "kv_cache"), std::max<std::int64_t>(1, sequences),
                     "kv_cache");
}

}  // namespace

KvCache kv_cache(const ModelSpec& s, const StorageType& k_type, const StorageType& v_type, const KvCacheRequest& r) {
  KvCache kv;
  const std::int64_t tokens = checked_mul(r.context, r.sequences, "context");
  kv.cells = pad(tokens, r.padding);
  const std::int64_t window_tokens = checked_add(checked_mul(s.sliding_window, r.sequences, "sequences"), r.n_ubatch, "context");
  const std::int64_t window_cells = pad(std::min(kv.cells, window_tokens), r.padding);

  std::int64_t k_row = s.num_key_value_heads * s.head_dim, v_row = k_row;
  if (s.is_mla()) k_row = s.kv_lora_rank + s.qk_rope_head_dim, v_row = 0;
  const std::int64_t per_cell =
      checked_add(tensor_bytes(k_type, k_row, 1), v_row > 0 ? tensor_bytes(v_type, v_row, 1) : 0, "kv_cache");

  kv.layer_bytes.assign(s.layers.size(), 0);
  // Layers repeat a few kinds (DeepSeek-V4: three compression ratios over 61 layers); each kind's
  // size is worked out once, which spares the page hundreds of 64-bit divisions per keystroke.
  struct Kind {
    LayerAttention attention;
    std::int64_t compress_ratio;
    std::int64_t bytes;
  };
  std::vector<Kind> seen;
  for (std::size_t il = 0; il < s.layers.size(); ++il) {
    const LayerSpec& layer = s.layers[il];
    const auto same = std::find_if(seen.begin(), seen.end(), [&](const Kind& k) {
      return k.attention == layer.attention && k.compress_ratio == layer.compress_ratio;
    });
    if (same != seen.end()) {
      kv.layer_bytes[il] = same->bytes;
      kv.bytes = checked_add(kv.bytes, same->bytes, "kv_cache");
      continue;
    }
    std::int64_t bytes = 0;
    switch (layer.attention) {
      case LayerAttention::full: bytes = checked_mul(per_cell, kv.cells, "kv_cache"); break;
      case LayerAttention::conv: bytes = short_conv_state_bytes(s, r.sequences); break;
      case LayerAttention::sliding:
        kv.window_cells = window_cells;
        bytes = checked_mul(per_cell, window_cells, "kv_cache");
        break;
      case LayerAttention::compressed: bytes = compressed_layer_bytes(s, layer, k_type, r, kv); break;
      case LayerAttention::linear:
      case LayerAttention::ssm: bytes = recurrent_state_bytes(s, layer.attention, r.sequences); break;
      default: break;  // recurrent and FFN-only layers keep no per-token cache
    }
    // Falcon-H1: the Mamba-2 mixer beside attention keeps its state as well.
    if (s.ssm_beside_attention && (layer.attention == LayerAttention::full || layer.attention == LayerAttention::sliding))
      bytes = checked_add(bytes, recurrent_state_bytes(s, LayerAttention::ssm, r.sequences), "kv_cache");
    seen.push_back({layer.attention, layer.compress_ratio, bytes});
    kv.layer_bytes[il] = bytes;
    kv.bytes = checked_add(kv.bytes, bytes, "kv_cache");
  }
  return kv;
}

}  // namespace headroom
