// safetensors readers: bytes in, no I/O. A .safetensors file starts with a little-endian u64
// header length N, then N bytes of JSON: {"__metadata__": {str: str}, "<tensor>": {"dtype",
// "shape", "data_offsets": [begin, end]}, ...}, then the data. The header alone gives every
// tensor's dtype, shape and bytes; like the GGUF reader it works from a prefix of the file and
// asks for more bytes when the header runs past it. model.safetensors.index.json gives the
// checkpoint's total size and which file holds each tensor.
//
// Checks follow huggingface/safetensors safetensors/src/tensor.rs (read_metadata, validate):
// header at most 100 MB, offsets contiguous from 0 with no holes or overlaps, each tensor's
// byte range equal to its elements times its dtype's size, no overflow.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace headroom {

struct SafetensorsTensor {
  std::string name;
  std::string dtype;  // "BF16", "F8_E4M3", ...
  std::vector<std::int64_t> shape;
  std::int64_t begin = 0;  // data_offsets, from the start of the data section
  std::int64_t end = 0;
  std::int64_t bytes() const { return end - begin; }
  std::int64_t elements() const;
};

struct SafetensorsHeader {
  std::uint64_t header_length = 0;  // N: the JSON's bytes
  std::uint64_t data_offset = 0;    // 8 + N
  std::vector<SafetensorsTensor> tensors;                       // in data order
  std::vector<std::pair<std::string, std::string>> metadata;    // __metadata__, sorted by key
  std::int64_t total_bytes = 0;  // every tensor's bytes: the data section's size
};

struct SafetensorsParse {
  bool complete = false;
  std::uint64_t need_bytes = 0;  // when not complete: read this many bytes from the start
  SafetensorsHeader header;
};

inline constexpr std::uint64_t kSafetensorsMaxHeaderBytes = 100'000'000;  // MAX_HEADER_SIZE

// `bytes` is a prefix of a file of `file_size` bytes. When the whole file is present (more
// than the header), the data section must be exactly total_bytes long. Throws InputError
// ("safetensors.<tensor>.data_offsets: ...").
SafetensorsParse parse_safetensors_header(std::span<const std::uint8_t> bytes, std::uint64_t file_size);
inline SafetensorsParse parse_safetensors_header(std::span<const std::uint8_t> bytes) {
  return parse_safetensors_header(bytes, bytes.size());
}

// Bits per element of a safetensors dtype (F4 is 4, F6_* 6), or 0 for a name it does not define.
int safetensors_dtype_bits(std::string_view dtype);

struct SafetensorsIndex {
  std::optional<std::int64_t> total_size;                       // metadata.total_size
  std::vector<std::pair<std::string, std::string>> weight_map;  // tensor -> file, sorted by tensor
  std::vector<std::string> files;                               // distinct files, sorted
};

// model.safetensors.index.json text. Throws InputError naming the field.
SafetensorsIndex parse_safetensors_index(std::string_view json_text);

}  // namespace headroom
