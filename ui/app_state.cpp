// AppState: holds the scenario, detects real changes, runs the core estimate on demand and
// turns every failure into error text (the UI never sees an exception).
#include "app_state.h"

#include <algorithm>
#include <exception>
#include <nlohmann/json.hpp>
#include <utility>

#include "errors.h"
#include "json_io.h"
#include "url_state.h"

namespace headroom::ui {

namespace {

std::string key_of(const Scenario& scenario) {
  try {
    return scenario_to_json(scenario);
  } catch (const std::exception& e) {
    return std::string("!") + e.what();  // still a stable key, and refresh() reports it
  }
}

}  // namespace

Scenario default_scenario(const Catalog& catalog) {
  Scenario s;
  for (const char* id : {"llama-3.1-8b"}) {
    if (catalog.find_model(id) != nullptr) s.model.id = id;
  }
  if (s.model.id.empty() && !catalog.models.empty()) s.model.id = catalog.models.front().id;
  if (catalog.quants.find_mix("Q4_K_M") == nullptr && !catalog.quants.mixes().empty()) {
    s.quant = catalog.quants.mixes().front().id;
  }
  s.context = 8192;
  for (const HardwareSpec& hw : catalog.hardware) {
    if (hw.kind == DeviceKind::gpu) {
      s.hardware.push_back(HardwareRef{hw.id, std::nullopt, 1});
      break;
    }
  }
  if (s.hardware.empty() && !catalog.hardware.empty()) {
    s.hardware.push_back(HardwareRef{catalog.hardware.front().id, std::nullopt, 1});
  }
  return s;
}

AppState::AppState(const Catalog& catalog)
    : catalog_(&catalog), scenario_(default_scenario(catalog)), scenario_key_(key_of(scenario_)) {}

void AppState::set_scenario(Scenario scenario) {
  std::string key = key_of(scenario);
  if (key == scenario_key_) return;
  scenario_ = std::move(scenario);
  scenario_key_ = std::move(key);
  ++revision_;
}

std::string AppState::set_scenario_json(std::string_view text) {
  try {
    set_scenario(scenario_from_json(text));
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::string AppState::scenario_json() const { return key_of(scenario_); }

bool AppState::refresh() {
  if (computed_revision_ == revision_) return false;
  computed_revision_ = revision_;
  ++estimate_runs_;
  estimate_.reset();
  error_.clear();
  error_field_.clear();
  try {
    estimate_ = headroom::estimate(scenario_, *catalog_);
  } catch (const InputError& e) {
    error_ = e.what();
    error_field_ = e.field();
  } catch (const std::exception& e) {
    error_ = e.what();
  }
  return true;
}

std::string AppState::url_hash() const { return encode_url_hash(scenario_, unit, embed); }

bool AppState::apply_url_hash(std::string_view hash) {
  UrlState decoded = decode_url_hash(hash, *catalog_, default_scenario(*catalog_));
  // A shared link's own model (an import on the sender's page) joins the Imported group here.
  if (const auto& spec = decoded.scenario.model.inline_spec) {
    const bool known = std::any_of(imported_.begin(), imported_.end(),
                                   [&](const ModelSpec& m) { return m.name == spec->name; });
    if (!known && imported_.size() < 16) imported_.push_back(*spec);
  }
  set_scenario(std::move(decoded.scenario));
  if (decoded.unit) unit = *decoded.unit;
  embed = decoded.embed;
  notices = std::move(decoded.problems);
  return !notices.empty();
}

std::string AppState::import_model(ModelSpec spec) {
  try {
    Scenario s = scenario_;
    s.model = ModelRef{"", spec};
    if (spec.max_position_embeddings > 0) s.context = std::min(s.context, spec.max_position_embeddings);
    (void)scenario_to_json(s);  // the contract must take it, or nothing changes
    auto same = std::find_if(imported_.begin(), imported_.end(),
                             [&](const ModelSpec& m) { return m.name == spec.name; });
    if (same != imported_.end()) *same = spec;
    else imported_.push_back(spec);
    constexpr std::size_t kMaxImported = 16;
    if (imported_.size() > kMaxImported) imported_.erase(imported_.begin());
    set_scenario(std::move(s));
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::size_t AppState::set_imported_json(std::string_view text) {
  imported_.clear();
  const nlohmann::ordered_json list = nlohmann::ordered_json::parse(text, nullptr, false);
  if (!list.is_array()) return 0;
  for (const nlohmann::ordered_json& entry : list) {
    if (imported_.size() >= 16) break;
    try {
      const Scenario s = scenario_from_json(nlohmann::ordered_json{{"model", entry}}.dump());
      if (s.model.inline_spec) imported_.push_back(std::move(*s.model.inline_spec));
    } catch (const std::exception&) {
      // a damaged entry is dropped; the rest still load
    }
  }
  return imported_.size();
}

std::string AppState::imported_json() const {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ModelSpec& m : imported_) {
    Scenario s;
    s.model = ModelRef{"", m};
    list.push_back(nlohmann::ordered_json::parse(std::string_view(scenario_to_json(s)))["model"]);
  }
  return list.dump();
}

std::string AppState::imported_file() const {
  const ModelSpec* m = scenario_.model.inline_spec ? &*scenario_.model.inline_spec : nullptr;
  if (m == nullptr) return {};
  for (const ModelSpec& i : imported_) {
    if (i.name == m->name) return m->file_weights ? m->file_weights->file : m->name;
  }
  return {};
}

const HardwareSpec* resolve_hardware(const Catalog& catalog, const HardwareRef& ref) {
  return ref.inline_spec ? &*ref.inline_spec : catalog.find_hardware(ref.id);
}

const ModelSpec* AppState::model() const {
  if (scenario_.model.inline_spec) return &*scenario_.model.inline_spec;
  return catalog_->find_model(scenario_.model.id);
}

}  // namespace headroom::ui
