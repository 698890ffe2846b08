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
// DeepSeek-V4 (src/models/deepseek4.cpp) has no full-width mask: its masks span the window, the
// ratio-4 and ratio-128 compressed entries and the indexer's keys (as many as the ratio-4 ones).
// A ratio-4 layer's lightning indexer scores every indexer key for every ubatch token; what that
// holds depends on the build (IndexerRule, engines.json). With flash attention off a compressed
// layer materialises its scores over window + compressed cells for every head, read off the
// graph and not checked against a log.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine.h"
#include "kv_cache.h"
#include "model_spec.h"

namespace headroom {

struct ComputeBuffer {
  std::int64_t layer_bytes = 0;   // on every device that runs layers
  std::int64_t output_bytes = 0;  // on the device that runs the output head (includes a layer's, and the indexer's)
  // The terms, for showing the working: layer_bytes = mask_bytes + 4 B x ubatch x layer_per_token,
  // mask_bytes = 6 B x ubatch x mask_cells (flash attention only), logits_bytes =
  // 4 B x ubatch x (n_vocab + n_embd), output_bytes = max of layer (+ indexer) and logits.
  std::int64_t ubatch = 0;
  std::int64_t layer_per_token = 0;
  std::int64_t mask_cells = 0;
  std::int64_t mask_bytes = 0;
  std::int64_t logits_bytes = 0;
  // The lightning indexer, added to the layer figure on each device that runs a ratio-4 layer:
  // indexer_bytes = ubatch x indexer_cells x indexer_cell_bytes x indexer_copies.
  std::string indexer_rule;              // IndexerRule::id; empty when the model has no indexer
  std::int64_t indexer_heads = 0;        // index_n_heads
  std::int64_t indexer_cells = 0;        // indexer keys in view: context / 4, padded like the cache
  std::int64_t indexer_cell_bytes = 0;   // per key and ubatch token: head_bytes x heads + cell_bytes
  std::int64_t indexer_copies = 0;
  std::int64_t indexer_bytes = 0;
  std::vector<bool> indexer_layers;      // per block: a ratio-4 layer

  // What one device reserves: a layer's peak (with the indexer's if it runs a ratio-4 layer), or
  // the output logits if larger and it runs the output head.
  std::int64_t bytes_for(bool holds_output, bool runs_indexer) const;
};

// indexer: the build's rule, used when the model has ratio-4 layers (nullptr: not modelled).
ComputeBuffer compute_buffer(const ModelSpec& spec, const KvCache& kv, std::int64_t n_ubatch, bool flash_attention,
                             const IndexerRule* indexer);

}  // namespace headroom
