// The scenario editor: model, weight format, KV cache type, context, hardware and count.
// Edits a copy of the scenario and hands it back through AppState::set_scenario().
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

// Draws into the current window. Returns true when the scenario changed this frame.
bool draw_inputs_panel(AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
