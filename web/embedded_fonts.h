// The page's fonts (Roboto subsets, web/CMakeLists.txt), compiled into the module.
#pragma once

#include <span>

namespace headroom {

std::span<const unsigned char> roboto_regular_ttf();
std::span<const unsigned char> roboto_bold_ttf();
std::span<const unsigned char> jetbrains_mono_ttf();

}  // namespace headroom
