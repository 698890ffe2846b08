// Page layout: header bar, inputs card, results column.
#include "app.h"

#include <algorithm>
#include <string>

#include "embed_card.h"
#include "inputs_panel.h"
#include "item_rects.h"
#include "panels.h"
#include "results_panel.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

// Header controls, right-aligned after the title; on a narrow screen they take their own
// line under it instead of squeezing the title.
void header_controls(AppState& state) {
  const ImGuiStyle& style = ImGui::GetStyle();
  bool gib = state.unit == ByteUnit::gib;
  if (segmented_toggle("unit", "GB", "GiB", &gib)) {
    state.unit = gib ? ByteUnit::gib : ByteUnit::gb;
    state.requests.prefs_changed = true;
  }
  remember_item("unit-gib");  // the toggle's GiB half
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Units: GB = 10^9 bytes, GiB = 2^30 bytes");
  ImGui::SameLine(0, style.ItemSpacing.x * 1.5f);
  bool light = state.theme == Theme::light;
  if (segmented_toggle("theme", "Dark", "Light", &light)) {
    state.theme = light ? Theme::light : Theme::dark;
    state.requests.prefs_changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Colour theme (remembered in this browser)");
  ImGui::SameLine(0, style.ItemSpacing.x * 1.5f);
  const float copy_w = ImGui::CalcTextSize("Copy link").x + style.FramePadding.x * 2.0f;
  if (state.link_copied) ImGui::PushStyleColor(ImGuiCol_Text, color::fits());
  if (ImGui::Button(state.link_copied ? "Copied" : "Copy link", ImVec2(copy_w, 0))) {
    state.requests.copy_link = true;
  }
  remember_item("copy-link");
  if (state.link_copied) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Copies a link to this exact scenario (it lives in the address's #...)");
  }
}

float header_controls_width() {
  const ImGuiStyle& style = ImGui::GetStyle();
  auto toggle = [&](const char* a, const char* b) {
    return (std::max(ImGui::CalcTextSize(a).x, ImGui::CalcTextSize(b).x) + style.FramePadding.x * 2) * 2;
  };
  return toggle("GB", "GiB") + toggle("Dark", "Light") + ImGui::CalcTextSize("Copy link").x +
         style.FramePadding.x * 2 + style.ItemSpacing.x * 3.0f;
}

void header(AppState& state, const Fonts& fonts) {
  {
    FontScope title(fonts.title);
    ImGui::PushStyleColor(ImGuiCol_Text, color::accent());
    ImGui::TextUnformatted("Headroom");
    ImGui::PopStyleColor();
  }
  const float title_h = ImGui::GetItemRectSize().y;
  const float title_w = ImGui::GetItemRectSize().x;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float controls_w = header_controls_width();
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float left = ImGui::GetWindowContentRegionMin().x;

  // The subtitle only where it does not run into the controls.
  const char* subtitle = "How much memory an LLM needs, and how fast it runs";
  const float room = right - left - controls_w - title_w - style.ItemSpacing.x * 4.0f;
  if (ImGui::CalcTextSize(subtitle).x <= room) {
    ImGui::SameLine();
    // Baseline-align the subtitle with the larger title.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                         std::max(0.0f, title_h - ImGui::GetTextLineHeight()) * 0.7f);
    ImGui::TextDisabled("%s", subtitle);
  }

  if (title_w + style.ItemSpacing.x * 2.0f + controls_w <= right - left) {
    ImGui::SameLine(std::max(right - controls_w, ImGui::GetCursorPosX()));
    const float frame_extra = ImGui::GetFrameHeight() - ImGui::GetTextLineHeight();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - frame_extra * 0.5f);
  }
  header_controls(state);
}

// What was wrong with the link, and the page's other messages, with a button to dismiss them.
void notices_banner(AppState& state, const Fonts& fonts) {
  if (state.notices.empty() && state.messages.empty()) return;
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::PushStyleColor(ImGuiCol_Border, color::warning());
  if (begin_card("notices", w)) {
    {
      FontScope bold(fonts.bold);
      ImGui::PushStyleColor(ImGuiCol_Text, color::warning());
      ImGui::TextUnformatted(state.notices.empty() ? "Notice" : "Parts of this link could not be read");
      ImGui::PopStyleColor();
    }
    const char* dismiss = "Dismiss";
    const float bw = ImGui::CalcTextSize(dismiss).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    const float right = ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + bw + ImGui::GetStyle().ItemSpacing.x <= right) {
      ImGui::SameLine(right - bw);
    }
    const bool dismissed = ImGui::Button(dismiss);
    ImGui::PushTextWrapPos(0.0f);
    const auto bullets = [](const std::vector<std::string>& lines) {
      for (const std::string& line : lines) {
        ImGui::TextUnformatted("\xE2\x80\xA2");  // bullet
        ImGui::SameLine();
        ImGui::TextUnformatted(line.c_str());
      }
    };
    if (!state.notices.empty()) {
      bullets(state.notices);
      ImGui::TextDisabled("The rest of the link was applied; the parts above show their defaults.");
    }
    bullets(state.messages);
    ImGui::PopTextWrapPos();
    if (dismissed) {
      state.notices.clear();
      state.messages.clear();
    }
  }
  end_card("notices");
  ImGui::PopStyleColor();
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.2f));
}

}  // namespace

void draw_app(AppState& state, const Fonts& fonts) {
  if (state.theme != current_theme()) {
    set_theme(state.theme);
    apply_colors(ImGui::GetStyle());
  }
  if (state.embed) {
    draw_embed_card(state, fonts);
    return;
  }
  // On very wide screens the page keeps a readable width, centred (the clear colour is the
  // same background either side).
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImVec2 pos = viewport->WorkPos;
  ImVec2 size = viewport->WorkSize;
  const float max_w = ImGui::GetFontSize() * 110.0f;
  if (size.x > max_w) {
    pos.x += (size.x - max_w) * 0.5f;
    size.x = max_w;
  }
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Headroom", nullptr, flags);
  header(state, fonts);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  notices_banner(state, fonts);

  const float font = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x * 1.6f;
  const bool wide = avail.x > font * 52.0f;

  if (wide) {
    const float inputs_w = std::clamp(avail.x * 0.32f, font * 20.0f, font * 28.0f);
    if (begin_card("inputs", inputs_w, avail.y, true)) draw_inputs_panel(state, fonts);
    end_card("inputs");
    state.refresh();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("results", ImVec2(0, avail.y), false, ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened);
    draw_results_panel(state, fonts);
    draw_panels(state, fonts);
    ImGui::EndChild();
  } else {
    // Narrow: one scrolling column; the answer first, so a phone's first screen shows it.
    ImGui::BeginChild("column", ImVec2(0, avail.y), false, ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened);
    const float w = ImGui::GetContentRegionAvail().x;
    state.refresh();
    draw_results_panel(state, fonts, ResultsPart::verdict);
    if (begin_card("inputs", w)) draw_inputs_panel(state, fonts);
    end_card("inputs");
    state.refresh();
    ImGui::Dummy(ImVec2(0, gap * 0.25f));
    draw_results_panel(state, fonts, ResultsPart::details);
    draw_panels(state, fonts);
    ImGui::EndChild();
  }
  ImGui::End();
}

}  // namespace headroom::ui
