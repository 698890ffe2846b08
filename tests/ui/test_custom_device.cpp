// The custom-device form's model (ui/custom_device.h): typed text -> an inline HardwareSpec,
// checked by the catalog's own reader; bad text names its field and keeps what was typed.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <string>

#include "custom_device.h"
#include "ui_harness.h"

using namespace headroom;
using namespace headroom::ui;
using headroom::ui::test::catalog;
using headroom::ui::test::type;

namespace {

CustomDeviceDraft good_draft(ByteUnit unit = ByteUnit::gb) {
  CustomDeviceDraft d;
  type(d.name, "Lab card");
  d.kind = DeviceKind::gpu;
  d.unit = unit;
  type(d.memory, "48");
  type(d.bandwidth, "960");
  type(d.tflops, "180.5");
  return d;
}

}  // namespace

TEST_CASE("a filled-in form gives the inline device, in the page's unit", "[ui][custom]") {
  const CustomDeviceCheck gb = check_custom_device(good_draft(ByteUnit::gb));
  REQUIRE(gb.spec);
  CHECK(gb.spec->name == "Lab card");
  CHECK(gb.spec->kind == DeviceKind::gpu);
  CHECK(gb.spec->memory_bytes == 48'000'000'000);
  CHECK(gb.spec->bandwidth_bytes_per_s == 960'000'000'000);
  CHECK(gb.spec->fp16_flops == Approx(180.5e12));
  CHECK(gb.spec->id.empty());
  CHECK(gb.spec->group == "Custom");  // what a share link reads back for an inline device

  const CustomDeviceCheck gib = check_custom_device(good_draft(ByteUnit::gib));
  REQUIRE(gib.spec);
  CHECK(gib.spec->memory_bytes == std::int64_t(48) << 30);
}

TEST_CASE("bad fields are refused one message each, never NaN, the text kept", "[ui][custom]") {
  struct Case {
    const char* memory;
    const char* bandwidth;
    const char* tflops;
    bool memory_bad, bandwidth_bad, tflops_bad;
  };
  const Case cases[] = {
      {"0", "960", "100", true, false, false},        // zero
      {"-8", "960", "100", true, false, false},       // negative
      {"nan", "960", "100", true, false, false},      // not a number
      {"inf", "inf", "inf", true, true, true},        // not finite
      {"", "960", "100", true, false, false},         // empty
      {"24 GB", "960", "100", true, false, false},    // a unit typed in
      {"5000000", "960", "100", true, false, false},  // 5 PB: past the catalog's 1 PiB
      {"24", "0", "100", false, true, false},
      {"24", "2e9", "100", false, true, false},       // 2 EB/s
      {"24", "960", "-1", false, false, true},
      {"24", "960", "1e12", false, false, true},      // 10^24 FLOP/s
      {"1e400", "960", "100", true, false, false},    // overflows a double
  };
  for (const Case& c : cases) {
    CustomDeviceDraft d = good_draft();
    type(d.memory, c.memory);
    type(d.bandwidth, c.bandwidth);
    type(d.tflops, c.tflops);
    INFO(c.memory << " / " << c.bandwidth << " / " << c.tflops);
    const CustomDeviceCheck r = check_custom_device(d);
    CHECK_FALSE(r.spec);
    CHECK(r.memory_error.empty() != c.memory_bad);
    CHECK(r.bandwidth_error.empty() != c.bandwidth_bad);
    CHECK(r.tflops_error.empty() != c.tflops_bad);
    CHECK(r.name_error.empty());
    CHECK(std::string(d.memory.data()) == c.memory);  // nothing typed is lost
  }
  CustomDeviceDraft unnamed = good_draft();
  type(unnamed.name, "   ");
  const CustomDeviceCheck r = check_custom_device(unnamed);
  CHECK_FALSE(r.spec);
  CHECK(r.name_error == "Give the device a name");
}

TEST_CASE("the messages give the catalog's limits in the form's units", "[ui][custom]") {
  CustomDeviceDraft d = good_draft(ByteUnit::gib);
  type(d.memory, "0");
  type(d.bandwidth, "-5");
  CustomDeviceCheck r = check_custom_device(d);
  CHECK(r.memory_error == "Memory must be above 0 and at most 1 PiB (1048576 GiB)");
  CHECK(r.bandwidth_error == "Bandwidth must be above 0 and at most 1 PB/s (1000000 GB/s)");
  d.unit = ByteUnit::gb;
  CHECK(check_custom_device(d).memory_error == "Memory must be above 0 and at most 1 PiB (1125899 GB)");
}

TEST_CASE("the form starts from a catalog device, blank TFLOPS keeps that device's", "[ui][custom]") {
  const HardwareSpec* base = catalog().find_hardware("rtx-4090");
  REQUIRE(base != nullptr);
  CustomDeviceDraft d = draft_from_device(*base, false, 2, ByteUnit::gib);
  CHECK(std::string(d.name.data()) == "NVIDIA GeForce RTX 4090 (custom)");
  CHECK(std::string(d.memory.data()) == "24");
  CHECK(std::string(d.bandwidth.data()) == "1008");
  CHECK(std::string(d.tflops.data()) == "165.2");
  CHECK(d.count == 2);
  CustomDeviceCheck r = check_custom_device(d);
  REQUIRE(r.spec);
  CHECK(r.spec->memory_bytes == base->memory_bytes);
  CHECK(r.spec->bandwidth_bytes_per_s == base->bandwidth_bytes_per_s);
  CHECK(r.spec->fp16_flops == base->fp16_flops);

  // In GB the box reads "25.77", yet the device keeps its exact bytes until the box is edited.
  CustomDeviceDraft gb = draft_from_device(*base, false, 1, ByteUnit::gb);
  CHECK(std::string(gb.memory.data()) == "25.77");
  CHECK(check_custom_device(gb).spec->memory_bytes == base->memory_bytes);
  change_draft_unit(gb, ByteUnit::gib);
  CHECK(std::string(gb.memory.data()) == "24");
  CHECK(check_custom_device(gb).spec->memory_bytes == base->memory_bytes);
  std::snprintf(gb.memory.data(), gb.memory.size(), "%s", "25.77");
  gb.unit = ByteUnit::gb;
  gb.exact_memory = {};
  CHECK(check_custom_device(gb).spec->memory_bytes == 25'770'000'000);  // typed: as typed

  type(d.tflops, "");
  r = check_custom_device(d);
  REQUIRE(r.spec);
  CHECK(r.spec->fp16_flops == base->fp16_flops);
  CHECK(r.tflops_note == "Blank: prefill speed uses 165.2 TFLOPS, from NVIDIA GeForce RTX 4090");

  d.fallback_flops = 0;  // nothing to fall back on: the field is needed
  CHECK_FALSE(check_custom_device(d).spec);
}

TEST_CASE("the GB/GiB toggle rewrites the memory field for the same size", "[ui][custom]") {
  CustomDeviceDraft d = good_draft(ByteUnit::gib);
  type(d.memory, "24");
  change_draft_unit(d, ByteUnit::gb);
  CHECK(std::string(d.memory.data()) == "25.77");
  CHECK(d.unit == ByteUnit::gb);
  type(d.memory, "oops");
  change_draft_unit(d, ByteUnit::gib);
  CHECK(std::string(d.memory.data()) == "oops");  // not a number: left as typed
  CHECK(d.unit == ByteUnit::gib);
}
