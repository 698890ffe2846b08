// Display formatting of counts, token lengths and percentages.
#include "format.h"

#include <cmath>
#include <cstdio>

namespace headroom::ui {

namespace {

std::string printf_string(const char* fmt, double value, const char* suffix) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, value, suffix);
  return buf;
}

// Three significant digits: 8.03, 70.6, 405.
std::string three_digits(double value, const char* suffix) {
  if (value < 10) return printf_string("%.2f %s", value, suffix);
  if (value < 100) return printf_string("%.1f %s", value, suffix);
  return printf_string("%.0f %s", value, suffix);
}

}  // namespace

std::string format_count(std::int64_t n) {
  const double v = double(n);
  if (v >= 1e12) return three_digits(v / 1e12, "T");
  if (v >= 1e9) return three_digits(v / 1e9, "B");
  if (v >= 1e6) return three_digits(v / 1e6, "M");
  if (v >= 1e3) return three_digits(v / 1e3, "K");
  return std::to_string(n);
}

std::string format_grouped(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string format_tokens(std::int64_t tokens) {
  if (tokens >= 1024 && tokens % 1024 == 0) {
    if (tokens >= 1024 * 1024 && tokens % (1024 * 1024) == 0) {
      return std::to_string(tokens / (1024 * 1024)) + "M";
    }
    return std::to_string(tokens / 1024) + "K";
  }
  return format_grouped(tokens);
}

std::string format_percent(double fraction) {
  if (!std::isfinite(fraction)) return "-";
  char buf[32];
  const double pct = fraction * 100.0;
  std::snprintf(buf, sizeof buf, pct < 10 && pct > 0 ? "%.1f%%" : "%.0f%%", pct);
  return buf;
}

}  // namespace headroom::ui
