// Shared widgets: see widgets.h.
#include "widgets.h"

#include <algorithm>

#include "imgui_internal.h"  // ImGuiTable: header widths for auto-fit columns
#include "theme.h"

namespace headroom::ui {

void help_marker(const char* text) {
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void field_label(const char* label, const char* help) {
  ImGui::PushStyleColor(ImGuiCol_Text, color::text_dim());
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  if (help != nullptr) help_marker(help);
}

void text_right(std::string_view text, ImU32 color) {
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const float width = ImGui::CalcTextSize(begin, end).x;
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - width);
  if (color != 0) ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(begin, end);
  if (color != 0) ImGui::PopStyleColor();
}

void swatch(ImU32 color) {
  const float h = ImGui::GetTextLineHeight();
  const float side = h * 0.62f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 min(p.x, p.y + (h - side) * 0.5f);
  ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + side, min.y + side), color,
                                            side * 0.25f);
  ImGui::Dummy(ImVec2(side, h));
}

bool segmented_toggle(const char* id, const char* left, const char* right, bool* right_selected) {
  ImGui::PushID(id);
  bool changed = false;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = std::max(ImGui::CalcTextSize(left).x, ImGui::CalcTextSize(right).x) +
                      style.FramePadding.x * 2.0f;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, style.ItemSpacing.y));
  const char* labels[2] = {left, right};
  for (int i = 0; i < 2; ++i) {
    const bool selected = (*right_selected) == (i == 1);
    if (selected) {
      ImGui::PushStyleColor(ImGuiCol_Button, color::header());
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color::header_hover());
    }
    if (i == 1) ImGui::SameLine();
    if (ImGui::Button(labels[i], ImVec2(width, 0)) && !selected) {
      *right_selected = (i == 1);
      changed = true;
    }
    if (selected) ImGui::PopStyleColor(2);
  }
  ImGui::PopStyleVar();
  ImGui::PopID();
  return changed;
}

float card_height(const char* id) {
  return ImGui::GetStateStorage()->GetFloat(ImGui::GetID(id), 0.0f);
}

bool begin_card(const char* id, float width, float height, bool scrollable) {
  if (height <= 0) height = card_height(id);
  if (height <= 0) height = ImGui::GetFrameHeightWithSpacing() * 4.0f;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImGui::GetStyle().WindowPadding);
  // Flattened: Tab and the arrow keys move through every card's controls as one page.
  ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NavFlattened;
  if (!scrollable) flags |= ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  const bool open = ImGui::BeginChild(id, ImVec2(width, height), true, flags);
  ImGui::PopStyleVar();
  return open;
}

void end_card(const char* id) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float measured = ImGui::GetCursorPosY() - style.ItemSpacing.y + style.WindowPadding.y;
  const bool valid = measured > style.WindowPadding.y * 2.0f;
  ImGui::EndChild();
  if (valid) ImGui::GetStateStorage()->SetFloat(ImGui::GetID(id), measured);
}

void table_headers(ImFont* font, int first_right) {
  FontScope scope(font);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  const int columns = ImGui::TableGetColumnCount();
  for (int i = 0; i < columns; ++i) {
    if (!ImGui::TableSetColumnIndex(i)) continue;
    const char* name = ImGui::TableGetColumnName(i);
    // Auto-fit columns size to their headers only through TableHeader(); tell it ours.
    ImGuiTableColumn& column = ImGui::GetCurrentTable()->Columns[i];
    column.ContentMaxXHeadersIdeal =
        std::max(column.ContentMaxXHeadersIdeal, ImGui::GetCursorScreenPos().x + ImGui::CalcTextSize(name).x);
    if (i >= first_right) {
      text_right(name);
    } else {
      ImGui::TextUnformatted(name);
    }
  }
}

bool begin_section(const char* id, const char* title, ImFont* title_font, bool* open) {
  const float width = ImGui::GetContentRegionAvail().x;
  if (!begin_card(id, width)) return false;
  const ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_SpanAvailWidth | ImGuiTreeNodeFlags_NoTreePushOnOpen;
  {
    FontScope font(title_font);
    ImGui::SetNextItemOpen(*open, ImGuiCond_Always);
    *open = ImGui::TreeNodeEx(title, flags);
  }
  if (*open) ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 0.25f));
  return *open;
}

void end_section(const char* id) { end_card(id); }

}  // namespace headroom::ui
