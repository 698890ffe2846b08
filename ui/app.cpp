// Page layout: header bar, inputs card, results column.
#include "app.h"

#include <algorithm>

#include "inputs_panel.h"
#include "results_panel.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

void header(AppState& state, const Fonts& fonts) {
  {
    FontScope title(fonts.title);
    ImGui::PushStyleColor(ImGuiCol_Text, color::accent);
    ImGui::TextUnformatted("Headroom");
    ImGui::PopStyleColor();
  }
  const float title_h = ImGui::GetItemRectSize().y;
  const float title_w = ImGui::GetItemRectSize().x;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float toggle_w = (std::max(ImGui::CalcTextSize("GB").x, ImGui::CalcTextSize("GiB").x) +
                          style.FramePadding.x * 2.0f) * 2.0f;
  const float label_w = ImGui::CalcTextSize("Units").x + style.ItemSpacing.x;
  const float right = ImGui::GetWindowContentRegionMax().x;

  // The subtitle only where it does not run into the unit toggle.
  const char* subtitle = "How much memory an LLM needs, and how fast it runs";
  const float room = right - toggle_w - label_w - title_w - style.ItemSpacing.x * 4.0f;
  if (ImGui::CalcTextSize(subtitle).x <= room) {
    ImGui::SameLine();
    // Baseline-align the subtitle with the larger title.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                         std::max(0.0f, title_h - ImGui::GetTextLineHeight()) * 0.7f);
    ImGui::TextDisabled("%s", subtitle);
  }

  // Unit toggle, right-aligned on the same line.
  ImGui::SameLine(std::max(right - toggle_w - label_w, ImGui::GetCursorPosX()));
  const float frame_extra = ImGui::GetFrameHeight() - ImGui::GetTextLineHeight();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - frame_extra * 0.5f);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Units");
  ImGui::SameLine();
  bool gib = state.unit == ByteUnit::gib;
  if (segmented_toggle("unit", "GB", "GiB", &gib)) state.unit = gib ? ByteUnit::gib : ByteUnit::gb;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("GB = 10^9 bytes, GiB = 2^30 bytes");
}

}  // namespace

void draw_app(AppState& state, const Fonts& fonts) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Headroom", nullptr, flags);
  header(state, fonts);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));

  const float font = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x * 1.6f;
  const bool wide = avail.x > font * 52.0f;

  if (wide) {
    const float inputs_w = std::clamp(avail.x * 0.32f, font * 20.0f, font * 28.0f);
    if (begin_card("inputs", inputs_w, avail.y)) draw_inputs_panel(state, fonts);
    end_card("inputs");
    state.refresh();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("results", ImVec2(0, avail.y), false, ImGuiWindowFlags_NoBackground);
    draw_results_panel(state, fonts);
    ImGui::EndChild();
  } else {
    // Narrow: one scrolling column, inputs first.
    ImGui::BeginChild("column", ImVec2(0, avail.y), false, ImGuiWindowFlags_NoBackground);
    const float w = ImGui::GetContentRegionAvail().x;
    if (begin_card("inputs", w)) draw_inputs_panel(state, fonts);
    end_card("inputs");
    state.refresh();
    ImGui::Dummy(ImVec2(0, gap * 0.25f));
    draw_results_panel(state, fonts);
    ImGui::EndChild();
  }
  ImGui::End();
}

}  // namespace headroom::ui
