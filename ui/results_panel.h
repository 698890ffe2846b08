// The answer: a verdict (fits / does not fit), the memory bar, the memory breakdown,
// speed and parameters, the per-device table and the warnings; or the error text.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

// Draws into the current window, filling its width. Read-only on the state.
void draw_results_panel(const AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
