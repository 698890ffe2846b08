// Weights, KV cache and compute buffers against llama.cpp's own printed sizes and published
// GGUF file sizes. Each case names its source and tolerance.
#include <catch2/catch.hpp>

#include <cmath>

#include "compute_buffer.h"
#include "kv_cache.h"
#include "test_support.h"

using namespace headroom;

namespace {

const ModelSpec& llama31_8b() { return *test::catalog().find_model("llama-3.1-8b"); }
const StorageType& type(const char* id) { return *test::catalog().quants.find_type(id); }

}  // namespace

TEST_CASE("Llama-3.1-8B f16 KV cache at 8192 tokens is exactly 1 GiB") {
  // 32 layers x 8 KV heads x 128 head dim x 2 (K and V) x 2 bytes x 8192 tokens. Tolerance: exact.
  const KvCache kv = kv_cache(llama31_8b(), type("F16"), type("F16"), {8192, 1, 256, 512});
  CHECK(kv.bytes == 32LL * 8 * 128 * 2 * 2 * 8192);
  CHECK(kv.bytes == kGiB);
}

TEST_CASE("quantized KV cache uses ggml block sizes") {
  // A K or V row of 1024 elements is 32 blocks: q8_0 34 bytes each, q4_0 18 bytes each.
  const auto q8 = kv_cache(llama31_8b(), type("Q8_0"), type("Q8_0"), {8192, 1, 256, 512});
  CHECK(q8.bytes == 32LL * 8192 * 2 * (1024 / 32 * 34));
  const auto q4 = kv_cache(llama31_8b(), type("Q4_0"), type("Q4_0"), {8192, 1, 256, 512});
  CHECK(q4.bytes == 32LL * 8192 * 2 * (1024 / 32 * 18));
  const auto mixed = kv_cache(llama31_8b(), type("Q8_0"), type("F16"), {8192, 1, 256, 512});
  CHECK(mixed.bytes == 32LL * 8192 * (1024 / 32 * 34 + 1024 * 2));
}

TEST_CASE("the cache holds n_ctx rounded up to 256 cells") {
  // llama.cpp src/llama-context.cpp: cparams.n_ctx = GGML_PAD(cparams.n_ctx, 256) (PR #17046).
  CHECK(kv_cache(llama31_8b(), type("F16"), type("F16"), {35000, 1, 256, 512}).cells == 35072);
  CHECK(kv_cache(llama31_8b(), type("F16"), type("F16"), {1, 1, 256, 512}).cells == 256);
}

// Published figures (llama.cpp's printed buffers, GGUF and safetensors sizes) are data in
// tests/reference/*.json, checked by test_reference.cpp.

TEST_CASE("with flash attention each KQ mask costs 6 bytes per cell and ubatch token") {
  // The f32 mask input copied to the device plus its f16 cast (src/llama-graph.cpp). gpt-oss-20b
  // on Metal (ontouchstart/rabbit-holes, builds 8164 and 8198, n_ubatch 512): 768 SWA cells print
  // 420.08 MiB, 1024 SWA cells 420.83 MiB, i.e. 256 x 512 x 6 bytes = 0.75 MiB more. Exact.
  const ModelSpec& oss = *test::catalog().find_model("gpt-oss-20b");
  const auto narrow = compute_buffer(oss, KvCache{.cells = 131072, .window_cells = 768}, 512, true, nullptr);
  const auto wide = compute_buffer(oss, KvCache{.cells = 131072, .window_cells = 1024}, 512, true, nullptr);
  CHECK(wide.layer_bytes - narrow.layer_bytes == 256LL * 512 * 6);
  // Full-attention mask: 131072 cells x 512 tokens x 6 bytes = 384 MiB of the layer peak.
  const auto full = compute_buffer(oss, KvCache{.cells = 131072}, 512, true, nullptr);
  const auto half = compute_buffer(oss, KvCache{.cells = 65536}, 512, true, nullptr);
  CHECK(full.layer_bytes - half.layer_bytes == 65536LL * 512 * 6);
}

