// The tests' own small GGUF writer: a header, metadata and tensor infos, no tensor data (the
// file ends right after its tensor infos, as a dropped header-only file would). Every field can
// be overridden to build hostile files: counts, raw bytes in place of a value, bad offsets.
// Layout: ggml-org/ggml docs/gguf.md.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::test {

class GgufBytes {
 public:
  std::vector<std::uint8_t> data;

  GgufBytes& u8(std::uint8_t v) { return raw(&v, 1); }
  GgufBytes& u16(std::uint16_t v) { return raw(&v, 2); }
  GgufBytes& u32(std::uint32_t v) { return raw(&v, 4); }
  GgufBytes& u64(std::uint64_t v) { return raw(&v, 8); }
  GgufBytes& i32(std::int32_t v) { return raw(&v, 4); }
  GgufBytes& f32(float v) { return raw(&v, 4); }
  GgufBytes& f64(double v) { return raw(&v, 8); }
  GgufBytes& str(std::string_view s) {  // GGUF string: u64 length, bytes
    u64(s.size());
    return raw(s.data(), s.size());
  }
  GgufBytes& append(const GgufBytes& other) {
    data.insert(data.end(), other.data.begin(), other.data.end());
    return *this;
  }
  GgufBytes& raw(const void* p, std::size_t n) {  // little-endian hosts only, as the reader
    const auto* b = static_cast<const std::uint8_t*>(p);
    data.insert(data.end(), b, b + n);
    return *this;
  }
};

// Value type ids (gguf.h enum gguf_type).
enum GgufTypeId : std::uint32_t {
  kU8 = 0, kI8 = 1, kU16 = 2, kI16 = 3, kU32 = 4, kI32 = 5, kF32 = 6, kBool = 7,
  kString = 8, kArray = 9, kU64 = 10, kI64 = 11, kF64 = 12,
};

class GgufWriter {
 public:
  explicit GgufWriter(std::uint32_t version = 3, std::uint32_t alignment = 32) : version_(version), alignment_(alignment) {}

  // A key and an already-encoded value (type id + payload); the helpers below build those.
  GgufWriter& kv(std::string_view key, const GgufBytes& typed_value) {
    GgufBytes b;
    b.str(key).append(typed_value);
    kvs_.push_back(std::move(b));
    return *this;
  }
  GgufWriter& kv_u32(std::string_view key, std::uint32_t v) { return kv(key, GgufBytes().u32(kU32).u32(v)); }
  GgufWriter& kv_u64(std::string_view key, std::uint64_t v) { return kv(key, GgufBytes().u32(kU64).u64(v)); }
  GgufWriter& kv_i32(std::string_view key, std::int32_t v) { return kv(key, GgufBytes().u32(kI32).i32(v)); }
  GgufWriter& kv_f32(std::string_view key, float v) { return kv(key, GgufBytes().u32(kF32).f32(v)); }
  GgufWriter& kv_bool(std::string_view key, bool v) { return kv(key, GgufBytes().u32(kBool).u8(v ? 1 : 0)); }
  GgufWriter& kv_str(std::string_view key, std::string_view v) { return kv(key, GgufBytes().u32(kString).str(v)); }
  GgufWriter& kv_u32_array(std::string_view key, std::initializer_list<std::uint32_t> values) {
    return kv_u32_array(key, std::vector<std::uint32_t>(values));
  }
  GgufWriter& kv_u32_array(std::string_view key, const std::vector<std::uint32_t>& values) {
    GgufBytes b;
    b.u32(kArray).u32(kU32).u64(values.size());
    for (auto v : values) b.u32(v);
    return kv(key, b);
  }
  GgufWriter& kv_str_array(std::string_view key, const std::vector<std::string>& values) {
    GgufBytes b;
    b.u32(kArray).u32(kString).u64(values.size());
    for (const auto& v : values) b.str(v);
    return kv(key, b);
  }

  // A tensor info. `data_bytes` advances the next tensor's offset (padded to the alignment);
  // `offset` < 0 uses that running offset.
  GgufWriter& tensor(std::string_view name, std::vector<std::uint64_t> dims, std::uint32_t ggml_type,
                     std::uint64_t data_bytes, std::int64_t offset = -1) {
    GgufBytes b;
    b.str(name).u32(std::uint32_t(dims.size()));
    for (auto d : dims) b.u64(d);
    b.u32(ggml_type).u64(offset >= 0 ? std::uint64_t(offset) : next_offset_);
    next_offset_ += (data_bytes + alignment_ - 1) / alignment_ * alignment_;
    tensors_.push_back(std::move(b));
    return *this;
  }
  // A tensor info written byte by byte (for malformed ones).
  GgufWriter& raw_tensor(const GgufBytes& b) {
    tensors_.push_back(b);
    return *this;
  }

  GgufWriter& override_tensor_count(std::uint64_t n) {
    tensor_count_ = n;
    has_tensor_count_ = true;
    return *this;
  }
  GgufWriter& override_kv_count(std::uint64_t n) {
    kv_count_ = n;
    has_kv_count_ = true;
    return *this;
  }
  GgufWriter& magic(std::uint32_t m) {
    magic_ = m;
    return *this;
  }

  std::vector<std::uint8_t> bytes() const {
    GgufBytes out;
    out.u32(magic_).u32(version_);
    out.u64(has_tensor_count_ ? tensor_count_ : tensors_.size());
    out.u64(has_kv_count_ ? kv_count_ : kvs_.size());
    for (const auto& k : kvs_) out.append(k);
    for (const auto& t : tensors_) out.append(t);
    return out.data;
  }

 private:
  std::uint32_t magic_ = 0x46554747u;  // "GGUF"
  std::uint32_t version_;
  std::uint32_t alignment_;
  std::vector<GgufBytes> kvs_;
  std::vector<GgufBytes> tensors_;
  std::uint64_t next_offset_ = 0;
  std::uint64_t tensor_count_ = 0, kv_count_ = 0;
  bool has_tensor_count_ = false, has_kv_count_ = false;
};

}  // namespace headroom::test
