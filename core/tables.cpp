#include "tables.h"

#include <algorithm>

#include "errors.h"
#include "estimate.h"
#include "fit.h"

namespace headroom {
namespace {

// The formats people download, least to most lossy-safe; kept only if the catalog has them.
const char* const kDefaultQuants[] = {"Q2_K", "Q3_K_M", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0", "F16"};

// Memory systems the calculator pages compare: desktop DDR4 and DDR5, an Apple Ultra, and a
// 24 GB GPU offloading to DDR5.
const std::vector<std::vector<std::string>>& default_machines() {
  static const std::vector<std::vector<std::string>> m = {{"ddr4-3200-2ch-64gb"},
                                                          {"ddr5-5600-2ch-96gb"},
                                                          {"apple-m3-ultra-512gb"},
                                                          {"rtx-4090", "ddr5-5600-2ch-96gb"}};
  return m;
}

const char* const kDefaultGpus[] = {"rtx-4090", "rtx-5090", "h100-sxm-80gb", "h200-sxm-141gb", "b200", "mi300x"};

// The memory and speed tables compare GGUF formats and machines that offload to system RAM:
// llama.cpp's world. vLLM's answers are estimate() and the reverse questions (fit.h).
void require_llama_layout(const Scenario& base) {
  if (base.engine == Engine::vllm)
    throw InputError("engine", "the memory and speed tables compare GGUF formats and offload to system RAM, which vLLM "
                               "does not use; for vLLM ask for an estimate or the reverse questions (headroom fit)");
}

}  // namespace

std::vector<MemoryRow> memory_table(const Scenario& base, const Catalog& catalog, std::vector<std::string> quants,
                                    std::vector<std::int64_t> contexts) {
  require_llama_layout(base);
  const ModelSpec& model = resolve_model(base, catalog);
  if (quants.empty())
    for (const char* q : kDefaultQuants)
      if (catalog.quants.find_mix(q)) quants.emplace_back(q);
  if (contexts.empty()) {
    for (std::int64_t c : {8192, 32768, 131072})
      if (c <= model.max_position_embeddings) contexts.push_back(c);
    if (model.max_position_embeddings > 131072) contexts.push_back(model.max_position_embeddings);
  }
  const EngineDefaults* engine = catalog.find_engine(to_string(base.engine));
  const std::int64_t margin = engine ? engine->fit_margin_bytes : 0;
  std::vector<MemoryRow> rows;
  for (const auto& q : quants) {
    MemoryRow row{q, 0, {}};
    for (const std::int64_t c : contexts) {
      Scenario sc = base;
      sc.quant = q;
      sc.context = c;
      sc.hardware.clear();
      const Estimate e = estimate(sc, catalog);
      row.weights_bytes = e.weights_bytes;
      row.cells.push_back({c, e.total_bytes, e.total_bytes + margin});
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<SpeedRow> speed_table(const Scenario& base, const Catalog& catalog,
                                  const std::vector<std::vector<std::string>>& machines) {
  require_llama_layout(base);
  std::vector<SpeedRow> rows;
  for (const auto& ids : machines.empty() ? default_machines() : machines) {
    Scenario sc = base;
    sc.hardware.clear();
    SpeedRow row;
    for (const auto& id : ids) {
      if (!catalog.find_hardware(id)) throw InputError("hardware", "unknown hardware id \"" + id + "\"");
      sc.hardware.push_back({id, std::nullopt, 1});
      row.machine += (row.machine.empty() ? "" : " + ") + id;
    }
    const Estimate e = estimate(sc, catalog);
    row.decode_tokens_per_s = e.decode_tokens_per_s;
    row.prefill_tokens_per_s = e.prefill_tokens_per_s;
    row.fits = e.fits;
    row.llama_cpp = e.commands.llama_cpp;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<GpuTier> gpu_tiers(const Scenario& base, const Catalog& catalog, std::vector<std::string> gpu_ids) {
  if (gpu_ids.empty())
    for (const char* id : kDefaultGpus)
      if (catalog.find_hardware(id)) gpu_ids.emplace_back(id);
  std::vector<GpuTier> tiers;
  for (const auto& id : gpu_ids) tiers.push_back({id, gpus_needed(base, catalog, id)});
  return tiers;
}

}  // namespace headroom
