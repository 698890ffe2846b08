// Results panel: verdict card with the memory bar, breakdown and speed cards side by side
// (stacked when narrow), devices table, warnings. Every byte figure carries its unit.
#include "results_panel.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "format.h"
#include "memory_bar.h"
#include "widgets.h"

namespace headroom::ui {

DeviceTotals device_totals(const Estimate& e) {
  DeviceTotals t;
  if (e.devices.empty()) {
    t.weights = e.weights_bytes;
    t.kv_cache = e.kv_cache_bytes;
    t.compute = e.compute_buffer_bytes;
    t.overhead = e.overhead_bytes;
    t.used = e.total_bytes;
    return t;
  }
  for (const DeviceUsage& d : e.devices) {
    t.weights += d.weights_bytes;
    t.kv_cache += d.kv_cache_bytes;
    t.compute += d.compute_buffer_bytes;
    t.overhead += d.overhead_bytes;
    t.used += d.used_bytes;
    t.capacity += d.capacity_bytes;
  }
  t.host_only = std::max<std::int64_t>(0, e.total_bytes - t.used);
  return t;
}

std::string machine_description(const AppState& state) {
  std::string out;
  for (const HardwareRef& ref : state.scenario().hardware) {
    const HardwareSpec* spec = resolve_hardware(state.catalog(), ref);
    if (!out.empty()) out += " + ";
    if (ref.count > 1) out += std::to_string(ref.count) + " \xC3\x97 ";  // U+00D7
    out += spec != nullptr ? spec->name : ref.id;
  }
  return out;
}

std::string scenario_line(const AppState& state, bool with_machine) {
  const Scenario& s = state.scenario();
  const ModelSpec* model = state.model();
  std::string out = model != nullptr ? model->name : s.model.id;
  out += " \xC2\xB7 " + s.quant + " \xC2\xB7 " + format_tokens(s.context) + " context";  // U+00B7
  const std::string machine = with_machine ? machine_description(state) : "";
  if (!machine.empty()) out += " on " + machine;
  return out;
}

std::string speed_text(double tokens_per_s) {
  if (!(tokens_per_s > 0)) return "-";
  // Calibrated estimates, within 25% of measured llama-bench figures: "about", not "up to".
  if (tokens_per_s >= 1000.0) return "~" + format_grouped(std::llround(tokens_per_s)) + " tok/s";
  return "~" + format_rate(tokens_per_s, "tok/s");
}

// "~111 tok/s decode, ~9,629 tok/s prefill", wrapping between the two halves.
void draw_speed_line(const Estimate& e, const Fonts& fonts) {
  const std::string decode = speed_text(e.decode_tokens_per_s);
  const std::string prefill = speed_text(e.prefill_tokens_per_s);
  const float inner = ImGui::GetStyle().ItemInnerSpacing.x;
  {
    FontScope bold(fonts.bold);
    ImGui::TextUnformatted(decode.c_str());
  }
  ImGui::SameLine(0, inner);
  ImGui::TextDisabled("decode,");
  const float rest = ImGui::CalcTextSize(prefill.c_str()).x + ImGui::CalcTextSize("prefill").x + inner * 2;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (right - ImGui::GetItemRectMax().x - inner * 2 > rest) {
    ImGui::SameLine(0, inner * 2);
  }
  ImGui::TextUnformatted(prefill.c_str());
  ImGui::SameLine(0, inner);
  ImGui::TextDisabled("prefill");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Decode: bytes read per token over the device's memory bandwidth; prefill: FLOPs per token\n"
                      "over its compute; each scaled by a share fitted to llama-bench results per device class.");
  }
}

namespace {

// Devices are picked and the model does not fit them: the speeds are then what those devices
// would reach with the memory it needs, and the page says so beside them.
bool speeds_need_memory(const Estimate& e) { return !e.devices.empty() && !e.fits; }

// A label / value row of a two-column table; the value right-aligned.
void value_row(const char* label, const std::string& value, ImU32 swatch_color, ImFont* font) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  FontScope scope(font);
  if (swatch_color != 0) {
    swatch(swatch_color);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  }
  ImGui::TextUnformatted(label);
  ImGui::TableNextColumn();
  text_right(value);
}

