// Time to first token, batch decode and weights paged from disk: each follows the formula
// speed.h states, checked here from the estimate's own working, not from copied figures.
#include <catch2/catch.hpp>

#include <cmath>

#include "errors.h"
#include "fit.h"
#include "speed.h"
#include "test_support.h"

using namespace headroom;

TEST_CASE("time to first token is the prompt at its own prefill rate plus one decode step") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q4_K_M","context":16384,
    "prompt_tokens":8000,"hardware":["rtx-4090"]})");
  CHECK(e.first_token.prompt_tokens == 8000);
  const double expected = 8000.0 / e.first_token.prefill_tokens_per_s + 1.0 / e.decode_tokens_per_s;
  CHECK(test::rel_error(e.first_token.seconds, expected) < 1e-9);
  // Attention grows with the prompt: a long prompt is processed more slowly per token.
  const Estimate short_prompt = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q4_K_M","context":16384,
    "prompt_tokens":500,"hardware":["rtx-4090"]})");
  CHECK(short_prompt.first_token.prefill_tokens_per_s > e.first_token.prefill_tokens_per_s);
  CHECK(short_prompt.first_token.seconds < e.first_token.seconds);
}

TEST_CASE("the prompt defaults to 512 tokens, or the context when shorter, and may not exceed it") {
  CHECK(test::estimate_for(R"({"model":"llama-3.1-8b","context":8192,"hardware":["rtx-4090"]})").first_token.prompt_tokens ==
        kDefaultPromptTokens);
  CHECK(test::estimate_for(R"({"model":"llama-3.1-8b","context":300,"hardware":["rtx-4090"]})").first_token.prompt_tokens ==
        300);
  CHECK_THROWS_AS(test::estimate_for(R"({"model":"llama-3.1-8b","context":4096,"prompt_tokens":4097})"), InputError);
}

TEST_CASE("one sequence's batch speed is its decode speed, and more sequences share the weight reads") {
  const Estimate one = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q8_0","context":1024,
    "hardware":["rtx-4090"]})");
  CHECK(one.batch.concurrency == 1);
  CHECK(test::rel_error(one.batch.aggregate_tokens_per_s, one.decode_tokens_per_s) < 1e-9);
  const Estimate eight = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q8_0","context":1024,"sequences":8,
    "hardware":["rtx-4090"]})");
  CHECK(eight.batch.concurrency == 8);
  CHECK(eight.batch.aggregate_tokens_per_s > 4 * one.decode_tokens_per_s);
  CHECK(eight.batch.per_sequence_tokens_per_s < one.decode_tokens_per_s);
  CHECK(test::rel_error(eight.batch.aggregate_tokens_per_s, 8 * eight.batch.per_sequence_tokens_per_s) < 1e-9);
  // The step: the device's reads, per-layer cost and the other sequences' matmuls add up to 1 / per-sequence rate.
  double step = 0;
  for (const DeviceSpeed& d : eight.working.speed) step += d.batch_step_s;
  CHECK(test::rel_error(step, 1.0 / eight.batch.per_sequence_tokens_per_s) < 1e-9);
}

TEST_CASE("a MoE batch reads the experts any of its sequences picked") {
  const EngineDefaults& engine = *test::catalog().find_engine("llama.cpp");
  const double f = 8.0 / 128.0;
  CHECK(expert_union_fraction(f, 1, engine.expert_batch_exponent) == f);
  const double u32 = expert_union_fraction(f, 32, engine.expert_batch_exponent);
  CHECK(u32 == Approx(1.0 - std::pow(1.0 - f, std::pow(32.0, engine.expert_batch_exponent))));
  CHECK(u32 > expert_union_fraction(f, 8, engine.expert_batch_exponent));
  CHECK(u32 < 1.0);
  const Estimate e = test::estimate_for(R"({"model":"qwen3-30b-a3b","quant":"Q8_0","context":544,"sequences":32,
    "hardware":["dgx-spark"],"offload":"gpu_only"})");
  CHECK(e.batch.expert_union_fraction == Approx(u32));
}

