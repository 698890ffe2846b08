// Hugging Face config.json -> ModelSpec. The catalog stores each model as its config.json
// fields, so catalog entries and user-supplied configs go through this one function.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "model_spec.h"

namespace headroom {

// `path` prefixes field names in errors ("model.hf_config"). Throws InputError naming a
// missing or mistyped required field. `strict` also rejects keys it does not read (for specs a
// user types, where a misspelt optional key would otherwise be silently ignored); "name" is
// allowed there.
// `keep_text` keeps the config's JSON text in the spec (ModelSpec::config_json) so an imported
// model is written back whole; catalog models are shared by id and skip that (a fifth of the
// page's start-up catalog load).
enum class KeepConfigText { yes, no };
ModelSpec model_from_hf_config(const nlohmann::ordered_json& config, const std::string& path, bool strict = false,
                               KeepConfigText keep_text = KeepConfigText::yes);

// The inverse for the fields model_from_hf_config reads: a config.json-shaped object.
nlohmann::ordered_json model_to_hf_config(const ModelSpec& spec);

}  // namespace headroom
