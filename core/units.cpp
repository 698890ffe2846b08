#include "units.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "errors.h"

namespace headroom {

namespace {

// printf("%.<decimals>f %s", bytes / divisor, suffix) in integer arithmetic: printf's
// floating-point path is the costliest step of a small estimate in wasm (musl formats through
// 128-bit long double, emulated in software). Exact where printf's answer is certain: |bytes|
// below 2^44 (the rounding error of bytes / divisor as a double stays under the distance to the
// nearest rounding boundary) and not an exact tie (which printf rounds on the double). Returns
// false where it is not, and the caller asks printf.
bool format_fixed(std::int64_t bytes, std::int64_t divisor, int decimals, const char* suffix, char* out,
                  std::size_t size) {
  constexpr std::int64_t kExactBelow = std::int64_t(1) << 44;
  if (bytes <= -kExactBelow || bytes >= kExactBelow) return false;
  const std::int64_t m = bytes < 0 ? -bytes : bytes;
  const std::int64_t scale = decimals == 2 ? 100 : 10;
  const std::int64_t fraction = (m % divisor) * scale;  // < 2^30 x 100: no overflow
  std::int64_t scaled = (m / divisor) * scale + fraction / divisor;
  const std::int64_t rest = 2 * (fraction % divisor);
  if (rest == divisor) return false;  // an exact tie: printf decides
  if (rest > divisor) ++scaled;
  char* p = out;
  char* const end = out + size - 1;
  if (bytes < 0) *p++ = '-';
  p = std::to_chars(p, end, scaled / scale).ptr;
  *p++ = '.';
  if (decimals == 2 && scaled % scale < 10) *p++ = '0';
  p = std::to_chars(p, end, scaled % scale).ptr;
  *p++ = ' ';
  for (const char* c = suffix; *c != '\0' && p < end; ++c) *p++ = *c;
  *p = '\0';
  return true;
}

}  // namespace

std::string format_bytes(std::int64_t bytes, ByteUnit unit) {
  const bool binary = unit == ByteUnit::gib;
  const double big = binary ? double(kGiB) : double(kGB);
  const double small = binary ? double(kMiB) : 1e6;
  const double tiny = binary ? 1024.0 : 1e3;
  const double v = double(bytes);
  char buf[48];
  if (std::fabs(v) >= big) {
    const char* suffix = binary ? "GiB" : "GB";
    if (!format_fixed(bytes, binary ? kGiB : kGB, 2, suffix, buf, sizeof buf))
      std::snprintf(buf, sizeof buf, "%.2f %s", v / big, suffix);
  } else if (std::fabs(v) >= small / 10) {
    const char* suffix = binary ? "MiB" : "MB";
    if (!format_fixed(bytes, binary ? kMiB : 1'000'000, 1, suffix, buf, sizeof buf))
      std::snprintf(buf, sizeof buf, "%.1f %s", v / small, suffix);
  } else if (std::fabs(v) >= tiny) {  // a tiny model's tables: "0.0 MB" would say nothing
    const char* suffix = binary ? "KiB" : "kB";
    if (!format_fixed(bytes, binary ? kKiB : 1'000, 1, suffix, buf, sizeof buf))
      std::snprintf(buf, sizeof buf, "%.1f %s", v / tiny, suffix);
  } else {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  }
  return buf;
}

std::string format_rate(double per_second, const char* suffix) {
  if (!(per_second > 0) || !std::isfinite(per_second)) return "-";
  char buf[48];
  if (per_second >= 100)
    std::snprintf(buf, sizeof buf, "%.0f %s", per_second, suffix);
  else if (per_second >= 10)
    std::snprintf(buf, sizeof buf, "%.1f %s", per_second, suffix);
  else
    std::snprintf(buf, sizeof buf, "%.2f %s", per_second, suffix);
  return buf;
}

std::string format_seconds(double s) {
  if (!(s > 0) || !std::isfinite(s)) return "-";
  char buf[48];
  if (s < 1.0) std::snprintf(buf, sizeof buf, "%.0f ms", s * 1e3);
  else if (s < 60.0) std::snprintf(buf, sizeof buf, "%.2f s", s);
  else std::snprintf(buf, sizeof buf, "%.1f min", s / 60.0);
  return buf;
}

void throw_overflow(const char* what) { throw InputError(what, "size overflows 64-bit bytes"); }

}  // namespace headroom
