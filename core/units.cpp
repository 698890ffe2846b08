#include "units.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "errors.h"

namespace headroom {

std::string format_bytes(std::int64_t bytes, ByteUnit unit) {
  const bool binary = unit == ByteUnit::gib;
  const double big = binary ? double(kGiB) : double(kGB);
  const double small = binary ? double(kMiB) : 1e6;
  const double tiny = binary ? 1024.0 : 1e3;
  const double v = double(bytes);
  char buf[48];
  if (std::fabs(v) >= big) {
    std::snprintf(buf, sizeof buf, "%.2f %s", v / big, binary ? "GiB" : "GB");
  } else if (std::fabs(v) >= small / 10) {
    std::snprintf(buf, sizeof buf, "%.1f %s", v / small, binary ? "MiB" : "MB");
  } else if (std::fabs(v) >= tiny) {  // a tiny model's tables: "0.0 MB" would say nothing
    std::snprintf(buf, sizeof buf, "%.1f %s", v / tiny, binary ? "KiB" : "kB");
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
