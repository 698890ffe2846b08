// The page's single instance: the catalog, the app state and the redraw scheduler, shared by
// the GLFW main loop (main.cpp) and the exported JS API functions (js_api.cpp).
#pragma once

#include <memory>
#include <string>

#include "app_state.h"
#include "catalog.h"

namespace headroom::web {

struct WebApp {
  Catalog catalog;
  std::string catalog_error;  // non-empty when the embedded catalog failed to load
  std::unique_ptr<ui::AppState> state;
  int frames = 0;  // frames drawn since start (tests count them to prove idle stops drawing)
};

WebApp& app();

// Asks the loop to draw at least `count` more frames (ImGui needs a couple after an event
// to settle hover, popups and measured layouts). Wakes the paused main loop.
void request_frames(int count = 3);

}  // namespace headroom::web
