// headroom: the command-line front end of the estimator core.
//   headroom estimate < scenario.json            Estimate JSON on stdout
//   headroom estimate --scenario FILE            same, from a file
//   headroom estimate --model ID --quant Q ...   a readable table (add --json for JSON)
//   headroom list models|hardware|quants         catalog ids
//   headroom accuracy [--markdown]               estimates against published figures
//   headroom tensors --model ID [--quant Q]      every weight tensor with its type and bytes
//   headroom import FILE...                      a .gguf/.safetensors/config.json as a model spec
//   headroom table --model ID [--quant Q] [--context N]  memory by format and context, speed by
//                                                memory system, GPUs needed by GPU
//   headroom fit --model ID --hardware ID ...    reverse questions: GPUs needed, longest context,
//                                                least lossy format, RAM kit, what runs here
// Bad input exits 2 with one line naming the offending key and value.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "embedded_catalog.h"
#include "embedded_reference.h"
#include "errors.h"
#include "file_import.h"
#include "fit.h"
#include "tables.h"
#include "tensor_inventory.h"
#include "json_io.h"
#include "reference.h"
#include "table_output.h"

namespace {

using headroom::InputError;
using nlohmann::json;

constexpr int kUsageError = 2;

const char* kUsage =
    "usage: headroom estimate [--scenario FILE]                 Scenario JSON (stdin or FILE) -> Estimate JSON\n"
    "       headroom estimate --model ID [--quant Q] [--context N] [--sequences N] [--prompt-tokens N]\n"
    "                         [--kv-cache-type T] [--kv-cache-type-v T] [--engine E] [--hardware ID[:COUNT]]...\n"
    "                         [--lightning-indexer fused|unfused] [--units gb|gib] [--json]\n"
    "                                                             a readable table, or JSON with --json\n"
    "       headroom list models|hardware|quants\n"
    "       headroom accuracy [--markdown]                        estimates against published figures\n"
    "       headroom tensors --model ID [--quant Q]               every weight tensor: shape, type, bytes\n"
    "       headroom table --model ID [--quant Q] [--context N]   memory by format x context, speed by\n"
    "                                                             memory system, GPU count tiers\n"
    "       headroom import FILE...                               a .gguf header, .safetensors header,\n"
    "                                                             config.json or index.json as a model spec;\n"
    "                                                             a split GGUF's parts are read together\n"
    "       headroom fit --model ID [--quant Q] [--context N] --hardware ID[:COUNT]...\n"
    "                                                             GPUs needed, longest context, best format,\n"
    "                                                             RAM kit, and what runs on that hardware\n";

struct Options {
  std::string scenario_file;
  json flags = json::object();  // scenario keys given as flags
  bool json_output = false;
  headroom::ByteUnit unit = headroom::ByteUnit::gb;
};

std::int64_t parse_integer(const std::string& flag, const std::string& text) {
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty()) throw InputError(flag, "must be a whole number (got \"" + text + "\")");
  return v;
}

Options parse_options(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw InputError(a, "needs a value");
      return args[++i];
    };
    if (a == "--scenario") o.scenario_file = value();
    else if (a == "--model") o.flags["model"] = value();
    else if (a == "--quant") o.flags["quant"] = value();
    else if (a == "--kv-cache-type") o.flags["kv_cache_type"] = value();
    else if (a == "--kv-cache-type-v") o.flags["kv_cache_type_v"] = value();
    else if (a == "--engine") o.flags["engine"] = value();
    else if (a == "--lightning-indexer") o.flags["lightning_indexer"] = value();
    else if (a == "--context") o.flags["context"] = parse_integer(a, value());
    else if (a == "--sequences") o.flags["sequences"] = parse_integer(a, value());
    else if (a == "--prompt-tokens") o.flags["prompt_tokens"] = parse_integer(a, value());
    else if (a == "--hardware") {
      const std::string& v = value();
      const auto colon = v.find(':');
      json dev{{"id", v.substr(0, colon)}};
      if (colon != std::string::npos) dev["count"] = parse_integer(a, v.substr(colon + 1));
      o.flags["hardware"].push_back(dev);
    } else if (a == "--units") {
      const std::string& v = value();
      if (v == "gb") o.unit = headroom::ByteUnit::gb;
      else if (v == "gib") o.unit = headroom::ByteUnit::gib;
      else throw InputError(a, "must be gb or gib (got \"" + v + "\")");
    } else if (a == "--json") o.json_output = true;
    else throw InputError(a, "unknown option");
  }
  return o;
}

