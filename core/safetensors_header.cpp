#include "safetensors_header.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "errors.h"
#include "json_fields.h"

namespace headroom {
namespace {

using json = nlohmann::ordered_json;

struct NeedMore {
  std::uint64_t bytes;
};

// Bits per element, from huggingface/safetensors safetensors/src/tensor.rs (enum Dtype and
// Dtype::bitsize(); F4 is float4_e2m1 packed two per byte, F6_* are 6-bit floats).
struct DtypeBits {
  const char* name;
  int bits;
};
constexpr DtypeBits kDtypes[] = {
    {"BOOL", 8},    {"F4", 4},          {"F6_E2M3", 6},     {"F6_E3M2", 6}, {"U8", 8},   {"I8", 8},
    {"F8_E5M2", 8}, {"F8_E4M3", 8},     {"F8_E8M0", 8},     {"F8_E4M3FNUZ", 8},       {"F8_E5M2FNUZ", 8},
    {"I16", 16},    {"U16", 16},        {"F16", 16},        {"BF16", 16},   {"I32", 32}, {"U32", 32},
    {"F32", 32},    {"C64", 64},        {"F64", 64},        {"I64", 64},    {"U64", 64},
};

std::string tensor_path(const std::string& name) { return "safetensors[" + json(name).dump() + "]"; }

std::int64_t non_negative(const json& v, const std::string& field) {
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) return std::int64_t(u);
  } else if (v.is_number_integer() && v.get<std::int64_t>() >= 0) {
    return v.get<std::int64_t>();
  }
  throw InputError(field, "must be a whole number from 0 to 2^63-1 (got " + describe(v) + ")");
}

SafetensorsTensor read_tensor(const std::string& name, const json& entry) {
  const std::string path = tensor_path(name);
  SafetensorsTensor t;
  t.name = name;
  JsonFields f(entry, path);
  t.dtype = f.string("dtype");
  const int bits = safetensors_dtype_bits(t.dtype);
  if (bits == 0) throw InputError(f.at("dtype"), "unknown dtype " + json(t.dtype).dump());
  const json& shape = f.raw("shape");
  if (!shape.is_array()) throw InputError(f.at("shape"), "must be an array of dimensions (got " + describe(shape) + ")");
  std::int64_t elements = 1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const std::string dfield = f.at("shape") + "[" + std::to_string(i) + "]";
    const std::int64_t d = non_negative(shape[i], dfield);
    if (__builtin_mul_overflow(elements, d, &elements))
      throw InputError(f.at("shape"), "has more elements than a 64-bit count holds");
    t.shape.push_back(d);
  }
  const json& offsets = f.raw("data_offsets");
  if (!offsets.is_array() || offsets.size() != 2)
    throw InputError(f.at("data_offsets"), "must be [begin, end] (got " + describe(offsets) + ")");
  t.begin = non_negative(offsets[0], f.at("data_offsets") + "[0]");
  t.end = non_negative(offsets[1], f.at("data_offsets") + "[1]");
  f.finish();
  if (t.end < t.begin)
    throw InputError(f.at("data_offsets"), "ends (" + std::to_string(t.end) + ") before it begins (" + std::to_string(t.begin) + ")");
  std::int64_t total_bits = 0;
  if (__builtin_mul_overflow(elements, std::int64_t(bits), &total_bits))
    throw InputError(f.at("shape"), "is larger than 2^63 bits of " + t.dtype);
  if (total_bits % 8 != 0)
    throw InputError(f.at("shape"), std::to_string(elements) + " elements of " + t.dtype + " are not a whole number of bytes");
  if (t.end - t.begin != total_bits / 8)
    throw InputError(f.at("data_offsets"), "span " + std::to_string(t.end - t.begin) + " bytes, but " +
                                               std::to_string(elements) + " elements of " + t.dtype + " take " +
                                               std::to_string(total_bits / 8));
  return t;
}

