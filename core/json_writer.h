// JSON text laid out exactly as nlohmann's dump(2) lays it out, written straight from the
// caller's values: no document is built first. The estimate's answer (Headroom.estimate, the
// CLI's --json) spent most of its time building and dumping a DOM of a hundred numbers.
//
//   JsonWriter w;
//   w.object().field("fits", true).key("devices").array().value("GPU 0").end().end();
//   std::string text = std::move(w).str();
#pragma once

#include <charconv>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace headroom {

class JsonWriter {
 public:
  JsonWriter& object();  // {
  JsonWriter& array();   // [
  JsonWriter& end();     // closes the innermost object or array
  JsonWriter& key(std::string_view name);  // inside an object, before each value

  JsonWriter& value(std::string_view text);  // ill-formed UTF-8 is written as U+FFFD
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool b);
  JsonWriter& value(double x);  // nlohmann's shortest round-trip form; NaN and infinities as null
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T n) {
    char digits[24];
    const char* end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    return raw(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }
  JsonWriter& value(const std::vector<std::string>& texts);  // an array of strings

  template <class T>
  JsonWriter& field(std::string_view name, const T& v) {
    return key(name).value(v);
  }

  // The text; every object and array must be closed.
  std::string str() &&;

 private:
  JsonWriter& raw(std::string_view token);
  void open(char bracket);
  void before_value();  // the comma, newline and indent an element needs
  void newline_indent(std::size_t depth);
  void quoted(std::string_view text);

  struct Level {
    char close;
    bool empty;
  };
  std::string out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace headroom
