// Speed: a generated token reads every weight it multiplies and the KV cache once
// (memory-bound), a prompt token costs 2 FLOPs per multiplied parameter plus attention
// (compute-bound). Devices that hold consecutive blocks run one after the other, so their
// times add. Each device class reaches a calibrated share of its spec sheet and pays a fixed
// per-layer cost per token (kernel launches), fitted to llama-bench results (engines.json).
#pragma once

#include <vector>

#include "estimate.h"  // DeviceSpeed
#include "model_spec.h"
#include "engine.h"
#include "placement.h"

namespace headroom {

struct Speed {
  double decode_tokens_per_s = 0;
  double prefill_tokens_per_s = 0;
  bool calibrated = true;  // false when some device has no calibration for this engine
  std::vector<DeviceSpeed> devices;  // the devices that hold weights, in placement order
};

// `context`: tokens in the cache when the token is generated (decode) / the prompt length (prefill).
Speed estimate_speed(const Placement& placement, const ModelSpec& spec, std::int64_t context,
                     const EngineDefaults& engine);

// The calibration that applies to a device, or nullptr.
const SpeedCalibration* calibration_for(const HardwareSpec& device, const EngineDefaults& engine);

}  // namespace headroom
