// llama.cpp's compute buffer: the scratch memory its graph allocator reserves for one ubatch
// (ub = min(n_ubatch, n_ctx) tokens, f32 activations). The peak is the larger of one layer's
// live tensors and the output logits:
//   output:          4 B x ub x (n_vocab + n_embd)
//   layer, no FA:    4 B x ub x (n_ctx x n_head + n_ctx + 4 n_embd)  (f32 KQ scores, f32 mask)
//   layer, with FA:  ub x 6 B x (n_ctx + n_swa_ctx) + 4 B x ub x (2 n_ff + 2 n_embd)
// The KQ mask is an f32 graph input (src/llama-graph.cpp, build_attn_inp_*): the scheduler keeps
// inputs in the CPU buffer and copies them to the device (4 B per cell and token); with flash
// attention the device casts that copy to f16 (2 B more), once for the full-attention mask and
// once for the sliding-window mask (n_swa_ctx cells, 0 when no layer slides).
// Checked against logs: the no-FA terms reproduce Llama-3-8B exactly (258.50 MiB at n_ctx 512,
// 560.00 at 8192, 8480 at 131072: tests/unit/test_memory.cpp) and Qwen3-30B-A3B and Llama-3.1-70B
// within 1%; the FA terms reproduce gpt-oss-20b on Metal (builds 7217-8198) within 3%: 256 more
// sliding-window cells add the predicted 0.75 MiB, the remainder is the FFN term, which is
// approximate (tests/reference/llama_cpp_logs.json).
// Builds from late May 2026 on reserve less: the mask directly in f16 (ggml-org/llama.cpp#23764)
// and, in llama-server, logits for one output per sequence (#23861). For those the FA estimate is
// an upper bound until a log of such a build is checked.
#pragma once

#include <cstdint>

#include "model_spec.h"

namespace headroom {

struct ComputeBuffer {
  std::int64_t layer_bytes = 0;   // on every device that runs layers
  std::int64_t output_bytes = 0;  // on the device that runs the output head (includes a layer's)
  // The terms, for showing the working: layer_bytes = mask_bytes + 4 B x ubatch x layer_per_token,
  // mask_bytes = 6 B x ubatch x mask_cells (flash attention only), logits_bytes =
  // 4 B x ubatch x (n_vocab + n_embd), output_bytes = max of layer and logits.
  std::int64_t ubatch = 0;
  std::int64_t layer_per_token = 0;
  std::int64_t mask_cells = 0;
  std::int64_t mask_bytes = 0;
  std::int64_t logits_bytes = 0;
};

// cells: the full-attention cache cells; window_cells: the sliding-window cache cells (0: none).
ComputeBuffer compute_buffer(const ModelSpec& spec, std::int64_t cells, std::int64_t window_cells, std::int64_t n_ubatch,
                             bool flash_attention);

}  // namespace headroom
