// llama.cpp's compute buffer: the scratch memory its graph allocator reserves for one ubatch
// (ub = min(n_ubatch, n_ctx) tokens, f32 activations). The peak is the larger of one layer's
// live tensors and the output logits:
//   output:          4 B x ub x (n_vocab + n_embd)
//   layer, no FA:    4 B x ub x (n_ctx x n_head + n_ctx + 4 n_embd)  (f32 KQ scores, f32 mask)
//   layer, with FA:  4 B x ub x (n_ctx / 2 + 2 n_ff + 2 n_embd)      (f16 mask; gate and up)
// The no-FA terms reproduce llama.cpp's printed sizes for Llama-3-8B exactly (258.50 MiB at
// n_ctx 512, 560.00 MiB at 8192, 8480 MiB at 131072: tests/unit/test_memory.cpp). The FA terms
// are not yet checked against a printed log.
#pragma once

#include <cstdint>

#include "model_spec.h"

namespace headroom {

struct ComputeBuffer {
  std::int64_t layer_bytes = 0;   // on every device that runs layers
  std::int64_t output_bytes = 0;  // on the device that runs the output head (includes a layer's)
  // The terms, for showing the working: layer_bytes = 4 B x ubatch x layer_per_token,
  // logits_bytes = 4 B x ubatch x (n_vocab + n_embd), output_bytes = max of the two.
  std::int64_t ubatch = 0;
  std::int64_t layer_per_token = 0;
  std::int64_t logits_bytes = 0;
};

ComputeBuffer compute_buffer(const ModelSpec& spec, std::int64_t cells, std::int64_t n_ubatch, bool flash_attention);

}  // namespace headroom
