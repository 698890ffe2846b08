// The shipped hardware catalog (assets/hardware.json): its size, that every entry names a source,
// per-kind sanity bounds, CPU memory configs whose bandwidth is MT/s x 8 bytes x channels, and a
// few anchor values copied from vendor spec sheets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>

#include "test_support.h"

using namespace headroom;

namespace {

// kGiB (1024^3) comes from units.h; bandwidth is decimal, as vendors quote it.
constexpr std::int64_t kGBps = kGB;
constexpr double kTFLOPS = 1e12;

const HardwareSpec& hw(const std::string& id) {
  const HardwareSpec* h = test::catalog().find_hardware(id);
  if (h == nullptr) FAIL("no hardware entry " << id);
  return *h;
}

// CPU memory configurations: data rate and channel count, written here rather than parsed from
// ids or names. Peak bandwidth = MT/s x 8 bytes (one 64-bit channel) x channels (JEDEC).
struct CpuConfig {
  const char* id;
  std::int64_t mega_transfers;
  std::int64_t channels;
};

constexpr CpuConfig kCpuConfigs[] = {
    {"ryzen-7-5800x-ddr4-3200-32gb", 3200, 2},
    {"ryzen-9-7950x-ddr5-5600-64gb", 5600, 2},
    {"ddr4-3200-2ch-64gb", 3200, 2},
    {"ddr5-5600-2ch-96gb", 5600, 2},
    {"ddr5-6400-2ch-96gb", 6400, 2},
    {"ddr4-3200-4ch-256gb", 3200, 4},
    {"ddr5-6400-4ch-256gb", 6400, 4},
    {"ddr5-4800-8ch-512gb", 4800, 8},
    {"ddr5-5200-8ch-512gb", 5200, 8},
    {"ddr5-6400-8ch-512gb", 6400, 8},
    {"ddr5-4800-12ch-768gb", 4800, 12},
    {"ddr5-6000-12ch-768gb", 6000, 12},
    {"ddr5-6400-12ch-768gb", 6400, 12},
};

}  // namespace

TEST_CASE("the hardware catalog has at least 60 entries, each with a source and a known group") {
  const auto& all = test::catalog().hardware;
  CHECK(all.size() >= 60);
  const std::set<std::string> groups = {
      "NVIDIA GeForce", "NVIDIA workstation", "NVIDIA data center", "NVIDIA DGX",
      "AMD Instinct",   "AMD Radeon",         "AMD Ryzen AI",       "Intel Arc",
      "Apple Silicon",  "Desktop CPU",        "Workstation CPU",    "Server CPU"};
  const std::set<std::string> cpu_groups = {"Desktop CPU", "Workstation CPU", "Server CPU"};
  std::set<std::string> ids;
  for (const auto& h : all) {
    INFO(h.id);
    CHECK_FALSE(h.id.empty());
    CHECK_FALSE(h.name.empty());
    CHECK_FALSE(h.source.empty());
    CHECK(groups.count(h.group) == 1);
    CHECK((h.kind == DeviceKind::cpu) == (cpu_groups.count(h.group) == 1));
    CHECK(ids.insert(h.id).second);
  }
}

TEST_CASE("the ids used by tests, golden files and the UI default stay in the catalog") {
  for (const char* id : {"rtx-4090", "rtx-3090", "h100-sxm-80gb", "h100-pcie-80gb", "apple-m2-ultra-192gb",
                         "apple-m3-max-128gb", "ryzen-9-7950x-ddr5-5600-64gb", "ryzen-7-5800x-ddr4-3200-32gb"}) {
    INFO(id);
    CHECK(test::catalog().find_hardware(id) != nullptr);
  }
  // The UI starts with the first entry selected.
  CHECK(test::catalog().hardware.front().id == "rtx-4090");
}