std::string read_all(std::istream& in) {
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_estimate(const std::vector<std::string>& args, const headroom::Catalog& catalog) {
  const Options o = parse_options(args);
  std::string text;
  if (!o.flags.empty()) {
    if (!o.scenario_file.empty()) throw InputError("--scenario", "cannot be combined with --model and friends");
    text = o.flags.dump();
  } else if (!o.scenario_file.empty()) {
    std::ifstream in(o.scenario_file, std::ios::binary);
    if (!in) throw InputError("--scenario", "cannot read \"" + o.scenario_file + "\"");
    text = read_all(in);
  } else {
    text = read_all(std::cin);
  }
  // A model given as {"gguf": "path"} is read here (the core never touches files).
  json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_discarded()) {
    headroom::resolve_model_files(parsed, catalog);
    text = parsed.dump();
  }
  const headroom::Scenario scenario = headroom::scenario_from_json(text);
  const headroom::Estimate estimate = headroom::estimate(scenario, catalog);
  if (o.flags.empty() || o.json_output)
    std::cout << headroom::estimate_to_json(estimate) << "\n";
  else
    std::cout << headroom::format_estimate_table(scenario, headroom::resolve_model(scenario, catalog), estimate, o.unit);
  return 0;
}

int run_list(const std::vector<std::string>& args, const headroom::Catalog& catalog) {
  const std::string what = args.empty() ? "" : args[0];
  if (what == "models")
    for (const auto& m : catalog.models) std::printf("%-24s %s\n", m.id.c_str(), m.name.c_str());
  else if (what == "hardware")
    for (const auto& h : catalog.hardware) std::printf("%-32s %s\n", h.id.c_str(), h.name.c_str());
  else if (what == "quants")
    for (const auto& q : catalog.quants.mixes()) std::printf("%-10s %s\n", q.id.c_str(), q.name.c_str());
  else
    throw InputError("list", "must be models, hardware or quants (got \"" + what + "\")");
  return 0;
}

// Prints every reference case; exits 1 when one is outside its tolerance.
int run_accuracy(const std::vector<std::string>& args, const headroom::Catalog& catalog) {
  bool markdown = false;
  for (const auto& a : args) {
    if (a == "--markdown") markdown = true;
    else throw InputError(a, "unknown option");
  }
  std::vector<headroom::ReferenceCase> cases;
  for (const auto& file : headroom::embedded_reference_files()) {
    auto more = headroom::load_reference_cases(file.name, file.text);
    cases.insert(cases.end(), more.begin(), more.end());
  }
  const auto results = headroom::run_reference_cases(cases, catalog);
  std::fputs(headroom::format_accuracy(results, markdown).c_str(), stdout);
  for (const auto& r : results)
    if (!r.counts()) return 1;
  return 0;
}

