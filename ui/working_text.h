// Shared by the working panel's sections: number formats and the three kinds of line.
#pragma once

#include <cstdint>
#include <string>

#include "format.h"
#include "theme.h"

namespace headroom::ui {

std::string printf_string(const char* fmt, double v);
std::string n(std::int64_t v);               // 1,234,567
std::string seconds(double s);               // 14.5 µs, 1.50 ms, 3.51 s
std::string flops(double f);                 // 989.40 TFLOP
std::string bandwidth(double bytes_per_s, ByteUnit unit);  // 1,008 GB/s
std::string percent(double share);           // 91%

void say(const std::string& text);   // a wrapped line of prose (never through printf: figures may hold '%')
void note(const std::string& text);  // the same, dimmed
void heading(const Fonts& fonts, const char* title, const std::string& result, ImU32 swatch_color);

}  // namespace headroom::ui
