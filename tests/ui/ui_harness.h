// A headless ImGui context for tests (imgui's examples/example_null approach): builds the
// font atlas without uploading it, sets a display size and draws whole frames of the app.
#pragma once

#include <array>
#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "app.h"
#include "app_state.h"
#include "catalog.h"
#include "embedded_catalog.h"
#include "imgui.h"
#include "theme.h"

namespace headroom::ui::test {

// Types text into one of the app's fixed-size text boxes, as a person would (truncating).
template <std::size_t N>
void type(std::array<char, N>& box, const char* text) {
  std::snprintf(box.data(), N, "%s", text);
}

inline const Catalog& catalog() {
  static const Catalog c = load_catalog(embedded_catalog_files());
  return c;
}

class HeadlessImGui {
 public:
  explicit HeadlessImGui(const char* regular_ttf = nullptr, const char* bold_ttf = nullptr,
                         float scale = 1.0f, const char* mono_ttf = nullptr) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    fonts_ = load_fonts(*io.Fonts, regular_ttf, bold_ttf, scale, mono_ttf);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; no texture upload
    apply_style(ImGui::GetStyle(), scale);
    io.DisplaySize = ImVec2(1280 * scale, 800 * scale);
    io.DeltaTime = 1.0f / 60.0f;
  }
  ~HeadlessImGui() { ImGui::DestroyContext(context_); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  // One full frame of the app; returns the draw data of that frame.
  ImDrawData& frame(AppState& state) {
    ImGui::NewFrame();
    draw_app(state, fonts_);
    ImGui::Render();
    ImDrawData* data = ImGui::GetDrawData();
    if (data == nullptr) throw std::runtime_error("no draw data");
    return *data;
  }

  // One full frame of the app and the text it drew: what the page says, for tests of its
  // wording. ImGui's log to the clipboard (its own clipboard here: no platform backend) keeps the
  // text when the app's window ends, where a log to a buffer is cleared.
  std::string frame_text(AppState& state) {
    ImGui::NewFrame();
    ImGui::LogToClipboard();
    draw_app(state, fonts_);
    ImGui::Render();
    const char* text = ImGui::GetClipboardText();
    return text != nullptr ? text : "";
  }

  const Fonts& fonts() const { return fonts_; }

 private:
  ImGuiContext* context_;
  Fonts fonts_;
};

}  // namespace headroom::ui::test
