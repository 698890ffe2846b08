// The whole estimate: totals add up, placement follows llama.cpp's layout, speed follows the
// roofline it states. Figures are derived in the test from the catalog facts, not copied.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

#include "speed.h"
#include "test_support.h"
#include "units.h"

using namespace headroom;

TEST_CASE("the total is the sum of its parts, on every device too") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q8_0","context":8192,
    "hardware":[{"id":"rtx-4090"}]})");
  CHECK(e.total_bytes == e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes + e.overhead_bytes);
  std::int64_t placed = 0;
  for (const auto& d : e.devices) {
    CHECK(d.used_bytes == d.weights_bytes + d.kv_cache_bytes + d.compute_buffer_bytes + d.overhead_bytes);
    placed += d.used_bytes;
  }
  // llama.cpp keeps the token embedding table in host RAM: the only bytes not on the GPU.
  const ModelSpec& m = *test::catalog().find_model("llama-3.1-8b");
  const std::int64_t embedding_q8 = m.vocab_size * m.hidden_size / 32 * 34;
  CHECK(e.total_bytes - placed == embedding_q8);
  REQUIRE(e.devices.size() == 1);
  CHECK(e.devices[0].layers == 32);
  CHECK(e.fits);
}

TEST_CASE("a 70B model at Q4_K_M does not fit one 24 GiB GPU but fits two with room") {
  const Estimate one = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":8192,
    "hardware":[{"id":"rtx-4090"}]})");
  CHECK_FALSE(one.fits);
  const Estimate three = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":8192,
    "hardware":[{"id":"rtx-4090","count":3}]})");
  CHECK(three.fits);
  REQUIRE(three.devices.size() == 3);
  std::int64_t layers = 0;
  for (const auto& d : three.devices) layers += d.layers;
  CHECK(layers == 80);
  // Equal GPUs share the blocks evenly (llama.cpp's split by memory): 26 or 27 each.
  for (const auto& d : three.devices) CHECK((d.layers == 26 || d.layers == 27));
}

TEST_CASE("auto offload keeps as many blocks on the GPU as fit and the rest on the CPU") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":8192,
    "hardware":[{"id":"rtx-4090"},{"id":"ryzen-9-7950x-ddr5-5600-64gb"}]})");
  REQUIRE(e.devices.size() == 2);
  const auto& gpu = e.devices[0];
  const auto& cpu = e.devices[1];
  CHECK(gpu.fits);
  CHECK(gpu.layers > 0);
  CHECK(gpu.layers < 80);
  CHECK(gpu.layers + cpu.layers == 80);
  CHECK(cpu.fits);
  CHECK(e.fits);
  // One more block would not have left llama.cpp's 1 GiB margin free on the GPU.
  const Estimate more = test::estimate_for(R"({"model":"llama-3.1-70b","quant":"Q4_K_M","context":8192,
    "hardware":[{"id":"rtx-4090"},{"id":"ryzen-9-7950x-ddr5-5600-64gb"}],
    "offload":{"mode":"layers","gpu_layers":)" + std::to_string(gpu.layers + 1) + "}}");
  CHECK(more.devices[0].used_bytes + kGiB > more.devices[0].capacity_bytes);
}

TEST_CASE("decode time is the bytes a token reads over calibrated bandwidth, plus a per-layer cost") {
  const Estimate e = test::estimate_for(R"({"model":"llama-3.1-8b","quant":"Q4_K_M","context":4096,
    "hardware":[{"id":"rtx-4090"}]})");
  const ModelSpec& m = *test::catalog().find_model("llama-3.1-8b");
  const std::int64_t embedding_q4k = m.vocab_size * m.hidden_size / 256 * 144;  // looked up, not read whole
  const double read = double(e.weights_bytes - embedding_q4k + e.kv_cache_bytes);
  const SpeedCalibration* c = calibration_for(*test::catalog().find_hardware("rtx-4090"),
                                              *test::catalog().find_engine("llama.cpp"));
  REQUIRE(c != nullptr);
  CHECK(1.0 / e.decode_tokens_per_s == Approx(read / (1008e9 * c->decode_bandwidth) + 32 * c->layer_overhead_s).epsilon(1e-9));
  CHECK(e.prefill_tokens_per_s > e.decode_tokens_per_s);
}

