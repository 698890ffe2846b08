// Reverse questions, each a search over estimate(): how many GPUs, how long a context, which
// weight format, which RAM kit, and which catalog models run on a machine. Nothing here has a
// formula of its own, so every answer agrees with the estimate it names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog.h"
#include "estimate.h"
#include "scenario.h"

namespace headroom {

// The fewest GPUs of `hardware_id` that hold the scenario with nothing offloaded (llama.cpp's
// layer split). nullopt when even `max_count` do not.
std::optional<std::int64_t> gpus_needed(Scenario scenario, const Catalog& catalog, const std::string& hardware_id,
                                        std::int64_t max_count = 1024);

// The longest context (a multiple of 256, at most the model's trained context) that fits the
// scenario's hardware; nullopt when not even 256 tokens fit.
std::optional<std::int64_t> max_context(Scenario scenario, const Catalog& catalog);

// The GGUF weight format with the most bytes (so the least lossy) that fits; nullopt if none.
std::optional<std::string> best_quant(Scenario scenario, const Catalog& catalog);

// Standard DIMM kit sizes, in GB as sold.
const std::vector<std::int64_t>& standard_ram_kits_gb();

// The smallest standard kit whose bytes hold the scenario run on the CPU alone.
std::optional<std::int64_t> smallest_ram_kit_gb(Scenario scenario, const Catalog& catalog);

// Active-only expert offload: the routed experts stay in host RAM or on disk (llama.cpp's mmap)
// and only the few a token picks are read; everything else is resident. For a MoE model at the
// scenario's format and context.
struct ExpertStreaming {
  std::int64_t resident_bytes = 0;            // total memory less the routed experts
  std::int64_t expert_bytes = 0;              // every routed expert, where they wait
  std::int64_t active_expert_bytes = 0;       // the experts one token reads (num_experts_per_tok of num_experts)
  std::int64_t resident_with_active_bytes = 0;  // resident + one token's experts: the least that must be at hand
};

// nullopt for a dense model (no routed experts to leave out).
std::optional<ExpertStreaming> expert_streaming(Scenario scenario, const Catalog& catalog);

struct CatalogFit {
  std::string model_id;
  std::string quant;  // the least lossy format that fits
  Estimate estimate;
  // vLLM reserves gpu_memory_utilization x memory on every GPU whatever the model needs:
  // what the scenario needs of it (weights + its sequences' KV cache) and that reservation,
  // over all GPUs. 0 for other engines (their totals are what they allocate).
  std::int64_t vllm_needed_bytes = 0;
  std::int64_t vllm_reserved_bytes = 0;
};

// Every catalog model that fits the scenario's hardware at its context, each at its least lossy
// GGUF format, fastest first.
std::vector<CatalogFit> what_runs(const Scenario& machine, const Catalog& catalog);

// The GGUF file types a user would download (not checkpoint formats or F32), largest first for
// `spec`.
std::vector<std::string> gguf_quants_by_size(const ModelSpec& spec, const Catalog& catalog);

}  // namespace headroom
