// GGUF header reader. Sections:
//   [types]     ggml type ids -> catalog type names, metadata value types
//   [reader]    the bounded byte cursor: errors vs "need more bytes"
//   [parse]     header, metadata, tensor infos
//   [sizes]     bytes per tensor, classes, the offset check
//   [model]     architecture metadata -> ModelSpec
//   [splits]    split file names and combining parts
#include "gguf_reader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "errors.h"
#include "units.h"
#include "utf8.h"

namespace headroom {
namespace {

// ---------------------------------------------------------------------------------- [types]

// ggml's enum ggml_type, ggml-org/llama.cpp ggml/include/ggml.h (commit 004eaba8, checked
// against ggml-org/ggml): ids 4, 5 (Q4_2, Q4_3) and 31-33, 36-38 (the repacked Q4_0_4_4 ...
// IQ4_NL_8_8 layouts) were removed from GGUF files; GGML_TYPE_COUNT is 40. The names are the
// type ids of assets/quants.json, which holds their block sizes.
constexpr std::array<const char*, 40> kGgmlTypeNames = {
    "F32",     // 0  GGML_TYPE_F32
    "F16",     // 1  GGML_TYPE_F16
    "Q4_0",    // 2  GGML_TYPE_Q4_0
    "Q4_1",    // 3  GGML_TYPE_Q4_1
    nullptr,   // 4  (Q4_2, removed)
    nullptr,   // 5  (Q4_3, removed)
    "Q5_0",    // 6  GGML_TYPE_Q5_0
    "Q5_1",    // 7  GGML_TYPE_Q5_1
    "Q8_0",    // 8  GGML_TYPE_Q8_0
    "Q8_1",    // 9  GGML_TYPE_Q8_1
    "Q2_K",    // 10 GGML_TYPE_Q2_K
    "Q3_K",    // 11 GGML_TYPE_Q3_K
    "Q4_K",    // 12 GGML_TYPE_Q4_K
    "Q5_K",    // 13 GGML_TYPE_Q5_K
    "Q6_K",    // 14 GGML_TYPE_Q6_K
    "Q8_K",    // 15 GGML_TYPE_Q8_K
    "IQ2_XXS", // 16 GGML_TYPE_IQ2_XXS
    "IQ2_XS",  // 17 GGML_TYPE_IQ2_XS
    "IQ3_XXS", // 18 GGML_TYPE_IQ3_XXS
    "IQ1_S",   // 19 GGML_TYPE_IQ1_S
    "IQ4_NL",  // 20 GGML_TYPE_IQ4_NL
    "IQ3_S",   // 21 GGML_TYPE_IQ3_S
    "IQ2_S",   // 22 GGML_TYPE_IQ2_S
    "IQ4_XS",  // 23 GGML_TYPE_IQ4_XS
    "I8",      // 24 GGML_TYPE_I8
    "I16",     // 25 GGML_TYPE_I16
    "I32",     // 26 GGML_TYPE_I32
    "I64",     // 27 GGML_TYPE_I64
    "F64",     // 28 GGML_TYPE_F64
    "IQ1_M",   // 29 GGML_TYPE_IQ1_M
    "BF16",    // 30 GGML_TYPE_BF16
    nullptr,   // 31 (Q4_0_4_4, removed from GGUF files)
    nullptr,   // 32 (Q4_0_4_8, removed)
    nullptr,   // 33 (Q4_0_8_8, removed)
    "TQ1_0",   // 34 GGML_TYPE_TQ1_0
    "TQ2_0",   // 35 GGML_TYPE_TQ2_0
    nullptr,   // 36 (IQ4_NL_4_4, removed)
    nullptr,   // 37 (IQ4_NL_4_8, removed)
    nullptr,   // 38 (IQ4_NL_8_8, removed)
    "MXFP4",   // 39 GGML_TYPE_MXFP4
};

// Fewest bytes one array element of each value type takes in the file (an array element that
// is itself an array: its type and length).
std::uint64_t min_value_bytes(GgufType t) {
  switch (t) {
    case GgufType::uint8: case GgufType::int8: case GgufType::boolean: return 1;
    case GgufType::uint16: case GgufType::int16: return 2;
    case GgufType::uint32: case GgufType::int32: case GgufType::float32: return 4;
    case GgufType::uint64: case GgufType::int64: case GgufType::float64: return 8;
    case GgufType::string: return 8;
    case GgufType::array: return 12;
  }
  return 1;
}

bool is_fixed_size(GgufType t) { return t != GgufType::string && t != GgufType::array; }

// Smallest key-value pair: a 1-byte key (8 + 1), its type (4), a 1-byte value.
constexpr std::uint64_t kMinKeyValueBytes = 8 + 1 + 4 + 1;
// Smallest tensor info: a 1-byte name (8 + 1), n_dims (4), no dims, type (4), offset (8).
constexpr std::uint64_t kMinTensorInfoBytes = 8 + 1 + 4 + 4 + 8;
constexpr int kMaxArrayDepth = 8;
constexpr std::uint32_t kMaxDims = 4;  // GGML_MAX_DIMS
// Array elements kept in memory, per array and per file; longer arrays are counted only.
constexpr std::uint64_t kMaxKeptPerArray = 16384;
constexpr std::uint64_t kMaxKeptPerFile = 65536;

// A name for an error message: printable ASCII kept, the rest escaped, long names cut.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size() && i < 80; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out += char(c);
    } else {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (s.size() > 80) out += "...";
  return out + "\"";
}

// --------------------------------------------------------------------------------- [reader]

struct NeedMore {
  std::uint64_t bytes;
};

class Reader {
 public:
  Reader(std::span<const std::uint8_t> bytes, std::uint64_t file_size)
      : bytes_(bytes), file_size_(std::max<std::uint64_t>(file_size, bytes.size())) {}

