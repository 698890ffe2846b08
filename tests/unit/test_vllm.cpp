// The vLLM engine: tensor parallel across identical GPUs, the KV cache takes what
// gpu_memory_utilization leaves after weights, the activation peak and non-torch memory, in
// 16-token blocks (core/vllm_layout.h). Expected figures are derived here from the catalog
// facts and engines.json, not copied from the code's output.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "catalog.h"
#include "errors.h"
#include "fit.h"
#include "tables.h"
#include "test_support.h"

using namespace headroom;
using Catch::Matchers::Contains;

namespace {

const VllmDefaults& defaults() { return *test::catalog().find_engine("vllm")->vllm; }

}  // namespace

TEST_CASE("vLLM: the KV cache is what the budget leaves, in whole 16-token blocks") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16","context":8192,"engine":"vllm",
    "hardware":[{"id":"rtx-4090"}]})");
  REQUIRE(e.vllm);
  const VllmLayout& v = *e.vllm;
  const ModelSpec& m = *test::catalog().find_model("llama-3.1-8b");
  const HardwareSpec& g = *test::catalog().find_hardware("rtx-4090");
  const VllmDefaults& d = defaults();
  CHECK(v.tensor_parallel_size == 1);
  CHECK(v.block_size == 16);
  CHECK(v.gpu_memory_utilization == d.gpu_memory_utilization);
  CHECK(v.max_num_batched_tokens == d.max_num_batched_tokens);  // a 24 GiB GPU: the small default
  CHECK(v.kv_bytes_per_token == m.num_hidden_layers * 2 * m.num_key_value_heads * m.head_dim * 2);
  CHECK(v.visible_memory_bytes == g.memory_bytes - d.reserve_for(g.memory_bytes));
  CHECK(v.weights_bytes == e.weights_bytes);
  const std::int64_t act = std::int64_t(double(v.max_num_batched_tokens) * 2.0 *
                                        (d.activation_hidden_factor * double(m.hidden_size) +
                                         d.activation_intermediate_factor * double(m.intermediate_size)));
  CHECK(std::llabs(v.activation_peak_bytes - act) <= 1);
  CHECK(v.kv_cache_bytes_available ==
        std::int64_t(double(v.visible_memory_bytes) * v.gpu_memory_utilization) - v.weights_bytes -
            v.activation_peak_bytes - v.non_torch_bytes);
  CHECK(v.gpu_blocks == v.kv_cache_bytes_available / (16 * v.kv_bytes_per_token));
  CHECK(v.kv_cache_tokens == v.gpu_blocks * 16);
  CHECK(v.max_concurrency == Approx(double(v.kv_cache_tokens) / 8192));
  CHECK(e.fits);
  REQUIRE(e.devices.size() == 1);
  CHECK(e.devices[0].used_bytes == e.devices[0].weights_bytes + e.devices[0].kv_cache_bytes +
                                       e.devices[0].compute_buffer_bytes + e.devices[0].overhead_bytes);
  CHECK(e.total_bytes == e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes + e.overhead_bytes);
  CHECK(e.commands.vllm == "vllm serve MODEL --max-model-len 8192 --tensor-parallel-size 1 --gpu-memory-utilization 0.9");
  CHECK(e.commands.llama_cpp.empty());
}

TEST_CASE("vLLM: tensor parallelism splits weights and KV heads across the GPUs") {
  const Estimate one = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"BF16","context":8192,"engine":"vllm",
    "hardware":[{"id":"h100-sxm-80gb"}]})");
  REQUIRE(one.vllm);
  CHECK_FALSE(one.fits);  // 141 GB of BF16 weights on one 80 GB GPU
  CHECK(one.vllm->kv_cache_bytes_available == 0);
  const Estimate four = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"BF16","context":8192,"engine":"vllm",
    "hardware":[{"id":"h100-sxm-80gb","count":4}],"gpu_memory_utilization":0.85,"kv_cache_type":"fp8"})");
  REQUIRE(four.vllm);
  const VllmLayout& v = *four.vllm;
  CHECK(v.tensor_parallel_size == 4);
  CHECK(v.weights_bytes == (four.weights_bytes + 3) / 4);
  CHECK(v.max_num_batched_tokens == defaults().large_gpu_max_num_batched_tokens);  // 80 GB H100
  const ModelSpec& m = *test::catalog().find_model("llama-3.1-70b");
  CHECK(v.kv_bytes_per_token == m.num_hidden_layers * 2 * (m.num_key_value_heads / 4) * m.head_dim * 1);  // fp8
  CHECK(four.fits);
  CHECK(four.devices.size() == 4);
  CHECK(four.kv_cache_bytes == 4 * v.kv_cache_bytes_available);
  CHECK(four.commands.vllm == "vllm serve MODEL --max-model-len 8192 --tensor-parallel-size 4 "
                              "--gpu-memory-utilization 0.85 --kv-cache-dtype fp8");
}

