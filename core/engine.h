// Inference engines and the defaults that change memory: batch sizes, cache padding, the
// memory a runtime takes per device before any model tensor. Values are data (engines.json).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace headroom {

enum class Engine { llama_cpp, vllm, ollama, mlx, transformers };
const char* to_string(Engine engine);
Engine engine_from_string(const std::string& text, const std::string& path);

// How close a device class comes to its spec sheet in this engine, fitted to measurements:
// decode time = bytes read / (bandwidth x decode_bandwidth) + layers x layer_overhead_s,
// prefill time = FLOPs / (fp16_flops x prefill_compute). The first entry whose group prefix
// and kind match a device applies.
struct SpeedCalibration {
  std::string group_prefix;  // "" matches any group
  std::string kind;          // "gpu", "cpu", "unified" or "" for any
  double decode_bandwidth = 1;
  double layer_overhead_s = 0;
  double prefill_compute = 1;
  std::string source;
};

// The share of unified memory the GPU may use by default (Metal's recommendedMaxWorkingSetSize),
// for machines with at most max_memory_bytes (0: no upper bound).
struct UnifiedMemoryShare {
  std::int64_t max_memory_bytes = 0;
  double share = 1;
  std::string source;
};

struct EngineDefaults {
  std::string id;
  std::int64_t n_ubatch = 512;           // tokens per compute step (llama.cpp -ub)
  std::int64_t kv_context_padding = 256;  // the cache holds n_ctx rounded up to this
  bool flash_attention = true;
  std::int64_t gpu_runtime_overhead_bytes = 0;  // CUDA/ROCm/Metal context, per GPU
  std::int64_t cpu_runtime_overhead_bytes = 0;  // process, libraries, per host
  std::int64_t fit_margin_bytes = 0;            // free memory automatic placement leaves per GPU
  std::vector<SpeedCalibration> speed;
  double expert_prefill_efficiency = 1;  // routed-expert matmuls in prompt processing, relative to dense
  std::vector<UnifiedMemoryShare> unified_memory;  // ascending max_memory_bytes

  // What a unified-memory device's GPU may hold by default.
  std::int64_t unified_memory_limit(std::int64_t memory_bytes) const;
  std::string source;
};

}  // namespace headroom