void verdict_card(const AppState& state, const Estimate& e, const Fonts& fonts, float width) {
  // What the enclosing (scrolling) column shows, to clip the strip below by.
  const ImVec2 visible_min = ImGui::GetWindowDrawList()->GetClipRectMin();
  const ImVec2 visible_max = ImGui::GetWindowDrawList()->GetClipRectMax();
  if (!begin_card("verdict", width)) {
    end_card("verdict");
    return;
  }
  const DeviceTotals t = device_totals(e);
  const std::int64_t capacity = t.capacity;
  const ImU32 verdict_color = e.devices.empty() ? color::accent() : e.fits ? color::fits() : color::no_fit();
  {
    // A verdict-coloured strip down the card's left edge.
    const ImVec2 pos = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    const float strip = ImGui::GetFontSize() * 0.3f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Clipped by the scrolling column too, or it paints over the header when scrolled away
    // (the card's own clip rect would cut the strip off: it sits in the padding).
    draw->PushClipRect(ImVec2(std::max(pos.x, visible_min.x), std::max(pos.y, visible_min.y)),
                       ImVec2(std::min(pos.x + size.x, visible_max.x), std::min(pos.y + size.y, visible_max.y)),
                       false);
    draw->AddRectFilled(pos, ImVec2(pos.x + strip, pos.y + size.y), verdict_color,
                        ImGui::GetStyle().ChildRounding, ImDrawFlags_RoundCornersLeft);
    draw->PopClipRect();
  }
  {
    FontScope big(fonts.verdict);
    ImGui::PushStyleColor(ImGuiCol_Text, verdict_color);
    ImGui::TextUnformatted(e.devices.empty() ? "Memory needed" : e.fits ? "Fits" : "Does not fit");
    ImGui::PopStyleColor();
  }
  if (width < ImGui::GetFontSize() * 34.0f) {
    // Narrow: the inputs are below this card, so say what the verdict is about.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", scenario_line(state, false).c_str());
    ImGui::PopTextWrapPos();
  }
  const std::string need = format_bytes(t.used, state.unit);
  const std::string have = format_bytes(capacity, state.unit);
  const double used = capacity > 0 ? double(t.used) / double(capacity) : 0.0;
  ImGui::PushTextWrapPos(0.0f);
  {
    FontScope bold(fonts.bold);
    if (e.devices.empty()) {
      ImGui::Text("Needs %s in total", need.c_str());
    } else {
      ImGui::Text("Needs %s of %s (%s) on %s", need.c_str(), have.c_str(),
                  format_percent(used).c_str(), machine_description(state).c_str());
    }
  }
  if (e.devices.empty()) ImGui::TextDisabled("Pick hardware to check the fit and the speed");
  if (t.host_only > 0) {
    ImGui::TextDisabled("+ %s in host RAM (not on the devices)",
                        format_bytes(t.host_only, state.unit).c_str());
  }
  if (capacity > 0) {
    const std::int64_t diff = capacity - t.used;
    if (diff >= 0) {
      ImGui::TextDisabled("%s of headroom left", format_bytes(diff, state.unit).c_str());
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, color::no_fit());
      ImGui::Text("%s short: pick a smaller weight format, a shorter context or more memory",
                  format_bytes(-diff, state.unit).c_str());
      ImGui::PopStyleColor();
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));

  const BarSegment segments[] = {
      {"Weights", t.weights, color::weights()},
      {"KV cache", t.kv_cache, color::kv_cache()},
      {"Compute buffer", t.compute, color::compute()},
      {"Overhead", t.overhead, color::overhead()},
  };
  draw_memory_bar(segments, capacity, state.unit);
  draw_legend(segments, state.unit);
  if (e.decode_tokens_per_s > 0) {
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.2f));
    if (speeds_need_memory(e)) {  // under "Does not fit" a bare "~77 tok/s" reads as a promise
      ImGui::TextDisabled("With enough memory:");
      ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    }
    draw_speed_line(e, fonts);
  }
  end_card("verdict");
}

void memory_card(const AppState& state, const Estimate& e, const Fonts& fonts, float width,
                 float height) {
  if (begin_card("memory", width, height)) {
    {
      FontScope title(fonts.title);
      ImGui::TextUnformatted("Total memory");
    }
    if (ImGui::BeginTable("memory_table", 2, ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 1.4f);
      ImGui::TableSetupColumn("bytes", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      const ByteUnit u = state.unit;
      value_row("Weights", format_bytes(e.weights_bytes, u), color::weights(), nullptr);
      value_row("KV cache", format_bytes(e.kv_cache_bytes, u), color::kv_cache(), nullptr);
      value_row("Compute buffer", format_bytes(e.compute_buffer_bytes, u), color::compute(), nullptr);
      value_row("Overhead", format_bytes(e.overhead_bytes, u), color::overhead(), nullptr);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Separator();
      ImGui::TableNextColumn();
      ImGui::Separator();
      value_row("Total", format_bytes(e.total_bytes, u), 0, fonts.bold);
      ImGui::EndTable();
    }
    const DeviceTotals t = device_totals(e);
    if (t.host_only > 0) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("Includes %s in host RAM; the bar above shows what is on the devices.",
                          format_bytes(t.host_only, state.unit).c_str());
      ImGui::PopTextWrapPos();
    }
  }
  end_card("memory");
}

