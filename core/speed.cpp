#include "speed.h"

namespace headroom {

Speed roofline_speed(const Placement& placement, const ModelSpec& s, std::int64_t context) {
  double decode_s = 0, prefill_s = 0;
  // Attention over a prompt of n tokens: QK^T and AV, 2 FLOPs each per head dim, on n/2 keys on average.
  const double attention_flops_per_layer = 4.0 * double(s.num_attention_heads * s.head_dim) * double(context) / 2.0;
  for (const auto& d : placement.devices) {
    if (d.decode_read_bytes <= 0 && d.matmul_params <= 0) continue;
    decode_s += double(d.decode_read_bytes) / double(d.spec.bandwidth_bytes_per_s);
    const double flops = 2.0 * double(d.matmul_params) + attention_flops_per_layer * double(d.attention_layers);
    prefill_s += flops / d.spec.fp16_flops;
  }
  Speed out;
  if (decode_s > 0) out.decode_tokens_per_s = 1.0 / decode_s;
  if (prefill_s > 0) out.prefill_tokens_per_s = 1.0 / prefill_s;
  return out;
}

}  // namespace headroom
