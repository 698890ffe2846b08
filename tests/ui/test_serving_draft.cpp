// The serving workload's boxes (ui/serving_draft.h): typed text -> Scenario.serving, checked by
// the core's own reader and the estimate's workload checks; refused text names its field.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "item_rects.h"
#include "json_io.h"
#include "serving_draft.h"
#include "ui_harness.h"

using namespace headroom;
using namespace headroom::ui;
using headroom::ui::test::catalog;
using headroom::ui::test::type;

namespace {

Scenario vllm_scenario(const char* serving = nullptr) {
  std::string json = R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","context":8192,
      "hardware":[{"id":"h100-sxm-80gb"}])";
  if (serving != nullptr) json += std::string(R"(,"serving":)") + serving;
  return scenario_from_json(json + "}");
}

}  // namespace

TEST_CASE("empty boxes are the engine's defaults: no workload in the scenario", "[ui][serving]") {
  ServingDraft d;
  const ServingCheck check = check_serving_draft(d, vllm_scenario(), catalog());
  REQUIRE(check.ok);
  CHECK_FALSE(check.serving);
  CHECK(check.message.empty());
}

TEST_CASE("typed counts become the workload, the version the scenario had is kept", "[ui][serving]") {
  ServingDraft d;
  type(d.requests, "320");
  type(d.output_tokens, " 224 ");  // spaces around a number are no error
  type(d.max_num_seqs, "64");
  d.lengths = OutputLengths::fixed;
  const ServingCheck check = check_serving_draft(d, vllm_scenario(R"({"vllm_version":"0.5.4"})"), catalog());
  REQUIRE(check.ok);
  REQUIRE(check.serving);
  CHECK(check.serving->requests == 320);
  CHECK_FALSE(check.serving->prompt_tokens);
  CHECK(check.serving->output_tokens == 224);
  CHECK(check.serving->max_num_seqs == 64);
  CHECK(check.serving->lengths == OutputLengths::fixed);
  CHECK(check.serving->vllm_version == "0.5.4");
}

TEST_CASE("refused text gives the core's message naming the field", "[ui][serving]") {
  const Scenario s = vllm_scenario();
  auto refused = [&](auto box, const char* text) {
    ServingDraft d;
    type(d.*box, text);
    return check_serving_draft(d, s, catalog());
  };
  const ServingCheck word = refused(&ServingDraft::requests, "lots");
  CHECK_FALSE(word.ok);
  CHECK(word.field == "serving.requests");
  CHECK(word.message == "serving.requests: must be a whole number (got \"lots\")");

  const ServingCheck zero = refused(&ServingDraft::requests, "0");
  CHECK(zero.field == "serving.requests");
  CHECK(zero.message.find("must be between 1 and 1000000") != std::string::npos);

  const ServingCheck fraction = refused(&ServingDraft::max_num_seqs, "2.5");
  CHECK(fraction.field == "serving.max_num_seqs");

  // Past the context (8192 tokens): the estimate's check, not the reader's.
  const ServingCheck prompt = refused(&ServingDraft::prompt_tokens, "8192");
  CHECK(prompt.field == "serving.prompt_tokens");
  CHECK(prompt.message.find("--max-model-len 8192") != std::string::npos);
  const ServingCheck output = refused(&ServingDraft::output_tokens, "9000");
  CHECK(output.field == "serving.output_tokens");
  CHECK_FALSE(output.serving);
}

TEST_CASE("the boxes follow a workload set elsewhere, and keep refused text otherwise", "[ui][serving]") {
  ServingDraft d;
  const Scenario plain = vllm_scenario();
  CHECK(sync_serving_draft(d, plain));
  CHECK(std::string(d.requests.data()).empty());
  CHECK_FALSE(sync_serving_draft(d, plain));

  const Scenario linked = vllm_scenario(R"({"requests":500,"prompt_tokens":1024,"lengths":"fixed"})");
  CHECK(sync_serving_draft(d, linked));
  CHECK(std::string(d.requests.data()) == "500");
  CHECK(std::string(d.prompt_tokens.data()) == "1024");
  CHECK(std::string(d.output_tokens.data()).empty());
  CHECK(d.lengths == OutputLengths::fixed);

  // Text the core refuses does not reach the scenario, so the next frame leaves it as typed.
  type(d.requests, "5OO");
  d.error = check_serving_draft(d, linked, catalog()).message;
  CHECK(d.error == "serving.requests: must be a whole number (got \"5OO\")");
  CHECK_FALSE(sync_serving_draft(d, linked));
  CHECK(std::string(d.requests.data()) == "5OO");
  // Another workload arriving (a link) replaces the text and its refusal.
  CHECK(sync_serving_draft(d, plain));
  CHECK(std::string(d.requests.data()).empty());
  CHECK(d.error.empty());
}

TEST_CASE("the Scenario card draws the workload's boxes when the engine is vLLM", "[ui][serving]") {
  headroom::ui::test::HeadlessImGui imgui;
  AppState state(catalog());
  state.set_scenario(vllm_scenario(R"({"requests":320})"));
  state.refresh();
  imgui.frame(state);
  imgui.frame(state);
  CHECK(item_rect("serving-requests").has_value());
  CHECK(item_rect("serving-max-seqs").has_value());
  CHECK(std::string(state.serving.requests.data()) == "320");
  CHECK(state.scenario().serving->requests == 320);  // drawing changes nothing
}
