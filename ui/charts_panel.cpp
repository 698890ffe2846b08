// Charts panel: memory vs context and decode speed vs context.
#include "charts_panel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "chart.h"
#include "format.h"
#include "panels.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

// Context from 1K to the model's maximum; the tooltip names it in full ("Context: 45,568 tokens").
Axis context_axis(const ContextSeries& s) {
  Axis x = Axis::log2(s.contexts.front(), s.contexts.back(),
                      [](double v) { return format_grouped(std::llround(v)) + " tokens"; });
  x.name = "Context";
  x.tick_format = tokens_format();  // "32K"
  return x;
}

float chart_height() {
  const float line = ImGui::GetTextLineHeight();
  return std::clamp(ImGui::GetContentRegionAvail().x * 0.42f, line * 10.0f, line * 17.0f);
}

void chart_title(const Fonts& fonts, const char* title, const char* help) {
  {
    FontScope bold(fonts.bold);
    ImGui::TextUnformatted(title);
  }
  if (help != nullptr) help_marker(help);
}

void memory_chart(const AppState& state, const ContextSeries& s, const Fonts& fonts) {
  chart_title(fonts, "Memory by context",
              "Every point is a full estimate at that context: weights stay flat, the KV cache grows with "
              "the context. Lines mark what each device holds. Hover for the figures.");
  double top = *std::max_element(s.total.begin(), s.total.end());
  // Capacity lines within reach of the data stretch the scale; the rest are listed below.
  const double data_top = top;
  for (const ContextSeries::Capacity& c : s.capacities) {
    if (double(c.bytes) <= data_top * 3.0) top = std::max(top, double(c.bytes));
  }
  Chart chart;
  if (chart.begin("memory_chart", chart_height())) {
    chart.setup_x(context_axis(s));
    chart.setup_y(Axis::bytes(0, top * 1.12, state.unit));
    chart.area("Weights", s.contexts, s.zero, s.weights, color::weights());
    chart.area("KV cache", s.contexts, s.weights, s.upto_kv, color::kv_cache());
    chart.area("Compute buffer", s.contexts, s.upto_kv, s.upto_compute, color::compute());
    chart.area("Overhead", s.contexts, s.upto_compute, s.total, color::overhead());
    chart.line("Total", s.contexts, s.total, color::text(), 1.2f);
    // The context in use first, so the capacity labels sit on top of its dashes.
    chart.vline(format_tokens(state.scenario().context).c_str(), double(state.scenario().context),
                color::text_dim());
    const float room = ImGui::GetContentRegionAvail().x * 0.7f;
    for (const ContextSeries::Capacity& c : s.capacities) {
      if (double(c.bytes) > top * 1.12) continue;
      const std::string bytes = format_bytes(c.bytes, state.unit);
      std::string label = c.label + ": " + bytes;
      if (ImGui::CalcTextSize(label.c_str()).x > room) label = bytes;
      chart.hline(label.c_str(), double(c.bytes), color::accent());
    }
  }
  chart.end();
  std::string off_scale;
  for (const ContextSeries::Capacity& c : s.capacities) {
    if (double(c.bytes) <= top * 1.12) continue;
    off_scale += (off_scale.empty() ? "" : ", ") + c.label + " (" + format_bytes(c.bytes, state.unit) + ")";
  }
  if (!off_scale.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Far above the chart: %s", off_scale.c_str());
    ImGui::PopTextWrapPos();
  }
}

void speed_chart(const AppState& state, const ContextSeries& s, const Fonts& fonts) {
  const double top = *std::max_element(s.decode.begin(), s.decode.end());
  if (!(top > 0)) {
    ImGui::TextDisabled("%s", "Pick hardware to see the speed by context.");
    return;
  }
  chart_title(fonts, "Decode speed by context",
              "Tokens per second while writing, with that many tokens already in the cache: each token reads "
              "the weights and the whole KV cache. Red where the model no longer fits the hardware.");
  std::vector<char> bad(s.fits.size());
  for (std::size_t i = 0; i < bad.size(); ++i) bad[i] = s.fits[i] ? 0 : 1;
  const bool any_bad = std::find(bad.begin(), bad.end(), 1) != bad.end();
  Chart chart;
  if (chart.begin("speed_chart", chart_height() * 0.8f)) {
    chart.setup_x(context_axis(s));
    chart.setup_y(Axis::linear(0, top * 1.12, 1, "", rate_format("tok/s")));
    chart.line("Decode", s.contexts, s.decode, color::fits(), 2.0f, bad, color::no_fit());
    chart.vline(format_tokens(state.scenario().context).c_str(), double(state.scenario().context),
                color::text_dim());
  }
  chart.end();
  if (any_bad) {
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x * 2.5f);
    swatch(color::no_fit());
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted("does not fit");
  }
}

}  // namespace

void draw_charts_panel(AppState& state, const Fonts& fonts) {
  const ContextSeries* s = refresh_series(state);
  if (s == nullptr) return;
  if (!s->error.empty() || s->contexts.size() < 2) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("No chart: %s", s->error.empty() ? "the model has too short a context" : s->error.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  memory_chart(state, *s, fonts);
  ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y));
  speed_chart(state, *s, fonts);
}

}  // namespace headroom::ui
