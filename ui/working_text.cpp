#include "working_text.h"

#include <cmath>
#include <cstdio>

#include "widgets.h"

namespace headroom::ui {

std::string printf_string(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string n(std::int64_t v) { return format_grouped(v); }

std::string seconds(double s) {
  if (s < 1e-3) return printf_string("%.1f \xC2\xB5s", s * 1e6);  // U+00B5 micro sign
  if (s < 1.0) return printf_string("%.2f ms", s * 1e3);
  return printf_string("%.2f s", s);
}

std::string flops(double f) {
  if (f >= 1e12) return printf_string("%.2f TFLOP", f / 1e12);
  if (f >= 1e9) return printf_string("%.2f GFLOP", f / 1e9);
  return printf_string("%.2f MFLOP", f / 1e6);
}

// 1008e9 B/s -> "1,008 GB/s" (no decimals: a spec-sheet figure).
std::string bandwidth(double bytes_per_s, ByteUnit unit) {
  const bool gib = unit == ByteUnit::gib;
  const double v = bytes_per_s / (gib ? double(kGiB) : double(kGB));
  if (v < 10) return printf_string(gib ? "%.1f GiB/s" : "%.1f GB/s", v);
  return format_grouped(std::llround(v)) + (gib ? " GiB/s" : " GB/s");
}

std::string percent(double share) { return printf_string("%.0f%%", share * 100.0); }

void say(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

void note(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", text.c_str());
  ImGui::PopTextWrapPos();
}

void heading(const Fonts& fonts, const char* title, const std::string& result, ImU32 swatch_color) {
  ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 0.6f));
  if (swatch_color != 0) {
    swatch(swatch_color);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  }
  FontScope bold(fonts.bold);
  ImGui::TextUnformatted(title);
  ImGui::SameLine();
  text_right(result);
}

}  // namespace headroom::ui
