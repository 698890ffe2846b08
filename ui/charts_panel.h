// Charts over context (ui/chart.h): memory as stacked components from 1K to the model's
// maximum with a line per device capacity, and decode speed. The 24 estimates behind them
// are cached in state.panels.series and recomputed only when the scenario (less its context)
// changes.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

void draw_charts_panel(AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
