// Weights, KV cache and compute buffers against llama.cpp's own printed sizes and published
// GGUF file sizes. Each case names its source and tolerance.
#include <catch2/catch.hpp>

#include "compute_buffer.h"
#include "kv_cache.h"
#include "test_support.h"

using namespace headroom;

namespace {

const ModelSpec& llama31_8b() { return *test::catalog().find_model("llama-3.1-8b"); }
const GgmlType& type(const char* id) { return *test::catalog().quants.find_type(id); }
constexpr double kMiBd = double(kMiB);

}  // namespace

TEST_CASE("Llama-3.1-8B f16 KV cache at 8192 tokens is exactly 1 GiB") {
  // 32 layers x 8 KV heads x 128 head dim x 2 (K and V) x 2 bytes x 8192 tokens. Tolerance: exact.
  const KvCache kv = kv_cache(llama31_8b(), type("F16"), type("F16"), 8192, 1, 256);
  CHECK(kv.bytes == 32LL * 8 * 128 * 2 * 2 * 8192);
  CHECK(kv.bytes == kGiB);
}

TEST_CASE("quantized KV cache uses ggml block sizes") {
  // A K or V row of 1024 elements is 32 blocks: q8_0 34 bytes each, q4_0 18 bytes each.
  const auto q8 = kv_cache(llama31_8b(), type("Q8_0"), type("Q8_0"), 8192, 1, 256);
  CHECK(q8.bytes == 32LL * 8192 * 2 * (1024 / 32 * 34));
  const auto q4 = kv_cache(llama31_8b(), type("Q4_0"), type("Q4_0"), 8192, 1, 256);
  CHECK(q4.bytes == 32LL * 8192 * 2 * (1024 / 32 * 18));
  const auto mixed = kv_cache(llama31_8b(), type("Q8_0"), type("F16"), 8192, 1, 256);
  CHECK(mixed.bytes == 32LL * 8192 * (1024 / 32 * 34 + 1024 * 2));
}

TEST_CASE("KV cache matches llama.cpp's printed KV buffer sizes for Llama-3/3.1-8B") {
  // llama.cpp logs (llama_kv_cache_init "KV self size"), f16 K and V; tolerance: exact to the
  // printed 0.01 MiB. n_ctx 512 (llama-cpp-python on CUDA): 64.00 MiB; n_ctx 8192 (Ollama 0.5.4
  // runner, RTX 4090, 4 parallel sequences of 2048): 1024.00 MiB; n_ctx 131072 (CPU, model
  // default context): 16384.00 MiB.
  CHECK(kv_cache(llama31_8b(), type("F16"), type("F16"), 512, 1, 256).bytes == 64 * kMiB);
  CHECK(kv_cache(llama31_8b(), type("F16"), type("F16"), 2048, 4, 256).bytes == 1024 * kMiB);
  CHECK(kv_cache(llama31_8b(), type("F16"), type("F16"), 131072, 1, 256).bytes == 16384 * kMiB);
}

TEST_CASE("the cache holds n_ctx rounded up to 256 cells") {
  // llama.cpp src/llama-context.cpp: cparams.n_ctx = GGML_PAD(cparams.n_ctx, 256) (PR #17046).
  CHECK(kv_cache(llama31_8b(), type("F16"), type("F16"), 35000, 1, 256).cells == 35072);
  CHECK(kv_cache(llama31_8b(), type("F16"), type("F16"), 1, 1, 256).cells == 256);
}

TEST_CASE("compute buffer matches llama.cpp's printed sizes without flash attention") {
  // Same logs as above, flash_attn = 0, n_ubatch 512. Tolerance 0.1%.
  //   n_ctx 512:    "CUDA0 compute buffer size = 258.50 MiB"
  //   n_ctx 8192:   "CUDA0 compute buffer size = 560.00 MiB"
  //   n_ctx 131072: "CPU compute buffer size = 8480.01 MiB" (Metal prints 8480.00 MiB)
  CHECK(test::rel_error(double(compute_buffer(llama31_8b(), 512, 512, false).output_bytes), 258.50 * kMiBd) < 0.001);
  CHECK(test::rel_error(double(compute_buffer(llama31_8b(), 8192, 512, false).output_bytes), 560.00 * kMiBd) < 0.001);
  CHECK(test::rel_error(double(compute_buffer(llama31_8b(), 131072, 512, false).output_bytes), 8480.01 * kMiBd) <
        0.001);
}

TEST_CASE("Q4_K_M weights match llama.cpp's printed model buffers for Llama-3.1-8B") {
  // Ollama 0.5.4 runner log, Meta Llama 3.1 8B Instruct Q4_K_M (193 q4_K + 33 q6_K + 66 f32 tensors):
  // "CPU model buffer size = 281.81 MiB" (token_embd) + "CUDA0 model buffer size = 4403.49 MiB".
  // Tolerance: 0.02 MiB (print rounding; the 3.1 file's 256-byte rope_freqs tensor is not a weight).
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q4_K_M"})");
  CHECK(std::abs(double(e.weights_bytes) / kMiBd - (281.81 + 4403.49)) < 0.02);
}

TEST_CASE("weights are within 1.5% of published GGUF file sizes for Llama-3.1-8B") {
  // second-state/Meta-Llama-3.1-8B-GGUF model card (llama.cpp b3613), sizes in GB (10^9) as shown.
  // A GGUF file also holds ~5-8 MB of metadata (the tokenizer), well inside the tolerance.
  struct Case {
    const char* quant;
    double gb;
  };
  for (const Case c : {Case{"Q4_0", 4.66}, Case{"Q4_K_M", 4.92}, Case{"Q5_K_M", 5.73}, Case{"Q6_K", 6.6},
                       Case{"Q8_0", 8.54}, Case{"F16", 16.1}}) {
    INFO(c.quant);
    const Estimate e = test::estimate_for(std::string(R"({"model":"llama-3.1-8b","quant":")") + c.quant + "\"}");
    CHECK(test::rel_error(double(e.weights_bytes), c.gb * 1e9) < 0.015);
  }
}

TEST_CASE("BF16 weights match the official safetensors size of Llama-3.1-8B") {
  // model.safetensors.index.json total_size = 16,060,522,496 bytes; GGUF keeps norms in F32
  // (65 vectors of 4096 -> +532,480 bytes). Tolerance: 0.01%.
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16"})");
  CHECK(test::rel_error(double(e.weights_bytes), 16'060'522'496.0) < 0.0001);
}
