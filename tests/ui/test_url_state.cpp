// The URL hash codec (ui/url_state.h): round trips for every catalog id, a readable canonical
// form, and mangled hashes that fall back part by part with a message, never a throw.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "custom_device.h"
#include "json_io.h"
#include "ui_harness.h"
#include "url_state.h"

using headroom::ByteUnit;
using headroom::HardwareRef;
using headroom::HardwareSpec;
using headroom::Scenario;
using headroom::scenario_from_json;
using headroom::scenario_to_json;
using namespace headroom::ui;
using headroom::ui::test::catalog;

namespace {

Scenario defaults() { return default_scenario(catalog()); }

Scenario decode_ok(const std::string& hash) {
  UrlState s = decode_url_hash(hash, catalog(), defaults());
  INFO(hash);
  for (const std::string& p : s.problems) UNSCOPED_INFO(p);
  CHECK(s.problems.empty());
  return s.scenario;
}

}  // namespace

TEST_CASE("the canonical hash is short and readable", "[ui][url]") {
  const Scenario s = scenario_from_json(
      R"({"model": "llama-3.1-8b", "quant": "Q4_K_M", "context": 8192, "kv_cache_type": "f16",
          "hardware": [{"id": "rtx-4090", "count": 2}]})");
  CHECK(encode_url_hash(s, ByteUnit::gib) ==
        "m=llama-3.1-8b&q=Q4_K_M&c=8192&kv=f16&hw=rtx-4090x2&u=gib");
  CHECK(encode_url_hash(s, std::nullopt, true).rfind("embed=1&m=llama-3.1-8b", 0) == 0);
  CHECK(scenario_json_to_url_hash(scenario_to_json(s)) ==
        "m=llama-3.1-8b&q=Q4_K_M&c=8192&kv=f16&hw=rtx-4090x2");
}

TEST_CASE("the lightning-indexer rule round-trips as li", "[ui][url]") {
  Scenario s = defaults();
  s.model.id = "deepseek-v4-pro";
  s.lightning_indexer = "unfused";
  const std::string hash = encode_url_hash(s);
  CHECK(hash.find("&li=unfused") != std::string::npos);
  CHECK(decode_ok(hash).lightning_indexer == "unfused");
  CHECK(scenario_json_to_url_hash(scenario_to_json(s)) == hash);
}

TEST_CASE("every catalog model, quant and device round-trips", "[ui][url]") {
  for (const auto& m : catalog().models) {
    Scenario s = defaults();
    s.model.id = m.id;
    CHECK(scenario_to_json(decode_ok(encode_url_hash(s))) == scenario_to_json(s));
  }
  for (const auto& q : catalog().quants.mixes()) {
    Scenario s = defaults();
    s.quant = q.id;
    CHECK(scenario_to_json(decode_ok(encode_url_hash(s))) == scenario_to_json(s));
  }
  for (const auto& h : catalog().hardware) {
    for (std::int64_t count : {1, 2, 8}) {
      Scenario s = defaults();
      s.hardware = {headroom::HardwareRef{h.id, std::nullopt, count}};
      CHECK(scenario_to_json(decode_ok(encode_url_hash(s))) == scenario_to_json(s));
    }
  }
}

