// Prompt processing with weights in host RAM: llama.cpp runs their matmuls on the first GPU,
// copying the weights over its host link once per ubatch (speed.h, engines.json op_offload).
// Checked from the estimate's own working, not from copied figures.
#include <catch2/catch.hpp>

#include "errors.h"
#include "speed.h"
#include "test_support.h"

using namespace headroom;

namespace {

const DeviceSpeed& host(const Estimate& e) {
  REQUIRE(e.working.speed.size() == 2);
  return e.working.speed[1];  // placement order: the GPU, then the host
}

}  // namespace

TEST_CASE("a ubatch's host-RAM experts are copied to the GPU and multiplied there") {
  const Estimate e = test::estimate_for(R"({"model":"gpt-oss-120b","quant":"MXFP4_MOE","context":4096,"prompt_tokens":4096,"n_ubatch":512,
    "hardware":["rtx-3090","ddr4-3200-2ch-64gb"],"offload":{"mode":"experts_to_cpu","cpu_moe_layers":26}})");
  const DeviceSpeed& cpu = host(e);
  const HardwareSpec& gpu = *test::catalog().find_hardware("rtx-3090");
  CHECK(cpu.offload_to == gpu.name);
  CHECK(cpu.host_link_bytes_per_s == double(gpu.host_link_bytes_per_s));
  CHECK(cpu.ubatch_tokens == 512);
  // The GPU's compute does the host's matmuls; the copy adds its time per token.
  CHECK(cpu.fp16_flops == gpu.fp16_flops);
  CHECK(cpu.copy_s == Approx(double(cpu.copy_bytes) / cpu.host_link_bytes_per_s / 512.0));
  CHECK(cpu.prefill_s == Approx(cpu.flops_per_token / (cpu.fp16_flops * cpu.compute_share) + cpu.copy_s));
  // Copied: the host's weights less the embedding table, of the experts those the ubatch uses.
  const EngineDefaults& engine = *test::catalog().find_engine("llama.cpp");
  const double used = expert_union_fraction(e.working.expert_read_fraction, 512, engine.expert_batch_exponent);
  REQUIRE(used < 1.0);
  CHECK(cpu.copy_bytes < e.devices[1].weights_bytes);
  CHECK(cpu.copy_bytes > std::int64_t(used * 0.9 * double(e.devices[1].weights_bytes)));
  // The whole prompt copies once per ubatch.
  CHECK(cpu.prompt_copy_s == Approx(8.0 * double(cpu.prompt_copy_bytes) / cpu.host_link_bytes_per_s));
  CHECK(e.first_token.seconds == Approx(4096.0 / e.first_token.prefill_tokens_per_s + 1.0 / e.decode_tokens_per_s));
}

TEST_CASE("prompt processing with host weights is far faster on the GPU than on the CPU, decode is unchanged") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":512,
    "hardware":["rtx-4090","ryzen-9-7950x-ddr5-5600-64gb"],"offload":{"mode":"layers","gpu_layers":40}})");
  const DeviceSpeed& cpu = host(e);
  // Dense weights cross in full: everything the host holds but the embedding table (a row lookup).
  const std::int64_t host_weights = e.devices[1].weights_bytes;
  CHECK(cpu.copy_bytes < host_weights);
  CHECK(cpu.copy_bytes > host_weights * 9 / 10);
  CHECK(cpu.fp16_flops == test::catalog().find_hardware("rtx-4090")->fp16_flops);
  // The host's share of the prompt on its own cores would take far longer than copy + GPU.
  const HardwareSpec& ryzen = *test::catalog().find_hardware("ryzen-9-7950x-ddr5-5600-64gb");
  const SpeedCalibration& cpu_calibration = *calibration_for(ryzen, *test::catalog().find_engine("llama.cpp"));
  CHECK(cpu.flops_per_token / (ryzen.fp16_flops * cpu_calibration.prefill_compute) > 5 * cpu.prefill_s);
  // Decode reads the host's weights in place: one token is below the 32-token threshold.
  double decode_s = 0;
  for (const DeviceSpeed& d : e.working.speed) decode_s += d.decode_s;
  for (const TokenTransfer& t : e.working.transfers) decode_s += t.decode_s;
  CHECK(1.0 / decode_s == Approx(e.decode_tokens_per_s));
  CHECK(cpu.decode_s == Approx(double(cpu.read_bytes) / (cpu.bandwidth_bytes_per_s * cpu.bandwidth_share)));
}

TEST_CASE("short prompts, CPU-only machines and unified memory compute where the weights are") {
  // Under 32 tokens the GPU declines the op: the host computes its own part.
  const Estimate short_prompt = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":16,
    "hardware":["rtx-4090","ryzen-9-7950x-ddr5-5600-64gb"],"offload":{"mode":"layers","gpu_layers":40}})");
  CHECK(host(short_prompt).copy_bytes == 0);
  CHECK(host(short_prompt).prompt_copy_s == 0);
  CHECK(host(short_prompt).fp16_flops == test::catalog().find_hardware("ryzen-9-7950x-ddr5-5600-64gb")->fp16_flops);
  const Estimate cpu_only = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q4_K_M","context":512,
    "hardware":["ryzen-9-7950x-ddr5-5600-64gb"]})");
  REQUIRE(cpu_only.working.speed.size() == 1);
  CHECK(cpu_only.working.speed[0].offload_to.empty());
  CHECK(cpu_only.working.speed[0].copy_s == 0);
  const Estimate mac = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q4_K_M","context":512,
    "hardware":["apple-m4-max-128gb"]})");
  for (const DeviceSpeed& d : mac.working.speed) CHECK(d.copy_bytes == 0);
}

TEST_CASE("a host link is a GPU's: the catalog refuses one on a CPU and names unknown links") {
  CHECK_THROWS_AS(test::estimate_for(R"({"model":"llama-3.1-8b","hardware":[{"name":"x","kind":"cpu",
    "memory_bytes":1000000000,"bandwidth_bytes_per_s":1000000000,"fp16_flops":1e12,"host_link_bytes_per_s":1000}]})"),
                  InputError);
  for (const HardwareSpec& h : test::catalog().hardware)
    if (h.kind == DeviceKind::gpu) CHECK(h.host_link_bytes_per_s > 0);
}
