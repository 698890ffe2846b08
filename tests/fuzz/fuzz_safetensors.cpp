// libFuzzer target: the safetensors header reader (whole file and prefix) and the
// model.safetensors.index.json reader on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "errors.h"
#include "safetensors_header.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  bool whole_complete = false;
  std::int64_t whole_total = 0;
  try {
    const headroom::SafetensorsParse p = headroom::parse_safetensors_header(bytes);
    if (!p.complete) __builtin_trap();
    whole_complete = true;
    whole_total = p.header.total_bytes;
    std::int64_t at = 0;
    for (const auto& t : p.header.tensors) {
      if (t.begin != at || t.bytes() < 0) __builtin_trap();
      at = t.end;
    }
    if (at != whole_total) __builtin_trap();
  } catch (const headroom::InputError&) {
  }
  const std::size_t half = size / 2;
  try {
    const headroom::SafetensorsParse p = headroom::parse_safetensors_header(bytes.first(half), size);
    if (!p.complete && (p.need_bytes <= half || p.need_bytes > size)) __builtin_trap();
    if (p.complete && (!whole_complete || p.header.total_bytes != whole_total)) __builtin_trap();
  } catch (const headroom::InputError&) {
  }
  try {
    (void)headroom::parse_safetensors_index(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const headroom::InputError&) {
  }
  return 0;
}
