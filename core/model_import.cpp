#include "model_import.h"

#include <algorithm>

#include "errors.h"
#include "hf_config.h"
#include "json_io.h"
#include "safetensors_header.h"
#include "units.h"

namespace headroom {
namespace {

using json = nlohmann::ordered_json;
using ordered = nlohmann::ordered_json;

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
  return out;
}

// The spec as the scenario contract reads it back: what the page keeps, shares and estimates.
ModelSpec through_contract(const ModelSpec& spec, const std::string& name) {
  Scenario sc;
  sc.model.inline_spec = spec;
  sc.model.inline_spec->name = name;
  return *scenario_from_json(scenario_to_json(sc)).model.inline_spec;
}

ordered spec_json(const ModelSpec& spec, const std::string& name) {
  ordered m{{"name", name}};
  m.update(model_to_hf_config(spec));
  return m;
}

// A whole GGUF header (a single file, or the parts of a split one combined) -> the import.
void import_gguf(const GgufFile& file, const std::string& label, const Catalog& catalog, ModelImport& out) {
  std::vector<std::string> warnings = file.warnings;
  ModelSpec spec = model_from_gguf(file, &warnings);
  const std::int64_t total = gguf_weights_bytes(file, catalog.quants);
  spec.file_weights = gguf_file_weights(file, spec, catalog.quants, label);
  if (spec.file_weights->bytes() != total)
    throw InputError("file", "\"" + label + "\": its tensors could not be grouped by block");
  out.info["format"] = "gguf";
  out.info["model"] = spec_json(spec, label);
  out.info["weights_bytes"] = total;
  out.info["tensors"] = file.tensors.size();
  out.info["warnings"] = warnings;
  spec.warnings.insert(spec.warnings.end(), warnings.begin(), warnings.end());
  out.spec = through_contract(spec, label);
  out.spec->warnings = spec.warnings;
  out.complete = true;
}

std::string base_name(std::string_view path) {
  return std::string(path.substr(std::min(path.size(), path.find_last_of("/\\") + 1)));
}

// split.count of a parsed part (0 for an unsplit file).
std::int64_t split_count(const GgufFile& file) {
  const GgufValue* v = file.find("split.count");
  const auto count = v ? v->as_int() : std::nullopt;
  return count ? *count : 0;
}

}  // namespace

ModelFileKind model_file_kind(std::string_view file_name) {
  const std::string base = lower(file_name.substr(std::min(file_name.size(), file_name.find_last_of("/\\") + 1)));
  if (ends_with(base, ".gguf")) return ModelFileKind::gguf;
  if (ends_with(base, ".safetensors")) return ModelFileKind::safetensors;
  if (ends_with(base, ".json")) {
    return base.find("index") != std::string::npos ? ModelFileKind::safetensors_index : ModelFileKind::config_json;
  }
  return ModelFileKind::unknown;
}

FileWeights gguf_file_weights(const GgufFile& file, const ModelSpec& spec, const QuantTable& quants,
                              std::string file_name) {
  FileWeights w;
  w.file = std::move(file_name);
  const std::size_t n_layers = std::size_t(spec.num_hidden_layers);
  w.layer_bytes.assign(n_layers, 0);
  w.layer_expert_bytes.assign(n_layers, 0);
  for (const GgufTensorSize& t : gguf_tensor_sizes(file, quants)) {
    if (t.layer >= 0 && std::size_t(t.layer) < n_layers) {
      w.layer_bytes[std::size_t(t.layer)] = checked_add(w.layer_bytes[std::size_t(t.layer)], t.bytes, "weights");
      if (t.cls && is_routed_expert(*t.cls))
        w.layer_expert_bytes[std::size_t(t.layer)] = checked_add(w.layer_expert_bytes[std::size_t(t.layer)], t.bytes, "weights");
    } else if (t.layer < 0 && t.cls == TensorClass::token_embedding) {
      w.embedding_bytes = checked_add(w.embedding_bytes, t.bytes, "weights");
    } else {
      w.output_bytes = checked_add(w.output_bytes, t.bytes, "weights");  // output head, norms, MTP layers
    }
    auto share = std::find_if(w.types.begin(), w.types.end(),
                              [&](const FileWeightType& x) { return x.type == t.tensor->type_name; });
    if (share == w.types.end()) share = w.types.insert(w.types.end(), {t.tensor->type_name, 0, 0, 0});
    share->tensors += 1;
    share->elements = checked_add(share->elements, t.tensor->elements(), "elements");
    share->bytes = checked_add(share->bytes, t.bytes, "weights");
  }
  std::stable_sort(w.types.begin(), w.types.end(),
                   [](const FileWeightType& a, const FileWeightType& b) { return a.bytes > b.bytes; });
  return w;
}

