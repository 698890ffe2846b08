#include "file_import.h"

#include <algorithm>
#include <fstream>
#include <vector>

#include "errors.h"
#include "gguf_reader.h"
#include "hf_config.h"
#include "safetensors_header.h"

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

bool ends_with(const std::string& s, const char* tail) {
  const std::string t(tail);
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

ordered spec_json(const ModelSpec& spec, const std::string& name) {
  ordered m{{"name", name}};
  m.update(model_to_hf_config(spec));
  return m;
}

// Reads as much of the file as the header needs, starting at 1 MiB and growing (the page reads
// File.slice chunks the same way).
template <class Parse>
auto read_header(FileReader& f, Parse parse) {
  std::uint64_t want = std::uint64_t(1) << 20;
  for (;;) {
    const auto bytes = f.prefix(want);
    auto result = parse(bytes, f.size);
    if (result.complete) return result;
    if (result.need_bytes <= bytes.size() || bytes.size() >= f.size)
      throw InputError("file", "the header ends past the end of the file");
    want = std::max<std::uint64_t>(result.need_bytes, want * 2);
  }
}

}  // namespace

ordered import_model_file(const std::string& path, const Catalog& catalog) {
  FileReader f(path);
  const std::string base = path.substr(path.find_last_of('/') + 1);
  ordered out{{"file", base}};
  if (ends_with(base, ".gguf")) {
    const GgufParse parse = read_header(f, [](const auto& b, std::uint64_t n) { return parse_gguf(b, n); });
    std::vector<std::string> warnings = parse.file.warnings;
    const ModelSpec spec = model_from_gguf(parse.file, &warnings);
    out["format"] = "gguf";
    out["model"] = spec_json(spec, base);
    out["weights_bytes"] = gguf_weights_bytes(parse.file, catalog.quants);
    out["tensors"] = parse.file.tensors.size();
    out["warnings"] = warnings;
  } else if (ends_with(base, ".safetensors")) {
    const SafetensorsParse parse =
        read_header(f, [](const auto& b, std::uint64_t n) { return parse_safetensors_header(b, n); });
    out["format"] = "safetensors";
    out["weights_bytes"] = parse.header.total_bytes;
    out["tensors"] = parse.header.tensors.size();
  } else if (ends_with(base, ".json")) {
    if (f.size > 64 * 1024 * 1024) throw InputError("file", "a config.json of over 64 MiB is not a config");
    const auto bytes = f.prefix(f.size);
    const std::string text(bytes.begin(), bytes.end());
    if (base.find("index") != std::string::npos) {
      const SafetensorsIndex index = parse_safetensors_index(text);
      out["format"] = "safetensors index";
      if (index.total_size) out["weights_bytes"] = *index.total_size;
      out["files"] = index.files;
      out["tensors"] = index.weight_map.size();
    } else {
      const json config = json::parse(text, nullptr, false);
      if (config.is_discarded()) throw InputError("file", "\"" + base + "\" is not valid JSON");
      out["format"] = "config.json";
      const ModelSpec spec = model_from_hf_config(config, base);
      out["model"] = spec_json(spec, base);
      if (!spec.warnings.empty()) out["warnings"] = spec.warnings;
    }
  } else {
    throw InputError("file", "\"" + base + "\": expected a .gguf, .safetensors, config.json or index.json file");
  }
  return out;
}

void resolve_model_files(json& scenario, const Catalog& catalog) {
  if (!scenario.is_object() || !scenario.contains("model") || !scenario["model"].is_object() ||
      !scenario["model"].contains("gguf"))
    return;
  const json& ref = scenario["model"]["gguf"];
  if (!ref.is_string()) throw InputError("model.gguf", "must be a file path");
  const ordered imported = import_model_file(ref.get<std::string>(), catalog);
  scenario["model"] = json::parse(imported["model"].dump());
}

}  // namespace headroom
