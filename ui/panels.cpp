// Panels: the section list and the cache refresh rules.
#include "panels.h"

#include "charts_panel.h"
#include "run_panel.h"
#include "spec_panel.h"
#include "tables_panel.h"
#include "what_runs_panel.h"
#include "widgets.h"
#include "working_panel.h"

namespace headroom::ui {

namespace {

// A drag in progress: keep what is cached rather than stall every frame of it.
bool dragging() { return ImGui::IsMouseDown(ImGuiMouseButton_Left) && ImGui::IsAnyItemActive(); }

template <typename T, typename Compute>
const T* refresh(Cached<T>& cache, const std::string& key, Compute compute) {
  if (cache.stale(key) && (!cache.value || !dragging())) {
    cache.value = compute();
    cache.key = key;
    ++cache.runs;
  }
  return cache.value ? &*cache.value : nullptr;
}

}  // namespace

const ContextSeries* refresh_series(AppState& state) {
  return refresh(state.panels.series, series_key(state.scenario()),
                 [&] { return compute_context_series(state.scenario(), state.catalog()); });
}

const TablesData* refresh_tables(AppState& state) {
  return refresh(state.panels.tables, tables_key(state.scenario()),
                 [&] { return compute_tables(state.scenario(), state.catalog()); });
}

const WhatRunsData* refresh_what_runs(AppState& state) {
  return refresh(state.panels.what_runs, what_runs_key(state.scenario()),
                 [&] { return compute_what_runs(state.scenario(), state.catalog()); });
}

namespace {

struct Section {
  Panel panel;
  const char* id;
  const char* title;
  void (*draw)(AppState&, const Fonts&);
};
constexpr Section kSections[kPanelCount] = {
    {Panel::run, "run", "Run it", draw_run_panel},
    {Panel::charts, "charts", "Memory and speed by context", draw_charts_panel},
    {Panel::tables, "tables", "Format and machine tables", draw_tables_panel},
    {Panel::what_runs, "what_runs", "What runs on this machine", draw_what_runs_panel},
    {Panel::spec, "spec", "Model spec sheet", draw_spec_panel},
    {Panel::working, "working", "How this is calculated", draw_working_panel},
};

}  // namespace

const char* panel_id(Panel panel) { return kSections[int(panel)].id; }

std::optional<Panel> panel_from_id(std::string_view id) {
  for (const Section& s : kSections) {
    if (id == s.id) return s.panel;
  }
  return std::nullopt;
}

void draw_panels(AppState& state, const Fonts& fonts) {
  const float gap = ImGui::GetStyle().ItemSpacing.x * 1.6f * 0.25f;
  for (const Section& s : kSections) {
    ImGui::Dummy(ImVec2(0, gap));
    if (begin_section(s.id, s.title, fonts.title, &state.panels.open[int(s.panel)])) s.draw(state, fonts);
    end_section(s.id);
  }
}

}  // namespace headroom::ui
