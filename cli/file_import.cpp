#include "file_import.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <vector>

#include "errors.h"
#include "gguf_reader.h"
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

// Every part of a split GGUF from one part's path ("x-00002-of-00003.gguf" -> parts 1..3 in
// the same folder), as llama.cpp loads them; any other path alone.
std::vector<std::string> with_split_siblings(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const auto split = parse_gguf_split_name(path.substr(dir.size()));
  if (!split || split->count < 2) return {path};
  std::vector<std::string> parts;
  for (int i = 1; i <= split->count; ++i) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "-%05d-of-%05d.gguf", i, split->count);
    parts.push_back(dir + split->prefix + suffix);
  }
  return parts;
}

ModelImport read_model_files(const std::vector<std::string>& paths, const Catalog& catalog) {
  std::vector<FileReader> readers;
  std::vector<std::vector<std::uint8_t>> prefixes;
  std::vector<ModelFilePrefix> files;
  for (const std::string& path : paths) {
    readers.emplace_back(path);
    const ModelFileKind kind = model_file_kind(path);
    if (kind == ModelFileKind::unknown)
      throw InputError("file", "\"" + path + "\": expected a .gguf, .safetensors, config.json or index.json file");
    std::uint64_t want = std::uint64_t(1) << 20;
    if (kind == ModelFileKind::config_json || kind == ModelFileKind::safetensors_index)
      want = std::min<std::uint64_t>(readers.back().size, std::uint64_t(64) << 20);
    prefixes.push_back(readers.back().prefix(want));
  }
  for (;;) {
    files.clear();
    for (std::size_t i = 0; i < paths.size(); ++i) files.push_back({paths[i], prefixes[i], readers[i].size});
    ModelImport result = import_model_files(files, catalog);
    if (result.complete) return result;
    const std::size_t i = result.need_file;
    if (result.need_bytes <= prefixes[i].size() || prefixes[i].size() >= readers[i].size)
      throw InputError("file", "\"" + paths[i] + "\": the header ends past the end of the file");
    prefixes[i] = readers[i].prefix(std::max<std::uint64_t>(result.need_bytes, prefixes[i].size() * 2));
  }
}

}  // namespace

// Reads as much of each file as its header needs, starting at 1 MiB and growing (the page reads
// File.slice chunks the same way); the parsing is the core's (model_import.h).
ordered import_model_file(const std::string& path, const Catalog& catalog) {
  return read_model_file(path, catalog).info;
}

ordered import_model_files(const std::vector<std::string>& paths, const Catalog& catalog) {
  if (paths.size() == 1) return import_model_file(paths[0], catalog);
  return read_model_files(paths, catalog).info;
}

ModelImport read_model_file(const std::string& path, const Catalog& catalog) {
  const std::vector<std::string> parts = with_split_siblings(path);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts.size() > 1 && parts[i] != path && !std::ifstream(parts[i], std::ios::binary)) {
      throw InputError("file", "\"" + path + "\" is one part of a GGUF split into " + std::to_string(parts.size()) +
                                   " files; part " + std::to_string(i + 1) + " should be beside it but cannot be read: \"" +
                                   parts[i] + "\"");
    }
  }
  return read_model_files(parts, catalog);
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
