#include "picker_search.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace headroom::ui {

namespace {

char lower(char c) { return char(std::tolower(static_cast<unsigned char>(c))); }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Does `word` (lower-case) occur in `text` at `at`, case-insensitively?
bool occurs_at(std::string_view text, std::size_t at, std::string_view word) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(text[at + i]) != word[i]) return false;
  }
  return true;
}

bool word_matches(std::string_view word, std::string_view text) {
  if (word.empty() || word.size() > text.size()) return word.empty();
  const bool number = is_digit(word.front());
  for (std::size_t at = 0; at + word.size() <= text.size(); ++at) {
    if (!occurs_at(text, at, word)) continue;
    if (!number) return true;
    // A number is not part of a longer one: "7" skips "70B" and "1.7", yet "3" finds "3.1"
    // (the user is still typing it).
    if (at > 0 && (is_digit(text[at - 1]) || text[at - 1] == '.')) continue;
    const std::size_t end = at + word.size();
    if (end < text.size() && is_digit(text[end])) continue;
    return true;
  }
  return false;
}

std::string one_decimal(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

}  // namespace

std::vector<std::string> search_words(std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (char c : query) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      flush();
      continue;
    }
    // "80gb" -> "80" "gb" and "rtx4090" -> "rtx" "4090", so they find "80 GB" and "RTX 4090".
    if (!word.empty() && ((is_digit(word.back()) && is_alpha(c)) || (is_alpha(word.back()) && is_digit(c)))) flush();
    word += lower(c);
  }
  flush();
  return words;
}

bool words_match(const std::vector<std::string>& words, std::string_view text) {
  for (const std::string& w : words) {
    if (!word_matches(w, text)) return false;
  }
  return true;
}

std::string search_text(const ModelSpec& model) {
  return model.name + " | " + model.id + " | " + model.family;
}

std::string search_text(const HardwareSpec& device) {
  const double gib = double(device.memory_bytes) / double(std::int64_t(1) << 30);
  const double gb = double(device.memory_bytes) / 1e9;
  return device.name + " | " + device.id + " | " + device.group + " | " + one_decimal(gib) + " GiB | " +
         one_decimal(gb) + " GB | " + one_decimal(std::round(gb)) + " GB";
}

bool model_matches(const ModelSpec& model, std::string_view query) {
  return words_match(search_words(query), search_text(model));
}

bool hardware_matches(const HardwareSpec& device, std::string_view query) {
  return words_match(search_words(query), search_text(device));
}

}  // namespace headroom::ui
