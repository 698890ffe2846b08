// GGUF reader: round trips through the tests' own writer (v2 and v3, every value type),
// exact tensor bytes, catalog models written as GGUF headers and read back (the weights equal
// the estimate's, the ModelSpec the catalog's), prefixes at every length, and hostile input.
#include <catch2/catch.hpp>

#include <map>

#include "errors.h"
#include "gguf_reader.h"
#include "gguf_writer.h"
#include "test_support.h"

using namespace headroom;
using headroom::test::GgufBytes;
using headroom::test::GgufWriter;
namespace t = headroom::test;

namespace {

constexpr std::uint32_t kF32 = 0, kF16 = 1, kQ8_0 = 8, kQ8_1 = 9, kQ4_K = 12, kQ6_K = 14, kMXFP4 = 39;

GgufFile parse_all(const std::vector<std::uint8_t>& bytes) {
  GgufParse p = parse_gguf(bytes);
  REQUIRE(p.complete);
  return std::move(p.file);
}

// The InputError a whole-file parse throws, as "field: message".
std::string error_of(const std::vector<std::uint8_t>& bytes) {
  try {
    (void)parse_gguf(bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

std::uint64_t f32_bytes(std::initializer_list<std::uint64_t> dims) {
  std::uint64_t n = 4;
  for (auto d : dims) n *= d;
  return n;
}

// A small llama-like header with every kind of metadata value.
GgufWriter small_file(std::uint32_t version) {
  GgufWriter w(version);
  w.kv_str("general.architecture", "llama")
      .kv_str("general.name", "Tiny Llama \xE2\x9C\x93")
      .kv_u32("llama.block_count", 2)
      .kv_u64("llama.context_length", 2048)
      .kv_u32("llama.embedding_length", 64)
      .kv_u32("llama.feed_forward_length", 128)
      .kv_u32("llama.attention.head_count", 4)
      .kv_u32("llama.attention.head_count_kv", 2)
      .kv_f32("llama.rope.freq_base", 500000.0f)
      .kv_bool("tokenizer.ggml.add_bos_token", true)
      .kv_i32("tokenizer.ggml.bos_token_id", -1)
      .kv("test.u8", GgufBytes().u32(t::kU8).u8(250))
      .kv("test.i8", GgufBytes().u32(t::kI8).u8(0x80))
      .kv("test.u16", GgufBytes().u32(t::kU16).u16(65535))
      .kv("test.i16", GgufBytes().u32(t::kI16).u16(0x8000))
      .kv("test.i64", GgufBytes().u32(t::kI64).u64(std::uint64_t(-5)))
      .kv("test.f64", GgufBytes().u32(t::kF64).f64(0.125))
      .kv("test.u64_max", GgufBytes().u32(t::kU64).u64(~0ull))
      .kv("test.nested", GgufBytes().u32(t::kArray).u32(t::kArray).u64(2)
                             .u32(t::kString).u64(2).str("a").str("bc")
                             .u32(t::kI32).u64(1).i32(-7))
      .kv_str_array("tokenizer.ggml.tokens", {"<s>", "</s>", "a", "b", "c", "d", "e", "f"});
  w.tensor("token_embd.weight", {64, 8}, kF32, f32_bytes({64, 8}));
  for (int il = 0; il < 2; ++il) {
    const std::string b = "blk." + std::to_string(il) + ".";
    w.tensor(b + "attn_norm.weight", {64}, kF32, f32_bytes({64}))
        .tensor(b + "attn_q.weight", {64, 64}, kF32, f32_bytes({64, 64}))
        .tensor(b + "attn_k.weight", {64, 32}, kF32, f32_bytes({64, 32}))
        .tensor(b + "attn_v.weight", {64, 32}, kF32, f32_bytes({64, 32}))
        .tensor(b + "attn_output.weight", {64, 64}, kF32, f32_bytes({64, 64}))
        .tensor(b + "ffn_norm.weight", {64}, kF32, f32_bytes({64}))
        .tensor(b + "ffn_gate.weight", {64, 128}, kF32, f32_bytes({64, 128}))
        .tensor(b + "ffn_up.weight", {64, 128}, kF32, f32_bytes({64, 128}))
        .tensor(b + "ffn_down.weight", {128, 64}, kF32, f32_bytes({128, 64}));
  }
  w.tensor("output_norm.weight", {64}, kF32, f32_bytes({64}));
  w.tensor("output.weight", {64, 8}, kF32, f32_bytes({64, 8}));
  return w;
}

// GGUF architecture names for config.json model types.
std::string gguf_arch(const std::string& model_type) {
  static const std::map<std::string, std::string> names = {
      {"mistral", "llama"}, {"mixtral", "llama"},       {"qwen3_moe", "qwen3moe"}, {"qwen2_moe", "qwen2moe"},
      {"gpt_oss", "gpt-oss"}, {"deepseek_v3", "deepseek2"}, {"kimi_k2", "deepseek2"}, {"deepseek_v2", "deepseek2"}};
  const auto it = names.find(model_type);
  return it == names.end() ? model_type : it->second;
}

// A catalog model written as a GGUF header the way llama.cpp's converter and quantizer would:
// its metadata keys, and every tensor of its inventory at the type `mix` gives it.
std::vector<std::uint8_t> gguf_for(const ModelSpec& s, const std::string& mix_id, std::int64_t* expected_bytes) {
  const QuantTable& q = t::catalog().quants;
  const QuantMix& mix = *q.find_mix(mix_id);
  const std::string a = gguf_arch(s.architecture);
  GgufWriter w(3);
  const auto u32 = [](std::int64_t v) { return std::uint32_t(v); };
  w.kv_str("general.architecture", a).kv_str("general.name", s.name);
  w.kv_u32(a + ".block_count", u32(s.num_hidden_layers))
      .kv_u32(a + ".context_length", u32(s.max_position_embeddings))
      .kv_u32(a + ".embedding_length", u32(s.hidden_size))
      .kv_u32(a + ".feed_forward_length", u32(s.intermediate_size))
      .kv_u32(a + ".attention.head_count", u32(s.num_attention_heads))
      .kv_u32(a + ".attention.head_count_kv", u32(s.is_mla() ? 1 : s.num_key_value_heads));
  if (s.sliding_window > 0) w.kv_u32(a + ".attention.sliding_window", u32(s.sliding_window));
  if (s.is_mla()) {
    w.kv_u32(a + ".attention.kv_lora_rank", u32(s.kv_lora_rank))
        .kv_u32(a + ".rope.dimension_count", u32(s.qk_rope_head_dim))
        .kv_u32(a + ".attention.key_length", u32(s.kv_lora_rank + s.qk_rope_head_dim))  // absorbed MQA form
        .kv_u32(a + ".attention.value_length", u32(s.kv_lora_rank))
        .kv_u32(a + ".attention.key_length_mla", u32(s.qk_nope_head_dim + s.qk_rope_head_dim))
        .kv_u32(a + ".attention.value_length_mla", u32(s.v_head_dim));
    if (s.q_lora_rank > 0) w.kv_u32(a + ".attention.q_lora_rank", u32(s.q_lora_rank));
  } else {
    w.kv_u32(a + ".attention.key_length", u32(s.head_dim)).kv_u32(a + ".attention.value_length", u32(s.head_dim));
  }
  if (s.is_moe()) {
    w.kv_u32(a + ".expert_count", u32(s.num_experts))
        .kv_u32(a + ".expert_used_count", u32(s.num_experts_per_tok))
        .kv_u32(a + ".expert_feed_forward_length", u32(s.moe_intermediate_size))
        .kv_u32(a + ".leading_dense_block_count", u32(s.first_k_dense_replace));
  }
  std::int64_t total = 0;
  const std::vector<TensorInfo> inventory = build_inventory(s);
  const std::vector<const StorageType*> types = q.assign_types(mix, inventory, s);
  for (std::size_t i = 0; i < inventory.size(); ++i) {
    const TensorInfo& ti = inventory[i];
    const StorageType& type = *types[i];
    const std::int64_t bytes = tensor_bytes(type, ti.row, ti.rows);
    total += bytes;
    std::uint32_t id = 0;
    while (ggml_type_name(id) == nullptr || type.id != ggml_type_name(id)) ++id;
    std::vector<std::uint64_t> dims{std::uint64_t(ti.row)};
    if (ti.rows > 1) dims.push_back(std::uint64_t(ti.rows));
    w.tensor(ti.name, dims, id, std::uint64_t(bytes));
  }
  if (expected_bytes) *expected_bytes = total;
  return w.bytes();
}

}  // namespace

TEST_CASE("GGUF v2 and v3 headers round-trip every metadata value type", "[gguf]") {
  for (std::uint32_t version : {2u, 3u}) {
    CAPTURE(version);
    const GgufFile f = parse_all(small_file(version).bytes());
    CHECK(f.version == version);
    CHECK(f.architecture() == "llama");
    CHECK(f.find("general.name")->string_value == "Tiny Llama \xE2\x9C\x93");
    CHECK(f.find("llama.context_length")->as_int() == 2048);
    CHECK(f.find("llama.rope.freq_base")->float_value == 500000.0);
    CHECK(f.find("tokenizer.ggml.add_bos_token")->uint_value == 1);
    CHECK(f.find("tokenizer.ggml.bos_token_id")->as_int() == -1);
    CHECK(f.find("test.u8")->as_int() == 250);
    CHECK(f.find("test.i8")->as_int() == -128);
    CHECK(f.find("test.u16")->as_int() == 65535);
    CHECK(f.find("test.i16")->as_int() == -32768);
    CHECK(f.find("test.i64")->as_int() == -5);
    CHECK(f.find("test.f64")->float_value == 0.125);
    CHECK(f.find("test.u64_max")->uint_value == ~0ull);
    CHECK_FALSE(f.find("test.u64_max")->as_int().has_value());  // does not fit int64
    const GgufValue& nested = *f.find("test.nested");
    REQUIRE(nested.type == GgufType::array);
    CHECK(nested.element_type == GgufType::array);
    REQUIRE(nested.elements.size() == 2);
    CHECK(nested.elements[0].elements[1].string_value == "bc");
    CHECK(nested.elements[1].elements[0].as_int() == -7);
    CHECK(f.find("tokenizer.ggml.tokens")->array_length == 8);
    REQUIRE(f.tensors.size() == 21);
    CHECK(f.tensors[1].name == "blk.0.attn_norm.weight");
    CHECK(f.tensors[2].dims == std::vector<std::int64_t>{64, 64});
    CHECK(f.tensors[2].type_name == "F32");
    CHECK(f.tensors[0].offset == 0);
    CHECK(f.tensors[1].offset == 2048);
    CHECK(f.data_offset % 32 == 0);
    CHECK(f.data_offset >= f.header_bytes);
    CHECK(f.warnings.empty());
    // The file's layout agrees with the catalog's F32 size, tensor by tensor.
    CHECK(gguf_weights_bytes(f, t::catalog().quants) == 4 * (64 * 8 * 2 + 64 + 2 * (64 * 2 + 64 * 64 * 2 + 64 * 32 * 2 + 64 * 128 * 3)));
  }
}

TEST_CASE("GGUF tensor bytes are exact at ggml block sizes", "[gguf]") {
  const QuantTable& q = t::catalog().quants;
  GgufWriter w;
  w.kv_str("general.architecture", "llama");
  w.tensor("blk.0.attn_q.weight", {4096, 4096}, kQ4_K, 4096ull / 256 * 144 * 4096)
      .tensor("blk.0.ffn_down.weight", {14336, 4096}, kQ6_K, 14336ull / 256 * 210 * 4096)
      .tensor("blk.0.ffn_up.weight", {4096, 14336}, kQ8_0, 4096ull / 32 * 34 * 14336)
      .tensor("blk.0.ffn_up_exps.weight", {2880, 2880, 32}, kMXFP4, 2880ull / 32 * 17 * 2880 * 32)
      .tensor("blk.0.attn_norm.weight", {4096}, kF32, 4096 * 4)
      .tensor("token_embd.weight", {4096, 128256}, kF16, 4096ull * 2 * 128256);
  const GgufFile f = parse_all(w.bytes());
  const auto sizes = gguf_tensor_sizes(f, q);
  REQUIRE(sizes.size() == 6);
  CHECK(sizes[0].bytes == 9'437'184);  // 16 blocks x 144 B x 4096 rows
  CHECK(sizes[1].bytes == 56 * 210 * 4096);
  CHECK(sizes[2].bytes == 128 * 34 * 14336);
  CHECK(sizes[3].bytes == 90 * 17 * 2880 * 32);
  CHECK(sizes[4].bytes == 16384);
  CHECK(sizes[5].bytes == 4096ll * 2 * 128256);
  CHECK(sizes[0].cls == TensorClass::attn_q);
  CHECK(sizes[0].layer == 0);
  CHECK(sizes[3].cls == TensorClass::ffn_up_exps);
  CHECK(sizes[4].cls == TensorClass::norm);
  CHECK(sizes[5].cls == TensorClass::token_embedding);
  CHECK(sizes[5].layer == -1);
  std::int64_t sum = 0;
  for (const auto& s : sizes) sum += s.bytes;
  CHECK(gguf_weights_bytes(f, q) == sum);
}

TEST_CASE("GGUF tensor names map to inventory classes", "[gguf]") {
  int layer = 0;
  CHECK(gguf_tensor_class("blk.17.ffn_down_exps.weight", &layer) == TensorClass::ffn_down_exps);
  CHECK(layer == 17);
  CHECK(gguf_tensor_class("blk.3.attn_q.bias") == TensorClass::attn_q);
  CHECK(gguf_tensor_class("blk.3.post_attention_norm.weight") == TensorClass::norm);
  CHECK(gguf_tensor_class("blk.3.attn_k_b.weight") == TensorClass::attn_kv_b);
  CHECK(gguf_tensor_class("output.weight", &layer) == TensorClass::output_head);
  CHECK(layer == -1);
  CHECK(gguf_tensor_class("output_norm.weight") == TensorClass::output_norm);
  CHECK_FALSE(gguf_tensor_class("rope_freqs.weight").has_value());
  CHECK_FALSE(gguf_tensor_class("blk.x.attn_q.weight").has_value());
}

TEST_CASE("A Llama-3.1-8B Q8_0 GGUF header gives the estimate's weights bytes and the catalog's spec", "[gguf]") {
  const ModelSpec& spec = *t::catalog().find_model("llama-3.1-8b");
  std::int64_t expected = 0;
  const auto bytes = gguf_for(spec, "Q8_0", &expected);
  const GgufFile f = parse_all(bytes);
  // 9 per block x 32 + embedding, output norm, output: the count llama.cpp prints for the
  // published Meta-Llama-3-8B-Instruct-q8_0.gguf ("loaded meta data with 22 key-value pairs and
  // 291 tensors", log in abetlen/llama-cpp-python#1525; same shapes as 3.1, whose later GGUFs add
  // rope_freqs). Its weights against published file sizes: tests/reference/file_sizes.json.
  CHECK(f.tensors.size() == 291);
  const Estimate e = t::estimate_for(R"({"model": "llama-3.1-8b", "quant": "Q8_0", "context": 8192})");
  CHECK(gguf_weights_bytes(f, t::catalog().quants) == e.weights_bytes);
  CHECK(gguf_weights_bytes(f, t::catalog().quants) == expected);

  std::vector<std::string> warnings;
  const ModelSpec g = model_from_gguf(f, &warnings);
  CHECK(warnings.empty());
  CHECK(g.architecture == "llama");
  CHECK(g.hidden_size == spec.hidden_size);
  CHECK(g.num_hidden_layers == spec.num_hidden_layers);
  CHECK(g.num_attention_heads == spec.num_attention_heads);
  CHECK(g.num_key_value_heads == spec.num_key_value_heads);
  CHECK(g.head_dim == spec.head_dim);
  CHECK(g.intermediate_size == spec.intermediate_size);
  CHECK(g.vocab_size == spec.vocab_size);
  CHECK(g.max_position_embeddings == spec.max_position_embeddings);
  CHECK(g.tie_word_embeddings == spec.tie_word_embeddings);
}

TEST_CASE("Catalog models written as GGUF headers read back to the same tensor inventory", "[gguf]") {
  for (const char* id : {"llama-3.2-1b", "mistral-7b-v0.3", "mixtral-8x7b", "qwen2.5-7b", "qwen3-8b", "qwen3-30b-a3b",
                         "gemma-2-9b", "gpt-oss-20b", "deepseek-v3", "kimi-k2-instruct", "olmo-2-7b"}) {
    CAPTURE(id);
    const ModelSpec& spec = *t::catalog().find_model(id);
    std::int64_t expected = 0;
    const GgufFile f = parse_all(gguf_for(spec, "Q4_K_M", &expected));
    CHECK(gguf_weights_bytes(f, t::catalog().quants) == expected);
    std::vector<std::string> warnings;
    const ModelSpec g = model_from_gguf(f, &warnings);
    CHECK(g.tie_word_embeddings == spec.tie_word_embeddings);
    CHECK(g.sliding_window == spec.sliding_window);
    CHECK(g.num_experts == spec.num_experts);
    CHECK(g.is_mla() == spec.is_mla());
    REQUIRE(g.layers.size() == spec.layers.size());
    for (std::size_t il = 0; il < g.layers.size(); ++il) {
      CAPTURE(il);
      CHECK(g.layers[il].attention == spec.layers[il].attention);
      CHECK(g.layers[il].ffn == spec.layers[il].ffn);
    }
    const auto want = build_inventory(spec), got = build_inventory(g);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CAPTURE(want[i].name);
      CHECK(got[i].name == want[i].name);
      CHECK(got[i].elements() == want[i].elements());
    }
    // The estimate for the imported spec matches the catalog model's.
    CHECK(count_parameters(got, g).total == count_parameters(want, spec).total);
    CHECK(count_parameters(got, g).active == count_parameters(want, spec).active);
  }
}

TEST_CASE("GGUF metadata variants: per-layer KV heads, sliding patterns, missing keys", "[gguf]") {
  const auto base = [](const char* arch) {
    GgufWriter w;
    const std::string a = arch;
    w.kv_str("general.architecture", a)
        .kv_u32(a + ".block_count", 4)
        .kv_u32(a + ".embedding_length", 256)
        .kv_u32(a + ".feed_forward_length", 512)
        .kv_u32(a + ".attention.head_count", 8)
        .kv_str_array("tokenizer.ggml.tokens", {"a", "b", "c"});
    return w;
  };
  SECTION("per-layer head_count_kv takes the largest and warns") {
    GgufWriter w = base("llama");
    w.kv_u32_array("llama.attention.head_count_kv", {2, 4, 4, 2});
    std::vector<std::string> warnings;
    const ModelSpec s = model_from_gguf(parse_all(w.bytes()), &warnings);
    CHECK(s.num_key_value_heads == 4);
    CHECK(s.vocab_size == 3);
    CHECK(warnings.size() == 2);  // no tensors listed, and per-layer KV heads
  }
  SECTION("gemma3 slides 5 of every 6 layers; an explicit bool pattern wins") {
    GgufWriter w = base("gemma3");
    w.kv_u32("gemma3.attention.sliding_window", 1024);
    const ModelSpec s = model_from_gguf(parse_all(w.bytes()));
    CHECK(s.sliding_window == 1024);
    CHECK(s.layers[0].attention == LayerAttention::sliding);
    CHECK(s.layers[3].attention == LayerAttention::sliding);
    CHECK(s.qk_norm);
    CHECK(s.tie_word_embeddings);
    GgufWriter p = base("llama");
    p.kv_u32("llama.attention.sliding_window", 4096)
        .kv("llama.attention.sliding_window_pattern",
            GgufBytes().u32(t::kArray).u32(t::kBool).u64(4).u8(1).u8(0).u8(0).u8(1));
    const ModelSpec q = model_from_gguf(parse_all(p.bytes()));
    CHECK(q.layers[0].attention == LayerAttention::sliding);
    CHECK(q.layers[1].attention == LayerAttention::full);
    CHECK(q.layers[3].attention == LayerAttention::sliding);
  }
  SECTION("a missing key is named") {
    GgufWriter w;
    w.kv_str("general.architecture", "qwen3").kv_u32("qwen3.block_count", 4);
    CHECK_THROWS_WITH(model_from_gguf(parse_all(w.bytes())), Catch::Contains("gguf.metadata.qwen3.embedding_length: is missing"));
    GgufWriter x;
    CHECK_THROWS_WITH(model_from_gguf(parse_all(x.bytes())), Catch::Contains("general.architecture"));
  }
  SECTION("absurd numbers fail validation, naming the key") {
    GgufWriter w = base("llama");
    w.kv_u64("llama.block_count", 1ull << 40);
    CHECK_THROWS_WITH(model_from_gguf(parse_all(w.bytes())), Catch::Contains("duplicate key"));
    GgufWriter y;
    y.kv_str("general.architecture", "llama").kv_u32("llama.embedding_length", 64).kv_u64("llama.block_count", 1ull << 40);
    CHECK_THROWS_WITH(model_from_gguf(parse_all(y.bytes())), Catch::Contains("gguf.metadata.llama.block_count: must be between 1 and 10000"));
    GgufWriter z = base("llama");
    z.kv_str("llama.context_length", "long");
    CHECK_THROWS_WITH(model_from_gguf(parse_all(z.bytes())), Catch::Contains("llama.context_length: must be an integer (got string)"));
  }
}

TEST_CASE("GGUF prefixes ask for more bytes at every length, whole-file truncations are errors", "[gguf]") {
  const auto full = small_file(3).bytes();
  const GgufFile whole = parse_all(full);
  for (std::size_t n = 0; n < full.size(); ++n) {
    CAPTURE(n);
    const std::span<const std::uint8_t> prefix(full.data(), n);
    const GgufParse p = parse_gguf(prefix, full.size());
    REQUIRE_FALSE(p.complete);
    CHECK(p.need_bytes > n);
    CHECK(p.need_bytes <= full.size());
    // The same bytes as a whole (truncated) file: a clear error, never a crash.
    try {
      (void)parse_gguf(prefix);
      FAIL("a truncated file parsed");
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).find("gguf.") == 0);
    }
  }
  // The browser's loop: read at least what is asked (and at least double) until complete.
  std::size_t have = 0;
  int rounds = 0;
  for (;; ++rounds) {
    const GgufParse p = parse_gguf(std::span<const std::uint8_t>(full.data(), have), full.size());
    if (p.complete) {
      CHECK(p.file.tensors.size() == whole.tensors.size());
      break;
    }
    have = std::min(full.size(), std::max(std::size_t(p.need_bytes), 2 * have));
  }
  CHECK(rounds < 16);
  // More bytes than the header (the data section) change nothing.
  auto longer = full;
  longer.resize(full.size() + 4096, 0);
  CHECK(parse_all(longer).tensors.size() == whole.tensors.size());
}

