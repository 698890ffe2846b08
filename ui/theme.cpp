// Style and font loading for the Headroom look (dark, high contrast, generous spacing).
#include "theme.h"

#include <cstdio>
#include <span>

namespace headroom::ui {

namespace {

// Latin + Latin-1 and the few symbols the panels print (en dash, bullet, ellipsis, arrows,
// approx, less/greater-equal, minus, multiplication sign is in Latin-1). Matches the subset
// that web/CMakeLists.txt cuts from the TTFs.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x2013, 0x2014, 0x2022, 0x2022, 0x2026, 0x2026, 0x2190, 0x2193,
    0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0,
};

bool readable(const char* path) {
  if (path == nullptr) return false;
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) return false;
  std::fclose(f);
  return true;
}

ImFont* add_font(ImFontAtlas& atlas, const char* path, float size_px) {
  if (!readable(path)) return nullptr;
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = false;
  return atlas.AddFontFromFileTTF(path, size_px, &config, kGlyphRanges);
}

// From bytes the atlas only reads (the page's compiled-in fonts): it must not free them.
ImFont* add_font(ImFontAtlas& atlas, std::span<const unsigned char> ttf, float size_px) {
  if (ttf.empty()) return nullptr;
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = false;
  config.FontDataOwnedByAtlas = false;
  return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(ttf.data()), int(ttf.size()), size_px, &config,
                                    kGlyphRanges);
}

ImVec4 vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

using color::rgb;

constexpr Palette kDark = {
    rgb(14, 16, 21),     rgb(22, 25, 32),    rgb(38, 43, 54),    rgb(232, 235, 241),
    rgb(150, 159, 175),  rgb(110, 168, 254), rgb(61, 214, 140),  rgb(255, 99, 99),
    rgb(242, 182, 72),
    rgb(91, 141, 239),   rgb(176, 124, 240), rgb(242, 169, 59),  rgb(124, 133, 149),
    rgb(40, 46, 58),
    rgb(30, 34, 43),     rgb(39, 45, 57),    rgb(48, 56, 72),    rgb(27, 31, 40),
    rgb(44, 62, 96),     rgb(52, 74, 116),   rgb(60, 86, 136),
    rgb(150, 192, 255),  rgb(52, 58, 72),    rgb(28, 32, 41),    rgb(32, 36, 46),
    rgb(255, 255, 255, 6), rgb(14, 16, 21, 150),
};

// Light: the same hues, darkened where they are text on white (WCAG AA for body text).
constexpr Palette kLight = {
    rgb(243, 245, 249),  rgb(255, 255, 255), rgb(214, 219, 228), rgb(22, 26, 34),
    rgb(88, 97, 114),    rgb(29, 95, 214),   rgb(16, 140, 82),   rgb(204, 40, 40),
    rgb(168, 104, 0),
    rgb(91, 141, 239),   rgb(176, 124, 240), rgb(242, 169, 59),  rgb(124, 133, 149),
    rgb(226, 230, 238),
    rgb(240, 242, 247),  rgb(229, 234, 243), rgb(216, 224, 238), rgb(255, 255, 255),
    rgb(209, 224, 250),  rgb(192, 212, 248), rgb(176, 200, 245),
    rgb(29, 95, 214),    rgb(196, 202, 214), rgb(238, 241, 246), rgb(230, 233, 240),
    rgb(0, 0, 0, 8),     rgb(255, 255, 255, 160),
};

Theme g_theme = Theme::dark;  // like ImGui's current style: one per process

}  // namespace

const Palette& palette(Theme theme) { return theme == Theme::light ? kLight : kDark; }
Theme current_theme() { return g_theme; }
void set_theme(Theme theme) { g_theme = theme; }
const Palette& current_palette() { return palette(g_theme); }

