// Attention FLOPs per token by layer kind (attention_cost.h): each rule checked from the
// model's own config numbers, so a layer kind counted as full attention shows up here.
#include <catch2/catch.hpp>

#include "attention_cost.h"
#include "test_support.h"

using namespace headroom;

namespace {
const ModelSpec& model(const char* id) { return *test::catalog().find_model(id); }

AttentionKernels kernels_of(const char* engine) { return test::catalog().find_engine(engine)->attention.value(); }

const LayerSpec* first_layer(const ModelSpec& s, LayerAttention kind, std::int64_t ratio = -1) {
  for (const auto& l : s.layers)
    if (l.attention == kind && (ratio < 0 || l.compress_ratio == ratio)) return &l;
  return nullptr;
}
}  // namespace

TEST_CASE("a full-attention layer attends to every past token: half the prompt on average") {
  const ModelSpec& s = model("llama-3.1-8b");
  const LayerSpec& l = s.layers.front();
  const double per_key = 4.0 * 32 * 128;  // QK^T and AV over 32 heads of 128 dims
  CHECK(attention_flops_at(s, l, 8192, kernels_of("llama.cpp")) == Approx(per_key * 8192));
  CHECK(mean_attention_flops(s, l, 8192, kernels_of("llama.cpp")) == Approx(per_key * 4096));
}

TEST_CASE("a sliding-window layer stops growing at its window, the global layers keep growing") {
  const ModelSpec& s = model("gemma-3-4b");
  const LayerSpec* local = first_layer(s, LayerAttention::sliding);
  const LayerSpec* global = first_layer(s, LayerAttention::full);
  REQUIRE(local != nullptr);
  REQUIRE(global != nullptr);
  const double w = double(s.sliding_window);
  const double per_key = 4.0 * double(s.num_attention_heads * s.head_dim);
  CHECK(attention_flops_at(s, *local, 100000, kernels_of("llama.cpp")) == Approx(per_key * w));
  CHECK(attention_flops_at(s, *local, w / 2, kernels_of("llama.cpp")) == Approx(per_key * w / 2));
  // Over a prompt of n > w tokens: the ramp to w, then w for the rest.
  CHECK(mean_attention_flops(s, *local, 4 * w, kernels_of("llama.cpp")) == Approx(per_key * (w - w / 8)));
  CHECK(mean_attention_flops(s, *global, 4 * w, kernels_of("llama.cpp")) == Approx(per_key * 2 * w));
}

TEST_CASE("linear-attention and state-space layers cost nothing that grows with context") {
  const ModelSpec& next = model("qwen3-next-80b-a3b");
  const LayerSpec* linear = first_layer(next, LayerAttention::linear);
  REQUIRE(linear != nullptr);
  CHECK(attention_flops_at(next, *linear, 262144, kernels_of("llama.cpp")) == 0);
  const ModelSpec& nemotron = model("nemotron-h-56b");
  const LayerSpec* ssm = first_layer(nemotron, LayerAttention::ssm);
  REQUIRE(ssm != nullptr);
  CHECK(mean_attention_flops(nemotron, *ssm, 65536, kernels_of("llama.cpp")) == 0);
}

TEST_CASE("MLA: absorbed, keys of the latent plus rope and values of the latent, or expanded per head") {
  const ModelSpec& s = model("deepseek-v3");
  const LayerSpec& l = s.layers.front();
  const double absorbed = 2.0 * 128 * (512 + 64 + 512);
  const double expanded = 2.0 * 128 * (128 + 64 + 128);
  CHECK(attention_flops_at(s, l, 1000, kernels_of("llama.cpp")) == Approx(absorbed * 1000));
  CHECK(mean_attention_flops(s, l, 1000, kernels_of("llama.cpp")) == Approx(absorbed * 500));
  // vLLM (and mlx-lm) decode in the latent space and expand for a prompt.
  CHECK(attention_flops_at(s, l, 1000, kernels_of("vllm")) == Approx(absorbed * 1000));
  CHECK(mean_attention_flops(s, l, 1000, kernels_of("vllm")) == Approx(expanded * 500));
  const AttentionKernels transformers = kernels_of("transformers");
  CHECK(attention_flops_at(s, l, 1000, transformers) == Approx(expanded * 1000));
}

