// Line and area charts drawn with ImDrawList, with ImPlot's grammar (no ImPlot package here):
//
//   Chart chart;
//   if (chart.begin("memory", height)) {        // reserves the full available width
//     chart.setup_x(Axis::log2(1024, 131072, tokens_format()));
//     chart.setup_y(Axis::bytes(0, max_bytes, state.unit));
//     chart.area("Weights", xs, zeros, weights, color::weights());
//     chart.line("Total", xs, totals, color::text());
//     chart.hline("RTX 4090", 24e9, color::accent());
//   }
//   chart.end();                                 // always, like ImGui::EndChild()
//
// The first plot call fixes the layout (tick labels measured, grid drawn); end() adds the
// hover guide with a tooltip of every series at the nearest x, and the legend, wrapped to
// the width. Series are read through spans, so their data must live until end().
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "imgui.h"
#include "units.h"

namespace headroom::ui {

// Value (in the axis's raw unit: bytes, tokens, tok/s) -> display text.
using Formatter = std::function<std::string(double)>;

struct Axis {
  enum class Scale { linear, log2 };
  Scale scale = Scale::linear;
  double min = 0;
  double max = 1;
  // Linear ticks are 1, 2 or 5 x 10^k of `unit` (1e9 for GB, 2^30 for GiB), labelled
  // "<number> <suffix>"; log2 ticks sit on powers of two, labelled by `format`.
  double unit = 1;
  std::string suffix;
  Formatter format;  // hover values (and log2 ticks)
  Formatter tick_format;  // tick labels, when they should read shorter than hover values
  std::string name;  // the hover tooltip's heading: "<name>: <value>" ("Context: 45,568")

  static Axis log2(double min, double max, Formatter format);
  static Axis linear(double min, double max, double unit, std::string suffix, Formatter format);
  // Bytes in the page's unit: ticks "16 GB" / "16 GiB", hover "15.73 GB".
  static Axis bytes(double min, double max, ByteUnit unit);
};

Formatter tokens_format();                 // 32768 -> "32K"
Formatter rate_format(const char* suffix);  // 88.4 -> "88.4 tok/s"

// Nice 1/2/5 x 10^k tick positions covering [min, max] (in `unit`s), about `target` of them.
std::vector<double> linear_ticks(double min, double max, double unit, int target);
// Powers of two within [min, max], every `stride`-th one (stride >= 1).
std::vector<double> log2_ticks(double min, double max, int stride);

class Chart {
 public:
  // Reserves the full available width x `height`. False when the chart is clipped away (then
  // the plot calls do nothing); call end() either way.
  bool begin(const char* id, float height);
  void setup_x(Axis axis);
  void setup_y(Axis axis);

  // A filled band between `lower` and `upper` (stacked areas pass the running sums).
  // `legend_value` (hover): the band's own height, upper - lower.
  void area(const char* label, std::span<const double> xs, std::span<const double> lower,
            std::span<const double> upper, ImU32 color);
  // A polyline; where `bad` is true at a point the segment into it takes `bad_color`.
  void line(const char* label, std::span<const double> xs, std::span<const double> ys, ImU32 color,
            float thickness = 2.0f, std::span<const char> bad = {}, ImU32 bad_color = 0);
  // A horizontal reference line across the plot with its label at the right end.
  void hline(const char* label, double y, ImU32 color);
  // A dashed vertical marker (e.g. the context in use) labelled at the top.
  void vline(const char* label, double x, ImU32 color);
  void end();

  // Pixel position of a value inside the plot rectangle (valid after the first plot call).
  float px(double x) const;
  float py(double y) const;
  const ImVec2& plot_min() const { return plot_min_; }
  const ImVec2& plot_max() const { return plot_max_; }

 private:
  struct Series {
    std::string label;
    std::span<const double> xs, lower, upper;  // a line has lower empty
    ImU32 color;
    bool is_area;
  };
  struct Marker {
    std::string label;
    double value;
    ImU32 color;
  };

  void layout();
  double norm_x(double x) const;

  bool open_ = false;
  bool visible_ = false;
  bool laid_out_ = false;
  bool hovered_ = false;
  ImVec2 frame_min_{}, frame_max_{};
  ImVec2 plot_min_{}, plot_max_{};
  Axis x_, y_;
  std::vector<Series> series_;
  std::vector<Marker> hlines_, vlines_;
};

}  // namespace headroom::ui
