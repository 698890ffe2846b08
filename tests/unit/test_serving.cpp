// vLLM serving throughput (core/serving.h): the simulation against hand-worked cases, the
// workload's defaults and validation. The published runs are in tests/reference/vllm_serving.json.
#include <catch2/catch.hpp>

#include "errors.h"
#include "json_io.h"
#include "serving.h"
#include "test_support.h"

using namespace headroom;
using Catch::Matchers::Contains;

namespace {

// Round numbers: 1 GB of weights at 1 TB/s (1 ms), 1 MB per cached token (1 us), 1 GFLOP per token at 1 TFLOP/s (1 ms).
ServingStepCosts simple_step() {
  ServingStepCosts s;
  s.dense_bytes = 1e9;
  s.kv_bytes_per_token = 1e6;
  s.bandwidth_bytes_per_s = 1e12;
  s.matmul_flops_per_token = 1e9;
  s.compute_flops = 1e12;
  return s;
}

VllmServingDefaults no_scheduler() {
  VllmServingDefaults d;
  d.scheduler = {SchedulerCost{"", 0, 0, "test"}};
  d.sharegpt_output_quantiles = {0, 1, 2};
  return d;
}

}  // namespace

TEST_CASE("serving: fixed lengths run in waves of max_num_seqs") {
  // 4 requests, 2 at a time, prompts of 10 tokens, 5 output tokens each: two waves of 4 decode
  // steps (the prompt's pass gives the first token). Step j of a wave holds 2 x (10 + j) tokens:
  // 1 ms weights + 2 (10 + j) us KV + 2 ms matmuls. Each prompt token costs 1 ms.
  ServingWorkload w{4, 10, 5, 2, OutputLengths::fixed, "latest"};
  const ServingEstimate e = estimate_serving(w, simple_step(), 1'000'000, 100, no_scheduler());
  double wave = 0;
  for (int j = 0; j < 4; ++j) wave += 1e-3 + 2 * (10 + j) * 1e-6 + 2e-3;
  CHECK(e.decode_steps == 8);
  CHECK(e.peak_concurrency == 2);
  CHECK(e.limited_by == "max_num_seqs");
  CHECK(e.decode_s == Approx(2 * wave));
  CHECK(e.prefill_s == Approx(40 * 1e-3));
  CHECK(e.total_output_tokens == 20);
  CHECK(e.output_tokens_per_s == Approx(20 / (2 * wave + 0.04)));
  CHECK(e.total_tokens_per_s == Approx(60 / (2 * wave + 0.04)));
}

TEST_CASE("serving: the KV cache caps the requests running at once") {
  // Each request holds 10 + 5/2 = 12.5 tokens on average: a 30-token cache runs two.
  ServingWorkload w{6, 10, 5, 256, OutputLengths::fixed, "latest"};
  const ServingEstimate e = estimate_serving(w, simple_step(), 30, 100, no_scheduler());
  CHECK(e.peak_concurrency == 2);
  CHECK(e.limited_by == "kv_cache");
  CHECK(e.decode_steps == 12);
  // Fewer requests than either limit: all run at once.
  w.requests = 1;
  CHECK(estimate_serving(w, simple_step(), 30, 100, no_scheduler()).limited_by == "requests");
}

TEST_CASE("serving: the scheduler's cost is picked by vLLM version") {
  VllmServingDefaults d = no_scheduler();
  d.scheduler = {SchedulerCost{"0.5", 0.006, 7e-5, "old"}, SchedulerCost{"", 0.004, 0, "new"}};
  CHECK(scheduler_cost_for(d, "0.5.4").source == "old");
  CHECK(scheduler_cost_for(d, "0.4").source == "old");
  CHECK(scheduler_cost_for(d, "0.6.6").source == "new");
  CHECK(scheduler_cost_for(d, "1.0").source == "new");
  CHECK(scheduler_cost_for(d, "latest").source == "new");
  CHECK_THROWS_WITH(scheduler_cost_for(d, "new"), Contains("serving.vllm_version: must be \"latest\" or a version"));
  // Every step and every running request pays it: 4 steps x (6 ms + 2 x 0.07 ms).
  ServingWorkload w{2, 10, 5, 2, OutputLengths::fixed, "0.5.4"};
  CHECK(estimate_serving(w, simple_step(), 1000, 100, d).scheduler_s == Approx(4 * (0.006 + 2 * 7e-5)));
}

