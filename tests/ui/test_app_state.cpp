// AppState without drawing: the estimate is recomputed only when the scenario changes,
// scenarios round-trip through JSON, and errors become text.
#include <catch2/catch.hpp>

#include <string>

#include "json_io.h"
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

TEST_CASE("imported models are listed, selected, kept as JSON and restored", "[ui][state][import]") {
  AppState state(catalog());
  const headroom::Scenario s = headroom::scenario_from_json(
      R"({"model": {"name": "tiny.gguf", "hf_config": {"model_type": "llama", "hidden_size": 512,
          "num_hidden_layers": 2, "num_attention_heads": 8, "num_key_value_heads": 2,
          "intermediate_size": 1024, "vocab_size": 1000},
          "file_weights": {"file": "tiny.gguf", "embedding": 1000, "output": 2000,
                           "layers": [[300, 0], [400, 0]]}}})");
  CHECK(state.imported_file().empty());
  REQUIRE(state.import_model(*s.model.inline_spec).empty());
  CHECK(state.imported().size() == 1);
  CHECK(state.imported_file() == "tiny.gguf");
  state.refresh();
  REQUIRE(state.estimate() != nullptr);
  CHECK(state.estimate()->weights_bytes == 3700);
  // The same name again replaces it.
  REQUIRE(state.import_model(*s.model.inline_spec).empty());
  CHECK(state.imported().size() == 1);

  const std::string kept = state.imported_json();
  AppState reloaded(catalog());
  CHECK(reloaded.set_imported_json(kept) == 1);
  CHECK(reloaded.imported_json() == kept);
  // Damaged storage: bad entries dropped, never a throw.
  CHECK(reloaded.set_imported_json("[{\"name\": 3}, " + kept.substr(1)) == 1);
  CHECK(reloaded.set_imported_json("not json") == 0);
  CHECK(reloaded.set_imported_json("{}") == 0);

  // A share link carrying the model adds it to a fresh page's Imported group.
  AppState receiver(catalog());
  CHECK_FALSE(receiver.apply_url_hash(state.url_hash()));
  CHECK(receiver.imported().size() == 1);
  CHECK(receiver.imported_file() == "tiny.gguf");
  CHECK(receiver.scenario_json() == state.scenario_json());
}
