// The C functions behind window.Headroom (web/headroom_api.js): text in, text out, the same
// JSON contract as the CLI. Returned pointers stay valid until the next call of the same
// function; JS copies them with UTF8ToString at once.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <exception>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "errors.h"
#include "item_rects.h"
#include "json_io.h"
#include "model_import.h"
#include "panels.h"
#include "url_state.h"
#include "web_app.h"

using headroom::web::app;

extern "C" {

// Estimate for a scenario (JSON text). Never fails: errors come back as {"error","field"}.
EMSCRIPTEN_KEEPALIVE const char* headroom_estimate(const char* scenario_json) {
  static std::string out;
  out = headroom::estimate_json(scenario_json != nullptr ? scenario_json : "", app().catalog);
  return out.c_str();
}

// The scenario the page shows, as canonical JSON.
EMSCRIPTEN_KEEPALIVE const char* headroom_get_scenario() {
  static std::string out;
  out = app().state ? app().state->scenario_json() : "{}";
  return out.c_str();
}

// Replaces the scenario the page shows and redraws. Returns "" or the error text.
EMSCRIPTEN_KEEPALIVE const char* headroom_set_scenario(const char* scenario_json) {
  static std::string out;
  if (!app().state) {
    out = "the page is not ready";
    return out.c_str();
  }
  out = app().state->set_scenario_json(scenario_json != nullptr ? scenario_json : "");
  headroom::web::request_frames();
  headroom::web::sync_page();  // the new URL hash goes to the page now, not a frame later
  return out.c_str();
}

// Shows what a URL hash describes (location.hash, '#' optional). Bad parts fall back to the
// defaults and appear as a dismissible notice on the page. Returns the problems, one per
// line ("" when the hash was fine). A non-empty hash is rewritten in its canonical form.
EMSCRIPTEN_KEEPALIVE const char* headroom_apply_hash(const char* hash) {
  static std::string out;
  out.clear();
  if (!app().state) return out.c_str();
  const std::string text = hash != nullptr ? hash : "";
  app().state->apply_url_hash(text);
  for (const std::string& line : app().state->notices) out += line + "\n";
  if (text.empty() || text == "#") {
    app().written_hash = app().state->url_hash();  // a bare URL stays bare until an edit
  } else {
    app().written_hash.clear();
  }
  headroom::web::request_frames();
  headroom::web::sync_page();
  return out.c_str();
}

// The URL hash of what the page shows (without '#').
EMSCRIPTEN_KEEPALIVE const char* headroom_get_hash() {
  static std::string out;
  out = app().state ? app().state->url_hash() : "";
  return out.c_str();
}

// The codec alone: a hash -> the canonical Scenario JSON it describes (bad parts take the
// page defaults), without changing what the page shows.
EMSCRIPTEN_KEEPALIVE const char* headroom_hash_to_scenario(const char* hash) {
  static std::string out;
  out = headroom::ui::url_hash_to_scenario_json(hash != nullptr ? hash : "", app().catalog,
                                                headroom::ui::default_scenario(app().catalog));
  return out.c_str();
}

// Saved preferences from the page: unit 0 = GB, 1 = GiB, -1 = keep; theme 0 = dark,
// 1 = light, -1 = keep.
EMSCRIPTEN_KEEPALIVE void headroom_set_prefs(int gib, int light) {
  if (!app().state) return;
  if (gib >= 0) app().state->unit = gib != 0 ? headroom::ByteUnit::gib : headroom::ByteUnit::gb;
  if (light >= 0) app().state->theme = light != 0 ? headroom::ui::Theme::light : headroom::ui::Theme::dark;
  headroom::web::request_frames();  // the next frame syncs the hash: the page's own hash first
}

// The clipboard took the link: the button says "Copied" for a moment.
EMSCRIPTEN_KEEPALIVE void headroom_link_copied() { headroom::web::show_link_copied(); }

// The clipboard took a command ("Run it" panel): its button says "Copied" for a moment.
EMSCRIPTEN_KEEPALIVE void headroom_text_copied() { headroom::web::show_text_copied(); }

// The current notices (e.g. what was wrong with the link), one per line.
EMSCRIPTEN_KEEPALIVE const char* headroom_notices() {
  static std::string out;
  out.clear();
  if (app().state) {
    for (const std::string& line : app().state->notices) out += line + "\n";
    for (const std::string& line : app().state->messages) out += line + "\n";
  }
  return out.c_str();
}

// Dismisses the notices, as the banner's button does.
EMSCRIPTEN_KEEPALIVE void headroom_dismiss_notices() {
  if (!app().state) return;
  app().state->notices.clear();
  app().state->messages.clear();
  headroom::web::request_frames();
}

// Opens the panels named in a comma-separated list ("tables,spec"; "all"), closes the rest.
EMSCRIPTEN_KEEPALIVE void headroom_open_panels(const char* ids) {
  if (!app().state) return;
  const std::string list = ids != nullptr ? ids : "";
  for (int i = 0; i < headroom::ui::kPanelCount; ++i) {
    const std::string id = headroom::ui::panel_id(headroom::ui::Panel(i));
    const bool named = ("," + list + ",").find("," + id + ",") != std::string::npos;
    app().state->panels.open[i] = list == "all" || named;
  }
  headroom::web::request_frames();
}

// A model file, or the parts of one split GGUF, each as a prefix: `files_json` lists
// [{"name", "length", "size"}] (the name picks the reader: .gguf, .safetensors, *.json) and
// `bytes` holds each file's first `length` bytes, one after the other. Answers JSON:
//   {"need": N, "file": I}       read file I's first N bytes and call again (GGUF, safetensors)
//   {"imported": name, "info": {...}, "list": [...]}   shown and selected; list: to keep
//   {"info": {...}}              read, but it is not a model (safetensors weights alone)
//   {"error": "..."}             one readable line; the page is unchanged
// A model is added to the imported list, selected and estimated.
EMSCRIPTEN_KEEPALIVE const char* headroom_import(const char* files_json, const std::uint8_t* bytes, int length) {
  static std::string out;
  nlohmann::ordered_json answer;
  std::string file;
  try {
    if (!app().state) throw std::runtime_error("the page is not ready");
    // [{"name", "length", "size"}, ...]: each file's prefix, in order, in `bytes`.
    const nlohmann::ordered_json list = nlohmann::ordered_json::parse(files_json != nullptr ? files_json : "", nullptr, false);
    if (!list.is_array() || list.empty() || length < 0 || (length > 0 && bytes == nullptr))
      throw std::runtime_error("bad arguments");
    std::vector<headroom::ModelFilePrefix> files;
    std::size_t at = 0;
    for (const nlohmann::ordered_json& f : list) {
      const double n = f.value("length", -1.0), size = f.value("size", -1.0);
      if (!(n >= 0) || !(size >= n) || size > 9.0e18 || double(at) + n > double(length))
        throw std::runtime_error("bad arguments");
      files.push_back({f.value("name", std::string()), std::span<const std::uint8_t>(bytes + at, std::size_t(n)),
                       std::uint64_t(size)});
      at += std::size_t(n);
      if (file.empty()) file = files.back().name;
    }
    const headroom::ModelImport result = headroom::import_model_files(files, app().catalog);
    if (!result.complete) {
      answer["need"] = result.need_bytes;
      answer["file"] = result.need_file;
    } else if (result.spec) {
      const std::string error = app().state->import_model(*result.spec);
      if (!error.empty()) throw std::runtime_error(error);
      answer["imported"] = result.spec->name;
      answer["info"] = result.info;
      answer["list"] = nlohmann::ordered_json::parse(std::string_view(app().state->imported_json()));
    } else {
      answer["info"] = result.info;
    }
  } catch (const std::exception& e) {
    // "file: ..." says nothing the sentence's start does not.
    std::string why = e.what();
    if (why.rfind("file: ", 0) == 0) why.erase(0, 6);
    answer = nlohmann::ordered_json{{"error", "Cannot import " + (file.empty() ? std::string("the file") : "\"" + file + "\"") + ": " + why}};
  }
  out = answer.dump();
  headroom::web::request_frames();
  headroom::web::sync_page();
  return out.c_str();
}

// The imported models, as kept in localStorage (a JSON array of scenario-contract models).
EMSCRIPTEN_KEEPALIVE const char* headroom_imported() {
  static std::string out;
  out = app().state ? app().state->imported_json() : "[]";
  return out.c_str();
}

// Restores the kept list (bad entries dropped). Returns how many were kept.
EMSCRIPTEN_KEEPALIVE int headroom_set_imported(const char* list_json) {
  if (!app().state) return 0;
  const int n = int(app().state->set_imported_json(list_json != nullptr ? list_json : ""));
  headroom::web::request_frames();
  return n;
}

// Adds a line to the page's notice banner (a refused file, clipboard or storage; not about the link).
EMSCRIPTEN_KEEPALIVE void headroom_add_notice(const char* text) {
  if (!app().state || text == nullptr) return;
  app().state->messages.push_back(text);
  headroom::web::request_frames();
}

// Frames drawn so far: an idle page stops counting. Idle: no frame is due.
EMSCRIPTEN_KEEPALIVE int headroom_frames() { return app().frames; }
EMSCRIPTEN_KEEPALIVE int headroom_idle() { return headroom::web::drawing_idle() ? 1 : 0; }

// Byte unit of the displayed figures: 0 = GB, 1 = GiB.
EMSCRIPTEN_KEEPALIVE void headroom_set_unit(int gib) {
  if (!app().state) return;
  app().state->unit = gib != 0 ? headroom::ByteUnit::gib : headroom::ByteUnit::gb;
  headroom::web::request_frames();
  headroom::web::sync_page();
}

// Where a named control was drawn last frame (ui/item_rects.h), in canvas pixels:
// {"x","y","w","h","focused"}, or null. For tests that click or tap it as a person would.
EMSCRIPTEN_KEEPALIVE const char* headroom_item_rect(const char* name) {
  static std::string out;
  const auto r = headroom::ui::item_rect(name != nullptr ? name : "");
  out = r ? nlohmann::ordered_json{{"x", r->x}, {"y", r->y}, {"w", r->w}, {"h", r->h}, {"focused", r->focused}}.dump() : "null";
  return out.c_str();
}

}  // extern "C"
