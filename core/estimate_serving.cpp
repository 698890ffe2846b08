// The vLLM estimate's serving throughput (serving.h): one tensor-parallel rank's step costs from
// the weights, the KV layout and the GPU, and the workload with its defaults patched in.
#include <algorithm>

#include "attention_cost.h"
#include "estimate_parts.h"
#include "errors.h"
#include "transfer.h"

namespace headroom::detail {

ServingEstimate vllm_serving(const Scenario& sc, const ModelSpec& spec, const QuantMix& mix, const ModelWeights& weights,
                             const VllmLayout& v, const HardwareSpec& gpu, const Catalog& catalog,
                             const VllmDefaults& defaults) {
  const VllmServingDefaults& d = defaults.serving;
  const ServingRequest r = sc.serving.value_or(ServingRequest{});
  ServingWorkload w;
  w.requests = r.requests.value_or(d.requests);
  // Defaults shrink to fit a short context; a workload the user gives is checked as given.
  w.prompt_tokens = r.prompt_tokens.value_or(std::min(d.prompt_tokens, sc.context - 1));
  w.output_tokens = r.output_tokens.value_or(std::max<std::int64_t>(std::min(d.output_tokens, sc.context - w.prompt_tokens), 1));
  w.max_num_seqs = v.max_num_seqs;
  w.lengths = r.lengths;
  w.vllm_version = r.vllm_version.empty() ? "latest" : r.vllm_version;
  // vLLM rejects a request longer than --max-model-len.
  if (w.prompt_tokens >= sc.context)
    throw InputError("serving.prompt_tokens", "must be shorter than the context (--max-model-len " + std::to_string(sc.context) +
                                                  ") (got " + std::to_string(w.prompt_tokens) + ")");
  if (w.prompt_tokens + w.output_tokens > sc.context)
    throw InputError("serving.output_tokens", "prompt_tokens + output_tokens must fit the context (--max-model-len " +
                                                  std::to_string(sc.context) + ") (got " + std::to_string(w.prompt_tokens) +
                                                  " + " + std::to_string(w.output_tokens) + ")");

  const WeightGroups& g = weights.groups;
  const double tp = double(v.tensor_parallel_size);
  std::int64_t expert_bytes = 0, params = g.output_params;
  for (std::size_t i = 0; i < g.layer_bytes.size(); ++i) {
    expert_bytes += g.layer_expert_bytes[i];
    params += g.layer_params[i];
  }
  // Attention is linear in the cached tokens here: per key, as attention_cost.h counts it for a
  // sequence at the workload's mean length (sliding windows and linear layers cost less per key).
  std::vector<std::int64_t> blocks(spec.layers.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) blocks[i] = std::int64_t(i);
  const EngineDefaults* vllm_engine = catalog.find_engine("vllm");
  const AttentionKernels kernels = vllm_engine ? vllm_engine->attention.value_or(AttentionKernels{}) : AttentionKernels{};
  const double mean_keys = double(w.prompt_tokens) + double(w.output_tokens) / 2.0;
  const EngineDefaults* llama = catalog.find_engine("llama.cpp");

  ServingStepCosts s;
  s.dense_bytes = double(weights.bytes - g.embedding_bytes - expert_bytes) / tp;
  s.expert_bytes = double(expert_bytes) / tp;
  s.expert_fraction = g.expert_read_fraction;
  s.expert_exponent = llama ? llama->expert_batch_exponent : 1.0;
  s.kv_bytes_per_token = double(v.kv_bytes_per_token);
  s.bandwidth_bytes_per_s = double(gpu.bandwidth_bytes_per_s) * d.decode_bandwidth;
  s.matmul_flops_per_token = 2.0 * double(params) / tp;
  s.attention_flops_per_key = attention_flops_at(spec, blocks, mean_keys, kernels) / mean_keys / tp;
  // FP8 checkpoints run FP8 matmuls where the GPU has FP8 tensor cores (vLLM's w8a8 path);
  // elsewhere (A100) the weights are widened to 16 bits first.
  const bool fp8 = mix.default_type.rfind("FP8", 0) == 0 && gpu.fp8_flops > 0;
  s.compute_flops = (fp8 ? gpu.fp8_flops : gpu.fp16_flops) * d.compute_share;
  for (const TokenTransfer& t : tensor_parallel_transfers(gpu, v.tensor_parallel_size, spec, 1, catalog.links)) {
    s.allreduce_s += double(t.hops) * t.latency_s;
    s.allreduce_s_per_token += double(t.hops) * double(t.bytes_per_hop) / t.bandwidth_bytes_per_s;
  }
  return estimate_serving(w, s, v.kv_cache_tokens, sc.context, d);
}

}  // namespace headroom::detail
