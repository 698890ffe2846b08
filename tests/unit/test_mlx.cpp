// The MLX engine (mlx-lm): one device, the KV cache grown in 256-token steps, the working set of
// the largest prefill step (core/mlx_layout.h). Expected figures are derived here from the catalog
// facts and engines.json, not copied from the code's output.
#include <catch2/catch.hpp>

#include <string>

#include "catalog.h"
#include "errors.h"
#include "test_support.h"

using namespace headroom;
using Catch::Matchers::Contains;

namespace {

const MlxDefaults& defaults() { return *test::catalog().find_engine("mlx")->mlx; }

std::int64_t round_up(std::int64_t n, std::int64_t to) { return (n + to - 1) / to * to; }

}  // namespace

TEST_CASE("MLX: full-attention cache in 256-token steps, the largest prefill step's working set") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"MLX_4BIT","context":5000,
    "prompt_tokens":4000,"engine":"mlx"})");
  REQUIRE(e.mlx);
  const MlxLayout& m = *e.mlx;
  const ModelSpec& s = *test::catalog().find_model("llama-3.1-8b");
  const MlxDefaults& d = defaults();
  CHECK(d.kv_step == 256);
  CHECK(d.prefill_step_size == 2048);
  const std::int64_t per_token_layer = 2 * s.num_key_value_heads * s.head_dim * 2;  // K and V, bf16
  CHECK(m.kv.cells == round_up(5000, 256));
  CHECK(e.kv_cache_bytes == s.num_hidden_layers * per_token_layer * round_up(5000, 256));
  CHECK(m.prefill_chunk == 2048);  // 3999 tokens fed: a whole step, then 1951
  const std::int64_t act = std::int64_t(2048.0 * 2.0 *
                                        (d.activation_hidden_factor * double(s.hidden_size) +
                                         d.activation_intermediate_factor * double(s.intermediate_size)));
  CHECK(m.activation_bytes == act);
  CHECK(m.cache_growth_bytes == per_token_layer * round_up(5000, 256));
  CHECK(m.attention_bytes == 0);
  CHECK(e.compute_buffer_bytes == act + m.cache_growth_bytes);
  CHECK(e.total_bytes == e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes);
  CHECK(e.commands.mlx == "mlx_lm.generate --model MODEL --prompt - --max-tokens 1000");
  CHECK(e.commands.llama_cpp.empty());
}

TEST_CASE("MLX: --kv-bits 8 and 4 store 8.5 and 4.5 bits per value, as q8_0 and q4_0 name them") {
  const ModelSpec& s = *test::catalog().find_model("llama-3.1-8b");
  const std::int64_t cells = round_up(5000, 256);
  const std::int64_t values = s.num_hidden_layers * 2 * s.num_key_value_heads * s.head_dim * cells;
  // Per group of 64 values: the packed values and a 16-bit scale and bias.
  const Estimate e8 = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"MLX_4BIT","context":5000,"engine":"mlx",
    "kv_cache_type":"q8_0"})");
  CHECK(e8.kv_cache_bytes == values / 64 * (64 + 4));
  CHECK_THAT(e8.commands.mlx, Contains("--kv-bits 8 --kv-group-size 64"));
  const Estimate e4 = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"MLX_4BIT","context":5000,"engine":"mlx",
    "kv_cache_type":"q4_0"})");
  CHECK(e4.kv_cache_bytes == values / 64 * (32 + 4));
}

TEST_CASE("MLX: MLA caches the latent and rope key, a prefill step expands them per head") {
  const Estimate e = test::estimate_for(R"({"model":"deepseek-v3","quant":"MLX_4BIT","context":8320,
    "prompt_tokens":8192,"engine":"mlx"})");
  REQUIRE(e.mlx);
  const ModelSpec& s = *test::catalog().find_model("deepseek-v3");
  CHECK(e.kv_cache_bytes == s.num_hidden_layers * (s.kv_lora_rank + s.qk_rope_head_dim) * 2 * round_up(8320, 256));
  const std::int64_t keys = 8191;
  const std::int64_t scores = 2 * s.num_attention_heads * 2048 * keys * 2;
  const std::int64_t expanded = s.num_attention_heads * keys * (s.qk_nope_head_dim + s.v_head_dim) * 2;
  CHECK(e.mlx->attention_bytes == scores + expanded);
}

