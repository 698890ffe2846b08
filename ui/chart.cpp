// Charts: see chart.h. Sections: axes and ticks, layout, plot calls, hover and legend.
#include "chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "format.h"
#include "theme.h"
#include "widgets.h"

namespace headroom::ui {

// --- axes and ticks --------------------------------------------------------------------------

namespace {

// "16", "2.5", "0.25": a tick value without trailing zeros.
std::string tick_number(double v) {
  char buf[32];
  if (std::fabs(v) < 1e-9) return "0";
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

double safe_log2(double v) { return std::log2(std::max(v, 1e-12)); }

}  // namespace

Axis Axis::log2(double min, double max, Formatter format) {
  Axis a;
  a.scale = Scale::log2;
  a.min = std::max(min, 1e-12);
  a.max = std::max(max, a.min * 2);
  a.format = std::move(format);
  return a;
}

Axis Axis::linear(double min, double max, double unit, std::string suffix, Formatter format) {
  Axis a;
  a.scale = Scale::linear;
  a.min = min;
  a.max = max > min ? max : min + unit;
  a.unit = unit > 0 ? unit : 1;
  a.suffix = std::move(suffix);
  a.format = std::move(format);
  return a;
}

Axis Axis::bytes(double min, double max, ByteUnit unit) {
  const bool gib = unit == ByteUnit::gib;
  return linear(min, max, gib ? double(kGiB) : double(kGB), gib ? "GiB" : "GB",
                [unit](double v) { return format_bytes(std::llround(v), unit); });
}

Formatter tokens_format() {
  return [](double v) { return format_tokens(std::llround(v)); };
}

Formatter rate_format(const char* suffix) {
  return [suffix](double v) { return v > 0 ? format_rate(v, suffix) : std::string("-"); };
}

std::vector<double> linear_ticks(double min, double max, double unit, int target) {
  std::vector<double> ticks;
  if (!(max > min) || !(unit > 0)) return ticks;
  const double lo = min / unit, hi = max / unit;
  const double raw = (hi - lo) / double(std::max(1, target));
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * mag;
    if (step >= raw) break;
  }
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-6; v += step) {
    ticks.push_back(v * unit);
    if (ticks.size() > 64) break;
  }
  return ticks;
}

std::vector<double> log2_ticks(double min, double max, int stride) {
  std::vector<double> ticks;
  stride = std::max(1, stride);
  const int first = int(std::ceil(safe_log2(min) - 1e-9));
  const int last = int(std::floor(safe_log2(max) + 1e-9));
  for (int p = first; p <= last && ticks.size() < 64; p += stride) ticks.push_back(std::ldexp(1.0, p));
  return ticks;
}

// --- layout ----------------------------------------------------------------------------------

bool Chart::begin(const char* id, float height) {
  open_ = true;
  laid_out_ = false;
  series_.clear();
  hlines_.clear();
  vlines_.clear();
  ImGui::PushID(id);
  const float width = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
  frame_min_ = ImGui::GetCursorScreenPos();
  frame_max_ = ImVec2(frame_min_.x + width, frame_min_.y + height);
  ImGui::InvisibleButton("##chart", ImVec2(width, height));
  hovered_ = ImGui::IsItemHovered();
  visible_ = ImGui::IsItemVisible();
  return visible_;
}

void Chart::setup_x(Axis axis) { x_ = std::move(axis); }
void Chart::setup_y(Axis axis) { y_ = std::move(axis); }

double Chart::norm_x(double x) const {
  if (x_.scale == Axis::Scale::log2) {
    return (safe_log2(x) - safe_log2(x_.min)) / (safe_log2(x_.max) - safe_log2(x_.min));
  }
  return (x - x_.min) / (x_.max - x_.min);
}

float Chart::px(double x) const {
  return plot_min_.x + float(norm_x(x)) * (plot_max_.x - plot_min_.x);
}

float Chart::py(double y) const {
  const double t = (y - y_.min) / (y_.max - y_.min);
  return plot_max_.y - float(t) * (plot_max_.y - plot_min_.y);
}

