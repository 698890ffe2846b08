// Tensor inventory and parameter counts against the publishers' figures.
#include <catch2/catch.hpp>

#include "test_support.h"
#include "tensor_inventory.h"

using namespace headroom;

TEST_CASE("Llama-3.1-8B has exactly 8,030,261,248 parameters") {
  // Source: meta-llama/Llama-3.1-8B config.json (shapes) and model.safetensors.index.json
  // (total_size 16,060,522,496 bytes of BF16 = 8,030,261,248 parameters). Tolerance: exact.
  const ModelSpec* m = test::catalog().find_model("llama-3.1-8b");
  REQUIRE(m != nullptr);
  const auto inventory = build_inventory(*m);
  CHECK(count_parameters(inventory).total == 8'030'261'248);
  // 1 embedding + 32 blocks x 9 tensors + output_norm + output
  CHECK(inventory.size() == 1 + 32 * 9 + 2);
}

TEST_CASE("every catalog model's derived parameter count is within 0.5% of the published one") {
  for (const auto& m : test::catalog().models) {
    INFO(m.id << " (published: " << m.published_parameters_source << ")");
    REQUIRE(m.published_parameters > 0);
    const auto n = count_parameters(build_inventory(m)).total;
    CHECK(test::rel_error(double(n), double(m.published_parameters)) < 0.005);
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
