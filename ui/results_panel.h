// The answer: a verdict (fits / does not fit), the memory bar, the memory breakdown,
// speed and parameters, the per-device table and the warnings; or the error text.
#pragma once

#include <cstdint>
#include <string>

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

// The memory the verdict talks about: what sits on the chosen devices (sums of the per-device
// breakdown) against their capacity, and what stays in host RAM outside them. Without
// hardware, the estimate's totals.
struct DeviceTotals {
  std::int64_t weights = 0, kv_cache = 0, compute = 0, overhead = 0;
  std::int64_t used = 0;       // on the devices
  std::int64_t capacity = 0;   // of the devices
  std::int64_t host_only = 0;  // total_bytes - used: e.g. the token embedding table
};
DeviceTotals device_totals(const Estimate& e);

// "2 x NVIDIA GeForce RTX 4090" (+ further entries).
std::string machine_description(const AppState& state);

// "up to 111 tok/s" (speeds are roofline upper bounds), or "-" when not computed.
std::string speed_text(double tokens_per_s);

// Draws into the current window, filling its width. Read-only on the state.
void draw_results_panel(const AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
