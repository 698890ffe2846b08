// The whole page: header (name, unit toggle), the inputs card and the results, laid out in
// two columns when wide and stacked when narrow. Platform front ends (web/main.cpp, the
// headless test) call draw_app() once per frame between ImGui::NewFrame() and Render().
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

// Fills the display with one undecorated window. Runs AppState::refresh() after the inputs,
// so results drawn in the same frame already reflect an edit.
void draw_app(AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
