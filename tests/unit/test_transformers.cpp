// The Transformers engine: weights as the checkpoint stores them, the DynamicCache holding exactly
// the tokens seen, the larger of the prefill and end-of-generation peaks (core/transformers_layout.h).
// Expected figures are derived here from the catalog facts and engines.json.
#include <catch2/catch.hpp>

#include <string>

#include "catalog.h"
#include "errors.h"
#include "test_support.h"

using namespace headroom;
using Catch::Matchers::Contains;

namespace {

const TransformersDefaults& defaults() { return *test::catalog().find_engine("transformers")->transformers; }

}  // namespace

TEST_CASE("Transformers: the DynamicCache holds exactly the tokens seen, the end of generation peaks for short prompts") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16","context":5000,"prompt_tokens":100,
    "engine":"transformers","hardware":[{"id":"h100-sxm-80gb"}]})");
  REQUIRE(e.transformers);
  const TransformersLayout& t = *e.transformers;
  const ModelSpec& s = *test::catalog().find_model("llama-3.1-8b");
  const TransformersDefaults& d = defaults();
  const std::int64_t per_token_layer = 2 * s.num_key_value_heads * s.head_dim * 2;
  CHECK(e.kv_cache_bytes == s.num_hidden_layers * per_token_layer * 5000);  // no padding
  CHECK(t.kv_prompt_bytes == s.num_hidden_layers * per_token_layer * 100);
  CHECK_FALSE(t.prefill_peak);
  const std::int64_t logits = s.vocab_size * (d.activation_dtype_bytes + d.logits_dtype_bytes);
  CHECK(t.decode_bytes == per_token_layer * 5000 / 2 + logits);  // one K (or V) copied by torch.cat
  CHECK(e.compute_buffer_bytes == t.decode_bytes + d.cublas_workspace_bytes);
  CHECK(e.overhead_bytes == test::catalog().find_engine("transformers")->gpu_runtime_overhead_bytes);
  CHECK(e.total_bytes == e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes + e.overhead_bytes);
  CHECK(e.fits);
  CHECK_THAT(e.commands.transformers, Contains("max_new_tokens=4900"));
}

TEST_CASE("Transformers: a long prompt with few new tokens peaks at the end of prefill") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16","context":32769,"prompt_tokens":32768,
    "engine":"transformers"})");
  const TransformersLayout& t = *e.transformers;
  const ModelSpec& s = *test::catalog().find_model("llama-3.1-8b");
  const TransformersDefaults& d = defaults();
  CHECK(t.prefill_peak);
  const std::int64_t act = std::int64_t(32768.0 * d.prefill_hidden_factor * double(s.hidden_size) * 2.0);
  CHECK(t.prefill_bytes == act + s.vocab_size * (d.activation_dtype_bytes + d.logits_dtype_bytes));
  CHECK(e.compute_buffer_bytes == t.kv_prompt_bytes + t.prefill_bytes - e.kv_cache_bytes + d.cublas_workspace_bytes);
}

TEST_CASE("Transformers: a sliding window keeps itself, in prefill one layer holds the whole prompt") {
  const ModelSpec& s = *test::catalog().find_model("gemma-2-9b");
  REQUIRE(s.sliding_window > 0);
  const Estimate e = test::estimate_for(R"({"model":"gemma-2-9b","quant":"BF16","context":8192,"prompt_tokens":8000,
    "engine":"transformers"})");
  const TransformersLayout& t = *e.transformers;
  CHECK(t.kv.window_cells == s.sliding_window);
  CHECK(t.kv.cells == 8192);
  const TransformersDefaults& d = defaults();
  const std::int64_t row = 2 * s.num_key_value_heads * s.head_dim * 2;
  CHECK(t.prefill_bytes == std::int64_t(8000.0 * d.prefill_hidden_factor * double(s.hidden_size) * 2.0) +
                               s.vocab_size * (d.activation_dtype_bytes + d.logits_dtype_bytes) + row * 8000);
}

TEST_CASE("Transformers: MLA caches every head's keys and values, not the latent") {
  const Estimate e = test::estimate_for(R"({"model":"deepseek-v3","quant":"BF16","context":1000,"engine":"transformers"})");
  const ModelSpec& s = *test::catalog().find_model("deepseek-v3");
  CHECK(e.kv_cache_bytes ==
        s.num_hidden_layers * s.num_attention_heads * (s.qk_nope_head_dim + s.qk_rope_head_dim + s.v_head_dim) * 2 * 1000);
}

TEST_CASE("Transformers: bad input names the field") {
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"Q4_K_M","engine":"transformers"})"),
             Contains("quant: ") && Contains("dequantizes") && Contains("BF16"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"MLX_4BIT","engine":"transformers"})"), Contains("quant: "));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"transformers","kv_cache_type":"fp8"})"),
             Contains("kv_cache_type: ") && Contains("DynamicCache"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"transformers",
    "hardware":[{"id":"h100-sxm-80gb","count":2}]})"), Contains("hardware: ") && Contains("device_map"));
  CHECK(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"AWQ_INT4","engine":"transformers"})") == "(no error)");
}

TEST_CASE("Transformers: engines.json's transformers block is validated on load") {
  const std::string head = R"({"schema":"headroom.engines/1","engines":[{"id":"transformers","n_ubatch":512,
    "kv_context_padding":1,"gpu_runtime_overhead_bytes":0,"cpu_runtime_overhead_bytes":0,"source":"s")";
  CHECK_THAT(test::engines_load_error(head + "}]}"), Contains("engines[0] (transformers).transformers") && Contains("missing"));
  CHECK_THAT(test::engines_load_error(head + R"(,"transformers":{"cublas_workspace_bytes":-1,"prefill_hidden_factor":2,
    "activation_dtype_bytes":2,"logits_dtype_bytes":4,"source":"s"}}]})"),
             Contains("engines[0] (transformers).transformers.cublas_workspace_bytes"));
}
