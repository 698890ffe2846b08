// Reverse questions: each answer is checked against the estimate it stands for (it fits, and
// one step further does not), and the seed pages' headline figures are reproduced.
#include <catch2/catch.hpp>

#include "fit.h"
#include "tables.h"
#include "test_support.h"

using namespace headroom;

namespace {

Scenario scenario(const char* json) { return scenario_from_json(json); }

bool fits(Scenario sc) { return estimate(sc, test::catalog()).fits; }

}  // namespace

TEST_CASE("GPUs needed is the smallest count that fits") {
  Scenario sc = scenario(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":8192})");
  const auto n = gpus_needed(sc, test::catalog(), "rtx-4090");
  REQUIRE(n.has_value());
  sc.offload.mode = OffloadMode::gpu_only;
  sc.hardware = {HardwareRef{"rtx-4090", std::nullopt, *n}};
  CHECK(fits(sc));
  sc.hardware[0].count = *n - 1;
  CHECK_FALSE(fits(sc));
}

TEST_CASE("DeepSeek-V4-Pro at Q4_K_M needs 13 H100 80GB or 8 H200 at 8K tokens") {
  // The seed pages' "~13 H100 or ~8 H200 to keep all experts resident", now derived: 951 GB of
  // weights, 0.13 GB of KV cache, 0.3 GB CUDA context per GPU, split by llama.cpp's layer split.
  const Scenario sc = scenario(R"({"model":"deepseek-v4-pro","quant":"Q4_K_M","context":8192})");
  CHECK(gpus_needed(sc, test::catalog(), "h100-sxm-80gb") == 13);
}

TEST_CASE("the longest context fits and 256 more tokens do not") {
  Scenario sc = scenario(R"({"model":"llama-3.1-8b","quant":"F16","hardware":[{"id":"rtx-4090"}],
    "offload":{"mode":"gpu_only"}})");
  const auto ctx = max_context(sc, test::catalog());
  REQUIRE(ctx.has_value());
  CHECK(*ctx < 131072);  // 16 GB of F16 weights leave room for part of the trained context
  CHECK(*ctx % 256 == 0);
  sc.context = *ctx;
  CHECK(fits(sc));
  sc.context = *ctx + 256;
  CHECK_FALSE(fits(sc));
}

TEST_CASE("the best format fits and the next larger one does not") {
  Scenario sc = scenario(R"({"model":"llama-3.1-70b","context":8192,"hardware":[{"id":"rtx-4090","count":2}],
    "offload":{"mode":"gpu_only"}})");
  const auto q = best_quant(sc, test::catalog());
  REQUIRE(q.has_value());
  const auto order = gguf_quants_by_size(resolve_model(sc, test::catalog()), test::catalog());
  const auto at = std::find(order.begin(), order.end(), *q);
  REQUIRE(at != order.end());
  sc.quant = *q;
  CHECK(fits(sc));
  if (at != order.begin()) {
    sc.quant = *(at - 1);
    CHECK_FALSE(fits(sc));
  }
}

TEST_CASE("the smallest RAM kit holds the model and the next smaller one does not") {
  const Scenario sc = scenario(R"({"model":"deepseek-v4-pro","quant":"Q4_K_M","context":8192})");
  const auto kit = smallest_ram_kit_gb(sc, test::catalog());
  REQUIRE(kit.has_value());
  // 951 GB of weights: a 1024 GB kit (1024 GiB of DRAM), not 768.
  CHECK(*kit == 1024);
}

TEST_CASE("what runs lists fitting models, fastest first") {
  const Scenario machine = scenario(R"({"model":"llama-3.1-8b","context":8192,"hardware":[{"id":"rtx-4090"}],
    "offload":{"mode":"gpu_only"}})");
  const auto list = what_runs(machine, test::catalog());
  REQUIRE(list.size() >= 5);
  for (std::size_t i = 0; i < list.size(); ++i) {
    CHECK(list[i].estimate.fits);
    if (i > 0) CHECK(list[i - 1].estimate.decode_tokens_per_s >= list[i].estimate.decode_tokens_per_s);
  }
}

