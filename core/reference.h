// Reference cases: published figures (llama.cpp's printed buffer sizes, GGUF and safetensors
// file sizes, official parameter counts) with the scenario that should reproduce them, a
// tolerance and a source. Kept as data (tests/reference/*.json); the unit tests assert them and
// `headroom accuracy` prints them, so users see how far to trust each number.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"

namespace headroom {

struct ReferenceCase {
  std::string id;
  std::string quantity;       // an Estimate field: weights_bytes, kv_cache_bytes, parameters.total, ...;
                              // vllm.kv_cache_tokens, vllm.gpu_blocks, vllm.max_concurrency (engine vllm);
                              // parameters.checkpoint: parameters.total plus the MTP layers;
                              // torch_allocated_bytes: total_bytes less the runtime overhead
  std::string scenario_json;  // the Scenario that should reproduce the figure
  double published = 0;       // in `unit`
  std::string unit;           // bytes, MiB, GiB, GB, count, tokens/s, s
  double tolerance = 0;       // relative
  std::string source;
  // Why the figure cannot be reproduced honestly yet (a term the model lacks, a setup not
  // published); the case is still estimated and shown, but not held to its tolerance.
  std::string skipped;
};

struct ReferenceResult {
  ReferenceCase reference;
  double estimated = 0;  // in the case's unit
  double error = 0;      // (estimated - published) / published
  bool pass = false;      // within tolerance
  bool counts() const { return pass || !reference.skipped.empty(); }  // a skipped case never fails the suite
  std::string problem;   // set when the scenario could not be estimated
};

// `name` prefixes error messages. Throws InputError naming the case and field.
std::vector<ReferenceCase> load_reference_cases(std::string_view name, std::string_view text);

// Skipped cases are left out of the results.
std::vector<ReferenceResult> run_reference_cases(const std::vector<ReferenceCase>& cases, const Catalog& catalog);

// The accuracy table as Markdown (docs/ACCURACY.md) or plain text (the CLI).
std::string format_accuracy(const std::vector<ReferenceResult>& results, bool markdown);

}  // namespace headroom
