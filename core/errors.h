// Errors the core reports about its input. Every message names the offending field (a JSON
// path such as "hardware[0].count") and the value, in one line a user can act on.
#pragma once

#include <stdexcept>
#include <string>

namespace headroom {

class InputError : public std::runtime_error {
 public:
  InputError(std::string field, const std::string& message)
      : std::runtime_error(field.empty() ? message : field + ": " + message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

}  // namespace headroom