  std::uint64_t pos() const { return pos_; }
  std::uint64_t left_in_file() const { return file_size_ - pos_; }

  // Makes n bytes at the cursor readable: an InputError when the file ends first, NeedMore
  // when only the prefix does.
  void need(std::uint64_t n, const std::string& field) {
    if (n > left_in_file())
      throw InputError(field, "the file ends at byte " + std::to_string(file_size_) + ", but this needs " +
                                  std::to_string(n) + " bytes from byte " + std::to_string(pos_) +
                                  " (truncated or corrupt file)");
    const std::uint64_t end = pos_ + n;
    if (end > kGgufMaxHeaderBytes)
      throw InputError(field, "the header runs past " + std::to_string(kGgufMaxHeaderBytes >> 20) +
                                  " MiB (at byte " + std::to_string(pos_) + "); no real GGUF header is that large");
    if (end > bytes_.size()) throw NeedMore{end};
  }

  template <class T>
  T read(const std::string& field) {
    need(sizeof(T), field);
    T v{};
    // GGUF is little-endian; so is every target this builds for (x86-64, wasm32, arm64).
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }

  void skip(std::uint64_t n, const std::string& field) {
    need(n, field);
    pos_ += n;
  }

  std::string_view read_string(const std::string& field) {
    const std::uint64_t at = pos_;
    const auto len = read<std::uint64_t>(field);
    if (len > left_in_file())
      throw InputError(field, "string length " + std::to_string(len) + " at byte " + std::to_string(at) +
                                  " runs past the end of the file (" + std::to_string(left_in_file()) +
                                  " bytes left)");
    need(len, field);
    std::string_view s(reinterpret_cast<const char*>(bytes_.data() + pos_), std::size_t(len));
    pos_ += len;
    return s;
  }

  [[noreturn]] void fail(const std::string& field, const std::string& message, std::uint64_t at) const {
    throw InputError(field, message + " (at byte " + std::to_string(at) + ")");
  }

 private:
  std::span<const std::uint8_t> bytes_;
  std::uint64_t file_size_;
  std::uint64_t pos_ = 0;
};

// ---------------------------------------------------------------------------------- [parse]

class Parser {
 public:
  Parser(std::span<const std::uint8_t> bytes, std::uint64_t file_size) : r_(bytes, file_size) {}

  GgufFile run() {
    GgufFile f;
    header(f);
    const auto kv_at = r_.pos();
    const auto n_tensors = r_.read<std::uint64_t>("gguf.tensor_count");
    const auto n_kv = r_.read<std::uint64_t>("gguf.metadata_kv_count");
    // Counts are checked against what the rest of the file can hold before anything is sized.
    bound_count(n_kv, kMinKeyValueBytes, "gguf.metadata_kv_count", "key-value pairs", kv_at + 8);
    bound_count(n_tensors, kMinTensorInfoBytes, "gguf.tensor_count", "tensor infos", kv_at);
    metadata(f, n_kv);
    bound_count(n_tensors, kMinTensorInfoBytes, "gguf.tensor_count", "tensor infos", kv_at);
    tensor_infos(f, n_tensors);
    f.header_bytes = r_.pos();
    f.data_offset = (f.header_bytes + f.alignment - 1) / f.alignment * f.alignment;
    return f;
  }

 private:
  void header(GgufFile& f) {
    const auto magic = r_.read<std::uint32_t>("gguf.magic");
    if (magic != 0x46554747u)  // "GGUF" read little-endian
      r_.fail("gguf.magic", "not a GGUF file: it does not start with \"GGUF\"", 0);
    f.version = r_.read<std::uint32_t>("gguf.version");
    if (f.version == 1)
      r_.fail("gguf.version",
              "GGUF version 1 (32-bit counts, from before llama.cpp's August 2023 format change) is not supported; "
              "re-convert the model with a current llama.cpp",
              4);
    if (f.version != 2 && f.version != 3) {
      const bool swapped = (f.version & 0xFFFF) == 0 && f.version != 0;
      r_.fail("gguf.version",
              "unsupported GGUF version " + std::to_string(f.version) + " (versions 2 and 3 are read)" +
                  (swapped ? "; this looks like a big-endian file, which is not supported" : ""),
              4);
    }
  }

  void bound_count(std::uint64_t n, std::uint64_t min_bytes, const char* field, const char* what, std::uint64_t at) {
    const std::uint64_t most = r_.left_in_file() / min_bytes;
    if (n > most)
      r_.fail(field,
              "claims " + std::to_string(n) + " " + what + ", but the " + std::to_string(r_.left_in_file()) +
                  " bytes left in the file hold at most " + std::to_string(most),
              at);
  }

  void metadata(GgufFile& f, std::uint64_t n_kv) {
    std::unordered_set<std::string> seen;
    f.metadata.reserve(std::size_t(std::min<std::uint64_t>(n_kv, 4096)));
    for (std::uint64_t i = 0; i < n_kv; ++i) {
      const std::string field = "gguf.metadata[" + std::to_string(i) + "]";
      const std::uint64_t at = r_.pos();
      const std::string_view key = r_.read_string(field + ".key");
      if (key.empty()) r_.fail(field + ".key", "is empty", at);
      if (const auto bad = first_invalid_utf8(key); bad != std::string_view::npos)
        r_.fail(field + ".key", "is not valid UTF-8 (byte " + std::to_string(bad) + " of " + quoted(key) + ")", at);
      GgufKeyValue kv;
      kv.key = std::string(key);
      if (!seen.insert(kv.key).second) r_.fail(field + ".key", "duplicate key " + quoted(key), at);
      const std::string vfield = "gguf.metadata." + kv.key;
      const auto type = read_type(vfield);
      kv.value = value(type, vfield, 1, f, true);
      if (kv.key == "general.alignment") alignment(f, kv.value, vfield, at);
      f.metadata.push_back(std::move(kv));
    }
  }