TEST_CASE("DeepSeek-V4: window plus all ratio-128 entries, at ratio 4 the indexer's top-k or every entry") {
  const ModelSpec& s = model("deepseek-v4-pro");
  REQUIRE(s.index_topk == 1024);
  const LayerSpec* hca = first_layer(s, LayerAttention::compressed, 128);
  const LayerSpec* csa = first_layer(s, LayerAttention::compressed, 4);
  REQUIRE(hca != nullptr);
  REQUIRE(csa != nullptr);
  const double per_key = 4.0 * double(s.num_attention_heads * s.head_dim);
  const double per_indexed = 2.0 * double(s.index_n_heads * s.index_head_dim);
  const double window = double(s.sliding_window);
  const double ctx = 1048576;
  CHECK(attention_flops_at(s, *hca, ctx, kernels_of("vllm")) == Approx(per_key * (window + ctx / 128)));
  // A sparse kernel (vLLM): past 4 x 1024 tokens a fixed 1024 entries; the indexer still scores
  // every compressed entry.
  CHECK(attention_flops_at(s, *csa, ctx, kernels_of("vllm")) == Approx(per_key * (window + 1024) + per_indexed * ctx / 4));
  CHECK(attention_flops_at(s, *csa, 2048, kernels_of("vllm")) == Approx(per_key * (window + 512) + per_indexed * 512));
  // A mask over every entry (llama.cpp): all of them are multiplied.
  CHECK(attention_flops_at(s, *csa, ctx, kernels_of("llama.cpp")) == Approx(per_key * (window + ctx / 4) + per_indexed * ctx / 4));
  // The engines say which they are.
  CHECK_FALSE(kernels_of("llama.cpp").sparse_topk_only);
  CHECK(kernels_of("vllm").sparse_topk_only);
  // Ollama runs llama.cpp's kernels.
  CHECK_FALSE(test::catalog().find_engine("ollama")->attention->sparse_topk_only);
}

TEST_CASE("prefill at long context counts each layer's reach, not full attention everywhere") {
  // Qwen3-Next: 12 of 48 layers attend; at 256K tokens the other 36 add no attention FLOPs.
  const Estimate e = test::estimate_for(R"({"model":"qwen3-next-80b-a3b","quant":"Q4_K_M","context":262144,
    "hardware":[{"id":"h100-sxm-80gb","count":1}]})");
  REQUIRE(!e.working.speed.empty());
  const ModelSpec& s = model("qwen3-next-80b-a3b");
  std::int64_t full = 0;
  for (const auto& l : s.layers) full += l.attention == LayerAttention::full;
  double attention = 0;
  for (const auto& d : e.working.speed) attention += d.attention_flops_per_token;
  CHECK(attention == Approx(double(full) * 4.0 * double(s.num_attention_heads * s.head_dim) * 262144 / 2));
}

TEST_CASE("engines.json's attention block is validated on load, naming the field") {
  using Catch::Matchers::Contains;
  const std::string head = R"({"schema":"headroom.engines/1","engines":[{"id":"llama.cpp","n_ubatch":512,"kv_context_padding":256,
    "gpu_runtime_overhead_bytes":0,"cpu_runtime_overhead_bytes":0,"source":"s","attention":)";
  CHECK_THAT(test::engines_load_error(head + R"({"mla":"folded","source":"s"}}]})"),
             Contains("engines[0] (llama.cpp).attention.mla: must be \"absorbed\", \"absorbed_decode\" or \"expanded\""));
  CHECK_THAT(test::engines_load_error(head + R"({"mla":"absorbed","sparse_topk_only":"yes","source":"s"}}]})"),
             Contains("engines[0] (llama.cpp).attention.sparse_topk_only: must be true or false"));
  CHECK_THAT(test::engines_load_error(head + R"({"mla":"absorbed","source":""}}]})"),
             Contains("engines[0] (llama.cpp).attention.source"));
  CHECK_THAT(test::engines_load_error(head + R"({"mla":"absorbed","source":"s","speed":1}}]})"),
             Contains("engines[0] (llama.cpp).attention.speed: unknown key"));
}

TEST_CASE("Llama 4's chunked layers attend within their chunk: half a chunk on average past the first") {
  const ModelSpec& s = model("llama-4-scout");
  REQUIRE(s.chunked_window);
  const LayerSpec* chunked = first_layer(s, LayerAttention::sliding);
  REQUIRE(chunked != nullptr);
  const double c = double(s.sliding_window);
  const double per_key = 4.0 * double(s.num_attention_heads * s.head_dim);
  CHECK(mean_attention_flops(s, *chunked, c, kernels_of("llama.cpp")) == Approx(per_key * c / 2));
  CHECK(mean_attention_flops(s, *chunked, 4 * c, kernels_of("llama.cpp")) == Approx(per_key * c / 2));
  CHECK(mean_attention_flops(s, *chunked, 1.5 * c, kernels_of("llama.cpp")) == Approx(per_key * (c * c / 2 + c * c / 8) / (1.5 * c)));
  CHECK(attention_flops_at(s, *chunked, 10 * c, kernels_of("llama.cpp")) == Approx(per_key * c / 2));
}
