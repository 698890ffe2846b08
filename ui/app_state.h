// The app model: the Scenario being edited plus UI-only state (byte unit, theme, embed mode,
// notices), and the last estimate or error. Nothing here draws. Panels read it and hand edits back through
// set_scenario(); refresh() recomputes the estimate only when the scenario really changed.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>  // catalog.h uses std::runtime_error without including it
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "custom_device.h"
#include "estimate.h"
#include "panel_data.h"
#include "scenario.h"
#include "serving_draft.h"
#include "units.h"

namespace headroom::ui {

enum class Theme { dark, light };

// What the panels ask of the platform (clipboard, new tab, saved preferences). The front end
// (web/main.cpp) handles each after the frame and clears it; tests just read them.
struct PageRequests {
  bool copy_link = false;       // put the page's URL (with the hash) on the clipboard
  bool open_full_page = false;  // embed card: open the full page in a new tab
  bool prefs_changed = false;   // unit or theme picked by the user: remember them
  std::string copy_text;        // put this text on the clipboard (a command); "" = nothing
  std::string copy_id;          //   and the button that asked, for its "Copied" feedback
};

class AppState {
 public:
  explicit AppState(const Catalog& catalog);  // starts from default_scenario(catalog)

  const Catalog& catalog() const { return *catalog_; }
  const Scenario& scenario() const { return scenario_; }

  // Replaces the scenario; a no-op (no recompute) when it serializes to the same JSON.
  void set_scenario(Scenario scenario);
  // Parses the JSON contract. Returns "" on success, else the error text (state unchanged).
  std::string set_scenario_json(std::string_view text);
  std::string scenario_json() const;

  // Recomputes the estimate if the scenario changed since the last call. True if it ran.
  bool refresh();

  // The last estimate, or null when the scenario could not be estimated (see error()).
  const Estimate* estimate() const { return estimate_ ? &*estimate_ : nullptr; }
  const std::string& error() const { return error_; }
  const std::string& error_field() const { return error_field_; }

  // The model the scenario names (catalog entry or inline spec), or null if unknown.
  const ModelSpec* model() const;

  std::uint64_t revision() const { return revision_; }            // bumped on every change
  std::uint64_t estimate_runs() const { return estimate_runs_; }  // estimate() calls so far

  // The URL hash for the scenario, unit and embed flag (url_state.h), without '#'.
  std::string url_hash() const;
  // Shows what a URL hash describes: bad parts fall back to the defaults and become notices.
  // A model the link carries whole (s=) is added to imported() (not kept by the page).
  // The unit changes only when the hash names one. Returns true if anything was wrong.
  bool apply_url_hash(std::string_view hash);

  // Models imported from files (a dropped GGUF, a pasted config.json), listed beside the
  // catalog in the picker. import_model() adds one (replacing one of the same name), shows it
  // and returns ""; or the error text, state unchanged. The page keeps the list (localStorage).
  const std::vector<ModelSpec>& imported() const { return imported_; }
  std::string import_model(ModelSpec spec);
  // Restores the kept list: one scenario-contract model object per entry ({"name",
  // "hf_config", "file_weights"?}), a JSON array. Bad entries are dropped; returns how many.
  std::size_t set_imported_json(std::string_view text);
  std::string imported_json() const;  // the list in that form
  // The import's file name, when the scenario's model is an imported one ("" otherwise).
  std::string imported_file() const;

  // UI-only state.
  ByteUnit unit = ByteUnit::gb;  // how byte figures are shown
  Theme theme = Theme::dark;
  bool embed = false;                // the compact card for iframes (#embed=1)
  // One dismissible banner shows both lists: what was wrong with the link (its bad parts took
  // their defaults), and the page's other messages (a refused import, clipboard or storage).
  std::vector<std::string> notices;
  std::vector<std::string> messages;
  bool link_copied = false;          // "Copied" feedback, cleared by the front end later
  std::string text_copied;           // copy_id of the text the clipboard took, cleared later
  PageRequests requests;
  PanelData panels;                  // what the panels below the verdict computed, cached
  std::array<char, 64> model_query{};     // the pickers' search boxes (picker_search.h)
  std::array<char, 64> hardware_query{};
  CustomDeviceDraft custom_device;        // the custom-device form under the hardware picker
  ServingDraft serving;                   // the vLLM serving workload's boxes (serving_draft.h)

 private:
  const Catalog* catalog_;
  Scenario scenario_;
  std::vector<ModelSpec> imported_;
  std::string scenario_key_;  // scenario_to_json(scenario_), to detect real changes
  std::optional<Estimate> estimate_;
  std::string error_;
  std::string error_field_;
  std::uint64_t revision_ = 1;
  std::uint64_t computed_revision_ = 0;
  std::uint64_t estimate_runs_ = 0;
};

// The device a hardware entry names (inline spec or catalog entry), or null if unknown.
const HardwareSpec* resolve_hardware(const Catalog& catalog, const HardwareRef& ref);

// A sensible first view: the first catalog model, Q4_K_M (or the first mix), 8192 tokens,
// the first GPU in the hardware catalog.
Scenario default_scenario(const Catalog& catalog);

}  // namespace headroom::ui
