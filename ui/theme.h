// The look: colours, spacing and fonts. One palette used by every panel and the chart, so
// a memory component has the same colour in the bar, the legend and the tables.
#pragma once

#include "imgui.h"

namespace headroom::ui {

namespace color {
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  return IM_COL32(r, g, b, a);
}
inline constexpr ImU32 background = rgb(14, 16, 21);
inline constexpr ImU32 card = rgb(22, 25, 32);
inline constexpr ImU32 card_border = rgb(38, 43, 54);
inline constexpr ImU32 text = rgb(232, 235, 241);
inline constexpr ImU32 text_dim = rgb(150, 159, 175);
inline constexpr ImU32 accent = rgb(110, 168, 254);
inline constexpr ImU32 fits = rgb(61, 214, 140);
inline constexpr ImU32 no_fit = rgb(255, 99, 99);
inline constexpr ImU32 warning = rgb(242, 182, 72);
// Memory components (bar, legend, tables).
inline constexpr ImU32 weights = rgb(91, 141, 239);
inline constexpr ImU32 kv_cache = rgb(176, 124, 240);
inline constexpr ImU32 compute = rgb(242, 169, 59);
inline constexpr ImU32 overhead = rgb(124, 133, 149);
inline constexpr ImU32 free_space = rgb(40, 46, 58);
}  // namespace color

// Fonts the panels use; any may be null (then the current font is used), so the panels
// also draw with ImGui's built-in font in tests.
struct Fonts {
  ImFont* body = nullptr;     // ~15 px
  ImFont* bold = nullptr;     // body size, bold: labels of totals, table headers
  ImFont* title = nullptr;    // ~20 px bold: card titles, app name
  ImFont* verdict = nullptr;  // ~30 px bold: "Fits" / "Does not fit"
};

// Loads the TTFs at `scale` (the device pixel ratio) into the atlas. Missing files fall back
// to ImGui's default font rather than failing. Call before the atlas is built.
Fonts load_fonts(ImFontAtlas& atlas, const char* regular_ttf, const char* bold_ttf, float scale);

// Colours, rounding and padding, with sizes multiplied by `scale`.
void apply_style(ImGuiStyle& style, float scale);

// Pushes a font for the lifetime of the scope; does nothing for null.
class FontScope {
 public:
  explicit FontScope(ImFont* font) : pushed_(font != nullptr) {
    if (pushed_) ImGui::PushFont(font);
  }
  ~FontScope() {
    if (pushed_) ImGui::PopFont();
  }
  FontScope(const FontScope&) = delete;
  FontScope& operator=(const FontScope&) = delete;

 private:
  bool pushed_;
};

}  // namespace headroom::ui