// The tensor inventory with each tensor's storage type: how the weights total is made.
int run_tensors(const std::vector<std::string>& args, const headroom::Catalog& catalog) {
  const Options o = parse_options(args);
  const headroom::Scenario sc = headroom::scenario_from_json(o.flags.dump());
  const headroom::ModelSpec& spec = headroom::resolve_model(sc, catalog);
  const headroom::QuantMix* mix = catalog.quants.find_mix(sc.quant);
  if (!mix) throw InputError("--quant", "unknown weight format \"" + sc.quant + "\"");
  std::int64_t total = 0;
  const auto inventory = headroom::build_inventory(spec, mix->includes_mtp);
  const auto types = catalog.quants.assign_types(*mix, inventory, spec);
  for (std::size_t k = 0; k < inventory.size(); ++k) {
    const auto& t = inventory[k];
    const auto& type = *types[k];
    const std::int64_t bytes = headroom::tensor_bytes(type, t.row, t.rows);
    total += bytes;
    std::printf("%-40s %10lld x %-10lld %-9s %14lld\n", t.name.c_str(), static_cast<long long>(t.row),
                static_cast<long long>(t.rows), type.id.c_str(), static_cast<long long>(bytes));
  }
  std::printf("%-40s %35s %14lld\n", "total", "", static_cast<long long>(total));
  return 0;
}

std::string or_none(const std::optional<std::int64_t>& v, const char* unit) {
  return v ? std::to_string(*v) + unit : std::string("none fits");
}

// The reverse questions for one scenario, answered by searching over estimate().
int run_fit(const std::vector<std::string>& args, const headroom::Catalog& catalog) {
  const Options o = parse_options(args);
  if (!o.flags.contains("model")) throw InputError("--model", "is required");
  const headroom::Scenario sc = headroom::scenario_from_json(o.flags.dump());
  const headroom::ModelSpec& model = headroom::resolve_model(sc, catalog);
  std::printf("%s, %s, %lld tokens x %lld sequence(s)\n\n", model.name.c_str(), sc.quant.c_str(),
              static_cast<long long>(sc.context), static_cast<long long>(sc.sequences));
  std::vector<std::string> gpu_ids;
  for (const auto& h : sc.hardware)
    if (!h.id.empty() && catalog.find_hardware(h.id)->kind != headroom::DeviceKind::cpu) gpu_ids.push_back(h.id);
  for (const auto& id : gpu_ids) {
    const auto n = headroom::gpus_needed(sc, catalog, id);
    std::printf("  %-34s %s\n", ("GPUs needed (" + id + ")").c_str(), or_none(n, n && *n == 1 ? " GPU" : " GPUs").c_str());
  }
  if (!sc.hardware.empty()) {
    std::printf("  %-34s %s\n", "Longest context that fits", or_none(headroom::max_context(sc, catalog), " tokens").c_str());
    const auto q = headroom::best_quant(sc, catalog);
    std::printf("  %-34s %s\n", "Least lossy format that fits", q ? q->c_str() : "none fits");
  }
  std::printf("  %-34s %s\n", "Smallest RAM kit (CPU only)",
              or_none(headroom::smallest_ram_kit_gb(sc, catalog), " GB").c_str());
  if (const auto s = headroom::expert_streaming(sc, catalog)) {
    std::printf("  %-34s %s on the GPUs (%s with one token's experts); %s of routed experts in host RAM or on\n"
                "  %-34s disk, %s of them read per token\n"
                "  %-34s llama-server -m MODEL.gguf -c %lld -ngl 999 --cpu-moe (mmap streams what RAM cannot hold)\n",
                "Active-only expert offload", headroom::format_bytes(s->resident_bytes, o.unit).c_str(),
                headroom::format_bytes(s->resident_with_active_bytes, o.unit).c_str(),
                headroom::format_bytes(s->expert_bytes, o.unit).c_str(), "",
                headroom::format_bytes(s->active_expert_bytes, o.unit).c_str(), "",
                static_cast<long long>(sc.context * sc.sequences));
  }
  if (!sc.hardware.empty()) {
    std::printf("\n  What runs on this hardware at %lld tokens (fastest first):\n", static_cast<long long>(sc.context));
    for (const auto& f : headroom::what_runs(sc, catalog)) {
      // vLLM's total is its whole reservation: say what the model needs of it.
      const std::string memory =
          f.vllm_reserved_bytes > 0
              ? headroom::format_bytes(f.vllm_needed_bytes, o.unit) + " of " +
                    headroom::format_bytes(f.vllm_reserved_bytes, o.unit) + " reserved"
              : headroom::format_bytes(f.estimate.total_bytes, o.unit);
      std::printf("    %-28s %-10s %10s  %s\n", f.model_id.c_str(), f.quant.c_str(), memory.c_str(),
                  headroom::format_rate(f.estimate.decode_tokens_per_s, "tok/s (upper bound)").c_str());
    }
  }
  return 0;
}