void speed_card(const AppState& state, const Estimate& e, const Fonts& fonts, float width,
                float height) {
  if (begin_card("speed", width, height)) {
    {
      FontScope title(fonts.title);
      ImGui::TextUnformatted("Speed and size");
    }
    if (ImGui::BeginTable("speed_table", 2, ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 1.4f);
      ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      value_row("Decode", speed_text(e.decode_tokens_per_s), 0, fonts.bold);
      value_row("Prefill", speed_text(e.prefill_tokens_per_s), 0, nullptr);
      if (e.first_token.seconds > 0) {
        const std::string label = "First token, " + format_tokens(e.first_token.prompt_tokens) + " prompt";
        value_row(label.c_str(), format_seconds(e.first_token.seconds), 0, nullptr);
      }
      if (e.batch.concurrency > 1 && e.batch.aggregate_tokens_per_s > 0) {
        const std::string label = "Batch of " + std::to_string(e.batch.concurrency) + ", in all";
        value_row(label.c_str(), speed_text(e.batch.aggregate_tokens_per_s), 0, nullptr);
      }
      if (e.serving && e.serving->output_tokens_per_s > 0) {
        const std::string label = "Serving " + format_grouped(e.serving->workload.requests) + " requests";
        value_row(label.c_str(), speed_text(e.serving->output_tokens_per_s), 0, nullptr);
      }
      value_row("Parameters", format_count(e.parameters.total), 0, nullptr);
      if (e.parameters.active != e.parameters.total && e.parameters.active > 0) {
        value_row("Active per token", format_count(e.parameters.active), 0, nullptr);
      }
      const ModelSpec* model = state.model();
      if (model != nullptr && e.parameters.total > 0) {
        const double bits = 8.0 * double(e.weights_bytes) / double(e.parameters.total);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f bits", bits);
        value_row("Bits per weight", buf, 0, nullptr);
      }
      ImGui::EndTable();
    }
    ImGui::PushTextWrapPos(0.0f);
    if (speeds_need_memory(e)) {
      ImGui::TextDisabled("It does not fit: these speeds are what the devices would reach with the memory it needs.");
    }
    ImGui::TextDisabled("%s", e.serving ? "Decode, prefill and first token are for one sequence, the batch row for all of "
                                          "them together; serving is vLLM's output over a whole benchmark run (ShareGPT-like "
                                          "requests; see How this is calculated), within 18% of eleven published runs."
                                        : "Decode, prefill and first token are for one sequence, the batch row for all of them "
                                          "together; calibrated on published llama.cpp results: every measured figure in "
                                          "docs/ACCURACY.md lands within 25%.");
    ImGui::PopTextWrapPos();
  }
  end_card("speed");
}