TEST_CASE("vLLM: fewer KV heads than GPUs keep one head per GPU, MLA keeps its whole latent") {
  // Qwen3-235B-A22B has 4 KV heads: on 8 GPUs each keeps one (replicated), as on 4.
  const Estimate e4 = test::estimate_for(R"({"model":"qwen3-235b-a22b","quant":"BF16","context":4096,"engine":"vllm",
    "hardware":[{"id":"h100-sxm-80gb","count":4}],"kv_cache_memory_bytes":1000000000})");
  const Estimate e8 = test::estimate_for(R"({"model":"qwen3-235b-a22b","quant":"BF16","context":4096,"engine":"vllm",
    "hardware":[{"id":"h100-sxm-80gb","count":8}],"kv_cache_memory_bytes":1000000000})");
  REQUIRE(e4.vllm);
  REQUIRE(e8.vllm);
  CHECK(e4.vllm->kv_bytes_per_token == e8.vllm->kv_bytes_per_token);
  const ModelSpec& ds = *test::catalog().find_model("deepseek-v3");
  const Estimate mla = test::estimate_for(R"({"model":"deepseek-v3","quant":"BF16","context":4096,"engine":"vllm",
    "hardware":[{"id":"h100-sxm-80gb","count":8}],"kv_cache_memory_bytes":1000000000})");
  REQUIRE(mla.vllm);
  CHECK(mla.vllm->kv_bytes_per_token == ds.num_hidden_layers * (ds.kv_lora_rank + ds.qk_rope_head_dim) * 2);
  CHECK(mla.commands.vllm.find("--kv-cache-memory-bytes 1000000000") != std::string::npos);
}

TEST_CASE("vLLM: fits needs the cache to hold the requests of max_model_len") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16","context":131072,"engine":"vllm",
    "hardware":[{"id":"rtx-4090"}]})");
  REQUIRE(e.vllm);
  CHECK(e.vllm->kv_cache_tokens > 0);
  CHECK(e.vllm->kv_cache_tokens < 131072);
  CHECK_FALSE(e.fits);
  bool said = false;
  for (const auto& w : e.warnings) said = said || w.find("max_model_len 131072") != std::string::npos;
  CHECK(said);
}

TEST_CASE("vLLM: sliding-window and hybrid models say how far the layout is checked") {
  const Estimate e = test::estimate_for(R"({"model":"gemma-2-9b","quant":"BF16","context":8192,"engine":"vllm",
    "hardware":[{"id":"rtx-4090"}]})");
  REQUIRE(e.vllm);
  CHECK(e.vllm->kv_bytes_per_request > 0);
  bool said = false;
  for (const auto& w : e.warnings) said = said || w.find("Sliding-window layers") != std::string::npos;
  CHECK(said);
  const Estimate h = test::estimate_for(R"({"model":"qwen3-next-80b-a3b","quant":"BF16","context":8192,"engine":"vllm",
    "hardware":[{"id":"h100-sxm-80gb","count":4}]})");
  REQUIRE(h.vllm);
  CHECK(h.vllm->kv_bytes_per_request > 0);
  CHECK(h.vllm->max_concurrency > 0);
}