SafetensorsHeader read_header(std::span<const std::uint8_t> bytes, std::uint64_t file_size) {
  file_size = std::max<std::uint64_t>(file_size, bytes.size());
  if (file_size < 8)
    throw InputError("safetensors.header_length", "the file is " + std::to_string(file_size) +
                                                      " bytes; a safetensors file starts with an 8-byte header length");
  if (bytes.size() < 8) throw NeedMore{8};
  SafetensorsHeader h;
  std::memcpy(&h.header_length, bytes.data(), 8);  // little-endian, as every target this builds for
  if (h.header_length > kSafetensorsMaxHeaderBytes)
    throw InputError("safetensors.header_length", "is " + std::to_string(h.header_length) +
                                                      " bytes; headers over 100 MB are refused (not a safetensors file?)");
  if (h.header_length > file_size - 8)
    throw InputError("safetensors.header_length", "is " + std::to_string(h.header_length) + " bytes, but the file has only " +
                                                      std::to_string(file_size - 8) + " after it (truncated file?)");
  if (h.header_length < 2) throw InputError("safetensors.header_length", "is " + std::to_string(h.header_length) + "; the header must hold a JSON object");
  h.data_offset = 8 + h.header_length;
  if (bytes.size() < h.data_offset) throw NeedMore{h.data_offset};

  const std::string_view text(reinterpret_cast<const char*>(bytes.data()) + 8, std::size_t(h.header_length));
  if (text[0] != '{') throw InputError("safetensors.header", "must be a JSON object starting with '{'");
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    throw InputError("safetensors.header", "is not valid JSON at byte " + std::to_string(8 + e.byte - 1) + " of the file");
  } catch (const json::exception&) {  // out_of_range 406: a number too large for a double ("4e993")
    throw InputError("safetensors.header", "is not valid JSON: a number is out of range");
  }
  if (!root.is_object()) throw InputError("safetensors.header", "must be a JSON object");

  for (const auto& [key, entry] : root.items()) {
    if (key == "__metadata__") {
      if (!entry.is_object()) throw InputError("safetensors.__metadata__", "must be an object of strings");
      for (const auto& [mk, mv] : entry.items()) {
        if (!mv.is_string())
          throw InputError("safetensors.__metadata__[" + json(mk).dump() + "]", "must be a string (got " + describe(mv) + ")");
        h.metadata.emplace_back(mk, mv.get<std::string>());
      }
      continue;
    }
    h.tensors.push_back(read_tensor(key, entry));
  }
  std::sort(h.metadata.begin(), h.metadata.end());
  // The data section: tensors back to back from 0, no holes, no overlaps.
  std::sort(h.tensors.begin(), h.tensors.end(), [](const auto& a, const auto& b) {
    return std::tie(a.begin, a.end, a.name) < std::tie(b.begin, b.end, b.name);
  });
  std::int64_t at = 0;
  for (const auto& t : h.tensors) {
    if (t.begin != at)
      throw InputError(tensor_path(t.name) + ".data_offsets",
                       "begins at " + std::to_string(t.begin) + ", but the tensors before it end at " + std::to_string(at) +
                           (t.begin < at ? " (overlap)" : " (a hole)"));
    at = t.end;
  }
  h.total_bytes = at;
  // With the whole file at hand, the data section must be exactly that long.
  if (file_size > h.data_offset && file_size - h.data_offset != std::uint64_t(h.total_bytes))
    throw InputError("safetensors", "the data section is " + std::to_string(file_size - h.data_offset) +
                                        " bytes, but the tensors take " + std::to_string(h.total_bytes));
  return h;
}

}  // namespace

std::int64_t SafetensorsTensor::elements() const {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;  // checked when read
  return n;
}

int safetensors_dtype_bits(std::string_view dtype) {
  for (const auto& d : kDtypes)
    if (dtype == d.name) return d.bits;
  return 0;
}

SafetensorsParse parse_safetensors_header(std::span<const std::uint8_t> bytes, std::uint64_t file_size) {
  SafetensorsParse out;
  try {
    out.header = read_header(bytes, file_size);
    out.complete = true;
  } catch (const NeedMore& more) {
    out.need_bytes = more.bytes;
  }
  return out;
}

SafetensorsIndex parse_safetensors_index(std::string_view text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    throw InputError("safetensors_index", "is not valid JSON at byte " + std::to_string(e.byte));
  } catch (const json::exception&) {  // out_of_range 406: a number too large for a double
    throw InputError("safetensors_index", "is not valid JSON: a number is out of range");
  }
  if (!root.is_object()) throw InputError("safetensors_index", "must be a JSON object");
  SafetensorsIndex out;
  if (auto m = root.find("metadata"); m != root.end() && !m->is_null()) {
    if (!m->is_object()) throw InputError("safetensors_index.metadata", "must be an object");
    if (auto ts = m->find("total_size"); ts != m->end() && !ts->is_null()) {
      // Some writers store it as a float ("total_size": 16060522496.0).
      if (ts->is_number_float()) {
        const double d = ts->get<double>();
        if (!(d >= 0 && d < 9.2e18) || std::floor(d) != d)
          throw InputError("safetensors_index.metadata.total_size", "must be a whole number of bytes (got " + describe(*ts) + ")");
        out.total_size = std::int64_t(d);
      } else {
        out.total_size = non_negative(*ts, "safetensors_index.metadata.total_size");
      }
    }
  }
  auto wm = root.find("weight_map");
  if (wm == root.end()) throw InputError("safetensors_index.weight_map", "required field is missing");
  if (!wm->is_object()) throw InputError("safetensors_index.weight_map", "must be an object of tensor -> file names");
  std::set<std::string> files;
  for (const auto& [tensor, file] : wm->items()) {
    if (!file.is_string() || file.get<std::string>().empty())
      throw InputError("safetensors_index.weight_map[" + json(tensor).dump() + "]", "must be a file name (got " + describe(file) + ")");
    out.weight_map.emplace_back(tensor, file.get<std::string>());
    files.insert(file.get<std::string>());
  }
  std::sort(out.weight_map.begin(), out.weight_map.end());
  out.files.assign(files.begin(), files.end());
  return out;
}

}  // namespace headroom
