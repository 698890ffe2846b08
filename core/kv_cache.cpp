#include "kv_cache.h"

#include "units.h"

namespace headroom {

KvCache kv_cache(const ModelSpec& s, const GgmlType& k_type, const GgmlType& v_type, std::int64_t context,
                 std::int64_t sequences, std::int64_t padding) {
  KvCache kv;
  const std::int64_t tokens = checked_mul(context, sequences, "context");
  kv.cells = checked_mul((tokens + padding - 1) / padding, padding, "context");
  const std::int64_t row = s.num_key_value_heads * s.head_dim;  // n_embd_k_gqa == n_embd_v_gqa here
  const std::int64_t per_cell = checked_add(tensor_bytes(k_type, row, 1), tensor_bytes(v_type, row, 1), "kv_cache");
  kv.bytes_per_layer = checked_mul(per_cell, kv.cells, "kv_cache");
  kv.bytes = checked_mul(kv.bytes_per_layer, s.num_hidden_layers, "kv_cache");
  return kv;
}

}  // namespace headroom
