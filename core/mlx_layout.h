// mlx-lm's memory (engine "mlx"): what mx.get_peak_memory() reports after mlx_lm.generate.
// Weights stay as stored (MLX 4/8-bit: packed values plus a scale and a bias per group of 64).
// The KV cache (mlx_lm/models/cache.py KVCache) grows in steps of 256 tokens, so a full-attention
// layer holds the context rounded up to 256; a sliding-window layer's RotatingKVCache keeps its
// window, plus the tokens of one prefill step while that step is concatenated in; MLA models
// (deepseek_v3.py) cache the latent and the rope key, kv_lora_rank + qk_rope_head_dim values.
// generate_step feeds the prompt in prefill_step_size chunks and evaluates only the cache, so the
// working set of the last (longest-context) chunk is the transient peak: its activations, one
// layer's cache copied as it grows, and for MLA the rope scores and the per-head keys and values
// mlx-lm expands from the latent for a prefill step. Values come from engines.json (MlxDefaults).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine.h"
#include "kv_cache.h"
#include "model_spec.h"
#include "quant.h"

namespace headroom {

struct MlxLayout {
  std::int64_t prefill_step_size = 0;
  std::int64_t kv_step = 0;
  std::int64_t prompt_tokens = 0;
  std::int64_t prefill_chunk = 0;         // tokens in the last prefill step
  std::int64_t prefill_context = 0;       // keys that step attends to
  KvCache kv;                             // at the context, grown in kv_step steps
  std::int64_t activation_bytes = 0;      // chunk x (hidden x a + FFN width x b) x dtype
  std::int64_t cache_growth_bytes = 0;    // the largest layer's cache, copied when it grows
  std::int64_t attention_bytes = 0;       // MLA: rope scores (and their masked copy), expanded K and V
  std::int64_t working_bytes = 0;         // the three above
  std::vector<std::string> notes;
};

struct MlxRequest {
  const ModelSpec& spec;
  const MlxDefaults& defaults;
  const StorageType& kv_type;     // the model's float type (F16 or BF16)
  std::int64_t context = 0;       // prompt + generated tokens
  std::int64_t prompt_tokens = 0;
  std::int64_t sequences = 1;
  std::int64_t prefill_step_size = 0;  // 0: the default
};

MlxLayout mlx_layout(const MlxRequest& request);

}  // namespace headroom