TEST_CASE("serving: ShareGPT lengths keep the mean and stretch the tail") {
  const VllmServingDefaults& d = test::catalog().find_engine("vllm")->vllm->serving;
  ServingWorkload w{1000, 217, 201, 256, OutputLengths::sharegpt, "latest"};
  double sum = 0;
  std::int64_t longest = 0;
  for (std::int64_t k = 0; k < w.requests; ++k) {
    const std::int64_t out = serving_output_length(w, d, k, 100'000);
    sum += double(out);
    longest = std::max(longest, out);
  }
  CHECK(sum / 1000 == Approx(201).epsilon(0.02));
  CHECK(longest > 3 * 201);
  // Capped by the context left after the prompt.
  CHECK(serving_output_length(w, d, 0, 50) <= 50);
}

TEST_CASE("serving: the vLLM estimate carries it, with defaults patched in") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","context":4096,
    "hardware":[{"id":"h100-sxm-80gb"}]})");
  REQUIRE(e.serving);
  CHECK(e.serving->workload.requests == 1000);
  CHECK(e.serving->workload.prompt_tokens == 217);
  CHECK(e.serving->workload.output_tokens == 201);
  CHECK(e.serving->workload.max_num_seqs == e.vllm->max_num_seqs);
  CHECK(e.serving->workload.vllm_version == "latest");
  CHECK(e.serving->output_tokens_per_s > e.decode_tokens_per_s);
  // No GPU: no serving figure.
  CHECK_FALSE(test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm"})").serving);
  // --max-num-seqs reaches the command and the layout.
  const Estimate capped = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm",
    "hardware":[{"id":"h100-sxm-80gb"}],"serving":{"max_num_seqs":32}})");
  CHECK(capped.serving->peak_concurrency == 32);
  CHECK_THAT(capped.commands.vllm, Contains("--max-num-seqs 32"));
}

TEST_CASE("serving: bad workloads name their field") {
  const std::string head = R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","context":1024,"hardware":[{"id":"h100-sxm-80gb"}],)";
  CHECK_THAT(test::estimate_error(head + R"("serving":{"requests":0}})"), Contains("serving.requests: must be between 1 and 1000000"));
  CHECK_THAT(test::estimate_error(head + R"("serving":{"output_tokens":-5}})"), Contains("serving.output_tokens: must be between 1"));
  CHECK_THAT(test::estimate_error(head + R"("serving":{"prompt_tokens":1000,"output_tokens":100}})"),
             Contains("serving.output_tokens: prompt_tokens + output_tokens must fit the context (--max-model-len 1024) (got 1000 + 100)"));
  CHECK_THAT(test::estimate_error(head + R"("serving":{"prompt_tokens":1024}})"),
             Contains("serving.prompt_tokens: must be shorter than the context"));
  CHECK_THAT(test::estimate_error(head + R"("serving":{"lengths":"long"}})"), Contains("serving.lengths: must be \"sharegpt\""));
  CHECK_THAT(test::estimate_error(head + R"("serving":{"vllm_version":"v2"}})"), Contains("serving.vllm_version"));
  CHECK_THAT(test::estimate_error(head + R"("serving":{"colour":1}})"), Contains("serving.colour: unknown key"));
  CHECK_THAT(test::estimate_error(head + R"("serving":5})"), Contains("serving: must be an object"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","serving":{}})"), Contains("serving: is a vLLM setting"));
}

TEST_CASE("serving: the workload round-trips through the scenario JSON") {
  const Scenario sc = scenario_from_json(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm",
    "serving":{"requests":320,"prompt_tokens":230,"output_tokens":224,"max_num_seqs":256,"lengths":"fixed","vllm_version":"0.5.4"}})");
  const Scenario back = scenario_from_json(scenario_to_json(sc));
  REQUIRE(back.serving);
  CHECK(back.serving->requests == 320);
  CHECK(back.serving->prompt_tokens == 230);
  CHECK(back.serving->output_tokens == 224);
  CHECK(back.serving->max_num_seqs == 256);
  CHECK(back.serving->lengths == OutputLengths::fixed);
  CHECK(back.serving->vllm_version == "0.5.4");
}
