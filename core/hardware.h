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
};

void validate(const HardwareSpec& spec, const std::string& path);

// Whether macOS's Metal working-set limit caps what the GPU may hold (engines.json
// unified_memory): Apple Silicon only (hardware.json group "Apple Silicon..."). A DGX Spark or a
// Strix Halo runs Linux or Windows, where that macOS rule says nothing.
inline bool has_metal_wired_limit(const HardwareSpec& spec) {
  return spec.kind == DeviceKind::unified && spec.group.rfind("Apple", 0) == 0;
}

}  // namespace headroom
