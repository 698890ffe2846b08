// Pieces estimate() shares between the engines' layouts (estimate.cpp, estimate_mlx.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compute_buffer.h"
#include "estimate.h"
#include "kv_cache.h"
#include "speed.h"

namespace headroom::detail {

// One entry per physical device, in order: a count of 13 is 13 entries of the same spec.
std::vector<const HardwareSpec*> expand_devices(const Scenario& sc, const Catalog& catalog);

// "NVIDIA H100 #3" for the third of several identical devices.
void number_repeated_devices(const Scenario& sc, std::vector<DeviceUsage>& devices);

// What the KV cache was computed from (kv_cache.h): row widths, cells and layers by kind.
KvWorking kv_working(const ModelSpec& spec, const StorageType& type, const StorageType& v_type, const KvCache& kv);

void set_speed(Estimate& e, const Speed& speed);

// Speed on one device (or one of tp identical tensor-parallel ranks, which run in parallel), with
// llama.cpp's calibration: the engines without their own (vLLM, MLX, Transformers) read the same weights.
struct OneDevice {
  const Scenario& sc;
  const ModelSpec& spec;
  const ModelWeights& weights;
  const DeviceUsage& usage;
  const HardwareSpec* device;
  std::int64_t kv_read_bytes;  // per generated token
  std::int64_t tp;
  std::int64_t n_ubatch;
  std::int64_t concurrency;
  std::vector<TokenTransfer> transfers = {};  // hand-overs between ranks (transfer.h), none on one device
};
Speed one_device_speed(const OneDevice& in, const Catalog& catalog, const EngineDefaults& engine);

// Every engine's weights part: the parameters, bytes and per-type working of `mix`, set on `e`.
std::shared_ptr<const ModelWeights> set_weights(Estimate& e, const ModelSpec& spec, const QuantMix& mix,
                                                const Catalog& catalog);

// DeepSeek-V4's lightning indexer (estimate_indexer.cpp): the scenario's rule or the engine's
// default (nullptr when the engine has none); throws InputError for an unknown rule.
const IndexerRule* resolve_indexer_rule(const Scenario& sc, const EngineDefaults& engine);

// What the indexer adds by the rule applied, and what the engine's other rules would add.
std::string indexer_warning(const ComputeBuffer& cb, const EngineDefaults& engine, bool flash_attention);

// vLLM's serving throughput for the scenario's workload (serving.h), estimate_serving.cpp.
// Throws InputError naming serving.* for a workload vLLM would reject.
ServingEstimate vllm_serving(const Scenario& sc, const ModelSpec& spec, const QuantMix& mix, const ModelWeights& weights,
                             const VllmLayout& v, const HardwareSpec& gpu, const Catalog& catalog,
                             const VllmDefaults& defaults);

// mlx-lm's layout (mlx_layout.h), estimate_mlx.cpp.
Estimate estimate_mlx(const Scenario& sc, const ModelSpec& spec, const QuantMix& mix, const StorageType& kv_type,
                      const Catalog& catalog, const EngineDefaults& engine);

// Transformers' layout (transformers_layout.h), estimate_transformers.cpp.
Estimate estimate_transformers(const Scenario& sc, const ModelSpec& spec, const QuantMix& mix, const StorageType& kv_type,
                               const Catalog& catalog, const EngineDefaults& engine);

}  // namespace headroom::detail
