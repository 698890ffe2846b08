// What the model and hardware pickers' search boxes match: pure functions, no ImGui, so the
// rules are unit-tested (tests/ui/test_picker_search.cpp) apart from the drawing.
//   - case-insensitive; the query splits into words at spaces and between digits and letters
//     ("80gb" is "80" "gb"); every word must match somewhere (name, id, family / group, memory);
//   - a word that is a number is not matched inside a longer number: "24" finds "24 GiB", not
//     "124" or "240"; "7" finds "7B", not "70B" (but "3" finds "3.1": the user is typing it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hardware.h"
#include "model_spec.h"

namespace headroom::ui {

// The query's words, lower-case ("Llama 3.1 8B" -> "llama" "3.1" "8" "b"). Empty for a blank query.
std::vector<std::string> search_words(std::string_view query);

// True when every word (from search_words) occurs in `text`, case-insensitively.
bool words_match(const std::vector<std::string>& words, std::string_view text);

// The text a model or device is searched by (name, id, family; name, id, group and its memory
// as "24 GiB 25.8 GB"), for words_match().
std::string search_text(const ModelSpec& model);
std::string search_text(const HardwareSpec& device);

// Shorthands: does the query (as typed) pick this entry? A blank query matches everything.
bool model_matches(const ModelSpec& model, std::string_view query);
bool hardware_matches(const HardwareSpec& device, std::string_view query);

}  // namespace headroom::ui
