// Readers for single catalog entries, shared by the catalog loader and by inline entries in
// a Scenario (an inline hardware spec is read exactly like a hardware.json entry).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "hardware.h"
#include "model_spec.h"

namespace headroom {

// Upper bounds far past any device sold (1 PiB, 1 PB/s, 10 EFLOP/s): beyond them it is a typo.
// Public so a form (the page's custom device) can say the limits in its own units.
inline constexpr std::int64_t kMaxDeviceBytes = std::int64_t(1) << 50;
inline constexpr std::int64_t kMaxBandwidth = 1'000'000'000'000'000;
inline constexpr double kMaxFlops = 1e19;

// {"name","kind","memory_bytes","bandwidth_bytes_per_s","fp16_flops", optional "id","group","source"}
HardwareSpec hardware_from_json(const nlohmann::ordered_json& entry, const std::string& path);

// {"id","name","family","source","config": {config.json fields}, optional "parameters": {"value","source"}}
ModelSpec model_from_json(const nlohmann::ordered_json& entry, const std::string& path);

}  // namespace headroom
