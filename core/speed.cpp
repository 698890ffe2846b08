#include "speed.h"

namespace headroom {

const SpeedCalibration* calibration_for(const HardwareSpec& device, const EngineDefaults& engine) {
  for (const auto& c : engine.speed) {
    if (!c.kind.empty() && c.kind != to_string(device.kind)) continue;
    if (!c.group_prefix.empty() && device.group.rfind(c.group_prefix, 0) != 0) continue;
    return &c;
  }
  return nullptr;
}

Speed estimate_speed(const Placement& placement, const ModelSpec& s, std::int64_t context, const EngineDefaults& engine) {
  Speed out;
  double decode_s = 0, prefill_s = 0;
  // Attention over a prompt of n tokens: QK^T and AV, 2 FLOPs each per head dim, on n/2 keys on average.
  const double attention_flops_per_layer = 4.0 * double(s.num_attention_heads * s.head_dim) * double(context) / 2.0;
  for (const auto& d : placement.devices) {
    if (d.decode_read_bytes <= 0 && d.matmul_params <= 0) continue;
    const SpeedCalibration* c = calibration_for(*d.spec, engine);
    out.calibrated = out.calibrated && c != nullptr;
    DeviceSpeed ds;
    ds.name = d.usage.name;
    ds.calibrated = c != nullptr;
    ds.read_bytes = d.decode_read_bytes;
    ds.bandwidth_bytes_per_s = double(d.spec->bandwidth_bytes_per_s);
    ds.bandwidth_share = c ? c->decode_bandwidth : 1.0;
    ds.layers = d.usage.layers;
    ds.layer_overhead_s = c ? c->layer_overhead_s : 0.0;
    const double bandwidth = ds.bandwidth_bytes_per_s * ds.bandwidth_share;
    ds.decode_s = double(d.decode_read_bytes) / bandwidth + double(ds.layers) * ds.layer_overhead_s;
    decode_s += ds.decode_s;
    // Routed experts each see a slice of the batch: their kernels reach a lower share of the peak.
    const double dense = double(d.matmul_params - d.expert_params);
    ds.flops_per_token = 2.0 * (dense + double(d.expert_params) / engine.expert_prefill_efficiency) +
                         attention_flops_per_layer * double(d.attention_layers);
    ds.fp16_flops = d.spec->fp16_flops;
    ds.compute_share = c ? c->prefill_compute : 1.0;
    ds.prefill_s = ds.flops_per_token / (ds.fp16_flops * ds.compute_share);
    prefill_s += ds.prefill_s;
    out.devices.push_back(std::move(ds));
  }
  if (decode_s > 0) out.decode_tokens_per_s = 1.0 / decode_s;
  if (prefill_s > 0) out.prefill_tokens_per_s = 1.0 / prefill_s;
  return out;
}

}  // namespace headroom
