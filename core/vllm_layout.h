// vLLM's KV cache sizing (engine "vllm"), per tensor-parallel rank; every rank holds the same.
// vLLM profiles one forward pass of max_num_batched_tokens tokens, then gives the KV cache
// what is left of gpu_memory_utilization x the GPU memory CUDA reports, after the weights,
// the activation peak of that pass and the memory allocated outside PyTorch
// (vllm/v1/worker/gpu_worker.py determine_available_memory). The cache is cut into blocks of
// block_size tokens; capacity = whole blocks x block_size, concurrency = capacity / max_model_len
// (vllm/v1/core/kv_cache_utils.py). Under tensor parallelism weights and attention heads split
// across the ranks; when there are fewer KV heads than ranks each rank keeps one (replicated).
// MLA keeps its latent whole on every rank. Values come from engines.json (VllmDefaults).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine.h"
#include "model_spec.h"

namespace headroom {

struct VllmLayout {
  std::int64_t tensor_parallel_size = 1;
  double gpu_memory_utilization = 0;
  std::int64_t max_num_batched_tokens = 0;    // tokens in the profiling pass
  std::int64_t max_num_seqs = 0;              // requests the scheduler runs at once
  std::int64_t block_size = 0;
  std::int64_t visible_memory_bytes = 0;      // per GPU, as CUDA reports it (0: no GPU selected)
  std::int64_t budget_bytes = 0;              // visible x gpu_memory_utilization
  std::int64_t weights_bytes = 0;             // per rank
  std::int64_t activation_peak_bytes = 0;     // per rank
  std::int64_t non_torch_bytes = 0;           // per rank
  std::int64_t cuda_graph_bytes = 0;          // per rank, beyond the budget
  std::int64_t kv_cache_bytes_available = 0;  // per rank
  std::int64_t kv_bytes_per_token = 0;        // per rank: the layers whose cache grows with the sequence
  std::int64_t kv_bytes_per_request = 0;      // per rank and request: sliding windows and recurrent states
  std::int64_t gpu_blocks = 0;
  std::int64_t kv_cache_tokens = 0;
  double max_concurrency = 0;                 // requests of max_model_len at once
  std::vector<std::string> notes;
};

struct VllmRequest {
  const ModelSpec& spec;
  const VllmDefaults& defaults;
  std::int64_t kv_element_bytes = 2;     // 2 (the model's dtype, f16/bf16) or 1 (fp8)
  std::int64_t tensor_parallel_size = 1;
  std::int64_t weights_bytes = 0;        // whole model
  std::int64_t gpu_memory_bytes = 0;     // spec sheet, one GPU; 0: none selected
  std::string gpu_name;
  std::int64_t max_model_len = 0;
  std::optional<double> gpu_memory_utilization;
  std::optional<std::int64_t> max_num_batched_tokens;
  std::optional<std::int64_t> kv_cache_memory_bytes;
};

// Throws InputError naming "hardware" when the tensor parallel size does not divide the heads.
VllmLayout vllm_layout(const VllmRequest& request);

}  // namespace headroom