// Measures the tick labels, fixes the plot rectangle and draws the grid and the labels.
void Chart::layout() {
  laid_out_ = true;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const float pad = ImGui::GetStyle().ItemInnerSpacing.x;
  const float height = frame_max_.y - frame_min_.y;

  // Y ticks: about one per 2.5 lines of height.
  const int y_target = std::clamp(int(height / (line * 2.5f)), 2, 8);
  std::vector<double> y_ticks = linear_ticks(y_.min, y_.max, y_.unit, y_target);
  std::vector<std::string> y_labels;
  float label_w = 0;
  for (double t : y_ticks) {
    y_labels.push_back(y_.suffix.empty() ? tick_number(t / y_.unit) : tick_number(t / y_.unit) + " " + y_.suffix);
    label_w = std::max(label_w, ImGui::CalcTextSize(y_labels.back().c_str()).x);
  }
  plot_min_ = ImVec2(frame_min_.x + label_w + pad, frame_min_.y + line * 0.6f);
  plot_max_ = ImVec2(frame_max_.x - pad * 0.5f, frame_max_.y - line - pad * 0.5f);
  if (plot_max_.x - plot_min_.x < 10) plot_max_.x = plot_min_.x + 10;
  if (plot_max_.y - plot_min_.y < 10) plot_max_.y = plot_min_.y + 10;

  const ImU32 grid = color::card_border();
  const ImU32 dim = color::text_dim();
  for (std::size_t i = 0; i < y_ticks.size(); ++i) {
    const float y = py(y_ticks[i]);
    if (y < plot_min_.y - 1 || y > plot_max_.y + 1) continue;
    draw->AddLine(ImVec2(plot_min_.x, y), ImVec2(plot_max_.x, y), grid);
    const ImVec2 size = ImGui::CalcTextSize(y_labels[i].c_str());
    draw->AddText(ImVec2(plot_min_.x - pad - size.x, y - size.y * 0.5f), dim, y_labels[i].c_str());
  }

  // X ticks: thinned until the labels have room.
  std::vector<double> x_ticks;
  std::vector<std::string> x_labels;
  for (int stride = 1; stride <= 8; ++stride) {
    x_ticks = x_.scale == Axis::Scale::log2 ? log2_ticks(x_.min, x_.max, stride)
                                             : linear_ticks(x_.min, x_.max, x_.unit, 8 / stride);
    x_labels.clear();
    float widest = 0;
    for (double t : x_ticks) {
      x_labels.push_back(x_.tick_format ? x_.tick_format(t) : x_.format ? x_.format(t) : tick_number(t / x_.unit));
      widest = std::max(widest, ImGui::CalcTextSize(x_labels.back().c_str()).x);
    }
    const float room = (plot_max_.x - plot_min_.x) / float(std::max<std::size_t>(1, x_ticks.size()));
    if (widest + pad * 2 <= room) break;
  }
  for (std::size_t i = 0; i < x_ticks.size(); ++i) {
    const float x = px(x_ticks[i]);
    draw->AddLine(ImVec2(x, plot_min_.y), ImVec2(x, plot_max_.y), grid);
    const ImVec2 size = ImGui::CalcTextSize(x_labels[i].c_str());
    const float left = std::clamp(x - size.x * 0.5f, frame_min_.x, frame_max_.x - size.x);
    draw->AddText(ImVec2(left, plot_max_.y + pad * 0.5f), dim, x_labels[i].c_str());
  }
  draw->AddLine(ImVec2(plot_min_.x, plot_max_.y), ImVec2(plot_max_.x, plot_max_.y), dim);
}

// --- plot calls ------------------------------------------------------------------------------

void Chart::area(const char* label, std::span<const double> xs, std::span<const double> lower,
                 std::span<const double> upper, ImU32 color) {
  series_.push_back({label, xs, lower, upper, color, true});
  if (!visible_) return;
  if (!laid_out_) layout();
  const std::size_t n = std::min({xs.size(), lower.size(), upper.size()});
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(plot_min_, plot_max_, true);
  // Adjacent anti-aliased quads leave hairline seams: fill without AA fringes.
  const ImDrawListFlags flags = draw->Flags;
  draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  const ImU32 fill = (color & ~IM_COL32_A_MASK) | (ImU32(200) << IM_COL32_A_SHIFT);
  for (std::size_t i = 1; i < n; ++i) {
    const float x0 = px(xs[i - 1]), x1 = px(xs[i]);
    draw->AddQuadFilled(ImVec2(x0, py(lower[i - 1])), ImVec2(x1, py(lower[i])), ImVec2(x1, py(upper[i])),
                        ImVec2(x0, py(upper[i - 1])), fill);
  }
  draw->Flags = flags;
  for (std::size_t i = 1; i < n; ++i) {
    draw->AddLine(ImVec2(px(xs[i - 1]), py(upper[i - 1])), ImVec2(px(xs[i]), py(upper[i])), color, 1.5f);
  }
  draw->PopClipRect();
}

void Chart::line(const char* label, std::span<const double> xs, std::span<const double> ys, ImU32 color,
                 float thickness, std::span<const char> bad, ImU32 bad_color) {
  series_.push_back({label, xs, {}, ys, color, false});
  if (!visible_) return;
  if (!laid_out_) layout();
  const std::size_t n = std::min(xs.size(), ys.size());
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(plot_min_, plot_max_, true);
  const float t = thickness * ImGui::GetFontSize() / 15.0f;
  for (std::size_t i = 1; i < n; ++i) {
    const bool is_bad = i < bad.size() && bad[i] != 0;
    draw->AddLine(ImVec2(px(xs[i - 1]), py(ys[i - 1])), ImVec2(px(xs[i]), py(ys[i])),
                  is_bad && bad_color != 0 ? bad_color : color, t);
  }
  draw->PopClipRect();
}

