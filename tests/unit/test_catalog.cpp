// The catalog loader: every shipped entry loads, and every malformed one is rejected with
// the file, the entry and the field in the message.
#include <catch2/catch.hpp>

#include "catalog.h"
#include "test_support.h"

using namespace headroom;
using Catch::Matchers::Contains;

namespace {

std::string load_error(const char* file, const std::string& text) {
  const CatalogFile files[] = {{file, text}};
  try {
    load_catalog(files);
  } catch (const CatalogError& e) {
    return e.what();
  }
  return "(no error)";
}

const char* kQuantsMinimal = R"({"types":[{"id":"F32","block_elements":1,"block_bytes":4,"source":"s"}],"mixes":[]})";

}  // namespace

TEST_CASE("the shipped catalogs load and every entry has a source") {
  const Catalog& c = test::catalog();
  CHECK(c.models.size() >= 6);
  CHECK(c.hardware.size() >= 6);
  for (const auto& m : c.models) CHECK_FALSE(m.source.empty());
  for (const auto& h : c.hardware) CHECK_FALSE(h.source.empty());
  for (const auto& t : c.quants.types()) CHECK_FALSE(t.source.empty());
  for (const auto& q : c.quants.mixes()) CHECK_FALSE(q.source.empty());
  CHECK(c.find_engine("llama.cpp") != nullptr);
}

TEST_CASE("catalog errors name the file, the entry and the field") {
  CHECK_THAT(load_error("engines.json", R"({"engines":[{"id":"ollama","runs_on":"nope","n_ubatch":512,
      "kv_context_padding":256,"gpu_runtime_overhead_bytes":0,"cpu_runtime_overhead_bytes":0,"source":"s"}]})"),
             Contains("engines.json: engines[0] (ollama).runs_on: names no engine that runs on its own (\"nope\")"));
  CHECK_THAT(load_error("engines.json", R"({"engines":[{"id":"ollama","n_ubatch":512,"kv_context_padding":256,
      "gpu_runtime_overhead_bytes":0,"cpu_runtime_overhead_bytes":0,"source":"s","default_context":[{"context":0,"source":"s"}]}]})"),
             Contains("engines[0] (ollama).default_context[0].context"));
  CHECK_THAT(load_error("models.json", "{not json"), Contains("models.json: malformed JSON"));
  CHECK_THAT(load_error("models.json", R"({"models":[{"id":"x","name":"X","source":"s","config":{"hidden_size":0,
      "num_hidden_layers":2,"num_attention_heads":2,"intermediate_size":8,"vocab_size":10}}]})"),
             Contains("models.json: models[0] (x).config.hidden_size: must be between 1"));
  CHECK_THAT(load_error("models.json", R"({"models":[{"id":"x","name":"X","source":"s","config":{"hidden_size":64,
      "num_hidden_layers":2,"num_attention_heads":3,"num_key_value_heads":2,"intermediate_size":8,"vocab_size":10}}]})"),
             Contains("num_key_value_heads"));
  CHECK_THAT(load_error("hardware.json", R"({"hardware":[{"id":"g","name":"G","kind":"gpu","memory_bytes":-1,
      "bandwidth_bytes_per_s":1,"fp16_flops":1,"source":"s"}]})"),
             Contains("hardware.json: hardware[0] (g).memory_bytes: must be between 1"));
  CHECK_THAT(load_error("hardware.json", R"({"hardware":[{"id":"g","name":"G","kind":"gpu","memory_bytes":1,
      "bandwidth_bytes_per_s":1,"fp16_flops":1}]})"),
             Contains("hardware[0] (g).source"));
  CHECK_THAT(load_error("hardware.json", R"({"hardware":[{"id":"g","name":"G","kind":"gpu","memory_bytes":1,
      "bandwidth_bytes_per_s":1,"fp16_flops":1,"source":"s","colour":"red"}]})"),
             Contains("hardware[0] (g).colour: unknown key"));
  CHECK_THAT(load_error("quants.json", R"({"types":[{"id":"F32","block_elements":1,"block_bytes":4,"source":"s"}],
      "mixes":[{"id":"M","name":"M","default_type":"Q9_X","rules":[],"source":"s"}]})"),
             Contains("quants.json: mixes[0] (M).default_type: unknown type 'Q9_X'"));
  const std::string one_mix = R"({"types":[{"id":"F32","block_elements":1,"block_bytes":4,"source":"s"}],
      "mixes":[{"id":"M","name":"M","default_type":"F32","rules":[],"source":"s"}],"loaders":)";
  CHECK_THAT(load_error("quants.json", one_mix + R"([{"engine":"vllm","mixes":["Q9"],"source":"s"}]})"),
             Contains("quants.json: loaders[0].mixes[0]: unknown mix 'Q9'"));
  CHECK_THAT(load_error("quants.json", one_mix + R"([{"engine":"exllama","mixes":["M"],"source":"s"}]})"),
             Contains("loaders[0].engine: must be \"vllm\", \"mlx\" or \"transformers\""));
  CHECK_THAT(load_error("quants.json", one_mix + R"([{"engine":"mlx","mixes":["M"],"source":""}]})"),
             Contains("loaders[0].source"));
  CHECK_THAT(load_error("colours.json", "{}"), Contains("colours.json"));
  CHECK_THAT(load_error("models.json", R"({"models":[{"id":"x","name":"X","source":"s","config":{"hidden_size":64,
      "num_hidden_layers":2,"num_attention_heads":2,"intermediate_size":8,"vocab_size":10}},
      {"id":"x","name":"X","source":"s","config":{"hidden_size":64,
      "num_hidden_layers":2,"num_attention_heads":2,"intermediate_size":8,"vocab_size":10}}]})"),
             Contains("duplicate id 'x'"));
  (void)kQuantsMinimal;
}
