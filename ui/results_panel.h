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

// "Llama 3.1 8B · Q4_K_M · 8K context" (and " on <machine>" when asked).
std::string scenario_line(const AppState& state, bool with_machine = true);

// "up to 111 tok/s" (speeds are roofline upper bounds), or "-" when not computed.
std::string speed_text(double tokens_per_s);

// "up to 111 tok/s decode, up to 9,629 tok/s prefill" (wraps between the halves).
void draw_speed_line(const Estimate& e, const Fonts& fonts);

// Which cards to draw: a narrow page shows the verdict above the inputs and the rest below.
enum class ResultsPart { all, verdict, details };

// Draws into the current window, filling its width. Read-only on the state.
void draw_results_panel(const AppState& state, const Fonts& fonts,
                        ResultsPart part = ResultsPart::all);

}  // namespace headroom::ui