TEST_CASE("GGUF hostile headers fail with the field and byte offset", "[gguf]") {
  SECTION("magic and versions") {
    CHECK_THAT(error_of(GgufWriter().magic(0x4C4C4747).bytes()), Catch::StartsWith("gguf.magic: not a GGUF file"));
    CHECK_THAT(error_of(GgufWriter(1).bytes()), Catch::Contains("GGUF version 1") && Catch::Contains("not supported"));
    CHECK_THAT(error_of(GgufWriter(4).bytes()), Catch::Contains("unsupported GGUF version 4"));
    CHECK_THAT(error_of(GgufWriter(0x03000000).bytes()), Catch::Contains("big-endian"));
    CHECK_THAT(error_of({}), Catch::StartsWith("gguf.magic"));
  }
  SECTION("2^63 counts are refused before anything is allocated") {
    CHECK_THAT(error_of(GgufWriter().override_tensor_count(1ull << 63).bytes()),
               Catch::StartsWith("gguf.tensor_count: claims 9223372036854775808 tensor infos") && Catch::Contains("at byte 8"));
    CHECK_THAT(error_of(GgufWriter().override_kv_count(1ull << 63).bytes()),
               Catch::StartsWith("gguf.metadata_kv_count: claims 9223372036854775808"));
    CHECK_THAT(error_of(GgufWriter().override_kv_count(~0ull).bytes()), Catch::StartsWith("gguf.metadata_kv_count"));
    GgufWriter arr;
    arr.kv("big", GgufBytes().u32(t::kArray).u32(t::kU8).u64(1ull << 63));
    CHECK_THAT(error_of(arr.bytes()), Catch::StartsWith("gguf.metadata.big.length: claims 9223372036854775808 elements"));
    GgufWriter nested;
    nested.kv("big", GgufBytes().u32(t::kArray).u32(t::kArray).u64(1ull << 62));
    CHECK_THAT(error_of(nested.bytes()), Catch::StartsWith("gguf.metadata.big.length"));
    GgufWriter str;
    str.kv("s", GgufBytes().u32(t::kString).u64(1ull << 63));
    CHECK_THAT(error_of(str.bytes()), Catch::StartsWith("gguf.metadata.s: string length 9223372036854775808"));
    // Even with a huge file announced, a long string only asks for its bytes.
    const auto long_string = GgufWriter().kv("s", GgufBytes().u32(t::kString).u64(1ull << 28)).bytes();
    const GgufParse p = parse_gguf(long_string, 1ull << 50);
    CHECK_FALSE(p.complete);
    CHECK(p.need_bytes == long_string.size() + (1ull << 28));
    // ... up to a limit: past kGgufMaxHeaderBytes it is an error, not a request.
    const auto huge = GgufWriter().kv("s", GgufBytes().u32(t::kString).u64(1ull << 40)).bytes();
    CHECK_THROWS_WITH(parse_gguf(huge, 1ull << 50), Catch::Contains("the header runs past 512 MiB"));
  }
  SECTION("dims: zero, too many, overflowing products") {
    const auto with = [](GgufBytes tensor) { return GgufWriter().raw_tensor(tensor).bytes(); };
    CHECK_THAT(error_of(with(GgufBytes().str("a").u32(2).u64(4).u64(0).u32(0).u64(0))),
               Catch::StartsWith("gguf.tensor_infos[0].dims[1]: is 0"));
    CHECK_THAT(error_of(with(GgufBytes().str("a").u32(5).u64(1).u64(1).u64(1).u64(1).u64(1).u32(0).u64(0))),
               Catch::StartsWith("gguf.tensor_infos[0].n_dims: is 5"));
    CHECK_THAT(error_of(with(GgufBytes().str("a").u32(2).u64(1ull << 32).u64(1ull << 32).u32(0).u64(0))),
               Catch::StartsWith("gguf.tensor_infos[0].dims: tensor \"a\" has more elements than a 64-bit count holds"));
    CHECK_THAT(error_of(with(GgufBytes().str("a").u32(1).u64(~0ull).u32(0).u64(0))),
               Catch::StartsWith("gguf.tensor_infos[0].dims"));
    // Elements fit int64, bytes do not: caught when sizing.
    const GgufFile f = parse_all(with(GgufBytes().str("a").u32(2).u64(1ull << 31).u64(1ull << 31).u32(0).u64(0)));
    CHECK_THROWS_WITH(gguf_weights_bytes(f, t::catalog().quants), Catch::Contains("larger than 2^63 bytes"));
  }
  SECTION("types, offsets, alignment") {
    const auto with = [](GgufBytes tensor) { return GgufWriter().raw_tensor(tensor).bytes(); };
    CHECK_THAT(error_of(with(GgufBytes().str("a").u32(1).u64(32).u32(31).u64(0))),
               Catch::StartsWith("gguf.tensor_infos[0].type: unknown ggml type 31") && Catch::Contains("re-quantize"));
    CHECK_THAT(error_of(with(GgufBytes().str("a").u32(1).u64(32).u32(400).u64(0))), Catch::Contains("unknown ggml type 400"));
    CHECK_THAT(error_of(with(GgufBytes().str("a").u32(1).u64(32).u32(0).u64(7))),
               Catch::StartsWith("gguf.tensor_infos[0].offset: is 7, not a multiple of the alignment (32)"));
    CHECK_THAT(error_of(GgufWriter().kv_u32("general.alignment", 24).bytes()), Catch::Contains("must be a power of two"));
    CHECK_THAT(error_of(GgufWriter().kv_u64("general.alignment", 64).bytes()), Catch::Contains("must be a uint32"));
    CHECK_THAT(error_of(GgufWriter().kv("k", GgufBytes().u32(13).u32(0)).bytes()), Catch::Contains("unknown metadata value type 13"));
    CHECK_THAT(error_of(GgufWriter().kv_u32("k", 1).kv_u32("k", 2).bytes()), Catch::Contains("duplicate key \"k\""));
    CHECK_THAT(error_of(GgufWriter().kv_u32("", 1).bytes()), Catch::StartsWith("gguf.metadata[0].key: is empty"));
    CHECK_THAT(error_of(GgufWriter().tensor("a", {32}, 0, 128).tensor("a", {32}, 0, 128).bytes()),
               Catch::Contains("duplicate tensor name \"a\""));
    // A row that is not whole blocks, a type the catalog lacks, an offset that disagrees.
    const QuantTable& q = t::catalog().quants;
    CHECK_THROWS_WITH(gguf_weights_bytes(parse_all(GgufWriter().tensor("a", {100, 2}, kQ4_K, 0).bytes()), q),
                      Catch::Contains("not a whole number of Q4_K blocks (256)"));
    CHECK_THROWS_WITH(gguf_weights_bytes(parse_all(GgufWriter().tensor("a", {32}, kQ8_1, 36).bytes()), q),
                      Catch::Contains("Q8_1") && Catch::Contains("does not define"));
    CHECK_THROWS_WITH(gguf_weights_bytes(parse_all(GgufWriter().tensor("a", {32}, kF32, 64).tensor("b", {32}, kF32, 128).bytes()), q),
                      Catch::StartsWith("gguf.tensor_infos[1].offset") && Catch::Contains("layout disagrees"));
  }
  SECTION("invalid UTF-8: keys and names rejected, values repaired with a warning") {
    CHECK_THAT(error_of(GgufWriter().kv_u32("bad\xC3(", 1).bytes()),
               Catch::StartsWith("gguf.metadata[0].key: is not valid UTF-8") && Catch::Contains("\\xc3"));
    CHECK_THAT(error_of(GgufWriter().kv_u32("over\xC0\xAF", 1).bytes()), Catch::Contains("not valid UTF-8"));
    CHECK_THAT(error_of(GgufWriter().kv_u32("surrogate\xED\xA0\x80", 1).bytes()), Catch::Contains("not valid UTF-8"));
    CHECK_THAT(error_of(GgufWriter().tensor("blk.\xFF", {32}, 0, 128).bytes()),
               Catch::StartsWith("gguf.tensor_infos[0].name: is not valid UTF-8"));
    const GgufFile f = parse_all(GgufWriter().kv_str("general.name", "caf\xE9").bytes());
    CHECK(f.find("general.name")->string_value == "caf\xEF\xBF\xBD");
    REQUIRE(f.warnings.size() == 1);
    CHECK_THAT(f.warnings[0], Catch::Contains("general.name"));
  }
  SECTION("arrays nest at most 8 deep") {
    const auto nested = [](int depth) {
      GgufBytes b;
      b.u32(t::kArray);
      for (int d = 1; d < depth; ++d) b.u32(t::kArray).u64(1);
      b.u32(t::kU8).u64(1).u8(7);
      return GgufWriter().kv("deep", b).bytes();
    };
    const GgufFile ok = parse_all(nested(8));
    CHECK(ok.find("deep")->elements[0].elements[0].type == GgufType::array);
    CHECK_THAT(error_of(nested(9)), Catch::Contains("arrays nested deeper than 8"));
    CHECK_THAT(error_of(nested(5000)), Catch::Contains("arrays nested deeper than 8"));
  }
}

