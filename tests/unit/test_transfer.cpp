// Transfers on a split token path (transfer.h): which hops a plan has, over which link, and
// that each costs latency + bytes / bandwidth, added to decode and prompt processing.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace headroom;

namespace {

const TokenTransfer* find(const Estimate& e, const std::string& what) {
  for (const auto& t : e.working.transfers)
    if (t.what == what) return &t;
  return nullptr;
}

double time_sum(const Estimate& e, bool decode) {
  double s = 0;
  for (const auto& d : e.working.speed) s += decode ? d.decode_s : d.prefill_s;
  for (const auto& t : e.working.transfers) s += decode ? t.decode_s : t.prefill_s;
  return s;
}

}  // namespace

TEST_CASE("one GPU hands nothing over, two in a layer split hand the hidden state over once per token") {
  const Estimate one = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q4_K_M","context":4096,
    "hardware":["rtx-4090"],"offload":"gpu_only"})");
  CHECK(one.working.transfers.empty());
  const Estimate two = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":4096,
    "hardware":[{"id":"rtx-4090","count":2}],"offload":"gpu_only"})");
  const TokenTransfer* t = find(two, "layer split");
  REQUIRE(t != nullptr);
  CHECK(t->link == "PCIe 4.0 x16");  // GeForce cards talk through the host
  CHECK(t->hops == 1);
  CHECK(t->bytes_per_hop == 8192 * 4);  // Llama 3.1 70B's hidden state in f32
  CHECK(t->decode_s == Approx(15e-6 + 8192.0 * 4 / 25e9));
  CHECK(t->prefill_s == Approx(8192.0 * 4 / 25e9 + 15e-6 / 512));
  CHECK(1.0 / time_sum(two, true) == Approx(two.decode_tokens_per_s));
  CHECK(1.0 / time_sum(two, false) == Approx(two.prefill_tokens_per_s));
}

TEST_CASE("a partial offload crosses to the GPU and back to the host's output head, prompts run on the GPU") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":4096,
    "hardware":["rtx-4090","ryzen-9-7950x-ddr5-5600-64gb"],"offload":{"mode":"layers","gpu_layers":40}})");
  const TokenTransfer* t = find(e, "layer split");
  REQUIRE(t != nullptr);
  CHECK(t->hops == 2);
  CHECK(t->prefill_s == 0);  // a 512-token ubatch runs the host's blocks on the GPU
  CHECK(1.0 / time_sum(e, true) == Approx(e.decode_tokens_per_s));
}

TEST_CASE("experts kept in host RAM send each token's hidden state to the CPU and back in their layers") {
  const Estimate e = test::estimate_for(R"({"model":"gpt-oss-120b","quant":"MXFP4_MOE","context":4096,
    "hardware":["rtx-3090","ddr4-3200-2ch-64gb"],"offload":{"mode":"experts_to_cpu","cpu_moe_layers":26}})");
  CHECK(find(e, "layer split") == nullptr);  // every block and the output head on the GPU
  const TokenTransfer* t = find(e, "experts in host RAM");
  REQUIRE(t != nullptr);
  CHECK(t->hops == 52);
  CHECK(t->prefill_s == 0);
}

TEST_CASE("vLLM's tensor parallelism all-reduces twice per layer over NVLink on SXM GPUs, PCIe otherwise") {
  const Estimate sxm = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"BF16","context":8192,"engine":"vllm",
    "hardware":[{"id":"h100-sxm-80gb","count":4}]})");
  const TokenTransfer* t = find(sxm, "tensor-parallel all-reduce");
  REQUIRE(t != nullptr);
  CHECK(t->link == "NVLink 4 (H100/H200 SXM)");
  CHECK(t->hops == 160);
  CHECK(t->bytes_per_hop == 8192 * 2 * 2 * 3 / 4);
  CHECK(1.0 / time_sum(sxm, true) == Approx(sxm.decode_tokens_per_s));
  const Estimate pcie = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"BF16","context":8192,"engine":"vllm",
    "hardware":[{"id":"h100-pcie-80gb","count":4}]})");
  REQUIRE(find(pcie, "tensor-parallel all-reduce") != nullptr);
  CHECK(find(pcie, "tensor-parallel all-reduce")->link == "PCIe 5.0 x16");
  CHECK(find(pcie, "tensor-parallel all-reduce")->decode_s > t->decode_s);
  const Estimate single = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"BF16","context":8192,"engine":"vllm",
    "hardware":["h100-sxm-80gb"]})");
  CHECK(single.working.transfers.empty());
}
