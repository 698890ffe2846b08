// Weight formats. A StorageType is one storage type (block of elements -> bytes, as ggml defines
// it); a QuantMix is a named file type ("Q4_K_M") that assigns a type to each tensor, the way
// llama.cpp's quantizer does, rather than one average bits-per-weight.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tensor_inventory.h"

namespace headroom {

// How a tensor's elements are stored. Two shapes cover every format:
//  - ggml blocks: block_elements along a row packed into block_bytes; a row must be a whole
//    number of blocks (Q4_K: 256 elements in 144 bytes).
//  - checkpoint formats: element_bits per element plus scale_bits per scale tile of
//    scale_tile_rows x scale_tile_cols elements (FP8 with 128x128 block scales; GPTQ int4 with
//    a 128-wide group scale and zero point), rounded up at the edges.
struct StorageType {
  std::string id;  // "Q4_K", "FP8_B128"
  std::int64_t block_elements = 0;  // ggml blocks; 0 for checkpoint formats
  std::int64_t block_bytes = 0;
  double element_bits = 0;  // checkpoint formats
  std::int64_t scale_tile_rows = 1;
  std::int64_t scale_tile_cols = 1;
  double scale_bits = 0;
  std::string fallback;  // used when a row is not a whole number of blocks (llama.cpp's quantizer)
  std::string source;
  bool is_block_type() const { return block_elements > 0; }
  bool is_quantized_cache_type() const { return is_block_type() && block_elements > 1; }
  double bits_per_weight() const {
    return is_block_type() ? 8.0 * double(block_bytes) / double(block_elements)
                           : element_bits + scale_bits / double(scale_tile_rows * scale_tile_cols);
  }
};

// One rule of a mix: tensors of `tensor` (a TensorClass name; "ffn_down" also covers
// ffn_down_exps and ffn_down_shexp) get `type`. `layers` narrows it: "all", or "more_bits" for
// llama.cpp's use_more_bits() layers (first and last eighth, and every third layer between).
// Rules skip norms, biases and routers unless `vectors` is set.
struct QuantRule {
  std::string tensor;
  std::string type;
  std::string layers = "all";
  bool vectors = false;
};

struct QuantMix {
  std::string id;    // "Q4_K_M"
  std::string name;  // "Q4_K_M (llama.cpp)"
  std::string default_type;
  std::vector<QuantRule> rules;  // first match wins
  // Norms, biases and routers: F32 in every GGUF (llama.cpp's quantizer leaves them alone);
  // checkpoint formats store them as they were trained (BF16) unless a rule says otherwise.
  std::string vector_type = "F32";
  bool includes_mtp = false;  // checkpoint formats keep the multi-token-prediction layers
  std::string source;
};

class QuantTable {
 public:
  QuantTable() = default;
  QuantTable(std::vector<StorageType> types, std::vector<QuantMix> mixes);

  const StorageType* find_type(const std::string& id) const;
  const QuantMix* find_mix(const std::string& id) const;
  const std::vector<StorageType>& types() const { return types_; }
  const std::vector<QuantMix>& mixes() const { return mixes_; }

  // The type a mix gives a tensor. Vectors (norms, biases) and routers stay F32, as in llama.cpp; with tied
  // embeddings the token table is also the output head and gets the output's type.
  const StorageType& type_for(const QuantMix& mix, const TensorInfo& tensor, std::int64_t n_layers,
                           bool tied_embeddings) const;

 private:
  std::vector<StorageType> types_;
  std::vector<QuantMix> mixes_;
};

// Bytes of `rows` rows of `row` elements; throws InputError when a ggml row is not a whole
// number of blocks (ggml cannot store it).
std::int64_t tensor_bytes(const StorageType& type, std::int64_t row, std::int64_t rows);

// llama.cpp's use_more_bits(i_layer, n_layers) from src/llama-quant.cpp.
bool use_more_bits(std::int64_t layer, std::int64_t n_layers);

}  // namespace headroom
