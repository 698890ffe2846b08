// Small reusable ImGui pieces shared by the panels: field labels with a "(?)" help marker,
// right-aligned numbers, colour swatches, a two-option segmented toggle and card frames.
#pragma once

#include <string_view>

#include "imgui.h"

namespace headroom::ui {

// A dim "(?)" after the last item; hovering shows `text` (as in imgui_demo.cpp's HelpMarker).
void help_marker(const char* text);

// A field label above a control, with an optional help marker.
void field_label(const char* label, const char* help = nullptr);

// Text right-aligned in the remaining width of the current line/cell.
void text_right(std::string_view text, ImU32 color = 0);

// A small filled rounded square in `color`, aligned with the text line.
void swatch(ImU32 color);

// Two options as one segmented control; returns true when the choice changed.
bool segmented_toggle(const char* id, const char* left, const char* right, bool* right_selected);

// A rounded, bordered card (child window) `width` wide. With height <= 0 it takes the height
// its content measured last frame (ImGui 1.86 children cannot auto-size), so it settles one
// frame after its content changes. Always pair with end_card(id), called with the same id.
// `scrollable` lets a fixed-height card scroll (mouse wheel, touch, scrollbar) when its
// content is taller.
bool begin_card(const char* id, float width, float height = 0, bool scrollable = false);
void end_card(const char* id);

// The content height a card measured last frame (0 before its first frame).
float card_height(const char* id);

// A table's header row in `font`: columns from `first_right` on right-aligned, like their
// numbers (TableHeadersRow() left-aligns every header).
void table_headers(ImFont* font, int first_right);

// A card whose title row opens and closes it; `*open` holds the state (app state, so tests
// and the JS API can open it too). Returns *open: draw the content then. Always pair with
// end_section(id).
bool begin_section(const char* id, const char* title, ImFont* title_font, bool* open);
void end_section(const char* id);

}  // namespace headroom::ui
