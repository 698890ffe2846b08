// safetensors header and model.safetensors.index.json: valid files, prefixes, and bad input
// (truncation, absurd lengths, bad offsets and dtypes).
#include <catch2/catch.hpp>

#include <cstring>

#include "errors.h"
#include "safetensors_header.h"

using namespace headroom;

namespace {

// u64 header length, the JSON padded with spaces to 8 bytes (as safetensors writes it), then
// `data_bytes` zero bytes of data.
std::vector<std::uint8_t> file_with(const std::string& json, std::size_t data_bytes = 0) {
  std::string header = json;
  while (header.size() % 8) header += ' ';
  std::vector<std::uint8_t> out(8);
  const std::uint64_t n = header.size();
  std::memcpy(out.data(), &n, 8);
  out.insert(out.end(), header.begin(), header.end());
  out.resize(out.size() + data_bytes, 0);
  return out;
}

std::vector<std::uint8_t> with_length(std::uint64_t n, const std::string& rest = "{}") {
  std::vector<std::uint8_t> out(8);
  std::memcpy(out.data(), &n, 8);
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

std::string error_of(const std::vector<std::uint8_t>& bytes) {
  try {
    (void)parse_safetensors_header(bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

const std::string kValid =
    R"({"__metadata__": {"format": "pt"},
        "model.embed_tokens.weight": {"dtype": "BF16", "shape": [1000, 64], "data_offsets": [0, 128000]},
        "model.norm.weight": {"dtype": "F32", "shape": [64], "data_offsets": [128000, 128256]},
        "lm_head.weight_scale": {"dtype": "F8_E4M3", "shape": [3, 5], "data_offsets": [128256, 128271]},
        "packed": {"dtype": "F4", "shape": [2, 3], "data_offsets": [128271, 128274]},
        "empty": {"dtype": "I64", "shape": [0, 4], "data_offsets": [128274, 128274]}})";

}  // namespace

TEST_CASE("safetensors header: dtypes, shapes and bytes per tensor", "[safetensors]") {
  const auto header_only = file_with(kValid);
  const SafetensorsParse p = parse_safetensors_header(header_only);
  REQUIRE(p.complete);
  const SafetensorsHeader& h = p.header;
  CHECK(h.data_offset == 8 + h.header_length);
  REQUIRE(h.tensors.size() == 5);
  CHECK(h.tensors[0].name == "model.embed_tokens.weight");  // data order
  CHECK(h.tensors[0].dtype == "BF16");
  CHECK(h.tensors[0].shape == std::vector<std::int64_t>{1000, 64});
  CHECK(h.tensors[0].bytes() == 128000);
  CHECK(h.tensors[3].name == "packed");
  CHECK(h.tensors[3].bytes() == 3);  // 6 x 4 bits
  CHECK(h.total_bytes == 128274);
  REQUIRE(h.metadata.size() == 1);
  CHECK(h.metadata[0] == std::pair<std::string, std::string>{"format", "pt"});
  // The whole file (header and data) checks the data section's length too.
  CHECK(parse_safetensors_header(file_with(kValid, 128274)).complete);
  CHECK_THAT(error_of(file_with(kValid, 100)), Catch::Contains("the data section is 100 bytes, but the tensors take 128274"));
  CHECK(safetensors_dtype_bits("F6_E3M2") == 6);
  CHECK(safetensors_dtype_bits("Q4_K") == 0);
}

TEST_CASE("safetensors prefixes ask for more, truncated files are errors", "[safetensors]") {
  const auto full = file_with(kValid, 128274);
  const auto header_end = 8 + parse_safetensors_header(full).header.header_length;
  for (std::size_t n = 0; n < header_end; ++n) {
    CAPTURE(n);
    const std::span<const std::uint8_t> prefix(full.data(), n);
    const SafetensorsParse p = parse_safetensors_header(prefix, full.size());
    REQUIRE_FALSE(p.complete);
    CHECK(p.need_bytes > n);
    CHECK(p.need_bytes <= header_end);
    CHECK_THROWS_AS(parse_safetensors_header(prefix), InputError);
  }
  CHECK(parse_safetensors_header(std::span<const std::uint8_t>(full.data(), header_end), full.size()).complete);
}

TEST_CASE("safetensors bad headers name the problem", "[safetensors]") {
  CHECK_THAT(error_of(with_length(100'000'001)), Catch::StartsWith("safetensors.header_length: is 100000001 bytes; headers over 100 MB"));
  CHECK_THAT(error_of(with_length(~0ull)), Catch::StartsWith("safetensors.header_length"));
  CHECK_THAT(error_of(with_length(64, "{}")), Catch::Contains("has only 2 after it"));
  CHECK_THAT(error_of(with_length(1, "{")), Catch::Contains("must hold a JSON object"));
  CHECK_THAT(error_of(file_with("[1, 2]")), Catch::Contains("starting with '{'"));
  CHECK_THAT(error_of(file_with("{\"a\": ")), Catch::StartsWith("safetensors.header: is not valid JSON"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F17", "shape": [1], "data_offsets": [0, 4]}})")),
             Catch::StartsWith("safetensors[\"a\"].dtype: unknown dtype \"F17\""));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}})")),
             Catch::Contains("span 4 bytes, but 2 elements of F32 take 8"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})")),
             Catch::Contains("begins at 4, but the tensors before it end at 0 (a hole)"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                    "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})")),
             Catch::Contains("(overlap)"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [8, 4]}})")),
             Catch::Contains("ends (4) before it begins (8)"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}})")),
             Catch::StartsWith("safetensors[\"a\"].shape[0]: must be a whole number"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 4]}})")),
             Catch::Contains("more elements than a 64-bit count holds"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F64", "shape": [4294967296, 536870912], "data_offsets": [0, 4]}})")),
             Catch::Contains("larger than 2^63 bits"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F4", "shape": [3], "data_offsets": [0, 2]}})")),
             Catch::Contains("not a whole number of bytes"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4], "extra": 1}})")),
             Catch::Contains("extra"));
  CHECK_THAT(error_of(file_with(R"({"a": {"dtype": "F32", "shape": [1]}})")), Catch::Contains("data_offsets"));
  CHECK_THAT(error_of(file_with(R"({"__metadata__": {"n": 1}})")), Catch::StartsWith("safetensors.__metadata__[\"n\"]: must be a string"));
  CHECK_THAT(error_of(file_with(R"({"a": 5})")), Catch::Contains("must be a JSON object"));
  std::string deep(100000, '[');
  CHECK_THAT(error_of(file_with("{\"a\": " + deep + "}")), Catch::StartsWith("safetensors.header: is not valid JSON"));
  CHECK_THAT(error_of({1, 2, 3}), Catch::Contains("8-byte header length"));
}