TEST_CASE("vLLM: bad input names the field") {
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"Q4_K_M","engine":"vllm"})"),
             Contains("quant: \"Q4_K_M\" is not a format vLLM serves here"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"MLX_4BIT","engine":"vllm"})"),
             Contains("quant: \"MLX_4BIT\" is not a format vLLM serves here"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","kv_cache_type":"q8_0"})"),
             Contains("kv_cache_type: vLLM's KV cache is"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","gpu_memory_utilization":0})"),
             Contains("gpu_memory_utilization: must be greater than 0 and at most 1 (got 0)"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","gpu_memory_utilization":1.5})"),
             Contains("gpu_memory_utilization: must be greater than 0 and at most 1 (got 1.5)"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","gpu_memory_utilization":0.8})"),
             Contains("gpu_memory_utilization: is a vLLM setting"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","max_num_batched_tokens":0})"),
             Contains("max_num_batched_tokens: must be between 1"));
  // 32 attention heads over 3 GPUs.
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","hardware":[{"id":"rtx-4090","count":3}]})"),
             Contains("hardware: vLLM's tensor parallel size (3 GPUs) must divide the model's num_attention_heads (32"));
  // 8 KV heads and 16 GPUs divide; 64 heads over 16 divide: fine. 6 GPUs: heads do not divide.
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","hardware":[{"id":"rtx-4090","count":6}]})"),
             Contains("tensor parallel size (6 GPUs)"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm",
    "hardware":[{"id":"rtx-4090"},{"id":"rtx-3090"}]})"),
             Contains("hardware: vLLM's tensor parallelism needs identical GPUs"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","offload":{"mode":"layers","gpu_layers":3}})"),
             Contains("offload.mode: vLLM keeps the whole model on its GPUs"));
}

// A valid engines.json vllm.serving block, for the loader tests.
constexpr const char* kServing = R"({"decode_bandwidth":0.9,"compute_share":0.25,
    "scheduler":[{"max_version":"0.5","per_step_s":0.006,"per_sequence_s":0.00007,"source":"s"},
                 {"per_step_s":0.004,"per_sequence_s":0,"source":"s"}],
    "workload":{"requests":1000,"prompt_tokens":217,"output_tokens":201,"source":"s"},
    "sharegpt_output_lengths":{"quantiles":[0,1,2],"source":"s"},"source":"s"})";

TEST_CASE("vLLM: the engines.json block is validated field by field") {
  const std::string base = R"({"engines":[{"id":"vllm","n_ubatch":2048,"kv_context_padding":16,
    "gpu_runtime_overhead_bytes":0,"cpu_runtime_overhead_bytes":0,"source":"s",)";
  const std::string good_block = R"("block_size":16,"max_num_batched_tokens":2048,
    "large_gpu_max_num_batched_tokens":8192,"large_gpu_min_memory_bytes":1,"activation_hidden_factor":3,
    "activation_intermediate_factor":3,"activation_dtype_bytes":2,"non_torch_bytes":0,"cuda_graph_bytes":0,
    "visible_memory_reserve":[{"reserve_bytes":0,"source":"s"}],"serving":)" + std::string(kServing) + R"(,"source":"s")";
  // A good block loads; the catalog then misses its quants.json, which is not this test's.
  CHECK_THAT(test::engines_load_error(base + R"("vllm":{"gpu_memory_utilization":0.9,)" + good_block + "}}]}"),
             Contains("quants.json: missing"));
  CHECK_THAT(test::engines_load_error(base + R"("vllm":{"gpu_memory_utilization":1.2,)" + good_block + "}}]}"),
             Contains("engines.json: engines[0] (vllm).vllm.gpu_memory_utilization: must be between 0.01 and 1"));
  CHECK_THAT(test::engines_load_error(base + R"("vllm":{"gpu_memory_utilization":0.9,"colour":1,)" + good_block + "}}]}"),
             Contains("engines[0] (vllm).vllm.colour: unknown key"));
  CHECK_THAT(test::engines_load_error(base.substr(0, base.size() - 1) + "}]}"),
             Contains("engines.json: engines[0] (vllm).vllm: required field is missing"));
  std::string no_source = good_block;
  no_source.replace(no_source.find(R"(,"source":"s"})"), 14, "}");
  CHECK_THAT(test::engines_load_error(base + R"("vllm":{"gpu_memory_utilization":0.9,)" + no_source + "}}]}"),
             Contains("engines[0] (vllm).vllm.visible_memory_reserve[0].source: required field is missing"));
  // The serving block: quantiles ascend, only the newest scheduler entry lacks a version.
  auto with_serving = [&](std::string serving, const char* from, const char* to) {
    serving.replace(serving.find(from), std::string(from).size(), to);
    std::string block = good_block;
    block.replace(block.find(kServing), std::string(kServing).size(), serving);
    return test::engines_load_error(base + R"("vllm":{"gpu_memory_utilization":0.9,)" + block + "}}]}");
  };
  CHECK_THAT(with_serving(kServing, "[0,1,2]", "[0,2,1]"),
             Contains("vllm.serving.sharegpt_output_lengths.quantiles: must be non-negative and ascending (got 1)"));
  CHECK_THAT(with_serving(kServing, R"("max_version":"0.5",)", ""),
             Contains("vllm.serving.scheduler[0].max_version: every entry but the last (the newest vLLM) needs one"));
  CHECK_THAT(with_serving(kServing, R"("compute_share":0.25)", R"("compute_share":0)"),
             Contains("vllm.serving.compute_share: must be between 0.01 and 1"));
}

