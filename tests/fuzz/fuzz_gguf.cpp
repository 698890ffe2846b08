// libFuzzer target: the GGUF reader on arbitrary bytes, as a whole file and as a prefix of a
// larger one, then everything a dropped file feeds (tensor sizes, the ModelSpec, its
// inventory). Invariants are checked with __builtin_trap so the fuzzer reports them as crashes.
#include <cstddef>
#include <cstdint>
#include <span>

#include "catalog.h"
#include "embedded_catalog.h"
#include "errors.h"
#include "gguf_reader.h"

namespace {

const headroom::Catalog& catalog() {
  static const headroom::Catalog c = headroom::load_catalog(headroom::embedded_catalog_files());
  return c;
}

void use(const headroom::GgufFile& f) {
  try {
    const auto sizes = headroom::gguf_tensor_sizes(f, catalog().quants);
    const std::int64_t total = headroom::gguf_weights_bytes(f, catalog().quants);
    std::int64_t sum = 0;
    for (const auto& s : sizes) sum += s.bytes;
    if (sum != total || total < 0) __builtin_trap();
  } catch (const headroom::InputError&) {
  }
  try {
    const headroom::ModelSpec spec = headroom::model_from_gguf(f);
    const auto inventory = headroom::build_inventory(spec);
    (void)headroom::count_parameters(inventory, spec);
  } catch (const headroom::InputError&) {
  }
  const headroom::GgufFile parts[] = {f};
  try {
    (void)headroom::combine_gguf_splits(parts);
  } catch (const headroom::InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  bool whole_complete = false;
  std::size_t whole_tensors = 0;
  try {
    const headroom::GgufParse p = headroom::parse_gguf(bytes);
    if (!p.complete) __builtin_trap();  // a whole file never asks for more
    whole_complete = true;
    whole_tensors = p.file.tensors.size();
    use(p.file);
  } catch (const headroom::InputError&) {
  }
  // The first half as a prefix of the whole: either more bytes are asked for (within the
  // file), or an error, or the same header as the whole file gives.
  const std::size_t half = size / 2;
  try {
    const headroom::GgufParse p = headroom::parse_gguf(bytes.first(half), size);
    if (!p.complete && (p.need_bytes <= half || p.need_bytes > size)) __builtin_trap();
    if (p.complete && (!whole_complete || p.file.tensors.size() != whole_tensors)) __builtin_trap();
  } catch (const headroom::InputError&) {
  }
  return 0;
}
