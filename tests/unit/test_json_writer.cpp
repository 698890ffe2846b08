// JsonWriter lays text out exactly as nlohmann's dump(2) does: the estimate's JSON changed
// writer, not a byte. nlohmann itself is the oracle here.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "embedded_reference.h"
#include "json_writer.h"
#include "reference.h"
#include "test_support.h"
#include "utf8.h"

using namespace headroom;
using ordered = nlohmann::ordered_json;

namespace {

std::string one_value(double x) {
  JsonWriter w;
  w.array().value(x).end();
  return std::move(w).str();
}

}  // namespace

TEST_CASE("JsonWriter nests, indents and closes as dump(2) does") {
  JsonWriter w;
  w.object()
      .field("n", std::int64_t{-42})
      .field("big", std::numeric_limits<std::uint64_t>::max())
      .field("small", std::numeric_limits<std::int64_t>::min())
      .field("ok", true)
      .field("no", false)
      .key("empty_object").object().end()
      .key("empty_array").array().end()
      .key("list").array().value(1).array().value("a").end().object().field("x", 0.5).end().end()
      .field("names", std::vector<std::string>{"GPU 0", "CPU"})
      .field("none", std::vector<std::string>{})
      .end();
  const ordered expected = {{"n", -42},
                            {"big", std::numeric_limits<std::uint64_t>::max()},
                            {"small", std::numeric_limits<std::int64_t>::min()},
                            {"ok", true},
                            {"no", false},
                            {"empty_object", ordered::object()},
                            {"empty_array", ordered::array()},
                            {"list", ordered::array({1, ordered::array({"a"}), ordered{{"x", 0.5}}})},
                            {"names", ordered::array({"GPU 0", "CPU"})},
                            {"none", ordered::array()}};
  CHECK(std::move(w).str() == expected.dump(2));
}

TEST_CASE("JsonWriter escapes strings as nlohmann does") {
  std::string every_ascii;
  for (int c = 1; c < 0x80; ++c) every_ascii += static_cast<char>(c);
  for (const std::string& s : {every_ascii, std::string("quote \" backslash \\ slash /"), std::string("\xC3\xA9 \xE2\x89\x88 \xF0\x9F\x98\x80"),
                               std::string("nul \0 inside", 13), std::string()}) {
    JsonWriter w;
    w.object().field(s, s).end();
    CHECK(std::move(w).str() == ordered{{s, s}}.dump(2));
  }
}

TEST_CASE("JsonWriter writes ill-formed UTF-8 as U+FFFD instead of throwing") {
  const std::string bad = "GPU \xED\xA0\x80 x\xFF y\xC3";  // a surrogate, a stray byte, a cut sequence
  CHECK_THROWS(ordered(bad).dump());  // what nlohmann does with it
  JsonWriter w;
  w.array().value(bad).end();
  const std::string text = std::move(w).str();
  CHECK(text == ordered::array({repair_utf8(bad)}).dump(2));
  CHECK(first_invalid_utf8(text) == std::string::npos);
  CHECK(text.find("GPU \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD x\xEF\xBF\xBD y\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("JsonWriter writes doubles digit for digit as dump does") {
  const double d = std::numeric_limits<double>::denorm_min();
  for (double x : {0.0, -0.0, 0.1, 1.0, 100.0, 1e15, 1e16, 1e17, 1e-5, 1e-4, 123456.789, 1e300, -2.5e-300, d,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::min(), 9007199254740993.0})
    CHECK(one_value(x) == ordered::array({x}).dump(2));
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::uint64_t> bits;
  int compared = 0;
  while (compared < 20000) {
    const std::uint64_t b = bits(rng);
    double x;
    std::memcpy(&x, &b, sizeof x);
    if (!std::isfinite(x)) continue;
    ++compared;
    REQUIRE(one_value(x) == ordered::array({x}).dump(2));
  }
  // Not numbers in JSON: null, as nlohmann writes them.
  for (double x : {std::nan(""), std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()})
    CHECK(one_value(x) == "[\n  null\n]");
}

TEST_CASE("JsonWriter refuses text that is not JSON") {
  JsonWriter a;
  a.object();
  CHECK_THROWS_AS(a.value(1), std::logic_error);  // a value in an object without a key
  JsonWriter b;
  b.array();
  CHECK_THROWS_AS(b.key("x"), std::logic_error);
  CHECK_THROWS_AS(std::move(b).str(), std::logic_error);  // still open
  JsonWriter c;
  CHECK_THROWS_AS(c.end(), std::logic_error);
  c.value(1);
  CHECK_THROWS_AS(c.value(2), std::logic_error);  // a second top-level value
  JsonWriter d;
  d.object().key("k");
  CHECK_THROWS_AS(d.end(), std::logic_error);  // a key without its value
}

TEST_CASE("every reference estimate's JSON is laid out as nlohmann would lay it out") {
  std::size_t n = 0;
  for (const auto& file : embedded_reference_files())
    for (const auto& c : load_reference_cases(file.name, file.text)) {
      if (c.scenario_json.empty()) continue;  // a skipped figure with no scenario yet
      INFO(c.id);
      const std::string text = estimate_to_json(test::estimate_for(c.scenario_json));
      CHECK(ordered::parse(text).dump(2) == text);
      ++n;
    }
  CHECK(n >= 18);
}