TEST_CASE("vLLM: the scenario's vLLM settings round-trip through JSON") {
  const Scenario sc = scenario_from_json(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm",
    "gpu_memory_utilization":0.85,"max_num_batched_tokens":4096,"kv_cache_memory_bytes":123456789})");
  const Scenario back = scenario_from_json(scenario_to_json(sc));
  CHECK(back.engine == Engine::vllm);
  CHECK(back.gpu_memory_utilization == sc.gpu_memory_utilization);
  CHECK(back.max_num_batched_tokens == sc.max_num_batched_tokens);
  CHECK(back.kv_cache_memory_bytes == sc.kv_cache_memory_bytes);
  const Scenario plain = scenario_from_json(scenario_to_json(scenario_from_json(R"({"model":"llama-3.1-8b"})")));
  CHECK_FALSE(plain.gpu_memory_utilization);
}

TEST_CASE("vLLM: reverse questions try only tensor-parallel sizes that divide the heads, and checkpoint formats") {
  Scenario sc = scenario_from_json(R"({"model":"llama-3.1-70b","quant":"BF16","context":32768,"engine":"vllm"})");
  const auto n = gpus_needed(sc, test::catalog(), "h100-sxm-80gb");
  REQUIRE(n);
  CHECK(*n == 4);  // 141 GB of weights: on 2 x 80 GB the KV cache holds under 32768 tokens; 3 does not divide 64 heads
  sc.hardware = {HardwareRef{"rtx-4090", std::nullopt, 1}};
  sc.model = ModelRef{"llama-3.1-8b", std::nullopt};
  const auto q = best_quant(sc, test::catalog());
  REQUIRE(q);
  CHECK((*q == "BF16" || *q == "F16"));
}

TEST_CASE("vLLM: the llama.cpp seed tables refuse the vllm engine by name") {
  const Scenario sc = scenario_from_json(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm"})");
  CHECK_THROWS_WITH(memory_table(sc, test::catalog()), Contains("engine: the memory and speed tables"));
  CHECK_THROWS_WITH(speed_table(sc, test::catalog()), Contains("engine: the memory and speed tables"));
}

TEST_CASE("which engines load which checkpoint formats is quants.json data") {
  const QuantTable& q = test::catalog().quants;
  CHECK(vllm_serves(*q.find_mix("AWQ_INT4"), q));
  CHECK(vllm_serves(*q.find_mix("BF16"), q));
  CHECK_FALSE(vllm_serves(*q.find_mix("Q4_K_M"), q));
  CHECK_FALSE(vllm_serves(*q.find_mix("EXL2_4.65"), q));
  CHECK_FALSE(vllm_serves(*q.find_mix("MLX_4BIT"), q));
  CHECK(mlx_serves(*q.find_mix("MLX_8BIT")));
  CHECK_FALSE(mlx_serves(*q.find_mix("GPTQ_INT4")));
  CHECK(transformers_loads(*q.find_mix("FP8_CHECKPOINT")));
  CHECK_FALSE(transformers_loads(*q.find_mix("IQ2_XXS")));
}
