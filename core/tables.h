// The tables the single-model calculator pages show, for any model, each cell an estimate():
// memory by weight format and context (minimum and safer), speed by memory system, and how
// many GPUs of each kind hold the model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog.h"
#include "scenario.h"

namespace headroom {

struct MemoryCell {
  std::int64_t context = 0;
  std::int64_t minimum_bytes = 0;  // weights + KV cache + buffers + runtime, on one device
  std::int64_t safer_bytes = 0;    // plus the free memory llama.cpp's --fit keeps per device
};

struct MemoryRow {
  std::string quant;
  std::int64_t weights_bytes = 0;
  std::vector<MemoryCell> cells;
};

// `quants` and `contexts` empty: the common GGUF formats and 8K/32K/128K (and the model's maximum).
std::vector<MemoryRow> memory_table(const Scenario& base, const Catalog& catalog, std::vector<std::string> quants = {},
                                    std::vector<std::int64_t> contexts = {});

struct SpeedRow {
  std::string machine;  // hardware ids joined by " + "
  double decode_tokens_per_s = 0;
  double prefill_tokens_per_s = 0;
  bool fits = false;
  std::string llama_cpp;  // the settings that run it
};

// Each machine is a list of hardware ids (e.g. a GPU plus the host RAM it offloads to).
std::vector<SpeedRow> speed_table(const Scenario& base, const Catalog& catalog,
                                  const std::vector<std::vector<std::string>>& machines = {});

struct GpuTier {
  std::string hardware_id;
  std::optional<std::int64_t> count;  // nullopt: more than 1024
};

std::vector<GpuTier> gpu_tiers(const Scenario& base, const Catalog& catalog, std::vector<std::string> gpu_ids = {});

}  // namespace headroom
