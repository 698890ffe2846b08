// What-runs panel: a ranked table of model, format, memory and decode speed.
#include "what_runs_panel.h"

#include <optional>
#include <string>

#include "format.h"
#include "panels.h"
#include "results_panel.h"
#include "widgets.h"

namespace headroom::ui {

void draw_what_runs_panel(AppState& state, const Fonts& fonts) {
  if (state.scenario().hardware.empty()) {
    ImGui::TextDisabled("%s", "Pick hardware to see which models run on it.");
    return;
  }
  const WhatRunsData* w = refresh_what_runs(state);
  if (w == nullptr) return;
  ImGui::PushTextWrapPos(0.0f);
  if (!w->error.empty()) {
    ImGui::TextDisabled("Cannot search the catalog: %s", w->error.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  ImGui::TextDisabled("%s models fit %s at %s context, each in its least lossy format that fits; fastest first.",
                      std::to_string(w->fits.size()).c_str(), machine_description(state).c_str(),
                      format_tokens(state.scenario().context).c_str());
  ImGui::PopTextWrapPos();
  if (w->fits.empty()) return;

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  std::optional<Scenario> pick;
  if (ImGui::BeginTable("what_runs", 3, flags)) {
    ImGui::TableSetupColumn("Model", ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableSetupColumn("Memory", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Decode", ImGuiTableColumnFlags_WidthFixed);
    table_headers(fonts.bold, 1);
    const std::string current = state.scenario().model.id;
    for (const CatalogFit& fit : w->fits) {
      const ModelSpec* m = state.catalog().find_model(fit.model_id);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(fit.model_id.c_str());
      const bool here = fit.model_id == current && fit.quant == state.scenario().quant;
      ImGui::PushTextWrapPos(0.0f);
      if (here) ImGui::PushStyleColor(ImGuiCol_Text, color::accent());
      ImGui::TextUnformatted(m != nullptr ? m->name.c_str() : fit.model_id.c_str());
      if (here) ImGui::PopStyleColor();
      ImGui::PopTextWrapPos();
      ImGui::TextDisabled("%s", fit.quant.c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton(here ? "shown" : "Show") && !here) {
        Scenario s = state.scenario();
        s.model = ModelRef{fit.model_id, std::nullopt};
        s.quant = fit.quant;
        pick = std::move(s);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show this model and format above");
      ImGui::PopID();
      ImGui::TableNextColumn();
      if (fit.vllm_reserved_bytes > 0) {
        // vLLM takes its whole gpu_memory_utilization budget; say what the model needs of it.
        text_right(format_bytes(fit.vllm_needed_bytes, state.unit));
        text_right("of " + format_bytes(fit.vllm_reserved_bytes, state.unit) + " reserved",
                   ImGui::GetColorU32(ImGuiCol_TextDisabled));
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("Weights + KV cache for %s sequence(s) at this context; vLLM reserves gpu_memory_utilization\n"
                            "x memory on every GPU and fills the rest with KV cache for more requests.",
                            std::to_string(state.scenario().sequences).c_str());
      } else {
        text_right(format_bytes(device_totals(fit.estimate).used, state.unit));
      }
      ImGui::TableNextColumn();
      text_right(speed_text(fit.estimate.decode_tokens_per_s));
    }
    ImGui::EndTable();
  }
  if (pick) state.set_scenario(std::move(*pick));
}

}  // namespace headroom::ui
