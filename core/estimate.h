// The answer: memory by component and per device, the fit, and the speed. One function
// computes it; every reverse question is a search over it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog.h"
#include "scenario.h"
#include "tensor_inventory.h"

namespace headroom {

struct DeviceUsage {
  std::string name;
  DeviceKind kind = DeviceKind::gpu;
  std::int64_t weights_bytes = 0;
  std::int64_t kv_cache_bytes = 0;
  std::int64_t compute_buffer_bytes = 0;
  std::int64_t overhead_bytes = 0;
  std::int64_t used_bytes = 0;
  std::int64_t capacity_bytes = 0;
  std::int64_t layers = 0;  // repeated blocks placed here
  bool fits = false;
};

struct Estimate {
  ParameterCount parameters;
  std::int64_t weights_bytes = 0;
  std::int64_t kv_cache_bytes = 0;
  std::int64_t compute_buffer_bytes = 0;
  std::int64_t overhead_bytes = 0;
  std::int64_t total_bytes = 0;
  std::vector<DeviceUsage> devices;
  bool fits = false;
  double decode_tokens_per_s = 0;
  double prefill_tokens_per_s = 0;
  std::vector<std::string> warnings;
};

// Throws InputError (naming the field) for anything it cannot answer honestly.
Estimate estimate(const Scenario& scenario, const Catalog& catalog);

// The model a scenario refers to, resolved against the catalog.
const ModelSpec& resolve_model(const Scenario& scenario, const Catalog& catalog);

}  // namespace headroom
