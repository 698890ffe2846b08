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
// so typing filters at once. True when Enter was pressed in it.
bool search_box(const char* hint, std::array<char, 64>& query) {
  if (ImGui::IsWindowAppearing()) {
    query[0] = '\0';
    ImGui::SetKeyboardFocusHere();
  }
  ImGui::SetNextItemWidth(-FLT_MIN);
  return ImGui::InputTextWithHint("##search", hint, query.data(), query.size(),
                                  ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
}

void group_header(const std::string& name) {
  ImGui::PushStyleColor(ImGuiCol_Text, color::accent());
  ImGui::TextUnformatted(name.empty() ? "Other" : name.c_str());
  ImGui::PopStyleColor();
}

// One list entry: its label, its group and what choosing it does.
template <typename T>
struct Entry {
  std::string group;
  std::string label;
  const T* item;
  bool selected;
};

// Entries in groups (first-seen order); true if one was clicked (*picked set).
template <typename T>
bool draw_list(const std::vector<Entry<T>>& entries, const char* none_text, const std::array<char, 64>& query,
               const T** picked, float extra_lines) {
  std::vector<std::string> groups;
  for (const Entry<T>& e : entries) {
    if (std::find(groups.begin(), groups.end(), e.group) == groups.end()) groups.push_back(e.group);
  }
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float lines = float(entries.size() + groups.size()) + extra_lines;
  const float height = std::min(std::max(lines, 1.0f), kListLines) * line + ImGui::GetStyle().WindowPadding.y;
  bool clicked = false;
  ImGui::BeginChild("##list", ImVec2(0, height), false, ImGuiWindowFlags_NavFlattened);
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
      if (ImGui::Selectable(e.label.c_str(), e.selected)) {
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

}  // namespace

bool model_picker(AppState& state, Scenario& s) {
  const ModelSpec* current = state.model();
  std::string preview = current != nullptr ? current->name : s.model.id + " (unknown)";
  if (!state.imported_file().empty()) preview += " (imported)";
  else if (s.model.inline_spec) preview += " (custom)";
  bool changed = false;
  ImGui::SetNextItemWidth(-FLT_MIN);
  const bool open = ImGui::BeginCombo("##model", preview.c_str(), ImGuiComboFlags_HeightLarge);
  remember_item("model-picker");
  if (!open) return false;
  const bool enter = search_box("Search: name, family, size (\"qwen 7b\")", state.model_query);
  const std::vector<std::string> words = search_words(state.model_query.data());
  std::vector<Entry<ModelSpec>> entries;
  for (const ModelSpec& m : state.imported()) {
    if (!words_match(words, search_text(m) + " | imported")) continue;
    const bool selected = s.model.inline_spec && s.model.inline_spec->name == m.name;
    entries.push_back({"Imported", m.file_weights ? m.name + "  (GGUF, exact weights)" : m.name, &m, selected});
  }
  const std::size_t imported_count = entries.size();
  for (const ModelSpec& m : state.catalog().models) {
    if (!words_match(words, search_text(m))) continue;
    entries.push_back({m.family, m.name, &m, !s.model.inline_spec && m.id == s.model.id});
  }
  const ModelSpec* picked = nullptr;
  if (enter && !entries.empty()) picked = entries.front().item;
  if (draw_list(entries, "No model matches", state.model_query, &picked, 0.0f) || picked != nullptr) {
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
  if (ref != nullptr && ref->inline_spec) preview += " (custom)";
  ImGui::SetNextItemWidth(width);
  const bool open = ImGui::BeginCombo("##hardware", preview.c_str(), ImGuiComboFlags_HeightLarge);
  remember_item("hardware-picker");
  if (!open) return false;

  const bool enter = search_box("Search: name, vendor, memory (\"24 GB\")", state.hardware_query);
  const std::vector<std::string> words = search_words(state.hardware_query.data());
  // "None" and a custom device already in the scenario are entries too, so Enter can pick them.
  static const HardwareSpec kNone{"", "None (memory only)", "", DeviceKind::gpu, 0, 0, 0, ""};
  std::vector<Entry<HardwareSpec>> entries;
  if (words.empty() || words_match(words, "none memory only")) entries.push_back({"", kNone.name, &kNone, ref == nullptr});
  if (ref != nullptr && ref->inline_spec && words_match(words, search_text(*ref->inline_spec) + " | custom")) {
    entries.push_back({"Custom", ref->inline_spec->name, &*ref->inline_spec, true});
  }
  for (const HardwareSpec& h : state.catalog().hardware) {
    if (!words_match(words, search_text(h))) continue;
    const bool selected = ref != nullptr && !ref->inline_spec && h.id == ref->id;
    entries.push_back({h.group, h.name + "  \xE2\x80\x94  " + format_bytes(h.memory_bytes, state.unit), &h, selected});
  }
  const HardwareSpec* picked = nullptr;
  if (enter && !entries.empty()) picked = entries.front().item;
  bool changed = false;
  if (draw_list(entries, "No device matches", state.hardware_query, &picked, 0.0f) || picked != nullptr) {
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
    ImGui::CloseCurrentPopup();
  }
  remember_item("custom-device-entry");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A device that is not listed: type its memory, bandwidth and speed");
  ImGui::EndCombo();
  return changed;
}

}  // namespace headroom::ui