TEST_CASE("optional fields, several devices and no hardware round-trip", "[ui][url]") {
  const char* const scenarios[] = {
      R"({"model": "llama-3.1-70b", "quant": "Q8_0", "kv_cache_type": "q4_0", "context": 131072,
          "sequences": 4, "engine": "vllm", "flash_attention": false, "n_ubatch": 2048,
          "hardware": [{"id": "rtx-3090", "count": 2}, {"id": "ryzen-9-7950x-ddr5-5600-64gb"}],
          "offload": {"mode": "layers", "gpu_layers": 40}})",
      R"({"model": "qwen2.5-7b", "hardware": [], "offload": {"mode": "gpu_only"}})",
      R"({"model": "llama-3.1-8b", "offload": {"mode": "experts_to_cpu", "cpu_moe_layers": 3}})",
      R"({"model": "llama-3.1-8b", "kv_cache_type": "q8_0", "kv_cache_type_v": "q4_0", "flash_attention": true})",
      R"({"model": "deepseek-v3", "quant": "MLX_4BIT", "engine": "mlx", "context": 16512, "prompt_tokens": 16384,
          "hardware": [{"id": "apple-m3-ultra-512gb"}]})",
      R"({"model": "qwen3-8b", "quant": "AWQ_INT4", "engine": "transformers", "context": 32768,
          "prompt_tokens": 30720, "hardware": [{"id": "h100-sxm-80gb"}]})",
  };
  for (const char* text : scenarios) {
    const Scenario s = scenario_from_json(text);
    const std::string hash = encode_url_hash(s, ByteUnit::gb, true);
    INFO(hash);
    UrlState back = decode_url_hash("#" + hash, catalog(), defaults());
    CHECK(back.problems.empty());
    CHECK(back.embed);
    CHECK(back.unit == ByteUnit::gb);
    CHECK(scenario_to_json(back.scenario) == scenario_to_json(s));
  }
  CHECK(decode_ok("hw=none").hardware.empty());
  CHECK(decode_ok("c=32k").context == 32768);
  CHECK(decode_ok("hw=rtx-4090:3").hardware.at(0).count == 3);
  CHECK(decode_ok("kv=q8_0&kvv=iq4_nl").kv_cache_type_v == "iq4_nl");
  CHECK(decode_ok("kvv=q8_0&kv=q8_0").kv_cache_type_v.empty());  // V as K is said once
}

TEST_CASE("inline specs travel as base64url JSON", "[ui][url]") {
  const Scenario s = scenario_from_json(
      R"({"model": {"name": "Tiny", "hidden_size": 512, "num_hidden_layers": 4,
          "num_attention_heads": 8, "num_key_value_heads": 8, "head_dim": 64,
          "intermediate_size": 1024, "vocab_size": 1000, "max_position_embeddings": 4096,
          "tie_word_embeddings": true, "attention_bias": false},
          "hardware": [{"name": "My GPU", "kind": "gpu", "memory_bytes": 8000000000,
                        "bandwidth_bytes_per_s": 400000000000, "fp16_flops": 30000000000000}]})");
  const std::string hash = encode_url_hash(s, ByteUnit::gib);
  CHECK(hash.rfind("s=", 0) == 0);
  const std::string packed = hash.substr(2, hash.find('&') - 2);
  CHECK(packed.find_first_of("+/=#") == std::string::npos);
  CHECK(hash.substr(2 + packed.size()) == "&u=gib");
  UrlState back = decode_url_hash(hash, catalog(), defaults());
  CHECK(back.problems.empty());
  CHECK(scenario_to_json(back.scenario) == scenario_to_json(s));
  // Short keys after s= override its fields.
  CHECK(decode_url_hash(hash + "&c=2048", catalog(), defaults()).scenario.context == 2048);
}

TEST_CASE("a vLLM serving workload travels in the packed scenario", "[ui][url]") {
  const Scenario s = scenario_from_json(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm",
      "hardware":[{"id":"h100-sxm-80gb"}],"serving":{"requests":320,"output_tokens":224,"vllm_version":"0.5.4"}})");
  const std::string hash = encode_url_hash(s, std::nullopt);
  CHECK(hash.rfind("s=", 0) == 0);
  const Scenario back = decode_ok(hash);
  REQUIRE(back.serving);
  CHECK(back.serving->requests == 320);
  CHECK(scenario_to_json(back) == scenario_to_json(s));
}

TEST_CASE("vLLM's memory settings survive a link", "[ui][url]") {
  const Scenario s = scenario_from_json(R"({"model":"llama-3.1-8b","quant":"BF16","engine":"vllm",
      "hardware":[{"id":"h100-sxm-80gb"}],"gpu_memory_utilization":0.8,"max_num_batched_tokens":4096,
      "kv_cache_memory_bytes":20000000000})");
  const Scenario back = decode_ok(encode_url_hash(s, std::nullopt));
  CHECK(scenario_to_json(back) == scenario_to_json(s));
}

