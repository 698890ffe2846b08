#include "quant.h"

#include <string_view>

#include "errors.h"
#include "units.h"

namespace headroom {

QuantTable::QuantTable(std::vector<GgmlType> types, std::vector<QuantMix> mixes)
    : types_(std::move(types)), mixes_(std::move(mixes)) {}

const GgmlType* QuantTable::find_type(const std::string& id) const {
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

const GgmlType& QuantTable::type_for(const QuantMix& mix, const TensorInfo& tensor, std::int64_t n_layers,
                                     bool tied_embeddings) const {
  // llama.cpp keeps every 1-D tensor (norms), every bias and the MoE router in F32 whatever the
  // file type (llama-quant.cpp quantizes only "*weight" tensors of 2+ dimensions, and
  // quantize &= name.find("ffn_gate_inp.weight") == npos).
  const bool kept_f32 = tensor.is_vector() || tensor.is_bias() || tensor.cls == TensorClass::ffn_gate_inp;
  std::string id = kept_f32 ? "F32" : mix.default_type;
  if (!kept_f32) {
    const bool acts_as_output = tied_embeddings && tensor.cls == TensorClass::token_embedding;
    const char* cls = acts_as_output ? to_string(TensorClass::output_head) : to_string(tensor.cls);
    for (const auto& rule : mix.rules) {
      // As in llama.cpp's name matching, a rule for "ffn_down" also covers ffn_down_exps/_shexp.
      const std::string_view c(cls);
      if (c != rule.tensor && !(c.starts_with(rule.tensor) && c.size() > rule.tensor.size() && c[rule.tensor.size()] == '_'))
        continue;
      if (rule.layers == "more_bits" && !(tensor.layer >= 0 && use_more_bits(tensor.layer, n_layers))) continue;
      id = rule.type;
      break;
    }
  }
  const GgmlType* type = find_type(id);
  if (!type) throw InputError("quant", "mix '" + mix.id + "' names unknown type '" + id + "'");
  // A row that is not a whole number of blocks gets the type's fallback (e.g. Q4_K -> Q5_0),
  // as llama.cpp's quantizer does; the loader guarantees fallback chains end.
  for (int hops = 0; tensor.row % type->block_elements != 0 && !type->fallback.empty() && hops < 4; ++hops)
    type = find_type(type->fallback);
  return *type;
}

std::int64_t tensor_bytes(const GgmlType& type, std::int64_t row, std::int64_t rows) {
  if (row % type.block_elements != 0)
    throw InputError("quant", "a row of " + std::to_string(row) + " elements is not a whole number of " + type.id +
                                  " blocks (" + std::to_string(type.block_elements) + ")");
  const std::int64_t row_bytes = checked_mul(row / type.block_elements, type.block_bytes, "weights");
  return checked_mul(row_bytes, rows, "weights");
}

}  // namespace headroom
