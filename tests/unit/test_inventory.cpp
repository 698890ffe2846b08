// Tensor inventory and parameter counts against the publishers' figures.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "test_support.h"
#include "tensor_inventory.h"

using namespace headroom;

TEST_CASE("Llama-3.1-8B has exactly 8,030,261,248 parameters") {
  // Source: meta-llama/Llama-3.1-8B config.json (shapes) and model.safetensors.index.json
  // (total_size 16,060,522,496 bytes of BF16 = 8,030,261,248 parameters). Tolerance: exact.
  const ModelSpec* m = test::catalog().find_model("llama-3.1-8b");
  REQUIRE(m != nullptr);
  const auto inventory = build_inventory(*m);
  CHECK(count_parameters(inventory, *m).total == 8'030'261'248);
  // 1 embedding + 32 blocks x 9 tensors + output_norm + output
  CHECK(inventory.size() == 1 + 32 * 9 + 2);
}

TEST_CASE("every catalog model's derived parameter count is within 0.5% of the published one") {
  // A figure published to a few significant digits ("1.6T") can only be checked to half a unit
  // of its last digit: the tolerance is the larger of 0.5% and that.
  for (const auto& m : test::catalog().models) {
    INFO(m.id << " (published: " << m.published_parameters_source << ")");
    REQUIRE(m.published_parameters > 0);
    double tolerance = 0.005;
    if (m.published_parameters_digits > 0) {
      const double unit = std::pow(10.0, std::floor(std::log10(double(m.published_parameters))) -
                                             double(m.published_parameters_digits - 1));
      tolerance = std::max(tolerance, 0.5 * unit / double(m.published_parameters));
    }
    // A checkpoint's total (GLM-4.5: "110.47 B" in llama.cpp) counts its MTP layers; model cards do not.
    const auto n = count_parameters(build_inventory(m, m.published_parameters_include_mtp), m).total;
    CHECK(test::rel_error(double(n), double(m.published_parameters)) <= tolerance);
  }
}

TEST_CASE("tied embeddings have no separate output tensor") {
  const ModelSpec* m = test::catalog().find_model("llama-3.2-1b");
  REQUIRE(m != nullptr);
  for (const auto& t : build_inventory(*m)) CHECK(t.cls != TensorClass::output_head);
}

TEST_CASE("tensor names follow GGUF") {
  const ModelSpec* m = test::catalog().find_model("qwen2.5-7b");
  REQUIRE(m != nullptr);
  const auto inv = build_inventory(*m);
  CHECK(inv.front().name == "token_embd.weight");
  CHECK(inv[2].name == "blk.0.attn_q.weight");
  bool has_bias = false;
  for (const auto& t : inv) has_bias = has_bias || t.name == "blk.0.attn_k.bias";
  CHECK(has_bias);  // Qwen2 carries q/k/v biases
}

TEST_CASE("MoE models count every expert in the total and the routed few in the active") {
  // Mixtral 8x7B: 46.7B total (model page), "12.9B active parameters" (Mistral AI, 'Mixtral of
  // experts' announcement). Qwen3-30B-A3B: 30.5B total, 3.3B activated (model card). Totals are
  // exact against the safetensors counts; the active figures are published to two or three
  // significant digits, so the tolerance is 2%.
  const ModelSpec& mixtral = *test::catalog().find_model("mixtral-8x7b");
  const auto mx = count_parameters(build_inventory(mixtral), mixtral);
  CHECK(mx.total == 46'702'792'704);
  CHECK(test::rel_error(double(mx.active), 12.9e9) < 0.02);
  const ModelSpec& qwen = *test::catalog().find_model("qwen3-30b-a3b");
  const auto qw = count_parameters(build_inventory(qwen), qwen);
  CHECK(qw.total == 30'532'122'624);
  CHECK(test::rel_error(double(qw.active), 3.3e9) < 0.02);
}
