// Where a few named controls were drawn last frame ("copy-link", "model-picker", ...), for the
// browser tests: the page is one canvas, so a test that clicks or taps a control the way a
// person does asks Headroom.itemRect(name) where it is. A handful of entries, overwritten each frame.
#pragma once

#include <optional>
#include <string>

#include "imgui.h"

namespace headroom::ui {

struct ItemRect {
  float x = 0, y = 0, w = 0, h = 0;  // framebuffer pixels, top-left origin
  bool focused = false;              // keyboard navigation is on it (Tab, arrows)
};

// Records the last ImGui item's rectangle and focus under `name`.
void remember_item(const std::string& name);
// Records a rectangle (screen coordinates) under `name`: for a combo, whose open popup
// replaces it as the last item.
void remember_rect(const std::string& name, ImVec2 min, ImVec2 max, bool focused);

// The rectangle `name` had when last drawn, or nullopt if never drawn.
std::optional<ItemRect> item_rect(const std::string& name);

}  // namespace headroom::ui
