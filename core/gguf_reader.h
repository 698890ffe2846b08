// GGUF header reader: bytes in, no I/O. Reads the header (versions 2 and 3), every metadata
// value type (nested arrays included) and the tensor infos, from a prefix of the file: when the
// prefix ends inside the header it answers "need N bytes" (the browser then reads a larger
// File.slice), never guesses. From the tensor infos: the exact bytes of every tensor (block
// sizes from the catalog's QuantTable), and from the architecture metadata a ModelSpec.
// Split GGUFs ("-00001-of-00003.gguf") combine by concatenating their parts' tensors.
//
// Hostile input is bounded: every count is checked against the bytes the file can hold before
// anything is allocated, array nesting stops at depth 8, dims must be positive and their
// product fit int64, keys and tensor names must be UTF-8. Errors are InputError naming the
// field ("gguf.tensor_infos[12].dims[1]") and the byte offset.
//
// Format: ggml-org/ggml docs/gguf.md; ggml/src/gguf.cpp (gguf_init_from_file_impl) for the checks.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model_spec.h"
#include "quant.h"
#include "tensor_inventory.h"

namespace headroom {

// Metadata value types, as numbered in the file (gguf.h enum gguf_type).
enum class GgufType : std::uint32_t {
  uint8 = 0,
  int8 = 1,
  uint16 = 2,
  int16 = 3,
  uint32 = 4,
  int32 = 5,
  float32 = 6,
  boolean = 7,
  string = 8,
  array = 9,
  uint64 = 10,
  int64 = 11,
  float64 = 12,
};
const char* to_string(GgufType type);

// One metadata value. Integers keep their exact bits (`uint_value` for unsigned types and
// bool, `int_value` for signed ones); floats are widened to double. Arrays keep their length
// always, and their elements only while the file's kept-element budget lasts (tokenizer
// vocabularies of 150k strings are counted, not copied).
struct GgufValue {
  GgufType type = GgufType::uint8;
  std::uint64_t uint_value = 0;
  std::int64_t int_value = 0;
  double float_value = 0;
  std::string string_value;  // invalid UTF-8 replaced by U+FFFD (and a warning)

  GgufType element_type = GgufType::uint8;  // arrays
  std::uint64_t array_length = 0;
  bool elements_kept = false;
  std::vector<GgufValue> elements;

  bool is_integer() const;
  // The value as int64 when it is an integer (or bool) that fits; nullopt otherwise.
  std::optional<std::int64_t> as_int() const;
};

struct GgufKeyValue {
  std::string key;
  GgufValue value;
};

struct GgufTensor {
  std::string name;
  std::vector<std::int64_t> dims;  // ne0 first (the row, the quantized dimension)
  std::uint32_t ggml_type = 0;
  std::string type_name;           // "Q4_K": the type's id in assets/quants.json
  std::uint64_t offset = 0;        // from the start of its file's data section
  int split = 0;                   // which part of a split GGUF holds it (split.no)
  std::int64_t elements() const;
  std::int64_t row() const { return dims.empty() ? 1 : dims[0]; }
  std::int64_t rows() const;  // product of the dims after the first
};

struct GgufFile {
  std::uint32_t version = 0;
  std::vector<GgufKeyValue> metadata;  // in file order
  std::vector<GgufTensor> tensors;     // in file order
  std::uint32_t alignment = 32;        // general.alignment
  std::uint64_t header_bytes = 0;      // where the tensor infos end
  std::uint64_t data_offset = 0;       // the data section's start (header_bytes, aligned)
  std::vector<std::string> warnings;   // things read but repaired (invalid UTF-8 in values)

  const GgufValue* find(std::string_view key) const;
  const GgufTensor* find_tensor(std::string_view name) const;
  std::string architecture() const;  // general.architecture, "" when missing
};

// The outcome of parsing a prefix: a complete header, or how many bytes (from the file's
// start) to read before trying again. Reading more than asked (say, double) saves round trips.
struct GgufParse {
  bool complete = false;
  std::uint64_t need_bytes = 0;
  GgufFile file;
};

// Headers past this size are refused rather than read (the largest real ones, with 256k-token
// vocabularies, are a few tens of MB).
inline constexpr std::uint64_t kGgufMaxHeaderBytes = 512ull << 20;

// `bytes` is a prefix of a file of `file_size` bytes (the whole file when file_size equals
// bytes.size(); a file that ends right after its tensor infos is complete). Throws InputError
// for malformed input; a header running past file_size is an error, past the prefix a request.
GgufParse parse_gguf(std::span<const std::uint8_t> bytes, std::uint64_t file_size);
inline GgufParse parse_gguf(std::span<const std::uint8_t> bytes) { return parse_gguf(bytes, bytes.size()); }

// ggml type id -> name in assets/quants.json ("Q4_K"); nullptr for ids ggml does not define.
const char* ggml_type_name(std::uint32_t ggml_type);

// Exact bytes of one tensor at its ggml type's block size from `quants` (InputError when the
// type is not in the catalog or a row is not a whole number of blocks).
std::int64_t gguf_tensor_bytes(const GgufTensor& tensor, const QuantTable& quants);

// One tensor's bytes with its inventory class (nullopt for names the inventory has no class for)
// and block index (-1 outside the blocks).
struct GgufTensorSize {
  const GgufTensor* tensor = nullptr;
  std::optional<TensorClass> cls;
  int layer = -1;
  std::int64_t bytes = 0;
};
std::vector<GgufTensorSize> gguf_tensor_sizes(const GgufFile& file, const QuantTable& quants);

// The sum over every tensor: the weights bytes of a dropped GGUF. Also checks, as llama.cpp
// does, that each tensor starts where the one before it ends (aligned), so a size table that
// disagrees with the file is an error, not a silent miscount.
std::int64_t gguf_weights_bytes(const GgufFile& file, const QuantTable& quants);

// A GGUF tensor name's class in the tensor inventory ("blk.3.ffn_down_exps.weight" ->
// ffn_down_exps, layer 3).
std::optional<TensorClass> gguf_tensor_class(std::string_view name, int* layer = nullptr);

// The model from general.architecture's metadata (llama, qwen2, qwen2moe, qwen3, qwen3moe,
// gemma2, gemma3, gpt-oss, deepseek2, mistral-like others through the common keys), with
// features (biases, q/k norms, tied embeddings, sinks) read from which tensors exist.
// `warnings` gets what could not be represented exactly. Throws InputError naming the key.
ModelSpec model_from_gguf(const GgufFile& file, std::vector<std::string>* warnings = nullptr);

// "model-00002-of-00005.gguf" -> {"model", 2, 5}; nullopt for a name without the suffix.
struct GgufSplitName {
  std::string prefix;
  int index = 0;  // 1-based, as in the name
  int count = 0;
};
std::optional<GgufSplitName> parse_gguf_split_name(std::string_view filename);

// Combines the parts of a split GGUF (any order): split.count must agree, each split.no appear
// once; the result has part 0's metadata and every part's tensors (GgufTensor::split set).
// A single unsplit file passes through.
GgufFile combine_gguf_splits(std::span<const GgufFile> parts);

}  // namespace headroom
