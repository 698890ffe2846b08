// The import funnel (core/model_import.h) behind `headroom import` and the page's drop: a GGUF
// header read from growing prefixes gives a model whose estimate weighs exactly its tensors,
// whatever the weight format; the model survives the scenario contract; bad files give one error.
#include <catch2/catch.hpp>

#include "errors.h"
#include "gguf_writer.h"
#include "json_io.h"
#include "model_import.h"
#include "test_support.h"

using namespace headroom;
using headroom::test::GgufWriter;

namespace {

constexpr std::uint32_t kF32 = 0, kF16 = 1, kQ8_0 = 8, kQ4_K = 12, kQ6_K = 14;

// A two-block llama header ending right after its tensor infos, in mixed types.
std::vector<std::uint8_t> tiny_llama(std::int64_t* tensor_sum) {
  GgufWriter w;
  w.kv_str("general.architecture", "llama")
      .kv_str("general.name", "Tiny")
      .kv_u32("llama.block_count", 2)
      .kv_u64("llama.context_length", 4096)
      .kv_u32("llama.embedding_length", 256)
      .kv_u32("llama.feed_forward_length", 512)
      .kv_u32("llama.attention.head_count", 4)
      .kv_u32("llama.attention.head_count_kv", 2)
      .kv_str_array("tokenizer.ggml.tokens", std::vector<std::string>(32, "t"));
  std::int64_t sum = 0;
  auto add = [&](const std::string& name, std::vector<std::uint64_t> dims, std::uint32_t type) {
    std::uint64_t n = 1;
    for (auto d : dims) n *= d;
    const std::uint64_t bytes = type == kF32 ? n * 4 : type == kF16 ? n * 2 : type == kQ8_0 ? n / 32 * 34
                                : type == kQ4_K ? n / 256 * 144 : n / 256 * 210;
    sum += std::int64_t(bytes);
    w.tensor(name, dims, type, bytes);
  };
  add("token_embd.weight", {256, 32}, kQ8_0);
  for (int il = 0; il < 2; ++il) {
    const std::string b = "blk." + std::to_string(il) + ".";
    add(b + "attn_norm.weight", {256}, kF32);
    add(b + "attn_q.weight", {256, 256}, kQ4_K);
    add(b + "attn_k.weight", {256, 128}, kQ4_K);
    add(b + "attn_v.weight", {256, 128}, kQ6_K);
    add(b + "attn_output.weight", {256, 256}, kQ4_K);
    add(b + "ffn_norm.weight", {256}, kF32);
    add(b + "ffn_gate.weight", {256, 512}, kQ4_K);
    add(b + "ffn_up.weight", {256, 512}, kQ4_K);
    add(b + "ffn_down.weight", {512, 256}, kQ6_K);
  }
  add("output_norm.weight", {256}, kF32);
  add("output.weight", {256, 32}, kF16);
  *tensor_sum = sum;
  return w.bytes();
}

}  // namespace

TEST_CASE("import: a GGUF header read in prefixes weighs exactly its tensors") {
  std::int64_t sum = 0;
  const std::vector<std::uint8_t> file = tiny_llama(&sum);
  const std::span<const std::uint8_t> all(file);
  // A short prefix asks for more; the asked-for prefix completes.
  ModelImport first = import_model_bytes("dir/tiny.gguf", all.first(40), file.size(), test::catalog());
  REQUIRE_FALSE(first.complete);
  std::uint64_t want = first.need_bytes;
  ModelImport done;
  for (int round = 0; round < 64; ++round) {
    REQUIRE(want > 0);
    done = import_model_bytes("dir/tiny.gguf", all.first(std::min<std::size_t>(want, file.size())), file.size(),
                              test::catalog());
    if (done.complete) break;
    REQUIRE(done.need_bytes > want);
    want = std::max<std::uint64_t>(done.need_bytes, want * 2);  // as the page and the CLI grow
  }
  REQUIRE(done.complete);
  REQUIRE(done.spec);
  CHECK(done.info["weights_bytes"].get<std::int64_t>() == sum);
  CHECK(done.spec->name == "tiny.gguf");
  REQUIRE(done.spec->file_weights);
  CHECK(done.spec->file_weights->file == "tiny.gguf");
  CHECK(done.spec->file_weights->bytes() == sum);

  // Any weight format: the file's own bytes. And through the JSON contract unchanged.
  for (const char* quant : {"Q4_K_M", "Q8_0", "F16"}) {
    Scenario sc;
    sc.model.inline_spec = *done.spec;
    sc.quant = quant;
    const Scenario back = scenario_from_json(scenario_to_json(sc));
    CHECK(scenario_to_json(back) == scenario_to_json(sc));
    CHECK(estimate(back, test::catalog()).weights_bytes == sum);
  }
}

TEST_CASE("import: config.json text, and bad files give one error") {
  const std::string config = R"({"model_type": "llama", "hidden_size": 512, "num_hidden_layers": 4,
    "num_attention_heads": 8, "num_key_value_heads": 2, "intermediate_size": 1024, "vocab_size": 1000})";
  const ModelImport c = import_model_bytes("config.json", std::span(reinterpret_cast<const std::uint8_t*>(config.data()), config.size()),
                                           config.size(), test::catalog());
  REQUIRE(c.complete);
  REQUIRE(c.spec);
  CHECK_FALSE(c.spec->file_weights);
  CHECK(c.spec->hidden_size == 512);

  const std::string junk = "GGUF but not really";
  const auto bytes = std::span(reinterpret_cast<const std::uint8_t*>(junk.data()), junk.size());
  CHECK_THROWS_AS(import_model_bytes("x.gguf", bytes, bytes.size(), test::catalog()), InputError);
  CHECK_THROWS_AS(import_model_bytes("config.json", bytes, bytes.size(), test::catalog()), InputError);
  CHECK_THROWS_AS(import_model_bytes("notes.txt", bytes, bytes.size(), test::catalog()), InputError);
  // A damaged file_weights in a scenario is an error naming the field.
  CHECK_THROWS_WITH(scenario_from_json(R"({"model": {"name": "x", "hf_config": )" + config +
                                       R"(, "file_weights": {"embedding": -1, "output": 0, "layers": []}}})"),
                    Catch::Contains("file_weights.embedding"));
}
