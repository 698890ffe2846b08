#include "custom_device_form.h"

#include <cfloat>
#include <string>

#include "imgui_internal.h"  // ScrollToBringRectIntoView: the form may open below the fold
#include "item_rects.h"
#include "theme.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

// A label on its own line (a phone) or in a left column, then the input filling the rest.
template <std::size_t N>
bool text_field(const char* label, const char* id, std::array<char, N>& text, float label_w, bool numeric,
                const char* hint = "") {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  if (label_w > 0) ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-FLT_MIN);
  // A click selects the whole value, so typing replaces it (the usual way to enter a figure).
  const ImGuiInputTextFlags flags = ImGuiInputTextFlags_AutoSelectAll |
                                    (numeric ? ImGuiInputTextFlags_CharsScientific : ImGuiInputTextFlags_None);
  const bool edited = ImGui::InputTextWithHint(id, hint, text.data(), N, flags);
  remember_item(std::string("custom-") + (id + 2));
  return edited;
}

void field_error(const std::string& message, float label_w) {
  if (message.empty()) return;
  if (label_w > 0) ImGui::SetCursorPosX(label_w);
  ImGui::PushStyleColor(ImGuiCol_Text, color::warning());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(message.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

}  // namespace

bool custom_device_form(AppState& state, Scenario& s) {
  CustomDeviceDraft& d = state.custom_device;
  // A link, the JS API or the picker may have replaced the custom device meanwhile.
  if (d.open && !d.pending_first_apply && (s.hardware.empty() || !s.hardware.front().inline_spec)) d.open = false;
  if (!d.open) return false;
  change_draft_unit(d, state.unit);  // the GB/GiB toggle rewrites the number for the same size

  ImGui::PushID("custom_device");
  const float font = ImGui::GetFontSize();
  // Wide enough: labels in a left column; a phone gets them above their fields.
  const float label_w = ImGui::GetContentRegionAvail().x >= font * 20.0f ? font * 9.0f : 0.0f;
  ImGui::Dummy(ImVec2(0, font * 0.3f));
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::Separator();
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, color::accent());
  ImGui::TextUnformatted("Custom device");
  ImGui::PopStyleColor();
  help_marker("A device that is not in the list. Its memory and memory bandwidth set what fits and the "
              "decode speed; FP16 TFLOPS sets the prefill speed. It travels in the share link.");

  bool edited = d.pending_first_apply;
  edited |= text_field("Name", "##name", d.name, label_w, false);
  const CustomDeviceCheck check = check_custom_device(d);
  field_error(check.name_error, label_w);

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Kind");
  if (label_w > 0) ImGui::SameLine(label_w);
  struct KindOption {
    DeviceKind kind;
    const char* name;
  };
  static constexpr KindOption kKinds[] = {{DeviceKind::gpu, "GPU (its own memory)"},
                                          {DeviceKind::cpu, "CPU with system RAM"},
                                          {DeviceKind::unified, "Unified memory (Apple, ...)"}};
  const char* kind_name = kKinds[0].name;
  for (const KindOption& k : kKinds) {
    if (k.kind == d.kind) kind_name = k.name;
  }
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##kind", kind_name)) {
    for (const KindOption& k : kKinds) {
      if (ImGui::Selectable(k.name, k.kind == d.kind) && k.kind != d.kind) {
        d.kind = k.kind;
        edited = true;
      }
    }
    ImGui::EndCombo();
  }

  const std::string memory_label = std::string("Memory (") + (d.unit == ByteUnit::gib ? "GiB" : "GB") + ")";
  edited |= text_field(memory_label.c_str(), "##memory", d.memory, label_w, true);
  field_error(check.memory_error, label_w);
  edited |= text_field("Bandwidth (GB/s)", "##bandwidth", d.bandwidth, label_w, true);
  field_error(check.bandwidth_error, label_w);
  edited |= text_field("FP16 TFLOPS", "##tflops", d.tflops, label_w, true, "optional: prefill speed");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dense FP16/BF16 peak from the spec sheet (optional)");
  field_error(check.tflops_error, label_w);
  if (!check.tflops_note.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", check.tflops_note.c_str());
    ImGui::PopTextWrapPos();
  }

  // Re-read after this frame's edits, so the scenario gets what is in the boxes now.
  bool changed = false;
  if (edited) {
    d.pending_first_apply = false;
    const CustomDeviceCheck now = check_custom_device(d);
    if (now.spec) {
      if (s.hardware.empty()) s.hardware.emplace_back();
      HardwareRef& ref = s.hardware.front();
      ref.id.clear();
      ref.inline_spec = *now.spec;
      changed = true;
    }
  }
  if (!check.spec) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", "Until every field is right, the results use the last good values.");
    ImGui::PopTextWrapPos();
  }
  if (ImGui::Button("Done")) d.open = false;
  remember_item("custom-done");
  if (d.reveal) {  // just opened under the picker: scroll the card and the page to show it
    d.reveal = false;
    ImGui::ScrollToBringRectIntoView(ImGui::GetCurrentWindow(), ImRect(top, ImGui::GetItemRectMax()));
  }
  ImGui::Separator();
  ImGui::PopID();
  return changed;
}

}  // namespace headroom::ui
