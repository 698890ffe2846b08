#include "placement.h"

#include <algorithm>

#include "units.h"

namespace headroom {
namespace {

bool is_accelerator(const HardwareSpec& h) { return h.kind != DeviceKind::cpu; }

// Device index for block `il` of the `n_gpu` offloaded blocks: llama.cpp's cumulative split by memory.
std::size_t accelerator_for(std::int64_t k, std::int64_t n_gpu, const std::vector<std::size_t>& accel,
                            const std::vector<HardwareSpec>& devices) {
  std::int64_t total = 0;
  for (auto i : accel) total += devices[i].memory_bytes / kMiB;
  std::int64_t cumulative = 0;
  for (std::size_t j = 0; j < accel.size(); ++j) {
    cumulative += devices[accel[j]].memory_bytes / kMiB;
    if (double(k) / double(n_gpu) < double(cumulative) / double(total)) return accel[j];
  }
  return accel.back();
}

Placement place_with(const PlacementInput& in, std::int64_t n_gpu, const std::vector<std::size_t>& accel,
                     std::ptrdiff_t host) {
  const auto n_layers = std::int64_t(in.weights.layer_bytes.size());
  Placement p;
  p.gpu_layers = n_gpu;
  for (const auto& spec : in.devices) {
    PlacedDevice d;
    d.spec = spec;
    d.usage.name = spec.name;
    d.usage.kind = spec.kind;
    d.usage.capacity_bytes = spec.memory_bytes;
    p.devices.push_back(std::move(d));
  }
  auto layer_device = [&](std::int64_t il) -> std::ptrdiff_t {
    const std::int64_t gpu_start = n_layers - n_gpu;
    if (il >= gpu_start && !accel.empty()) return std::ptrdiff_t(accelerator_for(il - gpu_start, n_gpu, accel, in.devices));
    return host;
  };
  for (std::int64_t il = 0; il < n_layers; ++il) {
    const std::ptrdiff_t di = layer_device(il);
    if (di < 0) continue;
    auto& d = p.devices[std::size_t(di)];
    d.usage.weights_bytes = checked_add(d.usage.weights_bytes, in.weights.layer_bytes[std::size_t(il)], "weights");
    d.usage.kv_cache_bytes = checked_add(d.usage.kv_cache_bytes, in.kv.layer_bytes[std::size_t(il)], "kv_cache");
    d.usage.layers += 1;
    d.expert_bytes += in.weights.layer_expert_bytes[std::size_t(il)];
    d.matmul_params += in.weights.layer_params[std::size_t(il)];
    d.attention_layers += 1;
  }
  // The output head follows the last block onto the GPU only when all blocks are offloaded.
  std::ptrdiff_t out_dev = n_gpu >= n_layers && !accel.empty() ? std::ptrdiff_t(accel.back()) : host;
  if (out_dev < 0 && !accel.empty()) out_dev = std::ptrdiff_t(accel.back());
  if (out_dev >= 0) {
    auto& d = p.devices[std::size_t(out_dev)];
    d.usage.weights_bytes = checked_add(d.usage.weights_bytes, in.weights.output_bytes, "weights");
    d.matmul_params += in.weights.output_params;
    d.holds_output = true;
  }
  if (host >= 0) {
    auto& d = p.devices[std::size_t(host)];
    d.usage.weights_bytes = checked_add(d.usage.weights_bytes, in.weights.embedding_bytes, "weights");
    d.holds_embedding = true;
  } else if (!in.devices.empty()) {
    p.host_ram_only_bytes = in.weights.embedding_bytes;
  }
  for (auto& d : p.devices) {
    const bool busy = d.usage.layers > 0 || d.holds_output;
    if (busy) d.usage.compute_buffer_bytes = d.holds_output ? in.compute.output_bytes : in.compute.layer_bytes;
    if (busy || d.usage.weights_bytes > 0)
      d.usage.overhead_bytes =
          is_accelerator(d.spec) ? in.engine.gpu_runtime_overhead_bytes : in.engine.cpu_runtime_overhead_bytes;
    // A token reads every weight it multiplies (the embedding table only one row, of the routed
    // experts only the chosen few) and the whole KV cache.
    const std::int64_t embedding_here = d.holds_embedding ? in.weights.embedding_bytes : 0;
    const auto idle_experts = std::int64_t(double(d.expert_bytes) * (1.0 - in.weights.expert_read_fraction));
    d.decode_read_bytes = d.usage.weights_bytes - embedding_here - idle_experts + d.usage.kv_cache_bytes;
    d.usage.used_bytes = d.usage.weights_bytes + d.usage.kv_cache_bytes + d.usage.compute_buffer_bytes +
                         d.usage.overhead_bytes;
    d.usage.fits = d.usage.used_bytes <= d.usage.capacity_bytes;
  }
  return p;
}

bool accelerators_fit(const Placement& p, const std::vector<std::size_t>& accel) {
  for (auto i : accel)
    if (!p.devices[i].usage.fits) return false;
  return true;
}

}  // namespace

Placement place(const PlacementInput& in) {
  const auto n_layers = std::int64_t(in.weights.layer_bytes.size());
  std::vector<std::size_t> accel;
  std::ptrdiff_t host = -1;
  for (std::size_t i = 0; i < in.devices.size(); ++i) {
    if (is_accelerator(in.devices[i])) accel.push_back(i);
    else if (host < 0) host = std::ptrdiff_t(i);
  }
  if (accel.empty()) return place_with(in, 0, accel, host);

  std::int64_t n_gpu = n_layers;
  std::vector<std::string> notes;
  switch (in.offload.mode) {
    case OffloadMode::gpu_only:
      break;
    case OffloadMode::layers:
      n_gpu = std::clamp<std::int64_t>(in.offload.gpu_layers, 0, n_layers);
      if (host < 0 && n_gpu < n_layers) {
        notes.push_back("Offloading fewer layers needs a CPU device for the rest: add one to the hardware.");
        n_gpu = n_layers;
      }
      break;
    case OffloadMode::experts_to_cpu:
      notes.push_back("This model has no experts to move to the CPU: placed as GPU-only.");
      break;
    case OffloadMode::automatic:
      if (host >= 0) {  // as many blocks on the GPUs as fit, the rest on the CPU
        while (n_gpu > 0 && !accelerators_fit(place_with(in, n_gpu, accel, host), accel)) --n_gpu;
      }
      break;
  }
  Placement p = place_with(in, n_gpu, accel, host);
  p.notes.insert(p.notes.end(), notes.begin(), notes.end());
  return p;
}

}  // namespace headroom
