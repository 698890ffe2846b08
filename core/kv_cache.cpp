#include "kv_cache.h"

#include <algorithm>

#include "units.h"

namespace headroom {
namespace {

std::int64_t pad(std::int64_t n, std::int64_t to) { return checked_mul((n + to - 1) / to, to, "context"); }

}  // namespace

KvCache kv_cache(const ModelSpec& s, const GgmlType& k_type, const GgmlType& v_type, const KvCacheRequest& r) {
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
  for (std::size_t il = 0; il < s.layers.size(); ++il) {
    std::int64_t cells = 0;
    switch (s.layers[il].attention) {
      case LayerAttention::full: cells = kv.cells; break;
      case LayerAttention::sliding: cells = window_cells, kv.window_cells = window_cells; break;
      default: break;  // recurrent and FFN-only layers keep no per-token cache
    }
    kv.layer_bytes[il] = checked_mul(per_cell, cells, "kv_cache");
    kv.bytes = checked_add(kv.bytes, kv.layer_bytes[il], "kv_cache");
  }
  return kv;
}

}  // namespace headroom
