// The Scenario JSON contract: defaults, round trips, and precise errors for bad input.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace headroom;
using Catch::Matchers::Contains;

namespace {

std::string error_of(const std::string& text) {
  const auto j = nlohmann::json::parse(estimate_json(text, test::catalog()));
  return j.contains("error") ? j["error"].get<std::string>() : "(no error)";
}

}  // namespace

TEST_CASE("missing optional keys take the documented defaults") {
  const Scenario sc = scenario_from_json(R"({"model":"llama-3.1-8b"})");
  CHECK(sc.quant == "Q4_K_M");
  CHECK(sc.kv_cache_type == "f16");
  CHECK(sc.context == 4096);
  CHECK(sc.sequences == 1);
  CHECK(sc.engine == Engine::llama_cpp);
  CHECK(sc.hardware.empty());
  CHECK(sc.offload.mode == OffloadMode::automatic);
}

TEST_CASE("a scenario round-trips through JSON") {
  const char* text = R"({"model":"llama-3.1-8b","quant":"Q8_0","kv_cache_type":"q8_0","context":32768,"sequences":2,
    "engine":"llama.cpp","hardware":[{"id":"rtx-4090","count":2},{"name":"My box","kind":"cpu","memory_bytes":68719476736,
    "bandwidth_bytes_per_s":89600000000,"fp16_flops":2e12}],"offload":{"mode":"layers","gpu_layers":20},
    "prompt_tokens":2000,"disk_bandwidth_bytes_per_s":3500000000})";
  const std::string once = scenario_to_json(scenario_from_json(text));
  CHECK(scenario_to_json(scenario_from_json(once)) == once);
  const auto j = nlohmann::json::parse(once);
  CHECK(j["hardware"][0]["count"] == 2);
  CHECK(j["hardware"][1]["name"] == "My box");
  CHECK(j["offload"]["gpu_layers"] == 20);
  CHECK(j["prompt_tokens"] == 2000);
  CHECK(j["disk_bandwidth_bytes_per_s"] == 3500000000LL);
}

TEST_CASE("an inline model round-trips whole, hybrid layers and all") {
  // Qwen3-Next's linear-attention fields are not ModelSpec's plain fields: the config travels whole.
  const char* text = R"({"model":{"name":"My Qwen3-Next","hf_config":{"model_type":"qwen3_next","hidden_size":2048,
    "num_hidden_layers":48,"num_attention_heads":16,"num_key_value_heads":2,"head_dim":256,"intermediate_size":5120,
    "vocab_size":151936,"max_position_embeddings":262144,"tie_word_embeddings":false,"full_attention_interval":4,
    "linear_num_key_heads":16,"linear_num_value_heads":32,"linear_key_head_dim":128,"linear_value_head_dim":128,
    "linear_conv_kernel_dim":4,"num_experts":512,"num_experts_per_tok":10,"moe_intermediate_size":512,
    "shared_expert_intermediate_size":512,"rope_theta":10000000}},"context":32768})";
  const Estimate first = test::estimate_for(text);
  const std::string again = scenario_to_json(scenario_from_json(text));
  const Estimate second = test::estimate_for(again);
  CHECK(second.weights_bytes == first.weights_bytes);
  CHECK(second.kv_cache_bytes == first.kv_cache_bytes);
  CHECK(first.parameters.total == 79'674'391'296);  // llama.cpp's printed n_params for this architecture
}

TEST_CASE("offload may be given as its mode alone") {
  CHECK(scenario_from_json(R"({"model":"llama-3.1-8b","offload":"gpu_only"})").offload.mode == OffloadMode::gpu_only);
  CHECK(scenario_from_json(R"({"model":"llama-3.1-8b","offload":"experts_to_cpu"})").offload.mode ==
        OffloadMode::experts_to_cpu);
}

