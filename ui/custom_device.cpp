#include "custom_device.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "catalog_entries.h"
#include "errors.h"

namespace headroom::ui {

namespace {

template <std::size_t N>
void set_text(std::array<char, N>& buffer, const std::string& text) {
  std::snprintf(buffer.data(), N, "%s", text.c_str());
}

template <std::size_t N>
std::string trimmed(const std::array<char, N>& buffer) {
  std::string s(buffer.data(), strnlen(buffer.data(), N));
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// A plain decimal number ("24", "0.5", "1e3"); nullopt for anything else, NaN and inf included.
std::optional<double> parse_number(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789.eE+-") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

double bytes_per_unit(ByteUnit unit) { return unit == ByteUnit::gib ? double(kGiB) : double(kGB); }
const char* unit_name(ByteUnit unit) { return unit == ByteUnit::gib ? "GiB" : "GB"; }

std::string whole(double value) { return std::to_string(std::int64_t(std::floor(value))); }

bool ends_with(const std::string& s, const char* tail) {
  const std::size_t n = std::strlen(tail);
  return s.size() >= n && s.compare(s.size() - n, n, tail) == 0;
}

}  // namespace

std::string short_number(double value, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

CustomDeviceDraft draft_from_device(const HardwareSpec& base, bool base_is_custom, std::int64_t count,
                                    ByteUnit unit) {
  CustomDeviceDraft d;
  set_text(d.name, base_is_custom ? base.name : base.name + " (custom)");
  d.kind = base.kind;
  d.group = base.group;
  d.unit = unit;
  d.exact_memory = {short_number(double(base.memory_bytes) / bytes_per_unit(unit)), double(base.memory_bytes)};
  d.exact_bandwidth = {short_number(double(base.bandwidth_bytes_per_s) / 1e9, 1), double(base.bandwidth_bytes_per_s)};
  d.exact_tflops = {short_number(base.fp16_flops / 1e12), base.fp16_flops};
  set_text(d.memory, d.exact_memory.text);
  set_text(d.bandwidth, d.exact_bandwidth.text);
  set_text(d.tflops, d.exact_tflops.text);
  d.count = count;
  d.fallback_flops = base.fp16_flops;
  d.fallback_from = base.name;
  return d;
}

void change_draft_unit(CustomDeviceDraft& draft, ByteUnit unit) {
  if (unit == draft.unit) return;
  if (trimmed(draft.memory) == draft.exact_memory.text && !draft.exact_memory.text.empty()) {
    draft.exact_memory.text = short_number(draft.exact_memory.value / bytes_per_unit(unit));
    set_text(draft.memory, draft.exact_memory.text);
  } else if (const auto v = parse_number(trimmed(draft.memory))) {
    set_text(draft.memory, short_number(*v * bytes_per_unit(draft.unit) / bytes_per_unit(unit)));
  }
  draft.unit = unit;
}

CustomDeviceCheck check_custom_device(const CustomDeviceDraft& draft) {
  CustomDeviceCheck out;
  const char* not_a_number = "Type a number, like 24 or 0.5";
  nlohmann::ordered_json entry{{"name", trimmed(draft.name)}, {"kind", to_string(draft.kind)}};
  if (!draft.group.empty()) entry["group"] = draft.group;

  // Each number as the catalog stores it; text that is no number gets its message here and a
  // stand-in value, so the reader below still checks the other fields.
  const auto put = [&](const char* key, const std::string& text, double scale, bool whole, std::string& error,
                       const CustomDeviceDraft::Exact& exact) {
    if (!text.empty() && text == exact.text) {  // still what the form started from: exact
      entry[key] = whole ? nlohmann::ordered_json(std::int64_t(exact.value)) : nlohmann::ordered_json(exact.value);
      return;
    }
    const auto v = parse_number(text);
    if (!v) {
      error = not_a_number;
      entry[key] = 1;
      return;
    }
    const double scaled = *v * scale;
    entry[key] = whole ? nlohmann::ordered_json(std::round(scaled)) : nlohmann::ordered_json(scaled);
  };
  put("memory_bytes", trimmed(draft.memory), bytes_per_unit(draft.unit), true, out.memory_error, draft.exact_memory);
  put("bandwidth_bytes_per_s", trimmed(draft.bandwidth), 1e9, true, out.bandwidth_error, draft.exact_bandwidth);
  const std::string tflops = trimmed(draft.tflops);
  if (tflops.empty() && draft.fallback_flops > 0) {
    entry["fp16_flops"] = draft.fallback_flops;
    out.tflops_note = "Blank: prefill speed uses " + short_number(draft.fallback_flops / 1e12, 1) +
                      " TFLOPS, from " + draft.fallback_from;
  } else {
    put("fp16_flops", tflops, 1e12, false, out.tflops_error, draft.exact_tflops);
    if (tflops.empty()) out.tflops_error = "Type its FP16 TFLOPS (spec sheet): prefill speed needs it";
  }

  // The catalog's reader decides; each field it refuses gets the form's wording and a stand-in,
  // and it reads again, so every bad field is named at once.
  // Whole numbers without separators: ImGui may wrap a line after a comma.
  const std::string range_memory = "Memory must be above 0 and at most 1 PiB (" +
                                   whole(double(kMaxDeviceBytes) / bytes_per_unit(draft.unit)) + " " +
                                   unit_name(draft.unit) + ")";
  const std::string range_bandwidth =
      "Bandwidth must be above 0 and at most 1 PB/s (" + whole(double(kMaxBandwidth) / 1e9) + " GB/s)";
  const std::string range_tflops = "FP16 TFLOPS must be above 0 and at most " + whole(kMaxFlops / 1e12) +
                                   (draft.fallback_flops > 0 ? " (or blank)" : "");
  for (int attempt = 0; attempt < 5; ++attempt) {
    try {
      HardwareSpec spec = hardware_from_json(entry, "device");
      if (!out.name_error.empty() || !out.memory_error.empty() || !out.bandwidth_error.empty() ||
          !out.tflops_error.empty()) {
        return out;
      }
      out.spec = std::move(spec);
      return out;
    } catch (const InputError& e) {
      const std::string& field = e.field();
      if (ends_with(field, ".name")) {
        out.name_error = "Give the device a name";
        entry["name"] = "device";
      } else if (ends_with(field, ".memory_bytes")) {
        if (out.memory_error.empty()) out.memory_error = range_memory;
        entry["memory_bytes"] = 1;
      } else if (ends_with(field, ".bandwidth_bytes_per_s")) {
        if (out.bandwidth_error.empty()) out.bandwidth_error = range_bandwidth;
        entry["bandwidth_bytes_per_s"] = 1;
      } else if (ends_with(field, ".fp16_flops")) {
        if (out.tflops_error.empty()) out.tflops_error = range_tflops;
        entry["fp16_flops"] = 1;
      } else {
        out.name_error = e.what();  // a field this form does not have: say it as the core does
        return out;
      }
    }
  }
  return out;
}

}  // namespace headroom::ui
