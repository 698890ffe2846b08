// The C functions behind window.Headroom (web/headroom_api.js): text in, text out, the same
// JSON contract as the CLI. Returned pointers stay valid until the next call of the same
// function; JS copies them with UTF8ToString at once.
#include <emscripten/emscripten.h>

#include <string>

#include "json_io.h"
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
  return out.c_str();
}

// Frames drawn so far: an idle page stops counting.
EMSCRIPTEN_KEEPALIVE int headroom_frames() { return app().frames; }

// Byte unit of the displayed figures: 0 = GB, 1 = GiB.
EMSCRIPTEN_KEEPALIVE void headroom_set_unit(int gib) {
  if (!app().state) return;
  app().state->unit = gib != 0 ? headroom::ByteUnit::gib : headroom::ByteUnit::gb;
  headroom::web::request_frames();
}

}  // extern "C"