TEST_CASE("a mangled hash falls back part by part with a message", "[ui][url]") {
  const Scenario d = defaults();
  struct Case {
    const char* hash;
    std::size_t problems;
  };
  const Case cases[] = {
      {"m=no-such-model&c=16384", 1},
      {"c=abc&q=Q8_0", 1},
      {"c=-5", 1},
      {"c=99999999999999999999", 1},
      {"kv=f99&hw=rtx-4090x2", 1},
      {"kv=q8_0&kvv=q3_k", 1},
      {"hw=no-such-gpu", 1},
      {"hw=rtx-4090x0", 1},
      {"hw=rtx-4090,nope", 1},
      {"q=Q9_X", 1},
      {"garbage", 1},
      {"%%%&&&===", 2},
      {"m=%ZZ", 1},
      {"s=eyJtb2RlbCI6Imxs", 1},  // base64 of a JSON cut short
      {"s=!!!", 1},
      {"u=tb&embed=maybe&zz=1", 3},
      {"off=layers&fa=2&n=0&ub=x&e=tensorrt", 5},
      {"li=halfway", 1},
  };
  for (const Case& c : cases) {
    INFO(c.hash);
    UrlState s;
    REQUIRE_NOTHROW(s = decode_url_hash(c.hash, catalog(), d));
    for (const std::string& p : s.problems) UNSCOPED_INFO(p);
    CHECK(s.problems.size() == c.problems);
    CHECK_NOTHROW(scenario_to_json(s.scenario));
  }
  // The good parts still apply; the bad ones keep the defaults.
  UrlState s = decode_url_hash("m=no-such-model&c=16384&q=Q8_0", catalog(), d);
  CHECK(s.scenario.model.id == d.model.id);
  CHECK(s.scenario.context == 16384);
  CHECK(s.scenario.quant == "Q8_0");
  REQUIRE(s.problems.size() == 1);
  CHECK(s.problems[0].find("no-such-model") != std::string::npos);
  CHECK(decode_url_hash("kv=f99&hw=rtx-4090x2", catalog(), d).scenario.hardware.at(0).count == 2);
  CHECK(decode_url_hash(std::string(100000, 'x'), catalog(), d).problems.size() == 1);
}

TEST_CASE("AppState applies a hash and turns problems into notices", "[ui][url]") {
  AppState state(catalog());
  CHECK_FALSE(state.apply_url_hash("#m=qwen2.5-7b&c=4096&hw=rtx-3090x2&u=gib"));
  CHECK(state.scenario().model.id == "qwen2.5-7b");
  CHECK(state.unit == ByteUnit::gib);
  CHECK(state.url_hash() == "m=qwen2.5-7b&q=Q4_K_M&c=4096&kv=f16&hw=rtx-3090x2&u=gib");
  CHECK(state.apply_url_hash("#embed=1&c=oops"));
  CHECK(state.embed);
  CHECK(state.notices.size() == 1);
  // A new link replaces the link's notices, never the page's other messages (a refused import).
  state.messages.push_back("\"x.gguf\" is imported for this visit only");
  CHECK_FALSE(state.apply_url_hash("#m=qwen2.5-7b"));
  CHECK(state.notices.empty());
  CHECK(state.messages.size() == 1);
}

TEST_CASE("base64url and percent-encoding are exact inverses", "[ui][url]") {
  for (std::string text : {"", "a", "ab", "abc", "abcd", "\xff\xfe\x00 x", "{\"model\": 1}"}) {
    CHECK(base64url_decode(base64url_encode(text)) == text);
    CHECK(percent_decode(percent_encode(text)) == text);
  }
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  CHECK_FALSE(base64url_decode("a").has_value());
  CHECK_FALSE(percent_decode("%4").has_value());
  CHECK(percent_encode("a b&c=d#") == "a%20b%26c%3Dd%23");
}

