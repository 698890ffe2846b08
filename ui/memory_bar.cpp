// Stacked memory bar, legend and row usage bars (see memory_bar.h).
#include "memory_bar.h"

#include <algorithm>
#include <string>

#include "format.h"
#include "theme.h"
#include "widgets.h"

namespace headroom::ui {

namespace {

std::int64_t sum(std::span<const BarSegment> segments) {
  std::int64_t total = 0;
  for (const BarSegment& s : segments) total += std::max<std::int64_t>(s.bytes, 0);
  return total;
}

// Diagonal stripes over [min, max], clipped, to mark memory that does not fit.
void hatch(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 col, float step) {
  draw->PushClipRect(min, max, true);
  const float h = max.y - min.y;
  for (float x = min.x - h; x < max.x; x += step) {
    draw->AddLine(ImVec2(x, max.y), ImVec2(x + h, min.y), col, std::max(1.0f, step * 0.3f));
  }
  draw->PopClipRect();
}

}  // namespace

void draw_memory_bar(std::span<const BarSegment> segments, std::int64_t capacity_bytes,
                     ByteUnit unit) {
  const float font = ImGui::GetFontSize();
  const float bar_h = font * 1.9f;
  const float width = std::max(ImGui::GetContentRegionAvail().x, font * 4.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();

  const std::int64_t total = sum(segments);
  const double scale_bytes = double(std::max<std::int64_t>({total, capacity_bytes, 1}));
  const auto x_at = [&](double bytes) { return origin.x + float(bytes / scale_bytes) * width; };
  const float rounding = font * 0.35f;
  const ImVec2 bar_max(origin.x + width, origin.y + bar_h);

  // Track: the free capacity.
  draw->AddRectFilled(origin, bar_max, color::free_space(), rounding);

  // Segments, left to right.
  ImGui::InvisibleButton("##memory_bar", ImVec2(width, bar_h));
  const bool hovered = ImGui::IsItemHovered();
  const float mouse_x = ImGui::GetIO().MousePos.x;
  const BarSegment* hovered_segment = nullptr;
  double at = 0;
  draw->PushClipRect(origin, bar_max, true);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const BarSegment& s = segments[i];
    if (s.bytes <= 0) continue;
    const float x0 = x_at(at);
    const float x1 = std::max(x_at(at + double(s.bytes)), x0 + 1.0f);
    ImDrawFlags corners = ImDrawFlags_RoundCornersNone;
    if (at == 0) corners |= ImDrawFlags_RoundCornersLeft;
    if (at + double(s.bytes) >= scale_bytes) corners |= ImDrawFlags_RoundCornersRight;
    draw->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x1, bar_max.y), s.color, rounding, corners);
    if (hovered && mouse_x >= x0 && mouse_x < x1) hovered_segment = &s;
    at += double(s.bytes);
  }
  draw->PopClipRect();

  // Overflow past the capacity.
  if (capacity_bytes > 0 && total > capacity_bytes) {
    const ImVec2 over_min(x_at(double(capacity_bytes)), origin.y);
    hatch(draw, over_min, ImVec2(x_at(double(total)), bar_max.y), color::overflow_hatch(),
          font * 0.6f);
    draw->AddRect(over_min, ImVec2(x_at(double(total)), bar_max.y), color::no_fit(), rounding,
                  ImDrawFlags_RoundCornersRight, std::max(1.0f, font * 0.12f));
  }

  // Capacity marker and scale labels under the bar.
  const float label_y = bar_max.y + font * 0.35f;
  if (capacity_bytes > 0) {
    const float cx = x_at(double(capacity_bytes));
    draw->AddLine(ImVec2(cx, origin.y - font * 0.3f), ImVec2(cx, bar_max.y + font * 0.3f),
                  color::text(), std::max(1.0f, font * 0.12f));
    const std::string label = "capacity " + format_bytes(capacity_bytes, unit);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    const float lx = std::clamp(cx - w, origin.x, origin.x + width - w);
    draw->AddText(ImVec2(lx, label_y), color::text_dim(), label.c_str());
  }
  const std::string used = (total > capacity_bytes && capacity_bytes > 0 ? "needs " : "used ") +
                           format_bytes(total, unit);
  const float used_w = ImGui::CalcTextSize(used.c_str()).x;
  if (capacity_bytes > 0 && total > capacity_bytes) {
    // Overflow: the total sits at the bar's right end, in the no-fit colour.
    const float cap_right = x_at(double(capacity_bytes)) + used_w * 0.5f;
    if (origin.x + width - used_w > cap_right + font) {
      draw->AddText(ImVec2(origin.x + width - used_w, label_y), color::no_fit(), used.c_str());
    }
  } else if (capacity_bytes <= 0 || x_at(double(capacity_bytes)) - origin.x >= used_w * 2.4f) {
    draw->AddText(ImVec2(origin.x, label_y), color::text_dim(), used.c_str());
  }
  ImGui::Dummy(ImVec2(width, font * 1.6f));

  if (hovered_segment != nullptr) {
    ImGui::BeginTooltip();
    ImGui::Text("%s: %s (%s of the total)", hovered_segment->label,
                format_bytes(hovered_segment->bytes, unit).c_str(),
                format_percent(double(hovered_segment->bytes) /
                               double(std::max<std::int64_t>(total, 1))).c_str());
    ImGui::EndTooltip();
  }
}

void draw_legend(std::span<const BarSegment> segments, ByteUnit unit) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float start_x = ImGui::GetCursorPosX();
  float line_w = 0;
  const float gap = ImGui::GetFontSize() * 1.4f;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const BarSegment& s = segments[i];
    const std::string value = format_bytes(s.bytes, unit);
    const float item_w = ImGui::GetTextLineHeight() +
                         ImGui::CalcTextSize(s.label).x + ImGui::CalcTextSize(value.c_str()).x +
                         ImGui::GetStyle().ItemInnerSpacing.x * 3.0f;
    if (i > 0) {
      if (line_w + gap + item_w <= avail) {
        ImGui::SameLine(0, gap);
        line_w += gap;
      } else {
        ImGui::SetCursorPosX(start_x);
        line_w = 0;
      }
    }
    ImGui::BeginGroup();
    swatch(s.color);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(s.label);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextDisabled("%s", value.c_str());
    ImGui::EndGroup();
    line_w += item_w;
  }
}

void draw_usage_bar(std::int64_t used_bytes, std::int64_t capacity_bytes, float width) {
  const float h = ImGui::GetTextLineHeight();
  const float bar_h = h * 0.45f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 min(p.x, p.y + (h - bar_h) * 0.5f);
  const ImVec2 max(min.x + width, min.y + bar_h);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, color::free_space(), bar_h * 0.5f);
  if (capacity_bytes > 0 && used_bytes > 0) {
    const double f = std::min(1.0, double(used_bytes) / double(capacity_bytes));
    const ImU32 col = used_bytes <= capacity_bytes ? color::fits() : color::no_fit();
    draw->AddRectFilled(min, ImVec2(min.x + std::max(bar_h, float(f) * width), max.y), col,
                        bar_h * 0.5f);
  }
  ImGui::Dummy(ImVec2(width, h));
}

}  // namespace headroom::ui