TEST_CASE("model.safetensors.index.json: total size and the tensor-to-file map", "[safetensors]") {
  const SafetensorsIndex idx = parse_safetensors_index(R"({
    "metadata": {"total_size": 16060522496},
    "weight_map": {"model.norm.weight": "model-00004-of-00004.safetensors",
                   "lm_head.weight": "model-00004-of-00004.safetensors",
                   "model.embed_tokens.weight": "model-00001-of-00004.safetensors"}})");
  CHECK(idx.total_size == 16060522496);
  REQUIRE(idx.weight_map.size() == 3);
  CHECK(idx.weight_map[0].first == "lm_head.weight");
  CHECK(idx.files == std::vector<std::string>{"model-00001-of-00004.safetensors", "model-00004-of-00004.safetensors"});
  CHECK(parse_safetensors_index(R"({"metadata": {"total_size": 1024.0}, "weight_map": {}})").total_size == 1024);
  CHECK_FALSE(parse_safetensors_index(R"({"weight_map": {}})").total_size.has_value());
  CHECK_THROWS_WITH(parse_safetensors_index("{"), Catch::StartsWith("safetensors_index: is not valid JSON"));
  // Found by fuzz_safetensors: nlohmann reports a number past double's range as out_of_range.
  CHECK_THROWS_WITH(parse_safetensors_index("4e993"), Catch::Contains("a number is out of range"));
  CHECK_THAT(error_of(file_with(R"({"a": 4e993})")), Catch::Contains("a number is out of range"));
  CHECK_THROWS_WITH(parse_safetensors_index("{}"), Catch::StartsWith("safetensors_index.weight_map: required field is missing"));
  CHECK_THROWS_WITH(parse_safetensors_index(R"({"weight_map": {"a": 3}})"), Catch::StartsWith("safetensors_index.weight_map[\"a\"]"));
  CHECK_THROWS_WITH(parse_safetensors_index(R"({"metadata": {"total_size": -5}, "weight_map": {}})"),
                    Catch::StartsWith("safetensors_index.metadata.total_size"));
  CHECK_THROWS_WITH(parse_safetensors_index(R"({"metadata": {"total_size": 1.5}, "weight_map": {}})"),
                    Catch::StartsWith("safetensors_index.metadata.total_size"));
}
