// The catalogs (models, hardware, weight formats, engines) parsed from the JSON under assets/.
// The core never reads files: callers hand it each file's name and text. Every malformed
// entry is rejected with "file: entry (id): field: problem".
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine.h"
#include "hardware.h"
#include "model_spec.h"
#include "model_weights.h"
#include "quant.h"

namespace headroom {

struct CatalogFile {
  std::string_view name;  // "models.json": decides which loader reads it
  std::string_view text;
};

class CatalogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Catalog {
  std::vector<ModelSpec> models;
  std::vector<HardwareSpec> hardware;
  std::vector<LinkSpec> links;  // buses the hardware entries name (host_link)
  QuantTable quants;
  std::vector<EngineDefaults> engines;
  WeightCache weight_cache;  // for the models and mixes above only

  // A model's weights under a mix: cached when both are this catalog's own entries.
  std::shared_ptr<const ModelWeights> weights(const ModelSpec& spec, const QuantMix& mix) const;

  const ModelSpec* find_model(std::string_view id) const;
  const HardwareSpec* find_hardware(std::string_view id) const;
  const EngineDefaults* find_engine(std::string_view id) const;
};

// Throws CatalogError. Files whose names it does not know are an error too (a typo would
// otherwise silently drop a catalog).
Catalog load_catalog(std::span<const CatalogFile> files);

}  // namespace headroom
