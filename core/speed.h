// Speed: a generated token reads every weight it multiplies and the KV cache once
// (memory-bound), a prompt token costs 2 FLOPs per multiplied parameter plus attention
// (compute-bound). Devices that hold consecutive blocks run one after the other, so their
// times add. Each device class reaches a calibrated share of its spec sheet and pays a fixed
// per-layer cost per token (kernel launches), fitted to llama-bench results (engines.json).
// Weights past host RAM are paged in from disk (mmap) at the disk's speed. A batch of
// sequences shares each step's weight reads and adds its matmuls (BatchSpeed in estimate.h).
#pragma once

#include <vector>

#include "attention_cost.h"
#include "estimate.h"  // DeviceSpeed
#include "model_spec.h"
#include "engine.h"
#include "placement.h"

namespace headroom {

struct SpeedQuery {
  std::int64_t context = 0;        // tokens in the cache when a token is generated; prefill_tokens_per_s's prompt
  std::int64_t prompt_tokens = 0;  // the prompt before the first token
  std::int64_t concurrency = 1;    // sequences decoded together
  std::int64_t kv_sequences = 1;   // sequences whose cache PlacedDevice::kv_read_bytes covers
  std::int64_t n_ubatch = 512;     // prompt tokens per compute step (each step reads the weights once)
  double expert_read_fraction = 1;  // MoE: experts per token / experts
  double disk_bandwidth_bytes_per_s = 0;  // 0: overflowing weights are counted at RAM speed
  std::vector<TokenTransfer> transfers;    // hand-overs between devices (transfer.h), added to every time
  AttentionKernels kernels;  // the engine's (EngineDefaults::attention)
};

struct Speed {
  double decode_tokens_per_s = 0;
  double prefill_tokens_per_s = 0;
  FirstToken first_token;
  BatchSpeed batch;
  bool calibrated = true;  // false when some device has no calibration for this engine
  bool reads_disk = false;  // some weights are paged in from disk every token
  std::vector<DeviceSpeed> devices;  // the devices that hold weights, in placement order
  std::vector<TokenTransfer> transfers;
};

Speed estimate_speed(const Placement& placement, const ModelSpec& spec, const SpeedQuery& query,
                     const EngineDefaults& engine);

// The calibration that applies to a device, or nullptr.
const SpeedCalibration* calibration_for(const HardwareSpec& device, const EngineDefaults& engine);

// Share of a layer's routed experts that at least one of `tokens` tokens reads, each picking
// `fraction` of them: 1 - (1 - fraction)^(tokens^exponent); exponent 1 is independent uniform picks.
double expert_union_fraction(double fraction, std::int64_t tokens, double exponent = 1.0);

// The share of the dense matmul rate routed experts reach in prompt processing, each expert
// getting `rows` tokens of a ubatch (engine.expert_prefill_*).
double expert_prefill_share(const EngineDefaults& engine, double rows);

}  // namespace headroom
