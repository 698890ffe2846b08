// The answer: memory by component and per device, the fit, and the speed. One function
// computes it; every reverse question is a search over it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog.h"
#include "scenario.h"
#include "tensor_inventory.h"
#include "mlx_layout.h"
#include "transformers_layout.h"
#include "vllm_layout.h"

namespace headroom {

struct DeviceUsage {
  std::string name;
  DeviceKind kind = DeviceKind::gpu;
  std::int64_t weights_bytes = 0;
  std::int64_t kv_cache_bytes = 0;
  std::int64_t compute_buffer_bytes = 0;
  std::int64_t overhead_bytes = 0;
  std::int64_t used_bytes = 0;
  std::int64_t capacity_bytes = 0;
  std::int64_t layers = 0;  // repeated blocks placed here
  bool fits = false;
};

// How the model is laid out, in the engine's own terms.
struct Plan {
  std::int64_t gpu_layers = 0;      // blocks on GPUs (llama.cpp -ngl counts the output layer too)
  std::int64_t total_layers = 0;
  std::int64_t cpu_moe_layers = 0;  // leading blocks whose routed experts stay in host RAM
  std::int64_t kv_cells = 0;        // cache cells llama.cpp allocates (-c rounded up to 256)
  bool flash_attention = true;
  std::int64_t n_ubatch = 0;
  std::string lightning_indexer;    // DeepSeek-V4: the build rule its indexer's scratch follows; "" when none
};

// Ready-to-copy settings for the plan.
struct Commands {
  std::string llama_cpp;  // llama-server flags
  std::string ollama;     // Modelfile parameters
  std::string vllm;       // vllm serve arguments (engine "vllm" only; then the other two are empty)
  std::string mlx;        // mlx_lm.generate arguments (engine "mlx" only; then the others are empty)
  std::string transformers;  // Python for model.generate() (engine "transformers" only; likewise)
};

// One device's share of a token's time, with the numbers it was computed from.
struct DeviceSpeed {
  std::string name;
  std::int64_t read_bytes = 0;       // read from this device's memory per generated token
  double bandwidth_bytes_per_s = 0;  // spec sheet
  double bandwidth_share = 1;        // calibrated share of it reached while decoding
  std::int64_t layers = 0;           // blocks here, each paying layer_overhead_s per token
  double layer_overhead_s = 0;
  double flops_per_token = 0;        // prompt processing
  double fp16_flops = 0;             // spec sheet
  double compute_share = 1;          // calibrated share of it reached in prefill
  double decode_s = 0;               // RAM part / (bandwidth x share) + disk part / disk + layers x overhead
  double prefill_s = 0;              // flops_per_token / (fp16_flops x compute_share) + copy_s
  double attention_flops_per_token = 0;  // of flops_per_token: attention over the context (attention_cost.h)
  // Host RAM overflow: llama.cpp's mmap pages what does not fit in from disk. The page cache
  // keeps what every token reads; the overflow is the coldest weights (embedding rows, idle experts).
  std::int64_t ram_overflow_bytes = 0;     // weights past the device's capacity
  std::int64_t disk_read_bytes = 0;        // of read_bytes, those read from disk per token
  double disk_bandwidth_bytes_per_s = 0;
  // Prompt processing with weights in host RAM: llama.cpp runs their matmuls on the first GPU
  // (fp16_flops and compute_share are then that GPU's), the weights crossing its host link once
  // per ubatch; of the routed experts only those the ubatch uses.
  std::string offload_to;              // that GPU; empty when this device computes its own prompt
  double host_link_bytes_per_s = 0;
  std::int64_t ubatch_tokens = 0;      // tokens per ubatch behind copy_s
  std::int64_t copy_bytes = 0;         // copied per ubatch
  double copy_s = 0;                   // per prompt token: copy_bytes / host link / ubatch_tokens
  // Time to first token: the prompt at its own length.
  double prompt_flops_per_token = 0;
  double prompt_attention_flops_per_token = 0;  //   of which attention over the prompt
  double prompt_prefill_s = 0;       // prompt_flops_per_token / (fp16_flops x compute_share)
  double prompt_disk_s = 0;          // the whole prompt: each ubatch pages the overflow in again
  std::int64_t prompt_copy_bytes = 0;  // per ubatch of the prompt (offload_to)
  double prompt_copy_s = 0;            // the whole prompt: each ubatch copies the weights again
  // Batch decode: one step serves every concurrent sequence.
  std::int64_t batch_read_bytes = 0;  // weights once (experts the batch routes to) + every sequence's KV
  double batch_flops = 0;             // sequences x (2 x active parameters + attention)
  double batch_step_s = 0;            // reading + layers x overhead + computing
  bool calibrated = true;
};

// A hand-over on a token's path between devices, and what it costs per token.
struct TokenTransfer {
  std::string what;                  // "layer split", "experts in host RAM", "tensor-parallel all-reduce"
  std::string link;                  // the link's name, "PCIe 4.0 x16"
  std::int64_t hops = 0;             // per token: boundaries crossed, or all-reduces
  std::int64_t bytes_per_hop = 0;    // per token and hop (all-reduce: what one GPU sends, 2(T-1)/T x the vector)
  double bandwidth_bytes_per_s = 0;
  double latency_s = 0;              // per hop
  double decode_s = 0;               // hops x (latency + bytes / bandwidth)
  double prefill_s = 0;              // per prompt token: hops x (bytes / bandwidth + latency / ubatch); 0 where the GPU runs it all
};

// The numbers each figure was computed from, so a front end can show the working. Plain data:
// what the formulas in kv_cache.h, compute_buffer.h and speed.h were given and returned.
struct KvWorking {
  std::string type;                  // cache type, "F16" (K's, when K and V differ)
  std::string v_type;                // V's cache type, "Q4_0"; "" when it is K's
  double bits_per_element = 0;       // K's
  double v_bits_per_element = 0;     // V's
  std::int64_t k_row = 0;            // elements per cell and layer (MLA: latent + rope part)
  std::int64_t v_row = 0;            // 0 for MLA (no V cache)
  std::int64_t bytes_per_cell = 0;   // K + V of one cell in one layer, in the cache's blocks
  std::int64_t cells = 0;            // full-attention layers: context x sequences, padded
  std::int64_t window_cells = 0;     // sliding-window layers
  std::int64_t full_layers = 0;
  std::int64_t window_layers = 0;
  std::int64_t other_layers = 0;     // compressed, linear-attention and SSM layers
  std::int64_t other_bytes = 0;      //   and what they keep
};

struct ComputeWorking {
  std::int64_t ubatch = 0;           // tokens per compute step: min(n_ubatch, cells)
  std::int64_t layer_per_token = 0;  // f32 values live per token in one layer's graph (masks aside)
  std::int64_t mask_cells = 0;       // flash attention: full + sliding-window mask cells
  std::int64_t mask_bytes = 0;       // 6 B (f32 + f16 copy) x ubatch x mask_cells
  std::int64_t layer_bytes = 0;      // mask_bytes + 4 B x ubatch x layer_per_token
  std::int64_t logits_bytes = 0;     // 4 B x ubatch x (n_vocab + n_embd)
  std::int64_t output_bytes = 0;     // the larger of layer (+ indexer) and logits, on the device with the output head
  // DeepSeek-V4's lightning indexer, on each device that runs a ratio-4 layer (one layer's worth):
  std::string indexer_rule;             // engines.json lightning_indexer rule: "fused", "unfused"; "" when none
  std::int64_t indexer_heads = 0;       // index_n_heads
  std::int64_t indexer_cells = 0;       // indexer keys: context / 4, padded to 256
  std::int64_t indexer_cell_bytes = 0;  // per key and ubatch token
  std::int64_t indexer_copies = 0;      // live at the layer's peak
  std::int64_t indexer_bytes = 0;       // ubatch x cells x cell bytes x copies
  std::int64_t indexer_devices = 0;     // devices that run a ratio-4 layer (1 when no hardware is chosen)
};

struct Working {
  std::vector<WeightTypeBytes> weight_types;  // largest first
  KvWorking kv;
  ComputeWorking compute;
  std::vector<DeviceSpeed> speed;  // per device that holds weights
  std::vector<TokenTransfer> transfers;  // added to the devices' times
  double expert_read_fraction = 1;  // MoE: experts per token / experts
};

// Time to first token: the prompt at the prefill rate for its length, then one decode step.
struct FirstToken {
  std::int64_t prompt_tokens = 0;
  double prefill_tokens_per_s = 0;  // at this prompt length (attention grows with it)
  double seconds = 0;               // prompt_tokens / prefill_tokens_per_s + 1 / decode_tokens_per_s
};

// Serving several sequences at once: each decode step reads the weights once (of the routed
// experts, those any sequence picked) and every sequence's KV cache, and multiplies every
// sequence's token; the per-device steps add up as for one token.
struct BatchSpeed {
  std::int64_t concurrency = 0;              // llama.cpp: sequences (-np); vLLM: what its KV cache holds
  double aggregate_tokens_per_s = 0;         // concurrency / step
  double per_sequence_tokens_per_s = 0;      // 1 / step
  double expert_union_fraction = 1;          // MoE: share of the routed experts some sequence reads
  bool compute_bound = false;                // the matmuls take longer than reading the memory
};

struct Estimate {
  ParameterCount parameters;
  std::int64_t weights_bytes = 0;
  std::int64_t kv_cache_bytes = 0;
  std::int64_t compute_buffer_bytes = 0;
  std::int64_t overhead_bytes = 0;
  std::int64_t total_bytes = 0;
  std::vector<DeviceUsage> devices;
  bool fits = false;
  double decode_tokens_per_s = 0;
  double prefill_tokens_per_s = 0;
  FirstToken first_token;
  BatchSpeed batch;
  Plan plan;
  Commands commands;
  std::vector<std::string> warnings;
  std::optional<VllmLayout> vllm;  // engine "vllm": the KV cache vLLM would allocate
  std::optional<ServingEstimate> serving;  // engine "vllm" on a GPU: throughput for a workload
  std::optional<MlxLayout> mlx;    // engine "mlx": mlx-lm's cache steps and prefill working set
  std::optional<TransformersLayout> transformers;  // engine "transformers": DynamicCache and peaks
  Working working;  // not part of the JSON contract
};

// Throws InputError (naming the field) for anything it cannot answer honestly.
Estimate estimate(const Scenario& scenario, const Catalog& catalog);

// Whether vLLM serves a weight format: unquantized and checkpoint formats, not GGUF block mixes
// nor MLX's own format.
bool vllm_serves(const QuantMix& mix, const QuantTable& quants);

// Whether mlx-lm loads a weight format: MLX's own quantization, or unquantized F16/BF16/F32.
bool mlx_serves(const QuantMix& mix);

// Whether Transformers loads a weight format (from_pretrained): unquantized and checkpoint formats.
bool transformers_loads(const QuantMix& mix);

// The model a scenario refers to, resolved against the catalog.
const ModelSpec& resolve_model(const Scenario& scenario, const Catalog& catalog);

}  // namespace headroom
