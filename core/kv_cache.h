// KV cache size, llama.cpp's way. Per layer and cache cell: one K and one V row of
// n_kv_heads x head_dim elements in the cache type's blocks; MLA stores only K, the compressed
// latent plus the rope part (kv_lora_rank + qk_rope_head_dim), as llama.cpp does since PR #19067.
// Full-attention layers hold context x sequences cells rounded up to the engine's padding;
// sliding-window layers hold min(that, window x sequences + n_ubatch), padded the same way
// (src/llama-kv-cache-iswa.cpp). DeepSeek-V4's compressed layers follow llama_kv_cache_dsv4
// (see compressed_layer_bytes in kv_cache.cpp). Linear-attention and Mamba-2 layers keep a fixed
// F32 state per sequence (recurrent_state_bytes).
#pragma once

#include <cstdint>
#include <vector>

#include "model_spec.h"
#include "quant.h"

namespace headroom {

struct KvCache {
  std::int64_t cells = 0;         // full-attention cells, after padding
  std::int64_t window_cells = 0;  // sliding-window cells, 0 when no layer slides
  // DeepSeek-V4, per sequence: compressed entries of the ratio-4 (CSA) layers, each with an
  // indexer key too, and of the ratio-128 (HCA) layers; 0 when the model has no such layer.
  std::int64_t csa_cells = 0;
  std::int64_t hca_cells = 0;
  std::vector<std::int64_t> layer_bytes;  // K and V of each layer
  std::int64_t bytes = 0;                 // all layers
};

struct KvCacheRequest {
  std::int64_t context = 0;  // tokens per sequence
  std::int64_t sequences = 1;
  std::int64_t padding = 256;
  std::int64_t n_ubatch = 512;
};

KvCache kv_cache(const ModelSpec& spec, const StorageType& k_type, const StorageType& v_type, const KvCacheRequest& request);

}  // namespace headroom
