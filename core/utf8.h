// UTF-8 checks for text that comes from outside: file headers, and parse errors that quote the
// input. JSON written back must be valid UTF-8, so ill-formed bytes become U+FFFD instead of
// an exception in the middle of an answer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace headroom {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one (overlong forms,
// surrogates and code points past U+10FFFF are invalid).
std::size_t utf8_sequence(std::string_view s, std::size_t i);

// Byte index of the first invalid sequence, or npos.
std::size_t first_invalid_utf8(std::string_view s);

// Each byte that starts no valid sequence replaced by U+FFFD; valid text comes back unchanged.
std::string repair_utf8(std::string_view s);

}  // namespace headroom
