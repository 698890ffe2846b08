// Number formatting for display only (the core's bytes stay int64): parameter counts,
// token counts, percentages. Bytes go through headroom::format_bytes (units.h).
#pragma once

#include <cstdint>
#include <string>

namespace headroom::ui {

std::string format_count(std::int64_t n);        // 8030261248 -> "8.03 B", 70553706 -> "70.6 M"
std::string format_tokens(std::int64_t tokens);  // 8192 -> "8K", 131072 -> "128K", 5000 -> "5,000"
std::string format_grouped(std::int64_t n);      // 131072 -> "131,072"
std::string format_percent(double fraction);     // 0.4312 -> "43%"

}  // namespace headroom::ui
