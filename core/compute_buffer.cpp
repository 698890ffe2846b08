#include "compute_buffer.h"

#include <algorithm>

#include "units.h"

namespace headroom {

ComputeBuffer compute_buffer(const ModelSpec& s, std::int64_t cells, std::int64_t n_ubatch, bool flash_attention) {
  constexpr std::int64_t f32 = 4;
  const std::int64_t ub = std::min(n_ubatch, cells);
  const std::int64_t per_token =
      flash_attention
          ? cells / 2 + 2 * s.intermediate_size + 2 * s.hidden_size
          : checked_add(checked_mul(cells, s.num_attention_heads + 1, "context"), 4 * s.hidden_size, "context");
  ComputeBuffer cb;
  cb.layer_bytes = checked_mul(f32 * ub, per_token, "context");
  const std::int64_t logits = f32 * ub * (s.vocab_size + s.hidden_size);
  cb.output_bytes = std::max(cb.layer_bytes, logits);
  cb.ubatch = ub;
  cb.layer_per_token = per_token;
  cb.logits_bytes = logits;
  return cb;
}

}  // namespace headroom
