// "How this is calculated": each figure (weights, KV cache, compute buffer, overhead, decode,
// prefill) as its formula with this scenario's numbers plugged in, read from the Estimate's
// plain-data working (core estimate.h), and where the numbers come from.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

void draw_working_panel(AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
