// Reading model files from disk for the CLI: a GGUF header (read in growing prefixes, never the
// whole file), a config.json, a safetensors header or a model.safetensors.index.json. The parsing
// itself is the core's; this file only moves bytes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog.h"
#include "model_import.h"

namespace headroom {

// {"file", "format", "model": {config.json-style spec with "name"}, "weights_bytes", "tensors",
// "warnings"}; throws InputError naming the file.
nlohmann::ordered_json import_model_file(const std::string& path, const Catalog& catalog);

// Several files together: the parts of one split GGUF (see import_model_files in the core).
nlohmann::ordered_json import_model_files(const std::vector<std::string>& paths, const Catalog& catalog);

// The same, with the model as a spec (a GGUF's carries its tensors' bytes).
ModelImport read_model_file(const std::string& path, const Catalog& catalog);

// One part of a split GGUF brings its sibling parts from the same folder, as llama.cpp does.
// A scenario whose "model" is {"gguf": "path"} gets the imported spec in its place.
void resolve_model_files(nlohmann::json& scenario, const Catalog& catalog);

}  // namespace headroom
