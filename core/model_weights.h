// A model's weights under one format: bytes and parameters grouped the way placement and speed
// use them. They depend on the model and the format only, never on context or hardware, yet
// computing them walks every tensor (about 0.1 ms for an 8B model, 1 ms for DeepSeek-V4-Pro).
// Every keystroke in the page and every step of a reverse question asks again for the same few
// pairs, so a catalog keeps the answers it has given (WeightCache).
#pragma once

#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model_spec.h"
#include "quant.h"
#include "tensor_inventory.h"

namespace headroom {

// Weights grouped the way placement moves them.
struct WeightGroups {
  std::vector<std::int64_t> layer_bytes;   // per repeated block
  std::vector<std::int64_t> layer_params;  // matrix parameters per block a token multiplies (for FLOPs)
  std::vector<std::int64_t> layer_expert_bytes;   // routed-expert bytes per block (part of layer_bytes)
  std::vector<std::int64_t> layer_expert_params;  // routed-expert parameters a token multiplies (part of layer_params)
  double expert_read_fraction = 1.0;       // num_experts_per_tok / num_experts
  std::int64_t embedding_bytes = 0;        // token_embd: looked up, one row per token
  std::int64_t output_bytes = 0;           // output head and final norm
  std::int64_t output_params = 0;
};

// One storage type's share of a model's weights (the "how this is calculated" working).
struct WeightTypeBytes {
  std::string type;  // ggml storage type, "Q4_K"
  double bits_per_weight = 0;
  std::int64_t tensors = 0;
  std::int64_t elements = 0;
  std::int64_t bytes = 0;
};

struct ModelWeights {
  ParameterCount parameters;  // of the model itself, never its multi-token-prediction layers
  std::int64_t bytes = 0;     // everything the format stores
  WeightGroups groups;
  std::vector<WeightTypeBytes> by_type;  // largest first
};

// Throws InputError when the format cannot store a tensor (a row that is not whole blocks).
ModelWeights compute_model_weights(const ModelSpec& spec, const QuantMix& mix, const QuantTable& quants);
// The same from the model's inventory (build_inventory(spec, mix.includes_mtp)) and parameter
// count, which do not depend on the format: a cache builds them once for every format.
ModelWeights compute_model_weights(const ModelSpec& spec, const QuantMix& mix, const QuantTable& quants,
                                   const std::vector<TensorInfo>& inventory, ParameterCount parameters);

// Answers of compute_model_weights, failures included, keyed by the addresses of a catalog's own
// model and mix (they never move or change once loaded). A copy starts empty: the copied
// catalog's entries live at other addresses.
class WeightCache {
 public:
  WeightCache() = default;
  WeightCache(const WeightCache&) {}
  WeightCache& operator=(const WeightCache&);

  // The cached answer, computing it on first use; rethrows a cached failure.
  std::shared_ptr<const ModelWeights> get(const ModelSpec& spec, const QuantMix& mix, const QuantTable& quants) const;

 private:
  struct Entry {
    std::shared_ptr<const ModelWeights> weights;
    std::exception_ptr error;
  };
  // Per model, independent of the format: its tensors with and without the MTP layers, and its
  // parameter count (building the inventory is a third of the work; 35 formats share it).
  struct ModelEntry {
    std::shared_ptr<const std::vector<TensorInfo>> inventory[2];  // [with_mtp]
    std::optional<ParameterCount> parameters;
  };
  const std::vector<TensorInfo>& inventory(const ModelSpec& spec, bool with_mtp) const;  // mutex held
  mutable std::mutex mutex_;
  mutable std::map<std::pair<const ModelSpec*, const QuantMix*>, Entry> entries_;
  mutable std::map<const ModelSpec*, ModelEntry> models_;
};

}  // namespace headroom
