// Embed card (see embed_card.h): one undecorated window, no inputs, the answer at a glance.
#include "embed_card.h"

#include <algorithm>
#include <string>

#include "format.h"
#include "memory_bar.h"
#include "results_panel.h"
#include "units.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

// "Open in Headroom" as a link: accent text, underlined.
void open_link(AppState& state) {
  const char* label = "Open in Headroom";
  const float w = ImGui::CalcTextSize(label).x;
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - w));
  ImGui::PushStyleColor(ImGuiCol_Text, color::accent());
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(min.x, max.y), max, color::accent(),
                                      std::max(1.0f, ImGui::GetFontSize() * 0.07f));
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("The full calculator with this scenario, in a new tab");
  }
  if (ImGui::IsItemClicked()) state.requests.open_full_page = true;
}

}  // namespace

void draw_embed_card(AppState& state, const Fonts& fonts) {
  state.refresh();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings;
  const float pad = ImGui::GetFontSize() * 0.9f;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad * 0.8f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, color::card());
  ImGui::Begin("Headroom embed", nullptr, flags);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();

  const Estimate* e = state.estimate();
  if (e == nullptr) {
    {
      FontScope title(fonts.title);
      ImGui::PushStyleColor(ImGuiCol_Text, color::warning());
      ImGui::TextUnformatted("Cannot estimate");
      ImGui::PopStyleColor();
    }
    open_link(state);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(state.error().empty() ? "No estimate yet." : state.error().c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
    return;
  }

  const DeviceTotals t = device_totals(*e);
  const ImU32 verdict_color =
      e->devices.empty() ? color::accent() : e->fits ? color::fits() : color::no_fit();
  {
    FontScope big(fonts.verdict);
    ImGui::PushStyleColor(ImGuiCol_Text, verdict_color);
    ImGui::TextUnformatted(e->devices.empty() ? "Memory needed" : e->fits ? "Fits" : "Does not fit");
    ImGui::PopStyleColor();
  }
  open_link(state);

  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", scenario_line(state).c_str());
  {
    FontScope bold(fonts.bold);
    if (t.capacity > 0) {
      ImGui::Text("Needs %s of %s (%s)", format_bytes(t.used, state.unit).c_str(),
                  format_bytes(t.capacity, state.unit).c_str(),
                  format_percent(double(t.used) / double(t.capacity)).c_str());
    } else {
      ImGui::Text("Needs %s in total", format_bytes(t.used, state.unit).c_str());
    }
  }
  ImGui::PopTextWrapPos();

  const BarSegment segments[] = {
      {"Weights", t.weights, color::weights()},
      {"KV cache", t.kv_cache, color::kv_cache()},
      {"Compute", t.compute, color::compute()},
      {"Overhead", t.overhead, color::overhead()},
  };
  draw_memory_bar(segments, t.capacity, state.unit);
  draw_legend(segments, state.unit);

  if (e->decode_tokens_per_s > 0) {
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.2f));
    draw_speed_line(*e, fonts);
  }
  ImGui::End();
}

}  // namespace headroom::ui
