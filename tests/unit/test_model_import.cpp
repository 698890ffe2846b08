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

// A two-block llama header ending right after its tensor infos, in mixed types. With
// `split_count` > 1: part `split_no` of it as llama.cpp's gguf-split writes one (split.* keys in
// every part, the model's metadata in part 0 only), the tensors dealt out round-robin;
// *tensor_sum is still the whole model's.
std::vector<std::uint8_t> tiny_llama(std::int64_t* tensor_sum, int split_no = 0, int split_count = 1) {
  using headroom::test::GgufBytes;
  GgufWriter w;
  if (split_count > 1) {
    w.kv("split.no", GgufBytes().u32(headroom::test::kU16).u16(std::uint16_t(split_no)))
        .kv("split.count", GgufBytes().u32(headroom::test::kU16).u16(std::uint16_t(split_count)))
        .kv_i32("split.tensors.count", 21);
  }
  if (split_no == 0) w.kv_str("general.architecture", "llama")
      .kv_str("general.name", "Tiny")
      .kv_u32("llama.block_count", 2)
      .kv_u64("llama.context_length", 4096)
      .kv_u32("llama.embedding_length", 256)
      .kv_u32("llama.feed_forward_length", 512)
      .kv_u32("llama.attention.head_count", 4)
      .kv_u32("llama.attention.head_count_kv", 2)
      .kv_str_array("tokenizer.ggml.tokens", std::vector<std::string>(32, "t"));
  std::int64_t sum = 0;
  int index = 0;
  auto add = [&](const std::string& name, std::vector<std::uint64_t> dims, std::uint32_t type) {
    std::uint64_t n = 1;
    for (auto d : dims) n *= d;
    const std::uint64_t bytes = type == kF32 ? n * 4 : type == kF16 ? n * 2 : type == kQ8_0 ? n / 32 * 34
                                : type == kQ4_K ? n / 256 * 144 : n / 256 * 210;
    sum += std::int64_t(bytes);
    if (index++ % split_count == split_no) w.tensor(name, dims, type, bytes);
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

TEST_CASE("import: the parts of a split GGUF combine, one part alone is refused") {
  std::int64_t sum = 0;
  std::vector<std::vector<std::uint8_t>> parts;
  for (int no = 0; no < 3; ++no) parts.push_back(tiny_llama(&sum, no, 3));
  const auto prefix = [&](int no, std::size_t n) {
    return ModelFilePrefix{"dl/tiny-0000" + std::to_string(no + 1) + "-of-00003.gguf",
                           std::span<const std::uint8_t>(parts[std::size_t(no)]).first(std::min(n, parts[std::size_t(no)].size())),
                           parts[std::size_t(no)].size()};
  };
  // Any order; a short prefix of one part asks for more of that part.
  std::vector<ModelFilePrefix> files = {prefix(2, 1 << 20), prefix(0, 1 << 20), prefix(1, 16)};
  const ModelImport more = import_model_files(files, test::catalog());
  REQUIRE_FALSE(more.complete);
  CHECK(more.need_file == 2);
  CHECK(more.need_bytes > 16);
  files[2] = prefix(1, 1 << 20);
  const ModelImport done = import_model_files(files, test::catalog());
  REQUIRE(done.complete);
  REQUIRE(done.spec);
  CHECK(done.spec->name == "tiny-00001-of-00003.gguf");
  CHECK(done.info["tensors"] == 21);
  CHECK(done.info["files"].size() == 3);
  CHECK(done.info["weights_bytes"].get<std::int64_t>() == sum);
  REQUIRE(done.spec->file_weights);
  CHECK(done.spec->file_weights->bytes() == sum);
  Scenario sc;
  sc.model.inline_spec = *done.spec;
  CHECK(estimate(sc, test::catalog()).weights_bytes == sum);

  // One part alone, through either entry: what to do, not a third of the weights.
  for (int no : {0, 1}) {
    const ModelFilePrefix one = prefix(no, 1 << 20);
    CHECK_THROWS_WITH(import_model_files(std::span<const ModelFilePrefix>(&one, 1), test::catalog()),
                      Catch::Contains("is one part of a GGUF split into 3 files: import all 3 together"));
    CHECK_THROWS_WITH(import_model_bytes(one.name, one.bytes, one.file_size, test::catalog()),
                      Catch::Contains("split into 3 files"));
  }
  // A part missing, a part twice, a stranger among the parts: one error naming the file.
  const std::vector<ModelFilePrefix> two = {prefix(0, 1 << 20), prefix(1, 1 << 20)};
  CHECK_THROWS_WITH(import_model_files(two, test::catalog()), Catch::Contains("missing part(s) 3"));
  const std::vector<ModelFilePrefix> twice = {prefix(0, 1 << 20), prefix(1, 1 << 20), prefix(1, 1 << 20)};
  CHECK_THROWS_WITH(import_model_files(twice, test::catalog()), Catch::Contains("given twice"));
  // A broken part is named: of three files, which one to download again.
  const std::vector<std::uint8_t> cut(parts[1].begin(), parts[1].begin() + 40);
  const std::vector<ModelFilePrefix> broken = {prefix(0, 1 << 20), {"dl/tiny-00002-of-00003.gguf", cut, cut.size()},
                                               prefix(2, 1 << 20)};
  CHECK_THROWS_WITH(import_model_files(broken, test::catalog()), Catch::StartsWith("file: \"tiny-00002-of-00003.gguf\": gguf"));
  const std::string config = "{}";
  const std::vector<ModelFilePrefix> mixed = {
      prefix(0, 1 << 20),
      {"config.json", std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(config.data()), config.size()), 2}};
  CHECK_THROWS_WITH(import_model_files(mixed, test::catalog()), Catch::Contains("only the parts of one split GGUF"));
}