void Chart::hline(const char* label, double y, ImU32 color) {
  hlines_.push_back({label, y, color});
  if (!visible_) return;
  if (!laid_out_) layout();
  const float yy = py(y);
  if (yy < plot_min_.y - 1 || yy > plot_max_.y + 1) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float t = 1.5f * ImGui::GetFontSize() / 15.0f;
  draw->AddLine(ImVec2(plot_min_.x, yy), ImVec2(plot_max_.x, yy), color, t);
  // The label right-aligned above the line; below it when an earlier label sits there.
  const ImVec2 size = ImGui::CalcTextSize(label);
  const float pad = ImGui::GetStyle().ItemInnerSpacing.x * 0.5f;
  float top = yy - size.y - pad * 0.5f;
  for (std::size_t i = 0; i + 1 < hlines_.size(); ++i) {
    const float other = py(hlines_[i].value) - size.y - pad * 0.5f;
    if (std::fabs(other - top) < size.y) top = yy + pad * 0.5f;
  }
  top = std::max(top, frame_min_.y);
  const ImVec2 at(std::max(plot_min_.x + pad, plot_max_.x - size.x - pad), top);
  draw->AddRectFilled(ImVec2(at.x - pad, at.y), ImVec2(at.x + size.x + pad, at.y + size.y),
                      (color::card() & ~IM_COL32_A_MASK) | (ImU32(210) << IM_COL32_A_SHIFT), pad);
  draw->AddText(at, color, label);
}

void Chart::vline(const char* label, double x, ImU32 color) {
  vlines_.push_back({label, x, color});
  if (!visible_) return;
  if (!laid_out_) layout();
  const float xx = px(x);
  if (xx < plot_min_.x - 1 || xx > plot_max_.x + 1) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float dash = ImGui::GetFontSize() * 0.35f;
  const float t = 1.2f * ImGui::GetFontSize() / 15.0f;
  for (float y = plot_min_.y; y < plot_max_.y; y += dash * 2) {
    draw->AddLine(ImVec2(xx, y), ImVec2(xx, std::min(y + dash, plot_max_.y)), color, t);
  }
  const ImVec2 size = ImGui::CalcTextSize(label);
  const float left = std::clamp(xx - size.x * 0.5f, plot_min_.x, plot_max_.x - size.x);
  draw->AddText(ImVec2(left, frame_min_.y - size.y * 0.4f), color, label);
}

// --- hover and legend ------------------------------------------------------------------------

void Chart::end() {
  if (!open_) return;
  open_ = false;
  if (visible_ && !laid_out_) layout();  // an empty chart still shows its axes

  // Hover: a guide at the nearest sample, a dot on each series there, and every value.
  if (visible_ && hovered_ && !series_.empty() && !series_.front().xs.empty()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const std::span<const double> xs = series_.front().xs;
    std::size_t best = 0;
    float best_d = 1e30f;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const float d = std::fabs(px(xs[i]) - mouse.x);
      if (d < best_d) best_d = d, best = i;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float gx = px(xs[best]);
    draw->AddLine(ImVec2(gx, plot_min_.y), ImVec2(gx, plot_max_.y), color::text_dim());
    const float r = ImGui::GetFontSize() * 0.22f;
    for (const Series& s : series_) {
      if (best < s.upper.size()) draw->AddCircleFilled(ImVec2(gx, py(s.upper[best])), r, s.color);
    }
    ImGui::BeginTooltip();
    const std::string x_text = x_.format ? x_.format(xs[best]) : tick_number(xs[best]);
    ImGui::TextUnformatted((x_.name.empty() ? x_text : x_.name + ": " + x_text).c_str());
    // Lines first, then areas from the top of the stack down: the order they appear.
    auto row = [&](const Series& s) {
      if (best >= s.upper.size()) return;
      const double v = s.is_area && best < s.lower.size() ? s.upper[best] - s.lower[best] : s.upper[best];
      swatch(s.color);
      ImGui::SameLine();
      ImGui::Text("%s: %s", s.label.c_str(), (y_.format ? y_.format(v) : tick_number(v)).c_str());
    };
    for (const Series& s : series_) if (!s.is_area) row(s);
    for (auto it = series_.rbegin(); it != series_.rend(); ++it) if (it->is_area) row(*it);
    ImGui::EndTooltip();
  }

  // Legend: swatch and label per series, wrapping to the width.
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float inner = ImGui::GetStyle().ItemInnerSpacing.x;
  bool first = true;
  for (const Series& s : series_) {
    const float w = ImGui::GetTextLineHeight() * 0.62f + inner + ImGui::CalcTextSize(s.label.c_str()).x;
    if (!first) {
      ImGui::SameLine(0, inner * 2.5f);
      if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    }
    first = false;
    swatch(s.color);
    ImGui::SameLine(0, inner);
    ImGui::TextUnformatted(s.label.c_str());
  }
  ImGui::PopID();
}

}  // namespace headroom::ui
