// The model's spec sheet: architecture, layers and their kinds (full, sliding-window,
// compressed, linear attention, SSM; dense or MoE FFN), heads, KV heads, head dims, MLA
// ranks, experts, parameters, trained context and where the numbers come from.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

void draw_spec_panel(AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
