// Inference engines and the defaults that change memory: batch sizes, cache padding, the
// memory a runtime takes per device before any model tensor. Values are data (engines.json).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace headroom {

enum class Engine { llama_cpp, vllm, ollama, mlx, transformers };
const char* to_string(Engine engine);
Engine engine_from_string(const std::string& text, const std::string& path);

// How close a device class comes to its spec sheet in this engine, fitted to measurements:
// decode time = bytes read / (bandwidth x decode_bandwidth) + layers x layer_overhead_s,
// prefill time = FLOPs / (fp16_flops x prefill_compute). The first entry whose group prefix
// and kind match a device applies.
struct SpeedCalibration {
  std::string group_prefix;  // "" matches any group
  std::string kind;          // "gpu", "cpu", "unified" or "" for any
  double decode_bandwidth = 1;
  double layer_overhead_s = 0;
  double prefill_compute = 1;
  std::string source;
};

// The share of unified memory the GPU may use by default (Metal's recommendedMaxWorkingSetSize),
// for machines with at most max_memory_bytes (0: no upper bound).
struct UnifiedMemoryShare {
  std::int64_t max_memory_bytes = 0;
  double share = 1;
  std::string source;
};

// The memory a reserve list entry leaves out of a GPU's spec-sheet memory: CUDA reports less
// total memory than the card carries (driver, ECC, display), for cards of at most
// max_memory_bytes (0: no upper bound).
struct VisibleMemoryReserve {
  std::int64_t max_memory_bytes = 0;
  std::int64_t reserve_bytes = 0;
  std::string source;
};

// vLLM's own defaults (engines.json "vllm" block of the vllm entry): how it sizes the KV cache.
// KV bytes per GPU = visible memory x gpu_memory_utilization - weights - activation peak of the
// profiling run - memory outside PyTorch; CUDA graphs are captured after the cache is allocated.
// vLLM's scheduler: CPU time per decode step and per running request, for vLLM versions up to
// max_version ("" for the newest). Before 0.6 the API server and the scheduler shared one
// process with the GPU's work; later versions overlap most of it.
struct SchedulerCost {
  std::string max_version;  // "0.5": every 0.5.x and older
  double per_step_s = 0;
  double per_sequence_s = 0;
  std::string source;
};

// Serving throughput (serving.h): the shares of the GPU a step reaches, the scheduler's cost by
// version, and the default workload (ShareGPT's mean lengths) with its output-length shape.
struct VllmServingDefaults {
  double decode_bandwidth = 0.912;  // share of the spec-sheet bandwidth a step reads at
  double compute_share = 0.25;      // share of the dense peak (FP8 for FP8 checkpoints) the matmuls reach
  std::vector<SchedulerCost> scheduler;  // ascending max_version; the last has none
  std::int64_t requests = 1000;
  std::int64_t prompt_tokens = 217;
  std::int64_t output_tokens = 201;
  std::vector<double> sharegpt_output_quantiles;  // output / mean at 0, 1/(n-1), ..., 1
  std::string source;
};

struct VllmDefaults {
  double gpu_memory_utilization = 0.9;
  std::int64_t block_size = 16;                   // tokens per KV block
  std::int64_t max_num_batched_tokens = 2048;     // tokens in the profiling forward pass (vllm serve)
  std::int64_t large_gpu_max_num_batched_tokens = 8192;
  std::int64_t large_gpu_min_memory_bytes = 0;    // GPUs with at least this much memory use the larger budget
  std::string large_gpu_exclude;                  // ... unless their name contains this ("A100")
  std::int64_t max_num_seqs = 256;                // requests decoded together at most (--max-num-seqs)
  std::int64_t large_gpu_max_num_seqs = 1024;     //   on the large GPUs above
  double activation_hidden_factor = 3;            // activation elements per batched token:
  double activation_intermediate_factor = 3;      //   hidden x this + FFN width per rank x that
  std::int64_t activation_dtype_bytes = 2;
  std::int64_t non_torch_bytes = 0;               // NCCL, CUDA context allocations outside PyTorch, per GPU
  std::int64_t cuda_graph_bytes = 0;              // captured after the KV cache, beyond the budget, per GPU
  std::vector<VisibleMemoryReserve> visible_memory_reserve;  // ascending max_memory_bytes
  VllmServingDefaults serving;

  std::int64_t reserve_for(std::int64_t memory_bytes) const;
  std::string source;
};

// mlx-lm's own defaults (engines.json "mlx" block of the mlx entry): how mlx_lm.generate and
// mlx_lm.server hold a model in Metal memory. mx.get_peak_memory() = weights + the KV cache grown
// in kv_step-token steps + the working set of the largest prefill step.
struct MlxDefaults {
  std::int64_t kv_step = 256;              // KVCache.step: the cache grows by whole steps
  std::int64_t prefill_step_size = 2048;   // generate_step: prompt tokens per forward pass
  double activation_hidden_factor = 3;     // live activation elements per prefill token:
  double activation_intermediate_factor = 3;  //   hidden x this + FFN width x that
  std::int64_t activation_dtype_bytes = 2;
  double wired_warning_share = 0.9;        // mlx-lm warns above this share of the working set
  std::string source;
};

