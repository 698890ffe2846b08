// libFuzzer target: the GGUF reader on arbitrary bytes, as a whole file and as a prefix of a
// larger one, then everything a dropped file feeds (tensor sizes, the ModelSpec, its
// inventory, the per-block file weights, the import funnel with the bytes as one split part). Invariants are checked with __builtin_trap so the fuzzer reports them as crashes.
#include <cstddef>
#include <cstdint>
#include <span>

#include "catalog.h"
#include "embedded_catalog.h"
#include "errors.h"
#include "gguf_reader.h"
#include "model_import.h"

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
    // What a dropped file's estimate places: the tensors grouped by block, to the byte.
    const headroom::FileWeights w = headroom::gguf_file_weights(f, spec, catalog().quants, "fuzz.gguf");
    if (w.bytes() != headroom::gguf_weights_bytes(f, catalog().quants)) __builtin_trap();
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
  // The page's import funnel: the bytes as a whole file, and as two parts of a split one.
  try {
    const headroom::ModelFilePrefix one{"fuzz.gguf", bytes, size};
    (void)headroom::import_model_files(std::span<const headroom::ModelFilePrefix>(&one, 1), catalog());
  } catch (const headroom::InputError&) {
  }
  try {
    const headroom::ModelFilePrefix two[] = {{"f-00001-of-00002.gguf", bytes.first(half), half},
                                             {"f-00002-of-00002.gguf", bytes.subspan(half), size - half}};
    (void)headroom::import_model_files(two, catalog());
  } catch (const headroom::InputError&) {
  }
  return 0;
}
