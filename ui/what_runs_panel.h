// "What runs on this machine": every catalog model that fits the chosen hardware at this
// context, each at its least lossy GGUF format, fastest first (core fit.h what_runs). About
// 150 ms of estimates, so it runs only while the panel is open and the machine, context or
// cache settings changed; cached in state.panels.what_runs. A row's "Show" button opens it.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

void draw_what_runs_panel(AppState& state, const Fonts& fonts);

}  // namespace headroom::ui
