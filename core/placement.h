// Placement of a model onto devices, the way llama.cpp lays it out: the repeated blocks
// (weights + their KV cache) in order, the last `gpu_layers` of them split across the GPUs in
// proportion to their memory (llama.cpp's default tensor split), the rest on the CPU; the
// routed experts of the first `cpu_moe_layers` MoE blocks in host RAM (--n-cpu-moe); the
// output head on the GPU only when every block is there; the token embedding table in host RAM.
// Automatic placement makes llama.cpp's --fit choices: everything on the GPUs if it fits with
// the engine's free-memory margin, else experts to the CPU first, then blocks, back to front.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "compute_buffer.h"
#include "engine.h"
#include "estimate.h"
#include "hardware.h"
#include "kv_cache.h"
#include "model_weights.h"
#include "scenario.h"

namespace headroom {


struct PlacedDevice {
  const HardwareSpec* spec = nullptr;  // an entry of PlacementInput::devices
  DeviceUsage usage;
  bool holds_output = false;
  bool holds_embedding = false;
  std::int64_t expert_bytes = 0;       // routed experts placed here
  std::int64_t embedding_bytes = 0;    // the token embedding table, if here (one row read per token)
  std::int64_t decode_read_bytes = 0;  // bytes read from this device's memory per generated token
  std::int64_t kv_read_bytes = 0;      //   of which KV cache
  std::int64_t matmul_params = 0;      // parameters multiplied here per token
  std::int64_t expert_params = 0;      //   of which routed-expert parameters
  std::vector<std::int64_t> blocks;    // the blocks whose attention runs here (attention_cost.h)
  double head_share = 1;               //   of their query heads (tensor parallel: 1 / GPUs)
  bool runs_indexer = false;           // holds a DeepSeek-V4 ratio-4 layer (its lightning indexer's scratch)
};

struct Placement {
  std::vector<PlacedDevice> devices;
  std::int64_t gpu_layers = 0;          // blocks on GPUs (llama.cpp -ngl, less the output layer)
  std::int64_t cpu_moe_layers = 0;      // leading blocks whose routed experts stay in host RAM (--n-cpu-moe)
  std::int64_t host_ram_only_bytes = 0;  // in host RAM that is not among the selected devices
  std::vector<std::string> notes;
};

struct PlacementInput {
  const WeightGroups& weights;
  const KvCache& kv;
  const ComputeBuffer& compute;
  const EngineDefaults& engine;
  const Offload& offload;
  std::span<const HardwareSpec* const> devices;  // one per physical device (count expanded); they outlive the Placement
};

Placement place(const PlacementInput& in);

}  // namespace headroom