void devices_card(const AppState& state, const Estimate& e, const Fonts& fonts, float width) {
  if (begin_card("devices", width)) {
    {
      FontScope title(fonts.title);
      ImGui::TextUnformatted("Per device");
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    if (width < ImGui::GetFontSize() * 30.0f) {
      // Narrow (a phone): six columns would clip, so one block per device.
      for (const DeviceUsage& d : e.devices) {
        ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 0.3f));
        ImGui::PushTextWrapPos(0.0f);
        {
          FontScope bold(fonts.bold);
          ImGui::TextUnformatted(d.name.c_str());
        }
        ImGui::TextDisabled("%s of %s, %lld layers, %s", format_bytes(d.used_bytes, state.unit).c_str(),
                            format_bytes(d.capacity_bytes, state.unit).c_str(), static_cast<long long>(d.layers),
                            d.fits ? "fits" : "does not fit");
        ImGui::PopTextWrapPos();
        draw_usage_bar(d.used_bytes, d.capacity_bytes, ImGui::GetContentRegionAvail().x);
      }
    } else if (ImGui::BeginTable("devices_table", 6, flags)) {
      const float f = ImGui::GetFontSize();
      ImGui::TableSetupColumn("Device", ImGuiTableColumnFlags_WidthStretch, 2.2f);
      ImGui::TableSetupColumn("Used", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("Capacity", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("Usage", ImGuiTableColumnFlags_WidthFixed, f * 6.0f);
      ImGui::TableSetupColumn("Layers", ImGuiTableColumnFlags_WidthFixed, f * 3.6f);
      ImGui::TableSetupColumn("Fits", ImGuiTableColumnFlags_WidthFixed, f * 2.6f);
      {
        FontScope bold(fonts.bold);
        ImGui::TableHeadersRow();
      }
      for (const DeviceUsage& d : e.devices) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.name.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", to_string(d.kind));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_bytes(d.used_bytes, state.unit).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_bytes(d.capacity_bytes, state.unit).c_str());
        ImGui::TableNextColumn();
        draw_usage_bar(d.used_bytes, d.capacity_bytes, ImGui::GetContentRegionAvail().x);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(d.layers));
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, d.fits ? color::fits() : color::no_fit());
        ImGui::TextUnformatted(d.fits ? "yes" : "no");
        ImGui::PopStyleColor();
      }
      ImGui::EndTable();
    }
  }
  end_card("devices");
}

void warnings_card(const Estimate& e, const Fonts& fonts, float width) {
  if (e.warnings.empty()) return;
  if (begin_card("warnings", width)) {
    {
      FontScope title(fonts.title);
      ImGui::PushStyleColor(ImGuiCol_Text, color::warning());
      ImGui::Text("Warnings (%d)", int(e.warnings.size()));
      ImGui::PopStyleColor();
    }
    ImGui::PushTextWrapPos(0.0f);
    for (const std::string& w : e.warnings) {
      ImGui::PushStyleColor(ImGuiCol_Text, color::warning());
      ImGui::TextUnformatted("\xE2\x80\xA2");  // bullet
      ImGui::PopStyleColor();
      ImGui::SameLine();
      ImGui::TextUnformatted(w.c_str());
    }
    ImGui::PopTextWrapPos();
  }
  end_card("warnings");
}

void error_card(const AppState& state, const Fonts& fonts, float width) {
  if (begin_card("error", width)) {
    {
      FontScope big(fonts.verdict);
      ImGui::PushStyleColor(ImGuiCol_Text, color::warning());
      ImGui::TextUnformatted("Cannot estimate");
      ImGui::PopStyleColor();
    }
    ImGui::PushTextWrapPos(0.0f);
    {
      FontScope bold(fonts.bold);
      ImGui::TextUnformatted(state.error().empty() ? "No estimate yet." : state.error().c_str());
    }
    if (!state.error_field().empty()) {
      ImGui::TextDisabled("Field: %s", state.error_field().c_str());
    }
    ImGui::TextDisabled("Change the inputs on the left; the estimate updates as you edit.");
    ImGui::PopTextWrapPos();
  }
  end_card("error");
}

}  // namespace

void draw_results_panel(const AppState& state, const Fonts& fonts, ResultsPart part) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float gap = ImGui::GetStyle().ItemSpacing.x * 1.6f;
  const Estimate* e = state.estimate();
  if (e == nullptr) {
    if (part != ResultsPart::details) error_card(state, fonts, width);
    return;
  }
  if (part != ResultsPart::details) {
    verdict_card(state, *e, fonts, width);
    ImGui::Dummy(ImVec2(0, gap * 0.25f));
  }
  if (part == ResultsPart::verdict) return;

  const bool side_by_side = width > ImGui::GetFontSize() * 34.0f;
  if (side_by_side) {
    const float half = (width - gap) * 0.5f;
    const float h = std::max(card_height("memory"), card_height("speed"));
    memory_card(state, *e, fonts, half, h);
    ImGui::SameLine(0, gap);
    speed_card(state, *e, fonts, half, h);
  } else {
    memory_card(state, *e, fonts, width, 0);
    speed_card(state, *e, fonts, width, 0);
  }
  ImGui::Dummy(ImVec2(0, gap * 0.25f));
  if (!e->devices.empty()) devices_card(state, *e, fonts, width);
  if (!e->warnings.empty()) {
    ImGui::Dummy(ImVec2(0, gap * 0.25f));
    warnings_card(*e, fonts, width);
  }
}

}  // namespace headroom::ui