TEST_CASE("estimates stay finite and non-negative at the extremes") {
  for (const char* text : {R"({"model":"llama-3.2-1b","context":1,"hardware":[{"id":"rtx-4090"}]})",
                           R"({"model":"llama-3.1-70b","context":1000000000,"sequences":65536})",
                           R"({"model":"llama-3.1-8b","quant":"F32","hardware":[{"id":"rtx-4090","count":4096}]})"}) {
    INFO(text);
    const std::string out = estimate_json(text, test::catalog());
    // Either a clear error or finite numbers: never NaN, never a negative byte count.
    if (out.find("\"error\"") == std::string::npos) {
      const Estimate e = test::estimate_for(text);
      CHECK(e.total_bytes > 0);
      CHECK(std::isfinite(e.decode_tokens_per_s));
      CHECK(e.decode_tokens_per_s >= 0);
    } else {
      CHECK(out.find("overflow") != std::string::npos);
    }
  }
}

TEST_CASE("a MoE token reads only its routed experts") {
  // Qwen3-30B-A3B routes 8 of 128 experts: decode reads the non-expert weights, 8/128 of the
  // expert weights and the KV cache, so it runs far faster than its size suggests.
  const Estimate e = test::estimate_for(R"({"model":"qwen3-30b-a3b","quant":"Q8_0","context":4096,
    "hardware":[{"id":"h100-sxm-80gb"}]})");
  REQUIRE(e.fits);
  // Reading every expert would take weights / calibrated bandwidth plus the per-layer cost.
  const SpeedCalibration* c = calibration_for(*test::catalog().find_hardware("h100-sxm-80gb"),
                                              *test::catalog().find_engine("llama.cpp"));
  REQUIRE(c != nullptr);
  const double all_weights_time = double(e.weights_bytes) / (3.35e12 * c->decode_bandwidth) + 48 * c->layer_overhead_s;
  CHECK(e.decode_tokens_per_s * all_weights_time > 2.5);  // over 2.5x faster than reading every expert
  CHECK(e.parameters.active < e.parameters.total / 5);
}

TEST_CASE("the MoE router stays in F32 as llama.cpp keeps it") {
  // llama-quant.cpp never quantizes ffn_gate_inp: at Q4_0, 48 routers of 2048 x 128 F32 add
  // 48 x 2048 x 128 x (4 - 18/32) bytes over a naive all-Q4_0 count.
  const ModelSpec& m = *test::catalog().find_model("qwen3-30b-a3b");
  const auto inv = build_inventory(m);
  const StorageType& f32 = *test::catalog().quants.find_type("F32");
  const QuantMix& q4 = *test::catalog().quants.find_mix("Q4_0");
  const auto types = test::catalog().quants.assign_types(q4, inv, m);
  for (std::size_t k = 0; k < inv.size(); ++k)
    if (inv[k].cls == TensorClass::ffn_gate_inp) CHECK(types[k] == &f32);
}

