// KV cache size, llama.cpp's way: one K and one V row per layer and cache cell, each row
// n_kv_heads x head_dim elements stored in the cache type's blocks, for context x sequences
// cells rounded up to the engine's padding.
#pragma once

#include <cstdint>

#include "model_spec.h"
#include "quant.h"

namespace headroom {

struct KvCache {
  std::int64_t cells = 0;            // tokens the cache holds, after padding
  std::int64_t bytes_per_layer = 0;  // all cells of one layer, K and V
  std::int64_t bytes = 0;            // all layers
};

KvCache kv_cache(const ModelSpec& spec, const GgmlType& k_type, const GgmlType& v_type, std::int64_t context,
                 std::int64_t sequences, std::int64_t padding);

}  // namespace headroom