TEST_CASE("automatic placement moves MoE experts to the CPU before whole blocks") {
  // Qwen3-30B-A3B in BF16 (61 GB) on a 24 GiB GPU with 64 GiB of RAM: llama.cpp's --fit keeps
  // every block on the GPU and sends the first blocks' experts to the CPU (--n-cpu-moe).
  const Estimate e = test::estimate_for(R"({"model":"qwen3-30b-a3b","quant":"BF16","context":16384,
    "hardware":["rtx-4090","ryzen-9-7950x-ddr5-5600-64gb"]})");
  CHECK(e.fits);
  CHECK(e.plan.gpu_layers == e.plan.total_layers);
  CHECK(e.plan.cpu_moe_layers > 0);
  CHECK(e.plan.cpu_moe_layers < e.plan.total_layers);
  // It leaves llama.cpp's 1 GiB margin free on the GPU.
  CHECK(e.devices[0].capacity_bytes - e.devices[0].used_bytes >= kGiB);
  CHECK(e.commands.llama_cpp.find("--n-cpu-moe " + std::to_string(e.plan.cpu_moe_layers)) != std::string::npos);
}

TEST_CASE("the memory table grows with context and format, and 'safer' adds llama.cpp's margin") {
  const Scenario sc = scenario(R"({"model":"llama-3.1-8b"})");
  const auto rows = memory_table(sc, test::catalog());
  REQUIRE(rows.size() >= 5);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    INFO(rows[r].quant);
    for (std::size_t c = 0; c < rows[r].cells.size(); ++c) {
      CHECK(rows[r].cells[c].safer_bytes - rows[r].cells[c].minimum_bytes == kGiB);
      if (c > 0) CHECK(rows[r].cells[c].minimum_bytes > rows[r].cells[c - 1].minimum_bytes);
    }
    if (r > 0) CHECK(rows[r].weights_bytes > rows[r - 1].weights_bytes);
  }
}

TEST_CASE("GPU tiers agree with gpus_needed, and the speed table names its settings") {
  const Scenario sc = scenario(R"({"model":"deepseek-v4-pro","quant":"Q4_K_M","context":8192})");
  for (const auto& t : gpu_tiers(sc, test::catalog(), {"h100-sxm-80gb", "h200-sxm-141gb"}))
    CHECK(t.count == gpus_needed(sc, test::catalog(), t.hardware_id));
  for (const auto& r : speed_table(sc, test::catalog())) {
    CHECK(r.decode_tokens_per_s > 0);
    CHECK(r.llama_cpp.rfind("llama-server", 0) == 0);
  }
}

TEST_CASE("active-only expert offload keeps all but the routed experts resident") {
  const Catalog& cat = test::catalog();
  const Scenario sc = scenario(R"({"model":"deepseek-v4-pro","quant":"Q4_K_M","context":8192})");
  const auto s = expert_streaming(sc, cat);
  REQUIRE(s.has_value());
  // The routed experts, summed tensor by tensor from the inventory, independently of the cache.
  const ModelSpec& m = *cat.find_model("deepseek-v4-pro");
  const auto inventory = build_inventory(m);
  const auto types = cat.quants.assign_types(*cat.quants.find_mix("Q4_K_M"), inventory, m);
  std::int64_t experts = 0;
  for (std::size_t k = 0; k < inventory.size(); ++k)
    if (inventory[k].routed_expert()) experts += tensor_bytes(*types[k], inventory[k].row, inventory[k].rows);
  CHECK(s->expert_bytes == experts);
  Scenario whole = sc;
  whole.hardware.clear();
  CHECK(s->resident_bytes + s->expert_bytes == estimate(whole, cat).total_bytes);
  const double share = double(m.num_experts_per_tok) / double(m.num_experts);
  CHECK(double(s->active_expert_bytes) == Approx(double(experts) * share).epsilon(1e-9));
  CHECK(s->resident_with_active_bytes == s->resident_bytes + s->active_expert_bytes);
  // Most of a 1.6T MoE is experts: what stays resident is a small fraction of the whole.
  CHECK(s->resident_bytes < s->expert_bytes / 10);
}

TEST_CASE("a dense model has no active-only expert offload") {
  CHECK_FALSE(expert_streaming(scenario(R"({"model":"llama-3.1-8b"})"), test::catalog()).has_value());
}
