#include "file_import.h"

#include <algorithm>
#include <fstream>
#include <vector>

#include "errors.h"
#include "json_io.h"
#include "model_import.h"

namespace headroom {
namespace {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

struct FileReader {
  std::ifstream in;
  std::uint64_t size = 0;
  explicit FileReader(const std::string& path) : in(path, std::ios::binary) {
    if (!in) throw InputError("file", "cannot read \"" + path + "\"");
    in.seekg(0, std::ios::end);
    size = std::uint64_t(in.tellg());
  }
  std::vector<std::uint8_t> prefix(std::uint64_t n) {
    std::vector<std::uint8_t> bytes(std::size_t(std::min(n, size)));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size()));
    return bytes;
  }
};

}  // namespace

// Reads as much of the file as the header needs, starting at 1 MiB and growing (the page reads
// File.slice chunks the same way); the parsing is the core's (model_import.h).
ordered import_model_file(const std::string& path, const Catalog& catalog) {
  return read_model_file(path, catalog).info;
}

ModelImport read_model_file(const std::string& path, const Catalog& catalog) {
  FileReader f(path);
  const std::string base = path.substr(path.find_last_of('/') + 1);
  if (model_file_kind(base) == ModelFileKind::unknown)
    throw InputError("file", "\"" + base + "\": expected a .gguf, .safetensors, config.json or index.json file");
  std::uint64_t want = std::uint64_t(1) << 20;
  if (model_file_kind(base) == ModelFileKind::config_json || model_file_kind(base) == ModelFileKind::safetensors_index)
    want = std::min<std::uint64_t>(f.size, std::uint64_t(64) << 20);
  for (;;) {
    const auto bytes = f.prefix(want);
    ModelImport result = import_model_bytes(base, bytes, f.size, catalog);
    if (result.complete) return result;
    if (result.need_bytes <= bytes.size() || bytes.size() >= f.size)
      throw InputError("file", "the header ends past the end of the file");
    want = std::max<std::uint64_t>(result.need_bytes, want * 2);
  }
}

void resolve_model_files(json& scenario, const Catalog& catalog) {
  if (!scenario.is_object() || !scenario.contains("model") || !scenario["model"].is_object() ||
      !scenario["model"].contains("gguf"))
    return;
  const json& ref = scenario["model"]["gguf"];
  if (!ref.is_string()) throw InputError("model.gguf", "must be a file path");
  // The imported spec as the scenario contract writes it: a GGUF's own tensor bytes included,
  // so the estimate's weights are the file's to the byte (as in the page).
  const ModelImport imported = read_model_file(ref.get<std::string>(), catalog);
  if (!imported.spec) throw InputError("model.gguf", "the file describes no model");
  Scenario sc;
  sc.model.inline_spec = *imported.spec;
  scenario["model"] = json::parse(scenario_to_json(sc))["model"];
}

}  // namespace headroom
