// Weight formats. A GgmlType is one storage type (block of elements -> bytes, as ggml defines
// it); a QuantMix is a named file type ("Q4_K_M") that assigns a type to each tensor, the way
// llama.cpp's quantizer does, rather than one average bits-per-weight.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tensor_inventory.h"

namespace headroom {

struct GgmlType {
  std::string id;  // "Q4_K"
  std::int64_t block_elements = 0;
  std::int64_t block_bytes = 0;
  std::string fallback;  // used when a row is not a whole number of blocks (llama.cpp's quantizer)
  std::string source;
  double bits_per_weight() const { return 8.0 * double(block_bytes) / double(block_elements); }
};

// One rule of a mix: tensors of `tensor` (a TensorClass name) get `type`. `layers` narrows it:
// "all", or "more_bits" for llama.cpp's use_more_bits() layers (first and last eighth, and
// every third layer between).
struct QuantRule {
  std::string tensor;
  std::string type;
  std::string layers = "all";
};

struct QuantMix {
  std::string id;    // "Q4_K_M"
  std::string name;  // "Q4_K_M (llama.cpp)"
  std::string default_type;
  std::vector<QuantRule> rules;  // first match wins
  std::string source;
};

class QuantTable {
 public:
  QuantTable() = default;
  QuantTable(std::vector<GgmlType> types, std::vector<QuantMix> mixes);

  const GgmlType* find_type(const std::string& id) const;
  const QuantMix* find_mix(const std::string& id) const;
  const std::vector<GgmlType>& types() const { return types_; }
  const std::vector<QuantMix>& mixes() const { return mixes_; }

  // The type a mix gives a tensor. Vectors (norms, biases) and routers stay F32, as in llama.cpp; with tied
  // embeddings the token table is also the output head and gets the output's type.
  const GgmlType& type_for(const QuantMix& mix, const TensorInfo& tensor, std::int64_t n_layers,
                           bool tied_embeddings) const;

 private:
  std::vector<GgmlType> types_;
  std::vector<QuantMix> mixes_;
};

// Bytes of `rows` rows of `row` elements; throws InputError when the row is not a whole
// number of blocks (ggml cannot store it).
std::int64_t tensor_bytes(const GgmlType& type, std::int64_t row, std::int64_t rows);

// llama.cpp's use_more_bits(i_layer, n_layers) from src/llama-quant.cpp.
bool use_more_bits(std::int64_t layer, std::int64_t n_layers);

}  // namespace headroom
