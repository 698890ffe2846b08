// Readers for single catalog entries, shared by the catalog loader and by inline entries in
// a Scenario (an inline hardware spec is read exactly like a hardware.json entry).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "hardware.h"
#include "model_spec.h"

namespace headroom {

// {"name","kind","memory_bytes","bandwidth_bytes_per_s","fp16_flops", optional "id","group","source"}
HardwareSpec hardware_from_json(const nlohmann::ordered_json& entry, const std::string& path);

// {"id","name","family","source","config": {config.json fields}, optional "parameters": {"value","source"}}
ModelSpec model_from_json(const nlohmann::ordered_json& entry, const std::string& path);

}  // namespace headroom
