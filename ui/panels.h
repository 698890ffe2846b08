// The panels below the verdict, each a collapsible card: "Run it", charts over context,
// tables, what runs on this machine, the model's spec sheet and how the numbers are made.
// Closed panels cost nothing; open ones draw from data cached in state.panels.
#pragma once

#include <optional>
#include <string_view>

#include "app_state.h"
#include "panel_data.h"
#include "theme.h"

namespace headroom::ui {

// Draws every panel, full width, into the current window.
void draw_panels(AppState& state, const Fonts& fonts);

// The panel's id ("run", "charts", "tables", "what_runs", "spec", "working") and back.
const char* panel_id(Panel panel);
std::optional<Panel> panel_from_id(std::string_view id);

// Brings a panel's cached data up to date with the scenario and returns it. While a mouse
// drag is under way (the context slider) stale data is kept and recomputed on release, so
// dragging stays smooth. Null only when there is no data at all.
const ContextSeries* refresh_series(AppState& state);
const TablesData* refresh_tables(AppState& state);
const WhatRunsData* refresh_what_runs(AppState& state);

}  // namespace headroom::ui
