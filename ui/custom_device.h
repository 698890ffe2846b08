// The custom-device form's model: the text as typed (kept whole while it is invalid) and the
// check that turns it into an inline HardwareSpec. Pure, no ImGui (tests/ui/test_custom_device.cpp).
// The limits are the catalog's own: the spec goes through hardware_from_json(), the reader
// every hardware.json entry and inline device passes, and only its verdict is reworded here
// in the form's units.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "hardware.h"
#include "units.h"

namespace headroom::ui {

struct CustomDeviceDraft {
  bool open = false;                  // the form is shown under the hardware picker
  bool pending_first_apply = false;   // just opened: put the draft into the scenario next frame
  bool reveal = false;                // just opened: scroll the form into view
  std::array<char, 64> name{};
  DeviceKind kind = DeviceKind::gpu;
  // The family of the device it started from ("Apple Silicon"): kept so the copy keeps its
  // speed calibration and, on a Mac, the Metal memory limit.
  std::string group;
  std::array<char, 24> memory{};      // in the page's unit (GB or GiB)
  std::array<char, 24> bandwidth{};   // GB/s
  std::array<char, 24> tflops{};      // dense FP16 TFLOPS; blank = `fallback_flops`
  std::int64_t count = 1;
  ByteUnit unit = ByteUnit::gb;       // the unit `memory` was typed in
  // The figures the form started from, exact while their box still shows them as written
  // ("25.77" GB stands for 25,769,803,776 bytes until it is edited).
  struct Exact {
    std::string text;
    double value = 0;  // bytes, bytes/s, FLOP/s
  };
  Exact exact_memory, exact_bandwidth, exact_tflops;
  double fallback_flops = 0;          // from the device the form started from
  std::string fallback_from;          //   (its name), said under the field
};

struct CustomDeviceCheck {
  std::optional<HardwareSpec> spec;   // set when every field is good
  std::string name_error, memory_error, bandwidth_error, tflops_error;  // one line each, "" = good
  std::string tflops_note;            // what a blank TFLOPS field stands for
};

// A draft that starts from `base` (its figures; its name with " (custom)" unless it is an
// inline device already), memory written in `unit`.
CustomDeviceDraft draft_from_device(const HardwareSpec& base, bool base_is_custom, std::int64_t count,
                                    ByteUnit unit);

// Reads the draft. Never throws; bad text (empty, not a number, NaN, zero, negative, absurd)
// gives that field's message and no spec.
CustomDeviceCheck check_custom_device(const CustomDeviceDraft& draft);

// Rewrites the memory field for another unit, same size to 2 decimals ("24" GiB -> "25.77" GB).
// Text that is not a number is left as typed.
void change_draft_unit(CustomDeviceDraft& draft, ByteUnit unit);

// "24", "25.77", "1008": up to `decimals` places, trailing zeros dropped.
std::string short_number(double value, int decimals = 2);

}  // namespace headroom::ui
