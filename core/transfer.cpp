#include "transfer.h"

#include <algorithm>

namespace headroom {
namespace {

struct Link {
  std::string name;
  double bandwidth = 0;
  double latency = 0;
};

// Between a GPU and host RAM: the GPU's host link. Between two GPUs: their direct link when both
// have the same one, else through the host (the slower host link, PCIe's latency).
Link link_between(const HardwareSpec& a, const HardwareSpec& b, const std::vector<LinkSpec>& names) {
  auto named = [&](const std::string& id) {
    for (const auto& l : names)
      if (l.id == id) return l.name;
    return id.empty() ? std::string("host link") : id;
  };
  if (a.kind == DeviceKind::cpu) return {named(b.host_link), double(b.host_link_bytes_per_s), b.host_link_latency_s};
  if (b.kind == DeviceKind::cpu) return {named(a.host_link), double(a.host_link_bytes_per_s), a.host_link_latency_s};
  if (!a.peer_link.empty() && a.peer_link == b.peer_link)
    return {named(a.peer_link), double(a.peer_link_bytes_per_s), a.peer_link_latency_s};
  const HardwareSpec& slow = a.host_link_bytes_per_s <= b.host_link_bytes_per_s ? a : b;
  return {named(slow.host_link), double(slow.host_link_bytes_per_s), std::max(a.host_link_latency_s, b.host_link_latency_s)};
}

void add(std::vector<TokenTransfer>& out, const std::string& what, const Link& link, std::int64_t hops,
         std::int64_t bytes, std::int64_t n_ubatch, bool in_prefill) {
  if (hops <= 0 || link.bandwidth <= 0) return;  // unified memory, or a link not known: nothing counted
  for (auto& t : out)
    if (t.what == what && t.link == link.name && t.bytes_per_hop == bytes && (t.prefill_s > 0) == in_prefill) {
      t.hops += hops;
      t.decode_s = double(t.hops) * (t.latency_s + double(bytes) / t.bandwidth_bytes_per_s);
      if (in_prefill) t.prefill_s = double(t.hops) * (double(bytes) / t.bandwidth_bytes_per_s + t.latency_s / double(n_ubatch));
      return;
    }
  TokenTransfer t;
  t.what = what;
  t.link = link.name;
  t.hops = hops;
  t.bytes_per_hop = bytes;
  t.bandwidth_bytes_per_s = link.bandwidth;
  t.latency_s = link.latency;
  t.decode_s = double(hops) * (link.latency + double(bytes) / link.bandwidth);
  if (in_prefill) t.prefill_s = double(hops) * (double(bytes) / link.bandwidth + link.latency / double(n_ubatch));
  out.push_back(std::move(t));
}

}  // namespace

std::vector<TokenTransfer> layer_split_transfers(const Placement& p, const ModelSpec& s, const EngineDefaults& engine,
                                                 std::int64_t n_ubatch, const std::vector<LinkSpec>& names) {
  std::vector<TokenTransfer> out;
  const std::int64_t hidden = s.hidden_size * 4;  // f32 activations
  const std::int64_t ubatch = std::max<std::int64_t>(n_ubatch, 1);
  const bool gpu_runs_host_part = engine.op_offload_min_batch > 0 && ubatch >= engine.op_offload_min_batch;
  // The blocks run on the host first (llama.cpp offloads the last ones), then on the GPUs in order.
  std::vector<const PlacedDevice*> chain;
  const PlacedDevice* host = nullptr;
  for (const auto& d : p.devices)
    if (d.spec->kind == DeviceKind::cpu && host == nullptr) host = &d;
  if (host != nullptr && host->usage.layers > 0) chain.push_back(host);
  for (const auto& d : p.devices)
    if (d.spec->kind != DeviceKind::cpu && d.usage.layers > 0) chain.push_back(&d);
  for (const auto& d : p.devices)
    if (d.holds_output && !chain.empty() && chain.back() != &d) chain.push_back(&d);
  for (std::size_t i = 1; i < chain.size(); ++i) {
    const bool touches_host = chain[i - 1]->spec->kind == DeviceKind::cpu || chain[i]->spec->kind == DeviceKind::cpu;
    add(out, "layer split", link_between(*chain[i - 1]->spec, *chain[i]->spec, names), 1, hidden, ubatch,
        !(touches_host && gpu_runs_host_part));
  }
  // --n-cpu-moe: a block on a GPU whose routed experts stay in host RAM sends the hidden state
  // to the CPU and back; in prompt processing the GPU copies the experts instead (speed.h).
  if (host != nullptr && p.cpu_moe_layers > 0) {
    const PlacedDevice* gpu = nullptr;
    for (const auto& d : p.devices)
      if (d.spec->kind == DeviceKind::gpu && gpu == nullptr) gpu = &d;
    const std::int64_t host_layers = host->usage.layers;
    const std::int64_t moved = std::max<std::int64_t>(std::min(p.cpu_moe_layers, std::int64_t(s.layers.size())) - host_layers, 0);
    std::int64_t moe_moved = 0;
    for (std::int64_t il = host_layers; il < host_layers + moved && il < std::int64_t(s.layers.size()); ++il)
      moe_moved += s.layers[std::size_t(il)].ffn == LayerFfn::moe;
    if (gpu != nullptr) add(out, "experts in host RAM", link_between(*host->spec, *gpu->spec, names), 2 * moe_moved, hidden, ubatch,
                            !gpu_runs_host_part);
  }
  return out;
}

std::vector<TokenTransfer> tensor_parallel_transfers(const HardwareSpec& gpu, std::int64_t ranks, const ModelSpec& s,
                                                     std::int64_t n_ubatch, const std::vector<LinkSpec>& names) {
  std::vector<TokenTransfer> out;
  if (ranks <= 1) return out;
  // A ring all-reduce sends 2(T-1)/T of the vector from each GPU; bf16 activations.
  const std::int64_t bytes = s.hidden_size * 2 * 2 * (ranks - 1) / ranks;
  add(out, "tensor-parallel all-reduce", link_between(gpu, gpu, names), 2 * std::int64_t(s.layers.size()), bytes,
      std::max<std::int64_t>(n_ubatch, 1), true);
  return out;
}

}  // namespace headroom