// Hugging Face Transformers' defaults (engines.json "transformers" block): model.generate() with
// the DynamicCache, as torch.cuda.max_memory_allocated() sees it. The CUDA context is outside it
// (gpu_runtime_overhead_bytes).
struct TransformersDefaults {
  std::int64_t cublas_workspace_bytes = 0;  // PyTorch's cuBLAS workspaces, from its caching allocator
  double prefill_hidden_factor = 2;         // hidden-wide activations live per prompt token in prefill
  std::int64_t activation_dtype_bytes = 2;
  std::int64_t logits_dtype_bytes = 4;      // the last token's logits, upcast for sampling
  std::string source;
};

// How much llama.cpp's graph holds for DeepSeek-V4's lightning indexer in one ratio-4 layer, by
// build: (head_bytes x index_n_heads + cell_bytes) per indexer cell and ubatch token, times the
// copies live at once. "fused" builds score with one op (ggml_lightning_indexer), "unfused" ones
// hold the per-head f32 scores (engines.json lightning_indexer).
struct IndexerRule {
  std::string id;
  std::string builds;  // which builds follow it, as the warning names them
  std::int64_t head_bytes = 0;
  std::int64_t cell_bytes = 0;
  std::int64_t copies = 1;
  std::string source;
};

// A context length an engine picks by itself for machines whose GPUs hold less than
// max_vram_bytes in all (0: no upper bound): Ollama's num_ctx when none is set.
struct DefaultContext {
  std::int64_t max_vram_bytes = 0;
  std::int64_t context = 0;
};

// How an engine's kernels run attention (attention_cost.h).
struct AttentionKernels {
  enum class Mla : std::uint8_t { absorbed, absorbed_decode, expanded };
  Mla mla = Mla::absorbed_decode;  // absorbed for every token, for decode only, or never
  bool sparse_topk_only = false;   // DeepSeek-V4 ratio 4: the indexer's picks only, not a mask over all
};

struct EngineDefaults {
  std::string id;
  // The engine this one wraps (Ollama runs llama.cpp): its speed calibrations, unified-memory
  // shares, expert and disk figures are that engine's, so only the defaults that differ are data.
  std::string runs_on;
  std::vector<DefaultContext> default_context;  // ascending max_vram_bytes; empty: none
  std::int64_t n_ubatch = 512;           // tokens per compute step (llama.cpp -ub)
  std::int64_t kv_context_padding = 256;  // the cache holds n_ctx rounded up to this
  bool flash_attention = true;
  std::int64_t gpu_runtime_overhead_bytes = 0;  // CUDA/ROCm/Metal context, per GPU
  std::int64_t cpu_runtime_overhead_bytes = 0;  // process, libraries, per host
  std::int64_t fit_margin_bytes = 0;            // free memory automatic placement leaves per GPU
  std::vector<SpeedCalibration> speed;
  // Routed-expert matmuls in prompt processing reach this share of the dense rate when each
  // expert gets expert_prefill_tokens rows per ubatch; with t rows the share is t / (t + t0),
  // t0 fixed by that point (more rows per expert, closer to a dense matmul).
  double expert_prefill_efficiency = 1;
  double expert_prefill_tokens = 0;  // 0: the share is the same at every ubatch
  // Batch decode: distinct experts read by B sequences behave like B^exponent independent picks
  // (tokens in a batch favour the same experts).
  double expert_batch_exponent = 1;
  std::int64_t disk_read_bytes_per_s = 0;  // weights paged in from disk (mmap) past host RAM; 0: not modelled
  // A matmul of at least this many tokens whose weights sit in host RAM runs on the GPU, the
  // weights copied over the GPU's host link (llama.cpp's scheduler asks the backend offload_op).
  // 0: the engine computes them where they sit.
  std::int64_t op_offload_min_batch = 0;
  // How its kernels run MLA and DeepSeek-V4's sparse layers; unset: the defaults, or those of
  // the engine it runs on.
  std::optional<AttentionKernels> attention;
  std::vector<UnifiedMemoryShare> unified_memory;  // ascending max_memory_bytes
  std::vector<IndexerRule> indexer_rules;          // llama.cpp builds; empty: the indexer is not modelled
  std::string default_indexer_rule;                // the id of the one current builds follow
  std::optional<VllmDefaults> vllm;                 // the vllm entry only
  std::optional<MlxDefaults> mlx;                   // the mlx entry only
  std::optional<TransformersDefaults> transformers;  // the transformers entry only

  // The context the engine picks when told none, for GPUs of `vram_bytes` in all; 0 when none.
  std::int64_t context_default_for(std::int64_t vram_bytes) const;

  // The indexer rule of that id ("" asks for the default); nullptr when there is none.
  const IndexerRule* find_indexer_rule(const std::string& rule_id) const;

  // What a unified-memory device's GPU may hold by default.
  std::int64_t unified_memory_limit(std::int64_t memory_bytes) const;
  std::string source;
};

}  // namespace headroom
