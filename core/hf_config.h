// Hugging Face config.json -> ModelSpec. The catalog stores each model as its config.json
// fields, so catalog entries and user-supplied configs go through this one function.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "model_spec.h"

namespace headroom {

// `path` prefixes field names in errors ("model.hf_config"). Throws InputError naming a
// missing or mistyped required field.
ModelSpec model_from_hf_config(const nlohmann::json& config, const std::string& path);

}  // namespace headroom
