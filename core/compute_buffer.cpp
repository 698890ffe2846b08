#include "compute_buffer.h"

#include <algorithm>

#include "units.h"

namespace headroom {

ComputeBuffer compute_buffer(const ModelSpec& s, std::int64_t cells, std::int64_t window_cells, std::int64_t n_ubatch,
                             bool flash_attention) {
  constexpr std::int64_t f32 = 4, f16 = 2;
  const std::int64_t ub = std::min(n_ubatch, cells);
  std::int64_t layer = 0;
  if (flash_attention) {
    // f32 mask copies and their f16 casts, for the full and the sliding-window mask
    const std::int64_t mask_cells = checked_add(cells, window_cells, "context");
    const std::int64_t masks = checked_mul(checked_mul(f32 + f16, ub, "context"), mask_cells, "context");
    const std::int64_t ffn = f32 * ub * (2 * s.intermediate_size + 2 * s.hidden_size);
    layer = checked_add(masks, ffn, "context");
  } else {
    const std::int64_t per_token =
        checked_add(checked_mul(cells, s.num_attention_heads + 1, "context"), 4 * s.hidden_size, "context");
    layer = checked_mul(f32 * ub, per_token, "context");
  }
  ComputeBuffer cb;
  cb.layer_bytes = layer;
  const std::int64_t logits = f32 * ub * (s.vocab_size + s.hidden_size);
  cb.output_bytes = std::max(cb.layer_bytes, logits);
  return cb;
}

}  // namespace headroom
