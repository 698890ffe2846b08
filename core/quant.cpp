#include "quant.h"

#include <cmath>
#include <string_view>

#include "errors.h"
#include "units.h"

namespace headroom {

QuantTable::QuantTable(std::vector<StorageType> types, std::vector<QuantMix> mixes)
    : types_(std::move(types)), mixes_(std::move(mixes)) {}

const StorageType* QuantTable::find_type(const std::string& id) const {
  for (const auto& t : types_)
    if (t.id == id) return &t;
  return nullptr;
}

const QuantMix* QuantTable::find_mix(const std::string& id) const {
  for (const auto& m : mixes_)
    if (m.id == id) return &m;
  return nullptr;
}

bool use_more_bits(std::int64_t layer, std::int64_t n_layers) {
  return layer < n_layers / 8 || layer >= 7 * n_layers / 8 || (layer - n_layers / 8) % 3 == 2;
}

const StorageType& QuantTable::type_for(const QuantMix& mix, const TensorInfo& tensor, std::int64_t n_layers,
                                     bool tied_embeddings) const {
  const bool small = tensor.is_vector() || tensor.is_bias() || tensor.cls == TensorClass::ffn_gate_inp ||
                     tensor.cls == TensorClass::exp_probs_b || tensor.cls == TensorClass::expert_hash;
  std::string id = small ? mix.vector_type : mix.default_type;
  const bool acts_as_output = tied_embeddings && tensor.cls == TensorClass::token_embedding;
  const std::string_view cls = acts_as_output ? to_string(TensorClass::output_head) : to_string(tensor.cls);
  for (const auto& rule : mix.rules) {
    if (small && !rule.vectors) continue;
    // As in llama.cpp's name matching, a rule for "ffn_down" also covers ffn_down_exps/_shexp.
    if (cls != rule.tensor && !(cls.starts_with(rule.tensor) && cls.size() > rule.tensor.size() && cls[rule.tensor.size()] == '_'))
      continue;
    if (rule.layers == "more_bits" && !(tensor.layer >= 0 && use_more_bits(tensor.layer, n_layers))) continue;
    id = rule.type;
    break;
  }
  const StorageType* type = find_type(id);
  if (!type) throw InputError("quant", "mix '" + mix.id + "' names unknown type '" + id + "'");
  // A row that is not a whole number of blocks gets the type's fallback (e.g. Q4_K -> Q5_0),
  // as llama.cpp's quantizer does; the loader guarantees fallback chains end.
  for (int hops = 0; type->is_block_type() && tensor.row % type->block_elements != 0 && !type->fallback.empty() && hops < 4;
       ++hops)
    type = find_type(type->fallback);
  return *type;
}

std::int64_t tensor_bytes(const StorageType& type, std::int64_t row, std::int64_t rows) {
  if (type.is_block_type()) {
    if (row % type.block_elements != 0)
      throw InputError("quant", "a row of " + std::to_string(row) + " elements is not a whole number of " + type.id +
                                    " blocks (" + std::to_string(type.block_elements) + ")");
    const std::int64_t row_bytes = checked_mul(row / type.block_elements, type.block_bytes, "weights");
    return checked_mul(row_bytes, rows, "weights");
  }
  // Checkpoint formats: whole bytes of elements, plus one scale per tile (edge tiles count whole).
  const std::int64_t elements = checked_mul(row, rows, "weights");
  const double element_bytes = std::ceil(double(elements) * type.element_bits / 8.0);
  const std::int64_t tiles = checked_mul((rows + type.scale_tile_rows - 1) / type.scale_tile_rows,
                                         (row + type.scale_tile_cols - 1) / type.scale_tile_cols, "weights");
  const double scale_bytes = std::ceil(double(tiles) * type.scale_bits / 8.0);
  if (element_bytes + scale_bytes > 9.0e18) throw InputError("weights", "size overflows 64-bit bytes");
  return std::int64_t(element_bytes) + std::int64_t(scale_bytes);
}

}  // namespace headroom