TEST_CASE("inline and config.json models estimate like the catalog entry") {
  const Estimate catalog_entry = test::estimate_for(R"({"model":"llama-3.1-8b"})");
  const Estimate from_config = test::estimate_for(R"({"model":{"hf_config":{"model_type":"llama","hidden_size":4096,
    "intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,
    "vocab_size":128256,"max_position_embeddings":131072,"tie_word_embeddings":false,"rope_theta":500000.0}}})");
  CHECK(from_config.weights_bytes == catalog_entry.weights_bytes);
  CHECK(from_config.kv_cache_bytes == catalog_entry.kv_cache_bytes);
}

TEST_CASE("bad scenarios give one message naming the field and the value") {
  CHECK_THAT(error_of("{"), Contains("not valid JSON"));
  CHECK_THAT(error_of(R"({"model": 4e993})"), Contains("not valid JSON"));  // past a double's range
  CHECK_THAT(error_of("[]"), Contains("must be a JSON object"));
  CHECK_THAT(error_of(R"({"quant":"Q8_0"})"), Contains("model: required field is missing"));
  CHECK_THAT(error_of(R"({"model":"llama-9"})"), Contains("unknown model id \"llama-9\""));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","quant":"Q9_Z"})"), Contains("quant: unknown weight format \"Q9_Z\""));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","context":0})"), Contains("context: must be between 1"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","context":-5})"), Contains("(got -5)"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","context":1e300})"), Contains("context: must be a whole number"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","context":"8k"})"), Contains("context: must be a whole number (got \"8k\")"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","context":99999999999})"), Contains("context: must be between"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","contxt":8192})"), Contains("contxt: unknown key"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","kv_cache_type":"q3"})"), Contains("kv_cache_type: must be one of"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","kv_cache_type_v":"q3"})"), Contains("kv_cache_type_v: must be one of"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm","kv_cache_type":"fp8","kv_cache_type_v":"f16"})"),
             Contains("kv_cache_type_v: vLLM has one KV cache dtype"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","engine":"tensorrt"})"), Contains("engine: must be one of"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","hardware":[{"id":"rtx-9090"}]})"),
             Contains("hardware[0].id: unknown hardware id \"rtx-9090\""));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","hardware":[{"id":"rtx-4090","count":0}]})"),
             Contains("hardware[0].count: must be between 1"));
  CHECK_THAT(error_of(R"({"model":"llama-3.1-8b","hardware":[{"name":"X","kind":"tpu","memory_bytes":1,
    "bandwidth_bytes_per_s":1,"fp16_flops":1}]})"),
             Contains("hardware[0].kind: must be \"gpu\", \"cpu\" or \"unified\""));
  CHECK_THAT(error_of(R"({"model":{"hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,
    "num_key_value_heads":5,"intermediate_size":14336,"vocab_size":32000}})"),
             Contains("model.num_key_value_heads: must divide num_attention_heads (32), got 5"));
  CHECK_THAT(error_of(R"({"model":{"hf_config":{"hidden_size":4096}}})"),
             Contains("model.hf_config.num_hidden_layers: required field is missing"));
}

TEST_CASE("deeply nested input is rejected without a deep dump") {
  std::string deep(100000, '[');
  deep = R"({"model":)" + deep + std::string(100000, ']') + "}";
  CHECK_THAT(error_of(deep), Contains("model: must be a catalog id"));
}

TEST_CASE("ill-formed UTF-8 in a scenario gives an error answer, not a throw") {
  // Bytes no UTF-8 encoder should write (an encoded surrogate, a stray byte), from a C++ caller
  // of estimate_json. From the page they cannot come: Emscripten's stringToUTF8 always writes
  // valid UTF-8, even for a lone surrogate.
  for (const std::string bad : {std::string("{\"model\": \"\xED\xA0\x80\"}"), std::string("{\"model\": \"x\xFF\"}")}) {
    std::string answer;
    REQUIRE_NOTHROW(answer = estimate_json(bad, test::catalog()));
    CHECK_THAT(error_of(bad), Contains("not valid JSON"));
  }
}
