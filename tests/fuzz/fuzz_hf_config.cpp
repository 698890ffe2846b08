// libFuzzer target: config.json text -> nlohmann's non-throwing parse -> the config.json
// importer, then the tensor inventory of whatever it accepts. Only InputError may escape the
// importer; anything else (a nlohmann type_error, a crash, UB) is a finding.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "errors.h"
#include "hf_config.h"
#include "tensor_inventory.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const nlohmann::json config = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (config.is_discarded()) return 0;
  for (bool strict : {false, true}) {
    try {
      const headroom::ModelSpec spec = headroom::model_from_hf_config(config, "model.hf_config", strict);
      const auto inventory = headroom::build_inventory(spec);
      (void)headroom::count_parameters(inventory, spec);
      (void)headroom::model_to_hf_config(spec).dump();
    } catch (const headroom::InputError&) {
    }
  }
  return 0;
}
