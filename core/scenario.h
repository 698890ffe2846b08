// What the user asks: a model, a weight format, a context, sequences, an engine and a machine.
// Ids stay ids (so a scenario round-trips to the same JSON and URL); inline specs are kept
// whole. Defaults are the documented ones in scenario_json.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine.h"
#include "hardware.h"
#include "model_spec.h"
#include "serving.h"

namespace headroom {

struct ModelRef {
  std::string id;                   // catalog id, or empty when inline
  std::optional<ModelSpec> inline_spec;
};

struct HardwareRef {
  std::string id;  // catalog id, or empty when inline
  std::optional<HardwareSpec> inline_spec;
  std::int64_t count = 1;
};

enum class OffloadMode { automatic, gpu_only, layers, experts_to_cpu };
const char* to_string(OffloadMode mode);

struct Offload {
  OffloadMode mode = OffloadMode::automatic;
  std::int64_t gpu_layers = -1;      // with mode "layers": -ngl
  std::int64_t cpu_moe_layers = -1;  // with mode "experts_to_cpu": --n-cpu-moe
};

// vLLM serving throughput's workload (engine "vllm", serving.h); unset: engines.json
// vllm.serving.workload (ShareGPT's mean lengths) and the layout's --max-num-seqs.
struct ServingRequest {
  std::optional<std::int64_t> requests;
  std::optional<std::int64_t> prompt_tokens;   // per request
  std::optional<std::int64_t> output_tokens;   // per request, the mean
  std::optional<std::int64_t> max_num_seqs;    // --max-num-seqs
  OutputLengths lengths = OutputLengths::sharegpt;
  std::string vllm_version;                    // "" = latest
};

struct Scenario {
  ModelRef model;
  std::string quant = "Q4_K_M";
  std::string kv_cache_type = "f16";
  std::string kv_cache_type_v;  // the V cache's type when it differs (llama.cpp -ctv); "" = kv_cache_type
  std::int64_t context = 4096;
  std::int64_t sequences = 1;
  // Prompt processed before the first token (time to first token); unset: kDefaultPromptTokens,
  // or the context when that is shorter. Never longer than the context.
  std::optional<std::int64_t> prompt_tokens;
  Engine engine = Engine::llama_cpp;
  std::optional<bool> flash_attention;      // -fa; unset: the engine's default
  std::optional<std::int64_t> n_ubatch;     // -ub; unset: the engine's default
  // DeepSeek-V4's lightning indexer: which llama.cpp build's rule sizes its scratch ("fused",
  // "unfused"; engines.json lightning_indexer); "": the engine's default.
  std::string lightning_indexer;
  std::vector<HardwareRef> hardware;
  Offload offload;
  // vLLM only (engine "vllm"); unset: the engine's defaults.
  std::optional<double> gpu_memory_utilization;         // --gpu-memory-utilization, in (0, 1]
  std::optional<std::int64_t> max_num_batched_tokens;   // --max-num-batched-tokens: the profiling pass
  std::optional<std::int64_t> kv_cache_memory_bytes;    // --kv-cache-memory-bytes: KV budget per GPU
  std::optional<ServingRequest> serving;                // the serving throughput's workload
  // Sequential read speed of the disk the model file is on, for weights that do not fit in host
  // RAM (llama.cpp's mmap pages them in); unset: the engine's default (engines.json).
  std::optional<std::int64_t> disk_bandwidth_bytes_per_s;
};

// llama-bench's default prompt (pp512): a short chat turn with a system prompt.
inline constexpr std::int64_t kDefaultPromptTokens = 512;

// The prompt length in effect (estimate() rejects a prompt_tokens longer than the context).
inline std::int64_t effective_prompt_tokens(const Scenario& sc) {
  if (sc.prompt_tokens) return *sc.prompt_tokens;
  return kDefaultPromptTokens < sc.context ? kDefaultPromptTokens : sc.context;
}

}  // namespace headroom
