// The pickers' search rules (ui/picker_search.h), apart from ImGui: several words all must
// match, case-insensitively, in name, id, family or group and memory; numbers stand alone.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "picker_search.h"
#include "ui_harness.h"

using namespace headroom;
using namespace headroom::ui;
using headroom::ui::test::catalog;

namespace {

std::vector<std::string> models_for(const std::string& query) {
  std::vector<std::string> ids;
  for (const ModelSpec& m : catalog().models) {
    if (model_matches(m, query)) ids.push_back(m.id);
  }
  return ids;
}

std::vector<std::string> devices_for(const std::string& query) {
  std::vector<std::string> ids;
  for (const HardwareSpec& h : catalog().hardware) {
    if (hardware_matches(h, query)) ids.push_back(h.id);
  }
  return ids;
}

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_CASE("a query splits into lower-case words, digits apart from letters", "[ui][search]") {
  CHECK(search_words("") == std::vector<std::string>{});
  CHECK(search_words("   ") == std::vector<std::string>{});
  CHECK(search_words("Llama 3.1  8B") == std::vector<std::string>{"llama", "3.1", "8", "b"});
  CHECK(search_words("80gb") == std::vector<std::string>{"80", "gb"});
  CHECK(search_words("RTX4090") == std::vector<std::string>{"rtx", "4090"});
}

TEST_CASE("a blank query lists every model and device", "[ui][search]") {
  CHECK(models_for("").size() == catalog().models.size());
  CHECK(devices_for(" ").size() == catalog().hardware.size());
}

TEST_CASE("model search: name, id and family, every word, any case", "[ui][search]") {
  const auto llama8 = models_for("LLAMA 8b");
  CHECK(has(llama8, "llama-3.1-8b"));
  CHECK_FALSE(has(llama8, "llama-3.1-70b"));  // "8" is not part of "70"
  CHECK_FALSE(has(llama8, "qwen3-8b"));       // every word must match
  CHECK(has(models_for("qwen 7b"), "qwen2.5-7b"));
  CHECK_FALSE(has(models_for("qwen 7b"), "qwen3-8b"));
  CHECK(has(models_for("llama 3"), "llama-3.1-70b"));  // "3" while "3.1" is being typed
  CHECK_FALSE(has(models_for("llama 3"), "llama-2-7b"));
  CHECK(has(models_for("gpt-oss-120b"), "gpt-oss-120b"));  // the id as typed
  // The family: "Llama 2" is Llama 2 7B's family; "Kimi" only in the name and family.
  CHECK(models_for("kimi") == std::vector<std::string>{"kimi-k2-instruct"});
  CHECK(models_for("no such model").empty());
}

TEST_CASE("hardware search: name, id, group and memory", "[ui][search]") {
  CHECK(has(devices_for("4090"), "rtx-4090"));
  CHECK(has(devices_for("rtx4090"), "rtx-4090"));
  CHECK(has(devices_for("geforce 24"), "rtx-4090"));  // 24 GiB
  CHECK_FALSE(has(devices_for("geforce 24"), "rtx-5090"));
  const auto eighty = devices_for("80 GB");
  CHECK(has(eighty, "h100-sxm-80gb"));
  CHECK(has(eighty, "a100-pcie-80gb"));
  CHECK_FALSE(has(eighty, "a100-pcie-40gb"));
  CHECK(has(devices_for("80gb"), "h100-sxm-80gb"));
  CHECK(has(devices_for("nvidia geforce"), "rtx-3090"));  // the group
  CHECK(has(devices_for("APPLE m2"), "apple-m2-24gb"));
  CHECK(devices_for("quantum abacus").empty());
}

TEST_CASE("the memory a device is searched by is its size in GiB and in GB", "[ui][search]") {
  HardwareSpec h;
  h.name = "Test card";
  h.memory_bytes = std::int64_t(24) << 30;  // 24 GiB = 25.77 GB
  CHECK(hardware_matches(h, "24"));
  CHECK(hardware_matches(h, "24 gib"));
  CHECK(hardware_matches(h, "25.8 gb"));
  CHECK(hardware_matches(h, "26 gb"));
  CHECK_FALSE(hardware_matches(h, "240"));
  CHECK_FALSE(hardware_matches(h, "4"));  // not inside "24"
}
