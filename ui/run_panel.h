// "Run it": the settings that reproduce the estimate's layout in llama.cpp and Ollama, in
// monospace, each with a Copy button (the page's clipboard path, as "Copy link" uses).
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

// Draws into the current window (an open section). A Copy click sets state.requests.copy_text.
void draw_run_panel(AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