TEST_CASE("Long arrays are counted, not kept", "[gguf]") {
  std::vector<std::string> tokens(70000, "tok");
  const GgufFile f = parse_all(GgufWriter().kv_str_array("tokenizer.ggml.tokens", tokens).bytes());
  const GgufValue& v = *f.find("tokenizer.ggml.tokens");
  CHECK(v.array_length == 70000);
  CHECK_FALSE(v.elements_kept);
  CHECK(v.elements.empty());
}

TEST_CASE("Split GGUFs combine their parts' tensors", "[gguf]") {
  const auto part = [](int no, int count, std::initializer_list<const char*> names) {
    GgufWriter w;
    if (no == 0) w.kv_str("general.architecture", "llama");
    w.kv("split.no", GgufBytes().u32(t::kU16).u16(std::uint16_t(no)))
        .kv("split.count", GgufBytes().u32(t::kU16).u16(std::uint16_t(count)))
        .kv("split.tensors.count", GgufBytes().u32(t::kI32).i32(3));
    for (const char* n : names) w.tensor(n, {256, 4}, kQ8_0, 8 * 34 * 4);
    return parse_all(w.bytes());
  };
  const std::vector<GgufFile> parts = {part(1, 2, {"c"}), part(0, 2, {"a", "b"})};
  const GgufFile all = combine_gguf_splits(parts);
  REQUIRE(all.tensors.size() == 3);
  CHECK(all.tensors[0].name == "a");
  CHECK(all.tensors[2].name == "c");
  CHECK(all.tensors[2].split == 1);
  CHECK(all.architecture() == "llama");
  CHECK(gguf_weights_bytes(all, t::catalog().quants) == 3 * 8 * 34 * 4);

  CHECK_THROWS_WITH(combine_gguf_splits(std::vector<GgufFile>{parts[1]}), Catch::Contains("missing part(s) 2"));
  CHECK_THROWS_WITH(combine_gguf_splits(std::vector<GgufFile>{parts[1], parts[1]}), Catch::Contains("given twice"));
  CHECK_THROWS_WITH(combine_gguf_splits(std::vector<GgufFile>{parts[1], part(1, 3, {"c"})}), Catch::Contains("first file says 2"));
  CHECK_THROWS_WITH(combine_gguf_splits(std::vector<GgufFile>{parts[1], part(1, 2, {"c", "d"})}),
                    Catch::Contains("split.tensors.count: is 3, but the parts list 4"));

  const auto name = parse_gguf_split_name("Qwen3-235B-A22B-Q4_K_M-00002-of-00003.gguf");
  REQUIRE(name);
  CHECK(name->prefix == "Qwen3-235B-A22B-Q4_K_M");
  CHECK(name->index == 2);
  CHECK(name->count == 3);
  CHECK_FALSE(parse_gguf_split_name("model.gguf"));
  CHECK_FALSE(parse_gguf_split_name("model-00004-of-00003.gguf"));
  CHECK_FALSE(parse_gguf_split_name("-of-.gguf"));
}
