// Hugging Face Transformers' memory (engine "transformers"): what torch.cuda.max_memory_allocated()
// reports after model.generate(). Weights at the checkpoint's dtype (or its GPTQ/AWQ/FP8 packing).
// The DynamicCache concatenates each step's keys and values (torch.cat), so it holds exactly the
// tokens seen, no padding; a sliding-window layer (DynamicSlidingWindowLayer) keeps its window.
// MLA models cache every head's decompressed keys and values (modeling_deepseek_v3.py), not the
// latent. The peak is the larger of the end of prefill (the prompt's cache and activations) and
// the end of generation (the whole cache and one layer's copy as torch.cat grows it), plus PyTorch's
// cuBLAS workspaces. Since Transformers 4.45 generate() computes logits for the last prompt token
// only (logits_to_keep), so a long prompt no longer costs vocab x prompt x 4 bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine.h"
#include "kv_cache.h"
#include "model_spec.h"
#include "quant.h"

namespace headroom {

struct TransformersLayout {
  std::int64_t prompt_tokens = 0;
  KvCache kv;                          // at the context (prompt + generated tokens)
  std::int64_t kv_prompt_bytes = 0;    // at the end of prefill
  std::int64_t prefill_bytes = 0;      // prompt activations and the last token's logits
  std::int64_t decode_bytes = 0;       // one layer's cache, copied as torch.cat grows it
  std::int64_t cublas_workspace_bytes = 0;
  std::int64_t working_bytes = 0;      // peak - weights - kv.bytes
  bool prefill_peak = false;           // the end of prefill is the peak
  std::vector<std::string> notes;
};

struct TransformersRequest {
  const ModelSpec& spec;
  const TransformersDefaults& defaults;
  const StorageType& kv_type;     // the model's dtype (F16 or BF16)
  std::int64_t context = 0;
  std::int64_t prompt_tokens = 0;
  std::int64_t sequences = 1;     // batch size
};

TransformersLayout transformers_layout(const TransformersRequest& request);

}  // namespace headroom
