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

// How the model is laid out, in the engine's own terms.
struct Plan {
  std::int64_t gpu_layers = 0;      // blocks on GPUs (llama.cpp -ngl counts the output layer too)
  std::int64_t total_layers = 0;
  std::int64_t cpu_moe_layers = 0;  // leading blocks whose routed experts stay in host RAM
  std::int64_t kv_cells = 0;        // cache cells llama.cpp allocates (-c rounded up to 256)
  bool flash_attention = true;
  std::int64_t n_ubatch = 0;
};

// Ready-to-copy settings for the plan.
struct Commands {
  std::string llama_cpp;  // llama-server flags
  std::string ollama;     // Modelfile parameters
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
  Plan plan;
  Commands commands;
  std::vector<std::string> warnings;
};

// Throws InputError (naming the field) for anything it cannot answer honestly.
Estimate estimate(const Scenario& scenario, const Catalog& catalog);

// The model a scenario refers to, resolved against the catalog.
const ModelSpec& resolve_model(const Scenario& scenario, const Catalog& catalog);

}  // namespace headroom