TEST_CASE("byte formatting names its unit at every size") {
  CHECK(format_bytes(4'920'000'000, ByteUnit::gb) == "4.92 GB");
  CHECK(format_bytes(std::int64_t(1) << 30, ByteUnit::gib) == "1.00 GiB");
  CHECK(format_bytes(558'200'000, ByteUnit::gb) == "558.2 MB");
  CHECK(format_bytes(100'000, ByteUnit::gb) == "0.1 MB");
  CHECK(format_bytes(32'256, ByteUnit::gb) == "32.3 kB");
  CHECK(format_bytes(32'768, ByteUnit::gib) == "32.0 KiB");
  CHECK(format_bytes(512, ByteUnit::gb) == "512 B");
}

// format_bytes skips printf's floating-point path where the answer is certain: it must say
// exactly what printf says, at every rounding boundary (ties included) and at random sizes.
TEST_CASE("byte formatting matches printf at rounding boundaries and at random sizes") {
  const auto printf_form = [](std::int64_t bytes, ByteUnit unit) {
    const bool binary = unit == ByteUnit::gib;
    const double big = binary ? double(kGiB) : 1e9, small = binary ? double(kMiB) : 1e6, tiny = binary ? 1024.0 : 1e3;
    const double v = double(bytes);
    char buf[64];
    if (std::fabs(v) >= big) std::snprintf(buf, sizeof buf, "%.2f %s", v / big, binary ? "GiB" : "GB");
    else if (std::fabs(v) >= small / 10) std::snprintf(buf, sizeof buf, "%.1f %s", v / small, binary ? "MiB" : "MB");
    else if (std::fabs(v) >= tiny) std::snprintf(buf, sizeof buf, "%.1f %s", v / tiny, binary ? "KiB" : "kB");
    else std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
    return std::string(buf);
  };
  std::vector<std::int64_t> sizes;
  // Around each rounding boundary (k + 1/2) x step of every unit: the tie and a byte either side.
  for (const std::int64_t step : {std::int64_t(10'000'000), kGiB / 100, std::int64_t(100'000), kMiB / 10,
                                  std::int64_t(100), kKiB / 10}) {
    for (std::int64_t k = 0; k < 3000; k += 7) {
      const std::int64_t tie2 = (2 * k + 1) * step;  // twice the boundary: exact when step is odd
      for (const std::int64_t d : {-2, -1, 0, 1, 2}) sizes.push_back(tie2 / 2 + d);
      sizes.push_back((tie2 + 1) / 2);
    }
  }
  std::mt19937_64 rng(20261123);
  for (int i = 0; i < 20000; ++i) {
    const int bits = int(rng() % 62) + 1;
    sizes.push_back(std::int64_t(rng() >> (64 - bits)));
  }
  sizes.insert(sizes.end(), {0, std::int64_t(1) << 44, (std::int64_t(1) << 44) - 1,
                             std::numeric_limits<std::int64_t>::max(), kGB, kGiB, 99'999, 100'000, 999, 1000});
  int mismatches = 0;
  for (const std::int64_t b : sizes) {
    for (const std::int64_t bytes : {b, -b}) {
      for (const ByteUnit unit : {ByteUnit::gb, ByteUnit::gib}) {
        const std::string want = printf_form(bytes, unit), got = format_bytes(bytes, unit);
        if (got != want && ++mismatches <= 5) FAIL_CHECK(bytes << ": " << got << " != printf's " << want);
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(sizes.size() > 20000);
}

TEST_CASE("Ollama: llama.cpp's layout and speed with Ollama's defaults, and the num_ctx it would pick") {
  // Ollama docs/context-length.mdx: under 24 GiB of VRAM 4k, 24-48 GiB 32k, 48 GiB or more 256k.
  const EngineDefaults& ollama = *test::catalog().find_engine("ollama");
  CHECK(ollama.context_default_for(std::int64_t(12) << 30) == 4096);
  CHECK(ollama.context_default_for(std::int64_t(24) << 30) == 32768);  // an RTX 4090's 24 GiB
  CHECK(ollama.context_default_for(std::int64_t(80) << 30) == 262144);
  CHECK(ollama.speed.size() == test::catalog().find_engine("llama.cpp")->speed.size());  // runs on llama.cpp

  const char* base = R"({"model": "llama-3.1-8b", "context": 8192, "hardware": ["rtx-4090"], "flash_attention": false)";
  const Estimate llama = test::estimate_for(std::string(base) + "}");
  const Estimate o = test::estimate_for(std::string(base) + R"(, "engine": "ollama"})");
  CHECK(o.weights_bytes == llama.weights_bytes);
  CHECK(o.kv_cache_bytes == llama.kv_cache_bytes);
  CHECK(o.compute_buffer_bytes == llama.compute_buffer_bytes);
  CHECK(o.decode_tokens_per_s == Approx(llama.decode_tokens_per_s));
  const auto said = [&](const char* text) {
    return std::any_of(o.warnings.begin(), o.warnings.end(),
                       [&](const std::string& w) { return w.find(text) != std::string::npos; });
  };
  CHECK_FALSE(said("is estimated with llama.cpp's memory layout"));
  CHECK(said("would use num_ctx 32768 on 24.00 GiB of GPU memory"));
  CHECK(o.commands.ollama.find("PARAMETER num_ctx 8192") != std::string::npos);
  // Ollama's own default: flash attention off, so its compute buffer has no FA masks.
  const Estimate plain = test::estimate_for(
      R"({"model": "llama-3.1-8b", "context": 8192, "hardware": ["rtx-4090"], "engine": "ollama"})");
  CHECK(plain.compute_buffer_bytes == llama.compute_buffer_bytes);
}

TEST_CASE("checked_mul: exact inside 64 bits, an error past them, on both sides of its 32-bit fast path") {
  constexpr std::int64_t i32_min = std::numeric_limits<std::int32_t>::min();
  constexpr std::int64_t i32_max = std::numeric_limits<std::int32_t>::max();
  CHECK(checked_mul(i32_min, i32_min, "x") == std::int64_t(1) << 62);  // the fast path's largest product
  CHECK(checked_mul(i32_max, -i32_max, "x") == -(i32_max * i32_max));
  CHECK(checked_mul(std::int64_t(1) << 40, 1000, "x") == (std::int64_t(1) << 40) * 1000);  // one factor past 32 bits
  CHECK(checked_mul(-(std::int64_t(1) << 62), 2, "x") == std::numeric_limits<std::int64_t>::min());
  CHECK_THROWS_AS(checked_mul(std::int64_t(1) << 62, 2, "x"), InputError);
  CHECK_THROWS_AS(checked_mul(std::int64_t(1) << 32, std::int64_t(1) << 31, "x"), InputError);
  CHECK_THROWS_AS(checked_mul(std::numeric_limits<std::int64_t>::min(), -1, "x"), InputError);
}
