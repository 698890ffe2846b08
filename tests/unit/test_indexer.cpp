// DeepSeek-V4's lightning indexer in llama.cpp's compute buffer: the build rules of engines.json,
// one ratio-4 layer's worth on each device that runs such a layer, and the errors for bad rules.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace headroom;
using Catch::Matchers::Contains;

TEST_CASE("unfused builds hold two f32 copies of every indexer head's scores, fused builds one f32 score") {
  // V4-Flash at 1M tokens: 262144 indexer keys (context / 4) x 512 ubatch tokens; unfused:
  // 64 heads x 4 B x 2 copies = 64 GiB (unslothai/unsloth#6940 printed 67094.60 MiB in all).
  const Estimate unfused =
      test::estimate_for(R"({"model":"deepseek-v4-flash","context":1048576,"lightning_indexer":"unfused"})");
  const ComputeWorking& u = unfused.working.compute;
  CHECK(u.indexer_rule == "unfused");
  CHECK(u.indexer_heads == 64);
  CHECK(u.indexer_cells == 262144);
  CHECK(u.indexer_cell_bytes == 256);
  CHECK(u.indexer_copies == 2);
  CHECK(u.indexer_bytes == 64 * kGiB);
  CHECK(unfused.compute_buffer_bytes == u.layer_bytes + u.indexer_bytes);
  CHECK(unfused.plan.lightning_indexer == "unfused");

  // The default is the fused op: the masked score alone, 4 B per key and token.
  const Estimate fused = test::estimate_for(R"({"model":"deepseek-v4-flash","context":1048576})");
  CHECK(fused.working.compute.indexer_rule == "fused");
  CHECK(fused.working.compute.indexer_bytes == 512LL * 262144 * 4);
  CHECK(fused.plan.lightning_indexer == "fused");
}

TEST_CASE("each device that runs a ratio-4 layer reserves the indexer's scratch, the others do not") {
  // -ngl 41 leaves blocks 0 and 1 of V4-Flash, its ratio-0 layers, on the CPU with the output
  // head: the CPU's graph has no indexer, the GPU's (blocks 2-42) does.
  const Estimate e = test::estimate_for(R"({"model":"deepseek-v4-flash","context":65536,"lightning_indexer":"unfused",
    "hardware":[{"id":"h100-sxm-80gb"},{"id":"ddr5-4800-8ch-512gb"}],"offload":{"mode":"layers","gpu_layers":41}})");
  const ComputeWorking& c = e.working.compute;
  REQUIRE(e.devices.size() == 2);
  CHECK(e.devices[0].compute_buffer_bytes == c.layer_bytes + c.indexer_bytes);
  CHECK(e.devices[1].compute_buffer_bytes == std::max(c.layer_bytes, c.logits_bytes));
  CHECK(c.indexer_devices == 1);

  // Split by layers over 8 H200, every GPU holds ratio-4 layers: each reserves its own.
  const Estimate pro = test::estimate_for(R"({"model":"deepseek-v4-pro","context":1048576,"lightning_indexer":"unfused",
    "hardware":[{"id":"h200-sxm-141gb","count":8}]})");
  CHECK(pro.working.compute.indexer_devices == 8);
  for (const DeviceUsage& d : pro.devices) CHECK(d.compute_buffer_bytes >= 64 * kGiB);
}

TEST_CASE("models without an indexer are unchanged and name no rule") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","context":8192})");
  CHECK(e.working.compute.indexer_bytes == 0);
  CHECK(e.plan.lightning_indexer.empty());
  CHECK(e.compute_buffer_bytes == e.working.compute.output_bytes);
}

TEST_CASE("a bad lightning_indexer rule is an error that names the field") {
  CHECK_THAT(test::estimate_error(R"({"model":"deepseek-v4-flash","lightning_indexer":"bogus"})"),
             Contains("lightning_indexer: ") && Contains("\"bogus\"") && Contains("fused or unfused"));
  CHECK_THAT(test::estimate_error(R"({"model":"deepseek-v4-flash","engine":"vllm","lightning_indexer":"fused"})"),
             Contains("lightning_indexer: ") && Contains("llama.cpp setting"));
  CHECK_THAT(test::estimate_error(R"({"model":"deepseek-v4-flash","lightning_indexer":4})"), Contains("lightning_indexer"));
  // Ollama runs llama.cpp: the same rules apply.
  CHECK(test::estimate_error(R"({"model":"deepseek-v4-flash","engine":"ollama","lightning_indexer":"unfused"})") ==
        "(no error)");
}

TEST_CASE("engines.json's lightning_indexer block is validated on load") {
  const std::string head = R"({"schema":"headroom.engines/1","engines":[{"id":"llama.cpp","n_ubatch":512,"kv_context_padding":256,
    "gpu_runtime_overhead_bytes":0,"cpu_runtime_overhead_bytes":0,"source":"s","lightning_indexer":)";
  CHECK_THAT(test::engines_load_error(head + R"({"default":"fused","rules":[{"id":"unfused","builds":"b","head_bytes":4,"cell_bytes":0,
    "copies":2,"source":"s"}]}}]})"), Contains("lightning_indexer.default") && Contains("names no rule"));
  CHECK_THAT(test::engines_load_error(head + R"({"default":"fused","rules":[{"id":"fused","builds":"b","head_bytes":0,"cell_bytes":4,
    "copies":0,"source":"s"}]}}]})"), Contains("copies"));
  CHECK_THAT(test::engines_load_error(head + R"({"default":"fused","rules":[{"id":"fused","builds":"b","head_bytes":0,"cell_bytes":4,
    "copies":1,"source":""}]}}]})"), Contains("source"));
}

TEST_CASE("flash attention off: a compressed layer's scores over window + compressed cells, every head") {
  // Read off build_attn_mha without flash attention (inferred, no log checks it): V4-Flash at
  // 16384 tokens has a 768-cell window (128 + ubatch, padded), 4096 ratio-4 and 256 ratio-128
  // cells; 64 heads score window + ratio-4 cells, beside the f32 masks (window, ratio-4 twice
  // with the indexer's, ratio-128) and 4 hidden-wide values.
  const Estimate e = test::estimate_for(R"({"model":"deepseek-v4-flash","context":16384,"flash_attention":false})");
  const ComputeWorking& c = e.working.compute;
  CHECK(c.mask_bytes == 0);
  CHECK(c.layer_per_token == (768 + 4096) * 64 + (768 + 2 * 4096 + 256) + 4 * 4096);
  CHECK(c.layer_bytes == 4LL * 512 * c.layer_per_token);
  CHECK(c.indexer_rule == "fused");  // the indexer's rule is the build's, whatever the attention path
  CHECK_THAT(e.warnings.back(), Contains("flash attention off") && Contains("not checked against a log"));
}
