// Reading one JSON object field by field with exact error messages: each getter names the
// field's path, and finish() rejects keys nobody asked for (a typo is an error, not a default).
// Internal to the core's .cpp files.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "errors.h"

namespace headroom {

// The core reads and writes one JSON type, nlohmann's insertion-ordered one (the JSON contract
// keeps its key order): a second instantiation (nlohmann::json) cost the page 35 KB of wasm.
// It parses std::string_view only: a std::string's iterators instantiate a second parser and
// lexer (9.6 KB of wasm).

// A value for an error message: scalars as JSON, containers by kind (never a deep dump).
std::string describe(const nlohmann::ordered_json& value);

class JsonFields {
 public:
  JsonFields(const nlohmann::ordered_json& object, std::string path);

  const std::string& path() const { return path_; }
  std::string at(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  bool has(const char* key) const;
  const nlohmann::ordered_json& raw(const char* key);  // marks it used; throws if missing

  std::string string(const char* key);
  std::string string_or(const char* key, const std::string& fallback);
  std::int64_t integer(const char* key, std::int64_t lo, std::int64_t hi);
  std::int64_t integer_or(const char* key, std::int64_t fallback, std::int64_t lo, std::int64_t hi);
  double number(const char* key, double lo, double hi);
  double number_or(const char* key, double fallback, double lo, double hi);
  bool boolean_or(const char* key, bool fallback);
  void ignore(const char* key) { used_.push_back(key); }

  void finish() const;  // throws on the first key not read

 private:
  const nlohmann::ordered_json& object_;
  std::string path_;
  // The keys read so far. Keys are string literals (every caller passes one), kept as views:
  // no string is built per lookup, which made reading the catalog the page's slowest start-up step.
  std::vector<std::string_view> used_;
};

}  // namespace headroom
