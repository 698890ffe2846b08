// The look: colours, spacing and fonts. One palette used by every panel and the chart, so
// a memory component has the same colour in the bar, the legend and the tables.
#pragma once

#include <span>

#include "app_state.h"  // Theme
#include "imgui.h"

namespace headroom::ui {

// Every colour the panels use, for one theme. Memory components keep the same hue in both
// themes so a screenshot legend reads the same.
struct Palette {
  ImU32 background, card, card_border, text, text_dim, accent, fits, no_fit, warning;
  ImU32 weights, kv_cache, compute, overhead, free_space;
  ImU32 frame, frame_hover, frame_active, popup, header, header_hover, header_active;
  ImU32 grab_active, scrollbar, table_header, table_light, row_alt, overflow_hatch;
};
const Palette& palette(Theme theme);

// The theme the panels draw with now (like ImGui's current style); set_theme() switches it
// and apply_colors() pushes it into an ImGuiStyle.
Theme current_theme();
void set_theme(Theme theme);
const Palette& current_palette();

namespace color {
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  return IM_COL32(r, g, b, a);
}
inline ImU32 background() { return current_palette().background; }
inline ImU32 card() { return current_palette().card; }
inline ImU32 card_border() { return current_palette().card_border; }
inline ImU32 text() { return current_palette().text; }
inline ImU32 text_dim() { return current_palette().text_dim; }
inline ImU32 accent() { return current_palette().accent; }
inline ImU32 fits() { return current_palette().fits; }
inline ImU32 no_fit() { return current_palette().no_fit; }
inline ImU32 warning() { return current_palette().warning; }
// Memory components (bar, legend, tables).
inline ImU32 weights() { return current_palette().weights; }
inline ImU32 kv_cache() { return current_palette().kv_cache; }
inline ImU32 compute() { return current_palette().compute; }
inline ImU32 overhead() { return current_palette().overhead; }
inline ImU32 free_space() { return current_palette().free_space; }
inline ImU32 header() { return current_palette().header; }
inline ImU32 header_hover() { return current_palette().header_hover; }
inline ImU32 overflow_hatch() { return current_palette().overflow_hatch; }
}  // namespace color

// Fonts the panels use; any may be null (then the current font is used), so the panels
// also draw with ImGui's built-in font in tests.
struct Fonts {
  ImFont* body = nullptr;     // ~15 px
  ImFont* bold = nullptr;     // body size, bold: labels of totals, table headers
  ImFont* title = nullptr;    // ~20 px bold: card titles, app name
  ImFont* verdict = nullptr;  // ~30 px bold: "Fits" / "Does not fit"
  ImFont* mono = nullptr;     // ~14 px monospace: commands to copy
};

// Loads the TTFs at `scale` (the device pixel ratio) into the atlas. Missing files fall back
// to ImGui's default font rather than failing. Call before the atlas is built.
Fonts load_fonts(ImFontAtlas& atlas, const char* regular_ttf, const char* bold_ttf, float scale,
                 const char* mono_ttf = nullptr);
// The same from TTF bytes that outlive the atlas (the page's compiled-in fonts).
Fonts load_fonts(ImFontAtlas& atlas, std::span<const unsigned char> regular_ttf, std::span<const unsigned char> bold_ttf,
                 float scale, std::span<const unsigned char> mono_ttf = {});

// Colours (of the current theme), rounding and padding, with sizes multiplied by `scale`.
void apply_style(ImGuiStyle& style, float scale);
// Only the colours of the current theme (a theme switch keeps the scaled sizes).
void apply_colors(ImGuiStyle& style);

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
