// A device that holds weights and runs them: a GPU, a CPU with its RAM, or unified memory.
#pragma once

#include <cstdint>
#include <string>

namespace headroom {

enum class DeviceKind { gpu, cpu, unified };
const char* to_string(DeviceKind kind);
DeviceKind device_kind_from_string(const std::string& text, const std::string& path);

struct HardwareSpec {
  std::string id;
  std::string name;
  std::string group;  // picker group, e.g. "NVIDIA GeForce"
  DeviceKind kind = DeviceKind::gpu;
  std::int64_t memory_bytes = 0;
  std::int64_t bandwidth_bytes_per_s = 0;
  double fp16_flops = 0;  // dense FP16/BF16 peak, FLOP/s
  std::string source;
  // The link to host RAM (hardware.json "links"): what weights kept in host RAM cross when the
  // GPU runs their matmuls. 0: none (unified memory, a CPU) or not known.
  std::string host_link{};                  // a links id, e.g. "pcie4-x16"
  std::int64_t host_link_bytes_per_s = 0;   // effective host-to-device copy rate
  double host_link_latency_s = 0;           // one small transfer over it
  // The direct link to GPUs of the same kind (NVLink); empty: they talk over their host links.
  std::string peer_link{};
  std::int64_t peer_link_bytes_per_s = 0;
  double peer_link_latency_s = 0;
  double fp8_flops = 0;  // dense FP8 peak (Ada, Hopper and later); 0: no FP8 tensor cores or not known
};

// A bus between devices (hardware.json "links"): its measured copy rate and the fixed cost of one transfer.
struct LinkSpec {
  std::string id;
  std::string name;
  std::int64_t bandwidth_bytes_per_s = 0;
  double latency_s = 0;
  std::string source;
};

void validate(const HardwareSpec& spec, const std::string& path);
void validate(const LinkSpec& link, const std::string& path);

// Whether macOS's Metal working-set limit caps what the GPU may hold (engines.json
// unified_memory): Apple Silicon only (hardware.json group "Apple Silicon..."). A DGX Spark or a
// Strix Halo runs Linux or Windows, where that macOS rule says nothing.
inline bool has_metal_wired_limit(const HardwareSpec& spec) {
  return spec.kind == DeviceKind::unified && spec.group.rfind("Apple", 0) == 0;
}

}  // namespace headroom
