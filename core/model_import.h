// A model file's bytes -> what Headroom can say about it: the one funnel behind the CLI's
// `headroom import` and the page's drop and paste. No I/O: the caller hands a prefix of the
// file (GGUF, safetensors) or its whole text (config.json, model.safetensors.index.json); when
// a header runs past the prefix the answer is "read this many bytes from the start and ask
// again" (the CLI reads its file, the page a larger File.slice).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "catalog.h"
#include "gguf_reader.h"
#include "model_spec.h"

namespace headroom {

enum class ModelFileKind { gguf, safetensors, safetensors_index, config_json, unknown };

// By the file's name: ".gguf", ".safetensors", "*index*.json", other ".json".
ModelFileKind model_file_kind(std::string_view file_name);

struct ModelImport {
  bool complete = false;
  std::uint64_t need_bytes = 0;  // when not complete: the prefix to read next...
  std::size_t need_file = 0;     // ...of this file (an index into the files handed in)
  // {"file", "format", "model": {config.json-style spec with "name"}, "weights_bytes",
  //  "tensors", "warnings"} as `headroom import` prints it.
  nlohmann::ordered_json info;
  // The model, when the file describes one (GGUF, config.json); a GGUF's carries its tensors'
  // own bytes (ModelSpec::file_weights). Read back through the scenario contract, so what the
  // page keeps and shares is exactly what it estimates.
  std::optional<ModelSpec> spec;
};

// `bytes` is a prefix of a file of `file_size` bytes (the whole file for JSON). Throws
// InputError with one readable message for a file it cannot read.
ModelImport import_model_bytes(std::string_view file_name, std::span<const std::uint8_t> bytes,
                               std::uint64_t file_size, const Catalog& catalog);

// One file as the caller read it: its name, a prefix of its bytes, its whole size.
struct ModelFilePrefix {
  std::string name;
  std::span<const std::uint8_t> bytes;
  std::uint64_t file_size = 0;
};

// Several files read together: the parts of one split GGUF ("-00001-of-00003.gguf", any
// order; the first part's metadata, every part's tensors, named after the first part). One
// file behaves as import_model_bytes, except that a lone part of a split GGUF is refused with
// what to do rather than sized from its own tensors only.
ModelImport import_model_files(std::span<const ModelFilePrefix> files, const Catalog& catalog);

// The bytes of a GGUF's tensors grouped the way placement moves them.
FileWeights gguf_file_weights(const GgufFile& file, const ModelSpec& spec, const QuantTable& quants,
                              std::string file_name);

}  // namespace headroom