TEST_CASE("an imported GGUF model travels in the hash with its file's weights", "[ui][url][import]") {
  const std::string model =
      R"({"name": "tiny.gguf", "hf_config": {"model_type": "llama", "hidden_size": 512,
          "num_hidden_layers": 2, "num_attention_heads": 8, "num_key_value_heads": 2,
          "intermediate_size": 1024, "vocab_size": 1000},
          "file_weights": {"file": "tiny.gguf", "embedding": 1000, "output": 2000,
                           "layers": [[300, 0], [400, 0]], "types": [["Q4_K", 4, 4096, 3700]]}})";
  const Scenario s = scenario_from_json(R"({"model": )" + model + R"(, "quant": "Q8_0", "context": 2048})");
  const std::string hash = encode_url_hash(s, ByteUnit::gb);
  CHECK(hash.rfind("s=", 0) == 0);
  UrlState back = decode_url_hash(hash, catalog(), defaults());
  CHECK(back.problems.empty());
  CHECK(scenario_to_json(back.scenario) == scenario_to_json(s));
  REQUIRE(back.scenario.model.inline_spec);
  REQUIRE(back.scenario.model.inline_spec->file_weights);
  CHECK(back.scenario.model.inline_spec->file_weights->bytes() == 3700);
  CHECK(estimate(back.scenario, catalog()).weights_bytes == 3700);

  // Mangled: cut short, or a tampered file_weights: one message, the defaults, no throw.
  for (const std::string& bad : {hash.substr(0, hash.size() / 2),
                                 "s=" + base64url_encode(R"({"model": )" +
                                                         std::string(model).replace(model.find("[[300"), 5, "[[-30") +
                                                         "}")}) {
    UrlState mangled = decode_url_hash(bad, catalog(), defaults());
    CHECK(mangled.problems.size() == 1);
    CHECK(scenario_to_json(mangled.scenario) == scenario_to_json(defaults()));
  }
}

TEST_CASE("the prompt length and disk speed travel in the link, and a prompt past the context follows it", "[ui][url]") {
  const Scenario s = scenario_from_json(
      R"({"model": "llama-3.1-8b", "context": 8192, "prompt_tokens": 2000, "disk_bandwidth_bytes_per_s": 3500000000,
          "hardware": ["rtx-4090"]})");
  const std::string hash = encode_url_hash(s, std::nullopt);
  CHECK(hash.find("&p=2000") != std::string::npos);
  const Scenario back = decode_ok(hash);
  CHECK(back.prompt_tokens == 2000);
  CHECK(back.disk_bandwidth_bytes_per_s == 3500000000);
  const UrlState too_long = decode_url_hash("m=llama-3.1-8b&c=1024&p=4096", catalog(), defaults());
  CHECK(too_long.problems.size() == 1);
  CHECK(too_long.scenario.prompt_tokens == 1024);
}

TEST_CASE("a custom device from the form travels in a share link and comes back the same", "[ui][url][custom]") {
  const HardwareSpec* base = catalog().find_hardware("rtx-3090");
  REQUIRE(base != nullptr);
  CustomDeviceDraft d = draft_from_device(*base, false, 3, ByteUnit::gib);
  std::snprintf(d.name.data(), d.name.size(), "%s", "Modded 3090 & 48 GB #2");  // & and # in a link
  std::snprintf(d.memory.data(), d.memory.size(), "%s", "48");
  std::snprintf(d.tflops.data(), d.tflops.size(), "%s", "71.2");
  const CustomDeviceCheck check = check_custom_device(d);
  REQUIRE(check.spec);
  Scenario s = defaults();
  s.hardware = {HardwareRef{"", *check.spec, 3}};
  for (ByteUnit unit : {ByteUnit::gb, ByteUnit::gib}) {
    const std::string hash = encode_url_hash(s, unit);
    CHECK(hash.rfind("s=", 0) == 0);
    const UrlState back = decode_url_hash(hash, catalog(), defaults());
    CHECK(back.problems.empty());
    CHECK(scenario_to_json(back.scenario) == scenario_to_json(s));
    REQUIRE(back.scenario.hardware.size() == 1);
    const HardwareRef& ref = back.scenario.hardware.front();
    REQUIRE(ref.inline_spec);
    CHECK(ref.count == 3);
    CHECK(ref.inline_spec->name == "Modded 3090 & 48 GB #2");
    CHECK(ref.inline_spec->memory_bytes == std::int64_t(48) << 30);
    CHECK(ref.inline_spec->bandwidth_bytes_per_s == base->bandwidth_bytes_per_s);
    CHECK(ref.inline_spec->fp16_flops == Approx(71.2e12));
    CHECK(back.unit == unit);
  }
  // AppState shows it from the link as the page does.
  AppState state(catalog());
  CHECK_FALSE(state.apply_url_hash(encode_url_hash(s, ByteUnit::gib)));
  CHECK(scenario_to_json(state.scenario()) == scenario_to_json(s));
  CHECK(state.url_hash() == encode_url_hash(s, ByteUnit::gib));
}