ModelImport import_model_bytes(std::string_view file_name, std::span<const std::uint8_t> bytes,
                               std::uint64_t file_size, const Catalog& catalog) {
  const std::string base(file_name.substr(std::min(file_name.size(), file_name.find_last_of("/\\") + 1)));
  ModelImport out;
  out.info = ordered{{"file", base}};
  switch (model_file_kind(base)) {
    case ModelFileKind::gguf: {
      const ModelFilePrefix one{base, bytes, file_size};
      return import_model_files(std::span<const ModelFilePrefix>(&one, 1), catalog);
    }
    case ModelFileKind::safetensors: {
      const SafetensorsParse parse = parse_safetensors_header(bytes, file_size);
      if (!parse.complete) {
        out.need_bytes = parse.need_bytes;
        return out;
      }
      out.info["format"] = "safetensors";
      out.info["weights_bytes"] = parse.header.total_bytes;
      out.info["tensors"] = parse.header.tensors.size();
      break;
    }
    case ModelFileKind::safetensors_index:
    case ModelFileKind::config_json: {
      if (file_size > 64 * 1024 * 1024) throw InputError("file", "\"" + base + "\": a JSON file of over 64 MiB is not a config");
      if (bytes.size() < file_size) {
        out.need_bytes = file_size;
        return out;
      }
      const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      if (model_file_kind(base) == ModelFileKind::safetensors_index) {
        const SafetensorsIndex index = parse_safetensors_index(text);
        out.info["format"] = "safetensors index";
        if (index.total_size) out.info["weights_bytes"] = *index.total_size;
        out.info["files"] = index.files;
        out.info["tensors"] = index.weight_map.size();
      } else {
        const json config = json::parse(text, nullptr, false);
        if (config.is_discarded()) throw InputError("file", "\"" + base + "\" is not valid JSON");
        out.info["format"] = "config.json";
        const ModelSpec spec = model_from_hf_config(config, base);
        out.info["model"] = spec_json(spec, base);
        if (!spec.warnings.empty()) out.info["warnings"] = spec.warnings;
        out.spec = through_contract(spec, base);
        out.spec->warnings = spec.warnings;
      }
      break;
    }
    case ModelFileKind::unknown:
      throw InputError("file", "\"" + base + "\": expected a .gguf, .safetensors, config.json or index.json file");
  }
  out.complete = true;
  return out;
}

}  // namespace headroom

namespace headroom {

ModelImport import_model_files(std::span<const ModelFilePrefix> files, const Catalog& catalog) {
  if (files.empty()) throw InputError("file", "no file given");
  if (files.size() == 1 && model_file_kind(files[0].name) != ModelFileKind::gguf)
    return import_model_bytes(files[0].name, files[0].bytes, files[0].file_size, catalog);
  for (const ModelFilePrefix& f : files) {
    if (model_file_kind(f.name) != ModelFileKind::gguf)
      throw InputError("file", "\"" + base_name(f.name) + "\": only the parts of one split GGUF are read together; import other files one at a time");
  }
  ModelImport out;
  std::vector<GgufFile> parts;
  for (std::size_t i = 0; i < files.size(); ++i) {
    GgufParse parse;
    try {
      parse = parse_gguf(files[i].bytes, files[i].file_size);
    } catch (const InputError& e) {
      if (files.size() == 1) throw;
      throw InputError("file", "\"" + base_name(files[i].name) + "\": " + e.what());  // which part is broken
    }
    if (!parse.complete) {
      out.info = nlohmann::ordered_json{{"file", base_name(files[i].name)}};
      out.need_bytes = parse.need_bytes;
      out.need_file = i;
      return out;
    }
    parts.push_back(std::move(parse.file));
  }
  // The part with split.no 0 names the model: its file name is the one people downloaded first.
  std::size_t first = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const GgufValue* no = parts[i].find("split.no");
    if (no && no->as_int() == 0) first = i;
  }
  const std::string label = base_name(files[first].name);
  const std::int64_t count = split_count(parts[first]);
  if (files.size() == 1 && count > 1) {
    throw InputError("file", "\"" + label + "\" is one part of a GGUF split into " + std::to_string(count) +
                                 " files: import all " + std::to_string(count) +
                                 " together (drop them at once; only their headers are read)");
  }
  out.info = nlohmann::ordered_json{{"file", label}};
  if (files.size() > 1) {
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    for (const ModelFilePrefix& f : files) names.push_back(base_name(f.name));
    out.info["files"] = names;
  }
  try {
    import_gguf(combine_gguf_splits(parts), label, catalog, out);
  } catch (const InputError& e) {
    if (files.size() == 1) throw;
    throw InputError("file", "\"" + label + "\" and its parts: " + e.what());
  }
  return out;
}

}  // namespace headroom