TEST_CASE("routed experts in prompt processing reach more of the dense rate with more rows each") {
  const EngineDefaults& engine = *test::catalog().find_engine("llama.cpp");
  CHECK(expert_prefill_share(engine, engine.expert_prefill_tokens) == Approx(engine.expert_prefill_efficiency));
  CHECK(expert_prefill_share(engine, 4 * engine.expert_prefill_tokens) > engine.expert_prefill_efficiency);
  CHECK(expert_prefill_share(engine, 1e9) < 1.0);
}

TEST_CASE("vLLM decodes as many requests at once as its KV cache holds, up to max_num_seqs") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","context":8192,
    "hardware":["h100-sxm-80gb"]})");
  REQUIRE(e.vllm);
  const auto expected = std::min<std::int64_t>(std::int64_t(std::floor(e.vllm->max_concurrency)), e.vllm->max_num_seqs);
  CHECK(e.batch.concurrency == expected);
  CHECK(e.vllm->max_num_seqs == 1024);  // an H100 is a large GPU for vLLM's defaults
  CHECK(e.batch.aggregate_tokens_per_s > e.decode_tokens_per_s);
}

TEST_CASE("weights past host RAM are read from disk, the coldest first, and say so") {
  const char* base = R"({"model":"llama-3.1-70b","quant":"Q8_0","context":4096,"hardware":["ddr4-3200-2ch-64gb"])";
  const Estimate e = test::estimate_for(std::string(base) + "}");
  REQUIRE(e.working.speed.size() == 1);
  const DeviceSpeed& d = e.working.speed[0];
  CHECK_FALSE(e.fits);
  CHECK(d.ram_overflow_bytes == e.devices[0].used_bytes - e.devices[0].capacity_bytes);
  // A dense model: past the embedding table (one row a token), every overflowing byte is read each token.
  const ModelSpec& m = *test::catalog().find_model("llama-3.1-70b");
  const std::int64_t embedding_q8 = m.vocab_size * m.hidden_size / 32 * 34;
  CHECK(d.disk_read_bytes == d.ram_overflow_bytes - embedding_q8);
  const EngineDefaults& engine = *test::catalog().find_engine("llama.cpp");
  CHECK(d.disk_bandwidth_bytes_per_s == double(engine.disk_read_bytes_per_s));
  const double ram_s = double(d.read_bytes - d.disk_read_bytes) / (d.bandwidth_bytes_per_s * d.bandwidth_share);
  CHECK(d.decode_s == Approx(ram_s + double(d.disk_read_bytes) / d.disk_bandwidth_bytes_per_s));
  bool warned = false;
  for (const auto& w : e.warnings) warned = warned || w.find("from disk") != std::string::npos;
  CHECK(warned);
  // A slower disk is slower; the same model in enough RAM reads nothing from disk.
  const Estimate sata = test::estimate_for(std::string(base) + R"(,"disk_bandwidth_bytes_per_s":550000000})");
  CHECK(sata.decode_tokens_per_s < e.decode_tokens_per_s);
  const Estimate ram = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"Q8_0","context":4096,
    "hardware":["ddr5-6400-4ch-256gb"]})");
  CHECK(ram.working.speed[0].disk_read_bytes == 0);
}

TEST_CASE("vLLM's what-runs row says what the model needs of the budget it reserves") {
  Scenario machine = scenario_from_json(R"({"model":"llama-3.1-8b","engine":"vllm","quant":"BF16","context":8192,
    "hardware":["h100-sxm-80gb"]})");
  const auto list = what_runs(machine, test::catalog());
  REQUIRE_FALSE(list.empty());
  for (const CatalogFit& f : list) {
    REQUIRE(f.estimate.vllm);
    CHECK(f.vllm_reserved_bytes == f.estimate.vllm->budget_bytes);
    CHECK(f.vllm_needed_bytes > f.estimate.vllm->weights_bytes);
    CHECK(f.vllm_needed_bytes <= f.vllm_reserved_bytes);
  }
}
