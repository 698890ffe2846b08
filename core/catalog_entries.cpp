#include "catalog_entries.h"

#include <nlohmann/json.hpp>

#include "hf_config.h"
#include "json_fields.h"

namespace headroom {

HardwareSpec hardware_from_json(const nlohmann::ordered_json& entry, const std::string& path) {
  JsonFields f(entry, path);
  HardwareSpec h;
  h.id = f.string_or("id", "");
  h.name = f.string("name");
  h.group = f.string_or("group", "Custom");
  h.kind = device_kind_from_string(f.string("kind"), f.at("kind"));
  h.memory_bytes = f.integer("memory_bytes", 1, kMaxDeviceBytes);
  h.bandwidth_bytes_per_s = f.integer("bandwidth_bytes_per_s", 1, kMaxBandwidth);
  h.fp16_flops = f.number("fp16_flops", 1, kMaxFlops);
  h.fp8_flops = f.number_or("fp8_flops", 0, 0, kMaxFlops);
  h.host_link = f.string_or("host_link", "");  // catalog entries: resolved against "links" by the catalog
  h.host_link_bytes_per_s = f.integer_or("host_link_bytes_per_s", 0, 0, kMaxBandwidth);
  h.peer_link = f.string_or("peer_link", "");  // resolved like host_link
  h.source = f.string_or("source", "");
  f.ignore("notes");
  f.finish();
  validate(h, path);
  return h;
}

ModelSpec model_from_json(const nlohmann::ordered_json& entry, const std::string& path) {
  JsonFields f(entry, path);
  ModelSpec s = model_from_hf_config(f.raw("config"), f.at("config"), false, KeepConfigText::no);
  s.id = f.string("id");
  s.name = f.string("name");
  s.family = f.string_or("family", "Other");
  s.source = f.string("source");
  if (f.has("parameters")) {
    JsonFields p(f.raw("parameters"), f.at("parameters"));
    s.published_parameters = p.integer("value", 1, std::int64_t(1) << 50);
    s.published_parameters_digits = p.integer_or("significant_digits", 0, 0, 18);
    s.published_parameters_include_mtp = p.boolean_or("includes_mtp", false);
    s.published_parameters_source = p.string("source");
    p.finish();
  }
  f.ignore("notes");
  f.finish();
  return s;
}

}  // namespace headroom
