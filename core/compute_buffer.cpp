#include "compute_buffer.h"

#include <algorithm>

#include "units.h"

namespace headroom {

ComputeBuffer compute_buffer(const ModelSpec& s, std::int64_t cells, std::int64_t window_cells, std::int64_t n_ubatch,
                             bool flash_attention) {
  constexpr std::int64_t f32 = 4, f16 = 2;
  ComputeBuffer cb;
  cb.ubatch = std::min(n_ubatch, cells);
  if (flash_attention) {
    // f32 mask copies and their f16 casts, for the full and the sliding-window mask, beside the
    // FFN activations (gate, up, and the hidden state in and out).
    cb.mask_cells = checked_add(cells, window_cells, "context");
    cb.mask_bytes = checked_mul(checked_mul(f32 + f16, cb.ubatch, "context"), cb.mask_cells, "context");
    cb.layer_per_token = 2 * s.intermediate_size + 2 * s.hidden_size;
  } else {
    // The attention scores of every head (plus the softmax's copy) over every cell.
    cb.layer_per_token =
        checked_add(checked_mul(cells, s.num_attention_heads + 1, "context"), 4 * s.hidden_size, "context");
  }
  cb.layer_bytes = checked_add(cb.mask_bytes, checked_mul(f32 * cb.ubatch, cb.layer_per_token, "context"), "context");
  cb.logits_bytes = f32 * cb.ubatch * (s.vocab_size + s.hidden_size);
  cb.output_bytes = std::max(cb.layer_bytes, cb.logits_bytes);
  return cb;
}

}  // namespace headroom