TEST_CASE("MLX: a sliding window holds itself plus one prefill step") {
  const Estimate e = test::estimate_for(R"({"model":"gemma-2-9b","quant":"MLX_4BIT","context":16384,
    "prompt_tokens":16000,"engine":"mlx"})");
  const ModelSpec& s = *test::catalog().find_model("gemma-2-9b");
  REQUIRE(s.sliding_window > 0);
  CHECK(e.mlx->kv.window_cells == round_up(s.sliding_window + 2047, 256));
  CHECK(e.mlx->kv.cells == 16384);
}

TEST_CASE("MLX: a Mac's GPU holds its recommended working set, mlx-lm warns near it") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"MLX_4BIT","context":4096,"engine":"mlx",
    "hardware":[{"id":"apple-m4-pro-48gb"}]})");
  REQUIRE(e.devices.size() == 1);
  const HardwareSpec& mac = *test::catalog().find_hardware("apple-m4-pro-48gb");
  CHECK(e.devices[0].capacity_bytes == std::int64_t(double(mac.memory_bytes) * 0.75));
  CHECK(e.weights_bytes > 0.9 * double(e.devices[0].capacity_bytes));
  bool warned = false;
  for (const auto& w : e.warnings) warned = warned || w.find("maximum recommended size") != std::string::npos;
  CHECK(warned);
  CHECK_FALSE(e.fits);

  const Estimate small = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"MLX_4BIT","context":4096,"engine":"mlx",
    "hardware":[{"id":"apple-m4-max-64gb"}]})");
  CHECK(small.fits);
  CHECK(small.decode_tokens_per_s > 0);
}

TEST_CASE("MLX: bad input names the field") {
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"Q4_K_M","engine":"mlx"})"),
             Contains("quant: ") && Contains("not a format mlx-lm loads") && Contains("MLX_4BIT"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"MLX_4BIT","engine":"mlx","kv_cache_type":"q5_1"})"),
             Contains("kv_cache_type: ") && Contains("--kv-bits"));
  CHECK_THAT(test::estimate_error(R"({"model":"gemma-2-9b","quant":"MLX_4BIT","engine":"mlx","kv_cache_type":"q8_0"})"),
             Contains("kv_cache_type: ") && Contains("sliding-window"));
  CHECK_THAT(test::estimate_error(R"({"model":"deepseek-v3","quant":"MLX_4BIT","engine":"mlx","kv_cache_type":"q4_0"})"),
             Contains("kv_cache_type: ") && Contains("MLA"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"MLX_4BIT","engine":"mlx",
    "hardware":[{"id":"apple-m4-max-64gb","count":2}]})"), Contains("hardware: ") && Contains("one device"));
  CHECK_THAT(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"MLX_4BIT","engine":"mlx","offload":{"mode":"layers","gpu_layers":3}})"),
             Contains("offload.mode: "));
  CHECK(test::estimate_error(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"mlx"})") == "(no error)");
}

TEST_CASE("MLX: engines.json's mlx block is validated on load") {
  const std::string head = R"({"schema":"headroom.engines/1","engines":[{"id":"mlx","n_ubatch":2048,"kv_context_padding":256,
    "gpu_runtime_overhead_bytes":0,"cpu_runtime_overhead_bytes":0,"source":"s")";
  CHECK_THAT(test::engines_load_error(head + "}]}"), Contains("engines[0] (mlx).mlx") && Contains("missing"));
  CHECK_THAT(test::engines_load_error(head + R"(,"mlx":{"kv_step":0,"prefill_step_size":2048,"activation_hidden_factor":3,
    "activation_intermediate_factor":3,"activation_dtype_bytes":2,"wired_warning_share":0.9,"source":"s"}}]})"),
             Contains("engines[0] (mlx).mlx.kv_step"));
  CHECK_THAT(test::engines_load_error(head + R"(,"mlx":{"kv_step":256,"prefill_step_size":2048,"activation_hidden_factor":3,
    "activation_intermediate_factor":3,"activation_dtype_bytes":2,"wired_warning_share":0.9,"source":""}}]})"),
             Contains("engines[0] (mlx).mlx.source"));
}
