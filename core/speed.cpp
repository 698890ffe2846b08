#include "speed.h"

#include <algorithm>
#include <cmath>

#include "attention_cost.h"

namespace headroom {
namespace {

// Weights past host RAM, coldest first: the page cache keeps what every token reads, so the
// overflow is first the embedding table (one row per token), then routed experts (each read by
// a share of tokens), and only then weights every token reads.
struct Spill {
  std::int64_t overflow = 0;
  std::int64_t experts = 0;
  std::int64_t dense = 0;
  // Bytes read from disk per step when `expert_share` of the routed experts are needed.
  std::int64_t read(double expert_share) const { return std::int64_t(double(experts) * expert_share) + dense; }
};

Spill spill_of(const PlacedDevice& d) {
  Spill s;
  if (d.spec->kind != DeviceKind::cpu) return s;
  const std::int64_t weights = d.usage.weights_bytes;
  s.overflow = std::clamp<std::int64_t>(d.usage.used_bytes - d.usage.capacity_bytes, 0, weights);
  std::int64_t rest = s.overflow - std::min(s.overflow, d.embedding_bytes);
  s.experts = std::min(rest, d.expert_bytes);
  rest -= s.experts;
  s.dense = std::min(rest, std::max<std::int64_t>(weights - d.embedding_bytes - d.expert_bytes, 0));
  return s;
}

// The GPU that takes over large matmuls of weights in host RAM: llama.cpp's scheduler offers
// such an op to the backends ahead of the CPU, the first GPU first, and ggml-cuda (and ROCm,
// built from it) accepts when the op's batch is at least op_offload_min_batch tokens. Unified
// memory has nothing to copy; without a known host link the speed is not modelled.
const PlacedDevice* op_offload_target(const Placement& p, const EngineDefaults& engine) {
  if (engine.op_offload_min_batch <= 0) return nullptr;
  for (const auto& d : p.devices) {
    if (d.spec->kind == DeviceKind::cpu) continue;
    return d.spec->kind == DeviceKind::gpu && d.spec->host_link_bytes_per_s > 0 ? &d : nullptr;
  }
  return nullptr;
}

}  // namespace

const SpeedCalibration* calibration_for(const HardwareSpec& device, const EngineDefaults& engine) {
  for (const auto& c : engine.speed) {
    if (!c.kind.empty() && c.kind != to_string(device.kind)) continue;
    if (!c.group_prefix.empty() && device.group.rfind(c.group_prefix, 0) != 0) continue;
    return &c;
  }
  return nullptr;
}

double expert_union_fraction(double fraction, std::int64_t tokens, double exponent) {
  if (fraction >= 1.0 || tokens <= 1) return std::min(fraction, 1.0);
  return 1.0 - std::pow(1.0 - fraction, std::pow(double(tokens), exponent));
}

double expert_prefill_share(const EngineDefaults& engine, double rows) {
  const double ref = engine.expert_prefill_efficiency;
  if (engine.expert_prefill_tokens <= 0 || ref >= 1.0 || rows <= 0) return ref;
  const double t0 = engine.expert_prefill_tokens * (1.0 / ref - 1.0);
  return rows / (rows + t0);
}

Speed estimate_speed(const Placement& placement, const ModelSpec& s, const SpeedQuery& q, const EngineDefaults& engine) {
  Speed out;
  const std::int64_t batch = std::max<std::int64_t>(q.concurrency, 1);
  const double f = q.expert_read_fraction;
  const double batch_union = expert_union_fraction(f, batch, engine.expert_batch_exponent);
  const std::int64_t prompt_ubatch = std::min(q.n_ubatch, std::max<std::int64_t>(q.prompt_tokens, 1));
  const double ubatch_union = expert_union_fraction(f, prompt_ubatch, engine.expert_batch_exponent);
  // Rows each routed expert gets per ubatch: the ubatch's tokens x the share of experts each picks.
  const double context_share = expert_prefill_share(engine, double(std::min(q.n_ubatch, std::max<std::int64_t>(q.context, 1))) * f);
  const double prompt_share = expert_prefill_share(engine, double(prompt_ubatch) * f);
  const double ubatches = std::ceil(double(q.prompt_tokens) / double(std::max<std::int64_t>(q.n_ubatch, 1)));
  const std::int64_t context_ubatch = std::min(q.n_ubatch, std::max<std::int64_t>(q.context, 1));
  const PlacedDevice* gpu = op_offload_target(placement, engine);
  const SpeedCalibration* gpu_calibration = gpu ? calibration_for(*gpu->spec, engine) : nullptr;
  double decode_s = 0, prefill_s = 0, prompt_s = 0, memory_s = 0, compute_s = 0;
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
    const double overhead_s = double(ds.layers) * ds.layer_overhead_s;
    // Bytes past host RAM come from disk; without a disk speed they stay at RAM speed.
    const Spill spill = q.disk_bandwidth_bytes_per_s > 0 ? spill_of(d) : Spill{};
    ds.ram_overflow_bytes = spill.overflow;
    ds.disk_bandwidth_bytes_per_s = spill.overflow > 0 ? q.disk_bandwidth_bytes_per_s : 0;
    ds.disk_read_bytes = std::min(spill.read(f), d.decode_read_bytes);
    auto read_s = [&](std::int64_t bytes, std::int64_t from_disk) {
      return double(bytes - from_disk) / bandwidth + (from_disk > 0 ? double(from_disk) / q.disk_bandwidth_bytes_per_s : 0.0);
    };
    ds.decode_s = read_s(d.decode_read_bytes, ds.disk_read_bytes) + overhead_s;
    decode_s += ds.decode_s;
    out.reads_disk = out.reads_disk || ds.disk_read_bytes > 0;

    // Prompt processing. Routed experts each see a slice of the batch: their kernels reach a
    // lower share of the peak.
    // The expert FLOPs are counted at the dense rate: divided by their share of it.
    const double dense = double(d.matmul_params - d.expert_params);
    auto matmul_flops = [&](double expert_share) { return 2.0 * (dense + double(d.expert_params) / expert_share); };
    ds.fp16_flops = d.spec->fp16_flops;
    ds.compute_share = c ? c->prefill_compute : 1.0;
    const double own_compute = ds.fp16_flops * ds.compute_share;
    // Host-RAM weights go to the GPU for ubatches it accepts. The copy and the GPU's matmuls run
    // one after the other (the scheduler copies a split's inputs on the GPU's stream before
    // computing it), so their times add. The embedding table stays: a row lookup is not offered.
    const bool host_weights = gpu != nullptr && d.spec->kind == DeviceKind::cpu;
    auto offloads = [&](std::int64_t tokens) { return host_weights && tokens >= engine.op_offload_min_batch; };
    const std::int64_t dense_bytes = std::max<std::int64_t>(d.usage.weights_bytes - d.embedding_bytes - d.expert_bytes, 0);
    auto copied = [&](std::int64_t tokens) {
      const double used = expert_union_fraction(f, tokens, engine.expert_batch_exponent);
      return dense_bytes + std::int64_t(double(d.expert_bytes) * used);
    };
    double gpu_compute = own_compute;
    if (host_weights) {
      ds.offload_to = gpu->usage.name;
      ds.host_link_bytes_per_s = double(gpu->spec->host_link_bytes_per_s);
      gpu_compute = gpu->spec->fp16_flops * (gpu_calibration ? gpu_calibration->prefill_compute : 1.0);
      out.calibrated = out.calibrated && gpu_calibration != nullptr;
    }
    // Attention over the prompt so far: on average half of it, within each layer's reach.
    ds.attention_flops_per_token = mean_attention_flops(s, d.blocks, double(q.context), q.kernels) * d.head_share;
    ds.flops_per_token = matmul_flops(context_share) + ds.attention_flops_per_token;
    if (offloads(context_ubatch)) {
      ds.ubatch_tokens = context_ubatch;
      ds.copy_bytes = copied(context_ubatch);
      ds.copy_s = double(ds.copy_bytes) / ds.host_link_bytes_per_s / double(context_ubatch);
    }
    const double context_compute = offloads(context_ubatch) ? gpu_compute : own_compute;
    ds.prefill_s = ds.flops_per_token / context_compute + ds.copy_s;
    prefill_s += ds.prefill_s;
    ds.prompt_attention_flops_per_token = mean_attention_flops(s, d.blocks, double(q.prompt_tokens), q.kernels) * d.head_share;
    ds.prompt_flops_per_token = matmul_flops(prompt_share) + ds.prompt_attention_flops_per_token;
    const double prompt_compute = offloads(prompt_ubatch) ? gpu_compute : own_compute;
    ds.prompt_prefill_s = ds.prompt_flops_per_token / prompt_compute;
    if (offloads(prompt_ubatch)) {
      ds.prompt_copy_bytes = copied(prompt_ubatch);
      ds.prompt_copy_s = ubatches * double(ds.prompt_copy_bytes) / ds.host_link_bytes_per_s;
    }
    if (offloads(context_ubatch) || offloads(prompt_ubatch)) {
      ds.fp16_flops = gpu->spec->fp16_flops;
      ds.compute_share = gpu_calibration ? gpu_calibration->prefill_compute : 1.0;
    }
    if (spill.overflow > 0) ds.prompt_disk_s = ubatches * double(spill.read(ubatch_union)) / q.disk_bandwidth_bytes_per_s;
    prompt_s += double(q.prompt_tokens) * ds.prompt_prefill_s + ds.prompt_disk_s + ds.prompt_copy_s;

    // Batch decode: the weights once (routed experts: those any sequence picked), every
    // sequence's KV, and every sequence's matmuls. The first sequence's matmuls are inside the
    // calibrated decode time, so only the others add compute.
    const std::int64_t weights_read = d.decode_read_bytes - d.kv_read_bytes;
    const std::int64_t kv_read =
        std::int64_t(double(d.kv_read_bytes) * double(batch) / double(std::max<std::int64_t>(q.kv_sequences, 1)));
    const auto extra_experts = std::int64_t(double(d.expert_bytes) * (batch_union - std::min(f, 1.0)));
    ds.batch_read_bytes = weights_read + extra_experts + kv_read;
    const std::int64_t batch_disk = std::min(spill.read(batch_union), ds.batch_read_bytes);
    const double token_flops = 2.0 * double(d.matmul_params) + attention_flops_at(s, d.blocks, double(q.context), q.kernels) * d.head_share;
    ds.batch_flops = double(batch) * token_flops;
    const double device_memory_s = read_s(ds.batch_read_bytes, batch_disk) + overhead_s;
    const double device_compute_s = double(batch - 1) * token_flops / own_compute;
    ds.batch_step_s = device_memory_s + device_compute_s;
    memory_s += device_memory_s;
    compute_s += device_compute_s;
    out.devices.push_back(std::move(ds));
  }
  // Hand-overs between devices: every step pays each hop's latency; bytes grow with the tokens.
  double transfer_s = 0;
  for (const TokenTransfer& t : q.transfers) {
    decode_s += t.decode_s;
    prefill_s += t.prefill_s;
    prompt_s += double(q.prompt_tokens) * t.prefill_s;
    transfer_s += double(t.hops) * (t.latency_s + double(batch) * double(t.bytes_per_hop) / t.bandwidth_bytes_per_s);
  }
  out.transfers = q.transfers;
  if (decode_s > 0) out.decode_tokens_per_s = 1.0 / decode_s;
  if (prefill_s > 0) out.prefill_tokens_per_s = 1.0 / prefill_s;
  out.first_token.prompt_tokens = q.prompt_tokens;
  if (prompt_s > 0 && decode_s > 0) {
    out.first_token.prefill_tokens_per_s = double(q.prompt_tokens) / prompt_s;
    out.first_token.seconds = prompt_s + decode_s;
  }
  out.batch.concurrency = batch;
  out.batch.expert_union_fraction = batch_union;
  if (memory_s + compute_s > 0) {
    out.batch.per_sequence_tokens_per_s = 1.0 / (memory_s + compute_s + transfer_s);
    out.batch.aggregate_tokens_per_s = double(batch) * out.batch.per_sequence_tokens_per_s;
    out.batch.compute_bound = compute_s > memory_s;
  }
  return out;
}

}  // namespace headroom
