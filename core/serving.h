// vLLM serving throughput for a workload (engine "vllm"): N requests that all arrive at once
// (vllm bench serve at request rate inf, or vllm bench throughput), each with a prompt of I
// tokens and its own output length. The scheduler runs at most max_num_seqs requests and only
// as many as the KV cache holds; a finished request's slot goes to the next one in line. Each
// decode step serves every running request: it reads one rank's weights once (of the routed
// experts, those some request picks), every running request's KV cache, multiplies every
// request's token, all-reduces across the tensor-parallel ranks and pays the scheduler's CPU
// time. Prompts cost their FLOPs at the same compute share. Output tokens/s = all output tokens
// / (prefill + the sum of the steps). Step costs are linear in the running requests and their
// cached tokens, so the requests' finishes are the only events: the sum between two is closed.
// Shares and scheduler costs are data (engines.json vllm.serving), fitted to published runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine.h"

namespace headroom {

enum class OutputLengths { sharegpt, fixed };
const char* to_string(OutputLengths lengths);

// The workload, defaults patched in (the Estimate's "serving" echoes it).
struct ServingWorkload {
  std::int64_t requests = 0;
  std::int64_t prompt_tokens = 0;   // per request
  std::int64_t output_tokens = 0;   // per request, the mean
  std::int64_t max_num_seqs = 0;
  OutputLengths lengths = OutputLengths::sharegpt;
  std::string vllm_version;         // "latest" or "0.5.4": picks the scheduler's cost
};

// One tensor-parallel rank's step, per term (ranks run in parallel).
struct ServingStepCosts {
  double dense_bytes = 0;              // weights every step reads
  double expert_bytes = 0;             // routed experts on this rank
  double expert_fraction = 1;          // experts per token / experts
  double expert_exponent = 1;          // expert_union_fraction's exponent
  double kv_bytes_per_token = 0;       // one cached token of one request
  double bandwidth_bytes_per_s = 0;    // spec x decode_bandwidth share
  double matmul_flops_per_token = 0;   // 2 x the parameters a token multiplies
  double attention_flops_per_key = 0;  // QK^T and AV over the attention layers
  double compute_flops = 0;            // peak (FP8 where the GPU and checkpoint have it) x compute share
  double allreduce_s = 0;              // per step: the all-reduces' latencies
  double allreduce_s_per_token = 0;    // per token: their bytes over the link
  double per_step_s = 0;               // scheduler CPU time per step
  double per_sequence_s = 0;           //   and per running request
};

struct ServingEstimate {
  ServingWorkload workload;
  std::int64_t kv_cache_tokens = 0;       // what the KV cache holds
  std::int64_t peak_concurrency = 0;      // requests running at once at the start
  std::string limited_by;                 // "max_num_seqs", "kv_cache" or "requests"
  double mean_concurrency = 0;            // over the decode steps
  std::int64_t decode_steps = 0;
  std::int64_t total_prompt_tokens = 0;
  std::int64_t total_output_tokens = 0;
  std::int64_t longest_output = 0;        // the tail: the last request runs alone at the end
  double prefill_s = 0;                   // every prompt's FLOPs at the compute share
  double decode_s = 0;                    // the sum of the steps
  double duration_s = 0;                  // prefill_s + decode_s
  double step_at_peak_s = 0;              // one step with peak_concurrency requests of prompt + output / 2 tokens
  double scheduler_s = 0;                 // of decode_s, the scheduler's CPU time
  double output_tokens_per_s = 0;
  double total_tokens_per_s = 0;          // prompt + output tokens / duration
  ServingStepCosts step;
  std::string scheduler_source;
};

// Output length of request k (arrival order) for a workload; `max_output` caps it (the context left after the prompt).
std::int64_t serving_output_length(const ServingWorkload& w, const VllmServingDefaults& d, std::int64_t k,
                                   std::int64_t max_output);

// Throws InputError naming serving.vllm_version when it cannot be read.
const SchedulerCost& scheduler_cost_for(const VllmServingDefaults& d, const std::string& version);

ServingEstimate estimate_serving(const ServingWorkload& w, const ServingStepCosts& step, std::int64_t kv_cache_tokens,
                                 std::int64_t max_model_len, const VllmServingDefaults& d);

}  // namespace headroom
