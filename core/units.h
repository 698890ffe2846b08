// Byte units. Bytes are always int64 in the core; only display turns them into GB (10^9)
// or GiB (2^30), and always says which.
#pragma once

#include <cstdint>
#include <string>

namespace headroom {

enum class ByteUnit { gb, gib };

inline constexpr std::int64_t kKiB = 1024;
inline constexpr std::int64_t kMiB = 1024 * kKiB;
inline constexpr std::int64_t kGiB = 1024 * kMiB;
inline constexpr std::int64_t kGB = 1'000'000'000;

// "4.92 GB" / "4.58 GiB"; below one unit it switches to MB / MiB, and below 0.1 MB to kB / KiB
// and bytes, so small buffers and tiny models stay readable.
std::string format_bytes(std::int64_t bytes, ByteUnit unit);

// "12.3 tok/s"; "-" for zero (not computed).
std::string format_rate(double per_second, const char* suffix);

// "850 ms", "2.41 s", "3.5 min"; "-" for zero or less (not computed).
std::string format_seconds(double seconds);

// Checked arithmetic for byte counts: throws InputError naming `what` on overflow.
// Throws InputError(what, "size overflows 64-bit bytes"); out of line, as it is never the hot path.
[[noreturn]] void throw_overflow(const char* what);

// Inline: placement and the KV cache add bytes per layer, many times per keystroke.
inline std::int64_t checked_mul(std::int64_t a, std::int64_t b, const char* what) {
  // Factors that fit 32 bits cannot overflow 64: no overflow check, which in wasm32 is a call
  // to a 128-bit multiply (__multi3, 8% of what-runs' first use there).
  if (a == std::int32_t(a) && b == std::int32_t(b)) return a * b;
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) throw_overflow(what);
  return out;
}

inline std::int64_t checked_add(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) throw_overflow(what);
  return out;
}

}  // namespace headroom
