// Weight formats. A StorageType is one storage type (block of elements -> bytes, as ggml defines
// it); a QuantMix is a named file type ("Q4_K_M") that assigns a type to each tensor, the way
// llama.cpp's quantizer does, rather than one average bits-per-weight.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
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
  // Whether a row of `row` elements is whole blocks. Blocks are powers of two in every ggml
  // type: a mask, not a 64-bit division, which was the costliest instruction of sizing every
  // model in every format (what-runs' first use).
  bool whole_blocks(std::int64_t row) const {
    return (block_elements & (block_elements - 1)) == 0 ? (row & (block_elements - 1)) == 0 : row % block_elements == 0;
  }
  // Blocks in a row that whole_blocks() accepted: a shift for the same reason (exact for a
  // whole number of blocks, negative or not).
  std::int64_t blocks_in(std::int64_t row) const {
    return (block_elements & (block_elements - 1)) == 0
               ? row >> std::countr_zero(static_cast<std::uint64_t>(block_elements))
               : row / block_elements;
  }
  bool is_quantized_cache_type() const { return is_block_type() && block_elements > 1; }
  double bits_per_weight() const {
    return is_block_type() ? 8.0 * double(block_bytes) / double(block_elements)
                           : element_bits + scale_bits / double(scale_tile_rows * scale_tile_cols);
  }
};

// One rule of a mix: tensors of `tensor` get `type`. `tensor` names a llama.cpp quantizer
// category (token_embd, output, attn_q, attn_k, attn_v (also MLA's attn_kv_b), attn_output,
// ffn_gate, ffn_up, ffn_down; "ffn_down" also covers ffn_down_exps and ffn_down_shexp) or a
// TensorClass name. `layers` narrows it by the tensor's position i among n: "all", "more_bits"
// (llama.cpp's use_more_bits: first and last eighth, and every third layer between),
// "first_eighth", "first_sixteenth", "middle" (n/8 <= i < 7n/8), "first_2", "first_4". For
// attn_v, i and n count attn_v tensors; otherwise they are the layer and the layer count.
// `when` lists model conditions that must all hold: "experts==8", "experts>=4", "gqa>=4",
// "gqa>=4|experts>=4", "llama_70b". Rules skip norms, biases and routers unless `vectors`.
struct QuantRule {
  std::string tensor;
  std::string type;
  std::string layers = "all";
  bool vectors = false;
  std::vector<std::string> when;
};

// Checks a rule's `layers` and `when` words; returns an error text or "".
std::string check_rule_words(const QuantRule& rule);

struct QuantMix {
  std::string id;    // "Q4_K_M"
  std::string name;  // "Q4_K_M (llama.cpp)"
  std::string default_type;
  std::vector<QuantRule> rules;  // first match wins
  // Norms, biases and routers: F32 in every GGUF (llama.cpp's quantizer leaves them alone);
  // checkpoint formats store them as they were trained (BF16) unless a rule says otherwise.
  std::string vector_type = "F32";
  bool includes_mtp = false;  // checkpoint formats keep the multi-token-prediction layers
  // Formats made at any average bit rate (EXL2, EXL3): "<id>_<bits>" (EXL2_4.65, two decimals
  // at most, within the range) names this mix with its default type's element_bits set to
  // <bits>; the plain id is the format at its default type's rate.
  std::optional<std::pair<double, double>> bits_range;
  std::vector<std::string> loaded_by;  // engines other than llama.cpp that load it (quants.json "loaders")
  std::string source;

  bool loaded_by_engine(std::string_view engine) const {
    return std::find(loaded_by.begin(), loaded_by.end(), engine) != loaded_by.end();
  }
};

class QuantTable {
 public:
  QuantTable() = default;
  QuantTable(std::vector<StorageType> types, std::vector<QuantMix> mixes);

  const StorageType* find_type(const std::string& id) const;
  // A listed mix, or a bit-rate variant of one ("EXL2_4.65": see QuantMix::bits_range), made
  // once and kept for the table's lifetime (pointers stay valid; copies share them).
  const QuantMix* find_mix(const std::string& id) const;
  const std::vector<StorageType>& types() const { return types_; }
  const std::vector<QuantMix>& mixes() const { return mixes_; }

  // Every tensor's storage type under `mix`, in inventory order, the way llama.cpp's quantizer
  // picks them (and its fallbacks when a row does not fill whole blocks).
  std::vector<const StorageType*> assign_types(const QuantMix& mix, const std::vector<TensorInfo>& inventory,
                                               const ModelSpec& spec) const;

 private:
  std::vector<StorageType> types_;
  std::vector<QuantMix> mixes_;
  struct Variants {  // bit-rate variants made on demand
    std::mutex mutex;
    std::map<std::string, std::unique_ptr<QuantMix>> mixes;
    std::map<std::string, std::unique_ptr<StorageType>> types;
  };
  std::shared_ptr<Variants> variants_ = std::make_shared<Variants>();
  const QuantMix* find_variant(const std::string& id) const;
};

// Bytes of `rows` rows of `row` elements; throws InputError when a ggml row is not a whole
// number of blocks (ggml cannot store it).
std::int64_t tensor_bytes(const StorageType& type, std::int64_t row, std::int64_t rows);

// llama.cpp's use_more_bits(i_layer, n_layers) from src/llama-quant.cpp.
bool use_more_bits(std::int64_t layer, std::int64_t n_layers);

}  // namespace headroom
