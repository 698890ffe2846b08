#include "placement.h"

#include <algorithm>

#include "units.h"

namespace headroom {
namespace {

bool is_accelerator(const HardwareSpec& h) { return h.kind != DeviceKind::cpu; }

struct Layout {
  std::int64_t gpu_layers = 0;      // the last ones
  std::int64_t cpu_moe_layers = 0;  // the first ones' routed experts
};

struct Devices {
  std::vector<std::size_t> accel;  // GPUs and unified-memory devices, in order
  std::vector<double> accel_upto;  // each one's cumulative share of their memory, in MiB as llama.cpp counts
  std::ptrdiff_t host = -1;        // the first CPU device, -1 if none
};

// Device for offloaded block k of n: llama.cpp's cumulative split in proportion to memory.
std::size_t accelerator_for(std::int64_t k, std::int64_t n, const Devices& dev) {
  const double at = double(k) / double(n);
  for (std::size_t j = 0; j < dev.accel.size(); ++j)
    if (at < dev.accel_upto[j]) return dev.accel[j];
  return dev.accel.back();
}

void add_weights(PlacedDevice& d, std::int64_t bytes, std::int64_t params) {
  d.usage.weights_bytes = checked_add(d.usage.weights_bytes, bytes, "weights");
  d.matmul_params += params;
}

Placement place_with(const PlacementInput& in, Layout layout, const Devices& dev) {
  const auto n_layers = std::int64_t(in.weights.layer_bytes.size());
  const WeightGroups& w = in.weights;
  Placement p;
  p.gpu_layers = dev.accel.empty() ? 0 : layout.gpu_layers;
  p.cpu_moe_layers = dev.host >= 0 ? layout.cpu_moe_layers : 0;
  for (const HardwareSpec* spec_ptr : in.devices) {
    const HardwareSpec& spec = *spec_ptr;
    PlacedDevice d;
    d.spec = spec_ptr;
    d.usage.kind = spec.kind;
    // A Mac's GPU may only wire part of the machine's memory (Metal's working-set limit).
    d.usage.capacity_bytes =
        has_metal_wired_limit(spec) ? in.engine.unified_memory_limit(spec.memory_bytes) : spec.memory_bytes;
    p.devices.push_back(std::move(d));
  }
  const std::int64_t gpu_start = n_layers - p.gpu_layers;
  for (std::int64_t il = 0; il < n_layers; ++il) {
    const auto i = std::size_t(il);
    const std::ptrdiff_t di = il >= gpu_start && !dev.accel.empty()
                                  ? std::ptrdiff_t(accelerator_for(il - gpu_start, p.gpu_layers, dev))
                                  : dev.host;
    if (di < 0) continue;
    auto& d = p.devices[std::size_t(di)];
    const bool experts_to_host = il < p.cpu_moe_layers && di != dev.host && w.layer_expert_bytes[i] > 0;
    const std::int64_t moved_bytes = experts_to_host ? w.layer_expert_bytes[i] : 0;
    const std::int64_t moved_params = experts_to_host ? w.layer_expert_params[i] : 0;
    add_weights(d, w.layer_bytes[i] - moved_bytes, w.layer_params[i] - moved_params);
    d.expert_bytes += w.layer_expert_bytes[i] - moved_bytes;
    d.expert_params += w.layer_expert_params[i] - moved_params;
    d.usage.kv_cache_bytes = checked_add(d.usage.kv_cache_bytes, in.kv.layer_bytes[i], "kv_cache");
    d.usage.layers += 1;
    d.blocks.push_back(il);
    if (i < in.compute.indexer_layers.size() && in.compute.indexer_layers[i]) d.runs_indexer = true;
    if (experts_to_host) {
      auto& h = p.devices[std::size_t(dev.host)];
      add_weights(h, moved_bytes, moved_params);
      h.expert_bytes += moved_bytes;
      h.expert_params += moved_params;
    }
  }
  // The output head follows the last block onto a GPU only when every block is offloaded.
  std::ptrdiff_t out_dev = p.gpu_layers >= n_layers && !dev.accel.empty() ? std::ptrdiff_t(dev.accel.back()) : dev.host;
  if (out_dev < 0 && !dev.accel.empty()) out_dev = std::ptrdiff_t(dev.accel.back());
  if (out_dev >= 0) {
    add_weights(p.devices[std::size_t(out_dev)], w.output_bytes, w.output_params);
    p.devices[std::size_t(out_dev)].holds_output = true;
  }
  if (dev.host >= 0) {
    add_weights(p.devices[std::size_t(dev.host)], w.embedding_bytes, 0);
    p.devices[std::size_t(dev.host)].holds_embedding = true;
  } else if (!in.devices.empty()) {
    p.host_ram_only_bytes = w.embedding_bytes;
  }
  for (auto& d : p.devices) {
    const bool runs_blocks = d.usage.layers > 0 || d.holds_output || d.expert_bytes > 0;
    if (runs_blocks) d.usage.compute_buffer_bytes = in.compute.bytes_for(d.holds_output, d.runs_indexer);
    if (runs_blocks || d.usage.weights_bytes > 0)
      d.usage.overhead_bytes =
          is_accelerator(*d.spec) ? in.engine.gpu_runtime_overhead_bytes : in.engine.cpu_runtime_overhead_bytes;
    // A token reads every weight it multiplies (the embedding table only one row, of the routed
    // experts only the chosen few) and the whole KV cache.
    const std::int64_t embedding_here = d.holds_embedding ? w.embedding_bytes : 0;
    const auto idle_experts = std::int64_t(double(d.expert_bytes) * (1.0 - w.expert_read_fraction));
    d.embedding_bytes = embedding_here;
    d.kv_read_bytes = d.usage.kv_cache_bytes;
    d.decode_read_bytes = d.usage.weights_bytes - embedding_here - idle_experts + d.kv_read_bytes;
    d.usage.used_bytes =
        d.usage.weights_bytes + d.usage.kv_cache_bytes + d.usage.compute_buffer_bytes + d.usage.overhead_bytes;
    d.usage.fits = d.usage.used_bytes <= d.usage.capacity_bytes;
  }
  return p;
}

// llama.cpp's --fit leaves fit_margin_bytes free on every GPU; the host only has to hold its part.
bool fits_with_margin(const Placement& p, const Devices& dev, std::int64_t margin) {
  for (auto i : dev.accel)
    if (p.devices[i].usage.used_bytes + margin > p.devices[i].usage.capacity_bytes) return false;
  return dev.host < 0 || p.devices[std::size_t(dev.host)].usage.fits;
}

// The smallest k in [lo, hi] for which ok(k) holds, ok being monotone; hi if none.
template <class Ok>
std::int64_t smallest(std::int64_t lo, std::int64_t hi, Ok ok) {
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

Layout automatic_layout(const PlacementInput& in, const Devices& dev, std::int64_t n_layers, std::int64_t moe_layers,
                        bool& host_overflows) {
  const std::int64_t margin = in.engine.fit_margin_bytes;
  auto fits = [&](Layout l) { return fits_with_margin(place_with(in, l, dev), dev, margin); };
  Layout all_gpu{n_layers, 0};
  if (dev.host < 0 || fits(all_gpu)) return all_gpu;
  // Experts to the CPU first, the first blocks' first ...
  if (moe_layers > 0) {
    const std::int64_t moved = smallest(1, n_layers, [&](std::int64_t k) { return fits({n_layers, k}); });
    if (fits({n_layers, moved})) return {n_layers, moved};
  }
  // ... then whole blocks, the first ones first, until the rest fits the GPUs.
  const std::int64_t cpu_moe = moe_layers > 0 ? n_layers : 0;
  const std::int64_t on_cpu = smallest(0, n_layers, [&](std::int64_t c) { return fits({n_layers - c, cpu_moe}); });
  if (fits({n_layers - on_cpu, cpu_moe})) return {n_layers - on_cpu, cpu_moe};
  // Host RAM cannot hold its part either: llama.cpp then runs only by paging weights in from disk
  // (mmap). Lay the model out for the GPUs alone, the same way, so the plan, the command and the
  // speed describe that setup; the verdict stays "does not fit".
  host_overflows = true;
  Devices gpus_only = dev;
  gpus_only.host = -1;
  auto gpus_fit = [&](Layout l) { return fits_with_margin(place_with(in, l, dev), gpus_only, margin); };
  if (moe_layers > 0) {
    const std::int64_t moved = smallest(1, n_layers, [&](std::int64_t k) { return gpus_fit({n_layers, k}); });
    if (gpus_fit({n_layers, moved})) return {n_layers, moved};
  }
  const std::int64_t off = smallest(0, n_layers, [&](std::int64_t c) { return gpus_fit({n_layers - c, cpu_moe}); });
  return {n_layers - off, cpu_moe};
}

// Names only for the placement returned: the searches above never show them.
Placement named(Placement p) {
  for (auto& d : p.devices) d.usage.name = d.spec->name;
  return p;
}

}  // namespace

Placement place(const PlacementInput& in) {
  const auto n_layers = std::int64_t(in.weights.layer_bytes.size());
  const auto moe_layers =
      std::int64_t(std::count_if(in.weights.layer_expert_bytes.begin(), in.weights.layer_expert_bytes.end(),
                                 [](std::int64_t b) { return b > 0; }));
  Devices dev;
  for (std::size_t i = 0; i < in.devices.size(); ++i) {
    if (is_accelerator(*in.devices[i])) dev.accel.push_back(i);
    else if (dev.host < 0) dev.host = std::ptrdiff_t(i);
  }
  std::int64_t total_mib = 0, upto_mib = 0;
  for (auto i : dev.accel) total_mib += in.devices[i]->memory_bytes / kMiB;
  for (auto i : dev.accel) {
    upto_mib += in.devices[i]->memory_bytes / kMiB;
    dev.accel_upto.push_back(double(upto_mib) / double(total_mib));
  }
  if (dev.accel.empty()) return named(place_with(in, {0, 0}, dev));

  Layout layout{n_layers, 0};
  std::vector<std::string> notes;
  const bool needs_host = in.offload.mode == OffloadMode::layers || in.offload.mode == OffloadMode::experts_to_cpu;
  if (needs_host && dev.host < 0)
    notes.push_back("Offloading to the CPU needs a CPU device in the hardware list: placed everything on the GPUs.");
  switch (in.offload.mode) {
    case OffloadMode::gpu_only: break;
    case OffloadMode::layers:
      if (dev.host >= 0) layout.gpu_layers = std::clamp<std::int64_t>(in.offload.gpu_layers, 0, n_layers);
      break;
    case OffloadMode::experts_to_cpu:
      if (moe_layers == 0) notes.push_back("This model has no experts to move to the CPU: placed as GPU-only.");
      else if (dev.host >= 0)
        layout.cpu_moe_layers = in.offload.cpu_moe_layers < 0 ? n_layers : std::min(in.offload.cpu_moe_layers, n_layers);
      break;
    case OffloadMode::automatic: {
      bool host_overflows = false;
      layout = automatic_layout(in, dev, n_layers, moe_layers, host_overflows);
      if (host_overflows)
        notes.push_back("Host RAM cannot hold the part left off the GPUs: llama.cpp pages the weights that do not fit "
                        "in from disk (mmap); the speed counts them at the disk's read speed.");
      break;
    }
  }
  Placement p = named(place_with(in, layout, dev));
  p.notes.insert(p.notes.end(), notes.begin(), notes.end());
  return p;
}

}  // namespace headroom