TEST_CASE("every hardware entry lies within sanity bounds for its kind") {
  for (const auto& h : test::catalog().hardware) {
    INFO(h.id << " (" << h.name << ")");
    switch (h.kind) {
      case DeviceKind::gpu:
        // From a 12 GB consumer card at 288 GB/s to an 8 TB/s, 288 GB accelerator.
        CHECK(h.bandwidth_bytes_per_s >= 100 * kGBps);
        CHECK(h.bandwidth_bytes_per_s <= 10'000 * kGBps);
        CHECK(h.memory_bytes >= 4 * kGiB);
        CHECK(h.memory_bytes <= 512 * kGiB);
        CHECK(h.fp16_flops >= 10 * kTFLOPS);
        CHECK(h.fp16_flops <= 10'000 * kTFLOPS);
        break;
      case DeviceKind::unified:
        // Apple M1 (68 GB/s) to M3 Ultra (819 GB/s, 512 GB); DGX Spark, Ryzen AI Max.
        CHECK(h.bandwidth_bytes_per_s >= 50 * kGBps);
        CHECK(h.bandwidth_bytes_per_s <= 1'000 * kGBps);
        CHECK(h.memory_bytes >= 8 * kGiB);
        CHECK(h.memory_bytes <= 512 * kGiB);
        CHECK(h.fp16_flops >= 1 * kTFLOPS);
        CHECK(h.fp16_flops <= 100 * kTFLOPS);
        break;
      case DeviceKind::cpu:
        CHECK(h.bandwidth_bytes_per_s >= 20 * kGBps);
        CHECK(h.bandwidth_bytes_per_s <= 1'000 * kGBps);
        CHECK(h.memory_bytes >= 4 * kGiB);
        CHECK(h.memory_bytes <= 8192 * kGiB);
        CHECK(h.fp16_flops >= 0.1 * kTFLOPS);
        CHECK(h.fp16_flops <= 100 * kTFLOPS);
        break;
    }
    // Whole GiB: every capacity is a vendor "GB" read as GiB.
    CHECK(h.memory_bytes % kGiB == 0);
  }
}

TEST_CASE("CPU memory configs have bandwidth = MT/s x 8 bytes x channels") {
  std::set<std::string> listed;
  for (const CpuConfig& c : kCpuConfigs) {
    INFO(c.id);
    listed.insert(c.id);
    const HardwareSpec& h = hw(c.id);
    CHECK(h.kind == DeviceKind::cpu);
    CHECK(h.bandwidth_bytes_per_s == c.mega_transfers * 1'000'000 * 8 * c.channels);
  }
  // Every CPU entry in the catalog is in the table above, so none escapes the check.
  for (const auto& h : test::catalog().hardware) {
    if (h.kind != DeviceKind::cpu) continue;
    INFO(h.id);
    CHECK(listed.count(h.id) == 1);
  }
}

TEST_CASE("anchor values match the vendor spec sheets") {
  // NVIDIA Ada whitepaper, Appendix A: RTX 4090 24 GB GDDR6X, 1008 GB/s.
  CHECK(hw("rtx-4090").bandwidth_bytes_per_s == 1008 * kGBps);
  CHECK(hw("rtx-4090").memory_bytes == 24 * kGiB);
  // NVIDIA H100 datasheet: SXM 80 GB HBM3, 3.35 TB/s; FP16 1,979 TFLOPS with sparsity.
  CHECK(hw("h100-sxm-80gb").bandwidth_bytes_per_s == 3'350 * kGBps);
  CHECK(hw("h100-sxm-80gb").memory_bytes == 80 * kGiB);
  CHECK(hw("h100-sxm-80gb").fp16_flops == Approx(989.4 * kTFLOPS));
  // Apple newsroom, M2 Ultra: up to 192 GB, 800 GB/s.
  CHECK(hw("apple-m2-ultra-192gb").bandwidth_bytes_per_s == 800 * kGBps);
  CHECK(hw("apple-m2-ultra-192gb").memory_bytes == 192 * kGiB);
  // NVIDIA H200: 141 GB HBM3e read as 141 GiB (nvidia-smi shows ~140.4 GiB), 4.8 TB/s.
  CHECK(hw("h200-sxm-141gb").memory_bytes == 141 * kGiB);
  CHECK(hw("h200-sxm-141gb").bandwidth_bytes_per_s == 4'800 * kGBps);
  // AMD MI300X data sheet: 192 GB HBM3, 5.3 TB/s, FP16 1,307.4 TFLOPS dense.
  CHECK(hw("mi300x").bandwidth_bytes_per_s == 5'300 * kGBps);
  CHECK(hw("mi300x").fp16_flops == Approx(1307.4 * kTFLOPS));
  // Apple: the M3 Max 30-core GPU bin has 300 GB/s, the 40-core bin 400 GB/s.
  CHECK(hw("apple-m3-max-36gb").bandwidth_bytes_per_s == 300 * kGBps);
  CHECK(hw("apple-m3-max-128gb").bandwidth_bytes_per_s == 400 * kGBps);
  CHECK(hw("apple-m4-max-36gb").bandwidth_bytes_per_s == 410 * kGBps);
  CHECK(hw("apple-m4-max-128gb").bandwidth_bytes_per_s == 546 * kGBps);
}

TEST_CASE("only Macs get macOS's Metal working-set limit, a DGX Spark's GPU may use all its memory") {
  const Estimate mac = test::estimate_for(R"({"model": "llama-3.1-8b", "hardware": ["apple-m3-max-128gb"]})");
  REQUIRE(mac.devices.size() == 1);
  const std::int64_t mac_memory = test::catalog().find_hardware("apple-m3-max-128gb")->memory_bytes;
  CHECK(mac.devices[0].capacity_bytes < mac_memory);
  CHECK(std::any_of(mac.warnings.begin(), mac.warnings.end(),
                    [](const std::string& w) { return w.find("macOS lets the GPU use") != std::string::npos; }));
  for (const char* id : {"dgx-spark", "ryzen-ai-max-395-128gb"}) {
    const Estimate e = test::estimate_for(std::string(R"({"model": "llama-3.1-8b", "hardware": [")") + id + "\"]}");
    REQUIRE(e.devices.size() == 1);
    CHECK(e.devices[0].capacity_bytes == test::catalog().find_hardware(id)->memory_bytes);
    CHECK(std::none_of(e.warnings.begin(), e.warnings.end(),
                       [](const std::string& w) { return w.find("macOS") != std::string::npos; }));
  }
}
