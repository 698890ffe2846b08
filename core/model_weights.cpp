#include "model_weights.h"

#include <algorithm>

#include "errors.h"
#include "units.h"

namespace headroom {

ModelWeights compute_model_weights(const ModelSpec& spec, const QuantMix& mix, const QuantTable& quants) {
  const auto inventory = build_inventory(spec, mix.includes_mtp);
  // Parameter counts describe the model, whatever its file keeps: never the MTP layers.
  const ParameterCount parameters = count_parameters(mix.includes_mtp ? build_inventory(spec, false) : inventory, spec);
  return compute_model_weights(spec, mix, quants, inventory, parameters);
}

ModelWeights compute_model_weights(const ModelSpec& spec, const QuantMix& mix, const QuantTable& quants,
                                   const std::vector<TensorInfo>& inventory, ParameterCount parameters) {
  ModelWeights w;
  w.parameters = parameters;
  WeightGroups& g = w.groups;
  const std::size_t n_layers = spec.layers.size();
  g.layer_bytes.assign(n_layers, 0);
  g.layer_params.assign(n_layers, 0);
  g.layer_expert_bytes.assign(n_layers, 0);
  g.layer_expert_params.assign(n_layers, 0);
  if (spec.is_moe()) g.expert_read_fraction = double(spec.num_experts_per_tok) / double(spec.num_experts);
  const auto types = quants.assign_types(mix, inventory, spec);
  // by_type[i] holds the tensors of share_type[i]: types are the table's own objects, so a
  // pointer compare finds the share (comparing ids per tensor was a tenth of what-runs' first use).
  std::vector<const StorageType*> share_type;
  for (std::size_t k = 0; k < inventory.size(); ++k) {
    const TensorInfo& t = inventory[k];
    const std::int64_t bytes = tensor_bytes(*types[k], t.row, t.rows);
    w.bytes = checked_add(w.bytes, bytes, "weights");
    const auto i = std::size_t(std::find(share_type.begin(), share_type.end(), types[k]) - share_type.begin());
    if (i == share_type.size()) {
      share_type.push_back(types[k]);
      w.by_type.push_back({types[k]->id, types[k]->bits_per_weight(), 0, 0, 0});
    }
    WeightTypeBytes* share = &w.by_type[i];
    share->tensors += 1;
    share->elements += t.elements();
    share->bytes += bytes;
    const bool routed = t.routed_expert();
    std::int64_t params = t.is_vector() || t.is_bias() ? 0 : t.elements();
    if (routed) params = params / spec.num_experts * spec.num_experts_per_tok;
    if (t.layer >= std::int64_t(n_layers)) {
      g.output_bytes += bytes;  // multi-token-prediction layers: stored with the model, idle while decoding
    } else if (t.layer >= 0) {
      const auto il = std::size_t(t.layer);
      g.layer_bytes[il] += bytes;
      g.layer_params[il] += params;
      if (routed) {
        g.layer_expert_bytes[il] += bytes;
        g.layer_expert_params[il] += params;
      }
    } else if (t.cls == TensorClass::token_embedding) {
      g.embedding_bytes += bytes;
    } else {
      g.output_bytes += bytes;
      g.output_params += params;
    }
  }
  // A tied model multiplies by the embedding table at the output: llama.cpp then reads it there.
  if (spec.tie_word_embeddings) g.output_params += spec.vocab_size * spec.hidden_size;
  std::stable_sort(w.by_type.begin(), w.by_type.end(),
                   [](const WeightTypeBytes& a, const WeightTypeBytes& b) { return a.bytes > b.bytes; });
  if (spec.file_weights) {
    // A model file's own tensors: the bytes and their placement are the file's, the parameters
    // (for speed) still the inventory's.
    const FileWeights& f = *spec.file_weights;
    if (f.layer_bytes.size() != n_layers || f.layer_expert_bytes.size() != n_layers)
      throw InputError("model.file_weights.layers", "must have one entry per block (" + std::to_string(n_layers) + ")");
    w.bytes = f.bytes();
    g.layer_bytes = f.layer_bytes;
    g.layer_expert_bytes = f.layer_expert_bytes;
    g.embedding_bytes = f.embedding_bytes;
    g.output_bytes = f.output_bytes;
    w.by_type.clear();
    for (const FileWeightType& t : f.types) {
      const double bits = t.elements > 0 ? double(t.bytes) * 8.0 / double(t.elements) : 0.0;
      w.by_type.push_back({t.type, bits, t.tensors, t.elements, t.bytes});
    }
  }
  return w;
}

WeightCache& WeightCache::operator=(const WeightCache& other) {
  if (this != &other) {
    const std::lock_guard lock(mutex_);
    entries_.clear();
    models_.clear();
  }
  return *this;
}

const std::vector<TensorInfo>& WeightCache::inventory(const ModelSpec& spec, bool with_mtp) const {
  auto& slot = models_[&spec].inventory[with_mtp ? 1 : 0];
  if (!slot) slot = std::make_shared<const std::vector<TensorInfo>>(build_inventory(spec, with_mtp));
  return *slot;
}

std::shared_ptr<const ModelWeights> WeightCache::get(const ModelSpec& spec, const QuantMix& mix,
                                                     const QuantTable& quants) const {
  const std::lock_guard lock(mutex_);
  auto [it, inserted] = entries_.try_emplace({&spec, &mix});
  Entry& e = it->second;
  if (inserted) {
    try {
      const auto& tensors = inventory(spec, mix.includes_mtp);
      ModelEntry& m = models_[&spec];
      if (!m.parameters) m.parameters = count_parameters(inventory(spec, false), spec);
      e.weights = std::make_shared<const ModelWeights>(compute_model_weights(spec, mix, quants, tensors, *m.parameters));
    } catch (...) {
      e.error = std::current_exception();
    }
  }
  if (e.error) std::rethrow_exception(e.error);
  return e.weights;
}

}  // namespace headroom
