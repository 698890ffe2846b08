// The tables the single-model calculator pages show (core/tables.h): memory by weight format
// and context (minimum and safer), decode/prefill speed by memory system, and how many GPUs
// of each kind hold the model. Computed when the panel is open and the scenario (less its
// hardware) changed; cached in state.panels.tables.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

void draw_tables_panel(AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
