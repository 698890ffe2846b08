// Every published figure under tests/reference/ is reproduced within its stated tolerance.
// The same cases make `headroom accuracy` and docs/ACCURACY.md.
#include <catch2/catch.hpp>

#include <algorithm>

#include "embedded_reference.h"
#include "errors.h"
#include "reference.h"
#include "test_support.h"

using namespace headroom;

TEST_CASE("reference cases are reproduced within their tolerance") {
  std::size_t n = 0;
  for (const auto& file : embedded_reference_files()) {
    const auto cases = load_reference_cases(file.name, file.text);
    for (const auto& r : run_reference_cases(cases, test::catalog())) {
      INFO(file.name << ": " << r.reference.id << " (" << r.reference.source << ")");
      INFO("estimated " << r.estimated << " " << r.reference.unit << ", published " << r.reference.published
                        << ", error " << 100 * r.error << "%, tolerance " << 100 * r.reference.tolerance << "%");
      CHECK(r.problem == "");
      if (r.reference.skipped.empty()) CHECK(r.pass);
      n += r.reference.skipped.empty();
    }
  }
  CHECK(n >= 18);
}

TEST_CASE("reference files are validated on load") {
  using Catch::Matchers::Contains;
  auto error_of = [](const char* text) {
    try {
      load_reference_cases("x.json", text);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK_THAT(error_of("{"), Contains("x.json: malformed JSON"));
  CHECK_THAT(error_of(R"({"cases":[{"id":"a","quantity":"weights_bytes","scenario":{"model":"m"},
    "published":{"value":1,"unit":"furlongs"},"tolerance":0.1,"source":"s"}]})"),
             Contains("x.json: cases[0].published.unit: must be bytes"));
  CHECK_THAT(error_of(R"({"cases":[{"id":"a","quantity":"weights_bytes","scenario":{"model":"m"},
    "published":{"value":1,"unit":"GB"},"tolerance":0.1}]})"),
             Contains("cases[0].source: required field is missing"));
}

TEST_CASE("a skipped case is estimated and shown with its reason, and never fails the suite") {
  const auto cases = load_reference_cases("x.json", R"({"cases":[{"id":"a","quantity":"kv_cache_bytes",
    "scenario":{"model":"llama-3.1-8b","context":8192},"published":{"value":2,"unit":"GiB"},"tolerance":0.01,
    "source":"s","skipped":"why"}]})");
  REQUIRE(cases.size() == 1);
  CHECK(cases[0].skipped == "why");
  const auto results = run_reference_cases(cases, test::catalog());
  CHECK_FALSE(results[0].pass);  // 1 GiB against 2
  CHECK(results[0].counts());
  using Catch::Matchers::Contains;
  const std::string table = format_accuracy(results, true);
  CHECK_THAT(table, Contains("-50.00% skipped") && Contains("Skipped: why") && Contains("0 of 0 cases") &&
                        Contains("1 skipped"));
}

TEST_CASE("every catalog model has its total parameter count in tests/reference/parameters.json") {
  // The cases there carry the figure and source the catalog entry cites, so `headroom accuracy`
  // and docs/ACCURACY.md list every model; this keeps them in step as the catalog grows.
  std::vector<ReferenceCase> cases;
  for (const auto& file : embedded_reference_files())
    if (file.name == "parameters.json") cases = load_reference_cases(file.name, file.text);
  for (const auto& m : test::catalog().models) {
    INFO(m.id);
    const auto it = std::find_if(cases.begin(), cases.end(), [&](const ReferenceCase& c) { return c.id == m.id + "-total"; });
    REQUIRE(it != cases.end());
    CHECK(it->quantity == (m.published_parameters_include_mtp ? "parameters.checkpoint" : "parameters.total"));
    CHECK(it->scenario_json == "{\"model\":\"" + m.id + "\"}");
    const double published = it->unit == "B" ? it->published * 1e9 : it->published;
    CHECK(test::rel_error(published, double(m.published_parameters)) < 1e-9);
    CHECK(it->source == m.published_parameters_source);
    CHECK(it->tolerance <= 0.005 + (m.published_parameters_digits > 0 ? 0.05 : 0.0));
  }
}

TEST_CASE("a skipped reference case says why and is left out of the comparison") {
  const auto cases = load_reference_cases("x.json", R"({"cases":[
    {"id":"a","quantity":"weights_bytes","published":{"value":1,"unit":"GB"},"tolerance":0.25,"source":"s","skipped":"GPU not named"},
    {"id":"b","quantity":"parameters.total","scenario":{"model":"llama-3.1-8b"},"published":{"value":8.03,"unit":"B"},"tolerance":0.01,"source":"s"}]})");
  REQUIRE(cases.size() == 2);
  CHECK(cases[0].skipped == "GPU not named");
  const auto results = run_reference_cases(cases, test::catalog());
  REQUIRE(results.size() == 1);
  CHECK(results[0].reference.id == "b");
}

TEST_CASE("vLLM serving throughput is checked against at least six published runs at 25%") {
  // Issue 4: H100, A100 and L40S, dense and MoE, tensor parallel 1 and more, BF16 and FP8.
  std::vector<ReferenceCase> cases;
  for (const auto& file : embedded_reference_files())
    if (file.name == "vllm_serving.json") cases = load_reference_cases(file.name, file.text);
  std::size_t compared = 0;
  for (const auto& c : cases) {
    INFO(c.id);
    CHECK(c.tolerance <= 0.25);
    CHECK(c.quantity == "serving.output_tokens_per_s");
    compared += c.skipped.empty();
  }
  CHECK(compared >= 6);
}
