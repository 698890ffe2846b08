// AppState without drawing: the estimate is recomputed only when the scenario changes,
// scenarios round-trip through JSON, and errors become text.
#include <catch2/catch.hpp>

#include <string>

#include "ui_harness.h"

using headroom::ui::AppState;
using headroom::ui::test::catalog;

TEST_CASE("the estimate is recomputed only when the scenario changes", "[ui][state]") {
  AppState state(catalog());
  CHECK(state.refresh());
  CHECK(state.estimate_runs() == 1);
  CHECK_FALSE(state.refresh());
  CHECK_FALSE(state.refresh());
  CHECK(state.estimate_runs() == 1);

  // The same scenario again (as JSON) is no change.
  REQUIRE(state.set_scenario_json(state.scenario_json()).empty());
  CHECK_FALSE(state.refresh());

  headroom::Scenario s = state.scenario();
  s.context *= 2;
  state.set_scenario(s);
  CHECK(state.refresh());
  CHECK(state.estimate_runs() == 2);

  // The unit is display state only: no recompute.
  state.unit = headroom::ByteUnit::gib;
  CHECK_FALSE(state.refresh());
}

TEST_CASE("the default scenario estimates and round-trips through JSON", "[ui][state]") {
  AppState state(catalog());
  state.refresh();
  REQUIRE(state.estimate() != nullptr);
  CHECK(state.error().empty());
  CHECK(state.model() != nullptr);

  AppState other(catalog());
  REQUIRE(other.set_scenario_json(state.scenario_json()).empty());
  CHECK(other.scenario_json() == state.scenario_json());
}

TEST_CASE("estimate errors are kept as text with the field", "[ui][state]") {
  AppState state(catalog());
  // A zero context is refused, by the parser or by the estimate; either way as text.
  const std::string parse_error = state.set_scenario_json(
      R"({"model": "llama-3.1-8b", "context": 0, "hardware": [{"id": "rtx-4090"}]})");
  state.refresh();
  if (parse_error.empty()) {
    CHECK(state.estimate() == nullptr);
    CHECK_FALSE(state.error().empty());
  }

  const char* unknown_model = R"({"model": "no-such-model", "hardware": [{"id": "rtx-4090"}]})";
  REQUIRE(state.set_scenario_json(unknown_model).empty());
  CHECK(state.refresh());
  CHECK(state.estimate() == nullptr);
  CHECK_FALSE(state.error().empty());
  CHECK(state.error_field() == "model");
}
