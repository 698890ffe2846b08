#include "pickers.h"

#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include "format.h"
#include "item_rects.h"
#include "picker_search.h"
#include "theme.h"

namespace headroom::ui {

namespace {

constexpr float kListLines = 14.0f;  // the list scrolls past this many lines

// The search box at the top of a picker's popup: empty and focused each time the popup opens,
// so typing filters at once. True when Enter was pressed in it; Escape closes the popup.
struct Search {
  bool enter = false;   // Enter pressed in the box: pick the first match
  bool edited = false;  // the query changed: show the list from its top
};

Search search_box(const char* hint, std::array<char, 64>& query) {
  if (ImGui::IsWindowAppearing()) {
    query[0] = '\0';
    ImGui::SetKeyboardFocusHere();
  }
  ImGui::SetNextItemWidth(-FLT_MIN);
  Search out;
  out.enter = ImGui::InputTextWithHint("##search", hint, query.data(), query.size(),
                                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  out.edited = ImGui::IsItemEdited();
  // Escape in the box closes the picker (ImGui would only leave the box, the popup still open).
  if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
  }
  return out;
}

void group_header(const std::string& name) {
  ImGui::PushStyleColor(ImGuiCol_Text, color::accent());
  ImGui::TextUnformatted(name.empty() ? "Other" : name.c_str());
  ImGui::PopStyleColor();
}

// One list entry: its label, a dim detail (a device's memory), its group and what it picks.
template <typename T>
struct Entry {
  std::string group;
  std::string label;
  std::string detail;
  const T* item;
  bool selected;
};

// A row: label and detail on one line (detail right-aligned) where they fit; on a narrow
// screen the label wraps and the detail goes under it, so nothing is clipped.
bool entry_row(const std::string& label, const std::string& detail, bool selected) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 detail_size = detail.empty() ? ImVec2(0, 0) : ImGui::CalcTextSize(detail.c_str());
  const float one_line_w = ImGui::CalcTextSize(label.c_str()).x + (detail.empty() ? 0.0f : line + detail_size.x);
  const bool one_line = one_line_w <= avail;
  const float label_h = ImGui::CalcTextSize(label.c_str(), nullptr, false, avail).y;
  const float height = one_line ? line : label_h + (detail.empty() ? 0.0f : line);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::Selectable("##entry", selected, 0, ImVec2(0, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, ImGui::GetColorU32(ImGuiCol_Text), label.c_str(),
                nullptr, avail);
  if (!detail.empty()) {
    const ImVec2 at = one_line ? ImVec2(pos.x + avail - detail_size.x, pos.y) : ImVec2(pos.x, pos.y + label_h);
    draw->AddText(at, color::text_dim(), detail.c_str());
  }
  return clicked;
}

// A device's name under its group header, without the words the header already says:
// "NVIDIA GeForce RTX 4090" under "NVIDIA GeForce" is "RTX 4090"; "Apple M2 24GB" under
// "Apple Silicon" is "M2 24GB". Shorter rows fit a phone.
std::string name_in_group(const HardwareSpec& h) {
  const auto strip = [&](const std::string& prefix) {
    return !prefix.empty() && h.name.size() > prefix.size() + 1 && h.name.compare(0, prefix.size(), prefix) == 0 &&
           h.name[prefix.size()] == ' ';
  };
  if (strip(h.group)) return h.name.substr(h.group.size() + 1);
  const std::string first_word = h.group.substr(0, h.group.find(' '));
  if (strip(first_word)) return h.name.substr(first_word.size() + 1);
  return h.name;
}

// A picker's popup is at least as wide as a phone allows (the combo may be narrower).
void popup_width(float combo_w) {
  const float margin = ImGui::GetStyle().WindowPadding.x * 2.0f;
  const float want = std::min(ImGui::GetIO().DisplaySize.x - margin, ImGui::GetFontSize() * 26.0f);
  ImGui::SetNextWindowSizeConstraints(ImVec2(std::max(combo_w, want), 0.0f), ImVec2(FLT_MAX, FLT_MAX));
}

// Entries in groups (first-seen order); true if one was clicked (*picked set).
template <typename T>
bool draw_list(const std::vector<Entry<T>>& entries, const char* none_text, const std::array<char, 64>& query,
               const T** picked, bool query_edited) {
  std::vector<std::string> groups;
  for (const Entry<T>& e : entries) {
    if (std::find(groups.begin(), groups.end(), e.group) == groups.end()) groups.push_back(e.group);
  }
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float lines = float(entries.size() + groups.size());
  const float height = std::min(std::max(lines, 1.0f), kListLines) * line + ImGui::GetStyle().WindowPadding.y;
  bool clicked = false;
  ImGui::BeginChild("##list", ImVec2(0, height), false, ImGuiWindowFlags_NavFlattened);
  if (query_edited) ImGui::SetScrollY(0.0f);  // the best matches are at the top
  if (entries.empty()) {
    ImGui::TextDisabled("%s \"%s\"", none_text, query.data());
  }
  for (const std::string& group : groups) {
    if (!group.empty()) {  // "" holds entries that stand above the groups ("None")
      group_header(group);
      ImGui::Indent();
    }
    int index = 0;
    for (const Entry<T>& e : entries) {
      if (e.group != group) continue;
      ImGui::PushID(index++);
      if (entry_row(e.label, e.detail, e.selected)) {
        *picked = e.item;
        clicked = true;
      }
      if (e.selected && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
      ImGui::PopID();
    }
    if (!group.empty()) ImGui::Unindent();
  }
  ImGui::EndChild();
  return clicked;
}

void pick_model(const ModelSpec& m, bool imported, Scenario& s) {
  s.model = imported ? ModelRef{"", m} : ModelRef{m.id, std::nullopt};
  if (m.max_position_embeddings > 0) s.context = std::min(s.context, m.max_position_embeddings);
}

// BeginCombo, its place remembered as `name` (item_rects.h) whether or not it is open.
bool combo(const char* id, const char* name, const std::string& preview) {
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + ImGui::CalcItemWidth(), min.y + ImGui::GetFrameHeight());
  const bool open = ImGui::BeginCombo(id, preview.c_str(), ImGuiComboFlags_HeightLarge);
  if (open) {
    remember_rect(name, min, max, false);  // the open popup is the last item now
  } else {
    remember_item(name);
  }
  return open;
}

}  // namespace

bool model_picker(AppState& state, Scenario& s) {
  const ModelSpec* current = state.model();
  std::string preview = current != nullptr ? current->name : s.model.id + " (unknown)";
  if (!state.imported_file().empty()) preview += " (imported)";
  else if (s.model.inline_spec) preview += " (custom)";
  bool changed = false;
  ImGui::SetNextItemWidth(-FLT_MIN);
  popup_width(ImGui::GetContentRegionAvail().x);
  const bool open = combo("##model", "model-picker", preview);
  if (!open) return false;
  const Search search = search_box("Search: name, family, size (\"qwen 7b\")", state.model_query);
  const std::vector<std::string> words = search_words(state.model_query.data());
  std::vector<Entry<ModelSpec>> entries;
  for (const ModelSpec& m : state.imported()) {
    if (!words_match(words, search_text(m) + " | imported")) continue;
    const bool selected = s.model.inline_spec && s.model.inline_spec->name == m.name;
    entries.push_back({"Imported", m.name, m.file_weights ? "GGUF, exact weights" : "", &m, selected});
  }
  const std::size_t imported_count = entries.size();
  for (const ModelSpec& m : state.catalog().models) {
    if (!words_match(words, search_text(m))) continue;
    entries.push_back({m.family, m.name, "", &m, !s.model.inline_spec && m.id == s.model.id});
  }
  const ModelSpec* picked = nullptr;
  if (search.enter && !entries.empty()) picked = entries.front().item;
  if (draw_list(entries, "No model matches", state.model_query, &picked, search.edited) || picked != nullptr) {
    const bool imported = std::any_of(entries.begin(), entries.begin() + long(imported_count),
                                      [&](const Entry<ModelSpec>& e) { return e.item == picked; });
    pick_model(*picked, imported, s);
    changed = true;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndCombo();
  return changed;
}

bool hardware_picker(AppState& state, Scenario& s, float width) {
  HardwareRef* ref = s.hardware.empty() ? nullptr : &s.hardware.front();
  const HardwareSpec* current = ref != nullptr ? resolve_hardware(state.catalog(), *ref) : nullptr;
  std::string preview = "None (memory only)";
  if (ref != nullptr) preview = current != nullptr ? current->name : ref->id + " (unknown)";
  if (ref != nullptr && ref->inline_spec && !words_match({"custom"}, preview)) preview += " (custom)";
  ImGui::SetNextItemWidth(width);
  popup_width(width > 0 ? width : ImGui::GetContentRegionAvail().x);
  const bool open = combo("##hardware", "hardware-picker", preview);
  if (!open) return false;

  const Search search = search_box("Search: name, vendor, memory (\"24 GB\")", state.hardware_query);
  const std::vector<std::string> words = search_words(state.hardware_query.data());
  // "None" and a custom device already in the scenario are entries too, so Enter can pick them.
  static const HardwareSpec kNone{"", "None (memory only)", "", DeviceKind::gpu, 0, 0, 0, ""};
  std::vector<Entry<HardwareSpec>> entries;
  if (words.empty() || words_match(words, "none memory only")) entries.push_back({"", kNone.name, "", &kNone, ref == nullptr});
  if (ref != nullptr && ref->inline_spec && words_match(words, search_text(*ref->inline_spec) + " | custom")) {
    const HardwareSpec& c = *ref->inline_spec;
    entries.push_back({"Custom", c.name, format_bytes(c.memory_bytes, state.unit), &c, true});
  }
  for (const HardwareSpec& h : state.catalog().hardware) {
    if (!words_match(words, search_text(h))) continue;
    const bool selected = ref != nullptr && !ref->inline_spec && h.id == ref->id;
    entries.push_back({h.group, name_in_group(h), format_bytes(h.memory_bytes, state.unit), &h, selected});
  }
  const HardwareSpec* picked = nullptr;
  if (search.enter && !entries.empty()) picked = entries.front().item;
  bool changed = false;
  if (draw_list(entries, "No device matches", state.hardware_query, &picked, search.edited) || picked != nullptr) {
    if (picked == &kNone) {
      changed = ref != nullptr;
      s.hardware.clear();
      state.custom_device.open = false;
    } else if (ref != nullptr && ref->inline_spec && picked == &*ref->inline_spec) {
      // the custom device already shown
    } else if (ref == nullptr || ref->inline_spec || picked->id != ref->id) {
      if (ref == nullptr) ref = &s.hardware.emplace_back();
      ref->id = picked->id;
      ref->inline_spec.reset();
      state.custom_device.open = false;
      changed = true;
    }
    ImGui::CloseCurrentPopup();
  }
  // Always offered, also when the search found nothing: the device may not be in the catalog.
  if (ImGui::Selectable("Custom device...")) {
    // The form starts from the device on screen (or the catalog's first), to edit what differs.
    static const HardwareSpec kBlank{"", "My device", "Custom", DeviceKind::gpu, 0, 0, 0, ""};
    const HardwareSpec& base = current != nullptr           ? *current
                               : state.catalog().hardware.empty() ? kBlank
                                                                  : state.catalog().hardware.front();
    state.custom_device = draft_from_device(base, ref != nullptr && ref->inline_spec.has_value(),
                                            ref != nullptr ? ref->count : 1, state.unit);
    state.custom_device.open = true;
    state.custom_device.pending_first_apply = true;
    state.custom_device.reveal = true;
    ImGui::CloseCurrentPopup();
  }
  remember_item("custom-device-entry");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A device that is not listed: type its memory, bandwidth and speed");
  ImGui::EndCombo();
  return changed;
}

}  // namespace headroom::ui