  void alignment(GgufFile& f, const GgufValue& v, const std::string& field, std::uint64_t at) {
    if (v.type != GgufType::uint32) r_.fail(field, std::string("must be a uint32 (got ") + to_string(v.type) + ")", at);
    if (v.uint_value == 0 || (v.uint_value & (v.uint_value - 1)) != 0)
      r_.fail(field, "must be a power of two (got " + std::to_string(v.uint_value) + ")", at);
    f.alignment = std::uint32_t(v.uint_value);
  }

  GgufType read_type(const std::string& field) {
    const std::uint64_t at = r_.pos();
    const auto t = r_.read<std::uint32_t>(field + ".type");
    if (t > std::uint32_t(GgufType::float64))
      r_.fail(field + ".type", "unknown metadata value type " + std::to_string(t) + " (0 to 12 are defined)", at);
    return GgufType(t);
  }

  // `keep`: the value is stored (false inside arrays too long to keep: read, checked, dropped).
  GgufValue value(GgufType type, const std::string& field, int depth, GgufFile& f, bool keep) {
    GgufValue v;
    v.type = type;
    switch (type) {
      case GgufType::uint8: v.uint_value = r_.read<std::uint8_t>(field); break;
      case GgufType::int8: v.int_value = r_.read<std::int8_t>(field); break;
      case GgufType::uint16: v.uint_value = r_.read<std::uint16_t>(field); break;
      case GgufType::int16: v.int_value = r_.read<std::int16_t>(field); break;
      case GgufType::uint32: v.uint_value = r_.read<std::uint32_t>(field); break;
      case GgufType::int32: v.int_value = r_.read<std::int32_t>(field); break;
      case GgufType::uint64: v.uint_value = r_.read<std::uint64_t>(field); break;
      case GgufType::int64: v.int_value = r_.read<std::int64_t>(field); break;
      case GgufType::float32: v.float_value = r_.read<float>(field); break;
      case GgufType::float64: v.float_value = r_.read<double>(field); break;
      case GgufType::boolean: v.uint_value = r_.read<std::uint8_t>(field) != 0; break;
      case GgufType::string: {
        const std::string_view s = r_.read_string(field);
        if (!keep) break;
        if (first_invalid_utf8(s) == std::string_view::npos) {
          v.string_value = std::string(s);
        } else {
          v.string_value = repair_utf8(s);
          if (f.warnings.size() < 16) f.warnings.push_back(field + ": invalid UTF-8 replaced by U+FFFD");
        }
        break;
      }
      case GgufType::array: array(v, field, depth, f, keep); break;
    }
    return v;
  }

  void array(GgufValue& v, const std::string& field, int depth, GgufFile& f, bool keep) {
    const std::uint64_t at = r_.pos();
    if (depth > kMaxArrayDepth) r_.fail(field, "arrays nested deeper than " + std::to_string(kMaxArrayDepth), at);
    v.element_type = read_type(field);
    const std::uint64_t count_at = r_.pos();
    v.array_length = r_.read<std::uint64_t>(field + ".length");
    const std::uint64_t min_bytes = min_value_bytes(v.element_type);
    if (v.array_length > r_.left_in_file() / min_bytes)
      r_.fail(field + ".length",
              "claims " + std::to_string(v.array_length) + " elements of " + to_string(v.element_type) + ", but the " +
                  std::to_string(r_.left_in_file()) + " bytes left in the file hold at most " +
                  std::to_string(r_.left_in_file() / min_bytes),
              count_at);
    v.elements_kept = keep && v.array_length <= kMaxKeptPerArray && kept_ + v.array_length <= kMaxKeptPerFile;
    if (!v.elements_kept && is_fixed_size(v.element_type)) {
      r_.skip(v.array_length * min_bytes, field);
      return;
    }
    if (v.elements_kept) {
      kept_ += v.array_length;
      v.elements.reserve(std::size_t(v.array_length));
    }
    for (std::uint64_t i = 0; i < v.array_length; ++i) {
      // Elements of long arrays are named by the array (the byte offset locates them).
      const std::string efield = v.elements_kept ? field + "[" + std::to_string(i) + "]" : field;
      GgufValue e = value(v.element_type, efield, depth + 1, f, v.elements_kept);
      if (v.elements_kept) v.elements.push_back(std::move(e));
    }
  }