namespace {

// The faces at their sizes, whatever the TTFs come from (files in tests, bytes in the page).
template <class Source>
Fonts load_faces(ImFontAtlas& atlas, Source regular, Source bold, Source mono, float scale) {
  Fonts fonts;
  fonts.body = add_font(atlas, regular, 15.0f * scale);  // first added = default font
#ifndef __EMSCRIPTEN__  // the page's fonts are compiled in; its wasm leaves ImGui's own font out
  if (fonts.body == nullptr) fonts.body = atlas.AddFontDefault();
#endif
  fonts.bold = add_font(atlas, bold, 15.0f * scale);
  fonts.title = add_font(atlas, bold, 19.0f * scale);
  fonts.verdict = add_font(atlas, bold, 30.0f * scale);
  fonts.mono = add_font(atlas, mono, 14.0f * scale);
  return fonts;
}

}  // namespace

Fonts load_fonts(ImFontAtlas& atlas, const char* regular_ttf, const char* bold_ttf, float scale,
                 const char* mono_ttf) {
  return load_faces(atlas, regular_ttf, bold_ttf, mono_ttf, scale);
}

Fonts load_fonts(ImFontAtlas& atlas, std::span<const unsigned char> regular_ttf, std::span<const unsigned char> bold_ttf,
                 float scale, std::span<const unsigned char> mono_ttf) {
  return load_faces(atlas, regular_ttf, bold_ttf, mono_ttf, scale);
}

void apply_style(ImGuiStyle& style, float scale) {
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(20, 18);
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.CellPadding = ImVec2(8, 5);
  style.ScrollbarSize = 12;
  style.GrabMinSize = 12;
  style.WindowRounding = 0;
  style.ChildRounding = 10;
  style.FrameRounding = 6;
  style.PopupRounding = 8;
  style.GrabRounding = 6;
  style.ScrollbarRounding = 6;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 1;
  style.PopupBorderSize = 1;
  style.ScaleAllSizes(scale);

  apply_colors(style);
}

void apply_colors(ImGuiStyle& style) {
  const Palette& p = current_palette();
  ImVec4* c = style.Colors;
  const ImVec4 accent = vec(p.accent);
  c[ImGuiCol_Text] = vec(p.text);
  c[ImGuiCol_TextDisabled] = vec(p.text_dim);
  c[ImGuiCol_WindowBg] = vec(p.background);
  c[ImGuiCol_ChildBg] = vec(p.card);
  c[ImGuiCol_PopupBg] = vec(p.popup);
  c[ImGuiCol_Border] = vec(p.card_border);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = vec(p.frame);
  c[ImGuiCol_FrameBgHovered] = vec(p.frame_hover);
  c[ImGuiCol_FrameBgActive] = vec(p.frame_active);
  c[ImGuiCol_Button] = vec(p.frame);
  c[ImGuiCol_ButtonHovered] = vec(p.frame_hover);
  c[ImGuiCol_ButtonActive] = vec(p.frame_active);
  c[ImGuiCol_Header] = vec(p.header);
  c[ImGuiCol_HeaderHovered] = vec(p.header_hover);
  c[ImGuiCol_HeaderActive] = vec(p.header_active);
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = vec(p.grab_active);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_Separator] = vec(p.card_border);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = vec(p.scrollbar);
  c[ImGuiCol_TableHeaderBg] = vec(p.table_header);
  c[ImGuiCol_TableBorderStrong] = vec(p.card_border);
  c[ImGuiCol_TableBorderLight] = vec(p.table_light);
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = vec(p.row_alt);
  c[ImGuiCol_TextSelectedBg] = vec((p.accent & 0x00FFFFFFu) | (90u << IM_COL32_A_SHIFT));
  c[ImGuiCol_Tab] = vec(p.frame);
  c[ImGuiCol_TabHovered] = vec(p.header_hover);
  c[ImGuiCol_TabActive] = vec(p.header);
  c[ImGuiCol_TabUnfocused] = vec(p.frame);
  c[ImGuiCol_TabUnfocusedActive] = vec(p.header);
  c[ImGuiCol_NavHighlight] = accent;
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.35f);
}

}  // namespace headroom::ui
