// libFuzzer target: the URL hash codec (ui/url_state.h) on arbitrary text, as a mangled link
// reaches it. It must never throw or crash, and what it decodes must survive its own encoder:
// encode(decode(h)) decodes to the same scenario, and with no new problems.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app_state.h"
#include "catalog.h"
#include "embedded_catalog.h"
#include "json_io.h"
#include "url_state.h"

namespace {

const headroom::Catalog& catalog() {
  static const headroom::Catalog c = headroom::load_catalog(headroom::embedded_catalog_files());
  return c;
}

const headroom::Scenario& defaults() {
  static const headroom::Scenario s = headroom::ui::default_scenario(catalog());
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view hash(reinterpret_cast<const char*>(data), size);
  const headroom::ui::UrlState first = headroom::ui::decode_url_hash(hash, catalog(), defaults());
  const std::string canonical = headroom::ui::encode_url_hash(first.scenario, first.unit, first.embed);
  const headroom::ui::UrlState again = headroom::ui::decode_url_hash(canonical, catalog(), defaults());
  if (!again.problems.empty()) __builtin_trap();
  if (headroom::scenario_to_json(again.scenario) != headroom::scenario_to_json(first.scenario)) __builtin_trap();
  if (again.unit != first.unit || again.embed != first.embed) __builtin_trap();
  // The JSON-level codec the page's API uses says the same.
  (void)headroom::ui::url_hash_to_scenario_json(hash, catalog(), defaults());
  return 0;
}
