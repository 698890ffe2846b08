#include "reference.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "estimate.h"
#include "json_fields.h"
#include "json_io.h"
#include "tensor_inventory.h"
#include "units.h"

namespace headroom {
namespace {

using json = nlohmann::ordered_json;

double unit_size(const std::string& unit, const std::string& path) {
  if (unit == "bytes" || unit == "count" || unit == "tokens/s" || unit == "s") return 1;
  if (unit == "MiB") return double(kMiB);
  if (unit == "GiB") return double(kGiB);
  if (unit == "GB") return double(kGB);
  if (unit == "B") return 1e9;  // billions of parameters, as model cards print them
  throw InputError(path, "must be bytes, MiB, GiB, GB, B, count, tokens/s or s (got \"" + unit + "\")");
}

double quantity_of(const Estimate& e, const std::string& q, const std::string& path) {
  if (q == "weights_bytes") return double(e.weights_bytes);
  if (q == "kv_cache_bytes") return double(e.kv_cache_bytes);
  if (q == "compute_buffer_bytes") return double(e.compute_buffer_bytes);
  if (q == "total_bytes") return double(e.total_bytes);
  // torch.cuda.max_memory_allocated(): everything but the CUDA context.
  if (q == "torch_allocated_bytes") return double(e.total_bytes - e.overhead_bytes);
  if (q == "parameters.total") return double(e.parameters.total);
  if (q == "parameters.active") return double(e.parameters.active);
  if (q == "parameters.checkpoint") return double(e.parameters.total);  // run_reference_cases counts MTP too
  if (q == "decode_tokens_per_s") return e.decode_tokens_per_s;
  if (q == "prefill_tokens_per_s") return e.prefill_tokens_per_s;
  if (q == "time_to_first_token.seconds") return e.first_token.seconds;
  if (q == "time_to_first_token.prefill_tokens_per_s") return e.first_token.prefill_tokens_per_s;
  if (q == "batch.aggregate_tokens_per_s") return e.batch.aggregate_tokens_per_s;
  if (q == "batch.per_sequence_tokens_per_s") return e.batch.per_sequence_tokens_per_s;
  if (q.rfind("serving.", 0) == 0) {
    if (!e.serving) throw InputError(path, "\"" + q + "\" needs a scenario with \"engine\": \"vllm\" on a GPU");
    if (q == "serving.output_tokens_per_s") return e.serving->output_tokens_per_s;
    if (q == "serving.total_tokens_per_s") return e.serving->total_tokens_per_s;
  }
  if (q.rfind("vllm.", 0) == 0) {
    if (!e.vllm) throw InputError(path, "\"" + q + "\" needs a scenario with \"engine\": \"vllm\"");
    if (q == "vllm.kv_cache_tokens") return double(e.vllm->kv_cache_tokens);
    if (q == "vllm.gpu_blocks") return double(e.vllm->gpu_blocks);
    if (q == "vllm.max_concurrency") return e.vllm->max_concurrency;
    if (q == "vllm.kv_cache_bytes_available") return double(e.vllm->kv_cache_bytes_available);
  }
  throw InputError(path, "unknown quantity \"" + q + "\"");
}

std::string format_number(double v) {
  char buf[64];
  if (std::fabs(v) >= 1e6) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

std::vector<ReferenceCase> load_reference_cases(std::string_view name, std::string_view text) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw InputError(std::string(name), "malformed JSON");
  JsonFields top(doc, std::string(name));
  const json& arr = top.raw("cases");
  if (!arr.is_array()) throw InputError(top.at("cases"), "must be an array");
  top.ignore("schema");
  top.ignore("source");
  top.ignore("notes");
  top.finish();
  std::vector<ReferenceCase> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    JsonFields f(arr[i], std::string(name) + ": cases[" + std::to_string(i) + "]");
    ReferenceCase c;
    c.id = f.string("id");
    c.quantity = f.string("quantity");
    c.skipped = f.string_or("skipped", "");
    // A skipped figure may lack a scenario: what it would need is often what is missing.
    if (!c.skipped.empty() && !f.has("scenario")) {
      f.ignore("scenario");
    } else {
      const json& sc = f.raw("scenario");
      if (!sc.is_object()) throw InputError(f.at("scenario"), "must be a Scenario object");
      c.scenario_json = sc.dump();
    }
    JsonFields p(f.raw("published"), f.at("published"));
    c.published = p.number("value", 1e-12, 1e30);
    c.unit = p.string("unit");
    unit_size(c.unit, p.at("unit"));
    p.finish();
    c.tolerance = f.number("tolerance", 0, 1);
    c.source = f.string("source");
    f.ignore("notes");
    f.finish();
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<ReferenceResult> run_reference_cases(const std::vector<ReferenceCase>& cases, const Catalog& catalog) {
  std::vector<ReferenceResult> out;
  for (const auto& c : cases) {
    // A skipped case with a scenario is estimated and shown; one without has nothing to run.
    if (!c.skipped.empty() && c.scenario_json.empty()) continue;
    ReferenceResult r;
    r.reference = c;
    try {
      const Scenario scenario = scenario_from_json(c.scenario_json);
      double value = 0;
      if (c.quantity == "parameters.checkpoint") {
        // What a checkpoint stores: the model's parameters plus its multi-token-prediction
        // layers, which Estimate's parameter counts leave out (GLM-4.5's GGUFs keep them).
        const ModelSpec& spec = resolve_model(scenario, catalog);
        value = double(count_parameters(build_inventory(spec, true), spec).total);
      } else {
        value = quantity_of(estimate(scenario, catalog), c.quantity, c.id + ".quantity");
      }
      r.estimated = value / unit_size(c.unit, c.id + ".unit");
      r.error = (r.estimated - c.published) / c.published;
      r.pass = std::fabs(r.error) <= c.tolerance;
    } catch (const std::exception& err) {
      r.problem = err.what();
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string format_accuracy(const std::vector<ReferenceResult>& results, bool markdown) {
  std::string out;
  char buf[512];
  if (markdown) out += "| case | quantity | estimate | published | unit | error | tolerance | source |\n|---|---|---:|---:|---|---:|---:|---|\n";
  int passed = 0, skipped = 0;
  for (const auto& r : results) {
    const auto& c = r.reference;
    const bool skip = !c.skipped.empty();
    passed += r.pass && !skip;
    skipped += skip;
    const std::string err = r.problem.empty() ? (std::snprintf(buf, sizeof buf, "%+.2f%%", 100 * r.error), buf) : "error";
    const std::string verdict = skip ? " skipped" : r.pass ? "" : " FAIL";
    char tol[32];
    std::snprintf(tol, sizeof tol, "%.2f%%", 100 * c.tolerance);
    if (markdown) {
      out += "| " + c.id + " | " + c.quantity + " | " + format_number(r.estimated) + " | " + format_number(c.published) +
             " | " + c.unit + " | " + err + verdict + " | " + tol + " | " + c.source +
             (skip ? " Skipped: " + c.skipped : "") + " |\n";
    } else {
      std::snprintf(buf, sizeof buf, "%-44s %-20s %16s %16s %-8s %9s %8s %s\n", c.id.c_str(), c.quantity.c_str(),
                    format_number(r.estimated).c_str(), format_number(c.published).c_str(), c.unit.c_str(),
                    err.c_str(), tol, skip ? "skipped" : r.pass ? "ok" : ("FAIL " + r.problem).c_str());
      out += buf;
    }
  }
  std::snprintf(buf, sizeof buf, "%s%d of %zu cases within tolerance", markdown ? "\n" : "", passed,
                results.size() - std::size_t(skipped));
  out += buf;
  if (skipped > 0) std::snprintf(buf, sizeof buf, "; %d skipped (reason in the source column)\n", skipped);
  else std::snprintf(buf, sizeof buf, "\n");
  out += buf;
  return out;
}

}  // namespace headroom
