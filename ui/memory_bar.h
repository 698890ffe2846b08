// The memory chart, drawn with ImDrawList: a stacked horizontal bar of memory components
// against the device capacity, with a capacity marker, overflow shading, hover tooltips
// and a legend. Also a compact used/capacity bar for table rows.
#pragma once

#include <cstdint>
#include <span>

#include "imgui.h"
#include "units.h"

namespace headroom::ui {

struct BarSegment {
  const char* label;
  std::int64_t bytes;
  ImU32 color;
};

// Full available width; the scale is max(sum of segments, capacity). Anything past the
// capacity marker is shaded as overflow.
void draw_memory_bar(std::span<const BarSegment> segments, std::int64_t capacity_bytes,
                     ByteUnit unit);

// Swatch, label and size of each segment, wrapping to the available width.
void draw_legend(std::span<const BarSegment> segments, ByteUnit unit);

// A thin used/capacity bar, green when it fits and red when not, `width` wide.
void draw_usage_bar(std::int64_t used_bytes, std::int64_t capacity_bytes, float width);

}  // namespace headroom::ui