TEST_CASE("GPTQ/AWQ int4, MLX and NVFP4 checkpoints: packed values plus one scale per group") {
  // Llama-3.1-8B worked by hand: 6,979,321,856 parameters in the blocks' matrices (every row a
  // multiple of 128), 2 x 525,336,576 in the embedding and head, 65 x 4096 norm weights.
  const std::int64_t blocks = 6'979'321'856, table = 2 * 525'336'576, norms = 65 * 4096;
  auto weights = [](const char* mix) {
    return compute_model_weights(llama31_8b(), *test::catalog().quants.find_mix(mix), test::catalog().quants).bytes;
  };
  // int4 values, and per 128 values an FP16 scale and a 4-bit zero point; the rest FP16.
  const std::int64_t gptq = blocks / 2 + blocks / 128 * 20 / 8 + (table + norms) * 2;
  CHECK(weights("GPTQ_INT4") == gptq);
  CHECK(weights("AWQ_INT4") == gptq);
  // MLX quantizes the embedding and head too: 4 bits + 32 bits of scale and bias per 64.
  CHECK(weights("MLX_4BIT") == (blocks + table) / 2 + (blocks + table) / 64 * 4 + norms * 2);
  // NVFP4: 4 bits + an FP8 scale per 16 in the blocks; BF16 elsewhere.
  CHECK(weights("NVFP4") == blocks / 2 + blocks / 16 + (table + norms) * 2);
}

TEST_CASE("EXL2 and EXL3 at any bit rate: the rate on the blocks, the head at its own, FP16 elsewhere") {
  // Llama-3.1-8B as above: blocks at the rate, the embedding and norms FP16, the head at
  // EXL2's 6-bit head setting (about 6.3 bits, exllamav2 doc/convert.md) or EXL3's 6 bits.
  const std::int64_t blocks = 6'979'321'856, embedding = 525'336'576, head = 525'336'576, norms = 65 * 4096;
  const QuantTable& quants = test::catalog().quants;
  auto weights = [&](const char* mix) {
    const QuantMix* m = quants.find_mix(mix);
    REQUIRE(m != nullptr);
    return compute_model_weights(llama31_8b(), *m, quants).bytes;
  };
  const std::int64_t exl2_head = std::int64_t(std::ceil(double(head) * 6.3 / 8));
  CHECK(weights("EXL2_4.0") == blocks / 2 + (embedding + norms) * 2 + exl2_head);
  CHECK(weights("EXL2_4") == weights("EXL2_4.0"));
  CHECK(weights("EXL3_3.0") == blocks * 3 / 8 + (embedding + norms) * 2 + head * 6 / 8);
  // Any rate in between, to about a byte per tensor (each tensor rounds up to whole bytes).
  const std::int64_t at_465 = weights("EXL2_4.65");
  CHECK(std::abs(double(at_465) - (double(blocks) * 4.65 / 8 + double((embedding + norms) * 2 + exl2_head))) < 300);
  CHECK(weights("EXL2") == at_465);  // the plain id is the format at its default rate
  CHECK(quants.find_mix("EXL2_4.65") == quants.find_mix("EXL2_4.65"));  // made once
  CHECK(quants.find_mix("EXL2_4.65")->name == "EXL2 (ExLlamaV2), 4.65 bits per weight");
  // Outside the range, more than two decimals, or not a number: no such format.
  for (const char* bad : {"EXL2_9", "EXL2_1.5", "EXL2_4.655", "EXL2_4.", "EXL2_.5", "EXL2_x", "EXL2_", "Q4_K_M_4", "EXL2_4.6.5"})
    CHECK(quants.find_mix(bad) == nullptr);
  CHECK_THROWS_WITH(test::estimate_for(R"({"model": "llama-3.1-8b", "quant": "EXL2_12"})"),
                    Catch::Contains("EXL2_<bits> for 2 to 8 bits per weight"));
}
