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
  std::string written_hash;  // the URL hash last handed to the page (which writes it, throttled)
  std::string copy_pending;  // copy_id of the text handed to the clipboard, until it answers
};

WebApp& app();

// Asks the loop to draw at least `count` more frames (ImGui needs a couple after an event
// to settle hover, popups and measured layouts). Wakes the paused main loop.
void request_frames(int count = 3);

// True when no frame is due: the loop sleeps until input or a request wakes it, so what the
// last input changed is on screen (tests wait for this rather than for a quiet interval).
bool drawing_idle();

// Hands the page the state's URL hash when it changed since the last call (the JS glue
// writes it with history.replaceState), and runs the requests the panels made (copy link,
// open the full page, remember preferences). Called after each frame and each API call.
void sync_page();

// Marks the link as copied ("Copied" on the button) and clears the mark after a moment.
void show_link_copied();

// Marks the last copied text's button "Copied" and clears the mark after a moment.
void show_text_copied();

}  // namespace headroom::web