  void tensor_infos(GgufFile& f, std::uint64_t n_tensors) {
    std::unordered_set<std::string> seen;
    f.tensors.reserve(std::size_t(std::min<std::uint64_t>(n_tensors, 1u << 16)));
    for (std::uint64_t i = 0; i < n_tensors; ++i) {
      const std::string field = "gguf.tensor_infos[" + std::to_string(i) + "]";
      const std::uint64_t at = r_.pos();
      GgufTensor t;
      const std::string_view name = r_.read_string(field + ".name");
      if (name.empty()) r_.fail(field + ".name", "is empty", at);
      if (const auto bad = first_invalid_utf8(name); bad != std::string_view::npos)
        r_.fail(field + ".name", "is not valid UTF-8 (byte " + std::to_string(bad) + " of " + quoted(name) + ")", at);
      t.name = std::string(name);
      if (!seen.insert(t.name).second) r_.fail(field + ".name", "duplicate tensor name " + quoted(name), at);
      const std::uint64_t dims_at = r_.pos();
      const auto n_dims = r_.read<std::uint32_t>(field + ".n_dims");
      if (n_dims > kMaxDims)
        r_.fail(field + ".n_dims", "is " + std::to_string(n_dims) + "; ggml tensors have at most 4 dimensions", dims_at);
      std::int64_t elements = 1;
      for (std::uint32_t d = 0; d < n_dims; ++d) {
        const std::string dfield = field + ".dims[" + std::to_string(d) + "]";
        const std::uint64_t dim_at = r_.pos();
        const auto dim = r_.read<std::uint64_t>(dfield);
        if (dim == 0) r_.fail(dfield, "is 0 in tensor " + quoted(name) + "; every dimension must be at least 1", dim_at);
        if (dim > std::uint64_t(std::numeric_limits<std::int64_t>::max()) ||
            __builtin_mul_overflow(elements, std::int64_t(dim), &elements))
          r_.fail(field + ".dims",
                  "tensor " + quoted(name) + " has more elements than a 64-bit count holds (dimension " +
                      std::to_string(dim) + ")",
                  dim_at);
        t.dims.push_back(std::int64_t(dim));
      }
      const std::uint64_t type_at = r_.pos();
      t.ggml_type = r_.read<std::uint32_t>(field + ".type");
      const char* type_name = ggml_type_name(t.ggml_type);
      if (!type_name)
        r_.fail(field + ".type",
                "unknown ggml type " + std::to_string(t.ggml_type) + " for tensor " + quoted(name) +
                    (t.ggml_type >= 31 && t.ggml_type <= 38 && t.ggml_type != 34 && t.ggml_type != 35
                         ? " (a repacked Q4_0/IQ4_NL layout that GGUF files no longer carry; re-quantize)"
                         : ""),
                type_at);
      t.type_name = type_name;
      const std::uint64_t offset_at = r_.pos();
      t.offset = r_.read<std::uint64_t>(field + ".offset");
      if (t.offset % f.alignment != 0)
        r_.fail(field + ".offset",
                "is " + std::to_string(t.offset) + ", not a multiple of the alignment (" + std::to_string(f.alignment) + ")",
                offset_at);
      if (t.offset > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        r_.fail(field + ".offset", "is past any file size (" + std::to_string(t.offset) + ")", offset_at);
      f.tensors.push_back(std::move(t));
    }
  }

  Reader r_;
  std::uint64_t kept_ = 0;
};

}  // namespace

const char* to_string(GgufType type) {
  switch (type) {
    case GgufType::uint8: return "uint8";
    case GgufType::int8: return "int8";
    case GgufType::uint16: return "uint16";
    case GgufType::int16: return "int16";
    case GgufType::uint32: return "uint32";
    case GgufType::int32: return "int32";
    case GgufType::float32: return "float32";
    case GgufType::boolean: return "bool";
    case GgufType::string: return "string";
    case GgufType::array: return "array";
    case GgufType::uint64: return "uint64";
    case GgufType::int64: return "int64";
    case GgufType::float64: return "float64";
  }
  return "?";
}

bool GgufValue::is_integer() const {
  switch (type) {
    case GgufType::uint8: case GgufType::int8: case GgufType::uint16: case GgufType::int16:
    case GgufType::uint32: case GgufType::int32: case GgufType::uint64: case GgufType::int64:
    case GgufType::boolean: return true;
    default: return false;
  }
}

std::optional<std::int64_t> GgufValue::as_int() const {
  switch (type) {
    case GgufType::int8: case GgufType::int16: case GgufType::int32: case GgufType::int64: return int_value;
    case GgufType::uint8: case GgufType::uint16: case GgufType::uint32: case GgufType::uint64: case GgufType::boolean:
      if (uint_value > std::uint64_t(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
      return std::int64_t(uint_value);
    default: return std::nullopt;
  }
}

std::int64_t GgufTensor::elements() const {
  std::int64_t n = 1;
  for (auto d : dims) n *= d;  // checked when read
  return n;
}

std::int64_t GgufTensor::rows() const {
  std::int64_t n = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) n *= dims[i];
  return n;
}

const GgufValue* GgufFile::find(std::string_view key) const {
  for (const auto& kv : metadata)
    if (kv.key == key) return &kv.value;
  return nullptr;
}

const GgufTensor* GgufFile::find_tensor(std::string_view name) const {
  for (const auto& t : tensors)
    if (t.name == name) return &t;
  return nullptr;
}

std::string GgufFile::architecture() const {
  const GgufValue* v = find("general.architecture");
  return v && v->type == GgufType::string ? v->string_value : "";
}

GgufParse parse_gguf(std::span<const std::uint8_t> bytes, std::uint64_t file_size) {
  GgufParse out;
  try {
    out.file = Parser(bytes, file_size).run();
    out.complete = true;
  } catch (const NeedMore& more) {
    out.need_bytes = more.bytes;
  }
  return out;
}

const char* ggml_type_name(std::uint32_t ggml_type) {
  return ggml_type < kGgmlTypeNames.size() ? kGgmlTypeNames[ggml_type] : nullptr;
}

// ---------------------------------------------------------------------------------- [sizes]
namespace {

std::int64_t tensor_bytes_at(const GgufTensor& t, const QuantTable& quants, const std::string& field) {
  const StorageType* type = quants.find_type(t.type_name);
  if (!type || !type->is_block_type())
    throw InputError(field + ".type", "tensor " + quoted(t.name) + " is stored as " + t.type_name + " (ggml type " +
                                          std::to_string(t.ggml_type) +
                                          "), which the weight-format catalog (assets/quants.json) does not define");
  if (t.row() % type->block_elements != 0)
    throw InputError(field + ".dims", "tensor " + quoted(t.name) + ": a row of " + std::to_string(t.row()) +
                                          " elements is not a whole number of " + type->id + " blocks (" +
                                          std::to_string(type->block_elements) + ")");
  const std::int64_t row_bytes = checked_mul(t.row() / type->block_elements, type->block_bytes, "gguf.tensor bytes");
  std::int64_t bytes = 0;
  if (__builtin_mul_overflow(row_bytes, t.rows(), &bytes))
    throw InputError(field + ".dims", "tensor " + quoted(t.name) + " is larger than 2^63 bytes");
  return bytes;
}

std::string tensor_field(std::size_t i) { return "gguf.tensor_infos[" + std::to_string(i) + "]"; }

// Every class whose to_string() is also the GGUF tensor's base name.
constexpr TensorClass kNamedClasses[] = {
    TensorClass::token_embedding, TensorClass::output_head,   TensorClass::output_norm,    TensorClass::attn_q,
    TensorClass::attn_k,          TensorClass::attn_v,        TensorClass::attn_output,    TensorClass::attn_sinks,
    TensorClass::attn_q_a,        TensorClass::attn_q_b,      TensorClass::attn_kv_a_mqa,  TensorClass::attn_kv_b,
    TensorClass::ffn_gate,        TensorClass::ffn_up,        TensorClass::ffn_down,       TensorClass::ffn_gate_inp,
    TensorClass::exp_probs_b,     TensorClass::ffn_gate_exps, TensorClass::ffn_up_exps,    TensorClass::ffn_down_exps,
    TensorClass::ffn_gate_shexp,  TensorClass::ffn_up_shexp,  TensorClass::ffn_down_shexp,
};

}  // namespace

std::int64_t gguf_tensor_bytes(const GgufTensor& tensor, const QuantTable& quants) {
  return tensor_bytes_at(tensor, quants, "gguf." + tensor.name);
}

std::optional<TensorClass> gguf_tensor_class(std::string_view name, int* layer) {
  if (layer) *layer = -1;
  std::string_view base = name;
  if (base.starts_with("blk.")) {
    base.remove_prefix(4);
    const auto dot = base.find('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    int il = 0;
    const auto [p, ec] = std::from_chars(base.data(), base.data() + dot, il);
    if (ec != std::errc() || p != base.data() + dot) return std::nullopt;
    if (layer) *layer = il;
    base.remove_prefix(dot + 1);
  }
  for (const char* suffix : {".weight", ".bias", ".scale"})
    if (base.ends_with(suffix)) {
      base.remove_suffix(std::strlen(suffix));
      break;
    }
  for (TensorClass cls : kNamedClasses)
    if (base == to_string(cls)) return cls;
  // llama.cpp's MLA split of attn_kv_b (newer deepseek2 GGUFs) and every RMS norm in a block.
  if (base == "attn_k_b" || base == "attn_v_b") return TensorClass::attn_kv_b;
  if (base.ends_with("norm") && base != "output_norm") return TensorClass::norm;
  return std::nullopt;
}

std::vector<GgufTensorSize> gguf_tensor_sizes(const GgufFile& file, const QuantTable& quants) {
  std::vector<GgufTensorSize> out;
  out.reserve(file.tensors.size());
  for (std::size_t i = 0; i < file.tensors.size(); ++i) {
    GgufTensorSize s;
    s.tensor = &file.tensors[i];
    s.cls = gguf_tensor_class(s.tensor->name, &s.layer);
    s.bytes = tensor_bytes_at(*s.tensor, quants, tensor_field(i));
    out.push_back(s);
  }
  return out;
}

std::int64_t gguf_weights_bytes(const GgufFile& file, const QuantTable& quants) {
  std::int64_t total = 0;
  // Per part of a split file: each tensor starts where the previous one ended, aligned.
  std::map<int, std::uint64_t> next;  // split -> where its next tensor starts
  const std::uint64_t align = file.alignment ? file.alignment : 32;
  for (std::size_t i = 0; i < file.tensors.size(); ++i) {
    const GgufTensor& t = file.tensors[i];
    const std::string field = tensor_field(i);
    const std::int64_t bytes = tensor_bytes_at(t, quants, field);
    const auto it = next.try_emplace(t.split, 0).first;
    if (t.offset != it->second)
      throw InputError(field + ".offset",
                       "tensor " + quoted(t.name) + " starts at data byte " + std::to_string(t.offset) +
                           ", but the tensors before it end at " + std::to_string(it->second) +
                           " (the file's layout disagrees with the type sizes)");
    const std::uint64_t end = t.offset + std::uint64_t(bytes);  // offset < 2^63, bytes < 2^63
    it->second = (end + align - 1) / align * align;
    total = checked_add(total, bytes, "gguf.weights_bytes");
  }
  return total;
}

// ---------------------------------------------------------------------------------- [model]
namespace {

class Metadata {
 public:
  Metadata(const GgufFile& f, std::string arch) : f_(f), arch_(std::move(arch)) {}

  std::string key(const char* suffix) const { return arch_ + "." + suffix; }
  static std::string field(const std::string& key) { return "gguf.metadata." + key; }
  const GgufValue* find(const char* suffix) const { return f_.find(key(suffix)); }

  std::int64_t integer(const GgufValue& v, const std::string& k) const {
    const auto i = v.as_int();
    if (!i) throw InputError(field(k), std::string("must be an integer (got ") + to_string(v.type) + ")");
    return *i;
  }

  std::optional<std::int64_t> optional_int(const char* suffix) const {
    const GgufValue* v = find(suffix);
    if (!v) return std::nullopt;
    return integer(*v, key(suffix));
  }
  std::int64_t int_or(const char* suffix, std::int64_t fallback) const { return optional_int(suffix).value_or(fallback); }
  std::int64_t required_int(const char* suffix) const {
    const auto v = optional_int(suffix);
    if (!v) throw InputError(field(key(suffix)), "is missing (needed for a " + arch_ + " model)");
    return *v;
  }

  // A value that is one integer or one per layer.
  std::optional<std::vector<std::int64_t>> per_layer(const char* suffix, std::int64_t n_layers) const {
    const GgufValue* v = find(suffix);
    if (!v) return std::nullopt;
    const std::string k = key(suffix);
    if (v->type != GgufType::array)
      return std::vector<std::int64_t>(std::size_t(n_layers), integer(*v, k));
    if (!v->elements_kept || std::int64_t(v->array_length) != n_layers)
      throw InputError(field(k), "must be one integer or one per layer (" + std::to_string(n_layers) + "), got an array of " +
                                     std::to_string(v->array_length));
    std::vector<std::int64_t> out;
    for (const auto& e : v->elements) out.push_back(integer(e, k));
    return out;
  }

 private:
  const GgufFile& f_;
  std::string arch_;
};

std::int64_t max_of(const std::vector<std::int64_t>& v) { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }

bool non_uniform(const std::vector<std::int64_t>& v) {
  std::int64_t first = 0;
  for (auto x : v) {
    if (x == 0) continue;
    if (first == 0) first = x;
    else if (x != first) return true;
  }
  return false;
}

// config.json model_type for the GGUF architectures whose names differ.
std::string hf_model_type(const std::string& arch, bool router_bias) {
  if (arch == "qwen2moe") return "qwen2_moe";
  if (arch == "qwen3moe") return "qwen3_moe";
  if (arch == "gpt-oss") return "gpt_oss";
  if (arch == "deepseek2") return router_bias ? "deepseek_v3" : "deepseek_v2";
  return arch;
}

}  // namespace

ModelSpec model_from_gguf(const GgufFile& f, std::vector<std::string>* warnings) {
  std::vector<std::string> ignored;
  std::vector<std::string>& warn = warnings ? *warnings : ignored;
  const std::string arch = f.architecture();
  if (arch.empty()) throw InputError("gguf.metadata.general.architecture", "is missing or not a string");
  const Metadata m(f, arch);
  // Tensors by name, once: the per-layer lookups below stay linear in the file.
  std::unordered_map<std::string_view, const GgufTensor*> by_name;
  by_name.reserve(f.tensors.size());
  for (const auto& t : f.tensors) by_name.emplace(t.name, &t);
  const auto tensor = [&](const std::string& name) -> const GgufTensor* {
    const auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : it->second;
  };
  const auto has = [&](const std::string& name) { return tensor(name) != nullptr; };
  const bool has_tensors = !f.tensors.empty();
  const auto in_any_block = [&](std::int64_t n_layers, const char* what) {
    for (std::int64_t il = 0; il < n_layers; ++il)
      if (has("blk." + std::to_string(il) + "." + what)) return true;
    return false;
  };

  ModelSpec s;
  s.source = "GGUF metadata";
  if (const GgufValue* name = f.find("general.name"); name && name->type == GgufType::string) s.name = name->string_value;
  s.hidden_size = m.required_int("embedding_length");
  s.num_hidden_layers = m.required_int("block_count");
  // Checked before anything is sized by it.
  if (s.num_hidden_layers < 1 || s.num_hidden_layers > 10'000)
    throw InputError(Metadata::field(m.key("block_count")),
                     "must be between 1 and 10000 (got " + std::to_string(s.num_hidden_layers) + ")");
  const std::int64_t n_layers = s.num_hidden_layers;
  const std::size_t n = std::size_t(n_layers);

  const auto heads = m.per_layer("attention.head_count", n_layers);
  if (!heads) throw InputError(Metadata::field(m.key("attention.head_count")), "is missing (needed for a " + arch + " model)");
  s.num_attention_heads = max_of(*heads);
  if (non_uniform(*heads)) warn.push_back("attention heads differ per layer; using the largest count (" +
                                          std::to_string(s.num_attention_heads) + ") for every layer");
  const auto kv = m.per_layer("attention.head_count_kv", n_layers).value_or(*heads);
  s.num_key_value_heads = max_of(kv);
  if (non_uniform(kv)) warn.push_back("KV heads differ per layer; using the largest count (" +
                                      std::to_string(s.num_key_value_heads) + ") for every attention layer");
  const std::int64_t derived_head_dim = s.num_attention_heads > 0 ? s.hidden_size / s.num_attention_heads : 0;
  s.head_dim = m.int_or("attention.key_length", derived_head_dim);
  const auto ffn = m.per_layer("feed_forward_length", n_layers).value_or(std::vector<std::int64_t>(n, 0));
  s.intermediate_size = max_of(ffn);
  if (non_uniform(ffn)) warn.push_back("FFN widths differ per layer; using the largest (" + std::to_string(s.intermediate_size) + ")");
  s.max_position_embeddings = m.int_or("context_length", 4096);

  // Vocabulary: the embedding table's rows are what the weights hold; the tokenizer's list otherwise.
  if (const GgufTensor* embd = tensor("token_embd.weight"); embd && embd->dims.size() >= 2) {
    s.vocab_size = embd->dims[1];
  } else if (const GgufValue* tokens = f.find("tokenizer.ggml.tokens"); tokens && tokens->type == GgufType::array) {
    s.vocab_size = std::int64_t(std::min<std::uint64_t>(tokens->array_length, std::uint64_t(1) << 62));
  } else {
    s.vocab_size = m.int_or("vocab_size", 0);
    if (s.vocab_size == 0)
      throw InputError("gguf.metadata.tokenizer.ggml.tokens", "is missing, and there is no token_embd.weight tensor to size the vocabulary");
  }

  // Layer layout: attention kind per layer.
  s.layers.assign(n, LayerSpec{});
  const bool is_ssm = m.find("ssm.state_size") != nullptr;
  for (std::size_t il = 0; il < n; ++il)
    if (kv[il] == 0) s.layers[il].attention = is_ssm ? LayerAttention::ssm : LayerAttention::none;
  const std::int64_t window = m.int_or("attention.sliding_window", 0);
  std::int64_t pattern = arch == "gemma2" || arch == "gpt-oss" ? 2 : arch == "gemma3" ? 6 : arch == "cohere2" ? 4 : 0;
  std::vector<bool> sliding(n, false);
  if (const GgufValue* p = m.find("attention.sliding_window_pattern")) {
    const std::string k = m.key("attention.sliding_window_pattern");
    if (p->type == GgufType::array) {
      if (!p->elements_kept || std::int64_t(p->array_length) != n_layers)
        throw InputError(Metadata::field(k), "must have one entry per layer (" + std::to_string(n_layers) + ")");
      for (std::size_t il = 0; il < n; ++il) sliding[il] = m.integer(p->elements[il], k) != 0;
      pattern = -1;
    } else {
      pattern = m.integer(*p, k);
    }
  }
  if (pattern > 1)
    for (std::size_t il = 0; il < n; ++il) sliding[il] = std::int64_t(il) % pattern < pattern - 1;
  bool any_sliding = false;
  if (window > 0)
    for (std::size_t il = 0; il < n; ++il)
      if (sliding[il] && s.layers[il].attention == LayerAttention::full) {
        s.layers[il].attention = LayerAttention::sliding;
        any_sliding = true;
      }
  s.sliding_window = any_sliding ? window : 0;

  // Mixture of experts.
  s.num_experts = m.int_or("expert_count", 0);
  if (s.num_experts > 0) {
    s.num_experts_per_tok = m.required_int("expert_used_count");
    s.moe_intermediate_size = m.int_or("expert_feed_forward_length", s.intermediate_size);
    if (s.intermediate_size == 0) s.intermediate_size = s.moe_intermediate_size;
    s.first_k_dense_replace = m.int_or("leading_dense_block_count", 0);
    s.shared_expert_intermediate_size = m.int_or(
        "expert_shared_feed_forward_length",
        checked_mul(m.int_or("expert_shared_count", 0), s.moe_intermediate_size, "gguf.expert_shared_count"));
    for (std::size_t il = 0; il < n; ++il) {
      const std::string blk = "blk." + std::to_string(il) + ".";
      const bool moe = has_tensors ? has(blk + "ffn_gate_inp.weight") : std::int64_t(il) >= s.first_k_dense_replace;
      s.layers[il].ffn = moe ? LayerFfn::moe : LayerFfn::dense;
      if (const GgufTensor* sh = tensor(blk + "ffn_up_shexp.weight"); sh && sh->dims.size() >= 2)
        s.shared_expert_intermediate_size = sh->dims[1];
    }
  }

  // Multi-head latent attention (deepseek2): newer conversions store the absorbed MQA form
  // (key_length = kv_lora_rank + rope, head_count_kv = 1) and the per-head sizes under *_mla.
  s.kv_lora_rank = m.int_or("attention.kv_lora_rank", 0);
  if (s.kv_lora_rank > 0) {
    s.q_lora_rank = m.int_or("attention.q_lora_rank", 0);
    s.qk_rope_head_dim = m.required_int("rope.dimension_count");
    const std::int64_t k_len = m.optional_int("attention.key_length_mla").value_or(m.required_int("attention.key_length"));
    s.v_head_dim = m.optional_int("attention.value_length_mla").value_or(m.required_int("attention.value_length"));
    s.qk_nope_head_dim = k_len - s.qk_rope_head_dim;
    s.head_dim = derived_head_dim;  // as config.json leaves it
    s.num_key_value_heads = s.num_attention_heads;
  } else if (const auto v_len = m.optional_int("attention.value_length"); v_len && *v_len != s.head_dim) {
    warn.push_back("value heads (" + std::to_string(*v_len) + ") differ from key heads (" + std::to_string(s.head_dim) +
                   "); sizes use the key width");
  }

  // Features: from the tensors when the file lists them, else from what the architecture implies.
  const bool gemma = arch == "gemma" || arch == "gemma2" || arch == "gemma3";
  if (has_tensors) {
    s.tie_word_embeddings = !has("output.weight");
    s.attention_bias = has("blk.0.attn_q.bias");
    s.attention_output_bias = has("blk.0.attn_output.bias");
    s.attention_sinks = has("blk.0.attn_sinks.weight");
    if (const GgufTensor* qn = tensor("blk.0.attn_q_norm.weight")) {
      s.qk_norm = qn->row() == s.head_dim;
      s.qk_norm_full_width = !s.qk_norm;
    }
    // llama.cpp names the post-attention norm post_attention_norm; the inventory attn_post_norm.
    const bool pre = has("blk.0.attn_norm.weight");
    const bool post = has("blk.0.post_attention_norm.weight") || has("blk.0.attn_post_norm.weight");
    s.norm_style = post ? (pre ? NormStyle::pre_and_post : NormStyle::post) : NormStyle::pre;
    s.router_bias = in_any_block(n_layers, "exp_probs_b.bias") || in_any_block(n_layers, "ffn_gate_inp.bias");
    s.expert_bias = in_any_block(n_layers, "ffn_up_exps.bias");
  } else {
    warn.push_back("the file lists no tensors; biases, norms and tied embeddings follow the architecture's usual layout");
    s.tie_word_embeddings = gemma;
    s.attention_bias = arch == "qwen2" || arch == "qwen2moe" || arch == "gpt-oss";
    s.attention_output_bias = arch == "gpt-oss";
    s.attention_sinks = arch == "gpt-oss";
    s.qk_norm = arch == "qwen3" || arch == "qwen3moe" || arch == "gemma3";
    s.norm_style = arch == "gemma2" || arch == "gemma3" ? NormStyle::pre_and_post : NormStyle::pre;
    s.router_bias = arch == "gpt-oss";
    s.expert_bias = arch == "gpt-oss";
  }
  s.architecture = hf_model_type(arch, s.router_bias);
  if (s.name.empty()) s.name = arch + " (GGUF)";
  validate(s, "gguf");
  return s;
}

// --------------------------------------------------------------------------------- [splits]

std::optional<GgufSplitName> parse_gguf_split_name(std::string_view filename) {
  // llama.cpp's llama_split_path: "%s-%05d-of-%05d.gguf".
  constexpr std::string_view ext = ".gguf";
  if (!filename.ends_with(ext)) return std::nullopt;
  std::string_view stem = filename.substr(0, filename.size() - ext.size());
  const auto of = stem.rfind("-of-");
  if (of == std::string_view::npos) return std::nullopt;
  const std::string_view count_s = stem.substr(of + 4);
  const auto dash = stem.rfind('-', of == 0 ? 0 : of - 1);
  if (dash == std::string_view::npos || dash >= of) return std::nullopt;
  const std::string_view index_s = stem.substr(dash + 1, of - dash - 1);
  GgufSplitName out;
  const auto parse = [](std::string_view digits, int& v) {
    if (digits.empty() || digits.size() > 5) return false;
    const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    return ec == std::errc() && p == digits.data() + digits.size();
  };
  if (!parse(index_s, out.index) || !parse(count_s, out.count)) return std::nullopt;
  if (out.index < 1 || out.count < 1 || out.index > out.count) return std::nullopt;
  out.prefix = std::string(stem.substr(0, dash));
  return out;
}

GgufFile combine_gguf_splits(std::span<const GgufFile> parts) {
  if (parts.empty()) throw InputError("gguf", "no files given");
  const auto split_int = [](const GgufFile& f, const char* key, std::size_t part) -> std::optional<std::int64_t> {
    const GgufValue* v = f.find(key);
    if (!v) return std::nullopt;
    const auto i = v->as_int();
    if (!i) throw InputError("gguf[" + std::to_string(part) + "].metadata." + key, "must be an integer");
    return i;
  };
  if (parts.size() == 1 && !split_int(parts[0], "split.count", 0)) return parts[0];

  std::int64_t count = 0;
  std::vector<const GgufFile*> by_no;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const std::string field = "gguf[" + std::to_string(p) + "].metadata.";
    const auto c = split_int(parts[p], "split.count", p);
    const auto no = split_int(parts[p], "split.no", p);
    if (!c || !no) throw InputError(field + "split.count", "is missing: this file is not part of a split GGUF");
    if (p == 0) {
      count = *c;
      if (count < 1 || count > 9999) throw InputError(field + "split.count", "must be between 1 and 9999 (got " + std::to_string(count) + ")");
      by_no.assign(std::size_t(count), nullptr);
    } else if (*c != count) {
      throw InputError(field + "split.count", "is " + std::to_string(*c) + ", but the first file says " + std::to_string(count));
    }
    if (*no < 0 || *no >= count) throw InputError(field + "split.no", "must be between 0 and " + std::to_string(count - 1));
    if (by_no[std::size_t(*no)]) throw InputError(field + "split.no", "part " + std::to_string(*no + 1) + " is given twice");
    by_no[std::size_t(*no)] = &parts[p];
  }
  std::string missing;
  for (std::size_t i = 0; i < by_no.size(); ++i)
    if (!by_no[i]) missing += (missing.empty() ? "" : ", ") + std::to_string(i + 1);
  if (!missing.empty())
    throw InputError("gguf", "a split GGUF of " + std::to_string(count) + " files is missing part(s) " + missing);

  GgufFile out = *by_no[0];
  out.tensors.clear();
  for (std::size_t no = 0; no < by_no.size(); ++no) {
    for (GgufTensor t : by_no[no]->tensors) {
      t.split = int(no);
      out.tensors.push_back(std::move(t));
    }
    if (no > 0)
      for (const auto& w : by_no[no]->warnings) out.warnings.push_back("part " + std::to_string(no + 1) + ": " + w);
  }
  if (const auto total = split_int(out, "split.tensors.count", 0); total && *total != std::int64_t(out.tensors.size()))
    throw InputError("gguf.metadata.split.tensors.count", "is " + std::to_string(*total) + ", but the parts list " +
                                                              std::to_string(out.tensors.size()) + " tensors");
  return out;
}

}  // namespace headroom
