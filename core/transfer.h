// Transfers on a token's path. llama.cpp's layer split hands the hidden state (n_embd f32 values
// per token) to the next device at every boundary along the blocks, and to the device of the
// output head; routed experts kept in host RAM send it to the CPU and back in every such layer.
// vLLM's tensor parallelism all-reduces the hidden state (16-bit) twice per layer, after
// attention and after the MLP. Each hop costs the link's latency plus bytes / its bandwidth
// (hardware.json links).
#pragma once

#include <cstdint>
#include <vector>

#include "engine.h"
#include "estimate.h"
#include "model_spec.h"
#include "placement.h"

namespace headroom {

// llama.cpp's placement. Where the GPU takes over a ubatch's host-RAM matmuls (engine
// op_offload_min_batch), the host's hops vanish from prompt processing.
// `links` only names the links in the working.
std::vector<TokenTransfer> layer_split_transfers(const Placement& placement, const ModelSpec& spec,
                                                 const EngineDefaults& engine, std::int64_t n_ubatch,
                                                 const std::vector<LinkSpec>& links);

// vLLM: `ranks` identical GPUs in one tensor-parallel group.
std::vector<TokenTransfer> tensor_parallel_transfers(const HardwareSpec& gpu, std::int64_t ranks, const ModelSpec& spec,
                                                     std::int64_t n_ubatch, const std::vector<LinkSpec>& links);

}  // namespace headroom
