// The URL hash codec (see url_state.h for the form). Decoding checks every value against the
// catalog and the JSON contract's ranges, so a bad part falls back alone and says why.
#include "url_state.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <utility>

#include "engine.h"
#include "errors.h"
#include "json_io.h"

namespace headroom::ui {

namespace {

// The JSON contract's limits (core/json_io.cpp); a value past them falls back.
constexpr std::int64_t kMaxContext = 1'000'000'000;
constexpr std::int64_t kMaxSequences = 65'536;
constexpr std::int64_t kMaxUbatch = 65'536;
constexpr std::int64_t kMaxDeviceCount = 4'096;
constexpr std::int64_t kMaxLayers = 100'000;
constexpr std::size_t kMaxHashLength = 64 * 1024;  // longer is not a link anyone made
constexpr std::size_t kMaxShown = 40;              // characters of a bad value quoted back

// Cache types the estimator accepts (core/estimate.cpp, llama.cpp's -ctk/-ctv plus fp8).
constexpr std::array<std::string_view, 10> kKvTypes = {
    "f32", "f16", "bf16", "fp8", "q8_0", "q5_1", "q5_0", "q4_1", "q4_0", "iq4_nl"};

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// A value quoted back in a message: printable ASCII only, shortened.
std::string shown(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, kMaxShown)) {
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  if (text.size() > kMaxShown) out += "...";
  return "\"" + out + "\"";
}

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A whole number in [lo, hi]; `suffixes` also accepts k (x1024) and m (x1048576).
std::optional<std::int64_t> parse_int(std::string_view text, std::int64_t lo, std::int64_t hi,
                                      bool suffixes = false) {
  std::int64_t scale = 1;
  if (suffixes && !text.empty()) {
    const char last = text.back();
    if (last == 'k' || last == 'K') scale = 1024;
    if (last == 'm' || last == 'M') scale = 1024 * 1024;
    if (scale != 1) text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  value *= scale;  // at most 999'999'999'999 * 2^20: fits in int64
  if (value < lo || value > hi) return std::nullopt;
  return value;
}

// "a whole number from 1 to 1,000,000,000"
std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && digits[i - 1] != '-' && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string range_text(std::int64_t lo, std::int64_t hi) {
  return "a whole number from " + grouped(lo) + " to " + grouped(hi);
}

std::string hardware_token(const HardwareRef& ref) {
  std::string out = percent_encode(ref.id);
  if (ref.count != 1) out += "x" + std::to_string(ref.count);
  return out;
}

std::string hardware_text(const std::vector<HardwareRef>& hardware) {
  if (hardware.empty()) return "none";
  std::string out;
  for (const HardwareRef& ref : hardware) {
    if (!out.empty()) out += ",";
    out += hardware_token(ref);
  }
  return out;
}

std::string offload_text(const Offload& o) {
  switch (o.mode) {
    case OffloadMode::automatic: return "auto";
    case OffloadMode::gpu_only: return "gpu_only";
    case OffloadMode::layers: return "layers:" + std::to_string(o.gpu_layers);
    case OffloadMode::experts_to_cpu:
      return o.cpu_moe_layers >= 0 ? "experts_to_cpu:" + std::to_string(o.cpu_moe_layers)
                                   : "experts_to_cpu";
  }
  return "auto";
}

bool needs_json(const Scenario& s) {
  // vLLM's own settings and a serving workload have no short keys: they travel in the packed scenario.
  if (s.model.inline_spec || s.model.id.empty() || s.serving) return true;
  if (s.gpu_memory_utilization || s.max_num_batched_tokens || s.kv_cache_memory_bytes) return true;
  return std::any_of(s.hardware.begin(), s.hardware.end(),
                     [](const HardwareRef& h) { return h.inline_spec || h.id.empty(); });
}

// Applies the pairs of one hash to `out`, in order; each bad value leaves its field alone.
class Decoder {
 public:
  Decoder(const Catalog& catalog, const Scenario& defaults, UrlState& out)
      : catalog_(catalog), defaults_(defaults), out_(out) {}

  void pair(std::string_view key, std::string_view raw) {
    std::optional<std::string> decoded = percent_decode(raw);
    if (!decoded) {
      problem(std::string(key) + "=" + shown(raw) + " has a broken %-escape; ignored");
      return;
    }
    const std::string value = std::move(*decoded);
    Scenario& s = out_.scenario;
    if (key == "s") return whole_scenario(value);
    if (key == "m") return model(value);
    if (key == "q") return quant(value);
    if (key == "c") {
      number(key, value, "context", 1, kMaxContext, true, s.context);
      return;
    }
    if (key == "kv") return kv(value);
    if (key == "kvv") return kv_v(value);
    if (key == "n") {
      number(key, value, "parallel sequences", 1, kMaxSequences, false, s.sequences);
      return;
    }
    if (key == "p") {
      std::int64_t p = effective_prompt_tokens(s);
      if (number(key, value, "prompt tokens", 1, kMaxContext, true, p)) s.prompt_tokens = p;
      return;
    }
    if (key == "disk") {
      std::int64_t d = s.disk_bandwidth_bytes_per_s.value_or(0);
      if (number(key, value, "disk bytes/s", 1'000'000, std::int64_t(1) << 44, true, d)) s.disk_bandwidth_bytes_per_s = d;
      return;
    }
    if (key == "e") return engine(value);
    if (key == "fa") return flash(value);
    if (key == "ub") {
      std::int64_t ub = s.n_ubatch.value_or(512);
      if (number(key, value, "n_ubatch", 1, kMaxUbatch, false, ub)) s.n_ubatch = ub;
      return;
    }
    if (key == "li") return indexer(value);
    if (key == "off") return offload(value);
    if (key == "u") return unit(value);
    if (key == "embed") {
      if (value == "1" || value == "true" || value.empty()) out_.embed = true;
      else if (value == "0" || value == "false") out_.embed = false;
      else problem("embed=" + shown(value) + " should be 1 or 0; ignored");
      return;
    }
    problem("unknown setting " + shown(key) + "; ignored");
  }

  void problem(std::string text) { out_.problems.push_back(std::move(text)); }

 private:
  void whole_scenario(const std::string& value) {
    std::optional<std::string> json = base64url_decode(value);
    if (!json) {
      problem("s= (the packed scenario) is damaged: not valid base64url, perhaps cut short; "
              "using the defaults");
      return;
    }
    try {
      out_.scenario = scenario_from_json(*json);
    } catch (const InputError& e) {
      // No field: the text is not JSON at all (cut short, edited); else the contract's reason.
      problem(e.field().empty() ? std::string("s= (the packed scenario) is damaged, perhaps cut "
                                              "short; using the defaults")
                                : std::string("s= (the packed scenario) was refused: ") + e.what() +
                                      "; using the defaults");
    } catch (const std::exception& e) {
      problem(std::string("s= (the packed scenario) was refused: ") + e.what() + "; using the defaults");
    }
  }

  void model(const std::string& value) {
    if (catalog_.find_model(value) != nullptr) {
      out_.scenario.model = ModelRef{value, std::nullopt};
      return;
    }
    problem("m=" + shown(value) + ": no such model in the catalog; using " +
            default_model_name());
    out_.scenario.model = defaults_.model;
  }

  std::string default_model_name() const {
    if (defaults_.model.inline_spec) return defaults_.model.inline_spec->name;
    const ModelSpec* m = catalog_.find_model(defaults_.model.id);
    return m != nullptr ? m->name : defaults_.model.id;
  }

  void quant(const std::string& value) {
    if (catalog_.quants.find_mix(value) != nullptr) {
      out_.scenario.quant = value;
      return;
    }
    problem("q=" + shown(value) + ": no such weight format; using " + defaults_.quant);
    out_.scenario.quant = defaults_.quant;
  }

  void kv(const std::string& value) {
    if (std::find(kKvTypes.begin(), kKvTypes.end(), value) != kKvTypes.end()) {
      out_.scenario.kv_cache_type = value;
      return;
    }
    problem("kv=" + shown(value) + ": not a KV cache type; using " + defaults_.kv_cache_type);
    out_.scenario.kv_cache_type = defaults_.kv_cache_type;
  }

  void kv_v(const std::string& value) {
    if (std::find(kKvTypes.begin(), kKvTypes.end(), value) != kKvTypes.end()) {
      out_.scenario.kv_cache_type_v = value;
      return;
    }
    problem("kvv=" + shown(value) + ": not a KV cache type; the V cache takes the K cache's type");
    out_.scenario.kv_cache_type_v.clear();
  }

  bool number(std::string_view key, const std::string& value, const char* what, std::int64_t lo,
              std::int64_t hi, bool suffixes, std::int64_t& field) {
    if (std::optional<std::int64_t> n = parse_int(value, lo, hi, suffixes)) {
      field = *n;
      return true;
    }
    problem(std::string(key) + "=" + shown(value) + ": " + what + " must be " + range_text(lo, hi) +
            "; using " + std::to_string(field));
    return false;
  }

  void engine(const std::string& value) {
    try {
      out_.scenario.engine = engine_from_string(value, "e");
    } catch (const std::exception&) {
      problem("e=" + shown(value) + ": not an engine (llama.cpp, vllm, ollama, mlx, "
              "transformers); using " + to_string(out_.scenario.engine));
    }
  }

  void flash(const std::string& value) {
    if (value == "1" || value == "true") out_.scenario.flash_attention = true;
    else if (value == "0" || value == "false") out_.scenario.flash_attention = false;
    else problem("fa=" + shown(value) + ": flash attention must be 1 or 0; using the engine's default");
  }

  // DeepSeek-V4's lightning-indexer rule: one of llama.cpp's (engines.json).
  void indexer(const std::string& value) {
    const EngineDefaults* llama = catalog_.find_engine("llama.cpp");
    if (llama != nullptr && !value.empty() && llama->find_indexer_rule(value) != nullptr)
      out_.scenario.lightning_indexer = value;
    else
      problem("li=" + shown(value) + ": not a lightning-indexer rule (fused or unfused); using the engine's default");
  }

  // One device token: ID, IDxN or ID:N. Null (and a problem) when bad.
  std::optional<HardwareRef> device(std::string_view token) {
    std::optional<std::string> whole = percent_decode(token);
    if (whole && !whole->empty() && catalog_.find_hardware(*whole) != nullptr) {
      return HardwareRef{*whole, std::nullopt, 1};
    }
    const std::size_t sep = token.find_last_of("x:");
    if (sep != std::string_view::npos && sep > 0 && sep + 1 < token.size()) {
      const std::string_view count_text = token.substr(sep + 1);
      const bool digits = std::all_of(count_text.begin(), count_text.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
      std::optional<std::string> id = percent_decode(token.substr(0, sep));
      if (digits && id && catalog_.find_hardware(*id) != nullptr) {
        if (std::optional<std::int64_t> n = parse_int(count_text, 1, kMaxDeviceCount)) {
          return HardwareRef{*id, std::nullopt, *n};
        }
        problem("hw=" + shown(token) + ": the device count must be " +
                range_text(1, kMaxDeviceCount) + "; device left out");
        return std::nullopt;
      }
    }
    problem("hw=" + shown(token) + ": no such device in the catalog; device left out");
    return std::nullopt;
  }

 public:
  // hw is split before percent-decoding, so an id may hold an escaped ',' or ':'.
  void hardware_raw(std::string_view raw) {
    if (raw == "none") {
      out_.scenario.hardware.clear();
      return;
    }
    std::vector<HardwareRef> devices;
    std::size_t bad = 0;
    std::size_t start = 0;
    while (start <= raw.size()) {
      const std::size_t comma = std::min(raw.find(',', start), raw.size());
      const std::string_view token = raw.substr(start, comma - start);
      if (!token.empty()) {
        if (std::optional<HardwareRef> ref = device(token)) devices.push_back(std::move(*ref));
        else ++bad;
      }
      start = comma + 1;
    }
    if (devices.empty()) {
      if (bad == 0) problem("hw is empty (write hw=none for memory only); using the default hardware");
      else if (!out_.problems.empty()) out_.problems.back() += " (using the default hardware)";
      out_.scenario.hardware = defaults_.hardware;
      return;
    }
    if (devices.size() > 64) {
      problem("hw: at most 64 device entries; the rest left out");
      devices.resize(64);
    }
    out_.scenario.hardware = std::move(devices);
  }

 private:
  void offload(const std::string& value) {
    Offload o;
    const std::size_t colon = value.find(':');
    const std::string mode = value.substr(0, colon);
    const std::string arg = colon == std::string::npos ? "" : value.substr(colon + 1);
    bool ok = true;
    if (mode == "auto" && arg.empty()) {
      o.mode = OffloadMode::automatic;
    } else if (mode == "gpu_only" && arg.empty()) {
      o.mode = OffloadMode::gpu_only;
    } else if (mode == "layers") {
      o.mode = OffloadMode::layers;
      std::optional<std::int64_t> n = parse_int(arg, 0, kMaxLayers);
      ok = n.has_value();
      if (n) o.gpu_layers = *n;
    } else if (mode == "experts_to_cpu") {
      o.mode = OffloadMode::experts_to_cpu;
      if (!arg.empty()) {
        std::optional<std::int64_t> n = parse_int(arg, 0, kMaxLayers);
        ok = n.has_value();
        if (n) o.cpu_moe_layers = *n;
      }
    } else {
      ok = false;
    }
    if (!ok) {
      problem("off=" + shown(value) + ": offload must be auto, gpu_only, layers:N or "
              "experts_to_cpu[:N]; using " + offload_text(out_.scenario.offload));
      return;
    }
    out_.scenario.offload = o;
  }

  void unit(const std::string& value) {
    std::string lower = value;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    if (lower == "gb") out_.unit = ByteUnit::gb;
    else if (lower == "gib") out_.unit = ByteUnit::gib;
    else problem("u=" + shown(value) + ": units must be gb or gib; ignored");
  }

  const Catalog& catalog_;
  const Scenario& defaults_;
  UrlState& out_;
};

}  // namespace

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (is_unreserved(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int hi = hex_value(text[i + 1]);
    const int lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kBase64Url[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kBase64Url[(buffer << (6 - bits)) & 63];
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;  // no whole byte in the last group
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-' || c == '+') v = 62;  // '+' and '/' too: standard base64 pasted in
    else if (c == '_' || c == '/') v = 63;
    if (v < 0) return std::nullopt;
    buffer = ((buffer << 6) | std::uint32_t(v)) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

UrlState decode_url_hash(std::string_view hash, const Catalog& catalog, const Scenario& defaults) {
  UrlState out;
  out.scenario = defaults;
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  if (hash.size() > kMaxHashLength) {
    out.problems.push_back("the link is too long (" + std::to_string(hash.size()) +
                           " characters); showing the defaults");
    return out;
  }
  Decoder decoder(catalog, defaults, out);
  // s= first wherever it stands, so the short keys override what it holds.
  std::vector<std::pair<std::string_view, std::string_view>> pairs;
  std::size_t start = 0;
  while (start < hash.size()) {
    const std::size_t amp = std::min(hash.find('&', start), hash.size());
    const std::string_view part = hash.substr(start, amp - start);
    start = amp + 1;
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      if (part == "embed") {
        pairs.emplace_back(part, "1");
      } else {
        decoder.problem(shown(part) + " is not a key=value setting; ignored");
      }
      continue;
    }
    pairs.emplace_back(part.substr(0, eq), part.substr(eq + 1));
  }
  std::stable_partition(pairs.begin(), pairs.end(), [](const auto& p) { return p.first == "s"; });
  for (const auto& [key, value] : pairs) {
    if (key == "hw") decoder.hardware_raw(value);
    else decoder.pair(key, value);
  }
  if (out.scenario.prompt_tokens && *out.scenario.prompt_tokens > out.scenario.context) {
    decoder.problem("p=" + std::to_string(*out.scenario.prompt_tokens) + ": the prompt is longer than the context; using " +
                    std::to_string(out.scenario.context));
    out.scenario.prompt_tokens = out.scenario.context;
  }
  // Belt and braces: whatever was assembled must pass the JSON contract as a whole.
  try {
    out.scenario = scenario_from_json(scenario_to_json(out.scenario));
  } catch (const std::exception& e) {
    out.problems.push_back(std::string("the link's scenario was refused (") + e.what() +
                           "); showing the defaults");
    out.scenario = defaults;
  }
  return out;
}

std::string encode_url_hash(const Scenario& s, std::optional<ByteUnit> unit, bool embed) {
  std::string out;
  auto add = [&out](std::string_view key, const std::string& value) {
    if (!out.empty()) out += '&';
    out += key;
    out += '=';
    out += value;
  };
  if (embed) add("embed", "1");
  if (needs_json(s)) {
    add("s", base64url_encode(scenario_to_json(s)));
  } else {
    add("m", percent_encode(s.model.id));
    add("q", percent_encode(s.quant));
    add("c", std::to_string(s.context));
    add("kv", percent_encode(s.kv_cache_type));
    if (!s.kv_cache_type_v.empty()) add("kvv", percent_encode(s.kv_cache_type_v));
    if (s.sequences != 1) add("n", std::to_string(s.sequences));
    if (s.prompt_tokens) add("p", std::to_string(*s.prompt_tokens));
    if (s.disk_bandwidth_bytes_per_s) add("disk", std::to_string(*s.disk_bandwidth_bytes_per_s));
    if (s.engine != Engine::llama_cpp) add("e", percent_encode(to_string(s.engine)));
    if (s.flash_attention) add("fa", *s.flash_attention ? "1" : "0");
    if (s.n_ubatch) add("ub", std::to_string(*s.n_ubatch));
    if (!s.lightning_indexer.empty()) add("li", percent_encode(s.lightning_indexer));
    add("hw", hardware_text(s.hardware));
    if (s.offload.mode != OffloadMode::automatic) add("off", offload_text(s.offload));
  }
  if (unit) add("u", *unit == ByteUnit::gib ? "gib" : "gb");
  return out;
}

std::string url_hash_to_scenario_json(std::string_view hash, const Catalog& catalog,
                                      const Scenario& defaults, std::vector<std::string>* problems) {
  UrlState state = decode_url_hash(hash, catalog, defaults);
  if (problems != nullptr) {
    problems->insert(problems->end(), state.problems.begin(), state.problems.end());
  }
  return scenario_to_json(state.scenario);
}

std::string scenario_json_to_url_hash(std::string_view scenario_json) {
  return encode_url_hash(scenario_from_json(scenario_json));
}

}  // namespace headroom::ui
