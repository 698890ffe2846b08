// The catalog's lookups, on the path of every estimate and "what runs" (built at -O2 for the
// page, core/CMakeLists.txt); catalog.cpp loads and validates the catalog once.
#include "catalog.h"

#include <memory>

#include "model_weights.h"

namespace headroom {

const ModelSpec* Catalog::find_model(std::string_view id) const {
  for (const auto& m : models)
    if (m.id == id) return &m;
  return nullptr;
}

const HardwareSpec* Catalog::find_hardware(std::string_view id) const {
  for (const auto& h : hardware)
    if (h.id == id) return &h;
  return nullptr;
}

const EngineDefaults* Catalog::find_engine(std::string_view id) const {
  for (const auto& e : engines)
    if (e.id == id) return &e;
  return nullptr;
}

std::shared_ptr<const ModelWeights> Catalog::weights(const ModelSpec& spec, const QuantMix& mix) const {
  const auto& mixes = quants.mixes();
  const bool own_model = !models.empty() && &spec >= models.data() && &spec < models.data() + models.size();
  const bool own_mix = !mixes.empty() && &mix >= mixes.data() && &mix < mixes.data() + mixes.size();
  if (own_model && own_mix) return weight_cache.get(spec, mix, quants);
  return std::make_shared<const ModelWeights>(compute_model_weights(spec, mix, quants));
}

}  // namespace headroom