// The calculator pages' three tables, for any model.
int run_table(const std::vector<std::string>& args, const headroom::Catalog& catalog) {
  const Options o = parse_options(args);
  if (!o.flags.contains("model")) throw InputError("--model", "is required");
  const headroom::Scenario sc = headroom::scenario_from_json(o.flags.dump());
  const headroom::ModelSpec& model = headroom::resolve_model(sc, catalog);
  const auto rows = headroom::memory_table(sc, catalog);
  std::printf("%s\n\nMemory (minimum / safer: + the 1 GiB llama.cpp's --fit keeps free per device)\n", model.name.c_str());
  std::printf("  %-8s %12s", "format", "weights");
  for (const auto& c : rows.front().cells) std::printf("  %21s", (std::to_string(c.context) + " tokens").c_str());
  std::printf("\n");
  for (const auto& r : rows) {
    std::printf("  %-8s %12s", r.quant.c_str(), headroom::format_bytes(r.weights_bytes, o.unit).c_str());
    for (const auto& c : r.cells)
      std::printf("  %10s / %-9s", headroom::format_bytes(c.minimum_bytes, o.unit).c_str(),
                  headroom::format_bytes(c.safer_bytes, o.unit).c_str());
    std::printf("\n");
  }
  std::printf("\nSpeed at %s, %lld tokens (llama.cpp, calibrated on llama-bench)\n", sc.quant.c_str(),
              static_cast<long long>(sc.context));
  for (const auto& r : headroom::speed_table(sc, catalog))
    std::printf("  %-38s %14s %16s  %-13s %s\n", r.machine.c_str(), headroom::format_rate(r.decode_tokens_per_s, "tok/s").c_str(),
                headroom::format_rate(r.prefill_tokens_per_s, "tok/s prefill").c_str(), r.fits ? "fits" : "does not fit",
                r.llama_cpp.c_str());
  std::printf("\nGPUs needed to hold it all (%s, %lld tokens)\n", sc.quant.c_str(), static_cast<long long>(sc.context));
  for (const auto& t : headroom::gpu_tiers(sc, catalog))
    std::printf("  %-20s %s\n", t.hardware_id.c_str(), t.count ? std::to_string(*t.count).c_str() : "more than 1024");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (all.empty() || all[0] == "--help" || all[0] == "-h") {
    std::fputs(kUsage, all.empty() ? stderr : stdout);
    return all.empty() ? kUsageError : 0;
  }
  const std::vector<std::string> rest(all.begin() + 1, all.end());
  try {
    const headroom::Catalog catalog = headroom::load_catalog(headroom::embedded_catalog_files());
    if (all[0] == "estimate") return run_estimate(rest, catalog);
    if (all[0] == "list") return run_list(rest, catalog);
    if (all[0] == "accuracy") return run_accuracy(rest, catalog);
    if (all[0] == "tensors") return run_tensors(rest, catalog);
    if (all[0] == "fit") return run_fit(rest, catalog);
    if (all[0] == "table") return run_table(rest, catalog);
    if (all[0] == "import") {
      if (rest.empty()) throw InputError("import", "needs a file (or the parts of one split GGUF)");
      std::printf("%s\n", headroom::import_model_files(rest, catalog).dump(2).c_str());
      return 0;
    }
    std::fprintf(stderr, "headroom: unknown command \"%s\"\n%s", all[0].c_str(), kUsage);
    return kUsageError;
  } catch (const InputError& e) {
    std::fprintf(stderr, "headroom: %s\n", e.what());
    return kUsageError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "headroom: %s\n", e.what());
    return 1;
  }
}
