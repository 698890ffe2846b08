#include "json_writer.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "utf8.h"

namespace headroom {

void JsonWriter::newline_indent(std::size_t depth) {
  out_ += '\n';
  out_.append(2 * depth, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) {
    if (!out_.empty()) throw std::logic_error("JsonWriter: a second top-level value");
    return;
  }
  if (levels_.back().close == '}') throw std::logic_error("JsonWriter: a value in an object needs a key");
  if (!levels_.back().empty) out_ += ',';
  levels_.back().empty = false;
  newline_indent(levels_.size());
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  levels_.push_back({bracket == '{' ? '}' : ']', true});
}

JsonWriter& JsonWriter::object() {
  open('{');
  return *this;
}

JsonWriter& JsonWriter::array() {
  open('[');
  return *this;
}

JsonWriter& JsonWriter::end() {
  if (levels_.empty() || after_key_) throw std::logic_error("JsonWriter: end() with nothing open or after a key");
  const Level level = levels_.back();
  levels_.pop_back();
  if (!level.empty) newline_indent(levels_.size());  // an empty one stays {} or []
  out_ += level.close;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (levels_.empty() || levels_.back().close != '}' || after_key_)
    throw std::logic_error("JsonWriter: a key outside an object");
  if (!levels_.back().empty) out_ += ',';
  levels_.back().empty = false;
  newline_indent(levels_.size());
  quoted(name);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

// nlohmann's escapes with ensure_ascii off: the two-letter ones, \u00xx (lower-case hex) for
// the other control characters, everything else as it is. Runs that need no escape are copied
// whole: the command lines are most of the answer's text.
void JsonWriter::quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t n = utf8_sequence(text, i); n != 0) {
        i += n;
        continue;
      }
    }
    out_.append(text.substr(run, i - run));
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (c < 0x20) {
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
        } else {
          out_ += "\xEF\xBF\xBD";  // a byte that starts no valid sequence
        }
    }
    run = ++i;
  }
  out_.append(text.substr(run));
  out_ += '"';
}

JsonWriter& JsonWriter::raw(std::string_view token) {
  before_value();
  out_ += token;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  quoted(text);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) { return raw(b ? "true" : "false"); }

JsonWriter& JsonWriter::value(double x) {
  if (!std::isfinite(x)) return raw("null");  // as nlohmann's serializer writes them
  char digits[64];
  // nlohmann's own Grisu2 formatter, so the digits match what dump() wrote before.
  const char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, x);
  return raw(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& texts) {
  array();
  for (const std::string& t : texts) value(t);
  return end();
}

std::string JsonWriter::str() && {
  if (!levels_.empty() || after_key_ || out_.empty()) throw std::logic_error("JsonWriter: the text is not complete");
  return std::move(out_);
}

}  // namespace headroom
