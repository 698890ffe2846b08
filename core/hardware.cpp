#include "hardware.h"

#include "errors.h"

namespace headroom {

const char* to_string(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::gpu: return "gpu";
    case DeviceKind::cpu: return "cpu";
    case DeviceKind::unified: return "unified";
  }
  return "?";
}

DeviceKind device_kind_from_string(const std::string& text, const std::string& path) {
  if (text == "gpu") return DeviceKind::gpu;
  if (text == "cpu") return DeviceKind::cpu;
  if (text == "unified") return DeviceKind::unified;
  throw InputError(path, "must be \"gpu\", \"cpu\" or \"unified\" (got \"" + text + "\")");
}

void validate(const HardwareSpec& s, const std::string& path) {
  if (s.name.empty()) throw InputError(path + ".name", "must not be empty");
  if (s.memory_bytes <= 0) throw InputError(path + ".memory_bytes", "must be positive");
  if (s.bandwidth_bytes_per_s <= 0) throw InputError(path + ".bandwidth_bytes_per_s", "must be positive");
  if (!(s.fp16_flops > 0)) throw InputError(path + ".fp16_flops", "must be positive");
  if (s.kind != DeviceKind::gpu && (!s.host_link.empty() || s.host_link_bytes_per_s > 0 || !s.peer_link.empty()))
    throw InputError(path + ".host_link", "only a GPU has a link to host RAM (a CPU or unified memory reads its weights in place)");
}

void validate(const LinkSpec& l, const std::string& path) {
  if (l.id.empty()) throw InputError(path + ".id", "required field is missing");
  if (l.name.empty()) throw InputError(path + ".name", "must not be empty");
  if (l.bandwidth_bytes_per_s <= 0) throw InputError(path + ".bandwidth_bytes_per_s", "must be positive");
  if (!(l.latency_s >= 0)) throw InputError(path + ".latency_s", "must not be negative");
  if (l.source.empty()) throw InputError(path + ".source", "every catalog fact needs its source");
}

}  // namespace headroom
