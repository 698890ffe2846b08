// Style and font loading for the Headroom look (dark, high contrast, generous spacing).
#include "theme.h"

#include <cstdio>

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

ImVec4 vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

}  // namespace

Fonts load_fonts(ImFontAtlas& atlas, const char* regular_ttf, const char* bold_ttf, float scale) {
  Fonts fonts;
  fonts.body = add_font(atlas, regular_ttf, 15.0f * scale);  // first added = default font
  if (fonts.body == nullptr) fonts.body = atlas.AddFontDefault();
  fonts.bold = add_font(atlas, bold_ttf, 15.0f * scale);
  fonts.title = add_font(atlas, bold_ttf, 19.0f * scale);
  fonts.verdict = add_font(atlas, bold_ttf, 30.0f * scale);
  return fonts;
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

  ImVec4* c = style.Colors;
  const ImVec4 frame = vec(color::rgb(30, 34, 43));
  const ImVec4 frame_hover = vec(color::rgb(39, 45, 57));
  const ImVec4 frame_active = vec(color::rgb(48, 56, 72));
  const ImVec4 accent = vec(color::accent);
  c[ImGuiCol_Text] = vec(color::text);
  c[ImGuiCol_TextDisabled] = vec(color::text_dim);
  c[ImGuiCol_WindowBg] = vec(color::background);
  c[ImGuiCol_ChildBg] = vec(color::card);
  c[ImGuiCol_PopupBg] = vec(color::rgb(27, 31, 40));
  c[ImGuiCol_Border] = vec(color::card_border);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = frame;
  c[ImGuiCol_FrameBgHovered] = frame_hover;
  c[ImGuiCol_FrameBgActive] = frame_active;
  c[ImGuiCol_Button] = frame;
  c[ImGuiCol_ButtonHovered] = frame_hover;
  c[ImGuiCol_ButtonActive] = frame_active;
  c[ImGuiCol_Header] = vec(color::rgb(44, 62, 96));
  c[ImGuiCol_HeaderHovered] = vec(color::rgb(52, 74, 116));
  c[ImGuiCol_HeaderActive] = vec(color::rgb(60, 86, 136));
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = vec(color::rgb(150, 192, 255));
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_Separator] = vec(color::card_border);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = vec(color::rgb(52, 58, 72));
  c[ImGuiCol_TableHeaderBg] = vec(color::rgb(28, 32, 41));
  c[ImGuiCol_TableBorderStrong] = vec(color::card_border);
  c[ImGuiCol_TableBorderLight] = vec(color::rgb(32, 36, 46));
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = vec(color::rgb(255, 255, 255, 6));
  c[ImGuiCol_TextSelectedBg] = vec(color::rgb(110, 168, 254, 90));
  c[ImGuiCol_NavHighlight] = accent;
}

}  // namespace headroom::ui
