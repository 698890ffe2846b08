#include "json_fields.h"

#include <algorithm>
#include <cmath>

namespace headroom {

using json = nlohmann::ordered_json;

std::string describe(const json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  std::string text = v.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

JsonFields::JsonFields(const json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) throw InputError(path_, "must be a JSON object (got " + describe(object_) + ")");
}

bool JsonFields::has(const char* key) const {
  auto it = object_.find(std::string_view(key));  // a view: no strlen per key compared
  return it != object_.end() && !it->is_null();
}

const json& JsonFields::raw(const char* key) {
  auto it = object_.find(std::string_view(key));
  if (it == object_.end()) throw InputError(at(key), "required field is missing");
  used_.push_back(key);
  return *it;
}

std::string JsonFields::string(const char* key) {
  const json& v = raw(key);
  if (!v.is_string()) throw InputError(at(key), "must be a string (got " + describe(v) + ")");
  return v.get<std::string>();
}

std::string JsonFields::string_or(const char* key, const std::string& fallback) {
  return has(key) ? string(key) : (ignore(key), fallback);
}

std::int64_t JsonFields::integer(const char* key, std::int64_t lo, std::int64_t hi) {
  const json& v = raw(key);
  std::int64_t n = 0;
  if (v.is_number_integer()) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT64_MAX))
      throw InputError(at(key), "is too large (got " + describe(v) + ")");
    n = v.get<std::int64_t>();
  } else if (v.is_number_float() && std::isfinite(v.get<double>()) && v.get<double>() == std::floor(v.get<double>()) &&
             std::fabs(v.get<double>()) < 9.0e18) {
    n = std::int64_t(v.get<double>());  // 1e9 written in JSON is still a whole number
  } else {
    throw InputError(at(key), "must be a whole number (got " + describe(v) + ")");
  }
  if (n < lo || n > hi)
    throw InputError(at(key), "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + " (got " +
                                  std::to_string(n) + ")");
  return n;
}

std::int64_t JsonFields::integer_or(const char* key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  return has(key) ? integer(key, lo, hi) : (ignore(key), fallback);
}

double JsonFields::number(const char* key, double lo, double hi) {
  const json& v = raw(key);
  if (!v.is_number()) throw InputError(at(key), "must be a number (got " + describe(v) + ")");
  const double d = v.get<double>();
  if (!std::isfinite(d) || d < lo || d > hi)
    throw InputError(at(key), "must be between " + json(lo).dump() + " and " + json(hi).dump() + " (got " + describe(v) + ")");
  return d;
}

double JsonFields::number_or(const char* key, double fallback, double lo, double hi) {
  return has(key) ? number(key, lo, hi) : (ignore(key), fallback);
}

bool JsonFields::boolean_or(const char* key, bool fallback) {
  if (!has(key)) return ignore(key), fallback;
  const json& v = raw(key);
  if (!v.is_boolean()) throw InputError(at(key), "must be true or false (got " + describe(v) + ")");
  return v.get<bool>();
}

void JsonFields::finish() const {
  for (auto it = object_.begin(); it != object_.end(); ++it)
    if (std::find(used_.begin(), used_.end(), it.key()) == used_.end())
      throw InputError(at(it.key().c_str()), "unknown key");
}

}  // namespace headroom
